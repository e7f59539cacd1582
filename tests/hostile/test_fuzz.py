"""Fuzzing the loader with generated Compose projects (valid and near-valid).

Properties: only a ``ComposedocError`` ever escapes ``load_project`` and the printers; the
same input gives the same bytes; a message carries a location or names a file. The default
suite runs 200 examples; a long run sets ``COMPOSEDOC_FUZZ_EXAMPLES`` (the 100,000-example
campaign and its result are in site_examples/docs/security.md). The oracle comparison
(Docker Compose v2.40.3) runs a small sample, marked ``oracle``.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from compose_strategies import compose_file
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from composedoc.compose.output import dump_config
from composedoc.compose.project import load_project
from composedoc.compose.types import LoadedProject, LoadOptions
from composedoc.errors import ComposedocError

EXAMPLES = int(os.environ.get("COMPOSEDOC_FUZZ_EXAMPLES", "200"))
ORACLE_EXAMPLES = int(os.environ.get("COMPOSEDOC_FUZZ_ORACLE_EXAMPLES", "25"))
ENV = {"HOME": "/home/fuzz", "PATH": "/usr/bin:/bin", "X": "x-value", "IMG": "busybox"}
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


def _load(folder: Path, data: bytes) -> LoadedProject:
    (folder / "compose.yaml").write_bytes(data)
    opts = LoadOptions(working_dir=str(folder), environ=dict(ENV))
    return load_project(opts)


def _outputs(folder: Path, data: bytes) -> tuple[str, str] | str:
    """Both config printings, or the error message; anything else propagates (= a bug)."""
    try:
        project = _load(folder, data)
        return dump_config(project, "yaml"), dump_config(project, "json", all_resources=True)
    except ComposedocError as error:
        return str(error)


LOG = os.environ.get("COMPOSEDOC_FUZZ_LOG")
_seen = [0]


def _record(data: bytes, error: BaseException | None) -> None:
    """Campaign mode: count examples, append failures (JSON lines) and keep going."""
    import traceback

    _seen[0] += 1
    if error is None:
        if _seen[0] % 1000 == 0:
            Path(f"{LOG}.count").write_text(f"{_seen[0]}\n", encoding="utf-8")
        return
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    entry = {"type": type(error).__name__, "where": where, "error": str(error)[:300]}
    entry["input"] = data.decode("utf-8", "replace")[:2000]
    with Path(LOG or os.devnull).open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(entry) + "\n")


def _check_message(message: str) -> None:
    assert message.strip(), "empty error message"
    assert "\n" not in message.strip() or message.startswith("compose.yaml"), message
    assert "Traceback" not in message


@SETTINGS
@given(compose_file())
def test_only_composedoc_errors_escape_and_output_is_deterministic(
    case: tuple[str, dict[str, Any] | None, bytes],
) -> None:
    """Load, print as YAML and JSON, twice: same result, or the same one-line error."""
    kind, _, data = case
    try:
        with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
            folder = Path(tmp) / "proj"
            folder.mkdir()
            first = _outputs(folder, data)
            # the long campaign re-loads one example in ten (it has 100,000 to get through)
            second = _outputs(folder, data) if LOG is None or _seen[0] % 10 == 0 else first
        assert first == second
        if isinstance(first, str):
            _check_message(first)
        elif kind == "valid":
            json.loads(first[1])
    except Exception as error:
        if LOG is None:
            raise
        _record(data, error)
    else:
        if LOG is not None:
            _record(data, None)


@SETTINGS
@given(compose_file(), st.sampled_from(["graph", "model"]))
def test_graph_of_loaded_projects_never_crashes(
    case: tuple[str, dict[str, Any] | None, bytes], stage: str
) -> None:
    """Whatever loads also binds to the typed model and becomes a graph, deterministically."""
    from composedoc.graph.build import build_graph, graph_to_json
    from composedoc.model.bind import bind_project

    _, _, data = case
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        folder = Path(tmp) / "proj"
        folder.mkdir()
        try:
            project = _load(folder, data)
        except ComposedocError:
            return
        try:
            bound = bind_project(project)
            if stage == "graph":
                text = graph_to_json(build_graph(bound))
                assert text == graph_to_json(build_graph(bind_project(_load(folder, data))))
                assert tmp not in text, "graph JSON shows the absolute project folder"
        except ComposedocError as error:
            _check_message(str(error))


# ----------------------------------------------------------------------------- oracle
ORACLE = Path(__file__).resolve().parents[3] / "shared" / "tools" / "compose-oracle"
CACHED = Path.home() / ".cache" / "compose-oracle" / "docker-compose"


def _oracle(folder: Path) -> tuple[int, str]:
    done = subprocess.run(
        [str(ORACLE), "-f", "compose.yaml", "config", "--format", "yaml"],
        capture_output=True,
        text=True,
        cwd=folder,
        env=ENV,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        return done.returncode, done.stderr
    return 0, done.stdout


@pytest.mark.oracle
@settings(
    max_examples=ORACLE_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
@given(compose_file())
def test_agrees_with_docker_compose(case: tuple[str, dict[str, Any] | None, bytes]) -> None:
    """Where Docker Compose accepts a project, composedoc prints the same bytes."""
    if not ORACLE.exists() or not CACHED.exists():
        pytest.skip("compose oracle absent (../shared or its cached binary)")
    _, _, data = case
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        folder = Path(tmp) / "proj"
        folder.mkdir()
        (folder / "compose.yaml").write_bytes(data)
        code, theirs = _oracle(folder)
        mine = _outputs(folder, data)
    event(
        f"compose {'accepts' if code == 0 else 'refuses'}, composedoc "
        f"{'refuses' if isinstance(mine, str) else 'accepts'}"
    )
    if code != 0:
        return  # Compose refused it: composedoc may refuse or accept (we are stricter nowhere)
    assert not isinstance(mine, str), f"Compose accepts, composedoc says: {mine}"
    assert mine[0] == theirs
