"""The fast ``config`` path gives exactly what the click command gives, or hands over to it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from composedoc.cli.fast import parse_config

TESTS = Path(__file__).resolve().parent
STACKS = TESTS.parent / "site_examples" / "stacks"
CLICK = "import sys; from composedoc.cli import main; main(prog_name='composedoc')"


def _run(args: list[str], cwd: Path, *, fast: bool) -> tuple[int, bytes, bytes]:
    """``python -m composedoc`` (entry point with the fast path) or click's command alone."""
    entry = ["-m", "composedoc"] if fast else ["-c", CLICK]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd), "LANG": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, *entry, *args], cwd=cwd, env=env, capture_output=True, check=False
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["config"], {}),
        (
            ["config", "-f", "a.yml", "--file=b.yml", "--file", "c.yml"],
            {"files": ["a.yml", "b.yml", "c.yml"]},
        ),
        (["config", "--format", "json", "--all-resources"], {"fmt": "json", "all_resources": True}),
        (["config", "-p", "x", "--project-name=y"], {"project_name": "y"}),
        (["config", "--profile", "a", "--profile=b"], {"profiles": ["a", "b"]}),
        (
            ["config", "--env-file", "e", "--strict-paths"],
            {"env_files": ["e"], "strict_paths": True},
        ),
        (["config", "--project-directory", "d"], {"project_directory": "d"}),
        (["config", "-f", ""], {"files": [""]}),
    ],
)
def test_plain_config_lines_take_the_fast_path(
    args: list[str], expected: dict[str, object]
) -> None:
    opts = parse_config(args)
    assert opts is not None
    assert {k: v for k, v in opts.items() if v not in (None, [], False, "yaml")} == expected


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["render"],
        ["--version"],
        ["config", "--help"],
        ["config", "-h"],
        ["config", "-fa.yml"],
        ["config", "-f"],
        ["config", "-f", "-x"],
        ["config", "--format", "toml"],
        ["config", "--format=YAML"],
        ["config", "--strict-paths=1"],
        ["config", "--fil", "a"],
        ["config", "extra"],
        ["config", "--"],
        ["graph", "config"],
    ],
)
def test_anything_else_goes_to_click(args: list[str]) -> None:
    assert parse_config(args) is None


def _stack(tmp_path: Path, name: str) -> Path:
    work = tmp_path / name
    shutil.copytree(STACKS / name, work)
    return work


def _project(tmp_path: Path, text: str) -> Path:
    work = tmp_path / "proj"
    work.mkdir()
    (work / "compose.yaml").write_text(text, "utf-8")
    return work


CASES = {
    "warnings": 'version: "3"\nservices:\n  web:\n    image: "nginx:${TAG}"\n',
    "ansi-error": 'services:\n  web:\n    image: "nginx:${TAG\x1b[31mX}"\n',
    "error": "services:\n  web:\n    image: [\n",
    "schema": "services:\n  web:\n    imagee: nginx\n",
}


@pytest.mark.parametrize("name", ["voting", "todo", "shop"])
@pytest.mark.parametrize("extra", [[], ["--format", "json"], ["--all-resources"]])
def test_same_output_as_click_on_the_example_stacks(
    tmp_path: Path, name: str, extra: list[str]
) -> None:
    work = _stack(tmp_path, name)
    fast = _run(["config", *extra], work, fast=True)
    assert fast[0] == 0, fast[2]
    assert fast == _run(["config", *extra], work, fast=False)


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_warnings_and_errors_as_click(tmp_path: Path, case: str) -> None:
    work = _project(tmp_path, CASES[case])
    fast = _run(["config"], work, fast=True)
    assert fast == _run(["config"], work, fast=False)
    assert fast[2], "the case should print a warning or an error"


def test_escape_sequences_in_warnings_are_stripped_as_click_does(tmp_path: Path) -> None:
    work = _project(tmp_path, 'version: "3"\nservices:\n  web:\n    image: nginx\n')
    (work / "compose.yaml").rename(work / "a\x1b[31mb.yaml")
    fast = _run(["config", "-f", "a\x1b[31mb.yaml"], work, fast=True)
    assert fast == _run(["config", "-f", "a\x1b[31mb.yaml"], work, fast=False)
    assert b"WARN " in fast[2]
    assert b"\x1b" not in fast[2]


def test_same_usage_errors_as_click(tmp_path: Path) -> None:
    work = _stack(tmp_path, "voting")
    for args in (["config", "--format", "toml"], ["config", "-f", "missing.yaml"]):
        fast = _run(args, work, fast=True)
        assert fast[0] != 0
        assert fast == _run(args, work, fast=False)
