"""Project options the way ``docker compose`` settles them before any file is loaded.

Order (docker compose v2.40 ``toProjectOptions`` + compose-go ``cli/options.go``): the OS
environment always wins; ``.env`` (or ``--env-file``) only adds keys that are not set yet; the
default ``.env`` is read once from the folder known before discovery (so ``COMPOSE_FILE`` and
friends may come from it) and once more from the project directory; then ``COMPOSE_FILE`` or
discovery in the working folder and its parents; profiles; the project name.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from composedoc.compose.shown_paths import shown_outside
from composedoc.compose.types import LoadOptions
from composedoc.compose.warn import warn
from composedoc.errors import ComposeFileError, Location, UsageError

DEFAULT_FILE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
DEFAULT_OVERRIDE_NAMES = (
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
)
_NAME_CHARS = re.compile(r"[a-z0-9_-]")
_TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_FALSE = {"0", "f", "F", "FALSE", "false", "False"}


@dataclass
class ResolvedOptions:
    """Everything the loader needs before reading the first compose file."""

    files: list[str]
    """Absolute compose files, in load order."""
    working_dir: str
    """The project directory (absolute)."""
    environment: dict[str, str]
    """The project environment: OS env, then ``.env`` keys not set by the OS."""
    profiles: list[str]
    imperative_name: str | None
    """Name from ``-p`` or ``COMPOSE_PROJECT_NAME`` (already checked), else None."""
    cwd: str
    env_files: list[str] = field(default_factory=list)


def normalize_project_name(name: str) -> str:
    """Lowercase, keep ``[a-z0-9_-]``, trim leading ``_`` and ``-`` (NormalizeProjectName)."""
    return "".join(_NAME_CHARS.findall(name.lower())).lstrip("_-")


def check_project_name(name: str) -> str:
    """A name given with ``-p`` or ``COMPOSE_PROJECT_NAME`` must already be normal."""
    if normalize_project_name(name) != name:
        raise UsageError(
            f'invalid project name "{name}": must consist only of lowercase alphanumeric '
            "characters, hyphens, and underscores as well as start with a letter or number"
        )
    return name


def parse_go_bool(value: str) -> bool:
    """Go's ``strconv.ParseBool``; anything else is an error like Compose reports it."""
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise UsageError(f'strconv.ParseBool: parsing "{value}": invalid syntax')


def display_path(path: str, cwd: str, home: str = "") -> str:
    """How a file is named in messages: relative to the working folder when under it, else
    as :func:`~composedoc.compose.shown_paths.shown_outside` shows it (``../x``, ``~/x``):
    CI logs are public, so no absolute path of the machine."""
    root = cwd.rstrip("/")
    if root and path.startswith(root + "/"):
        return path[len(root) + 1 :]
    if path == root:
        return "."
    if not path.startswith("/"):
        return path
    return shown_outside(posixpath.normpath(path), root or "/", home.rstrip("/") or None)


def _abspath(path: str, cwd: str) -> str:
    return posixpath.normpath(posixpath.join(cwd, path))


def _find_files(names: tuple[str, ...], folder: str) -> list[str]:
    return [posixpath.join(folder, n) for n in names if Path(folder, n).exists()]


def discover_files(start: str, home: str = "") -> list[str]:
    """``compose.yaml`` & co. in ``start`` or the nearest parent, plus its override file.
    Warnings name the files as messages do (:func:`display_path`), not absolute."""

    def shown(paths: list[str]) -> str:
        return ", ".join(display_path(p, start, home) for p in paths)

    folder = start
    while True:
        candidates = _find_files(DEFAULT_FILE_NAMES, folder)
        if candidates:
            if len(candidates) > 1:
                warn("Found multiple config files with supported names: %s", shown(candidates))
                warn("Using %s", shown(candidates[:1]))
            found = [candidates[0]]
            overrides = _find_files(DEFAULT_OVERRIDE_NAMES, folder)
            if overrides:
                if len(overrides) > 1:
                    warn("Found multiple override files with supported names: %s", shown(overrides))
                    warn("Using %s", shown(overrides[:1]))
                found.append(overrides[0])
            return found
        parent = posixpath.dirname(folder)
        if parent == folder:
            return []
        folder = parent


