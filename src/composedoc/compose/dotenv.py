"""The ``.env`` grammar of compose-go (``dotenv/parser.go``), shared by the project ``.env``,
``--env-file``, ``env_file`` and ``label_file``; plus the ``raw`` format docker compose adds.

Compose's parser has quirks (``:`` separates like ``=``, ``KEY= #x`` is ``#x``, a quoted
value may be followed by another statement on the same line) and we keep them, because
a value that differs from Compose's changes the documented project.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from composedoc.compose.files import read_regular_file
from composedoc.compose.gostr import go_quote
from composedoc.compose.interpolate import substitute
from composedoc.errors import ComposeFileError, InterpolationError, LimitError, Location
from composedoc.limits import active as active_limits

__all__ = ["parse_dotenv", "read_dotenv"]

Lookup = Callable[[str], "str | None"]

_BOM = "\ufeff"
_EXPORT = re.compile(r"export[\t\n\f\r ]+")
# Go's dotenv isSpace: blanks that are not line breaks.
_BLANKS = frozenset("\t\v\f\r \x85\xa0")
_KEY_PUNCT = frozenset("_.-[]")
_ESCAPE = re.compile(r'\\(?:[abcfnrtv$"\\]|0[0-9]{0,3})')
_SIMPLE_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    '"': '"',
    "\\": "\\",
    "$": "$$",  # kept for the interpolation step, which turns "$$" into "$"
}


def _is_go_space(ch: str) -> bool:
    """Go's ``unicode.IsSpace`` (Python's ``isspace`` also accepts \\x1c-\\x1f)."""
    return ch.isspace() and ch not in "\x1c\x1d\x1e\x1f"


def read_dotenv(
    path: Path,
    display: str,
    lookup: Lookup,
    *,
    raw: bool = False,
    defined: Mapping[str, str] | None = None,
    warned: set[str] | None = None,
    where: Location | None = None,
) -> dict[str, str]:
    """Read and parse an env file; ``display`` is the name shown in errors, ``where`` the
    entry that named the file (for errors before its first line is read)."""
    data = read_regular_file(str(path), display, where, active_limits().max_env_file_bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        raise ComposeFileError(
            f"invalid UTF-8 byte 0x{data[exc.start]:02x}", Location(display, line, column)
        ) from None
    return parse_dotenv(text, display, lookup, raw=raw, defined=defined, warned=warned)


def parse_dotenv(
    text: str,
    filename: str,
    lookup: Lookup,
    *,
    raw: bool = False,
    defined: Mapping[str, str] | None = None,
    warned: set[str] | None = None,
) -> dict[str, str]:
    """Parse env-file text into ``{key: value}``; keys left unset are absent.

    ``${X}`` in a value is looked up in ``lookup`` first (the OS env), then in keys set
    earlier in this file, then in ``defined`` (keys of earlier files of the same load).
    """
    if text.startswith(_BOM):
        text = text[1:]
    if raw:
        return _parse_raw(text, filename, lookup)
    return _Parser(text, filename, lookup, defined or {}, warned).run()


class _Parser:
    """A port of compose-go's statement loop; positions index into ``text``."""

    def __init__(
        self,
        text: str,
        filename: str,
        lookup: Lookup,
        defined: Mapping[str, str],
        warned: set[str] | None,
    ) -> None:
        self.text = text
        self.filename = filename
        self.lookup = lookup
        self.defined = defined
        self.warned = warned
        self.out: dict[str, str] = {}

    def run(self) -> dict[str, str]:
        pos = 0
        limit = active_limits().max_env_vars
        while True:
            pos = self._statement_start(pos)
            if pos < 0:
                return self.out
            start = pos
            pos = self._statement(pos)
            if len(self.out) > limit:
                raise LimitError(
                    f"more than {limit} variables in one env file "
                    "(COMPOSEDOC_LIMIT_MAX_ENV_VARS raises the limit)",
                    self._loc(start),
                )

    def _error(self, message: str, pos: int) -> ComposeFileError:
        return ComposeFileError(message, self._loc(pos))

    def _loc(self, pos: int) -> Location:
        line = self.text.count("\n", 0, pos) + 1
        column = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return Location(self.filename, line, column)

    def _statement_start(self, pos: int) -> int:
        """Skip blank space (line breaks too) and ``#`` comment lines; -1 at the end."""
        text, n = self.text, len(self.text)
        while True:
            while pos < n and _is_go_space(text[pos]):
                pos += 1
            if pos >= n:
                return -1
            if text[pos] != "#":
                return pos
            pos = text.find("\n", pos)
            if pos < 0:
                return -1

    def _statement(self, pos: int) -> int:
        """Parse ``[export ]KEY[=|:]VALUE`` or a bare ``KEY``; return where the next starts."""
        text, n = self.text, len(self.text)
        start = pos
        m = _EXPORT.match(text, pos)
        if m:
            pos += len("export")
            while pos < n and text[pos] in _BLANKS:
                pos += 1
        if pos >= n:
            raise self._error("zero length string", start)
        key_at = pos
        key = ""
        value_at = pos  # no separator at all: the key is "" and the text is the value
        inherited = False
        for i in range(pos, n):
            ch = text[i]
            if ch in _BLANKS:
                continue
            if ch in "=:\n":
                key = text[pos:i]
                value_at = i + 1
                inherited = ch == "\n"
                break
            if ch in _KEY_PUNCT or _letter_or_number(ch):
                continue
            first_line = text[pos:].split("\n", 1)[0]
            raise self._error(
                f"unexpected character {go_quote(ch)} in variable name {go_quote(first_line)}",
                i,
            )
        while key and _is_go_space(key[-1]):
            key = key[:-1]
        while value_at < n and text[value_at] in _BLANKS:
            value_at += 1
        if " " in key:
            raise self._error("key cannot contain a space", key_at)
        if inherited:
            value = self._resolve(key)
            if value is not None:
                self.out[key] = value
            return value_at
        value, end = self._value(value_at, key)
        self.out[key] = value
        return end

    def _value(self, pos: int, key: str) -> tuple[str, int]:
        text, n = self.text, len(self.text)
        quote = text[pos] if pos < n else ""
        if quote not in ("'", '"'):
            end = text.find("\n", pos)
            nxt = n if end < 0 else end + 1
            value = text[pos : n if end < 0 else end].split(" #", 1)[0]
            while value and _is_go_space(value[-1]):
                value = value[:-1]
            return self._expand(value, key, pos), nxt
        chars: list[str] = []
        escaped = False
        for i in range(pos + 1, n):
            ch = text[i]
            if ch != quote:
                if not escaped and ch == "\\":
                    escaped = True
                    continue
                if escaped:
                    escaped = False
                    chars.append("\\")
                chars.append(ch)
                continue
            if escaped:  # \" or \' according to the quote
                escaped = False
                chars.append(ch)
                continue
            value = "".join(chars)
            if quote == '"':
                value = self._expand(_ESCAPE.sub(_unescape, value), key, pos)
            return value, i + 1
        line_end = text.find("\n", pos)
        shown = text[pos : n if line_end < 0 else line_end]
        raise self._error(f"unterminated quoted value {shown}", pos)

    def _resolve(self, name: str) -> str | None:
        value = self.lookup(name)
        if value is None:
            value = self.out.get(name)
        if value is None:
            value = self.defined.get(name)
        return value

    def _expand(self, value: str, key: str, pos: int) -> str:
        if "$" not in value:
            return value
        try:
            return substitute(value, self._resolve, warned=self.warned)
        except InterpolationError as exc:
            # Compose: "failed to read <file>: <template error>"; the location names the file.
            raise InterpolationError(exc.message, self._loc(pos)) from None


