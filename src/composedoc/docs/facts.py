"""What reference docs need beyond the canonical model: values as written and where they come from.

``docker compose config`` gives interpolated values with ``env_file`` folded in, so it cannot
say whether ``MYSQL_PASSWORD`` was written in the compose file, read from an ``env_file``
or taken from ``.env``. This module walks the documents as written that the loader kept
(``LoadedProject.written``: the compose files are read and parsed once, by the loader), reads
the keys (never used values) of env files and ``.env``, and the local Dockerfiles, so the
Markdown renderer can show ``${MYSQL_PASSWORD:-•••}`` and "from .env" without reading files
itself. It only reads; it never runs anything.
"""

from __future__ import annotations

import logging
import os
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from composedoc.compose.dotenv import read_dotenv
from composedoc.compose.types import LoadedProject, LoadOptions
from composedoc.compose.yaml import Override, Reset
from composedoc.docs.stackfacts import Variable, collect_variables, sibling_files
from composedoc.errors import ComposedocError
from composedoc.mask.policy import template_refs
from composedoc.model._bind_values import text as _text
from composedoc.model.dockerfile import DockerfileInfo, parse_dockerfile, read_dockerfile
from composedoc.model.project import PathShower, home_dir, is_absolute

__all__ = ["DocFacts", "EnvEntry", "collect_facts"]

logger = logging.getLogger("composedoc")


@dataclass(frozen=True)
class EnvEntry:
    """One variable of a service's environment.

    ``source`` is ``compose`` (written in a compose file), ``env_file``, ``.env``, ``shell``
    or ``unknown`` (added through ``extends``/``include``); ``origin`` names the file.
    ``written`` is the value as written in the compose file (``None`` for a bare ``KEY`` or
    a value read from a file); ``refs`` are the ``${VAR}`` it uses with where each VAR
    comes from. ``value`` is the loaded value: only ``--show-values`` prints it.
    """

    name: str
    source: str
    origin: str | None = None
    written: str | None = None
    refs: tuple[tuple[str, str], ...] = ()
    value: str | None = None


@dataclass(frozen=True)
class DocFacts:
    """Per service: environment with provenance, labels as written, Dockerfile, definition site."""

    env: Mapping[str, tuple[EnvEntry, ...]] = field(default_factory=dict)
    labels: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    dockerfiles: Mapping[str, DockerfileInfo] = field(default_factory=dict)
    defined_at: Mapping[str, str] = field(default_factory=dict)
    argv: Mapping[str, Mapping[str, str | tuple[str, ...]]] = field(default_factory=dict)
    """``command``, ``entrypoint`` and ``healthcheck`` test as written (string or list)."""
    variables: tuple[Variable, ...] = ()
    """Every ``${VAR}`` the compose files read (see :mod:`composedoc.docs.stackfacts`)."""
    siblings: tuple[str, ...] = ()
    """Compose files beside the stack that it does not load."""


def _as_map(value: Any) -> dict[str, str | None]:
    """``environment``/``labels`` in list or mapping form, as written."""
    if isinstance(value, (Reset, Override)):
        value = value.value
    out: dict[str, str | None] = {}
    if isinstance(value, Mapping):
        for key, item in value.items():
            out[str(key)] = _text(item.value if isinstance(item, (Reset, Override)) else item)
    elif isinstance(value, list):
        for item in value:
            key, sep, rest = str(item).partition("=")
            out[key] = rest if sep else None
    return out


def _env_file_paths(value: Any) -> list[str]:
    if isinstance(value, (Reset, Override)):
        value = value.value
    if isinstance(value, (str, Mapping)):
        value = [value]
    paths: list[str] = []
    for item in value or ():
        path = item.get("path") if isinstance(item, Mapping) else item
        if path is not None:
            paths.append(str(path))
    return paths


@dataclass
class _Written:
    env: dict[str, str | None] = field(default_factory=dict)
    env_origin: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str | None] = field(default_factory=dict)
    env_files: list[str] = field(default_factory=list)
    argv: dict[str, str | tuple[str, ...]] = field(default_factory=dict)


def _scan_files(parsed: list[tuple[str, list[Any]]], shown: PathShower) -> dict[str, _Written]:
    """Each service's environment, labels and env_file as written, later files winning."""
    services: dict[str, _Written] = {}
    for path, docs in parsed:
        base = posixpath.dirname(path)
        for doc in docs:
            block = doc.get("services") if isinstance(doc, Mapping) else None
            if not isinstance(block, Mapping):
                continue
            for name, raw in block.items():
                if not isinstance(raw, Mapping):
                    continue
                seen = services.setdefault(str(name), _Written())
                env = _as_map(raw.get("environment"))
                seen.env.update(env)
                seen.env_origin.update(dict.fromkeys(env, shown.relative(path)))
                seen.labels.update(_as_map(raw.get("labels")))
                health = raw.get("healthcheck")
                for key, value in (
                    ("command", raw.get("command")),
                    ("entrypoint", raw.get("entrypoint")),
                    ("healthcheck", health.get("test") if isinstance(health, Mapping) else None),
                ):
                    if isinstance(value, (Reset, Override)):
                        value = value.value
                    if isinstance(value, str):
                        seen.argv[key] = value
                    elif isinstance(value, list):
                        seen.argv[key] = tuple(_text(v) or "" for v in value)
                for item in _env_file_paths(raw.get("env_file")):
                    full = item if is_absolute(item) else posixpath.normpath(f"{base}/{item}")
                    if full not in seen.env_files:
                        seen.env_files.append(full)
    return services


