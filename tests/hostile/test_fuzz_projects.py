"""Generated multi-file projects compared with Docker Compose byte for byte (``config``, YAML or
JSON): same bytes, or both refuse. The one accepted difference is a project Compose itself
cannot print as JSON (its encoder fails with ``json: ...``).

The suite runs a few examples (``COMPOSEDOC_FUZZ_PROJECT_EXAMPLES``, default 12). A campaign
sets that number high, a seed (``COMPOSEDOC_FUZZ_SEED``) and a log
(``COMPOSEDOC_FUZZ_PROJECT_LOG``): each disagreement is appended there as a JSON line (the
files, flags, both outputs) and the run goes on; ``<log>.count`` holds the examples done.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, seed, settings
from hypothesis import strategies as st
from project_strategies import Project, projects

from composedoc.compose.output import dump_config
from composedoc.compose.project import load_project
from composedoc.compose.types import LoadOptions
from composedoc.errors import ComposedocError

ORACLE = Path(__file__).resolve().parents[3] / "shared" / "tools" / "compose-oracle"
CACHED = Path.home() / ".cache" / "compose-oracle" / "docker-compose"
EXAMPLES = int(os.environ.get("COMPOSEDOC_FUZZ_PROJECT_EXAMPLES", "12"))
SEED = int(os.environ.get("COMPOSEDOC_FUZZ_SEED", "0"))
LOG = os.environ.get("COMPOSEDOC_FUZZ_PROJECT_LOG")
BASE_ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/fuzz"}
_done = [0]


def _write(folder: Path, project: Project) -> None:
    for name, text in project.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _theirs(folder: Path, project: Project, fmt: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [str(ORACLE), *project.args, "config", "--format", fmt],
        capture_output=True,
        cwd=folder,
        env={**BASE_ENV, **project.env},
        timeout=60,
        check=False,
    )
    out = done.stdout.decode("utf-8", "replace")
    return done.returncode, out, done.stderr.decode("utf-8", "replace")


def _ours(folder: Path, project: Project, fmt: str) -> tuple[int, str]:
    files = tuple(project.args[1::2])
    opts = LoadOptions(files=files, working_dir=str(folder), environ={**BASE_ENV, **project.env})
    try:
        return 0, dump_config(load_project(opts), fmt=fmt)
    except ComposedocError as error:
        return 1, str(error)


def _verdict(project: Project, fmt: str) -> tuple[bool, dict[str, object]]:
    with tempfile.TemporaryDirectory(prefix="fuzzp-") as tmp:
        folder = Path(tmp) / "proj"
        folder.mkdir()
        _write(folder, project)
        code, theirs, err = _theirs(folder, project, fmt)
        mine_code, mine = _ours(folder, project, fmt)
    event(f"compose {'refuses' if code else 'prints'} ({fmt})")
    if code != 0:
        ok = mine_code != 0 or (fmt == "json" and err.strip().splitlines()[-1:] != []
                                and "json: " in err.strip().splitlines()[-1])  # fmt: skip
    else:
        ok = mine_code == 0 and mine.replace(tmp, "<TMP>") == theirs.replace(tmp, "<TMP>")
    detail = {"format": fmt, **project.describe(), "compose": theirs or err, "composedoc": mine}
    return ok, detail


def _record(ok: bool, detail: dict[str, object]) -> None:
    _done[0] += 1
    if _done[0] % 100 == 0:
        Path(f"{LOG}.count").write_text(f"{_done[0]}\n", encoding="utf-8")
    if not ok:
        with Path(str(LOG)).open("a", encoding="utf-8") as stream:
            stream.write(json.dumps(detail, ensure_ascii=False) + "\n")


@pytest.mark.oracle
@seed(SEED)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
@given(projects(), st.sampled_from(["yaml", "json"]))
def test_projects_print_like_docker_compose(project: Project, fmt: str) -> None:
    """Where Compose prints a project, composedoc prints the same bytes; where it refuses,
    composedoc refuses."""
    if not ORACLE.exists() or not CACHED.exists():
        pytest.skip("compose oracle absent (../shared or its cached binary)")
    ok, detail = _verdict(project, fmt)
    if LOG is not None:
        _record(ok, detail)
        return
    assert ok, json.dumps(detail, indent=1, ensure_ascii=False)
