"""Go value types as compose-go binds them, in the form ``docker compose config`` prints.

Shell-split command lines (mattn/go-shellwords), ``time.Duration`` parse and print,
docker/go-units byte sizes, float32 ``cpus`` and octal file modes. Each converter takes the
value and its location and raises a located SchemaError with Compose's message.
"""

from __future__ import annotations

import re
from typing import Any

from composedoc.compose.gostr import Float32, go_quote, go_string
from composedoc.errors import Location, SchemaError

_SIZE_RE = re.compile(r"^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$")
_SIZE_UNITS = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}


_SPACES = frozenset(" \t\r\n")


def shell_split(line: str) -> list[str]:
    """Split like mattn/go-shellwords ``Parse`` (no env, no backticks); stops at ``;&|<>``."""
    args: list[str] = []
    buf: list[str] = []
    got = False
    escaped = dq = sq = bq = dollar = False
    for r in line:
        if escaped:
            buf.append(r)
            escaped, got = False, True
            continue
        if r == "\\":
            if sq:
                buf.append(r)
            else:
                escaped = True
            continue
        if r in _SPACES:
            if sq or dq or bq or dollar:
                buf.append(r)
            elif got:
                args.append("".join(buf))
                buf, got = [], False
            continue
        if r == "`" and not (sq or dq or dollar):
            bq = not bq
        elif r == ")" and not (sq or dq or bq):
            dollar = not dollar
        elif r == "(" and not (sq or dq or bq):
            if dollar or not buf or buf[-1] != "$":
                raise ValueError("invalid command line string")
            dollar = True
            buf.append(r)
            continue
        elif r == '"' and not (sq or dollar):
            got = got or dq
            dq = not dq
            continue
        elif r == "'" and not (dq or dollar):
            got = got or sq
            sq = not sq
            continue
        elif r in ";&|<>" and not (sq or dq or bq or dollar):
            if r == ">" and buf and buf[0].isdigit():
                got = False
            break
        got = True
        buf.append(r)
    else:
        if escaped or sq or dq or bq or dollar:
            raise ValueError("invalid command line string")
    if got:
        args.append("".join(buf))
    return args


_DURATION_UNITS = {
    "ns": 1,
    "us": 1_000,
    "µs": 1_000,
    "μs": 1_000,
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60_000_000_000,
    "h": 3_600_000_000_000,
}


def parse_duration(text: str) -> int:
    """Go ``time.ParseDuration`` in nanoseconds; raises ValueError."""
    s = text
    sign = 1
    if s[:1] in ("-", "+"):
        sign, s = (-1 if s[0] == "-" else 1), s[1:]
    if s == "0":
        return 0
    if not s:
        raise ValueError(text)
    terms = []
    while s:
        i = 0
        while i < len(s) and (s[i].isdigit() or s[i] == "."):
            i += 1
        j = i
        while j < len(s) and not (s[j].isdigit() or s[j] == "."):
            j += 1
        number, unit, s = s[:i], s[i:j], s[j:]
        if unit not in _DURATION_UNITS or number in ("", "."):
            raise ValueError(text)
        terms.append((number, _DURATION_UNITS[unit]))  # (digits, nanoseconds per unit)
    if len(terms) <= 10 and all(n.isascii() and n.isdigit() and len(n) <= 14 for n, _ in terms):
        # every term < 10**27 and their sum < 10**28: what Decimal computes exactly
        return sign * sum(int(digits) * scale for digits, scale in terms)
    from decimal import Decimal, InvalidOperation  # here: it costs 2 ms at start-up

    total = Decimal(0)
    for digits, scale in terms:
        try:
            total += Decimal(digits) * scale
        except InvalidOperation:
            raise ValueError(text) from None
    return sign * int(total)


def format_duration(ns: int) -> str:
    """Go ``time.Duration.String`` (``1m30s``, ``1.5s``, ``100µs``, ``0s``)."""
    if ns == 0:
        return "0s"
    sign = "-" if ns < 0 else ""
    ns = abs(ns)

    def frac(value: int, digits: int) -> str:
        whole, rest = divmod(value, 10**digits)
        tail = f"{rest:0{digits}d}".rstrip("0")
        return f"{whole}.{tail}" if tail else str(whole)

    if ns < 1_000:
        return f"{sign}{ns}ns"
    if ns < 1_000_000:
        return f"{sign}{frac(ns, 3)}µs"
    if ns < 1_000_000_000:
        return f"{sign}{frac(ns, 6)}ms"
    hours, rest = divmod(ns, 3_600_000_000_000)
    minutes, rest = divmod(rest, 60_000_000_000)
    out = f"{frac(rest, 9)}s"
    if hours or minutes:
        out = f"{minutes}m{out}"
    if hours:
        out = f"{hours}h{out}"
    return sign + out


def go_duration(value: Any, loc: Location | None) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return format_duration(parse_duration(value))
    except ValueError:
        raise SchemaError(f"time: invalid duration {go_quote(value)}", loc) from None


def go_bytes(value: Any, loc: Location | None) -> Any:
    return value if value is None else str(parse_bytes(value, loc))


def go_float32(value: Any, loc: Location | None) -> Any:
    """Go float32 field (cpus): strings parsed; integral values print without ``.0``."""
    if isinstance(value, bool) or value is None:
        return value
    try:
        number = float(value)
    except ValueError:
        raise SchemaError(f"invalid cpus value: {value}", loc) from None
    if number.is_integer() and abs(number) < 1 << 24:  # exact in float32; prints as an int
        return int(number)
    return Float32(number)


def file_mode(value: Any, loc: Location | None) -> Any:
    """File modes print as octal strings: 0440 (int 288) and "440" both give "0440"."""
    if isinstance(value, str):
        try:
            value = int(value, 8)
        except ValueError:
            raise SchemaError(f"invalid file mode: {value}", loc) from None
    return f"0{value:o}" if isinstance(value, int) and not isinstance(value, bool) else value


def parse_bytes(value: Any, loc: Location | None = None) -> int:
    """docker/go-units ``RAMInBytes`` (binary units): ``"10m"`` -> 10485760; ints pass."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float):
        return int(value)
    text = str(value)
    match = _SIZE_RE.match(text)
    try:
        size = float(match.group(1)) if match is not None else None
    except ValueError:
        size = None
    if match is None or size is None:
        raise SchemaError(f"invalid size: '{text}'", loc)
    unit = (match.group(2) or "").lower()
    return int(size * _SIZE_UNITS.get(unit, 1))


_DECIMAL = re.compile(r"[-+]?[0-9]+")


def device_count(value: Any, where: str, loc: Location | None) -> Any:
    """compose-go ``DeviceCount``: ``all`` (any case) is -1, a decimal string an int."""
    if not isinstance(value, str):
        return value
    if value.lower() == "all":
        return -1
    if _DECIMAL.fullmatch(value):
        return int(value)
    raise SchemaError(
        f"'{where}' invalid value {go_quote(value)}, the only value allowed is 'all' or a number",
        loc,
    )


def multi_options(value: Any) -> list[Any]:
    """compose-go ``MultiOptions`` value: always a list of ``fmt.Sprint`` strings."""
    items = value if isinstance(value, list) else [value]
    return [go_string(item) for item in items]