def _keys(path: str, seen: dict[str, list[str]]) -> list[str]:
    """The keys an env file sets (its values are not kept), each file read once per call."""
    if path not in seen:
        try:
            seen[path] = list(read_dotenv(Path(path), path, lambda _k: None))
        except (OSError, ComposedocError):
            seen[path] = []
    return seen[path]


def collect_facts(loaded: LoadedProject, options: LoadOptions | None = None) -> DocFacts:
    """Read what the docs need; missing or unreadable files are skipped, never fatal."""
    home = loaded.environment.get("HOME") or home_dir()
    shown = PathShower(loaded.working_dir, home, loaded.absolute_paths)
    # The loaded files' services as written (later files win); ``${VAR}`` from every file
    # the loader parsed, included and extended ones too.
    written = _scan_files([(p, loaded.written.get(p, [])) for p in loaded.files], shown)
    os_env: Mapping[str, str] = {}
    dotenv_keys: set[str] = set()
    env_file_keys: dict[str, list[str]] = {}
    if options is not None:
        os_env = os.environ if options.environ is None else options.environ
        try:
            from composedoc.compose.options import resolve_options

            for path in resolve_options(options).env_files:
                dotenv_keys.update(_keys(path, env_file_keys))
        except ComposedocError:
            pass

    def var_origin(name: str) -> str:
        if name in os_env:
            return "shell"
        if name in dotenv_keys:
            return ".env"
        return "unset" if name not in loaded.environment else "shell"

    env: dict[str, tuple[EnvEntry, ...]] = {}
    labels: dict[str, tuple[tuple[str, str], ...]] = {}
    dockerfiles: dict[str, DockerfileInfo] = {}
    defined: dict[str, str] = {}
    services = {**(loaded.disabled_services or {}), **(loaded.model.get("services") or {})}
    for name, raw in sorted(services.items()):
        raw = raw or {}
        seen = written.get(name, _Written())
        file_keys: dict[str, str] = {}
        for path in seen.env_files:
            for key in _keys(path, env_file_keys):
                file_keys[key] = shown(path)
        entries = []
        for key, value in sorted((raw.get("environment") or {}).items()):
            entries.append(_entry(key, _text(value), seen, file_keys, var_origin))
        env[name] = tuple(entries)
        labels[name] = tuple(sorted((k, v or "") for k, v in seen.labels.items()))
        info = _dockerfile(raw.get("build"), shown)
        if info is not None:
            dockerfiles[name] = info
        loc = loaded.service_locations.get(name)
        if loc is not None and loc.file:
            file = shown.relative(loc.file)
            defined[name] = f"{file}:{loc.line}" if loc.line else file
    argv = {name: dict(w.argv) for name, w in written.items() if w.argv}
    alone = loaded.files[0] if len(loaded.files) == 1 else None
    labelled = [
        ("" if path == alone else shown.relative(path), docs)
        for path, docs in loaded.written.items()
    ]
    variables = collect_variables(labelled, var_origin, loaded.environment)
    siblings = sibling_files(loaded.working_dir, list(loaded.files))
    return DocFacts(env, labels, dockerfiles, defined, argv, variables, siblings)


def _entry(
    key: str,
    value: str | None,
    seen: _Written,
    file_keys: Mapping[str, str],
    var_origin: Callable[[str], str],
) -> EnvEntry:
    if key in seen.env:
        as_written = seen.env[key]
        if as_written is None:
            return EnvEntry(key, var_origin(key), None, None, (), value)
        refs = tuple((ref, var_origin(ref)) for ref in template_refs(as_written))
        return EnvEntry(key, "compose", seen.env_origin.get(key), as_written, refs, value)
    if key in file_keys:
        return EnvEntry(key, "env_file", file_keys[key], None, (), value)
    return EnvEntry(key, "unknown", None, None, (), value)


def _dockerfile(build: Any, shown: PathShower) -> DockerfileInfo | None:
    if not isinstance(build, Mapping):
        return None
    target = _text(build.get("target"))
    inline = build.get("dockerfile_inline")
    if inline is not None:
        return parse_dockerfile(str(inline), "(inline)", target)
    context = str(build.get("context") or "")
    if not is_absolute(context) or "://" in context:
        return None  # a Git or remote context: nothing local to read
    dockerfile = str(build.get("dockerfile") or "Dockerfile")
    path = dockerfile if is_absolute(dockerfile) else posixpath.join(context, dockerfile)
    return read_dockerfile(Path(path), shown(path), target)