def read_env_files(
    files: list[str],
    current: Mapping[str, str],
    cwd: str,
    where: Location | None = None,
    home: str = "",
) -> tuple[dict[str, str], list[str]]:
    """compose-go ``GetEnvFromFile``: each file sees ``current`` first, then earlier files.
    ``where`` is the entry that named the files (an ``include``), for errors."""
    from composedoc.compose.dotenv import read_dotenv

    result: dict[str, str] = {}
    used: list[str] = []
    for name in files:
        path = _abspath(name, cwd)
        shown = display_path(path, cwd, home)
        p = Path(path)
        if not p.exists():
            raise ComposeFileError(f"couldn't find env file: {shown}", where)
        if p.is_dir():
            raise ComposeFileError(f"{shown} is a directory", where)
        result.update(read_dotenv(p, shown, current.get, defined=result, where=where))
        used.append(path)
    return result, used


def _default_env_files(opts: LoadOptions, os_env: Mapping[str, str], project_dir: str) -> list[str]:
    if opts.env_files:
        return list(opts.env_files)
    # docker compose: a comma-separated list from the OS environment (never from .env),
    # relative to the current folder, empty items skipped, as if given with --env-file
    listed = [name for name in os_env.get("COMPOSE_ENV_FILES", "").split(",") if name]
    if listed:
        return listed
    disabled = os_env.get("COMPOSE_DISABLE_ENV_FILE")
    if disabled is not None and parse_go_bool(disabled):
        return []
    candidate = posixpath.join(project_dir, ".env")
    if Path(candidate).is_file():
        return [candidate]
    return []


def resolve_options(opts: LoadOptions) -> ResolvedOptions:
    """Settle files, project directory, environment, profiles and imperative project name."""
    cwd = os.path.abspath(opts.working_dir)  # noqa: PTH100
    os_env: Mapping[str, str] = os.environ if opts.environ is None else opts.environ
    env: dict[str, str] = dict(os_env)
    if "PWD" not in env:
        env["PWD"] = cwd
    project_dir = _abspath(opts.project_directory, cwd) if opts.project_directory else None
    files = [_abspath(f, cwd) if f != "-" else f for f in opts.files]

    def current_dir() -> str:
        if project_dir:
            return project_dir
        for f in files:
            if f != "-":
                return posixpath.dirname(f)
        return cwd

    env_files_used: list[str] = []

    def load_dotenv() -> None:
        names = _default_env_files(opts, os_env, current_dir())
        values, used = read_env_files(names, env, cwd, home=env.get("HOME", ""))
        for key, value in values.items():
            env.setdefault(key, value)
        for u in used:
            if u not in env_files_used:
                env_files_used.append(u)

    load_dotenv()
    if not files and "COMPOSE_FILE" in env:
        separator = env.get("COMPOSE_PATH_SEPARATOR") or ":"
        for part in env["COMPOSE_FILE"].split(separator):
            path = _abspath(part, cwd)
            if not Path(path).exists():
                shown = display_path(path, cwd, env.get("HOME", ""))
                raise ComposeFileError(f"stat {shown}: no such file or directory")
            files.append(path)
    if not files:
        files = discover_files(cwd, env.get("HOME", ""))
        if not files:
            raise ComposeFileError("no configuration file provided: not found")
    load_dotenv()
    home = env.get("HOME", "")
    for f in files:
        if f != "-" and not Path(f).exists():
            shown = display_path(f, cwd, home)
            raise ComposeFileError(f"open {shown}: no such file or directory")

    profiles = list(opts.profiles)
    if not profiles:
        profiles = [p.strip() for p in env.get("COMPOSE_PROFILES", "").split(",")]
    profiles = [p for p in profiles if p]

    imperative: str | None = None
    if opts.project_name:
        imperative = check_project_name(opts.project_name)
    elif env.get("COMPOSE_PROJECT_NAME"):
        imperative = check_project_name(env["COMPOSE_PROJECT_NAME"])

    return ResolvedOptions(
        files=files,
        working_dir=current_dir(),
        environment=env,
        profiles=profiles,
        imperative_name=imperative,
        cwd=cwd,
        env_files=env_files_used,
    )
