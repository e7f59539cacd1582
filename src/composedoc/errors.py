"""One error hierarchy: library code raises these, front ends turn them into exit codes.

Every error may carry a :class:`Location` so that the user sees ``file:line:col: message``,
which is the one line the CLI prints (no traceback).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """Where a value was written: file as shown to the user, 1-based line and column."""

    file: str
    line: int = 0
    column: int = 0
    path: str = ""

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


class ComposedocError(Exception):
    """Base of every error composedoc reports to a user."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"


class ComposeFileError(ComposedocError):
    """A Compose file cannot be read or parsed (missing, not UTF-8, YAML syntax)."""


class LimitError(ComposeFileError):
    """Input exceeds a safety limit (alias bomb, depth, size)."""


class InterpolationError(ComposedocError):
    """A ``${...}`` template is invalid or a required variable is missing."""


class SchemaError(ComposedocError):
    """A value has the wrong type or an unknown key."""


class ConsistencyError(ComposedocError):
    """The project refers to something undefined, or has a cycle."""


class UsageError(ComposedocError):
    """Options or configuration given to composedoc are wrong."""


class OutputError(ComposedocError):
    """An output cannot be written where it was asked for."""


class StaleOutputError(ComposedocError):
    """``--check`` found outputs that differ from what would be written."""
