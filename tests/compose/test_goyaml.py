"""goyaml_scalar's ASCII fast paths give what the compiled Unicode classes give, on any text."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from composedoc.compose import goyaml_scalar

SPECIAL = re.compile(goyaml_scalar._SPECIAL)
ESCAPED = re.compile(goyaml_scalar._GO_UNPRINTABLE)


@given(st.text())
@example("")
@example("\x7f")
@example("a\tb")
@example('say "hi" \\ there')
@example("caf\u00e9\u2028")
def test_fast_paths_match_the_regular_expressions(text: str) -> None:
    assert goyaml_scalar._special(text) == bool(SPECIAL.search(text))
    if not text.startswith("\ufeff"):
        escaped = '"' + ESCAPED.sub(goyaml_scalar._go_escape, text) + '"'
        assert goyaml_scalar.double_quoted(text) == escaped


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_never_compiles_the_unicode_class(text: str) -> None:
    goyaml_scalar._pattern.cache_clear()
    goyaml_scalar._special(text)
    if text.isprintable() and '"' not in text and "\\" not in text:
        goyaml_scalar.double_quoted(text)
    assert goyaml_scalar._pattern.cache_info().currsize == 0
