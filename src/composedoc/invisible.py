"""Invisible characters made visible: bidi controls, zero-width and other format characters.

``image: "nginx\u202egnp.exe\u202c"`` displays as ``nginxexe.png`` in a browser; a page or a
pull-request comment must show what the file holds. Every Unicode format character
(category Cf: U+200B-200F, U+202A-202E, U+2060-2069, U+FEFF, ...) and the line and paragraph
separators U+2028/2029 become ``\\u202e`` (``\\U000e0001`` above U+FFFF), as Docker Compose
writes them in its messages (Go ``%q``).
"""

from __future__ import annotations

import re

__all__ = ["INVISIBLE", "escape_invisible", "has_invisible"]

INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
"""Categories Cf, Zl and Zp of Unicode 15 (tests/test_invisible.py checks the running
Python's table)."""


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def has_invisible(text: str) -> bool:
    """Whether ``text`` holds a character :func:`escape_invisible` would rewrite."""
    return not text.isascii() and INVISIBLE.search(text) is not None


def escape_invisible(text: str) -> str:
    """``text`` with every invisible character written as ``\\uXXXX``; ASCII is returned as is."""
    if text.isascii():
        return text
    return INVISIBLE.sub(_escaped, text)
