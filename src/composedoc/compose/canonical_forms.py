"""Shared canonical forms: list/map conversions and the located-container plumbing.

``[K=V]`` lists become maps, strings become one-item lists or shell-split argv, and every
rebuilt container keeps the locations of the one it replaces (so late errors name
``file:line:col``). Attribute-specific rules live in :mod:`canonical_service`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from composedoc.compose.gostr import go_string
from composedoc.compose.gotypes import shell_split
from composedoc.compose.located import LocList, LocMap, loc_of
from composedoc.errors import ComposedocError, ComposeFileError, Location, SchemaError

Handler = Callable[[Any, Location | None], Any]
"""Turns one attribute value (and its location) into its canonical form."""


def new_map(src: Any) -> LocMap:
    return LocMap(loc=loc_of(src))


def put(out: LocMap, key: str, value: Any, loc: Location | None) -> None:
    out[key] = value
    if loc is not None:
        out.locs[key] = loc


def copy_located(src: LocMap) -> LocMap:
    out = LocMap(src, loc=src.loc)
    out.locs.update(src.locs)
    return out


def located_items(value: Any) -> list[tuple[Any, Location | None]]:
    if isinstance(value, LocList):
        locs = value.locs + [None] * (len(value) - len(value.locs))
        return [(item, locs[i] or value.loc) for i, item in enumerate(value)]
    return [(item, None) for item in value]


def located_list(src: Any, items: list[tuple[Any, Location | None]]) -> LocList:
    out = LocList((v for v, _ in items), loc=loc_of(src))
    out.locs = [loc for _, loc in items]
    return out


def str_list(value: Any, loc: Location | None = None) -> Any:
    """A string becomes a one-item list (tmpfs, dns, label_file, ...); ``loc`` is where the
    string was written (a string carries none)."""
    if isinstance(value, str):
        out = LocList([value], loc=loc)
        out.locs = [loc]
        return out
    return value


def to_mapping(value: Any, bare: str | None, loc: Location | None = None) -> Any:
    """``[K=V, K]`` or ``{K: V}`` -> ``{K: "V"}``; a bare ``K`` (or null) maps to ``bare``."""
    if isinstance(value, list):
        out = LocMap(loc=loc_of(value) or loc)
        for item, iloc in located_items(value):
            key, sep, val = str(item).partition("=")
            put(out, key, val if sep else bare, iloc)
        return out
    if isinstance(value, dict):
        out = new_map(value)
        for key, val in value.items():
            put(out, key, bare if val is None else go_string(val), loc_of(value, key))
        return out
    return value


def env_map(value: Any, loc: Location | None) -> Any:
    return to_mapping(value, None, loc)


def label_map(value: Any, loc: Location | None) -> Any:
    return to_mapping(value, "", loc)


def extra_hosts(value: Any, loc: Location | None) -> Any:
    """Printed as sorted ``host=ip`` strings; ``[::1]`` loses its brackets."""
    pairs: list[tuple[str, str, Location | None]] = []
    if isinstance(value, dict):
        for host, ips in value.items():
            for ip in ips if isinstance(ips, list) else [ips]:
                pairs.append((host, str(go_string(ip)), loc_of(value, host)))
    elif isinstance(value, list):
        for item, iloc in located_items(value):
            text = str(item)
            host, sep, ip = text.partition("=")
            if not sep:
                host, _, ip = text.partition(":")
            pairs.append((host, ip, iloc))
    else:
        return value
    entries = [(f"{h}={_unbracket(ip)}", iloc) for h, ip, iloc in pairs]
    entries.sort(key=lambda e: e[0])  # Go sorts the printed "host=ip" strings
    return located_list(value, entries)


def device_mapping(value: Any, loc: Location | None) -> Any:
    """compose-go ``transformDeviceMapping``: ``src[:dst[:perms]]`` becomes
    ``{source, target, permissions}`` (target defaults to source, permissions to ``rwm``;
    an empty source is left out when printed)."""
    if not isinstance(value, list):
        return value
    items: list[tuple[Any, Location | None]] = []
    for item, iloc in located_items(value):
        if isinstance(item, str):
            parts = item.split(":")
            if len(parts) > 3:
                raise ComposeFileError(
                    f"confusing device mapping, please use long syntax: {item}", iloc or loc
                )
            source = parts[0]
            target = parts[1] if len(parts) > 1 and parts[1] else source
            entry = LocMap(loc=iloc)
            entry.update(source=source, target=target)
            entry["permissions"] = parts[2] if len(parts) == 3 else "rwm"
            item = entry
        items.append((item, iloc))
    return located_list(value, items)


def _unbracket(ip: str) -> str:
    return ip[1:-1] if ip.startswith("[") and ip.endswith("]") else ip


def command_list(value: Any, loc: Location | None, what: str) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return located_list(value, [(arg, loc) for arg in shell_split(value)])
    except ValueError:
        raise SchemaError(f"'{what}' invalid command line string", loc) from None


def go_int(value: Any) -> Any:
    return int(value) if isinstance(value, str) and value.lstrip("-").isdigit() else value


def apply_handlers(
    src: dict[str, Any], handlers: Mapping[str, Handler], *, keep_failing: bool = False
) -> LocMap:
    """Copy ``src`` with each handled key transformed (locations kept); ``keep_failing``
    leaves a value as written when its handler raises (loading without interpolation)."""
    out = copy_located(src) if isinstance(src, LocMap) else LocMap(src)
    for key, value in out.items():  # only existing keys are reassigned: safe while iterating
        handler = handlers.get(key)
        if handler is not None:
            try:
                out[key] = handler(value, out.loc_of(key))
            except ComposedocError:
                if not keep_failing:
                    raise
    return out


def sub_handlers(handlers: Mapping[str, Handler]) -> Callable[..., Any]:
    return lambda v, _loc: apply_handlers(v, handlers) if isinstance(v, dict) else v
