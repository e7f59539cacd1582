"""Go-style stringification (checked against Docker Compose through an environment map)."""

from __future__ import annotations

import math

import pytest

from composedoc.compose.gostr import go_float, go_quote, go_string


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, "true"),
        (False, "false"),
        (42, "42"),
        (-7, "-7"),
        (493, "493"),  # YAML 0755
        (1e3, "1000"),
        (1000000.0, "1e+06"),
        (1234567.5, "1.2345675e+06"),
        (0.00001, "1e-05"),
        (0.0001, "0.0001"),
        (3.14, "3.14"),
        (123456.0, "123456"),
        (1e20, "1e+20"),
        (1e21, "1e+21"),
        (0.0, "0"),
        (-0.5, "-0.5"),
        (math.inf, "+Inf"),
        (-math.inf, "-Inf"),
        (math.nan, "NaN"),
        ("text", "text"),
        ("", ""),
        (None, None),
    ],
)
def test_go_string(value: object, expected: str | None) -> None:
    assert go_string(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.1 + 0.2, "0.30000000000000004"),
        (-1234567.0, "-1.234567e+06"),
        (1.5e-7, "1.5e-07"),
        (999999.0, "999999"),
        (2.5e100, "2.5e+100"),
    ],
)
def test_go_float(value: float, expected: str) -> None:
    assert go_float(value) == expected


def test_containers_like_go() -> None:
    assert go_string([1, "a", None, True]) == "[1 a <nil> true]"
    assert go_string({"b": 2, "a": 1.5}) == "map[a:1.5 b:2]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", '"plain"'),
        ('q"b\\', '"q\\"b\\\\"'),
        ("a\nb\t", '"a\\nb\\t"'),
        ("\x01", '"\\x01"'),
        ("é", '"é"'),
        ("\u200b", '"\\u200b"'),
    ],
)
def test_go_quote(text: str, expected: str) -> None:
    assert go_quote(text) == expected
