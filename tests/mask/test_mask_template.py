"""Compose templates as written, cut into literals and references (composedoc.mask.template)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from composedoc.mask.template import split_template, template_refs


def test_pieces_keep_references_and_literals_apart() -> None:
    assert split_template("x=${A:-d} $B $$C") == [
        ("lit", "x=", "", ""),
        ("ref", "A", ":-", "d"),
        ("lit", " ", "", ""),
        ("ref", "B", "$", ""),
        ("lit", " $$C", "", ""),
    ]


def test_nested_defaults_and_unclosed_braces() -> None:
    assert split_template("${A:-${B}}") == [("ref", "A", ":-", "${B}")]
    assert split_template("pre ${A") == [("lit", "pre ${A", "", "")]
    assert template_refs("${A:-${B:-${C}}} ${A}") == ["A", "B", "C"]


@given(st.text(alphabet="${}:-?+AB_ x", max_size=40))
def test_never_raises_and_literals_rebuild_the_text(text: str) -> None:
    pieces = split_template(text)
    if all(kind == "lit" for kind, *_ in pieces):
        assert "".join(piece[1] for piece in pieces) == text
