"""Linear-time scanners for the credential shapes of :mod:`composedoc.mask.policy`.

``key=value`` and ``scheme://user:password@`` written as regular expressions backtrack:
the search restarts at every letter of a long word, scans to its end and fails (a 50 KB
label took 54 CPU seconds). These scanners start from the fixed part (``=``/``:``,
``://``) and walk outwards once, so each character is looked at a bounded number of times.
They return spans; :func:`replace_spans` rewrites them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

__all__ = [
    "AUTH_SCHEMES",
    "assignment_spans",
    "command_credential_spans",
    "replace_spans",
    "url_password_spans",
]

_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_KEY_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_VALUE_STOP = frozenset("&;,'\"")
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SEPARATOR = re.compile(r"[=:]")


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def assignment_spans(
    text: str, wanted: Callable[[str], bool] = lambda _key: True
) -> Iterator[tuple[str, int, int]]:
    """``(key, start, end)`` of each value in ``key=value`` / ``key: value`` (value: up to
    whitespace or ``&;,'"``), left to right and not overlapping, as the regular expression
    ``[A-Za-z_][A-Za-z0-9_.-]*\\s*[=:]\\s*[^\\s&;,'"]+`` finds them; the value of a key
    that is not ``wanted`` is searched too (``http://x/?token=y``: ``http`` is not)."""
    n = len(text)
    floor = 0  # nothing before the end of the previous match is looked at again
    for sep in _SEPARATOR.finditer(text):
        i = sep.start()
        if i < floor:
            continue
        k = i
        while k > floor and text[k - 1].isspace():
            k -= 1
        key_end = k
        while k > floor and text[k - 1] in _KEY_CHARS:
            k -= 1
        while k < key_end and text[k] not in _KEY_START:
            k += 1
        if k == key_end:
            continue
        if not wanted(text[k:key_end]):
            floor = i + 1
            continue
        v = i + 1
        while v < n and text[v].isspace():
            v += 1
        end = v
        while end < n and not text[end].isspace() and text[end] not in _VALUE_STOP:
            end += 1
        if end == v:
            floor = i + 1  # the regex would go on scanning from the next start
            continue
        yield text[k:key_end], v, end
        floor = end


def url_password_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the password in ``scheme://user:password@`` (scheme at a word start)."""
    n = len(text)
    floor = 0
    at = text.find("://")
    while at >= 0:
        k = at
        while k > floor and text[k - 1] in _SCHEME_CHARS:
            k -= 1
        start = next(
            (
                j
                for j in range(k, at)
                if text[j] in _ASCII_LETTERS and (j == 0 or not _word(text[j - 1]))
            ),
            -1,
        )
        span = _password_after(text, at + 3, n) if start >= 0 else None
        if span is not None:
            yield span
            floor = span[1] + 1
        at = text.find("://", max(at + 3, floor))


def _password_after(text: str, i: int, n: int) -> tuple[int, int] | None:
    """``user:password@`` from ``i``: the password's span, or None."""
    while i < n and text[i] not in ":/@" and not text[i].isspace():
        i += 1
    if i >= n or text[i] != ":":
        return None
    start = end = i + 1
    while end < n and text[end] not in "/@" and not text[end].isspace():
        end += 1
    if end == start or end >= n or text[end] != "@":
        return None
    return start, end


def replace_spans(
    text: str, spans: Iterator[tuple[int, int]] | list[tuple[int, int]], new: Callable[[str], str]
) -> str:
    """``text`` with each (sorted, disjoint) span replaced by ``new(old)``."""
    out: list[str] = []
    last = 0
    for start, end in spans:
        out += [text[last:start], new(text[start:end])]
        last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


# Command-line shapes that carry a password without a telling flag name.
_REDIS_A = re.compile(r"(?<![\w-])-a[ \t]+([^\s'\"]+)")
_MYSQL_P = re.compile(r"(?<![\w-])-p([^\s'\"]+)")
_USER_PW = re.compile(r"(?<![\w-])(?:-u|--user)[ \t=]+[^\s:'\"]*:([^\s'\"]+)")
_AUTH_SCHEME = re.compile(r"(?i)(?<![\w-])(?:bearer|basic|token|digest)[ \t]+([^\s'\"]+)")
AUTH_SCHEMES = frozenset({"bearer", "basic", "token", "digest"})


def command_credential_spans(text: str, context: str | None = None) -> list[tuple[int, int]]:
    """Spans of ``redis-cli -a X``, ``mysqladmin -pX``, ``curl -u user:X``/``--user`` and
    ``Authorization: Bearer X`` values, sorted and disjoint; ``context`` (the whole command)
    says which program runs."""
    patterns = [_USER_PW, _AUTH_SCHEME]
    lower = (text if context is None else context).lower()
    if "redis" in lower:
        patterns.append(_REDIS_A)
    if "mysql" in lower or "mariadb" in lower:
        patterns.append(_MYSQL_P)
    spans = sorted(m.span(1) for pattern in patterns for m in pattern.finditer(text))
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out
