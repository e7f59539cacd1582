"""goyaml's ASCII fast paths give what the compiled Unicode classes give, on any text."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from composedoc.compose import goyaml

UNPRINTABLE = re.compile(goyaml._UNPRINTABLE_CLASS)
ESCAPED = re.compile(goyaml._GO_UNPRINTABLE)


@given(st.text())
@example("")
@example("\x7f")
@example("a\tb")
@example('say "hi" \\ there')
@example("caf\u00e9\u2028")
def test_fast_paths_match_the_regular_expressions(text: str) -> None:
    assert goyaml._has_unprintable(text) == bool(UNPRINTABLE.search(text))
    assert goyaml._double_quoted(text) == '"' + ESCAPED.sub(goyaml._go_escape, text) + '"'


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_never_compiles_the_unicode_class(text: str) -> None:
    goyaml._pattern.cache_clear()
    goyaml._has_unprintable(text)
    if text.isprintable() and '"' not in text and "\\" not in text:
        goyaml._double_quoted(text)
    assert goyaml._pattern.cache_info().currsize == 0
