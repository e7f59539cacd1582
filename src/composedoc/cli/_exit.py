"""The one place errors become exit codes and warnings become lines on stderr.

Library code raises :class:`~composedoc.errors.ComposedocError` and commands let it go:
:class:`Guarded`, the command group, prints it as one line and picks the exit code, so no
command repeats that. It is also the last line of defence for input that exhausts the stack
or memory.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, NoReturn

import click

from composedoc.errors import ComposedocError, UsageError
from composedoc.invisible import escape_invisible

__all__ = ["Guarded", "WarningHandler", "fail"]


class WarningHandler(logging.Handler):
    """Print library warnings as one line each on stderr, like Compose's WARN lines."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"WARN {escape_invisible(record.getMessage())}", err=True)


def fail(error: ComposedocError) -> NoReturn:
    """One line, ``file:line:col: message``; exit 2 for wrong usage, else 1."""
    click.echo(escape_invisible(str(error)), err=True)
    sys.exit(2 if isinstance(error, UsageError) else 1)


class Guarded(click.Group):
    """Every command's errors: a ``ComposedocError`` is one line on stderr, exit 2 for wrong
    usage, else 1; input that exhausts the stack or memory is still one line, exit 1.

    The loader's limits (composedoc.limits) are meant to stop hostile input first; this only
    keeps a missed case from printing a traceback.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ComposedocError as error:
            fail(error)
        except RecursionError:
            click.echo("composedoc: input nested too deeply to process", err=True)
        except MemoryError:
            click.echo("composedoc: input too large to process in memory", err=True)
        ctx.exit(1)
