"""Escaping user strings for Markdown that renders the same in GitHub and Material for MkDocs.

Names, labels, descriptions and values come from compose files someone else wrote; a ``|``
would break a table, ``<script>`` would be HTML, ``*x*`` would turn into emphasis and
``${X}`` into maths under arithmatex. Plain text becomes numeric character references for
every character either renderer treats specially; values go in code spans when that is
safe and in ``<code>`` with references otherwise. Entities work in both renderers, in
tables and outside.
"""

from __future__ import annotations

import re
from functools import lru_cache

from composedoc.invisible import escape_invisible

__all__ = ["anchor_slugs", "code", "code_list", "fenced", "link", "slug", "text"]

# Characters that mean something to CommonMark/GFM, Python-Markdown, pymdownx or HTML
# anywhere in a line. "_" only matters at a word boundary, "(" only after "]" (escaped).
_SPECIAL = frozenset("\\`*{}[]<>|~&$")
_BREAKS = re.compile(r"[\r\n]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UNSAFE_IN_SPAN = re.compile(r"[`|\\\n\r]|^\s|\s$")
_EDGE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in _SPECIAL}


def _entities(value: str) -> str:
    return value.translate(_ENTITIES)


def _clean(value: str) -> str:
    """No control characters, invisible ones written ``\\u202e``; line breaks become spaces
    (one line per cell)."""
    value = escape_invisible(_CONTROL.sub("\ufffd", value))
    if "\n" not in value and "\r" not in value:
        return value
    # By hand: ``\s*[\r\n]+\s*`` restarts at each blank of a long run (quadratic).
    lines = _BREAKS.split(value)
    middle = [line.strip() for line in lines[1:-1] if line.strip()]
    return " ".join([lines[0].rstrip(), *middle, lines[-1].lstrip()])


def text(value: object) -> str:
    """Plain inline text: special characters as character references, the rest readable."""
    return _text(str(value))


@lru_cache(maxsize=65536)
def _text(value: str) -> str:
    """:func:`text` of a string, worked out once (a page repeats names and values a lot)."""
    out = _entities(_clean(value))
    out = _EDGE_UNDERSCORE.sub("&#95;", out)
    # A leading "-", "+", "#", ">" or "1." would start a block; a reference keeps it inline.
    if out[:1] in ("-", "+", "#", "=") or re.match(r"\d+[.)]", out):
        out = f"&#{ord(out[0])};" + out[1:]
    return out


def code(value: object) -> str:
    """A value shown as code: a backtick span when safe, else ``<code>`` with references."""
    return _code(escape_invisible(str(value)))


@lru_cache(maxsize=65536)
def _code(raw: str) -> str:
    if raw == "":
        return '<code>""</code>'
    if _CONTROL.search(raw) or _UNSAFE_IN_SPAN.search(raw):
        body = _entities(_clean(raw)).replace("_", "&#95;").replace("  ", " &#32;")
        # No autolinks inside code: GitHub would link "https://..." and "www." there.
        body = body.replace(":", "&#58;").replace("@", "&#64;").replace("www.", "www&#46;")
        return "<code>" + body + "</code>"
    return f"`{raw}`"


def fenced(value: object) -> str:
    """A multi-line value as a fenced code block, line for line (a Python healthcheck stays
    runnable, where a code span would join it into one line); the fence is longer than any
    run of backticks inside, so the value cannot close it."""
    body = _CONTROL.sub("\ufffd", str(value).replace("\r\n", "\n").replace("\r", "\n"))
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{body.strip(chr(10))}\n{fence}"


def code_list(values: object, sep: str = ", ") -> str:
    """Several values as code spans, or an em dash when there are none."""
    items = [code(v) for v in values] if isinstance(values, (list, tuple)) else []
    return sep.join(items) if items else "—"


@lru_cache(maxsize=65536)  # links repeat the same anchors
def slug(value: str) -> str:
    """``My_Service.v2`` -> ``my-service-v2``: lowercase ASCII letters, digits and dashes."""
    s = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return s or "x"


def anchor_slugs(names: list[str], prefix: str) -> dict[str, str]:
    """Stable, unique anchors: ``service-web``; clashes get ``-2``, ``-3`` in sorted order."""
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    for name in sorted(names):
        base = f"{prefix}-{slug(name)}"
        count = seen.get(base, 0) + 1
        seen[base] = count
        out[name] = base if count == 1 else f"{base}-{count}"
    return out


def link(label: str, anchor: str) -> str:
    """``[label](#anchor)`` with the label escaped; anchors are slugs, so always safe."""
    return f"[{label}](#{anchor})"
