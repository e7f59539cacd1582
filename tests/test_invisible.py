"""Bidi and zero-width characters written ``\\u202e`` (composedoc.invisible)."""

from __future__ import annotations

import sys
import time
import unicodedata

import pytest

from composedoc.invisible import INVISIBLE, escape_invisible, has_invisible


def test_every_format_and_separator_character_is_matched() -> None:
    """The class holds every Cf, Zl and Zp character of the running Python's Unicode table."""
    wanted = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Cf", "Zl", "Zp")
    ]
    missed = [f"U+{ord(c):04X}" for c in wanted if not INVISIBLE.fullmatch(c)]
    assert not missed, f"add to composedoc.invisible.INVISIBLE: {missed}"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("nginx\u202egnp.exe\u202c", "nginx\\u202egnp.exe\\u202c"),
        ("a\u200bb\u200fc", "a\\u200bb\\u200fc"),
        ("\u2066x\u2069", "\\u2066x\\u2069"),
        ("\ufeffbom", "\\ufeffbom"),
        ("line\u2028para\u2029", "line\\u2028para\\u2029"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("café ünïcode 日本 ✓", "café ünïcode 日本 ✓"),
        ("plain ascii\n\ttext", "plain ascii\n\ttext"),
    ],
)
def test_escape_invisible(text: str, shown: str) -> None:
    assert escape_invisible(text) == shown
    assert has_invisible(text) == (text != shown)


def test_escaping_a_megabyte_is_linear() -> None:
    text = "é\u202e" * 500_000
    start = time.process_time()
    assert escape_invisible(text).count("\\u202e") == 500_000
    assert time.process_time() - start < 1.0
