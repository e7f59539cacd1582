"""Fold ``env_file`` into ``environment`` and ``label_file`` into ``labels``.

compose-go ``WithServicesEnvironmentResolved`` / ``WithServicesLabelsResolved`` as
``docker compose config`` runs them (files discarded afterwards): files are read in order,
later files win, and the service's own ``environment`` / ``labels`` win over every file, even
with a null value. ``${X}`` inside an env file reads the project env, then the service's own
environment, then keys read so far; inside a label file only labels read so far.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from composedoc.compose.dotenv import read_dotenv
from composedoc.compose.located import LocMap, loc_of
from composedoc.errors import ComposeFileError


def _copy_locs(new: LocMap, old: Any) -> LocMap:
    if isinstance(old, LocMap):
        new.loc = old.loc
        new.locs.update(old.locs)
    return new


def fold_env_files(
    services: Mapping[str, Any], env: Mapping[str, str], display: Callable[[str], str]
) -> list[str]:
    """Replace each service's ``env_file`` by its values under ``environment``; return the
    files read."""
    read: list[str] = []
    for service in services.values():
        files = service.get("env_file")
        if "env_file" in service:
            del service["env_file"]
        if not files:
            continue
        own = service.get("environment") or {}
        values: dict[str, str] = {k: v for k, v in own.items() if v is not None}

        def lookup(key: str, _own: Mapping[str, Any] = own) -> str | None:
            value = env.get(key)
            if value is not None:
                return value
            found = _own.get(key)
            return found if isinstance(found, str) else None

        for i, item in enumerate(files):
            path = str(item.get("path") if isinstance(item, dict) else item)
            required = item.get("required", True) if isinstance(item, dict) else True
            raw = isinstance(item, dict) and item.get("format") == "raw"
            where = loc_of(files, i) or loc_of(service, "env_file")
            if not Path(path).exists():
                if not required:
                    continue
                shown = display(path)
                raise ComposeFileError(
                    f"env file {shown} not found: stat {shown}: no such file or directory", where
                )
            values.update(
                read_dotenv(Path(path), display(path), lookup, raw=raw, defined=values, where=where)
            )
            read.append(path)
        merged = LocMap(values)
        merged.update(own)
        service["environment"] = _copy_locs(merged, own)
    return read


def fold_label_files(services: Mapping[str, Any], display: Callable[[str], str]) -> list[str]:
    """Replace each service's ``label_file`` by its values under ``labels``; return the files
    read."""
    read: list[str] = []
    for service in services.values():
        files = service.get("label_file")
        if "label_file" in service:
            del service["label_file"]
        if not files:
            continue
        values: dict[str, str] = {}
        for i, path in enumerate(files):
            where = loc_of(files, i) or loc_of(service, "label_file")
            if not Path(path).exists():
                shown = display(path)
                raise ComposeFileError(
                    f"label file {shown} not found: stat {shown}: no such file or directory", where
                )
            values.update(read_dotenv(Path(path), display(path), values.get, where=where))
            read.append(path)
        own = service.get("labels") or {}
        merged = LocMap(values)
        merged.update(own)
        if merged:
            service["labels"] = _copy_locs(merged, own)
    return read
