"""``composedoc render``: writes only into -o DIR, same bytes on a rerun, usage errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from composedoc.cli import main

TESTS = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "voting"
    shutil.copytree(TESTS / "stacks/voting", work)
    monkeypatch.chdir(work)
    return work


def test_render_writes_every_format_into_dir_only(project: Path, tmp_path: Path) -> None:
    before = snapshot(project)
    out = tmp_path / "out" / "diagrams"
    result = CliRunner().invoke(main, ["render", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert snapshot(project) == before
    assert sorted(p.name for p in out.iterdir()) == [
        "voting.dot",
        "voting.mmd",
        "voting.png",
        "voting.svg",
    ]
    first = snapshot(out)
    again = CliRunner().invoke(main, ["render", "-o", str(out), "--format", "svg,png,dot,mmd"])
    assert again.exit_code == 0, again.output
    assert snapshot(out) == first
    assert not [p for p in tmp_path.rglob(".composedoc-*")]


def test_render_options(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "focus"
    args = [
        "render",
        "-o",
        str(out),
        "--format",
        "dot",
        "--focus",
        "worker",
        "--depth",
        "1",
        "--hide",
        "volumes",
        "--direction",
        "TB",
        "--name",
        "worker-view",
        "--no-legend",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    dot = (out / "worker-view.dot").read_text()
    assert '"service:vote"' not in dot and '"service:db"' in dot
    assert "volume:" not in dot and "legend" not in dot and 'rankdir="TB"' in dot


@pytest.mark.parametrize(
    "args",
    [
        ["render"],
        ["render", "-o", "x", "--format", "gif"],
        ["render", "-o", "x", "--hide", "everything"],
        ["render", "-o", "x", "--focus", "nope"],
    ],
)
def test_usage_errors_exit_2(project: Path, args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert not (project / "x").exists()
