"""The hostile corpus: every file in corpus/ gives its expected outcome (manifest.yaml).

For each case and each command (``config``, ``graph``, ``render``) the real CLI runs in a
subprocess limited to 2 GB of address space and 20 CPU seconds. It must exit as expected,
never print a traceback, and report errors as ``file:line:col: message``.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from runner import CPU_SECONDS, Result, clean_env, run_cli

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
MANIFEST: dict[str, Any] = yaml.safe_load((HERE / "manifest.yaml").read_text("utf-8"))
COMMANDS = ("config", "graph", "render")
LOCATED = re.compile(r"^[^\s:]+:\d+:\d+: \S")
NAMED = re.compile(r"^[^\s:]+(:\d+:\d+)?: \S")


def _cases() -> list[Any]:
    params = []
    for case in MANIFEST["cases"]:
        for command in case.get("commands", COMMANDS):
            marks = []
            if case.get("xfail") and command in case.get("xfail_on", COMMANDS):
                marks.append(pytest.mark.xfail(reason=case["xfail"], strict=True))
            params.append(pytest.param(case, command, id=f"{case['case']}-{command}", marks=marks))
    return params


def stage(case: str, tmp: Path) -> tuple[Path, list[str]]:
    """Copy a case into a fresh project folder; the ``-f`` flags it needs."""
    project = tmp / "proj"
    source = CORPUS / case
    if case.endswith("/"):
        shutil.copytree(source, project)
        return project, []
    project.mkdir()
    shutil.copyfile(source, project / source.name)
    return project, ["-f", source.name]


def run_case(
    case: str, command: str, tmp: Path, cpu: float = CPU_SECONDS, memory_mb: int = 2048
) -> Result:
    project, files = stage(case, tmp)
    args = [command, *files]
    if command == "render":
        args += ["-o", "../out", "--format", "dot,mermaid"]
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    return run_cli(args, project, clean_env(home), cpu=cpu, memory=memory_mb * 1024 * 1024)


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_corpus_is_large_enough_and_listed() -> None:
    """At least 40 hostile inputs, and each file of corpus/ has an expected outcome."""
    listed = {c["case"].rstrip("/") for c in MANIFEST["cases"]}
    listed |= {s["case"].rstrip("/") for s in MANIFEST.get("scenarios", []) if "case" in s}
    present = {p.name for p in CORPUS.iterdir()}
    assert present <= listed, f"no expected outcome for {sorted(present - listed)}"
    assert listed <= present, f"listed but missing: {sorted(listed - present)}"
    assert len(listed) >= 40


@pytest.mark.parametrize(("case", "command"), _cases())
def test_case(case: dict[str, Any], command: str, tmp_path: Path) -> None:
    cpu = float(case.get("cpu", CPU_SECONDS))
    before = digest(CORPUS / case["case"]) if case["case"].endswith("/") else None
    result = run_case(case["case"], command, tmp_path, cpu, int(case.get("memory_mb", 2048)))
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.cpu < cpu, f"{result.cpu:.1f} CPU seconds"
    expected = case.get("exit")
    if expected is None:
        assert result.code in (0, 1), result.stderr[-2000:]
    else:
        assert result.code == expected, result.stderr[-2000:]
    if result.code == 1:
        first = result.message.splitlines()[0] if result.message else ""
        pattern = LOCATED if case.get("located", True) else NAMED
        assert pattern.match(first), f"not file:line:col: message: {first!r}"
    if case.get("message") and result.code == 1:
        assert re.search(case["message"], result.message, re.MULTILINE), result.message
    if result.code == 0 and command == "render":
        assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".dot", ".mmd"]
    if result.code != 0 and command == "render":
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    if before is not None:
        assert digest(CORPUS / case["case"]) == before
    if command not in case.get("xfail_on", COMMANDS):
        # config prints absolute paths as Docker Compose does; graph and messages never do
        shown = result.stderr + (result.stdout if command == "graph" else "")
        assert str(tmp_path) not in shown, "absolute path shown"
