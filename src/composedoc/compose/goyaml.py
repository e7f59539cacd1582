"""Write YAML the way go-yaml v3 does for ``docker compose config`` (``SetIndent(2)``).

Our own writer because PyYAML's C emitter cannot indent sequences under a key and its Python
emitter is slow. How each string is written (plain, quoted, literal block) is go-yaml's own
choice, ported in :mod:`goyaml_scalar`; keys go-yaml cannot write as simple keys (a line
break, over 128 bytes) are written ``? key`` / ``: value``. The bytes are go-yaml's, even
where a YAML 1.1 reader such as PyYAML reads them differently (``=``, ``<<``).
"""

from __future__ import annotations

import functools
import math
from typing import Any

from composedoc.compose.gostr import go_float
from composedoc.compose.goyaml_scalar import GLUE, scalar_text, simple_key


def _natural_less(a: str, b: str) -> bool:
    """go-yaml v3 ``keyList.Less``: letters after other runes, digit runs compared as numbers."""
    digits = False
    n = min(len(a), len(b))
    for i in range(n):
        ca, cb = a[i], b[i]
        if ca == cb:
            digits = ca.isdigit()
            continue
        al, bl = ca.isalpha(), cb.isalpha()
        if al and bl:
            return ca < cb
        if al or bl:
            return al if digits else bl
        an = bn = 0
        if ca == "0" or cb == "0":
            j = i - 1
            while j >= 0 and a[j].isdigit():
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and a[ai].isdigit():
            an = an * 10 + ord(a[ai]) - 48
            ai += 1
        bi = i
        while bi < len(b) and b[bi].isdigit():
            bn = bn * 10 + ord(b[bi]) - 48
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return ca < cb
    return len(a) < len(b)


def _natural_cmp(a: str, b: str) -> int:
    return -1 if _natural_less(a, b) else (1 if _natural_less(b, a) else 0)


natural_key = functools.cmp_to_key(_natural_cmp)
"""Sort key for Go map keys as go-yaml v3 orders them (``s2`` before ``s10``)."""


def _quote(text: str, indent: str) -> str:
    return scalar_text(text, len(indent) + 2)


def _scalar(value: Any, indent: str) -> str:
    if type(value) is str:
        return _quote(value, indent)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return go_float(value)
    return _quote(str(value), indent)


def _emit(value: Any, indent: str, out: list[str]) -> None:
    """Append the block lines of a non-empty mapping or sequence at ``indent``."""
    sub = indent + "  "
    if isinstance(value, dict):
        for key, item in value.items():
            _pair(key, item, indent, indent, out)
        return
    for item in value:
        if isinstance(item, dict) and item:
            lead = indent + "- "
            for key, v in item.items():
                _pair(key, v, sub, lead, out)
                lead = sub
        elif isinstance(item, (dict, list)):
            if item:
                out.append(indent + "-")
                _emit(item, sub, out)
            else:
                out.append(indent + ("- {}" if isinstance(item, dict) else "- []"))
        else:
            out.append(indent + "- " + _scalar(item, indent))


def _pair(key: str, item: Any, indent: str, lead: str, out: list[str]) -> None:
    """One entry of a mapping whose keys sit at ``indent``; its first line starts with
    ``lead``. A key go-yaml cannot write as a simple key (a line break, over 128 bytes) is
    written ``? key`` with the value on a ``: value`` line."""
    sub = indent + "  "
    nested = isinstance(item, (dict, list))
    if simple_key(key):
        head = lead + _quote(key, indent) + ":"
        if nested and item:
            out.append(head)
            _emit(item, sub, out)
        elif nested:
            out.append(head + (" {}" if isinstance(item, dict) else " []"))
        else:
            out.append(head + " " + _scalar(item, indent))
        return
    out.append(lead + "? " + _quote(key, indent))
    if nested and item:
        start = len(out)
        _emit(item, sub, out)
        out[start] = indent + ": " + out[start][len(sub) :]
    elif nested:
        out.append(indent + (": {}" if isinstance(item, dict) else ": []"))
    else:
        out.append(indent + ": " + _scalar(item, indent))


def to_yaml(data: dict[str, Any]) -> str:
    """Block YAML as go-yaml v3 writes it with ``SetIndent(2)``."""
    out: list[str] = []
    _emit(data, "", out)
    text = "\n".join(out) + "\n"
    return text.replace(GLUE + "\n", "") if GLUE in text else text
