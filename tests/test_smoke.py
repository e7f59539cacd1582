"""End-to-end smoke tests through the installed ``composedoc`` of this interpreter.

They run in the normal suite and, through ``make test-lowest``, in a venv holding the lowest
versions pyproject.toml allows (constraints/lowest.txt): each command and each render format
once, on a real stack, as a separate process. They need nothing but pytest.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

VOTING = Path(__file__).resolve().parent / "stacks" / "voting"


def composedoc(*args: str, cwd: Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "composedoc", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def stack(tmp_path: Path) -> Path:
    work = tmp_path / "voting"
    shutil.copytree(VOTING, work)
    return work


def test_config_prints_the_project(stack: Path) -> None:
    done = composedoc("config", cwd=stack)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("name: voting\n") and "services:" in done.stdout


def test_graph_prints_node_link_json(stack: Path) -> None:
    done = composedoc("graph", cwd=stack)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"nodes", "edges"} <= set(data)
    assert "service:worker" in {node["id"] for node in data["nodes"]}


def test_render_text_formats(stack: Path) -> None:
    done = composedoc("render", "-o", "out", "--format", "md,mermaid,dot,json", cwd=stack)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "wrote 4 files to out\n"
    out = stack / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "voting.dot",
        "voting.json",
        "voting.md",
        "voting.mmd",
    ]
    assert (out / "voting.mmd").read_text(encoding="utf-8").startswith("flowchart LR")
    assert "digraph" in (out / "voting.dot").read_text(encoding="utf-8")
    assert "## Services" in (out / "voting.md").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_render_svg_draws_every_icon(stack: Path) -> None:
    done = composedoc("render", "-o", "out", "--format", "svg", cwd=stack)
    assert done.returncode == 0, done.stderr
    svg = (stack / "out" / "voting.svg").read_text(encoding="utf-8")
    assert svg.count('<symbol id="icon-') >= 3  # worker, db, redis, vote: real icons
    assert "service:worker" in svg


def test_render_without_graphviz_writes_the_rest_and_says_how_to_install_it(
    stack: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    done = composedoc("render", "-o", "out", cwd=stack, path=str(empty))
    assert done.returncode == 1
    assert sorted(p.name for p in (stack / "out").iterdir()) == [
        "voting.dot",
        "voting.json",
        "voting.md",
        "voting.mmd",
    ]
    lines = done.stderr.splitlines()
    assert lines[0] == "wrote 4 files to out"
    assert lines[1].startswith("Graphviz 'dot' is not on PATH: svg, png not written;")
    for hint in ("apt-get install graphviz", "dnf install graphviz", "brew install graphviz"):
        assert hint in lines[1]
    assert "Windows" in lines[1] and len(lines) == 2
    page = (stack / "out" / "voting.md").read_text(encoding="utf-8")
    assert "voting.svg" in page  # the page is the one a machine with Graphviz writes


def test_render_svg_to_stdout_without_graphviz_is_the_graphviz_error(
    stack: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    done = composedoc("render", "-o", "-", "--format", "svg", cwd=stack, path=str(empty))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("Graphviz 'dot' is not on PATH: svg not written;")
