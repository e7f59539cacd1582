"""The ```` ```composedoc ```` fence: find it in a page and read its YAML options.

Fences inside other fences (a page that shows the syntax in a ```` ```` ```` block) are
left alone. Every error names the page and the line of the fence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

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
_KEYS = frozenset(
    {"files", "profiles", "env_files", "project_directory", "show", "diagram", "direction"}
)
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
    direction: str | None = None


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
        allowed = ", ".join(sorted(_KEYS))
        raise FenceError(f"{where}: unknown option {unknown[0]!r} (allowed: {allowed})")
    if "files" not in data and "project_directory" not in data:
        raise FenceError(f"{where}: composedoc fence needs 'files'")
    show = str(data.get("show", "diagram"))
    if show not in SHOWS and not (show.startswith("service:") and len(show) > 8):
        raise FenceError(
            f"{where}: show: {show!r} is not one of {', '.join(SHOWS)}, service:<name>"
        )
    diagram = data.get("diagram")
    if diagram is not None and diagram not in ("auto", "svg", "mermaid"):
        raise FenceError(f"{where}: diagram: must be auto, svg or mermaid")
    direction = data.get("direction")
    if direction is not None and direction not in ("auto", "LR", "TB", "RL", "BT"):
        raise FenceError(f"{where}: direction: must be auto, LR, TB, RL or BT")
    project_directory = data.get("project_directory")
    if project_directory is not None and not isinstance(project_directory, str):
        raise FenceError(f"{where}: 'project_directory' must be a string")
    return FenceSpec(
        files=_strings(data.get("files", []), "files", where),
        profiles=_strings(data.get("profiles", []), "profiles", where),
        env_files=_strings(data.get("env_files", []), "env_files", where),
        project_directory=project_directory,
        show=show,
        diagram=diagram,
        direction=direction,
    )
