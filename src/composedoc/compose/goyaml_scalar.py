"""How go-yaml v3 writes one string scalar: plain, single-quoted, double-quoted or literal.

A port of the encoder's choice (``stringv``: text with ``\\n`` asks for a literal block, text
that would read back as something else asks for double quotes, anything else for plain) and
of the emitter's veto (``yaml_emitter_analyze_scalar``: leading or trailing spaces, breaks next
to spaces, tabs, indicators, unprintable characters). A literal block gets go-yaml's
indentation indicator (``|2``) when the text starts with a space or a line break, so that the
text reads back with its leading spaces, and its chomping indicator (``-`` or ``+``).
"""

from __future__ import annotations

import functools
import re

from composedoc.compose.yaml_scalars import resolve_plain

__all__ = ["GLUE", "double_quoted", "scalar_text", "simple_key"]

GLUE = "\0"
"""Ends a scalar after which go-yaml writes no line feed (``to_yaml`` removes it and the
line feed); a NUL never appears raw in the output."""

_BREAKS = "\r\n\x85\u2028\u2029"
# go-yaml's is_printable: no C0/C1 controls, DEL, BOM, U+FFFE/F, nor anything past the BMP.
# Tabs and line feeds are judged on their own.
_SPECIAL = r"[^\t\n\x20-\x7e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd]"
_BREAK_SPACE = re.compile(f"[{_BREAKS}] ")
_SPACE_BREAK = re.compile(f" [{_BREAKS}]")
_ANY_BREAK = re.compile(f"[{_BREAKS}]")
# a '#' after a blank (or break, or NUL), a ':' before a blank or the end: not plain
_INNER_INDICATOR = re.compile(f"[ \\t\\x00{_BREAKS}]#|.:(?:[ \\t]|$)", re.DOTALL)
_FIRST_INDICATOR = frozenset("#,[]{}&*!|>'\"%@`")
_BASE60 = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_OLD_BOOL = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "on",
        "On",
        "ON",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "off",
        "Off",
        "OFF",
    ]
)
_SIMPLE = re.compile(r"[A-Za-z_/][A-Za-z0-9_./-]*")
_STYLE_CACHE: dict[str, str] = {}


def _can_use_plain(text: str) -> bool:
    """go-yaml ``stringv``: would the plain text read back as this same string?"""
    if text in _OLD_BOOL:
        return False
    if text[:1] in "+-0123456789" and ":" in text and _BASE60.fullmatch(text):
        return False
    return isinstance(resolve_plain(text, timestamps=True), str)


def _block_indicators(text: str) -> bool:
    first = text[0]
    if text[:3] in ("---", "...") or first in _FIRST_INDICATOR:
        return True
    if first in "?:-" and (len(text) == 1 or text[1] in " \t"):
        return True
    return _INNER_INDICATOR.search(text) is not None


@functools.cache
def _pattern(source: str) -> re.Pattern[str]:
    """Compiled on first use: a Unicode class costs milliseconds that ASCII text never needs."""
    return re.compile(source)


def _special(text: str) -> bool:
    """Any character go-yaml must escape (tab and newline aside)."""
    if text.isascii():
        return not text.replace("\t", "").replace("\n", "").isprintable()
    return _pattern(_SPECIAL).search(text) is not None


def _analysis(text: str) -> tuple[bool, bool, bool]:
    """``yaml_emitter_analyze_scalar`` for block context: (plain, single-quoted, literal)."""
    special = _special(text)
    space_break = _SPACE_BREAK.search(text) is not None
    break_space = _BREAK_SPACE.search(text) is not None
    trailing_space = text[-1] == " "
    edges = text[0] == " " or trailing_space or text[0] in _BREAKS or text[-1] in _BREAKS
    plain = not (
        edges
        or special
        or space_break
        or break_space
        or "\t" in text
        or _ANY_BREAK.search(text)
        or _block_indicators(text)
    )
    single = not (break_space or space_break or special or "\t" in text)
    literal = not (trailing_space or space_break or special)
    return plain, single, literal


