"""Plain and tagged YAML scalars resolved as go-yaml v3 resolves them (reference §9).

YAML 1.2-ish core schema with go-yaml's quirks: ``0o17``/``017`` octal, ``_`` separators,
int64 then uint64 range, timestamps (``2024-01-01``) as :class:`Timestamp` so the reader can
refuse them or print them in RFC 3339 once it knows the path, and Go's ``%#v`` of a key.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from typing import Any

from composedoc.compose.gostr import go_float

_T = "tag:yaml.org,2002:"
_MISSING: Any = object()
_SPECIAL: dict[str, Any] = {"": None, "~": None, "null": None, "Null": None, "NULL": None}
_SPECIAL.update(dict.fromkeys(("true", "True", "TRUE"), True))
_SPECIAL.update(dict.fromkeys(("false", "False", "FALSE"), False))
_SPECIAL.update(dict.fromkeys((".nan", ".NaN", ".NAN"), math.nan))
_SPECIAL.update(dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), math.inf))
_SPECIAL.update(dict.fromkeys(("-.inf", "-.Inf", "-.INF"), -math.inf))
# go-yaml's resolve table: the first character decides what a plain scalar may be.
PLAIN_HINT = (
    dict.fromkeys(("", *"yYnNtTfFoO~"), "M") | dict.fromkeys("0123456789+-", "D") | {".": "."}
)
_INT = re.compile(r"([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]+|0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_DOT_FLOAT = re.compile(r"\.[0-9]+(_[0-9]+)*([eE][-+]?[0-9]+(_[0-9]+)*)?")
_TS = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:([Tt])|( +))([0-9]{1,2}):([0-9]{1,2}):"
    r"([0-9]{1,2})(?:[.,]([0-9]+))?(Z|[-+][0-9]{2}:[0-9]{2})?)?"
)
_BASES = {"x": 16, "X": 16, "b": 2, "B": 2, "o": 8, "O": 8}
_TAG_NAMES = {str: "!!str", int: "!!int", float: "!!float", bool: "!!bool", type(None): "!!null"}


class Timestamp:
    """A plain scalar go-yaml reads as ``time.Time`` (resolved later, once the path is known)."""

    __slots__ = ("fields", "frac", "zone")

    def __init__(self, fields: tuple[int, ...], frac: str, zone: str) -> None:
        self.fields = fields  # year, month, day, hour, minute, second
        self.frac = frac.rstrip("0")
        self.zone = "Z" if zone in ("", "Z", "+00:00", "-00:00") else zone

    def rfc3339(self) -> str:
        """Go's ``time.RFC3339Nano``, which is how Compose prints it."""
        y, mo, d, h, mi, sec = self.fields
        frac = f".{self.frac}" if self.frac else ""
        return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{sec:02d}{frac}{self.zone}"

    def go_repr(self) -> str:
        y, mo, d, h, mi, sec = self.fields
        month = _MONTHS[mo - 1]
        nanos = int(self.frac.ljust(9, "0")[:9] or "0")
        return f"time.Date({y}, time.{month}, {d}, {h}, {mi}, {sec}, {nanos}, time.UTC)"


_MONTHS = (  # calendar.month_name in the C locale, without importing calendar and locale
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _timestamp(s: str) -> Timestamp | None:
    """go-yaml's four ``time.Parse`` layouts (date, date-time with zone, space-separated)."""
    m = _TS.fullmatch(s)
    if m is None or (m[5] and m[10]) or (m[4] and not m[10]):
        return None
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    if not 1 <= mo <= 12 or not 1 <= d <= (29 if leap and mo == 2 else _DAYS[mo - 1]):
        return None
    if m[6] is None:
        return Timestamp((y, mo, d, 0, 0, 0), "", "")
    h, mi, sec = int(m[6]), int(m[7]), int(m[8])
    if h > 23 or mi > 59 or sec > 59:
        return None
    return Timestamp((y, mo, d, h, mi, sec), m[9] or "", m[10] or "")


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def resolve_plain(s: str, *, timestamps: bool = True) -> Any:
    """Value of an untagged plain scalar, as go-yaml v3 ``resolve`` gives it."""
    hint = PLAIN_HINT.get(s[:1])
    if hint is None:
        return s
    special = _SPECIAL.get(s, _MISSING)
    if special is not _MISSING or hint == "M":
        return s if special is _MISSING else special
    if hint == ".":
        if _DOT_FLOAT.fullmatch(s):
            f = float(s)
            if not math.isinf(f):
                return f
        return s
    if timestamps and len(s) >= 8 and s[4:5] == "-" and s[:4].isascii() and s[:4].isdigit():
        ts = _timestamp(s)
        if ts is not None:
            return ts
    plain = s.replace("_", "")
    m = _INT.fullmatch(plain)
    if m is not None:
        sign, body = m.groups()
        if body[:2] in ("0x", "0X", "0b", "0B", "0o", "0O"):
            n = int(body[2:], _BASES[body[1]])
        else:
            n = int(body, 8 if body[0] == "0" and len(body) > 1 else 10)
        n = -n if sign == "-" else n
        # Go ParseInt (int64), then ParseUint (uint64, no sign allowed).
        if -(1 << 63) <= n < (1 << 63) or (not sign and n < (1 << 64)):
            return n
    if _FLOAT.fullmatch(plain):
        f = float(plain)
        if not math.isinf(f):  # Go reports a range error and go-yaml keeps the string
            return f
    return s


def resolve_tagged(tag: str, value: str) -> Any:
    """A scalar with an explicit tag; go-yaml refuses values that do not fit the tag."""
    if not tag.startswith(_T):
        # "!", "!reset", "!override", any local tag: go-yaml keeps the text as a string
        return value
    short = tag[len(_T) :]
    if short == "str":
        return value
    if short == "binary":
        try:
            return base64.b64decode(value, validate=True).decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            raise ValueError("!!binary value contains invalid base64 data") from None
    if short not in ("int", "float", "bool", "null", "timestamp"):
        return value
    got = resolve_plain(value, timestamps=short == "timestamp")
    kind = "!!timestamp" if isinstance(got, Timestamp) else _TAG_NAMES[type(got)]
    if kind == "!!int" and short == "float":
        return float(got)
    if kind != "!!" + short:
        raise ValueError(f"cannot decode {kind} `{value}` as a !!{short}")
    return got


def go_key_repr(value: Any) -> str:
    """Go's ``%#v`` of a non-string key, as in compose-go's message."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return go_float(value)
    if isinstance(value, Timestamp):
        return value.go_repr()
    if isinstance(value, int):
        return hex(value) if value >= 1 << 63 else str(value)  # %#v of a uint64 is hex
    return repr(value)
