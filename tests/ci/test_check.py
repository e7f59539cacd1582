"""check: would-write vs existing, as a unified diff; nothing is ever written."""

from __future__ import annotations

from pathlib import Path

import pytest

from composedoc.ci.check import (
    CheckResult,
    compare_outputs,
    compare_text,
    raise_if_stale,
    unified_diff,
)
from composedoc.cli.output import write_outputs
from composedoc.compose.project import load_project
from composedoc.compose.types import LoadOptions
from composedoc.diagram.outputs import render_outputs
from composedoc.errors import OutputError, StaleOutputError
from composedoc.graph.build import build_graph
from composedoc.model.bind import bind_project

STACKS = Path(__file__).resolve().parents[2] / "site_examples" / "stacks"


def test_up_to_date_is_ok(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"same\n")
    result = compare_outputs({tmp_path / "a.txt": b"same\n"}, base=tmp_path)
    assert result.ok
    assert result.diff == ""
    raise_if_stale(result)


def test_changed_missing_and_binary(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"one\ntwo\n")
    (tmp_path / "b.png").write_bytes(b"\x89PNG\0old")
    expected = {
        tmp_path / "b.png": b"\x89PNG\0new",
        tmp_path / "a.md": b"one\nTWO\n",
        tmp_path / "c.mmd": b"flowchart LR\n",
    }
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = compare_outputs(expected, base=tmp_path)
    assert [p.name for p in result.stale] == ["a.md", "b.png", "c.mmd"]
    assert result.diff == (
        "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n one\n-two\n+TWO\n"
        "Binary files a/b.png and b/b.png differ\n"
        "--- /dev/null\n+++ b/c.mmd\n@@ -0,0 +1 @@\n+flowchart LR\n"
    )
    # Check mode never writes.
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    with pytest.raises(StaleOutputError, match=r"a\.md, b\.png, c\.mmd"):
        raise_if_stale(result, tmp_path)


def test_crlf_and_missing_final_newline_are_visible() -> None:
    text = unified_diff("R.md", b"a\r\nb", b"a\nb\n")
    assert "-a\r\n" in text
    assert "\\ No newline at end of file\n" in text
    assert compare_text("x", b"a", b"a") == ""


def test_folder_in_the_way_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.svg").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        compare_outputs({tmp_path / "x.svg": b""})


def test_result_is_deterministic(tmp_path: Path) -> None:
    expected = {tmp_path / f"{n}.md": f"{n}\n".encode() for n in "cab"}
    first, second = compare_outputs(expected), compare_outputs(dict(reversed(expected.items())))
    assert first == second
    assert CheckResult().ok


def _rendered(stack: Path) -> dict[str, bytes]:
    project = load_project(LoadOptions(working_dir=str(stack), environ={}))
    graph = build_graph(bind_project(project))
    return render_outputs(graph, ["mermaid", "dot"], project.name, split=False)


@pytest.mark.parametrize("stack", sorted(p.name for p in STACKS.iterdir() if p.is_dir()))
def test_render_check_on_our_stacks(stack: str, tmp_path: Path) -> None:
    """The render --check flow: write once, check is clean, then an edit makes it stale."""
    files = _rendered(STACKS / stack)
    write_outputs(tmp_path, files)
    expected = {tmp_path / name: data for name, data in files.items()}
    assert compare_outputs(expected, base=tmp_path).ok
    target = next(p for p in sorted(expected) if p.suffix == ".mmd")
    target.write_bytes(target.read_bytes().replace(b"flowchart", b"graph", 1))
    result = compare_outputs(expected, base=tmp_path)
    assert result.stale == (target,)
    assert f"--- a/{target.name}\n+++ b/{target.name}\n" in result.diff
    assert "-graph " in result.diff
    assert "+flowchart " in result.diff
