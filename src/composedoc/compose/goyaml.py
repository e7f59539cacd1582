"""Write YAML the way go-yaml v3 does for ``docker compose config`` (``SetIndent(2)``).

Our own writer because PyYAML's C emitter cannot indent sequences under a key and its Python
emitter is slow. Quoting follows go-yaml: a string that would read back as something else
(``"1"``, ``"yes"``, ``"22:22"``, ``""``) is double-quoted, one that plain syntax cannot hold
(``'[]'``, ``'a: b'``) single-quoted, multi-line text is a literal block. Strings are also
quoted where YAML 1.1 readers (PyYAML) would misread them, so any reader gets the same data.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

from composedoc.compose.gostr import go_float


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
_OLD_BOOL = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
    ]
)
_PLAIN_FIRST_BAD = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NEEDS_QUOTE_CACHE: dict[str, str] = {}
# go-yaml's is_printable: no C0/C1 controls, DEL, BOM, U+FFFE/F, nor anything past the BMP;
# U+2028/2029 are line breaks. A scalar holding any other character must be double-quoted.
_UNPRINTABLE_CLASS = r"[^\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]"
_NUMBERISH = re.compile(r"^[-+.0-9]|^\.(inf|Inf|INF|nan|NaN|NAN)$")


@functools.cache
def _pattern(source: str) -> re.Pattern[str]:
    """Compiled on first use: the Unicode class costs milliseconds that ASCII text never needs."""
    return re.compile(source)


def _has_unprintable(text: str) -> bool:
    """Any character go-yaml cannot print plainly (for ASCII: exactly the non-printable ones)."""
    if text.isascii():
        return not text.isprintable()
    return _pattern(_UNPRINTABLE_CLASS).search(text) is not None


def _resolves_non_str(text: str) -> bool:
    """Would go-yaml (YAML 1.2 core) or PyYAML (YAML 1.1) read this plain scalar as non-str?"""
    if text in _OLD_BOOL or text in ("~", "null", "Null", "NULL", "="):
        return True
    if not _NUMBERISH.match(text):
        return bool(text[:1] in "<" and text == "<<")
    from yaml.resolver import Resolver

    from composedoc.compose.yaml_scalars import resolve_plain

    if not isinstance(resolve_plain(text, timestamps=True), str):
        return True
    resolvers = Resolver.yaml_implicit_resolvers.get(text[0], [])
    return any(regexp.match(text) for _tag, regexp in resolvers)


def _plain_ok(text: str) -> bool:
    """Can ``text`` be written as a plain block scalar at all (syntax only)?"""
    first = text[0]
    if first in _PLAIN_FIRST_BAD and (first not in "-?:" or len(text) == 1 or text[1] in " \t"):
        return False
    if text[0] in " \t" or text[-1] in " \t":
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    return not _has_unprintable(text)


def _scalar_style(text: str) -> str:
    """``p`` plain, ``s`` single-quoted, ``d`` double-quoted, ``l`` literal block."""
    style = _NEEDS_QUOTE_CACHE.get(text)
    if style is not None:
        return style
    if text == "":
        style = "d"
    elif "\n" in text:
        style = "l" if _literal_ok(text) else "d"
    elif _resolves_non_str(text):
        style = "d"
    elif _plain_ok(text):
        style = "p"
    elif not _has_unprintable(text) and "\t" not in text:
        style = "s"
    else:
        style = "d"
    if len(_NEEDS_QUOTE_CACHE) < 100_000:
        _NEEDS_QUOTE_CACHE[text] = style
    return style


def _literal_ok(text: str) -> bool:
    if text[0] in " \t" or _has_unprintable(text.replace("\n", "")):
        return False
    return all(not line or line[-1] not in " \t" for line in text.split("\n"))


def _quote(text: str, indent: str) -> str:
    style = _NEEDS_QUOTE_CACHE.get(text) or _scalar_style(text)
    if style == "p":
        return text
    if style == "s":
        return "'" + text.replace("'", "''") + "'"
    if style == "l":
        keep = text.endswith("\n\n")
        chomp = "+" if keep else ("" if text.endswith("\n") else "-")
        body = text[:-1] if text.endswith("\n") else text
        pad = indent + "  "
        return "|" + chomp + "\n" + "\n".join((pad + ln) if ln else "" for ln in body.split("\n"))
    return _double_quoted(text)


_GO_ESCAPES = {
    "\0": "\\0", "\x07": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\x0b": "\\v",
    "\f": "\\f", "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N",
    "\u2028": "\\L", "\u2029": "\\P",
}  # fmt: skip
_GO_UNPRINTABLE = _UNPRINTABLE_CLASS + r'|["\\]'


def _go_escape(match: re.Match[str]) -> str:
    char = match.group()
    known = _GO_ESCAPES.get(char)
    if known is not None:
        return known
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def _double_quoted(text: str) -> str:
    """A double-quoted scalar escaped as go-yaml's emitter does (``\\x7F``, ``\\x01``, ``\\e``)."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return '"' + text + '"'
    return '"' + _pattern(_GO_UNPRINTABLE).sub(_go_escape, text) + '"'


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
            head = indent + _quote(key, indent) + ":"
            if isinstance(item, (dict, list)):
                if item:
                    out.append(head)
                    _emit(item, sub, out)
                else:
                    out.append(head + (" {}" if isinstance(item, dict) else " []"))
            else:
                out.append(head + " " + _scalar(item, indent))
        return
    for item in value:
        if isinstance(item, dict) and item:
            first = True
            for key, v in item.items():
                head = (indent + "- " if first else sub) + _quote(key, sub) + ":"
                first = False
                if isinstance(v, (dict, list)):
                    if v:
                        out.append(head)
                        _emit(v, sub + "  ", out)
                    else:
                        out.append(head + (" {}" if isinstance(v, dict) else " []"))
                else:
                    out.append(head + " " + _scalar(v, sub))
        elif isinstance(item, (dict, list)):
            if item:
                out.append(indent + "-")
                _emit(item, sub, out)
            else:
                out.append(indent + ("- {}" if isinstance(item, dict) else "- []"))
        else:
            out.append(indent + "- " + _scalar(item, indent))


def to_yaml(data: dict[str, Any]) -> str:
    """Block YAML as go-yaml v3 writes it with ``SetIndent(2)``."""
    out: list[str] = []
    _emit(data, "", out)
    return "\n".join(out) + "\n"
