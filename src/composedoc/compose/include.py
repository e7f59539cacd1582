"""``include`` the way compose-go v2.9.1 applies it (loader/include.go).

Each entry is loaded as a separate project: its own project directory (``project_directory``
or the folder of its first file), its own env (``env_file`` or ``<dir>/.env``, with the parent
env winning), its own relative paths; it is fully loaded but not normalised. Its resources are
then copied into the including document. v2.9.1 refuses a resource that the including document
also defines unless both are identical (HEAD merges them instead; we follow the oracle).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from composedoc.compose.located import LocMap, loc_of, plain
from composedoc.errors import ComposeFileError, Location

RESOURCES = ("services", "volumes", "networks", "secrets", "configs", "models")


@dataclass
class IncludeEntry:
    """One ``include`` item in long form."""

    paths: list[str]
    project_directory: str
    env_files: list[str]
    where: Location | None


# (files, working dir, env, include chain, entry location) -> the included project's model.
LoadIncluded = Callable[
    [list[str], str, dict[str, str], list[str], Location | None], dict[str, Any]
]
# (env files, env, entry location) -> the values read.
ReadEnv = Callable[[list[str], dict[str, str], Location | None], dict[str, str]]


def _string_list(value: Any, what: str, where: Location | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ComposeFileError(f"include.{what} must be a string or a list of strings", where)


def parse_include(value: Any, where: Location | None) -> list[IncludeEntry]:
    """The short (``- path``) and long (``{path, project_directory, env_file}``) forms."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ComposeFileError(f"`include` must be a list, got {plain(value)}", where)
    entries = []
    for i, item in enumerate(value):
        item_where = loc_of(value, i)
        if isinstance(item, str):
            entries.append(IncludeEntry([item], "", [], item_where))
        elif isinstance(item, dict):
            directory = item.get("project_directory") or ""
            entries.append(
                IncludeEntry(
                    _string_list(item.get("path"), "path", item_where),
                    str(directory),
                    _string_list(item.get("env_file"), "env_file", item_where),
                    item_where,
                )
            )
        else:
            raise ComposeFileError("include entries must be a string or a mapping", item_where)
    return entries


def apply_include(
    doc: dict[str, Any],
    working_dir: str,
    env: dict[str, str],
    chain: list[str],
    load: LoadIncluded,
    read_env: ReadEnv,
    display: Callable[[str], str] = str,
) -> None:
    """Load every ``include`` of ``doc`` and copy its resources into ``doc``; drop the key.
    ``display`` names files in messages (relative to the working folder)."""
    if "include" not in doc:
        return
    for entry in parse_include(doc["include"], loc_of(doc, "include")):
        if not entry.paths:
            raise ComposeFileError("include.path is required", entry.where)
        paths = [posixpath.normpath(posixpath.join(working_dir, p)) for p in entry.paths]
        main = paths[0]
        if entry.project_directory:
            project_dir = posixpath.normpath(posixpath.join(working_dir, entry.project_directory))
        else:
            project_dir = posixpath.dirname(main)
        if main in chain:
            lines = [display(p) for p in [*chain, main]]
            raise ComposeFileError(
                "include cycle detected:\n"
                + lines[0]
                + "\n include "
                + "\n include ".join(lines[1:]),
                entry.where,
            )
        env_files: list[str] = []
        if not entry.env_files:
            default = posixpath.join(project_dir, ".env")
            if Path(default).is_file():
                env_files = [default]
        else:
            for name in entry.env_files:
                path = posixpath.normpath(posixpath.join(working_dir, name))
                p = Path(path)
                if not p.exists():
                    raise ComposeFileError(
                        f"stat {display(path)}: no such file or directory", entry.where
                    )
                if p.is_dir():
                    raise ComposeFileError(f"{display(path)} is not a file", entry.where)
                env_files.append(path)
        included_env = dict(read_env(env_files, env, entry.where))
        included_env.update(env)
        imported = load(paths, project_dir, included_env, chain, entry.where)
        _import_resources(imported, doc, entry.where)
    del doc["include"]
    if isinstance(doc, LocMap):
        doc.locs.pop("include", None)


def _import_resources(source: dict[str, Any], target: dict[str, Any], where: Any) -> None:
    for key in RESOURCES:
        imported = source.get(key)
        if imported is None:
            continue
        existing = target.get(key)
        if existing is None:
            existing = LocMap(loc=loc_of(imported))
            target[key] = existing
        for name, value in imported.items():
            if name in existing:
                if plain(existing[name]) == plain(value):
                    continue
                raise ComposeFileError(
                    f"{key}.{name} conflicts with imported resource",
                    loc_of(existing, name) or where,
                )
            existing[name] = value
            if isinstance(existing, LocMap):
                loc = loc_of(imported, name)
                if loc is not None:
                    existing.locs[name] = loc
