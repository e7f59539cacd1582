"""``${VAR}`` interpolation as compose-go v2.9.1 does it (the casts after it: casts.py).

Compose interpolates every YAML *value* (never a key) of each file before merging, then
casts a few known fields from strings (``privileged: "yes"`` -> ``true``). We follow the
oracle exactly, including its eager evaluation of defaults: in ``${TAG:-${NOPE?boom}}`` the
default is expanded (and fails) even when ``TAG`` is set.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from composedoc.compose.gostr import go_quote
from composedoc.compose.located import LocList, LocMap
from composedoc.compose.warn import warn
from composedoc.compose.yaml import Override, Reset
from composedoc.errors import InterpolationError, Location
from composedoc.limits import active as active_limits

__all__ = [
    "InvalidTemplateError",
    "Lookup",
    "MissingRequiredError",
    "NestingError",
    "interpolate_tree",
    "substitute",
]

Lookup = Callable[[str], "str | None"]


# Go's pattern is ``\$(?:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?].*)?)\}|()))``
# (case-insensitive); the scanner below applies it by hand so that a long value costs linear
# time and no recursion. Names use the same case folding as Go's (?i) (e.g. U+212A KELVIN).
_NAME = re.compile(r"[_a-z][_a-z0-9]*", re.IGNORECASE)
# Operators in the order Go lists them; the one found first in the text wins.
_OPERATORS = (":?", "?", ":-", "-", ":+", "+")


class InvalidTemplateError(InterpolationError):
    """A ``${...}`` whose body is not a name with an optional operator.

    Without a path the text is Go's (``Invalid template: "${x/y}"``); with the YAML path
    it is Compose's three-line message, whose last line is the offending template.
    """

    def __init__(self, template: str, path: str = "", location: Location | None = None) -> None:
        if path:
            text = (
                f"invalid interpolation format for {path}.\n"
                f"You may need to escape any $ with another $.\n{template}"
            )
        else:
            text = f"Invalid template: {go_quote(template)}"
        super().__init__(text, location)
        self.template = template
        self.path = path


class NestingError(InterpolationError):
    """``${A:-${B:-...}}`` nested deeper than ``Limits.max_interpolation_depth``."""

    def __init__(self, limit: int, path: str = "", location: Location | None = None) -> None:
        where = f" in {path}" if path else ""
        super().__init__(f"variables nested deeper than {limit} levels{where}", location)
        self.limit = limit
        self.path = path


class MissingRequiredError(InterpolationError):
    """``${VAR?msg}`` or ``${VAR:?msg}`` with the variable unset (or empty)."""

    def __init__(
        self, variable: str, reason: str, path: str = "", location: Location | None = None
    ) -> None:
        text = f"required variable {variable} is missing a value"
        if reason:
            text += f": {reason}"
        if path:
            text = f"error while interpolating {path}: {text}"
        super().__init__(text, location)
        self.variable = variable
        self.reason = reason
        self.path = path


def substitute(template: str, lookup: Lookup, *, warned: set[str] | None = None) -> str:
    """Expand ``$VAR``/``${VAR...}`` in ``template``; ``$$`` becomes a literal ``$``.

    ``warned`` collects the names already reported as unset so each is warned about once
    (pass the same set for a whole load); without it every occurrence is reported.
    """
    if "$" not in template:
        return template
    return _Scan(template, lookup, warned, 0).run()


class _Scan:
    """One pass over a template, linear in its length and without recursion on ``rest``.

    Go matches ``${name<op>...}`` greedily up to the last ``}`` of the line, cuts the match
    at the brace closing the first ``{``, and substitutes the ``rest`` recursively. The
    text after the cut is the same as ``rest`` followed by what comes after the match, so
    scanning on from the cut gives the same result; ``regions`` only remembers each
    ``rest`` so that an invalid template is reported with the text Go reports.
    """

    def __init__(self, text: str, lookup: Lookup, warned: set[str] | None, depth: int) -> None:
        if depth > 16:  # cheap check first: real files nest two or three levels
            limit = active_limits().max_interpolation_depth
            if depth > limit:
                raise NestingError(limit)
        self.text = text
        self.lookup = lookup
        self.warned = warned
        self.depth = depth
        self.regions: list[tuple[int, int]] = []
        self.line_end = -1
        self.last_brace = -1

    def run(self) -> str:
        text = self.text
        n = len(text)
        out: list[str] = []
        pos = 0
        while True:
            s = text.find("$", pos)
            if s < 0 or s + 1 >= n:
                break
            out.append(text[pos:s])
            nxt = text[s + 1]
            if nxt == "$":
                out.append("$")
                pos = s + 2
            elif nxt == "{":
                value, pos = self.braced(s)
                out.append(value)
            else:
                m = _NAME.match(text, s + 1)
                if m is None:  # a lone "$" stays as it is
                    out.append("$")
                    pos = s + 1
                else:
                    out.append(self.value_of(m.group()))
                    pos = m.end()
        out.append(text[pos:])
        return "".join(out)

    def braced(self, s: int) -> tuple[str, int]:
        """``${...}`` starting at ``s``: its value and where scanning goes on."""
        text = self.text
        n = len(text)
        m = _NAME.match(text, s + 2)
        if m is None:
            raise InvalidTemplateError(self.template_at(s))
        e = m.end()
        if e < n and text[e] == "}":
            return self.value_of(m.group()), e + 1
        op = text[e : e + 2] if text[e : e + 2] in (":?", ":-", ":+") else text[e : e + 1]
        greedy = self.line_last_brace(s)
        if op not in _OPERATORS or greedy < e + len(op):
            raise InvalidTemplateError(self.template_at(s))
        close = _closing_brace(text, s, greedy + 1)
        end = close if close > -1 else greedy
        value = _apply(text[s + 2 : end], op, self.lookup, self.warned, self.depth)
        if close > -1 and close < greedy:
            self.regions.append((close + 1, greedy + 1))
        return value, end + 1

    def line_last_brace(self, s: int) -> int:
        """Index of the last ``}`` on the line of ``s`` (``.`` never matches a newline)."""
        text = self.text
        if s > self.line_end:  # each line is searched once: linear time overall
            line_end = text.find("\n", s)
            self.line_end = len(text) if line_end < 0 else line_end
            self.last_brace = text.rfind("}", s, self.line_end)
        return self.last_brace if self.last_brace >= s else -1

    def template_at(self, s: int) -> str:
        """The template Go names in its error: the innermost ``rest`` holding ``s``."""
        while self.regions and self.regions[-1][1] <= s:
            self.regions.pop()
        if self.regions and self.regions[-1][0] <= s:
            start, end = self.regions[-1]
            return self.text[start:end]
        return self.text

    def value_of(self, name: str) -> str:
        value = self.lookup(name)
        if value is None:
            warned = self.warned
            if warned is None or name not in warned:
                warn('The "%s" variable is not set. Defaulting to a blank string.', name)
                if warned is not None:
                    warned.add(name)
            return ""
        return value


def _closing_brace(text: str, start: int, stop: int) -> int:
    """Index of the brace closing the first ``{`` in ``text[start:stop]`` (Go skips the char
    after each ``{``), or -1."""
    depth = 0
    i = start
    while i < stop:
        ch = text[i]
        if ch == "}":
            depth -= 1
            if depth == 0:
                return i
        if ch == "{":
            depth += 1
            i += 1
        i += 1
    return -1


def _apply(body: str, op: str, lookup: Lookup, warned: set[str] | None, depth: int) -> str:
    """Evaluate ``name<op>arg``; ``arg`` is expanded first, even if unused (oracle)."""
    name, _, arg = body.partition(op)
    if "$" in arg:
        arg = _Scan(arg, lookup, warned, depth + 1).run()
    value = lookup(name)
    if op in (":?", "?"):
        if value is None or (op == ":?" and value == ""):
            raise MissingRequiredError(name, arg)
        return value
    if op in (":-", "-"):
        if value is None or (op == ":-" and value == ""):
            return arg
        return value
    # ":+" / "+": the alternative when set (and non-empty for ":+"), else the value or "".
    if value is not None and (op == "+" or value != ""):
        return arg
    return value or ""


# ---------------------------------------------------------------------------------------
# Trees


Record = Callable[[str, str], None]


def interpolate_tree(
    tree: Any,
    lookup: Lookup,
    *,
    path: str = "",
    warned: set[str] | None = None,
    record: Record | None = None,
) -> Any:
    """Interpolate every string value of a parsed file; keys and non-strings are untouched.

    Errors name the Compose path (``services.s.image``, list items as ``[]``) in the
    message, and carry the value's Location with an indexed path (``services.s.ports[1]``).
    ``record(written, resolved)`` is called for each string holding a ``$`` (provenance).
    """
    parts: list[str] = path.split(".") if path else []
    return _walk(tree, lookup, parts, warned, None, record)


def _walk(
    node: Any,
    lookup: Lookup,
    parts: list[str],
    warned: set[str] | None,
    loc: Location | None,
    record: Record | None = None,
) -> Any:
    if isinstance(node, str):
        if "$" not in node:
            return node
        try:
            resolved = substitute(node, lookup, warned=warned)
            if record is not None:
                record(node, resolved)
            return resolved
        except InvalidTemplateError as exc:
            raise InvalidTemplateError(
                exc.template, compose_path(parts), with_path(loc, parts)
            ) from None
        except MissingRequiredError as exc:
            raise MissingRequiredError(
                exc.variable, exc.reason, compose_path(parts), with_path(loc, parts)
            ) from None
        except NestingError as exc:
            raise NestingError(exc.limit, compose_path(parts), with_path(loc, parts)) from None
    if isinstance(node, LocMap):
        out_map = LocMap(loc=node.loc)
        for key, value in node.items():
            parts.append(key)
            out_map[key] = _walk(value, lookup, parts, warned, node.locs.get(key, node.loc), record)
            parts.pop()
        out_map.locs = dict(node.locs)
        return out_map
    if isinstance(node, LocList):
        out_list = LocList(loc=node.loc)
        for i, item in enumerate(node):
            parts.append(f"[{i}]")
            out_list.append(_walk(item, lookup, parts, warned, node.loc_of(i), record))
            parts.pop()
        out_list.locs = list(node.locs)
        return out_list
    if isinstance(node, dict):
        out: dict[Any, Any] = {}
        for key, value in node.items():
            parts.append(str(key))
            out[key] = _walk(value, lookup, parts, warned, loc, record)
            parts.pop()
        return out
    if isinstance(node, list):
        items: list[Any] = []
        for i, item in enumerate(node):
            parts.append(f"[{i}]")
            items.append(_walk(item, lookup, parts, warned, loc, record))
            parts.pop()
        return items
    if is_marker(node):
        inner_loc = getattr(node, "loc", None) or loc
        return dataclasses.replace(
            node, value=_walk(node.value, lookup, parts, warned, inner_loc, record)
        )
    return node


def is_marker(node: Any) -> bool:
    """``!reset``/``!override`` wrappers: interpolated inside, kept as wrappers."""
    return isinstance(node, Reset | Override)


def compose_path(parts: list[str]) -> str:
    """Compose's wording: list items are ``[]`` and the segments join with dots."""
    return ".".join("[]" if p.startswith("[") and p.endswith("]") else p for p in parts)


def _indexed_path(parts: list[str]) -> str:
    text = ""
    for p in parts:
        if p.startswith("[") and p.endswith("]"):
            text += p
        else:
            text += ("." if text else "") + p
    return text


def with_path(loc: Location | None, parts: list[str]) -> Location | None:
    if loc is None or loc.path:
        return loc
    return dataclasses.replace(loc, path=_indexed_path(parts))


# ---------------------------------------------------------------------------------------
# Casts (compose-go loader/interpolate.go): strings at these paths become bool/int/float.
