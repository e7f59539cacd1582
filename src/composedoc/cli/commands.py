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
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from composedoc import __version__
from composedoc.cli._exit import Guarded, WarningHandler
from composedoc.cli.flags import RenderFlags, declared_options, docs_option
from composedoc.errors import ComposedocError
from composedoc.options import FORMAT_ALIASES, FORMATS

if TYPE_CHECKING:
    from composedoc.compose.types import LoadOptions

F = TypeVar("F", bound=Callable[..., Any])


FORMAT_LIST = ", ".join(
    f.name + "".join(f" (or {a})" for a, n in FORMAT_ALIASES.items() if n == f.name)
    for f in FORMATS
)


def load_options(func: F) -> F:
    """The LOAD flags shared by every command (ARCHITECTURE.md, command-line contract)."""
    options = [
        click.option("-f", "--file", "files", multiple=True, help="Compose file (repeatable)."),
        click.option("-p", "--project-name", "project_name", help="Project name."),
        click.option("--profile", "profiles", multiple=True, help="Profile to enable."),
        click.option("--env-file", "env_files", multiple=True, help="Alternate .env file."),
        click.option("--project-directory", help="Alternate working directory."),
        click.option(
            "--strict-paths",
            is_flag=True,
            help="Refuse files and bind sources outside the project folder.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


LOAD_KEYS = ("files", "project_name", "profiles", "env_files", "project_directory", "strict_paths")


def make_load_options(
    files: tuple[str, ...],
    project_name: str | None,
    profiles: tuple[str, ...],
    env_files: tuple[str, ...],
    project_directory: str | None,
    strict_paths: bool = False,
    *,
    interpolate: bool = True,
) -> LoadOptions:
    """Bundle the LOAD flags with the real working folder and OS environment."""
    from composedoc.compose.types import LoadOptions

    return LoadOptions(
        files=files,
        project_name=project_name,
        profiles=profiles,
        env_files=env_files,
        project_directory=project_directory,
        working_dir=str(Path.cwd()),
        environ=dict(os.environ),
        interpolate=interpolate,
        strict_paths=strict_paths,
    )


@click.group(cls=Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="composedoc")
def main() -> None:
    """composedoc: Docker Compose files to graphs, diagrams and reference docs.

    Shell completion: eval "$(_COMPOSEDOC_COMPLETE=bash_source composedoc)" in ~/.bashrc
    (zsh_source for ~/.zshrc; fish_source > ~/.config/fish/completions/composedoc.fish).
    """
    logger = logging.getLogger("composedoc")
    if not any(isinstance(h, WarningHandler) for h in logger.handlers):
        logger.addHandler(WarningHandler())
    logger.setLevel(logging.WARNING)
    logger.propagate = False


@main.command()
@load_options
@click.option("--all-resources", is_flag=True, help="Include resources no service uses.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json"]),
    default="yaml",
    show_default=True,
    help="Output format.",
)
def config(all_resources: bool, fmt: str, **load: Any) -> None:
    """Print the project as 'docker compose config' does."""
    from composedoc.compose.output import dump_config
    from composedoc.compose.project import load_project

    project = load_project(make_load_options(**load))
    text = dump_config(project, fmt=fmt, all_resources=all_resources)
    sys.stdout.write(text)


@main.command()
@load_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json"]),
    default="json",
    show_default=True,
    help="Output format (node-link JSON).",
)
@docs_option("mask")
@docs_option("show_values")
def graph(fmt: str, mask: str | None, show_values: bool | None, **load: Any) -> None:
    """Print the project graph as JSON (ARCHITECTURE.md, graph contract), values masked."""
    from composedoc.cli.flags import mask_level
    from composedoc.compose.project import load_project
    from composedoc.docs.masked_view import masked_view
    from composedoc.graph.build import graph_to_json
    from composedoc.mask.policy import MaskPolicy

    loaded = load_project(make_load_options(**load))
    policy = MaskPolicy(level=mask_level(mask, show_values) or "all")
    text = graph_to_json(masked_view(loaded, policy).graph)
    sys.stdout.write(text)


