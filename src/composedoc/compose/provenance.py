"""Which values came out of a variable: what interpolation read from ``.env``, an env file
or the process environment, so that docs can show ``${DB_PASSWORD}`` instead of its value.

``docker compose config`` prints resolved values and so does ``composedoc config``; every
other output is drawn from the typed project, which :mod:`composedoc.mask.provenance` turns
back into the text as written wherever a value was interpolated.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Lookup", "Provenance"]

Lookup = Callable[[str], "str | None"]

_PUBLIC = frozenset({"COMPOSE_PROJECT_NAME"})
"""Set by the loader to the project name, which every output shows anyway."""


class Provenance:
    """Collects, during one load, each interpolated string and each variable value used.

    ``written`` maps a resolved string to the text the file wrote (``nginx:hunter2`` ->
    ``nginx:${DB_PASSWORD}``); ``values`` maps a variable's value to its reference
    (``hunter2`` -> ``${DB_PASSWORD}``). A default written in the file (``${X:-a}`` with X
    unset) is not recorded: it is already in the file.
    """

    def __init__(self) -> None:
        self.written: dict[str, str] = {}
        self.values: dict[str, str] = {}
        self._used: list[tuple[str, str]] = []

    def lookup(self, get: Lookup) -> Lookup:
        """``get`` that remembers the variables it returned a value for."""

        def look(name: str) -> str | None:
            value = get(name)
            if value and name not in _PUBLIC:
                self._used.append((name, value))
            return value

        return look

    def record(self, written: str, resolved: str) -> None:
        """One string was interpolated; keep it if a variable's value went into it."""
        used, self._used = self._used, []
        if not used:
            return
        for name, value in used:
            ref = "${" + name + "}"
            known = self.values.get(value)
            if known is None or ref < known:  # deterministic when two names share a value
                self.values[value] = ref
        if resolved != written:
            known = self.written.get(resolved)
            if known is None or written < known:
                self.written[resolved] = written
