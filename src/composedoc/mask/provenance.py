"""Interpolated values shown as written: ``nginx:${DB_PASSWORD}``, never ``nginx:hunter2``.

The loader records each string a variable's value went into and each such value
(:class:`composedoc.compose.provenance.Provenance`). Before anything is drawn, every text
field of the typed project is put back the way the file wrote it: a whole string that was
interpolated becomes its written text; a field equal to a variable's value becomes
``${NAME}``; a variable's value of 4 characters or more inside any other text (a bind path
made absolute, one half of ``${HOST_PORT}:80``) becomes ``${NAME}`` too. Fields that name
things of the project (service names, volume and network keys) are never rewritten: keys
are not interpolated and the graph's ids are made of them.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable
from typing import Any

from composedoc.mask.template import template_refs
from composedoc.model.project import (
    Dependency,
    Grant,
    Link,
    Mount,
    Network,
    NetworkAttachment,
    Project,
    ResourceRef,
    Service,
    Volume,
    VolumesFrom,
)

__all__ = ["MIN_INNER_LENGTH", "unwrite_project"]

MIN_INNER_LENGTH = 4
"""Shorter values are replaced only where they are the whole field (``80``, ``1``, ``true``
inside other text would mostly be something else)."""

_KEYS: dict[type, frozenset[str]] = {
    Project: frozenset({"name", "files", "interpolated", "variable_values"}),
    Service: frozenset({"name", "file"}),
    Dependency: frozenset({"service", "condition"}),
    Link: frozenset({"service"}),
    VolumesFrom: frozenset({"source", "kind"}),
    ResourceRef: frozenset({"source"}),
    NetworkAttachment: frozenset({"network"}),
    Network: frozenset({"key"}),
    Volume: frozenset({"key"}),
    Grant: frozenset({"key", "source"}),
}


class _Matcher:
    """Aho-Corasick automaton: every value found in one left-to-right pass, linear in the
    text whatever the values (a list of candidates per position took minutes on a hostile
    ``.env`` whose values share a prefix)."""

    def __init__(self, words: list[str]) -> None:
        goto: list[dict[str, int]] = [{}]
        best = [0]  # length of the longest value that ends at this state
        for word in words:
            state = 0
            for ch in word:
                nxt = goto[state].get(ch)
                if nxt is None:
                    goto.append({})
                    best.append(0)
                    nxt = goto[state][ch] = len(goto) - 1
                state = nxt
            best[state] = max(best[state], len(word))
        fail = [0] * len(goto)
        queue = deque(goto[0].values())
        while queue:
            state = queue.popleft()
            for ch, target in goto[state].items():
                queue.append(target)
                back = fail[state]
                while back and ch not in goto[back]:
                    back = fail[back]
                fail[target] = goto[back].get(ch, 0)
                best[target] = max(best[target], best[fail[target]])
        self.goto, self.fail, self.best = goto, fail, best

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping ``(start, end)`` of values in ``text``; a value containing
        earlier matches replaces them."""
        goto, fail, best = self.goto, self.fail, self.best
        chosen: list[tuple[int, int]] = []
        state = 0
        for j, ch in enumerate(text):
            while state and ch not in goto[state]:
                state = fail[state]
            state = goto[state].get(ch, 0)
            if best[state]:
                start = j + 1 - best[state]
                while chosen and chosen[-1][0] >= start:
                    chosen.pop()
                if not chosen or chosen[-1][1] <= start:
                    chosen.append((start, j + 1))
        return chosen


class _Unwriter:
    """Rewrites strings; each distinct string is worked out once."""

    def __init__(self, interpolated: dict[str, str], values: dict[str, str]) -> None:
        self.whole = interpolated
        self.values = values
        self.matcher = _Matcher(sorted(v for v in values if len(v) >= MIN_INNER_LENGTH))
        self.seen: dict[str, str] = {}

    def text(self, text: str) -> str:
        done = self.seen.get(text)
        if done is None:
            done = self.whole.get(text) or self.values.get(text) or self._inner(text)
            self.seen[text] = done
        return done

    def _inner(self, text: str) -> str:
        """Each value found in ``text`` replaced by its reference."""
        if len(text) < MIN_INNER_LENGTH or len(self.matcher.goto) == 1:
            return text
        out: list[str] = []
        last = 0
        for start, end in self.matcher.spans(text):
            out += [text[last:start], self.values[text[start:end]]]
            last = end
        if not out:
            return text
        out.append(text[last:])
        return "".join(out)

    def walk(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, tuple):
            items = tuple(self.walk(v) for v in value)
            return value if items == value else items
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self._object(value)
        return value

    def _object(self, obj: Any) -> Any:
        keep = next((k for t, k in _KEYS.items() if isinstance(obj, t)), frozenset())
        if isinstance(obj, Mount) and obj.type == "volume":
            keep = frozenset({"source"})  # a volume key
        changes = {}
        for f in dataclasses.fields(obj):
            if f.name in keep:
                continue
            old = getattr(obj, f.name)
            new = self.walk(old)
            if new is not old and new != old:
                changes[f.name] = new
        return dataclasses.replace(obj, **changes) if changes else obj


def unwrite_project(project: Project, secret: Callable[[str, str], bool] | None = None) -> Project:
    """``project`` with every interpolated value shown as written, and the provenance it
    carried dropped (so nothing downstream can print a value by mistake).

    With ``secret(name, value)`` only the values of the variables it accepts are put back as
    written, and the strings that used one of them (``--mask sensitive``).
    """
    if not project.interpolated and not project.variable_values:
        return project
    whole = dict(project.interpolated)
    values = dict(project.variable_values)
    if secret is not None:
        values = {value: ref for value, ref in values.items() if secret(ref[2:-1], value)}
        hidden = {ref[2:-1] for ref in values.values()}
        whole = {
            resolved: written
            for resolved, written in whole.items()
            if any(name in hidden for name in template_refs(written))
        }
    unwriter = _Unwriter(whole, values)
    shown: Project = unwriter.walk(project)
    return dataclasses.replace(shown, interpolated=(), variable_values=())
