"""DOT syntax: quoting, attribute lists and stable element ids, nothing about looks.

Kept apart from :mod:`composedoc.diagram.styled_dot` so the escaping rules live in one place and
can be tested against Graphviz itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

_SAFE = re.compile(r"[^A-Za-z0-9]")
_CONTROL = re.compile(r"\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Characters XML forbids (Graphviz copies them into the SVG, which then does not parse) and
carriage returns (line ends are ``\n``)."""


class Html(str):
    """A Graphviz HTML-like label, ``<`` ... ``>``, built by us from :func:`html` pieces.

    :func:`attrs` writes only values of this type unquoted: user text that merely looks like
    ``<...>`` is always a quoted string.
    """

    __slots__ = ()


def _clean(value: str) -> str:
    return _CONTROL.sub(lambda m: "\n" if m.group().startswith("\r") else " ", value)


def quote(value: str) -> str:
    """A DOT double-quoted string (backslashes doubled, so Graphviz's ``\\N``-style escapes
    stay text; quotes escaped; line ends as ``\\n``; control characters as spaces)."""
    if _CONTROL.search(value):
        value = _clean(value)
    if '"' not in value and "\\" not in value and "\n" not in value:
        return f'"{value}"'
    text = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def escstring(value: str) -> str:
    """Text for a tooltip before :func:`quote`: Graphviz expands ``\\N``, ``\\G`` ... in
    tooltips even after a doubled backslash, so backslashes are doubled once more there."""
    return value.replace("\\", "\\\\")


def html(value: str) -> str:
    """Text for a DOT HTML-like label (XML entities, ``<br/>`` lines, no control characters)."""
    if _CONTROL.search(value):
        value = _clean(value)
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "<br/>")
    )


@lru_cache(maxsize=65536)
def safe_id(node_id: str) -> str:
    """A readable id usable in SVG, CSS and Mermaid: ``service:my.app`` -> ``service-my_2eapp``.

    Letters and digits stay; every other character becomes ``_`` plus its hex code, so two
    different graph ids never collide.
    """
    kind, _, rest = node_id.partition(":")
    body = _SAFE.sub(lambda m: "_" + format(ord(m.group()), "x"), rest)
    return f"{kind}-{body}" if rest else kind


def attrs(values: Mapping[str, str | int | float | None]) -> str:
    """``[a="1", b=<...>]`` in key order; only :class:`Html` values are written unquoted."""
    parts = []
    for key in sorted(values):
        value = values[key]
        if value is None:
            continue
        if isinstance(value, Html):
            parts.append(f"{key}={value}")
        else:
            parts.append(f"{key}={quote(str(value))}")
    return "[" + ", ".join(parts) + "]" if parts else ""