def _unescape(match: re.Match[str]) -> str:
    """Go's ``UnquoteChar`` on one supported escape; unsupported ones stay as written."""
    seq = match.group(0)
    if seq[1] != "0":
        return _SIMPLE_ESCAPES.get(seq[1], seq)  # "\\c" is matched but Go cannot unquote it
    digits = seq[2:]
    # Go rewrites "\0NNN" to "\NNN": exactly three octal digits <= 0o377 decode, anything
    # else is returned in its rewritten form ("\012" -> "\12", "\0" -> "\").
    if len(digits) == 3 and all(d in "01234567" for d in digits) and int(digits, 8) <= 0o377:
        return chr(int(digits, 8))
    return "\\" + digits


def _parse_raw(text: str, filename: str, lookup: Lookup) -> dict[str, str]:
    """docker compose's ``format: raw`` (docker/cli kvfile): ``KEY=VALUE`` taken verbatim."""
    out: dict[str, str] = {}
    limit = active_limits().max_env_vars
    for number, raw_line in enumerate(text.split("\n"), start=1):
        line = raw_line.removesuffix("\r")
        lead = 0
        while lead < len(line) and _is_go_space(line[lead]):
            lead += 1  # an index, not ``stripped[1:]`` each time: that was quadratic
        stripped = line[lead:]
        if not stripped or stripped.startswith("#"):
            continue
        name, sep, value = stripped.partition("=")
        name = name.lstrip(" \t")
        column = len(line) - len(stripped) + 1
        if " " in name or "\t" in name:
            raise ComposeFileError(
                f"poorly formatted environment: variable '{name}' contains whitespaces",
                Location(filename, number, column),
            )
        if not name:
            raise ComposeFileError(
                f"poorly formatted environment: no variable name on line '{stripped}'",
                Location(filename, number, column),
            )
        if sep:
            out[name] = value
        else:
            found = lookup(stripped)
            if found is not None:
                out[name.strip()] = found
        if len(out) > limit:
            raise LimitError(
                f"more than {limit} variables in one env file "
                "(COMPOSEDOC_LIMIT_MAX_ENV_VARS raises the limit)",
                Location(filename, number, column),
            )
    return out


def _letter_or_number(ch: str) -> bool:
    """Unicode letter or number (Go's ``unicode.IsLetter``/``IsNumber`` in keys)."""
    if ch.isascii():
        return ch.isalnum()
    import unicodedata  # here: only keys with more than ASCII need it (1 ms at start-up)

    return unicodedata.category(ch)[0] in "LN"
