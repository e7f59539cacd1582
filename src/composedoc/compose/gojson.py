"""JSON written the way Go's ``json.MarshalIndent(v, "", "  ")`` writes it.

Go's encoder escapes ``&``, ``<``, ``>``, U+2028 and U+2029 (its HTML-safe default) and
formats floats its own way: positional between 1e-6 and 1e21 (``0.00001``, ``100``), else
``1.5e-7``; a ``float32`` field (cpus) with the shortest digits of a float32. Python's
``json`` does neither, so floats and strings are written here; the layout is the same.
"""

from __future__ import annotations

import decimal
import json
import math
import re
from typing import Any

from composedoc.compose.gostr import Float32

__all__ = ["go_json", "go_json_float"]

_ESCAPES = {"&": "\\u0026", "<": "\\u003c", ">": "\\u003e", "\u2028": "\\u2028"}
_ESCAPES["\u2029"] = "\\u2029"
_HTML = re.compile("[&<>\u2028\u2029]")
_string = json.encoder.encode_basestring
_F32_SMALL = 9.999999974752427e-07  # float32(1e-6)


def _quote(text: str) -> str:
    out: str = _string(text)
    return _HTML.sub(lambda m: _ESCAPES[m.group()], out) if _HTML.search(out) else out


def go_json_float(value: float) -> str:
    """Go ``encoding/json`` float formatting (NaN and infinities, which Go refuses, as
    Python writes them)."""
    if math.isnan(value) or math.isinf(value):
        return json.dumps(value)
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    sign, digits, exp = decimal.Decimal(repr(value)).normalize().as_tuple()
    assert isinstance(exp, int)
    ds = "".join(map(str, digits))
    neg = "-" if sign else ""
    small = _F32_SMALL if isinstance(value, Float32) else 1e-6
    if small <= abs(value) < 1e21:
        return neg + format(decimal.Decimal(ds).scaleb(exp), "f")
    e10 = len(ds) + exp - 1
    mant = ds[0] + ("." + ds[1:] if len(ds) > 1 else "")
    return f"{mant}e{'+' if e10 >= 0 else '-'}{abs(e10):02d}".replace("e-0", "e-")


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, float):
        return go_json_float(value)
    if value is None or isinstance(value, int):  # null, true, false, integers
        return json.dumps(value)
    return _quote(str(value))


def go_json(data: Any) -> str:
    """``data`` (dicts in print order, lists, scalars) as Go's indented JSON; a loop, so
    depth never meets the recursion limit."""
    out: list[str] = []
    # (iterator over the container's items, its indent, is it a dict, first item?)
    stack: list[tuple[Any, str, bool]] = []
    value = data
    indent = ""
    while True:
        if isinstance(value, (dict, list)) and value:
            is_dict = isinstance(value, dict)
            out.append("{" if is_dict else "[")
            items = iter(value.items()) if isinstance(value, dict) else iter(value)
            stack.append((items, indent, is_dict))
            first = True
        else:
            if isinstance(value, dict):
                out.append("{}")
            elif isinstance(value, list):
                out.append("[]")
            else:
                out.append(_scalar(value))
            first = False
        while stack:
            items, indent, is_dict = stack[-1]
            item = next(items, _END)
            inner = indent + "  "
            if item is _END:
                stack.pop()
                out.append("\n" + indent + ("}" if is_dict else "]"))
                first = False
                continue
            out.append(("\n" if first else ",\n") + inner)
            if is_dict:
                out.append(_quote(item[0]) + ": ")
                value = item[1]
            else:
                value = item
            indent = inner
            break
        else:
            return "".join(out)


_END: Any = object()
