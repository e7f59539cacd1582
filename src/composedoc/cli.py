"""The ``composedoc`` command: parse options, call the library, write results, map errors.

Only this module (and the MkDocs plugin) turns ``ComposedocError`` into exit codes. Heavy
imports (networkx, diagrams, jinja2) happen inside the commands that need them so that
``composedoc config`` starts fast.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from composedoc.compose.types import LoadOptions
from composedoc.errors import ComposedocError

F = TypeVar("F", bound=Callable[..., Any])


class _WarningHandler(logging.Handler):
    """Print library warnings as one line each on stderr, like Compose's WARN lines."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"WARN {record.getMessage()}", err=True)


def load_options(func: F) -> F:
    """The LOAD flags shared by every command (ARCHITECTURE.md §4)."""
    options = [
        click.option("-f", "--file", "files", multiple=True, help="Compose file (repeatable)."),
        click.option("-p", "--project-name", "project_name", help="Project name."),
        click.option("--profile", "profiles", multiple=True, help="Profile to enable."),
        click.option("--env-file", "env_files", multiple=True, help="Alternate .env file."),
        click.option("--project-directory", help="Alternate working directory."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_load_options(
    files: tuple[str, ...],
    project_name: str | None,
    profiles: tuple[str, ...],
    env_files: tuple[str, ...],
    project_directory: str | None,
    *,
    interpolate: bool = True,
) -> LoadOptions:
    """Bundle the LOAD flags with the real working folder and OS environment."""
    return LoadOptions(
        files=files,
        project_name=project_name,
        profiles=profiles,
        env_files=env_files,
        project_directory=project_directory,
        working_dir=os.getcwd(),
        environ=dict(os.environ),
        interpolate=interpolate,
    )


def fail(error: ComposedocError) -> None:
    """One line, ``file:line:col: message``, exit code 1."""
    click.echo(str(error), err=True)
    sys.exit(1)


@click.group()
@click.version_option(package_name="composedoc")
def main() -> None:
    """composedoc: Docker Compose files to graphs, diagrams and reference docs."""
    logger = logging.getLogger("composedoc")
    if not any(isinstance(h, _WarningHandler) for h in logger.handlers):
        logger.addHandler(_WarningHandler())
    logger.setLevel(logging.WARNING)
    logger.propagate = False


@main.command()
@load_options
@click.option("--all-resources", is_flag=True, help="Include resources no service uses.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml")
def config(all_resources: bool, fmt: str, **load: Any) -> None:
    """Print the project as ``docker compose config`` does."""
    from composedoc.compose.output import dump_config
    from composedoc.compose.project import load_project

    try:
        project = load_project(make_load_options(**load))
        text = dump_config(project, fmt=fmt, all_resources=all_resources)
    except ComposedocError as error:
        fail(error)
    sys.stdout.write(text)


@main.command()
@load_options
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json")
def graph(fmt: str, **load: Any) -> None:
    """Print the project graph as JSON (ARCHITECTURE.md §3)."""
    from composedoc.compose.project import load_project
    from composedoc.graph import build_graph, graph_to_json
    from composedoc.model import bind_project

    try:
        project = load_project(make_load_options(**load))
        text = graph_to_json(build_graph(bind_project(project)))
    except ComposedocError as error:
        fail(error)
    sys.stdout.write(text)
