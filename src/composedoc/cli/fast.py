"""The ``composedoc`` entry point: a plain ``composedoc config`` runs without importing click.

``config`` is the command people time against ``docker compose config``; on a small stack
importing click and the command tree is a third of its run. A command line made only of the
``config`` options in their usual spellings (``-f x``, ``--file x``, ``--file=x``, flags) is
run here with the same library calls, output and messages as :mod:`composedoc.cli.commands`; any
other command line (other commands, ``--help``, unknown or unusual options, a value that
starts with ``-``, shell completion) goes to click unchanged. Errors and warnings that may
need click's handling (ANSI stripping) are printed through click itself.
"""

from __future__ import annotations

import os
import sys
from typing import Any

_VALUE_OPTIONS = {
    "-f": "files",
    "--file": "files",
    "-p": "project_name",
    "--project-name": "project_name",
    "--profile": "profiles",
    "--env-file": "env_files",
    "--project-directory": "project_directory",
    "--format": "fmt",
}
_FLAGS = {"--strict-paths": "strict_paths", "--all-resources": "all_resources"}
_REPEATED = ("files", "profiles", "env_files")
_FORMATS = ("yaml", "json")


def parse_config(args: list[str]) -> dict[str, Any] | None:
    """The options of a plain ``config`` command line, or None when click must read it."""
    if not args or args[0] != "config":
        return None
    opts: dict[str, Any] = {
        "files": [],
        "profiles": [],
        "env_files": [],
        "project_name": None,
        "project_directory": None,
        "fmt": "yaml",
        "strict_paths": False,
        "all_resources": False,
    }
    rest = args[1:]
    i = 0
    while i < len(rest):
        arg = rest[i]
        i += 1
        if arg in _FLAGS:
            opts[_FLAGS[arg]] = True
            continue
        name, equals, value = arg.partition("=")
        if equals and name.startswith("--") and name in _VALUE_OPTIONS:
            key = _VALUE_OPTIONS[name]
        elif arg in _VALUE_OPTIONS and i < len(rest):
            key = _VALUE_OPTIONS[arg]
            value = rest[i]
            i += 1
        else:
            return None
        if value.startswith("-") or (key == "fmt" and value not in _FORMATS):
            return None
        if key in _REPEATED:
            opts[key].append(value)
        else:
            opts[key] = value
    return opts


def _echo_err(text: str) -> None:
    """``click.echo(text, err=True)``: click is imported only when it would change the text."""
    if "\x1b" in text:
        import click

        click.echo(text, err=True)
        return
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _warning(message: str) -> None:
    from composedoc.invisible import escape_invisible

    _echo_err(f"WARN {escape_invisible(message)}")


def run_config(opts: dict[str, Any]) -> None:
    """``composedoc config``, as ``composedoc.cli.commands.config`` runs it."""
    from pathlib import Path

    from composedoc.compose import warn
    from composedoc.compose.output import dump_config
    from composedoc.compose.project import load_project
    from composedoc.compose.types import LoadOptions
    from composedoc.errors import ComposedocError

    warn.sink = _warning
    try:
        project = load_project(
            LoadOptions(
                files=tuple(opts["files"]),
                project_name=opts["project_name"],
                profiles=tuple(opts["profiles"]),
                env_files=tuple(opts["env_files"]),
                project_directory=opts["project_directory"],
                working_dir=str(Path.cwd()),
                environ=dict(os.environ),
                interpolate=True,
                strict_paths=opts["strict_paths"],
            )
        )
        text = dump_config(project, fmt=opts["fmt"], all_resources=opts["all_resources"])
    except ComposedocError as error:
        from composedoc.cli._exit import fail

        fail(error)
    sys.stdout.write(text)


def _run_guarded(opts: dict[str, Any]) -> None:
    """What click's standalone mode and ``cli._Guarded`` do around a command."""
    try:
        run_config(opts)
    except RecursionError:
        _echo_err("composedoc: input nested too deeply to process")
    except MemoryError:
        _echo_err("composedoc: input too large to process in memory")
    except (EOFError, KeyboardInterrupt):
        _echo_err("")
        _echo_err("Aborted!")
    except OSError as error:
        import errno

        if error.errno != errno.EPIPE:
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # as click: exit quietly
    else:
        sys.exit(0)
    sys.exit(1)


def main(prog_name: str | None = None) -> None:
    """Run ``composedoc`` with ``sys.argv``: the fast ``config`` path, else click."""
    opts = None if "_COMPOSEDOC_COMPLETE" in os.environ else parse_config(sys.argv[1:])
    if opts is None:
        from composedoc.cli.commands import main as click_main

        click_main(prog_name=prog_name)
        return
    _run_guarded(opts)
