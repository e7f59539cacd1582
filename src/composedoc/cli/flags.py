"""The ``render`` flags, made from the option declaration, and the typed object they fill.

Every view and docs option of :mod:`composedoc.options` that offers the ``cli`` front end
becomes one click option here, with its help, allowed values and type; a new view option
therefore reaches the command line without an edit in this package.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import click

from composedoc.errors import UsageError
from composedoc.options import DOC_OPTIONS, VIEW_OPTIONS, Option, declared

__all__ = ["RenderFlags", "declared_options", "docs_option", "mask_level", "split_csv"]

F = TypeVar("F", bound=Callable[..., Any])


def mask_level(mask: str | None, show_values: bool | None) -> str | None:
    """``--mask``, or ``none`` for ``--show-values`` (its alias); both must agree."""
    if show_values and mask not in (None, "none"):
        raise UsageError(f"--show-values is --mask none; it contradicts --mask {mask}")
    return "none" if show_values else mask


def split_csv(values: tuple[str, ...] | list[str]) -> list[str]:
    """``("svg,png", "md")`` -> ``["svg", "png", "md"]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _click_option(option: Option) -> Callable[[F], F]:
    """One declared option as a click option (same name, help, type and allowed values)."""
    decls = [*option.cli_flags, option.name]
    extra: dict[str, Any] = {"help": option.help}
    if option.type == "bool":
        if option.switch:
            decls[-2] = f"{decls[-2]}/--no-{decls[-2][2:]}"
        else:
            extra["is_flag"] = True
        extra["default"] = None
    elif option.type == "int":
        extra["type"] = click.IntRange(min=0)
    elif option.type == "strs":
        extra["multiple"] = True
    elif option.type == "dir":
        extra["type"] = click.Path(file_okay=False)
    elif option.choices:
        extra["type"] = click.Choice(option.choices)
    if option.metavar:
        extra["metavar"] = option.metavar
    return click.option(*decls, **extra)


def docs_option(name: str) -> Callable[[F], F]:
    """The declared docs option ``name`` as a click option, for a command beside ``render``."""
    return _click_option(next(o for o in DOC_OPTIONS if o.name == name))


def declared_options(func: F) -> F:
    """Add every view and docs option the command line offers, in declaration order."""
    for option in reversed(declared("cli")):
        func = _click_option(option)(func)
    return func


def _view_value(option: Option, value: Any) -> object:
    """A flag's value as the view takes it: ``LIST`` flags split at commas and checked."""
    if option.type != "strs" or value is None:
        return value
    items = split_csv(value) if option.metavar == "LIST" else list(value)
    unknown = sorted(set(items) - set(option.choices)) if option.choices else []
    if unknown:
        raise UsageError(f"unknown {option.cli_flags[-1]} value: {', '.join(unknown)}")
    return tuple(items)


@dataclass(frozen=True)
class RenderFlags:
    """What ``composedoc render`` was told, beside the LOAD flags; ``None``: not given."""

    output_dir: str | None = None
    formats: tuple[str, ...] = ()
    name: str | None = None
    view: Mapping[str, object] = field(default_factory=dict)
    """Declared view options given on the command line (``ViewOptions`` field names)."""
    split: bool | None = None
    show_values: bool | None = None
    mask: str | None = None
    md_diagram: str | None = None
    template_dir: str | None = None
    check: bool = False
    stack: str | None = None
    config_file: str | None = None
    verbosity: int = 0

    @classmethod
    def from_click(cls, params: Mapping[str, Any], verbosity: int) -> RenderFlags:
        """Sort click's keyword arguments into the typed fields and the view mapping."""
        view = {o.name: _view_value(o, params[o.name]) for o in declared("cli", VIEW_OPTIONS)}
        docs = {o.name: params[o.name] for o in declared("cli", DOC_OPTIONS)}
        return cls(
            output_dir=params["output_dir"],
            formats=tuple(params["formats"]),
            name=params["name"],
            view={k: v for k, v in view.items() if v is not None and v != ()},
            check=bool(params["check"]),
            stack=params["stack"],
            config_file=params["config_file"],
            verbosity=verbosity,
            **docs,
        )
