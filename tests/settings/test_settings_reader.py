"""Typed, located access to a config mapping (composedoc.settings.reader)."""

from __future__ import annotations

import pytest

from composedoc.compose.yaml import parse_documents
from composedoc.errors import UsageError
from composedoc.settings.reader import Reader


def _reader(text: str, allowed: tuple[str, ...]) -> Reader:
    return Reader(parse_documents(text, "c.yaml")[0], "c.yaml", "diagram", allowed)


def test_unknown_key_is_located() -> None:
    with pytest.raises(UsageError) as caught:
        _reader("depth: 1\ncolour: red\n", ("depth",))
    assert str(caught.value).startswith("c.yaml:2:9: unknown key 'diagram.colour'")


def test_typed_values_and_located_type_errors() -> None:
    reader = _reader("depth: 2\nfocus: a, b\nlegend: yes\n", ("depth", "focus", "legend"))
    assert reader.get_int("depth") == 2
    assert reader.get_strs("focus") == ("a", "b")
    with pytest.raises(UsageError, match=r"c.yaml:3:9: diagram.legend must be true or false"):
        reader.get_bool("legend")


def test_list_item_outside_choices_names_its_own_line() -> None:
    reader = _reader("hide:\n  - ports\n  - moons\n", ("hide",))
    with pytest.raises(UsageError) as caught:
        reader.get_strs("hide", ("ports",))
    assert caught.value.location is not None and caught.value.location.line == 3
