"""Short syntax to long syntax: compose-go ``transform.Canonical`` plus the binding-time
conversions that change what ``docker compose config --format json`` prints (shell-split
commands, Go durations, byte sizes, octal modes, list-to-map attributes).

Input and output are LocMap/LocList trees; locations are copied so later steps can still
name ``file:line:col``. Paths stay relative (normalize resolves them). The Go value types
are in :mod:`gotypes`, shared list/map forms in :mod:`canonical_forms`, per-attribute rules
in :mod:`canonical_service`; this module walks the project.
"""

from __future__ import annotations

from typing import Any

from composedoc.compose.canonical_forms import apply_handlers, copy_located, label_map, new_map
from composedoc.compose.canonical_service import (
    apply_build_defaults,
    canonical_service,
    decode_service,
)
from composedoc.compose.located import LocMap, loc_of
from composedoc.compose.warn import warn
from composedoc.errors import Location

__all__ = ["apply_build_defaults", "canonicalize", "decode_services"]


def _resource(kind: str, name: str, value: Any, loc: Location | None) -> LocMap:
    """Top-level network/volume/secret/config: null -> {}; legacy ``external: {name}``."""
    if not isinstance(value, dict):
        return LocMap(loc=loc)
    out = apply_handlers(value, {"labels": label_map, "driver_opts": label_map})
    external = out.get("external")
    if isinstance(external, dict):
        warn("%s.%s: external.name is deprecated. Please set name and external: true", kind, name)
        if "name" in external:
            out["name"] = external["name"]
        out["external"] = True
    return out


def canonicalize(model: LocMap, *, lenient: bool = False) -> LocMap:
    """Return ``model`` with every short syntax in its long (printed) form.

    ``lenient`` is for loading without interpolation, where ``"${PORT:-80}:80"`` cannot be
    parsed: what fails to parse is kept as written (an attribute, or one port or volume
    entry) instead of raising, as compose-go ignores parse errors when it skips interpolation.
    """
    out = copy_located(model)
    services = model.get("services")
    if isinstance(services, dict):
        new = new_map(services)
        new.locs.update(getattr(services, "locs", {}))
        for name, svc in services.items():
            new[name] = canonical_service(name, svc, lenient=lenient)
        out["services"] = new
    for kind in ("networks", "volumes", "secrets", "configs"):
        if kind not in model:
            continue
        section = model[kind]
        new = new_map(section) if section is not None else LocMap(loc=model.loc_of(kind))
        if isinstance(section, dict):
            new.locs.update(getattr(section, "locs", {}))
            for name, value in section.items():
                new[name] = _resource(kind, name, value, loc_of(section, name))
        out[kind] = new
    return out


def decode_services(model: LocMap, *, lenient: bool = False) -> None:
    """Convert, in place, what Compose converts when it decodes the merged model (commands,
    durations, byte sizes...): an invalid value fails only if it survived every merge."""
    services = model.get("services")
    if isinstance(services, dict):
        for name, svc in services.items():
            services[name] = decode_service(name, svc, lenient=lenient)
