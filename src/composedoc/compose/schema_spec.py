"""The spec classes of our compact Compose schema: each checks one node in one tight pass.

Docker Compose validates every file after interpolation and merge against the Compose JSON
schema. We do not ship that schema; instead ``schema_rules`` describes the same structure with
the small spec classes below, which check a model in one tight pass. Messages follow Docker
Compose's wording (``services.web.image must be a string``) with the offending value added, and
the error is located at the offending key or value (``file:line:col``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["ANY", "Choice", "Dict", "Fail", "Seq", "Spec", "Val"]


class Fail(Exception):
    """Internal: a check failed; containers prepend their key on the way up (no cost if ok)."""

    def __init__(self, message: str, key: str | int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.key = key  # offending key/item inside the failing node, for the location only
        self.path: list[str | int] = []  # reversed: leaf first


_KINDS: dict[type, str] = {
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
    type(None): "null",
}


def _kind(value: Any) -> str:
    """JSON-schema kind of a Python value; integral floats count as integers (like Compose)."""
    kind = _KINDS.get(type(value))
    if kind is None:
        if isinstance(value, bool):
            kind = "boolean"
        elif isinstance(value, int):
            kind = "integer"
        elif isinstance(value, float):
            kind = "number"
        elif isinstance(value, str):
            kind = "string"
        elif isinstance(value, Mapping):
            return "object"
        elif isinstance(value, list | tuple):
            return "array"
        else:
            return type(value).__name__
    if kind == "number" and value.is_integer():
        return "integer"
    return kind


def _human(kinds: Iterable[str]) -> str:
    """Docker Compose's type wording: sorted, ``object`` shown as ``mapping``."""
    names = sorted({"mapping" if k == "object" else k for k in kinds})
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _got(value: Any) -> str:
    kind = _kind(value)
    if kind == "object":
        return "got a mapping"
    if kind == "array":
        return "got a list"
    if kind in ("integer", "number"):
        return f"got number {value!r}"
    if kind in ("string", "boolean"):
        return f"got {kind} {value!r}"
    return f"got {kind}"


def _type_error(kinds: Iterable[str], value: Any) -> Fail:
    return Fail(f"must be a {_human(kinds)} ({_got(value)})")


class Spec:
    """A node of the schema: ``kinds`` are the JSON kinds it can accept at its root."""

    kinds: frozenset[str] = frozenset()

    def check(self, value: Any) -> None:
        raise NotImplementedError


class _Any(Spec):
    kinds = frozenset({"string", "integer", "number", "boolean", "null", "object", "array"})

    def check(self, value: Any) -> None:
        return None


ANY: Spec = _Any()


