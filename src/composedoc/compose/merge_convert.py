"""The forms compose-go converts a side into before merging it (``override/merge.go``).

``convertIntoMapping`` (depends_on, networks, models), ``convertIntoSequence`` (dns, env_file,
tmpfs, ...), the key/value mapping of environment and labels, ``build: ctx`` as a mapping; plus
the location-keeping list concatenation and deep copy the merge uses.
"""

from __future__ import annotations

from typing import Any

from composedoc.compose.located import LocList, LocMap
from composedoc.compose.unicity import copy_map, go_str
from composedoc.errors import Location


def as_build(value: Any) -> LocMap | None:
    if isinstance(value, str):
        return LocMap({"context": value})
    if isinstance(value, dict):
        return value if isinstance(value, LocMap) else copy_map(value)
    return None


def as_mapping(value: Any, depends_on: bool) -> LocMap | None:
    """compose-go ``convertIntoMapping``: a list of names becomes a mapping."""
    if isinstance(value, dict):
        return value if isinstance(value, LocMap) else copy_map(value)
    if isinstance(value, list):
        out = LocMap(loc=getattr(value, "loc", None))
        for item, loc in zip(value, item_locs(value), strict=True):
            key = str(item)
            out[key] = copy_map(_STARTED) if depends_on else None
            if loc is not None:
                out.locs[key] = loc
        return out
    return None


_STARTED = LocMap({"condition": "service_started", "required": True})


def kv_mapping(value: Any) -> LocMap:
    if isinstance(value, dict):
        return copy_map(value)
    out = LocMap(loc=getattr(value, "loc", None))
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list):
        for item, loc in zip(value, item_locs(value), strict=True):
            text = item if isinstance(item, str) else go_str(item)
            key, eq, val = text.partition("=")
            out[key] = val if eq else None
            if loc is not None:
                out.locs[key] = loc
    return out


def as_sequence(value: Any) -> LocList:
    """compose-go ``convertIntoSequence``: string -> [string], mapping -> sorted ``k=v``."""
    loc = getattr(value, "loc", None)
    if isinstance(value, list):
        return value if isinstance(value, LocList) else LocList(value, loc=loc)
    if isinstance(value, dict):
        items: list[str] = []
        for k, v in value.items():
            if v is None:
                items.append(k)
            elif isinstance(v, list):
                items.extend(f"{k}={go_str(x)}" for x in v)
            else:
                items.append(f"{k}={go_str(v)}")
        return LocList(sorted(items), loc=loc)
    if isinstance(value, str):
        return LocList([value], loc=loc)
    return LocList(loc=loc)


def concat(a: list[Any], b: list[Any]) -> LocList:
    out = LocList(a, loc=getattr(a, "loc", None) or getattr(b, "loc", None))
    out.extend(b)
    out.locs = item_locs(a) + item_locs(b)
    return out


def item_locs(value: list[Any]) -> list[Location | None]:
    """Per-item locations of a list, padded to its length."""
    locs: list[Location | None] = list(getattr(value, "locs", ()))
    if len(locs) == len(value):
        return locs
    if len(locs) < len(value):
        locs.extend([None] * (len(value) - len(locs)))
    return locs[: len(value)]


def hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return ("\0map", tuple((k, hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("\0seq", tuple(hashable(v) for v in value))
    return (type(value).__name__, value)


def deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        out = LocMap(loc=getattr(value, "loc", None))
        for k, v in value.items():
            out[k] = deep_copy(v)
        locs = getattr(value, "locs", None)
        if locs:
            out.locs = dict(locs)
        return out
    if isinstance(value, list):
        lst = LocList([deep_copy(v) for v in value], loc=getattr(value, "loc", None))
        lst.locs = item_locs(value)
        return lst
    return value
