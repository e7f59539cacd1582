"""The pre-commit hooks, run by pre-commit itself (``try-repo``) on a scratch repository.

A change to any input of a stack must make ``composedoc-render-check`` fail, also when the
changed file is not named like a Compose file: a Dockerfile ``FROM`` and an ``.env`` value.
pre-commit installs this checkout into its own venv once per session (about 20 s).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit is not installed"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

COMPOSE = """\
services:
  api:
    build: ./api
    ports: ["8080:8080"]
    depends_on: [cache]
  cache:
    image: redis:${REDIS_TAG}
  adminer:
    image: adminer
    profiles: [tools]
"""


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    return {
        **env,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module: the hook venv is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path: Path, hook_home: Path) -> tuple[Path, dict[str, str]]:
    """A committed stack whose diagrams are up to date."""
    env = _env(hook_home)
    work = tmp_path / "stack"
    (work / "api").mkdir(parents=True)
    (work / "compose.yaml").write_text(COMPOSE, encoding="utf-8")
    (work / ".env").write_text("REDIS_TAG=7.2\n", encoding="utf-8")
    (work / "api" / "Dockerfile").write_text("FROM python:3.12-slim\n", encoding="utf-8")
    (work / ".composedoc.yaml").write_text(
        "output: docs/diagrams\nformats: [md, mermaid]\n", encoding="utf-8"
    )
    render = _run([sys.executable, "-m", "composedoc", "render", "-q"], work, env)
    assert render.returncode == 0, render.stderr
    for args in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "init"]):
        assert _run(args, work, env).returncode == 0
    return work, env


def _try_hook(work: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _run([str(PRE_COMMIT), "try-repo", str(ROOT), "composedoc-render-check"], work, env)


def test_hook_passes_on_an_up_to_date_stack(repo: tuple[Path, dict[str, str]]) -> None:
    work, env = repo
    (work / "notes.txt").write_text("unrelated\n", encoding="utf-8")
    _run(["git", "add", "notes.txt"], work, env)
    done = _try_hook(work, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


@pytest.mark.parametrize(
    ("name", "content", "shows"),
    [
        ("api/Dockerfile", "FROM node:22-alpine\n", "node:22-alpine"),
        # .env values are masked (shown as ${REDIS_TAG}), but .env also picks the profiles
        (".env", "REDIS_TAG=7.2\nCOMPOSE_PROFILES=tools\n", "adminer"),
    ],
)
def test_hook_fails_when_a_non_compose_input_changes(
    repo: tuple[Path, dict[str, str]], name: str, content: str, shows: str
) -> None:
    work, env = repo
    (work / name).write_text(content, encoding="utf-8")
    assert _run(["git", "add", name], work, env).returncode == 0
    done = _try_hook(work, env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Skipped" not in done.stdout and "Failed" in done.stdout
    assert "out of date" in done.stdout and shows in done.stdout
