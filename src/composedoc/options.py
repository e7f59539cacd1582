"""Every output format and every view and docs option, declared once.

The front ends are generated from these tables: the ``render`` flags
(:mod:`composedoc.cli.flags`), the config file's ``diagram:`` section
(:mod:`composedoc.settings.file`), the MkDocs plugin's options, the Markdown extension's
options and the fence keys (``mkdocs_composedoc``). Adding a view option means one
:class:`Option` here, one field of :class:`ViewOptions`, and the code that draws it
(CONTRIBUTING.md, "Adding an option"); ``tests/test_option_registry.py`` fails when a
front end lacks a declared option or spells it differently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from composedoc.mask_levels import MASK_LEVELS

__all__ = [
    "DOC_OPTIONS",
    "FORMATS",
    "FORMAT_ALIASES",
    "HIDEABLE",
    "OPTIONS",
    "VIEW_OPTIONS",
    "Format",
    "Option",
    "ViewOptions",
    "closest",
    "declared",
    "unknown_key",
    "view_options",
]

Front = Literal["cli", "config", "plugin", "fence"]
"""``plugin`` is both the MkDocs plugin option and the Markdown extension option."""


@dataclass(frozen=True)
class Format:
    """One output format: its ``--format`` name, file extension and what it needs."""

    name: str
    extension: str
    diagram: bool
    graphviz: bool
    help: str


FORMATS: tuple[Format, ...] = (
    Format("svg", "svg", diagram=True, graphviz=True, help="diagram, vector image"),
    Format("png", "png", diagram=True, graphviz=True, help="diagram, bitmap image"),
    Format("dot", "dot", diagram=True, graphviz=False, help="diagram, Graphviz source"),
    Format("mermaid", "mmd", diagram=True, graphviz=False, help="diagram, Mermaid source"),
    Format("md", "md", diagram=False, graphviz=False, help="Markdown reference page"),
    Format("json", "json", diagram=False, graphviz=False, help="graph, node-link JSON"),
)
FORMAT_ALIASES = {"mmd": "mermaid"}
HIDEABLE = ("ports", "volumes", "networks", "secrets", "configs")
DIRECTIONS = ("auto", "LR", "TB", "RL", "BT")


@dataclass(frozen=True)
class Option:
    """One option: its name (a :class:`ViewOptions` field, a config and fence key), type,
    allowed values, default, help, and the front ends that offer it."""

    name: str
    type: Literal["str", "int", "bool", "strs", "dir"]
    help: str
    choices: tuple[str, ...] = ()
    default: object = None
    fronts: frozenset[Front] = frozenset()
    flags: tuple[str, ...] = ()
    """Command-line spelling when not ``--name-with-dashes`` (first the short form)."""
    config: str | None = None
    """Key path in the config file when it is not ``diagram.<name>``."""
    switch: bool = True
    """A boolean flag with a ``--no-`` form (``--legend/--no-legend``)."""
    metavar: str | None = None
    example: str = ""
    """A fence or config value shown in the generated docs."""

    @property
    def cli_flags(self) -> tuple[str, ...]:
        return self.flags or ("--" + self.name.replace("_", "-"),)

    @property
    def config_key(self) -> str:
        return self.config or f"diagram.{self.name}"


ALL: frozenset[Front] = frozenset({"cli", "config", "plugin", "fence"})
_CLI_CONFIG: frozenset[Front] = frozenset({"cli", "config"})

VIEW_OPTIONS: tuple[Option, ...] = (
    Option(
        "direction",
        "str",
        "Diagram flow: left to right, top to bottom, right to left, bottom to top;"
        " auto (default): LR unless only TB fits a 1280 px page.",
        choices=DIRECTIONS,
        default="auto",
        fronts=ALL,
        example="TB",
    ),
    Option(
        "focus",
        "strs",
        "Service to center on (repeatable).",
        default=(),
        fronts=_CLI_CONFIG,
        example="[vote]",
    ),
    Option("depth", "int", "Hops from --focus services.", fronts=_CLI_CONFIG, example="1"),
    Option(
        "exclude",
        "strs",
        "Service name or glob to leave out.",
        default=(),
        fronts=_CLI_CONFIG,
        example="[worker]",
    ),
    Option(
        "hide",
        "strs",
        "Leave out, comma-separated: ports, volumes, networks, secrets, configs.",
        choices=HIDEABLE,
        default=frozenset(),
        fronts=_CLI_CONFIG,
        metavar="LIST",
        example="[ports, volumes]",
    ),
    Option(
        "legend",
        "bool",
        "Draw the legend (default: yes).",
        default=True,
        fronts=ALL - {"fence"},
        example="false",
    ),
    Option(
        "theme",
        "str",
        "Diagram colours. Default: light.",
        choices=("light", "dark"),
        default="light",
        fronts=_CLI_CONFIG,
        example="dark",
    ),
    Option(
        "link_template",
        "str",
        "Node link, e.g. 'reference.md#service-{service}'.",
        fronts=_CLI_CONFIG,
        example="'reference.md#service-{service}'",
    ),
    Option(
        "title",
        "str",
        "Title drawn on the diagram (default: the project name).",
        fronts=ALL,
        example="Voting app",
    ),
    Option(
        "abstract",
        "bool",
        "Stack equivalent services, fold small resources (default: above 12 services).",
        fronts=_CLI_CONFIG,
        example="true",
    ),
)

DOC_OPTIONS: tuple[Option, ...] = (
    Option("split", "bool", "Overview + one diagram per group.", fronts=_CLI_CONFIG),
    Option(
        "mask",
        "str",
        "Values read from .env, env files or the environment: all masked (default),"
        " sensitive ones masked, or none masked.",
        choices=MASK_LEVELS,
        fronts=frozenset({"cli"}),
    ),
    Option(
        "show_values",
        "bool",
        "Do not mask values (= --mask none).",
        default=False,
        fronts=ALL - {"fence"},
        config="mask.show_values",
        switch=False,
    ),
    Option(
        "md_diagram",
        "str",
        "Diagram in the md page: Mermaid chart, link to the SVG, or none."
        " Default: svg when svg is written, else mermaid.",
        choices=("mermaid", "svg", "none"),
        fronts=frozenset({"cli"}),
    ),
    Option(
        "template_dir",
        "dir",
        "Own Jinja2 templates.",
        fronts=frozenset({"cli"}),
    ),
    Option(
        "diagram",
        "str",
        "How pages draw diagrams: svg, mermaid, or auto (SVG when Graphviz is installed).",
        choices=("auto", "svg", "mermaid"),
        default="auto",
        fronts=frozenset({"plugin", "fence"}),
        example="mermaid",
    ),
)

OPTIONS: tuple[Option, ...] = (*VIEW_OPTIONS, *DOC_OPTIONS)


@dataclass(frozen=True)
class ViewOptions:
    """What to show. ``focus`` keeps those services plus their dependencies and dependents.

    One field per entry of :data:`VIEW_OPTIONS` (same name, same default), plus ``inactive``,
    which the library fills itself.
    """

    direction: str = "auto"
    """LR, TB, RL, BT; ``auto``: what fits a 1,280 px page (:mod:`composedoc.diagram.fit`)."""
    focus: tuple[str, ...] = ()
    depth: int | None = None
    exclude: tuple[str, ...] = ()
    hide: frozenset[str] = frozenset()
    legend: bool = True
    theme: str = "light"
    link_template: str | None = None
    title: str | None = None
    inactive: tuple[str, ...] = ()  # services switched off by profiles: named, not drawn
    abstract: bool | None = None
    """Stack equivalent services and fold small resources; ``None``: above a size."""


_VIEW_FIELDS = {f.name for f in fields(ViewOptions)}


def view_options(*layers: Mapping[str, object], base: ViewOptions | None = None) -> ViewOptions:
    """``base`` (default: the defaults) with the values of ``layers``; a later layer wins.

    A value of ``None``, ``()`` or ``""`` means "not set" and leaves the earlier one, which is how a
    flag wins over the config file, which wins over the default.
    """
    values: dict[str, Any] = {}
    for layer in layers:
        for name, value in layer.items():
            if name in _VIEW_FIELDS and value not in (None, (), ""):
                values[name] = value
    for name in ("focus", "exclude"):
        if name in values:
            values[name] = tuple(values[name])
    if "hide" in values:
        values["hide"] = frozenset(values["hide"])
    return replace(base or ViewOptions(), **values)


def declared(front: Front, options: Iterable[Option] = OPTIONS) -> tuple[Option, ...]:
    """The options one front end offers, in declaration order."""
    return tuple(o for o in options if front in o.fronts)


def closest(name: str, valid: Iterable[str]) -> str | None:
    """The valid name nearest to ``name`` (difflib), when one is near enough."""
    import difflib  # only on an error: keeps start-up short

    found = difflib.get_close_matches(name, sorted(valid), n=1, cutoff=0.6)
    return found[0] if found else None


def unknown_key(name: object, valid: Iterable[str], shown: str | None = None) -> str:
    """``unknown key 'file' (did you mean 'files'?)``, or the valid keys when none is near;
    ``shown`` is the name as the message writes it (``stacks.a.file``)."""
    names = sorted(valid)
    near = closest(str(name), names)
    hint = f"did you mean {near!r}?" if near else "valid: " + ", ".join(names)
    return f"unknown key {shown or str(name)!r} ({hint})"
