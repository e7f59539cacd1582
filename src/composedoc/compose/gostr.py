"""Go-style formatting of scalars, so our output matches what Docker Compose prints.

Compose is written in Go: map values of ``environment``/``labels``/``args`` that are not
strings are turned into strings with ``%v`` (``1e3`` -> ``"1000"``, ``1000000.0`` ->
``"1e+06"``), and its error messages quote with ``%q``. These helpers reproduce both.
"""

from __future__ import annotations

import math
import struct
from typing import Any

__all__ = ["Float32", "go_float", "go_quote", "go_string"]


class Float32(float):
    """A Go ``float32`` field (cpus): the value rounded to float32, whose ``repr`` gives the
    shortest digits that read back as that float32 (Go prints those, ``0.12345679``)."""

    def __new__(cls, value: float) -> Float32:
        return super().__new__(cls, _to_f32(value))

    def __repr__(self) -> str:
        value = float(self)
        if math.isnan(value) or math.isinf(value) or value == 0:
            return repr(value)
        for places in range(9):
            text = f"{value:.{places}e}"
            if _to_f32(float(text)) == value:
                break
        # the same digits in Python's own float repr layout
        return repr(float(text)) if places < 9 else repr(value)


def _to_f32(value: float) -> float:
    try:
        return float(struct.unpack("f", struct.pack("f", value))[0])
    except OverflowError:
        return math.copysign(math.inf, value)


def go_float(value: float) -> str:
    """Format like Go's ``strconv.FormatFloat(f, 'g', -1, 64)`` (what ``%v`` does)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    import decimal  # here: only floats need it, and it costs a millisecond at start-up

    # repr() gives the shortest digits that round-trip, as Go's -1 precision does.
    sign, digits, exp = decimal.Decimal(repr(value)).normalize().as_tuple()
    assert isinstance(exp, int)
    ds = "".join(map(str, digits))
    e10 = len(ds) + exp - 1
    neg = "-" if sign else ""
    # Go's shortest 'g' switches to the exponent form when exp < -4 or exp >= 6.
    if e10 < -4 or e10 >= 6:
        return neg + _exp_form(ds, e10)
    return neg + format(decimal.Decimal(ds).scaleb(exp), "f")


def _exp_form(ds: str, e10: int) -> str:
    mant = ds[0] + ("." + ds[1:] if len(ds) > 1 else "")
    return f"{mant}e{'+' if e10 >= 0 else '-'}{abs(e10):02d}"


def go_string(value: Any) -> str | None:
    """Go ``fmt.Sprint`` of a YAML scalar; ``None`` stays ``None`` (the caller decides)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return go_float(value)
    if isinstance(value, dict):
        inner = " ".join(f"{go_string(k)}:{_nil(v)}" for k, v in sorted(value.items()))
        return f"map[{inner}]"
    if isinstance(value, list | tuple):
        return "[" + " ".join(_nil(v) for v in value) + "]"
    return str(value)


def _nil(value: Any) -> str:
    text = go_string(value)
    return "<nil>" if text is None else text


_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}


def go_quote(text: str) -> str:
    """Quote like Go's ``%q`` / ``strconv.Quote`` (used in Compose's error texts)."""
    out = ['"']
    for ch in text:
        esc = _ESCAPES.get(ch)
        if esc is not None:
            out.append(esc)
        elif ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            code = ord(ch)
            if code < 0x80:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)