@main.command()
@load_options
@click.option(
    "-o",
    "--output-dir",
    metavar="DIR",
    help="Folder to write into, created if missing (config: output); '-' writes the one"
    " asked format to stdout.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    metavar="LIST",
    help=f"Comma-separated, repeatable: {FORMAT_LIST}. Default: all (config: formats).",
)
@click.option("--name", help="File name stem (default: the project name).")
@declared_options
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 with a diff when the output folder is out of date.",
)
@click.option("--stack", help="Stack from the config file.")
@click.option("--config", "config_file", help="Config file (default: discovered).")
@click.option("-v", "--verbose", is_flag=True, help="List every file written.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def render(verbose: bool, quiet: bool, **opts: Any) -> None:
    """Write diagrams (SVG, PNG, DOT, Mermaid), the reference page and graph JSON.

    By default one line on stderr says how many files were written where.
    """
    from composedoc.cli.render import run_render

    if quiet:
        logging.getLogger("composedoc").setLevel(logging.ERROR)
    load = make_load_options(*(opts.pop(k) for k in LOAD_KEYS))
    run_render(RenderFlags.from_click(opts, -1 if quiet else int(verbose)), load)


# --- inject and diff (CI workflow) -------------------------------------------------------


def _stale(diff_text: str, error: ComposedocError) -> NoReturn:
    """``--check`` found a difference: the unified diff on stdout, the reason on stderr."""
    sys.stdout.write(diff_text)
    raise error


@main.command()
@click.argument("target", metavar="FILE", required=False)
@load_options
@click.option("--check", is_flag=True, help="Exit 1 with a diff if FILE is out of date.")
@click.option(
    "--section",
    "sections",
    multiple=True,
    type=click.Choice(["diagram", "services"]),
    help="What the block holds (repeatable). Default: both (config: inject.sections).",
)
@click.option("--stack", help="Stack from the config file.")
@click.option("--config", "config_file", help="Config file (default: discovered).")
def inject(
    target: str | None,
    check: bool,
    sections: tuple[str, ...],
    stack: str | None,
    config_file: str | None,
    **load: Any,
) -> None:
    """Rewrite the block between the COMPOSEDOC markers of FILE (README.md ...)."""
    from pathlib import Path

    from composedoc.ci.check import compare_outputs
    from composedoc.ci.inject import block_for, inject_bytes
    from composedoc.cli.output import write_outputs
    from composedoc.compose.project import load_project
    from composedoc.docs.masked_view import masked_view
    from composedoc.errors import Location, OutputError, StaleOutputError
    from composedoc.settings.file import load_settings, pick, stack_load_options

    cwd = Path.cwd()
    conf = load_settings(config_file, cwd)
    name = pick(target, conf.inject.file, None)
    if name is None:
        raise click.UsageError("FILE is missing (or set inject.file in the config file)")
    flags = make_load_options(**load)
    explicit = flags.files or flags.project_directory
    chosen = conf.stack(stack) if stack or not explicit else None
    options = stack_load_options(chosen, flags)
    view = masked_view(load_project(options), conf.mask.policy(), options)
    wanted = pick(sections, conf.inject.sections, ())
    content = block_for(view, wanted, conf.diagram.view_options())
    path = cwd / name
    try:
        old = path.read_bytes()
    except OSError as error:
        raise OutputError(f"{name}: cannot read: {error.strerror}") from None
    new = inject_bytes(old, content, name)
    if check:
        result = compare_outputs({path: new}, base=cwd)
        if not result.ok:
            stale = StaleOutputError(f"{name}: out of date (run composedoc inject)")
            _stale(result.diff, stale)
    elif new != old:
        real = path.resolve()  # a symlinked README: write its target, keep the link
        if real != path and not real.is_relative_to(cwd.resolve()):
            raise OutputError(
                f"{name} is a symlink to a file outside {cwd.name or '.'}/: "
                "inject never writes through it",
                Location(name),
            )
        write_outputs(real.parent, {real.name: new})
        click.echo(f"updated {name}", err=True)


@main.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--format", "fmt", type=click.Choice(["md", "json"]), help="Output format. Default: md."
)
@click.option("--diagram/--no-diagram", default=None, help="Add a coloured Mermaid diagram.")
@click.option("--only-changed/--all-nodes", default=None, help="Diagram: changed parts only.")
@click.option("--profile", "profiles", multiple=True, help="Profile to enable on both sides.")
@click.option("-p", "--project-name", "project_name", help="Project name for both sides.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when a change is risky.")
@click.option("--config", "config_file", help="Config file (default: discovered).")
def diff(
    old: str,
    new: str,
    fmt: str | None,
    diagram: bool | None,
    only_changed: bool | None,
    profiles: tuple[str, ...],
    project_name: str | None,
    exit_code: bool,
    config_file: str | None,
) -> None:
    """What changed from OLD to NEW (compose files, folders or git:REV:path)."""
    import contextlib
    from pathlib import Path

    from composedoc.ci.diff import diff_graphs, graph_from_side, relocate_project, side_project
    from composedoc.ci.diff_render import diff_to_json, diff_to_markdown, diff_to_mermaid
    from composedoc.ci.diff_review import review_projects
    from composedoc.settings.file import load_settings, pick

    settings = load_settings(config_file, Path.cwd())
    conf = settings.diff
    with contextlib.ExitStack() as resources:
        sides = [
            side_project(
                side,
                resources,
                working_dir=str(Path.cwd()),
                environ=dict(os.environ),
                profiles=profiles,
                project_name=project_name,
            )
            for side in (old, new)
        ]
    review = review_projects(relocate_project(*sides[0]), relocate_project(*sides[1]))
    if pick(fmt, conf.format, "md") == "json":
        text = diff_to_json(review, old, new)
    else:
        text = diff_to_markdown(review, old, new)
        if pick(diagram, conf.diagram, False) and not review.empty:
            graphs = [graph_from_side(side, settings.mask.policy()) for side in sides]
            changes = diff_graphs(graphs[0], graphs[1])
            only = pick(only_changed, conf.only_changed, False)
            chart = diff_to_mermaid(graphs[0], graphs[1], changes, only)
            text += "\n```mermaid\n" + chart + "```\n"
    sys.stdout.write(text)
    if exit_code and review.risky:
        sys.exit(1)
