"""Check mode: compare what would be written with what is there, as a unified diff.

``render --check`` and ``inject --check`` use this module and never write. The diff is what a
CI log shows, so it is deterministic (paths sorted, no timestamps) and names files the way
the user gave them. Binary outputs (PNG) are reported as differing, not dumped.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from composedoc.errors import Location, OutputError, StaleOutputError

__all__ = ["CheckResult", "compare_outputs", "compare_text", "raise_if_stale", "unified_diff"]


@dataclass(frozen=True)
class CheckResult:
    """``stale`` lists the paths whose content would change (missing ones included)."""

    stale: tuple[Path, ...] = ()
    diff: str = ""
    checked: tuple[Path, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.stale


def _decode(data: bytes) -> str | None:
    """Text when the bytes are UTF-8 without NULs, else ``None`` (compared as binary)."""
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def unified_diff(name: str, old: bytes | None, new: bytes) -> str:
    """``--- a/name`` / ``+++ b/name`` diff; ``old=None`` for a file that does not exist yet.

    Line endings are shown as they are (a CRLF change is a visible change); a missing final
    newline is marked the way ``git diff`` marks it.
    """
    old_text = "" if old is None else _decode(old)
    new_text = _decode(new)
    if old_text is None or new_text is None:
        return f"Binary files a/{name} and b/{name} differ\n"
    old_lines = old_text.splitlines(keepends=True)
    new_lines = new_text.splitlines(keepends=True)
    fromfile = "/dev/null" if old is None else f"a/{name}"
    out: list[str] = []
    for line in difflib.unified_diff(old_lines, new_lines, fromfile, f"b/{name}", lineterm=""):
        if line.endswith(("\n", "\r")):
            out.append(line)
        elif line.startswith(("---", "+++", "@@")):
            out.append(line + "\n")
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def compare_text(name: str, existing: bytes | None, wanted: bytes) -> str:
    """The diff for one output, ``""`` when it is up to date."""
    if existing == wanted:
        return ""
    return unified_diff(name, existing, wanted)


def _display(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise OutputError("is a folder, expected a file", Location(str(path))) from None
    except OSError as error:
        raise OutputError(f"cannot read: {error.strerror}", Location(str(path))) from None


def compare_outputs(expected: Mapping[Path, bytes], base: Path | None = None) -> CheckResult:
    """Compare each path's current bytes with ``expected``; nothing is written.

    ``base`` shortens the names in the diff (usually the working folder).
    """
    stale: list[Path] = []
    chunks: list[str] = []
    for path in sorted(expected):
        text = compare_text(_display(path, base), _read(path), expected[path])
        if text:
            stale.append(path)
            chunks.append(text)
    return CheckResult(tuple(stale), "".join(chunks), tuple(sorted(expected)))


def raise_if_stale(result: CheckResult, base: Path | None = None) -> None:
    """A :class:`StaleOutputError` naming the stale files (the caller prints the diff first)."""
    if result.ok:
        return
    names = ", ".join(_display(p, base) for p in result.stale)
    raise StaleOutputError(f"out of date: {names} (run without --check to update)")
