"""``composedoc render``: flags over the config file, one call to the library, then write or check.

Kept apart from cli.py so the command table stays short; like the rest of the CLI it only
parses options, calls :func:`composedoc.documents.render_documents` and writes the result
with :mod:`composedoc.output` (or compares it with :mod:`composedoc.check`).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from composedoc.cli import fail
from composedoc.compose.types import LoadOptions
from composedoc.errors import ComposedocError, StaleOutputError, UsageError

__all__ = ["run_render"]


def split_csv(values: tuple[str, ...] | list[str]) -> list[str]:
    """``("svg,png", "md")`` -> ``["svg", "png", "md"]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _view(opts: dict[str, Any], conf: Any) -> Any:
    """ViewOptions: each flag wins over the config file, which wins over the default."""
    from composedoc.render.scene import HIDEABLE, ViewOptions
    from composedoc.settings import pick

    hide = split_csv(opts["hide"]) or list(conf.diagram.hide)
    unknown = sorted(set(hide) - set(HIDEABLE))
    if unknown:
        raise UsageError(f"unknown --hide value: {', '.join(unknown)}")
    base = conf.diagram.view_options()
    return ViewOptions(
        direction=opts["direction"] or base.direction,
        focus=tuple(opts["focus"]) or base.focus,
        depth=pick(opts["depth"], base.depth, None),
        exclude=tuple(opts["exclude"]) or base.exclude,
        hide=frozenset(hide),
        legend=pick(opts["legend"], base.legend, True),
        theme=opts["theme"] or base.theme,
        link_template=opts["link_template"] or base.link_template,
        abstract=pick(opts["abstract"], base.abstract, None),
    )


class _SayHandler(logging.Handler):
    """Layout decisions (split or not, and why) as plain lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(record.getMessage(), err=True)


@contextlib.contextmanager
def _say_layout() -> Iterator[None]:
    """While ``render`` runs, its layout decisions go to stderr (and only then: ``inject``
    renders too, and keeps stderr for problems)."""
    from composedoc.render import LAYOUT_LOGGER

    logger = logging.getLogger(LAYOUT_LOGGER)
    handler = _SayHandler()
    saved = (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def run_render(opts: dict[str, Any], flags: LoadOptions) -> None:
    """Render every asked format of one stack into DIR (or ``--check`` DIR)."""
    with _say_layout():
        _render(opts, flags)


def _render(opts: dict[str, Any], flags: LoadOptions) -> None:
    from composedoc.check import compare_outputs
    from composedoc.compose.project import load_project
    from composedoc.documents import ALL_FORMATS, DocumentOptions, render_documents
    from composedoc.mask import MaskPolicy
    from composedoc.output import write_outputs
    from composedoc.settings import FORMAT_ALIASES, load_settings, pick, stack_load_options

    cwd = Path.cwd()
    try:
        conf = load_settings(opts["config_file"], cwd)
        explicit = flags.files or flags.project_directory
        stack = conf.stack(opts["stack"]) if opts["stack"] or not explicit else None
        formats = [FORMAT_ALIASES.get(f, f) for f in split_csv(opts["formats"])]
        formats = formats or list(conf.formats) or list(ALL_FORMATS)
        unknown = sorted(set(formats) - set(ALL_FORMATS))
        if unknown:
            raise UsageError(f"unknown format: {', '.join(unknown)}")
        output_dir = opts["output_dir"] or (stack.output if stack else None) or conf.output
        if not output_dir:
            raise UsageError("no output folder: give -o DIR (or output: in the config file)")
        show = pick(opts["show_values"], conf.mask.show_values or None, False)
        load = stack_load_options(stack, flags)
        loaded = load_project(load)
        template_dir = opts["template_dir"]
        files = render_documents(
            loaded,
            DocumentOptions(
                formats=tuple(formats),
                name=opts["name"] or conf.name,
                view=_view(opts, conf),
                split=pick(opts["split"], conf.diagram.split, None),
                policy=MaskPolicy(
                    show_values=show, extra_key_patterns=conf.mask.sensitive_patterns
                ),
                md_diagram=opts["md_diagram"],
                template_dir=Path(template_dir) if template_dir else None,
            ),
            load,
        )
        if opts["check"]:
            result = compare_outputs({Path(output_dir) / n: b for n, b in files.items()}, cwd)
            if not result.ok:
                click.echo(result.diff, nl=False)
                raise StaleOutputError(f"{output_dir}: out of date (run composedoc render)")
            return
        stem = opts["name"] or conf.name or loaded.name
        written = write_outputs(output_dir, files, prune_stem=stem)
    except ComposedocError as error:
        fail(error)
    for path in written:
        click.echo(str(path), err=True)
