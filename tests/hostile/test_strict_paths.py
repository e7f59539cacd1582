"""``--strict-paths`` follows symlinks for every file it may read or send to a build:
``.env``, the compose file, the Dockerfile, ``dockerfile:`` and the build context."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from runner import clean_env, run_cli

HERE = Path(__file__).resolve().parent
MANIFEST = yaml.safe_load((HERE / "manifest.yaml").read_text("utf-8"))
ENTRY = next(s for s in MANIFEST["scenarios"] if s["id"] == "strict-paths-symlinks")
IMAGE = "services:\n  web:\n    image: alpine\n"
BUILD = "services:\n  web:\n    build: .\n"


def _setup(tmp_path: Path, case: str) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.env").write_text("TAG=s3cr3t-outside\n")
    (outside / "Dockerfile").write_text("FROM alpine\n")
    (outside / "compose.yaml").write_text(IMAGE)
    proj = tmp_path / "proj"
    proj.mkdir()
    if case == "env":
        (proj / ".env").symlink_to("../outside/x.env")
        (proj / "compose.yaml").write_text(IMAGE)
    elif case == "dockerfile-link":
        (proj / "Dockerfile").symlink_to("../outside/Dockerfile")
        (proj / "compose.yaml").write_text(BUILD)
    elif case == "dockerfile-key":
        text = "services:\n  web:\n    build: {context: ., dockerfile: ../outside/Dockerfile}\n"
        (proj / "compose.yaml").write_text(text)
    elif case == "context":
        (proj / "compose.yaml").write_text("services:\n  web:\n    build: ../outside\n")
    elif case == "compose-link":
        (proj / "compose.yaml").symlink_to("../outside/compose.yaml")
    return proj


@pytest.mark.parametrize(
    "case", ["env", "dockerfile-link", "dockerfile-key", "context", "compose-link"]
)
@pytest.mark.parametrize("command", ["config", "graph"])
def test_strict_paths_refuses_what_resolves_outside(
    tmp_path: Path, case: str, command: str
) -> None:
    proj = _setup(tmp_path, case)
    env = clean_env(tmp_path)
    loose = run_cli([command], proj, env)
    assert loose.code == 0, loose.stderr
    strict = run_cli([command, "--strict-paths"], proj, env)
    assert "Traceback" not in strict.stderr
    assert strict.code == 1, strict.stdout[-500:]
    assert re.search(ENTRY["message"], strict.stderr), strict.stderr
    assert re.match(r"^[^\s:]+(:\d+:\d+)?: ", strict.stderr)
    assert "s3cr3t" not in strict.stdout + strict.stderr
