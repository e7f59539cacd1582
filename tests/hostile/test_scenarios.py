"""Hostile scenarios that need more than one file: injection, paths outside the project,
output folders with traps in them, and big inputs generated at test time (never committed).

Each scenario is listed in manifest.yaml (``scenarios:`` and ``generated:``) with its
expected outcome; this module holds the set-up and the checks.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from runner import Result, clean_env, run_cli

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
MANIFEST: dict[str, Any] = yaml.safe_load((HERE / "manifest.yaml").read_text("utf-8"))
SCENARIOS = {s["id"]: s for s in MANIFEST["scenarios"]}
GENERATED = {g["id"]: g for g in MANIFEST["generated"]}
SECRET = re.compile(r"s3cr3t-[a-z]+(-[a-z]+)?-[0-9a-f]{3}")


def _xfail(entry: dict[str, Any]) -> None:
    """Scenario entries may name a known bug; strict: the test flips when it is fixed."""
    if entry.get("xfail"):
        pytest.xfail(entry["xfail"])  # imperative: reached only after the failing check


def _available_formats() -> list[str]:
    from composedoc.diagram.outputs import FORMATS

    return [f for f in ("svg", "dot", "mermaid", "md", "json") if f in FORMATS]


def _no_traceback(result: Result) -> None:
    assert "Traceback" not in result.stderr, result.stderr[-3000:]


# ----------------------------------------------------------------------------- injection
def _check_svg(data: bytes) -> None:
    root = ET.fromstring(data)  # well-formed XML, or this raises
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag not in {"script", "foreignObject", "iframe", "object", "embed"}, tag
        for key, value in element.attrib.items():
            name = key.rsplit("}", 1)[-1].lower()
            assert not name.startswith("on"), (name, value[:80])
            assert "javascript:" not in value.lower(), (name, value[:80])
            if name in {"href", "src"}:
                assert value.startswith(("#", "data:")), f"external reference {value[:80]}"


def _check_mermaid(text: str) -> list[str]:
    """Problems in a Mermaid file built from hostile labels (empty list: none)."""
    problems = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("click ") or "javascript:" in stripped.lower():
            problems.append(f"interaction line: {stripped[:80]}")
        if "<script" in stripped.lower():
            problems.append(f"raw script: {stripped[:80]}")
    if re.search(r"%%\{", text):
        problems.append("a %%{...}%% directive from user text (Mermaid reads it anywhere)")
    return problems


def test_injection_is_escaped_in_every_format(tmp_path: Path) -> None:
    entry = SCENARIOS["injection"]
    project = tmp_path / "proj"
    project.mkdir()
    shutil.copyfile(CORPUS / "injection.yaml", project / "compose.yaml")
    home = tmp_path / "home"
    home.mkdir()
    formats = ",".join(_available_formats())
    result = run_cli(["render", "-o", "../out", "--format", formats], project, clean_env(home))
    _no_traceback(result)
    assert result.code == 0, result.stderr
    out = tmp_path / "out"
    graph = run_cli(["graph"], project, clean_env(home))
    assert graph.code == 0
    json.loads(graph.stdout)
    problems: list[str] = []
    for path in sorted(out.iterdir()):
        data = path.read_bytes()
        if path.suffix == ".svg":
            _check_svg(data)
        elif path.suffix == ".mmd":
            problems += [f"{path.name}: {p}" for p in _check_mermaid(data.decode())]
        elif path.suffix == ".dot":
            nodes = _dot_nodes(path)
            assert not [n for n in nodes if "evil_" in n], nodes
        elif path.suffix == ".md":
            text = data.decode()
            assert "<script" not in text.lower() and "](javascript:" not in text.lower()
    if problems:
        _xfail(entry)
    assert not problems, problems


def _dot_nodes(path: Path) -> list[str]:
    """Node names as Graphviz parses the file: injected DOT would add nodes."""
    import subprocess

    done = subprocess.run(
        ["dot", "-Tjson0", str(path)], capture_output=True, check=False, timeout=60
    )
    if done.returncode != 0 and not done.stdout:
        pytest.skip("Graphviz dot is not available")
    return [o.get("name", "") for o in json.loads(done.stdout).get("objects", [])]


# ----------------------------------------------------------------------------- outside
def _outside_project(tmp_path: Path) -> tuple[Path, Path]:
    """The outside-project case under a fake home: ~/work/{proj,elsewhere} plus symlinks."""
    home = tmp_path / "home" / "user"
    work = home / "work"
    shutil.copytree(CORPUS / "outside-project", work)
    proj = work / "proj"
    (proj / "linked.env").symlink_to("../elsewhere/linked-target.env")
    (proj / "linked-dir").symlink_to("../elsewhere/data")
    (proj / "linked-config").symlink_to("../elsewhere/config.txt")
    (home / "cache").mkdir()
    return home, proj


def test_files_outside_the_project_load_but_never_show(tmp_path: Path) -> None:
    home, proj = _outside_project(tmp_path)
    before = _digest(proj), _digest(proj.parent / "elsewhere")
    env = clean_env(home)
    config = run_cli(["config"], proj, env)
    _no_traceback(config)
    assert config.code == 0, config.stderr
    graph = run_cli(["graph"], proj, env)
    assert graph.code == 0, graph.stderr
    formats = ",".join(_available_formats())
    render = run_cli(["render", "-o", "../out", "--format", formats], proj, env)
    assert render.code == 0, render.stderr
    shown = {"graph": graph.stdout, "render messages": render.stderr + render.stdout}
    for path in sorted((proj.parent / "out").iterdir()):
        shown[path.name] = path.read_bytes().decode("utf-8", "replace")
    for name, text in shown.items():
        assert not SECRET.search(text), f"{name} shows {SECRET.search(text)}"
        assert str(tmp_path) not in text, f"{name} shows an absolute path under the home"
    ids = {n["id"] for n in json.loads(graph.stdout)["nodes"]}
    assert {"bind:~/cache", "bind:../elsewhere/data", "bind:/etc/hostname"} <= ids
    assert (_digest(proj), _digest(proj.parent / "elsewhere")) == before


def test_strict_paths_refuses_files_outside(tmp_path: Path) -> None:
    entry = SCENARIOS["strict-paths"]
    home, proj = _outside_project(tmp_path)
    result = run_cli(["config", "--strict-paths"], proj, clean_env(home))
    _no_traceback(result)
    if result.code != 1:
        _xfail(entry)
    assert result.code == 1
    assert re.search(entry["message"], result.stderr), result.stderr


# ----------------------------------------------------------------------------- outputs
def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _small_project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    project = tmp_path / "proj"
    project.mkdir()
    (project / "compose.yaml").write_text("services:\n  web:\n    image: nginx\n")
    home = tmp_path / "home"
    home.mkdir()
    return project, clean_env(home)


def test_output_never_writes_through_a_symlink(tmp_path: Path) -> None:
    project, env = _small_project(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "proj.dot").symlink_to(victim)
    (out / "proj.mmd").symlink_to(tmp_path / "does-not-exist")
    result = run_cli(["render", "-o", "../out", "--format", "dot,mermaid"], project, env)
    _no_traceback(result)
    assert result.code == 0, result.stderr
    assert victim.read_text() == "keep me\n"
    assert not (tmp_path / "does-not-exist").exists()
    assert not (out / "proj.dot").is_symlink()
    assert (out / "proj.dot").read_text().startswith(("digraph", "strict digraph", "//"))


@pytest.mark.parametrize("name", ["../escape", "a/b", "..", ".hidden", "/tmp/abs"])
def test_output_name_cannot_leave_the_folder(tmp_path: Path, name: str) -> None:
    project, env = _small_project(tmp_path)
    result = run_cli(["render", "-o", "../out", "--format", "dot", "--name", name], project, env)
    _no_traceback(result)
    assert result.code in (1, 2), result.stderr
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written == ["proj/compose.yaml"], written


def test_no_partial_files_after_an_error(tmp_path: Path) -> None:
    project, env = _small_project(tmp_path)
    out = tmp_path / "out"
    first = run_cli(["render", "-o", "../out", "--format", "dot,mermaid"], project, env)
    assert first.code == 0, first.stderr
    before = _digest(out)
    (project / "compose.yaml").write_text("services:\n  web:\n    image: [\n")
    second = run_cli(["render", "-o", "../out", "--format", "dot,mermaid"], project, env)
    _no_traceback(second)
    assert second.code == 1
    assert _digest(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["proj.dot", "proj.mmd"]


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    project, env = _small_project(tmp_path)
    (tmp_path / "out").write_text("a file\n")
    result = run_cli(["render", "-o", "../out", "--format", "dot"], project, env)
    _no_traceback(result)
    assert result.code == 1
    assert "not a directory" in result.stderr
    assert (tmp_path / "out").read_text() == "a file\n"


# ----------------------------------------------------------------------------- generated
def _services(n: int) -> str:
    return "services:\n" + "".join(f"  s{i}:\n    image: nginx:1.27\n" for i in range(n))


def _fifty_megabytes() -> str:
    parts = ["services:\n"]
    size = 10
    i = 0
    while size < 50 * 1024 * 1024:
        block = (
            f"  svc{i}:\n    image: registry.example.com/app{i}:1.0\n    environment:\n"
            + "".join(
                f"      VAR_{j}: value-{i}-{j}-abcdefghijklmnop\n" for j in range(250)
            )  # under max_services
        )
        parts.append(block)
        size += len(block)
        i += 1
    return "".join(parts)


def _chain(n: int, key: str) -> str:
    """``a0 -> a1 -> ... -> a(n-1)`` through ``key`` (extends, depends_on, network_mode)."""
    value = {"extends": "a{}", "depends_on": "[a{}]", "network_mode": "service:a{}"}[key]
    return "services:\n" + "".join(
        f"  a{i}:\n    image: x\n" + (f"    {key}: {value.format(i + 1)}\n" if i < n - 1 else "")
        for i in range(n)
    )


def _build(kind: str) -> bytes:
    if kind.startswith("chain-"):
        _, key, n = kind.split("-")
        return _chain(int(n), key).encode()
    if kind == "services-5k":
        return _services(5_000).encode()
    if kind == "services-5001":
        return _services(5_001).encode()
    if kind == "services-100k":
        return _services(100_000).encode()
    if kind == "file-50mb":
        return _fifty_megabytes().encode()
    if kind == "file-over-limit":
        return (b"# " + b"x" * 78 + b"\n") * (65 * 1024 * 1024 // 80 + 1)
    if kind == "long-scalar":
        return b"services:\n  web:\n    image: nginx\n    labels:\n      a: " + b"x" * (20 << 20)
    if kind == "port-ranges":
        ports = "".join(f'      - "127.0.0.{i}:1-65535:1-65535"\n' for i in range(1, 7))
        return f"services:\n  web:\n    image: nginx\n    ports:\n{ports}".encode()
    if kind == "label-backtrack":
        word = "a" * (50 << 10)
        return (
            f"services:\n  web:\n    image: nginx:{'b' * (200 << 10)}\n    labels:\n"
            f"      a: {word}\n    command: [sh, -c, '{'c' * (60 << 10)} x']\n"
        ).encode()
    if kind == "long-interpolation":
        return (
            b'services:\n  web:\n    image: nginx\n    labels:\n      a: "'
            + b"${X:-a}" * (1 << 20)
            + b'"\n'
        )
    raise AssertionError(kind)


def _generated() -> list[Any]:
    params = []
    for entry in MANIFEST["generated"]:
        marks = [pytest.mark.slow] if entry.get("slow") else []
        params.append(pytest.param(entry, id=entry["id"], marks=marks))
    return params


@pytest.mark.parametrize("entry", _generated())
def test_generated_input(entry: dict[str, Any], tmp_path: Path) -> None:
    """Big inputs: succeed, or fail fast with a clear message, in 20 CPU s and 2 GB."""
    if entry.get("slow") and not os.environ.get("COMPOSEDOC_BIG"):
        pytest.skip("over 10 s of CPU: set COMPOSEDOC_BIG=1 to run it")
    project, env = _small_project(tmp_path)
    (project / "compose.yaml").write_bytes(_build(entry["kind"]))
    args = list(entry["command"])
    result = run_cli(args, project, env, cpu=float(entry.get("cpu", 20)))
    ok = result.code == entry["exit"] and result.cpu < float(entry.get("cpu", 20))
    ok = ok and "Traceback" not in result.stderr
    if entry.get("message"):
        ok = ok and re.search(entry["message"], result.stderr) is not None
    if not ok:
        _xfail(entry)
    _no_traceback(result)
    assert result.code == entry["exit"], result.stderr[-2000:]
    assert result.cpu < float(entry.get("cpu", 20))
    if entry.get("message"):
        assert re.search(entry["message"], result.stderr), result.stderr[-2000:]


# ----------------------------------------------------------------------------- determinism
def test_same_bytes_across_processes(tmp_path: Path) -> None:
    """Hostile text must not make output depend on the hash seed (set or dict order)."""
    home, proj = _outside_project(tmp_path)
    shutil.copyfile(CORPUS / "injection.yaml", proj / "inject.yaml")
    runs = []
    for seed in ("0", "4242"):
        env = {**clean_env(home), "PYTHONHASHSEED": seed}
        out = f"../out-{seed}"
        render = run_cli(["render", "-o", out, "--format", "dot,mermaid"], proj, env)
        assert render.code == 0, render.stderr
        graph = run_cli(["graph", "-f", "inject.yaml"], proj, env)
        assert graph.code == 0, graph.stderr
        files = {p.name: p.read_bytes() for p in sorted((proj.parent / out[3:]).iterdir())}
        runs.append((graph.stdout, files))
    assert runs[0] == runs[1]
