"""Splice generated Markdown between ``<!-- BEGIN_COMPOSEDOC -->`` and ``<!-- END_COMPOSEDOC -->``.

Pure functions on ``str``: the caller reads and writes bytes. Every character outside the
block is kept as it was (BOM, line endings, trailing newline), so a README can be
regenerated in CI without noise. A marker counts only when it stands alone on its line
(spaces around it allowed) and outside a fenced code block, so documents may *show* the
markers in prose or examples without being rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from composedoc.errors import Location, OutputError

if TYPE_CHECKING:
    from composedoc.docs.masked_view import MaskedView

__all__ = [
    "BEGIN",
    "END",
    "Block",
    "block_for",
    "compose_block",
    "find_block",
    "inject",
    "inject_bytes",
    "line_ending",
    "services_table",
]

BEGIN = "<!-- BEGIN_COMPOSEDOC -->"
END = "<!-- END_COMPOSEDOC -->"

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Block:
    """Offsets into the text: the block body is ``text[body_start:body_end]``.

    ``body_start`` is just after the BEGIN marker, ``body_end`` just before the END marker,
    so everything up to ``body_start`` and from ``body_end`` on is kept by :func:`inject`.
    """

    body_start: int
    body_end: int
    begin_line: int
    end_line: int


def line_ending(text: str) -> str:
    """The document's line ending: the first one found, ``\\n`` when it has none."""
    match = re.search(r"\r\n|\r|\n", text)
    return match.group() if match else "\n"


def _markers(text: str) -> list[tuple[str, int, int, int]]:
    """``(marker, line, start, end)`` of every marker alone on a line outside code fences."""
    found: list[tuple[str, int, int, int]] = []
    fence: str | None = None
    offset = 0
    for number, match in enumerate(_LINE.finditer(text), start=1):
        line = match.group()
        content = line.rstrip("\r\n")
        opening = _FENCE.match(content)
        if fence is not None:
            closing = opening is not None and not content[opening.end() :].strip()
            if closing and opening is not None:
                mark = opening.group(1)
                if mark[0] == fence[0] and len(mark) >= len(fence):
                    fence = None
        elif opening:
            fence = opening.group(1)
        else:
            stripped = content.strip(" \t")
            if stripped in (BEGIN, END):
                start = offset + content.index(stripped)
                found.append((stripped, number, start, start + len(stripped)))
        offset += len(line)
    return found


def find_block(text: str, filename: str) -> Block:
    """Where the block is; a located :class:`OutputError` when markers are missing or wrong."""
    markers = _markers(text)
    begins = [m for m in markers if m[0] == BEGIN]
    ends = [m for m in markers if m[0] == END]
    hint = f"add a line {BEGIN} and a line {END} where the generated text belongs"
    if not begins and not ends:
        raise OutputError(f"no {BEGIN} / {END} markers found; {hint}", Location(filename))
    for kind, group in (("BEGIN", begins), ("END", ends)):
        if len(group) > 1:
            raise OutputError(
                f"duplicated {kind}_COMPOSEDOC marker (first on line {group[0][1]}); "
                "keep exactly one BEGIN and one END marker",
                Location(filename, group[1][1], 1),
            )
    if not begins:
        raise OutputError(f"{END} without {BEGIN}; {hint}", Location(filename, ends[0][1], 1))
    if not ends:
        raise OutputError(f"{BEGIN} without {END}; {hint}", Location(filename, begins[0][1], 1))
    begin, end = begins[0], ends[0]
    if end[2] < begin[2]:
        raise OutputError(
            f"{END} (line {end[1]}) comes before {BEGIN} (line {begin[1]})",
            Location(filename, end[1], 1),
        )
    return Block(begin[3], end[2], begin[1], end[1])


def inject(text: str, content: str, filename: str = "<text>") -> str:
    """``text`` with the block body replaced by ``content`` in the document's line endings.

    The body becomes: line ending, ``content`` (with a final newline), so the markers stay on
    their own lines and a second run with the same content changes nothing.
    """
    block = find_block(text, filename)
    eol = line_ending(text)
    lines = content.splitlines()
    body = eol + "".join(line + eol for line in lines)
    # The END marker keeps the indentation it had on its line.
    indent_start = text.rfind("\n", 0, block.body_end) + 1
    indent_start = max(indent_start, text.rfind("\r", 0, block.body_end) + 1)
    indent = text[indent_start : block.body_end]
    if indent.strip(" \t"):
        indent = ""
    return text[: block.body_start] + body + indent + text[block.body_end :]


def compose_block(parts: list[str]) -> str:
    """Join the generated sections (diagram, tables) with one blank line between them."""
    cleaned = [part.strip("\n") for part in parts if part.strip()]
    return "\n\n".join(cleaned) + ("\n" if cleaned else "")


def inject_bytes(data: bytes, content: str, filename: str) -> bytes:
    """:func:`inject` on a file's bytes: UTF-8 (a BOM is kept as it is), else an error."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise OutputError(
            f"not UTF-8 (byte {error.start}); inject only edits UTF-8 text", Location(filename)
        ) from None
    return inject(text, content, filename).encode("utf-8")


def services_table(view: MaskedView) -> str:
    """The reference page's services table (the same template), without links or heading."""
    from composedoc.docs.markdown import render_section

    return render_section(view, "services_table.md.j2")


def block_for(view: MaskedView, sections: tuple[str, ...], look: Any = None) -> str:
    """What goes between the markers: a Mermaid diagram and/or the services table, both
    from the one masked ``view`` (:func:`composedoc.docs.masked_view.masked_view`); ``look`` is
    the diagram's ``ViewOptions``."""
    parts: list[str] = []
    for section in sections:
        if section == "diagram":
            from composedoc.diagram.outputs import render_outputs

            files = render_outputs(view.graph, ["mermaid"], "block", look, None, False)
            parts.append("```mermaid\n" + files["block.mmd"].decode("utf-8") + "```\n")
        elif section == "services":
            parts.append(services_table(view))
    return compose_block(parts)
