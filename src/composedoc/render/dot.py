"""DOT syntax: quoting, attribute lists and stable element ids, nothing about looks.

Kept apart from :mod:`composedoc.render.diagram` so the escaping rules live in one place and
can be tested against Graphviz itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

_SAFE = re.compile(r"[^A-Za-z0-9]")


def quote(value: str) -> str:
    """A DOT double-quoted string (backslashes doubled except in ``\\n``, quotes escaped)."""
    if '"' not in value and "\\" not in value and "\n" not in value:
        return f'"{value}"'
    text = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def html(value: str) -> str:
    """Text for a DOT HTML-like label."""
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
    """``[a="1", b=<...>]`` in key order; values starting with ``<`` are HTML labels."""
    parts = []
    for key in sorted(values):
        value = values[key]
        if value is None:
            continue
        text = str(value)
        if text.startswith("<") and text.endswith(">"):
            parts.append(f"{key}={text}")
        else:
            parts.append(f"{key}={quote(text)}")
    return "[" + ", ".join(parts) + "]" if parts else ""