class Val(Spec):
    """A scalar of the given kinds, optionally with an enum, a pattern or numeric bounds."""

    __slots__ = ("accept", "enum", "maximum", "minimum", "pattern", "raw_pattern")

    def __init__(
        self,
        *kinds: str,
        enum: tuple[str, ...] = (),
        pattern: str | None = None,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> None:
        self.kinds = frozenset(kinds)
        self.accept = self.kinds | ({"integer"} if "number" in self.kinds else set())
        self.enum = enum
        self.raw_pattern = pattern
        self.pattern = _compile(pattern) if pattern else None
        self.minimum = minimum
        self.maximum = maximum

    def check(self, value: Any) -> None:
        if _kind(value) not in self.accept:
            raise _type_error(self.kinds, value)
        if self.enum and value not in self.enum:
            allowed = ", ".join(f"'{e}'" for e in self.enum)
            raise Fail(f"value must be one of {allowed} (got {value!r})")
        if self.pattern is not None and not self.pattern.search(value):
            raise Fail(f"'{value}' does not match pattern '{self.raw_pattern}'")
        if self.minimum is not None and value < self.minimum:
            raise Fail(f"must be greater than or equal to {self.minimum} (got {value!r})")
        if self.maximum is not None and value > self.maximum:
            raise Fail(f"must be less than or equal to {self.maximum} (got {value!r})")


def _compile(pattern: str) -> re.Pattern[str]:
    """A JSON-schema (Go RE2) pattern for ``search``: ``$`` means end of text, as in Go."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


class Dict(Spec):
    """A mapping: named properties, keys matching ``names``, ``x-*`` extensions, ``extra``.

    ``extra`` is the spec for any other key (None: such keys are rejected, the JSON schema's
    ``additionalProperties: false``).
    """

    __slots__ = ("extra", "names", "names_raw", "names_spec", "props", "required", "x_ok")
    kinds = frozenset({"object"})

    def __init__(
        self,
        props: Mapping[str, Spec] | None = None,
        *,
        names: tuple[str, Spec] | None = None,
        extra: Spec | None = None,
        x: bool = True,
        required: tuple[str, ...] = (),
    ) -> None:
        self.props: dict[str, Spec] = dict(props or {})
        self.names_raw = names[0] if names else None
        self.names = _compile(names[0]) if names else None
        self.names_spec = names[1] if names else ANY
        self.extra = extra
        self.x_ok = x
        self.required = required

    def check(self, value: Any) -> None:
        if not isinstance(value, Mapping):
            raise _type_error(self.kinds, value)
        props = self.props
        unknown: list[str] = []
        for key, item in value.items():
            spec = props.get(key)
            if spec is None:
                if self.x_ok and key.startswith("x-"):
                    continue
                if self.names is not None and self.names.search(key):
                    spec = self.names_spec
                elif self.extra is not None:
                    spec = self.extra
                else:
                    unknown.append(key)
                    continue
            try:
                spec.check(item)
            except Fail as fail:
                fail.path.append(key)
                raise
        if unknown:
            names = ", ".join(f"'{k}'" for k in unknown)
            raise Fail(f"additional properties {names} not allowed", key=unknown[0])
        missing = [k for k in self.required if k not in value]
        if missing:
            plural = "property" if len(missing) == 1 else "properties"
            raise Fail(f"missing {plural} {', '.join(repr(k) for k in missing)}")


class Seq(Spec):
    """A list whose items all match ``items``; ``unique`` as JSON schema ``uniqueItems``."""

    __slots__ = ("items", "unique")
    kinds = frozenset({"array"})

    def __init__(self, items: Spec, *, unique: bool = False) -> None:
        self.items = items
        self.unique = unique

    def check(self, value: Any) -> None:
        if not isinstance(value, list):
            raise _type_error(self.kinds, value)
        check = self.items.check
        for index, item in enumerate(value):
            try:
                check(item)
            except Fail as fail:
                fail.path.append(index)
                raise
        if self.unique and len(value) > 1:
            _check_unique(value)


def _canon(value: Any) -> Any:
    """Hashable form with JSON equality (1 == 1.0, but True != 1)."""
    kind = _kind(value)
    if kind == "object":
        return ("o", tuple(sorted((k, _canon(v)) for k, v in value.items())))
    if kind == "array":
        return ("a", tuple(_canon(v) for v in value))
    if kind in ("integer", "number"):
        return ("n", value)
    return (kind, value)


def _check_unique(items: list[Any]) -> None:
    if all(type(v) is str for v in items) and len(set(items)) == len(items):
        return
    seen: dict[Any, int] = {}
    for index, item in enumerate(items):
        key = _canon(item)
        if key in seen:
            raise Fail(f"items at {seen[key]} and {index} are equal", key=index)
        seen[key] = index


class Choice(Spec):
    """JSON schema ``oneOf`` whose branches accept disjoint kinds: dispatch on the kind."""

    __slots__ = ("branches",)

    def __init__(self, *branches: Spec) -> None:
        self.branches: dict[str, Spec] = {}
        for branch in branches:
            kinds = set(branch.kinds)
            if "number" in kinds:
                kinds.add("integer")
            for kind in kinds:
                self.branches.setdefault(kind, branch)
        self.kinds = frozenset(k for b in branches for k in b.kinds)

    def check(self, value: Any) -> None:
        branch = self.branches.get(_kind(value))
        if branch is None:
            raise _type_error(self.kinds, value)
        branch.check(value)
