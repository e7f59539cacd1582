"""Containers that remember where each value was written.

The YAML reader builds ``LocMap``/``LocList`` instead of ``dict``/``list``; every later
loader step that rebuilds a container copies the locations over (``with_locs``), so an error
found after interpolation, merging or canonicalisation can still name ``file:line:col``.
They behave as plain ``dict``/``list`` everywhere else (json, yaml dumping via ``plain``).
"""

from __future__ import annotations

from typing import Any

from composedoc.errors import Location


class LocMap(dict[str, Any]):
    """A mapping with the location of the mapping itself and of each key's value."""

    __slots__ = ("loc", "locs")

    def __init__(self, *args: Any, loc: Location | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.loc: Location | None = loc
        self.locs: dict[str, Location] = {}

    def loc_of(self, key: str) -> Location | None:
        """Location of the value under ``key``, else of the mapping."""
        return self.locs.get(key, self.loc)


class LocList(list[Any]):
    """A sequence with the location of the sequence itself and of each item."""

    __slots__ = ("loc", "locs")

    def __init__(self, *args: Any, loc: Location | None = None) -> None:
        super().__init__(*args)
        self.loc: Location | None = loc
        self.locs: list[Location | None] = []

    def loc_of(self, index: int) -> Location | None:
        """Location of item ``index``, else of the sequence."""
        if 0 <= index < len(self.locs) and self.locs[index] is not None:
            return self.locs[index]
        return self.loc


def loc_of(container: Any, key: Any = None) -> Location | None:
    """Best location for ``container[key]`` (or the container) for any value."""
    if isinstance(container, LocMap):
        return container.loc_of(key) if key is not None else container.loc
    if isinstance(container, LocList):
        return container.loc_of(key) if isinstance(key, int) else container.loc
    return None


def plain(value: Any) -> Any:
    """Deep copy into plain ``dict``/``list`` (for dumping and equality checks)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
