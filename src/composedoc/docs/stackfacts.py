"""Stack-level facts for the top of a reference page: the variables the files read and the
other compose files lying beside the stack.

An operator's first questions are which ``${VAR}`` must be set, which have defaults and
which are unset right now; the canonical model cannot say (it is interpolated). So this
reads the compose files as written, finds every reference (nested defaults included) with
where it is used, and says whether the variable is set in the shell environment or in
``.env``. Values are kept only for ``--show-values``; the page masks them otherwise.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from composedoc.compose.yaml import Override, Reset
from composedoc.mask.template import split_template

__all__ = ["Variable", "collect_variables", "sibling_files"]

_MAX_USES = 6
_KEYED_LISTS = ("environment", "labels", "args", "extra_hosts")


@dataclass(frozen=True)
class Variable:
    """One ``${VAR}`` the compose files read.

    ``need`` is ``required`` (``${X:?msg}``: Compose stops when unset), ``default``
    (``${X:-d}``), ``alternate`` (``${X:+v}``: only used when set) or ``plain`` (``${X}``:
    empty when unset). ``defaults`` are as written (the page masks them like any value as
    written); ``origin`` is ``shell``, ``.env`` or ``unset``; ``value`` is the loaded value.
    """

    name: str
    need: str
    uses: tuple[str, ...]
    more_uses: int = 0
    defaults: tuple[str, ...] = ()
    origin: str = "unset"
    value: str | None = None


def _scalars(node: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every string value holding a ``$`` with its path of keys (list items as their index);
    the path is built only for those (most values have none)."""
    if isinstance(node, (Reset, Override)):
        node = node.value
    if isinstance(node, str):
        if "$" in node:
            yield path, node
        return
    if isinstance(node, dict):  # parsed documents: dict and list subclasses (LocMap, LocList)
        items: Iterator[tuple[str, Any]] = ((str(k), v) for k, v in node.items())
    elif isinstance(node, list):
        keyed = bool(path) and path[-1] in _KEYED_LISTS
        items = ((_item_key(i, v, keyed), v) for i, v in enumerate(node))
    else:
        return
    for key, value in items:
        if isinstance(value, str):
            if "$" in value:
                yield (*path, key), value
        elif isinstance(value, (dict, list, Reset, Override)):
            yield from _scalars(value, (*path, key))


def _item_key(index: int, value: Any, keyed: bool) -> str:
    """``environment: [KEY=value]`` reads as ``KEY``; other list items as their index."""
    if keyed and isinstance(value, str) and "=" in value:
        return value.partition("=")[0]
    return str(index)


def _refs(text: str) -> Iterator[tuple[str, str, str]]:
    """``(name, op, inner)`` of every reference, nested ones in defaults included."""
    stack = [text]
    while stack:
        for kind, name, op, inner in split_template(stack.pop()):
            if kind == "ref":
                yield name, op, inner
                if inner:
                    stack.append(inner)


def _where(file: str, path: tuple[str, ...]) -> str:
    """``db: environment.POSTGRES_PASSWORD`` for a service, else the dotted path; the file
    is named when the stack has several."""
    if len(path) >= 2 and path[0] == "services":
        place = f"{path[1]}: {'.'.join(path[2:])}" if len(path) > 2 else path[1]
    else:
        place = ".".join(path)
    return f"{place} ({file})" if file else place


_NEED_ORDER = ("required", "plain", "default", "alternate")


def collect_variables(
    files: list[tuple[str, list[Any]]],
    origin: Callable[[str], str],
    values: Mapping[str, str],
) -> tuple[Variable, ...]:
    """Every variable the compose ``files`` read, by name.

    ``files`` are ``(label, documents as written)``: a use is followed by ``(label)`` unless
    the label is empty (the caller leaves it empty for the one file a stack loads).
    """
    uses: dict[str, dict[str, None]] = {}  # a variable used by every service: no list scan
    needs: dict[str, set[str]] = {}
    defaults: dict[str, set[str]] = {}
    seen: dict[str, list[tuple[str, str, str]]] = {}  # text -> its references (values repeat)
    for label, docs in files:
        for doc in docs:
            for where, text in _scalars(doc, ()):
                refs = seen.get(text)
                if refs is None:
                    refs = seen[text] = list(_refs(text))
                for var, op, inner in refs:
                    uses.setdefault(var, {})[_where(label, where)] = None  # a set, in order
                    needs.setdefault(var, set()).add(_need(op))
                    if op in (":-", "-") and inner:
                        defaults.setdefault(var, set()).add(inner)
    out = []
    for var in sorted(uses):
        need = min(needs[var], key=_NEED_ORDER.index)
        places = sorted(uses[var])
        out.append(
            Variable(
                var,
                need,
                tuple(places[:_MAX_USES]),
                max(0, len(places) - _MAX_USES),
                tuple(sorted(defaults.get(var, ()))),
                origin(var),
                values.get(var),
            )
        )
    return tuple(out)


def _need(op: str) -> str:
    if op.endswith("?"):
        return "required"
    if op.endswith("-"):
        return "default"
    if op.endswith("+"):
        return "alternate"
    return "plain"


def sibling_files(working_dir: str, files: list[str]) -> tuple[str, ...]:
    """Compose files in the project folder the stack does not load (overrides, add-ons)."""
    used = {posixpath.normpath(f) for f in files}
    folder = Path(working_dir)
    try:
        entries = sorted(p for p in folder.iterdir() if p.is_file())
    except OSError:
        return ()
    found = []
    for entry in entries:
        name = entry.name
        if not name.endswith((".yml", ".yaml")) or "compose" not in name.lower():
            continue
        if posixpath.normpath(str(entry)) not in used:
            found.append(name)
    return tuple(found)
