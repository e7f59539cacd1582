"""``composedoc render``: flags over the config file, one call to the library, then write or check.

Kept apart from cli.py so the command table stays short; like the rest of the CLI it only
parses options, calls :func:`composedoc.docs.documents.render_documents` and writes the result
with :mod:`composedoc.cli.output` (or compares it with :mod:`composedoc.ci.check`).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from composedoc.cli.flags import RenderFlags, mask_level, split_csv
from composedoc.compose.types import LoadOptions
from composedoc.errors import OutputError, StaleOutputError, UsageError
from composedoc.options import FORMAT_ALIASES, FORMATS, ViewOptions, view_options
from composedoc.settings.file import Settings

__all__ = ["run_render"]


def _view(flags: RenderFlags, conf: Settings) -> ViewOptions:
    """ViewOptions: each flag wins over the config file, which wins over the default."""
    return view_options(conf.diagram.values, flags.view)


class _SayHandler(logging.Handler):
    """Layout decisions (split or not, and why) as plain lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(record.getMessage(), err=True)


@contextlib.contextmanager
def _say_layout(verbosity: int) -> Iterator[None]:
    """While ``render`` runs, its layout decisions go to stderr (and only then: ``inject``
    renders too, and keeps stderr for problems)."""
    from composedoc.diagram.outputs import LAYOUT_LOGGER

    if verbosity < 0:
        yield
        return

    logger = logging.getLogger(LAYOUT_LOGGER)
    handler = _SayHandler()
    saved = (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbosity > 0 else logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


GRAPHVIZ_FORMATS = tuple(f.name for f in FORMATS if f.graphviz)
GRAPHVIZ_HINT = (
    "install Graphviz and run again: Debian/Ubuntu: sudo apt-get install graphviz;"
    " Fedora: sudo dnf install graphviz; macOS: brew install graphviz;"
    " Windows: winget install graphviz (or choco install graphviz), then add its bin folder"
    " to PATH"
)


def _without_graphviz(formats: list[str]) -> list[str]:
    """The asked formats that need Graphviz's ``dot`` when it is not on PATH (else none)."""
    if shutil.which("dot") is not None:
        return []
    return [f for f in formats if f in GRAPHVIZ_FORMATS]


def _no_graphviz(missing: list[str]) -> OutputError:
    return OutputError(
        f"Graphviz 'dot' is not on PATH: {', '.join(missing)} not written; {GRAPHVIZ_HINT}"
    )


def _to_stdout(files: dict[str, bytes], formats: list[str]) -> None:
    """``-o -``: the one file on stdout; several files cannot share one stream."""
    if len(files) != 1:
        raise UsageError(
            f"-o - writes one file to stdout, but --format {','.join(formats)} gives"
            f" {len(files)} ({', '.join(files)}): give one format (and --no-split)"
        )
    sys.stdout.buffer.write(next(iter(files.values())))
    sys.stdout.flush()


def _report(written: list[Path], output_dir: str, verbosity: int) -> None:
    """One summary line on stderr; ``-v`` lists every file, ``-q`` says nothing."""
    if verbosity < 0:
        return
    if verbosity > 0:
        for path in written:
            click.echo(str(path), err=True)
    count = len(written)
    click.echo(f"wrote {count} file{'' if count == 1 else 's'} to {output_dir}", err=True)


def run_render(opts: RenderFlags, flags: LoadOptions) -> None:
    """Render every asked format of one stack into DIR (or ``--check`` DIR, or stdout).

    Without Graphviz the formats that do not need it are still written (and reported); the
    run then fails naming the ones that were not, with how to install Graphviz.
    """
    with _say_layout(opts.verbosity):
        written, output_dir, missing = _render(opts, flags)
    if written is not None:
        _report(written, output_dir, opts.verbosity)
    if missing:
        raise _no_graphviz(missing)


def _render(opts: RenderFlags, flags: LoadOptions) -> tuple[list[Path] | None, str, list[str]]:
    """Render and write (or check, or print); the files written (None when nothing was
    meant to be written), the output folder, and the formats left out for want of Graphviz."""
    from composedoc.ci.check import compare_outputs
    from composedoc.cli.output import write_outputs
    from composedoc.cli.progress import progress
    from composedoc.compose.project import load_project
    from composedoc.docs.documents import ALL_FORMATS, DocumentOptions, render_documents
    from composedoc.settings.file import load_settings, pick, stack_load_options

    cwd = Path.cwd()
    conf = load_settings(opts.config_file, cwd)
    explicit = flags.files or flags.project_directory
    stack = conf.stack(opts.stack) if opts.stack or not explicit else None
    formats = [FORMAT_ALIASES.get(f, f) for f in split_csv(opts.formats)]
    formats = formats or list(conf.formats) or list(ALL_FORMATS)
    unknown = sorted(set(formats) - set(ALL_FORMATS))
    if unknown:
        valid = ", ".join([*ALL_FORMATS, *FORMAT_ALIASES])
        raise UsageError(f"unknown format: {', '.join(unknown)} (valid: {valid})")
    output_dir = opts.output_dir or (stack.output if stack else None) or conf.output
    if not output_dir:
        raise UsageError("no output folder: give -o DIR (or output: in the config file)")
    to_stdout = output_dir == "-"
    if to_stdout and (len(formats) != 1 or opts.check):
        raise UsageError("-o - writes one format to stdout: give one --format and no --check")
    missing = _without_graphviz(formats)
    if missing and to_stdout:
        raise _no_graphviz(missing)
    md_diagram = opts.md_diagram
    if "svg" in missing and "md" in formats and not md_diagram:
        md_diagram = "svg"  # the page points at the SVG it will have, not at a fallback
    formats = [f for f in formats if f not in missing]
    load = stack_load_options(stack, flags)
    template_dir = opts.template_dir
    with progress("composedoc: rendering", enabled=opts.verbosity >= 0):
        loaded = load_project(load)
        options = DocumentOptions(
            formats=tuple(formats),
            name=opts.name or conf.name,
            view=_view(opts, conf),
            split=pick(opts.split, conf.diagram.split, None),
            policy=conf.mask.policy(mask_level(opts.mask, opts.show_values)),
            md_diagram=md_diagram,
            template_dir=Path(template_dir) if template_dir else None,
        )
        files = render_documents(loaded, options, load) if formats else {}
    if to_stdout:
        _to_stdout(files, formats)
        return None, output_dir, missing
    if opts.check:
        result = compare_outputs({Path(output_dir) / n: b for n, b in files.items()}, cwd)
        if not result.ok:
            click.echo(result.diff, nl=False)
            raise StaleOutputError(f"{output_dir}: out of date (run composedoc render)")
        return None, output_dir, missing
    stem = opts.name or conf.name or loaded.name
    written = write_outputs(output_dir, files, prune_stem=stem) if files else []
    return written, output_dir, missing
