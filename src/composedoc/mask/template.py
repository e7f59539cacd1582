"""Compose templates as written (``${DB_PASSWORD:-secret}``), cut into literals and references.

Masking keeps references (they say where a value comes from) and hides literals and
defaults; the docs list the variables a value uses. This reader never raises: an unclosed
``${`` is literal text, so any value from an untrusted file can be shown.
"""

from __future__ import annotations

import re

__all__ = ["split_template", "template_refs"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_REF = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?")


def split_template(text: str) -> list[tuple[str, str, str, str]]:
    """Pieces of a Compose template: ``("lit", text, "", "")``, ``("ref", raw name, op, inner)``.

    ``$$`` is kept as a literal; an unclosed ``${`` is treated as literal text. Never raises.
    """
    pieces: list[tuple[str, str, str, str]] = []
    lit: list[str] = []
    i, n = 0, len(text)

    def ref(name: str, op: str, inner: str) -> None:
        if lit:
            pieces.append(("lit", "".join(lit), "", ""))
            lit.clear()
        pieces.append(("ref", name, op, inner))

    while i < n:
        ch = text[i]
        if ch != "$" or i + 1 >= n:
            lit.append(ch)
            i += 1
            continue
        nxt = text[i + 1]
        if nxt == "$":
            lit.append("$$")
            i += 2
            continue
        if nxt == "{":
            end = _closing_brace(text, i + 2)
            if end < 0:
                lit.append(text[i:])
                break
            body = text[i + 2 : end]
            m = _REF.match(body)
            name = m.group(1) if m else body
            ref(name, (m.group(2) or "") if m else "", body[m.end() :] if m else "")
            i = end + 1
            continue
        m = _NAME.match(text, i + 1)  # at a position: slicing the rest was quadratic
        if m:
            ref(m.group(0), "$", "")
            i = m.end()
            continue
        lit.append(ch)
        i += 1
    if lit:
        pieces.append(("lit", "".join(lit), "", ""))
    return pieces


def _closing_brace(text: str, start: int) -> int:
    depth = 1
    i = start
    while i < len(text):
        if text.startswith("${", i):
            depth += 1
            i += 2
            continue
        if text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def template_refs(text: str) -> list[str]:
    """The variables a value as written uses, nested defaults included, in order."""
    names: list[str] = []
    stack = [text]
    while stack:
        for kind, name, _op, inner in split_template(stack.pop()):
            if kind == "ref":
                if name not in names:
                    names.append(name)
                if inner:
                    stack.append(inner)
    return names
