"""The type casts Compose applies after interpolation (compose-go ``loader/interpolate.go``).

A few fields may hold ``${VAR}``, so the schema allows strings there; once interpolated, the
strings are cast at their known paths (``privileged: "yes"`` -> ``true`` with a warning,
``cpus: "0.5"`` -> ``0.5``), with Compose's own error wording when a value does not parse.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from composedoc.compose.gostr import go_quote
from composedoc.compose.interpolate import compose_path, is_marker, with_path
from composedoc.compose.located import LocList, LocMap
from composedoc.compose.warn import warn
from composedoc.errors import InterpolationError

__all__ = ["cast_values"]

_INT_MAX = 2**63 - 1  # Go's int is 64-bit on every platform Compose ships for
_BOOL_WORDS = {"true": True, "false": False}
_YAML11_WORDS = {"y": True, "yes": True, "on": True, "n": False, "no": False, "off": False}
_INT_RE = re.compile(r"[+-]?[0-9]+\Z")
_FLOAT_RE = re.compile(
    # ``[0-9]+(\.[0-9]*)?``, not ``[0-9]+\.?[0-9]*``: the same numbers, without trying every
    # split of a long run of digits (quadratic on "000...0x").
    r"[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf|infinity)\Z|nan\Z",
    re.IGNORECASE,
)
_FLOAT32_MAX = 3.4028234663852886e38


def _to_bool(value: str) -> bool:
    word = value.lower()
    if word in _BOOL_WORDS:
        return _BOOL_WORDS[word]
    if word in _YAML11_WORDS:
        result = _YAML11_WORDS[word]
        warn(
            "%s for boolean is not supported by YAML 1.2, please use `%s`",
            go_quote(value),
            "true" if result else "false",
        )
        return result
    raise ValueError(f"invalid boolean: {value}")


def _to_int(value: str, func: str = "strconv.Atoi") -> int:
    if not _INT_RE.match(value):
        raise ValueError(f"{func}: parsing {go_quote(value)}: invalid syntax")
    number = int(value)
    if not -_INT_MAX - 1 <= number <= _INT_MAX:
        raise ValueError(f"{func}: parsing {go_quote(value)}: value out of range")
    return number


def _to_int64(value: str) -> int:
    return _to_int(value, "strconv.ParseInt")


def _to_float(value: str, limit: float = 1.7976931348623157e308) -> float:
    if not _FLOAT_RE.match(value):
        raise ValueError(f"strconv.ParseFloat: parsing {go_quote(value)}: invalid syntax")
    number = float(value)
    if abs(number) > limit and "inf" not in value.lower():
        raise ValueError(f"strconv.ParseFloat: parsing {go_quote(value)}: value out of range")
    return number


def _to_float32(value: str) -> float:
    return _to_float(value, _FLOAT32_MAX)


_S = ("services", "*")
_CASTS: tuple[tuple[tuple[str, ...], Callable[[str], Any]], ...] = (
    ((*_S, "cpu_count"), _to_int64),
    ((*_S, "cpu_percent"), _to_float),
    ((*_S, "cpu_period"), _to_int64),
    ((*_S, "cpu_quota"), _to_int64),
    ((*_S, "cpu_rt_period"), _to_int64),
    ((*_S, "cpu_rt_runtime"), _to_int64),
    ((*_S, "cpus"), _to_float32),
    ((*_S, "cpu_shares"), _to_int64),
    ((*_S, "init"), _to_bool),
    ((*_S, "deploy", "replicas"), _to_int),
    ((*_S, "deploy", "update_config", "parallelism"), _to_int),
    ((*_S, "deploy", "update_config", "max_failure_ratio"), _to_float),
    ((*_S, "deploy", "rollback_config", "parallelism"), _to_int),
    ((*_S, "deploy", "rollback_config", "max_failure_ratio"), _to_float),
    ((*_S, "deploy", "restart_policy", "max_attempts"), _to_int),
    ((*_S, "deploy", "placement", "max_replicas_per_node"), _to_int),
    ((*_S, "healthcheck", "retries"), _to_int),
    ((*_S, "healthcheck", "disable"), _to_bool),
    ((*_S, "oom_kill_disable"), _to_bool),
    ((*_S, "oom_score_adj"), _to_int64),
    ((*_S, "pids_limit"), _to_int64),
    ((*_S, "ports", "[]", "target"), _to_int),
    ((*_S, "privileged"), _to_bool),
    ((*_S, "read_only"), _to_bool),
    ((*_S, "scale"), _to_int),
    ((*_S, "stdin_open"), _to_bool),
    ((*_S, "tty"), _to_bool),
    ((*_S, "ulimits", "*"), _to_int),
    ((*_S, "ulimits", "*", "hard"), _to_int),
    ((*_S, "ulimits", "*", "soft"), _to_int),
    ((*_S, "volumes", "[]", "read_only"), _to_bool),
    ((*_S, "volumes", "[]", "volume", "nocopy"), _to_bool),
    *(
        (("networks", "*", key), _to_bool)
        for key in ("external", "internal", "attachable", "enable_ipv4", "enable_ipv6")
    ),
    (("volumes", "*", "external"), _to_bool),
    (("secrets", "*", "external"), _to_bool),
    (("configs", "*", "external"), _to_bool),
)


def cast_values(tree: Any) -> Any:
    """Apply the §2.4 casts in place at their known paths and return ``tree``.

    Only string values are cast (a YAML ``true`` is already a bool). ``yes``/``on``/...
    warn like Compose; anything else that does not parse raises a located InterpolationError
    worded ``error while interpolating <path>: failed to cast to expected type: ...``.
    """
    if isinstance(tree, dict):
        for pattern, func in _CASTS:
            _cast_at(tree, pattern, 0, func, [])
    return tree


def _cast_at(
    node: Any, pattern: tuple[str, ...], depth: int, func: Callable[[str], Any], parts: list[str]
) -> None:
    step = pattern[depth]
    last = depth == len(pattern) - 1
    if is_marker(node):
        node = node.value
    if step == "[]":
        if not isinstance(node, list):
            return
        keys: list[Any] = list(range(len(node)))
    elif not isinstance(node, dict):
        return
    elif step == "*":
        keys = list(node)
    else:
        if step not in node:
            return
        keys = [step]
    for key in keys:
        parts.append(f"[{key}]" if isinstance(key, int) else str(key))
        value = node[key]
        if not last:
            _cast_at(value, pattern, depth + 1, func, parts)
        elif isinstance(value, str) or (is_marker(value) and isinstance(value.value, str)):
            node[key] = _cast_one(node, key, value, func, parts)
        parts.pop()


def _cast_one(node: Any, key: Any, value: Any, func: Callable[[str], Any], parts: list[str]) -> Any:
    text = value.value if is_marker(value) else value
    try:
        result = func(text)
    except ValueError as exc:
        loc = node.loc_of(key) if isinstance(node, LocMap | LocList) else None
        raise InterpolationError(
            f"error while interpolating {compose_path(parts)}: "
            f"failed to cast to expected type: {exc}",
            with_path(loc, parts),
        ) from None
    if is_marker(value):
        return dataclasses.replace(value, value=result)
    return result
