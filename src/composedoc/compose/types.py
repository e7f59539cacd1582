"""What goes into the loader and what comes out of it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from composedoc.errors import Location

NAMESPACE_KEYS = ("network_mode", "ipc", "pid", "uts", "cgroup")
"""Service keys that can share another service's (or container's) namespace."""


@dataclass(frozen=True)
class LoadOptions:
    """The LOAD flags of every command, as ``docker compose`` takes them.

    ``environ`` is the OS environment (``None`` means ``os.environ``); ``working_dir`` is the
    folder the command runs in (discovery starts there). ``interpolate=False`` keeps values as
    written (docs show ``${DB_PASSWORD:-...}``, never the value read from ``.env``).
    """

    files: tuple[str, ...] = ()
    project_name: str | None = None
    profiles: tuple[str, ...] = ()
    env_files: tuple[str, ...] = ()
    project_directory: str | None = None
    working_dir: str = "."
    environ: Mapping[str, str] | None = None
    interpolate: bool = True
    strict_paths: bool = False
    """Refuse ``include``/``extends`` files, ``env_file``, ``label_file``, secret/config
    ``file:`` and bind sources that resolve (symlinks followed) outside the project folder."""


@dataclass
class LoadedProject:
    """A project loaded as ``docker compose config`` sees it.

    ``model`` is the canonical project (plain dicts/lists, every resource, unused ones too);
    ``disabled_services`` holds services switched off by profiles. ``files`` are the absolute
    compose files in load order; ``service_locations`` say where each service was defined
    (file as displayed) and ``service_files`` in which file (absolute path);
    ``written_depends_on`` keeps the depends_on targets the files wrote, apart from those
    Compose adds for links, volumes_from and ``service:`` namespaces. ``sources`` is every file
    the loader read for this project (compose files, included and extended ones, ``.env`` and
    ``--env-file`` files, include ``env_file``s, services' ``env_file``/``label_file``):
    absolute, sorted, no duplicates. It is what a cache key or a file watcher needs; files
    only named (build contexts, bind sources, an ``env_file`` not read without
    interpolation) are not in it. ``interpolated`` maps each string a variable's value went
    into to the text as written, ``variable_values`` each such value to ``${NAME}``
    (:mod:`composedoc.compose.provenance`): docs show the written form. ``absolute_paths``
    are the resolved paths the files wrote absolute or with ``~`` (every other path was
    written relative to a compose file): docs show only those as absolute (``None``: not
    known, absolute paths are then guessed from where they lead). ``written`` holds
    every compose file the loader parsed (absolute path; the loaded files first, then
    included and extended ones as met) with its YAML documents as written, before
    interpolation: mappings and sequences are ``LocMap``/``LocList``, so each value as
    written comes with its ``file:line:col``. The docs read values as written there instead
    of parsing the files again; treat it as read-only.
    """

    name: str
    working_dir: str
    files: list[str]
    model: dict[str, Any]
    disabled_services: dict[str, Any] = field(default_factory=dict)
    profiles: list[str] = field(default_factory=list)
    environment: dict[str, str] = field(default_factory=dict)
    service_locations: dict[str, Location] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    written_depends_on: dict[str, frozenset[str]] | None = None
    service_files: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    interpolated: dict[str, str] = field(default_factory=dict)
    variable_values: dict[str, str] = field(default_factory=dict)
    absolute_paths: list[str] | None = None
    invisible: bool = True
    """Whether a file or variable read may hold a bidi or zero-width character (the typed
    project then escapes them, :mod:`composedoc.invisible`); ``True`` when not known."""
    written: dict[str, list[Any]] = field(default_factory=dict)
