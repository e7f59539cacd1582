"""inject: the block between the markers changes, every other byte stays."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from composedoc.ci.inject import (
    BEGIN,
    END,
    compose_block,
    find_block,
    inject,
    inject_bytes,
    line_ending,
)
from composedoc.docs.masked_view import MaskedView
from composedoc.errors import OutputError

# Text around the block: anything, including CR, CRLF, BOM, markers inline and code fences
# that close again, but no marker alone on a line (that would be a second marker).
_CHARS = st.characters(codec="utf-8", exclude_categories=["Cs"])
_FRAGMENT = st.one_of(
    st.text(_CHARS, max_size=30),
    st.sampled_from(
        ["\r\n", "\n", "\r", "\ufeff", " ", "\t", f"x {BEGIN}", f"`{END}`", "```\n```\n", "#"]
    ),
)
_OUTSIDE = st.lists(_FRAGMENT, max_size=12).map("".join)
_EOL = st.sampled_from(["\n", "\r\n"])


def _clean(text: str) -> str:
    """Drop accidental marker lines and open fences so the document stays well formed."""
    kept = []
    for line in text.splitlines(keepends=True):
        stripped = line.strip(" \t\r\n")
        if stripped in (BEGIN, END) or stripped.startswith(("```", "~~~")):
            continue
        kept.append(line)
    return "".join(kept)


@settings(max_examples=300, deadline=None)
@given(
    before=_OUTSIDE,
    after=_OUTSIDE,
    body=st.text(_CHARS, max_size=40),
    content=st.text(_CHARS, max_size=60),
    eol=_EOL,
)
def test_inject_keeps_every_byte_outside_the_markers(
    before: str, after: str, body: str, content: str, eol: str
) -> None:
    before, after, body, content = _clean(before), _clean(after), _clean(body), _clean(content)
    if before and not before.endswith(("\n", "\r")):
        before += eol
    if after and not after.startswith(("\n", "\r")):
        after = eol + after
    doc = f"{before}{BEGIN}{eol}{body}{eol}{END}{after}"
    out = inject(doc, content)
    head = before + BEGIN
    tail = END + after
    assert out.startswith(head)
    assert out.endswith(tail)
    # The same bytes in a file: encoded round trip keeps the BOM and line endings too.
    assert inject_bytes(doc.encode(), content, "F").decode() == out
    # Idempotent: a second run with the same content changes nothing.
    assert inject(out, content) == out


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_body_uses_document_line_endings(eol: str) -> None:
    doc = f"# T{eol}{BEGIN}{eol}old{eol}{END}{eol}"
    out = inject(doc, "a\nb\n")
    assert out == f"# T{eol}{BEGIN}{eol}a{eol}b{eol}{END}{eol}"


def test_bom_and_missing_final_newline_kept() -> None:
    data = f"\ufeffhead\r\n{BEGIN}\r\n{END}".encode()
    out = inject_bytes(data, "x", "README.md")
    assert out == f"\ufeffhead\r\n{BEGIN}\r\nx\r\n{END}".encode()


def test_indented_markers_keep_their_indentation() -> None:
    doc = f"- item\n  {BEGIN}\n  old\n  {END}\nafter\n"
    assert inject(doc, "new") == f"- item\n  {BEGIN}\nnew\n  {END}\nafter\n"


def test_empty_content_leaves_markers_adjacent() -> None:
    assert inject(f"{BEGIN}\nold\n{END}\n", "") == f"{BEGIN}\n{END}\n"


def test_markers_in_code_fences_and_prose_are_ignored() -> None:
    doc = (
        f"Put `{BEGIN}` in your README:\n\n```markdown\n{BEGIN}\n{END}\n```\n\n"
        f"{BEGIN}\nold\n{END}\n"
    )
    out = inject(doc, "new")
    assert out.endswith(f"{BEGIN}\nnew\n{END}\n")
    assert out.startswith(doc[: doc.index(f"```\n\n{BEGIN}")])


@pytest.mark.parametrize(
    ("doc", "message", "line"),
    [
        ("# nothing\n", "no <!-- BEGIN_COMPOSEDOC --> / <!-- END_COMPOSEDOC --> markers", 0),
        (f"{BEGIN}\nx\n", "without <!-- END_COMPOSEDOC -->", 1),
        (f"x\n{END}\n", "without <!-- BEGIN_COMPOSEDOC -->", 2),
        (f"{END}\n{BEGIN}\n", "comes before", 1),
        (f"{BEGIN}\n{BEGIN}\n{END}\n", "duplicated BEGIN_COMPOSEDOC marker (first on line 1)", 2),
        (f"{BEGIN}\n{END}\n\n{END}\n", "duplicated END_COMPOSEDOC", 4),
    ],
)
def test_marker_errors_are_located(doc: str, message: str, line: int) -> None:
    with pytest.raises(OutputError) as info:
        inject(doc, "x", "README.md")
    assert message in str(info.value)
    assert info.value.location is not None
    assert info.value.location.file == "README.md"
    assert info.value.location.line == line


def test_not_utf8_is_an_error() -> None:
    with pytest.raises(OutputError, match="not UTF-8"):
        inject_bytes(b"\xff\xfe" + BEGIN.encode(), "x", "README.md")


def test_find_block_offsets() -> None:
    doc = f"ab\n{BEGIN}\nbody\n{END}\n"
    block = find_block(doc, "F")
    assert doc[: block.body_start].endswith(BEGIN)
    assert doc[block.body_end :].startswith(END)
    assert (block.begin_line, block.end_line) == (2, 4)


def test_line_ending_and_compose_block() -> None:
    assert line_ending("a\r\nb\n") == "\r\n"
    assert line_ending("no newline") == "\n"
    assert compose_block(["```mermaid\nx\n```\n", "", "| a |\n"]) == "```mermaid\nx\n```\n\n| a |\n"
    assert compose_block([]) == ""


def _ports_project() -> MaskedView:
    from pathlib import Path

    from composedoc.compose.project import load_project
    from composedoc.compose.types import LoadOptions
    from composedoc.docs.masked_view import masked_view

    folder = Path(__file__).resolve().parents[1] / "stacks" / "ports"
    loaded = load_project(LoadOptions(working_dir=str(folder), environ={}, project_name="ports"))
    return masked_view(loaded)


def test_services_table_is_the_page_table_with_host_ips() -> None:
    """inject renders the page's own table: host IPs kept, loopback never reads as public."""
    from composedoc.ci.inject import block_for
    from composedoc.docs.markdown import MarkdownOptions, render_markdown

    view = _ports_project()
    table = block_for(view, ("services",))
    assert "## Services" not in table
    assert "`127.0.0.1:8080 → 8080/tcp`" in table
    assert "`[::1]:8443 → 443/tcp`" in table
    assert "8080:8080/tcp" not in table
    page = render_markdown(view, options=MarkdownOptions(diagram="none"))
    page_rows = [line for line in page.splitlines() if line.startswith("| [edge]")]
    (row,) = [line for line in table.splitlines() if line.startswith("| edge ")]
    assert page_rows == [row.replace("| edge |", "| [edge](#service-edge) |", 1)]