def _style(text: str) -> str:
    """``p`` plain, ``s`` single-quoted, ``d`` double-quoted, ``l`` literal block."""
    style = _STYLE_CACHE.get(text)
    if style is not None:
        return style
    if text == "":
        style = "d"
    elif _SIMPLE.fullmatch(text) and _can_use_plain(text):
        style = "p"
    else:
        plain, single, literal = _analysis(text)
        if "\n" in text:
            style = "l" if literal else "d"
        elif not _can_use_plain(text):
            style = "d"
        elif plain:
            style = "p"
        else:
            style = "s" if single else "d"
    if len(_STYLE_CACHE) < 100_000:
        _STYLE_CACHE[text] = style
    return style


def simple_key(text: str) -> bool:
    """go-yaml ``check_simple_key``: a key of at most 128 bytes without line breaks."""
    if _ANY_BREAK.search(text):
        return False
    return len(text) <= 32 or len(text.encode("utf-8", "surrogatepass")) <= 128


def scalar_text(text: str, indent: int) -> str:
    """The scalar as written after ``key: `` or ``- ``; ``indent`` is where a literal block's
    lines (and lines after a U+2028 break in a single-quoted scalar) start."""
    style = _style(text)
    if style == "p":
        return text
    if style == "s":
        return _single_quoted(text, indent)
    if style == "l":
        return _literal(text, indent)
    return double_quoted(text)


def _chomp(text: str) -> str:
    if text[-1] not in _BREAKS:
        return "-"
    if len(text) == 1 or text[-2] in _BREAKS:
        return "+"
    return ""


def _lines(text: str, pad: str, first: str | None = None) -> str:
    """The text with each line indented by ``pad`` (the first by ``first`` if given; empty
    lines stay empty)."""
    out: list[str] = [] if first is None else [first]
    at_break = first is None
    for part in re.split(f"([{_BREAKS}])", text):
        if not part:
            continue
        if part in _BREAKS:
            out.append(part)
            at_break = True
        else:
            out.append(pad + part if at_break else part)
            at_break = False
    return "".join(out)


def _literal(text: str, indent: int) -> str:
    hint = "2" if text[0] == " " or text[0] in _BREAKS else ""
    body = _lines(text, " " * indent)
    if body.endswith("\n"):
        body = body[:-1]  # the writer ends every line itself: a final line feed is that end
    elif body[-1] in _BREAKS:
        body += GLUE  # after a U+2028 the next line starts at once (go-yaml's column is 0)
    return f"|{hint}{_chomp(text)}\n" + body


def _single_quoted(text: str, indent: int) -> str:
    return "'" + _lines(text.replace("'", "''"), " " * indent, first="") + "'"


_GO_ESCAPES = {
    "\0": "\\0", "\x07": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\x0b": "\\v",
    "\f": "\\f", "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N",
    "\u2028": "\\L", "\u2029": "\\P", "\xa0": "\\_",
}  # fmt: skip
_GO_UNPRINTABLE = r'[^\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]|["\\]'

_EVERY_CHAR = re.compile(".", re.DOTALL)


def _go_escape(match: re.Match[str]) -> str:
    char = match.group()
    known = _GO_ESCAPES.get(char)
    if known is not None:
        return known
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def double_quoted(text: str) -> str:
    """A double-quoted scalar escaped as go-yaml's emitter does (``\\x7F``, ``\\x01``, ``\\e``).

    go-yaml's ``is_bom`` looks at the first bytes of the value, not at the current ones: in a
    text that starts with a BOM every character is escaped."""
    if text.startswith("\ufeff"):
        return '"' + _EVERY_CHAR.sub(_go_escape, text) + '"'
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return '"' + text + '"'
    return '"' + _pattern(_GO_UNPRINTABLE).sub(_go_escape, text) + '"'
