"""Typed, located access to one mapping of the config file (see :mod:`composedoc.settings.file`).

Every wrong value becomes a :class:`UsageError` naming ``file:line:col`` and the key path
(``diagram.depth``), read from the locations the YAML reader keeps; a TOML table has no
positions, so its errors name the file and the key path only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from composedoc.compose.located import loc_of
from composedoc.errors import Location, UsageError
from composedoc.options import unknown_key

__all__ = ["Reader"]


class Reader:
    """Typed access to one mapping of the config, with located errors."""

    def __init__(self, data: Any, file: str, prefix: str, allowed: tuple[str, ...]) -> None:
        self.file = file
        self.prefix = prefix
        if not isinstance(data, Mapping):
            raise UsageError(f"{prefix or 'config'} must be a mapping", self.where(data))
        self.data = data
        for key in data:
            if key not in allowed:
                message = unknown_key(key, allowed, self.path(str(key)))
                raise UsageError(message, self.where(data, key))

    def path(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def where(self, container: Any, key: Any = None) -> Location:
        loc = loc_of(container, key)
        path = self.path(str(key)) if key is not None else self.prefix
        if loc is None:
            return Location(self.file, path=path)
        return Location(loc.file, loc.line, loc.column, path)

    def fail(self, key: str, expected: str) -> UsageError:
        return UsageError(f"{self.path(key)} must be {expected}", self.where(self.data, key))

    def get_str(self, key: str, choices: tuple[str, ...] = ()) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or (choices and value not in choices):
            raise self.fail(key, "one of " + ", ".join(choices) if choices else "a string")
        return value

    def get_bool(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.fail(key, "true or false")
        return value

    def get_int(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise self.fail(key, "an integer")
        if value is not None and value < 0:
            raise self.fail(key, "zero or more")
        return value

    def get_strs(self, key: str, choices: tuple[str, ...] = ()) -> tuple[str, ...]:
        """A list of strings; a single string or ``a,b`` is accepted too."""
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "a list of strings")
        for index, item in enumerate(value):
            if choices and item not in choices:
                error = self.fail(key, "a list of: " + ", ".join(choices) + f" (got {item!r})")
                loc = loc_of(value, index)
                if loc is not None:
                    error.location = Location(loc.file, loc.line, loc.column, self.path(key))
                raise error
        return tuple(value)

    def sub(self, key: str, allowed: tuple[str, ...]) -> Reader:
        return Reader(self.data.get(key) or {}, self.file, self.path(key), allowed)
