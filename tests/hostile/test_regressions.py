"""Regression tests for crashes the hostile corpus and the fuzzer found (in-process, fast)."""

from __future__ import annotations

import time

import pytest

from composedoc.compose.interpolate import (
    InvalidTemplateError,
    NestingError,
    interpolate_tree,
    substitute,
)
from composedoc.compose.located import LocMap
from composedoc.errors import Location, UsageError
from composedoc.limits import DEFAULT_LIMITS, Limits, from_environ

ENV = {"A": "a", "E": ""}


def test_many_defaults_in_one_value_do_not_recurse() -> None:
    """``${X:-a}`` 5,000 times in one value was a RecursionError (one frame per template)."""
    assert substitute("${X:-a}" * 5000, ENV.get) == "a" * 5000


def test_long_value_costs_linear_time() -> None:
    """Go's greedy match made each template rescan the rest of the line: quadratic."""
    text = "${A:-b}x" * 200_000 + "}"
    start = time.perf_counter()
    assert substitute(text, ENV.get) == "ax" * 200_000 + "}"
    assert time.perf_counter() - start < 5


def test_nested_defaults_stop_at_the_limit() -> None:
    deep = "${X:-" * 100 + "v" + "}" * 100
    assert substitute(deep, ENV.get) == "v"
    with pytest.raises(NestingError, match="nested deeper than 100 levels"):
        substitute("${X:-" * 5000 + "v" + "}" * 5000, ENV.get)


def test_nesting_error_names_the_value() -> None:
    tree = LocMap({"services": LocMap({"web": LocMap({"image": "${X:-" * 200 + "}" * 200})})})
    tree["services"]["web"].locs["image"] = Location("compose.yaml", 3, 12)
    with pytest.raises(NestingError) as info:
        interpolate_tree(tree, ENV.get)
    assert str(info.value).startswith("compose.yaml:3:12: variables nested deeper than 100")
    assert "services.web.image" in str(info.value)


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("${A:-x}${E:-y}", "ay"),
        ("${A:-{x}}", "a"),  # Go skips the character after each "{"
        ("${A:+x}}y", "x}y"),
        ("${X:-a}b}c", "ab}c"),
        ("${X:-${A}}-${E-z}", "a-"),
        ("$$A $A $ ${A}", "$A a $ a"),
        ("${A:-x}\n${X:-y}", "a\ny"),
    ],
)
def test_rest_of_a_template_keeps_go_semantics(template: str, expected: str) -> None:
    assert substitute(template, ENV.get) == expected


@pytest.mark.parametrize(
    ("template", "reported"),
    [("${", "${"), ("${A:-x}x}${", "${A:-x}x}${"), ("${A:-x}${b c}y}", "${b c}y}")],
)
def test_invalid_template_reports_the_template_go_reports(template: str, reported: str) -> None:
    """Go reports the innermost ``rest`` it was substituting when it met the bad ``${``."""
    with pytest.raises(InvalidTemplateError) as info:
        substitute(template, ENV.get)
    assert info.value.template == reported


def test_limits_from_environment() -> None:
    assert from_environ({}) is DEFAULT_LIMITS
    assert from_environ({"COMPOSEDOC_LIMIT_MAX_DEPTH": "1_000"}).max_depth == 1000
    assert from_environ({"COMPOSEDOC_LIMIT_MAX_LAYOUT_NODES": "50"}).max_layout_nodes == 50
    with pytest.raises(UsageError, match="COMPOSEDOC_LIMIT_MAX_SERVICES"):
        from_environ({"COMPOSEDOC_LIMIT_MAX_SERVICES": "many"})
    with pytest.raises(UsageError, match="positive"):
        Limits(max_depth=0)


def test_interpolation_depth_limit_is_adjustable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPOSEDOC_LIMIT_MAX_INTERPOLATION_DEPTH", "20")
    with pytest.raises(NestingError, match="deeper than 20"):
        substitute("${X:-" * 30 + "}" * 30, ENV.get)
