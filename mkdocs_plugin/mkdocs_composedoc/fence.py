"""The ```` ```composedoc ```` fence: find it in a page and read its YAML options.

Fences inside other fences (a page that shows the syntax in a ```` ```` ```` block) are
left alone. Every error names the page and the line of the fence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from composedoc.mask_levels import MASK_LEVELS
from composedoc.options import VIEW_OPTIONS, Option, declared, unknown_key

SHOWS = (
    "diagram",
    "variables",
    "endpoints",
    "run",
    "services",
    "networks",
    "volumes",
    "env",
    "profiles",
    "reference",
)
STACK_KEYS = (
    Option(
        "files",
        "strs",
        "A compose file or a list of them, relative to the page; required unless"
        " project_directory is given.",
        example="../stacks/voting/compose.yaml",
    ),
    Option(
        "project_directory",
        "str",
        "The project folder (default: the first file's folder).",
        example="../stacks/voting",
    ),
    Option("profiles", "strs", "Profiles to turn on.", example="[seed]"),
    Option("env_files", "strs", "Alternate .env files (--env-file).", example="[prod.env]"),
    Option(
        "show",
        "str",
        "What the fence shows; service:NAME is the section of service NAME.",
        default="diagram",
        example="services",
    ),
    Option(
        "mask",
        "str",
        "Which values read from .env, env files or the environment to show (default: the"
        " plugin's mask).",
        choices=MASK_LEVELS,
        example="sensitive",
    ),
)
"""The keys that name the stack and the part shown; the view and docs keys come from the
declaration (:data:`composedoc.options.OPTIONS`, the ``fence`` front end)."""
DECLARED = declared("fence")
_VIEW = frozenset(o.name for o in declared("fence", VIEW_OPTIONS))
_KEYS = frozenset({o.name for o in STACK_KEYS} | {o.name for o in DECLARED})
_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")


class FenceError(ValueError):
    """A fence is wrong; the message starts with ``page:line:``."""


@dataclass(frozen=True)
class Fence:
    """One fence: where it is (0-based line indexes, end exclusive) and its body."""

    start: int
    end: int
    body: str


@dataclass(frozen=True)
class FenceSpec:
    """The fence's options; paths as written (relative to the page's folder)."""

    files: tuple[str, ...]
    profiles: tuple[str, ...] = ()
    env_files: tuple[str, ...] = ()
    project_directory: str | None = None
    show: str = "diagram"
    diagram: str | None = None
    view: tuple[tuple[str, Any], ...] = ()
    """Declared view options the fence sets (``ViewOptions`` field names), sorted."""

    @property
    def direction(self) -> str | None:
        return dict(self.view).get("direction")

    mask: str | None = None


def find_fences(lines: list[str], language: str = "composedoc") -> list[Fence]:
    """Top-level fences whose info string is ``language`` (optionally ``{.language}``)."""
    found: list[Fence] = []
    index = 0
    while index < len(lines):
        match = _OPEN.match(lines[index])
        if not match:
            index += 1
            continue
        fence = match.group("fence")
        close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = index + 1
        while end < len(lines) and not close.match(lines[end]):
            end += 1
        info = match.group("info").strip().strip("{}. ").split()
        if info and info[0] == language:
            found.append(Fence(index, min(end + 1, len(lines)), "\n".join(lines[index + 1 : end])))
        index = end + 1
    return found


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise FenceError(f"{where}: '{key}' must be a string or a list of strings")


def parse_fence(body: str, where: str) -> FenceSpec:
    """Read the YAML body of a fence; ``where`` is ``page:line`` of its first line."""
    try:
        data = yaml.safe_load(body) if body.strip() else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        detail = getattr(error, "problem", None) or str(error)
        line = f" (line {mark.line + 1} of the fence)" if mark is not None else ""
        raise FenceError(f"{where}: composedoc fence is not valid YAML{line}: {detail}") from None
    if not isinstance(data, dict):
        raise FenceError(f"{where}: composedoc fence needs options, at least 'files: ...'")
    unknown = sorted(str(k) for k in data if k not in _KEYS)
    if unknown:
        raise FenceError(f"{where}: {unknown_key(unknown[0], _KEYS)}")
    if "files" not in data and "project_directory" not in data:
        raise FenceError(f"{where}: composedoc fence needs 'files'")
    show = str(data.get("show", "diagram"))
    if show not in SHOWS and not (show.startswith("service:") and len(show) > 8):
        raise FenceError(
            f"{where}: show: {show!r} is not one of {', '.join(SHOWS)}, service:<name>"
        )
    for option in DECLARED:
        _check(option, data.get(option.name), where)
    mask = data.get("mask")
    if mask is not None and mask not in MASK_LEVELS:
        raise FenceError(f"{where}: mask: must be all, sensitive or none")
    project_directory = data.get("project_directory")
    if project_directory is not None and not isinstance(project_directory, str):
        raise FenceError(f"{where}: 'project_directory' must be a string")
    return FenceSpec(
        files=_strings(data.get("files", []), "files", where),
        profiles=_strings(data.get("profiles", []), "profiles", where),
        env_files=_strings(data.get("env_files", []), "env_files", where),
        project_directory=project_directory,
        show=show,
        diagram=data.get("diagram"),
        view=tuple(sorted((k, v) for k, v in data.items() if k in _VIEW and v is not None)),
        mask=mask,
    )


def _check(option: Option, value: object, where: str) -> None:
    """A declared option's value has its type and is one of its allowed values."""
    if value is None:
        return
    if option.choices and value not in option.choices:
        *first, last = option.choices
        raise FenceError(f"{where}: {option.name}: must be {', '.join(first)} or {last}")
    wanted = {"str": str, "int": int, "bool": bool}.get(option.type)
    if wanted is not None and (
        not isinstance(value, wanted) or isinstance(value, bool) != (wanted is bool)
    ):
        raise FenceError(f"{where}: {option.name}: must be {_TYPE_NAMES[option.type]}")


_TYPE_NAMES = {"str": "a string", "int": "an integer", "bool": "true or false"}
