"""Canonical Compose scalars and lists as the typed model holds them (text, tuples).

Canonical values are JSON scalars; the model keeps text (``0.5`` -> ``"0.5"``, ``true`` ->
``"true"``), sorted pairs for maps and tuples for lists, with ``""`` as unset where Go's
``omitempty`` would leave the field out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from composedoc.model.project import Pairs


def text(value: Any) -> str | None:
    """Compose scalars as text (``0.5`` -> ``"0.5"``), ``None`` kept."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def opt_text(value: Any) -> str | None:
    """An optional string field; ``""`` is unset, as Go's ``omitempty`` prints it."""
    if value is None or value.__class__ is str:  # the usual cases, without a call
        return value or None
    return text(value) or None


def opt_int(value: Any) -> int | None:
    """An int field; a value kept as written (``"${REPLICAS}"``, no interpolation) is unset."""
    if value is None or isinstance(value, int):
        return value
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def env_pairs(value: Any) -> tuple[tuple[str, str | None], ...]:
    """``environment``/``args`` maps; canonical values are already text (fast path)."""
    if not isinstance(value, Mapping) or not value:
        return ()
    items = sorted(value.items())
    if all(isinstance(v, str) or v is None for _, v in items):
        return tuple(items)
    return tuple((str(k), text(v)) for k, v in items)


def pairs(value: Any) -> Pairs:
    if not isinstance(value, Mapping):
        return ()
    return tuple(sorted((str(k), text(v) or "") for k, v in value.items()))


def strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def argv(value: Any) -> tuple[str, ...] | None:
    return None if value is None else strings(value)
