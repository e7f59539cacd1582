"""Canonical form of each service attribute (compose-go ``transform.Canonical`` per key).

One handler per attribute in ``SERVICE_HANDLERS``: ports, volumes, depends_on, secrets,
build, healthcheck, deploy, ... Go-typed values (durations, byte sizes, cpus, file modes)
are converted to the form ``docker compose config`` prints.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from composedoc.compose.canonical_bind import bind_service_fields
from composedoc.compose.canonical_forms import (
    Handler,
    apply_handlers,
    command_list,
    copy_located,
    device_mapping,
    env_map,
    extra_hosts,
    go_int,
    label_map,
    located_items,
    located_list,
    new_map,
    put,
    str_list,
    sub_handlers,
)
from composedoc.compose.gostr import go_string
from composedoc.compose.gotypes import file_mode, go_bytes, go_duration, go_float32
from composedoc.compose.located import LocMap, loc_of
from composedoc.compose.ports import long_port, parse_port
from composedoc.compose.volumes import long_volume, parse_volume
from composedoc.errors import ComposedocError, Location


def _port_entries(item: Any, iloc: Location | None) -> list[tuple[Any, Location | None]]:
    if isinstance(item, dict):
        return [(long_port(item if isinstance(item, LocMap) else LocMap(item)), iloc)]
    return [(LocMap(entry, loc=iloc), iloc) for entry in parse_port(item, iloc)]


def _volume_entries(item: Any, iloc: Location | None) -> list[tuple[Any, Location | None]]:
    if isinstance(item, dict):
        return [(long_volume(item if isinstance(item, LocMap) else LocMap(item)), iloc)]
    return [(LocMap(parse_volume(str(item), iloc), loc=iloc), iloc)]


Entries = Callable[[Any, Location | None], list[tuple[Any, Location | None]]]


def _each(entries: Entries, lenient: bool = False) -> Handler:
    """A list handler from a per-item one; ``lenient`` keeps an item that fails as written
    (``"${PORT:-80}:80"`` when loading without interpolation)."""

    def handler(value: Any, loc: Location | None) -> Any:
        if not isinstance(value, list):
            return value
        items: list[tuple[Any, Location | None]] = []
        for item, iloc in located_items(value):
            try:
                items.extend(entries(item, iloc))
            except ComposedocError:
                if not lenient:
                    raise
                items.append((item, iloc))
        return located_list(value, items)

    return handler


_ports = _each(_port_entries)
_volumes = _each(_volume_entries)


def _expose(value: Any, loc: Location | None) -> Any:
    if not isinstance(value, list):
        return value
    return located_list(value, [(go_string(v), iloc) for v, iloc in located_items(value)])


def _depends_on(value: Any, loc: Location | None) -> Any:
    out = new_map(value) if isinstance(value, (list, dict)) else None
    if isinstance(value, list):
        for name, iloc in located_items(value):
            dep = LocMap(loc=iloc)
            dep["condition"] = "service_started"
            dep["required"] = True
            put(out, str(name), dep, iloc)  # type: ignore[arg-type]
        return out
    if isinstance(value, dict):
        assert out is not None
        for name, dep in value.items():
            src = dict(dep or {})
            src.setdefault("condition", "service_started")
            src.setdefault("required", True)
            new = LocMap(loc=loc_of(dep) or loc_of(value, name))
            new.locs.update(getattr(dep, "locs", {}))
            for key in ("condition", "restart", "required"):  # Go struct order
                if key in src:
                    new[key] = src.pop(key)
            new.update(src)
            put(out, name, new, loc_of(value, name))
        return out
    return value


def _networks(value: Any, loc: Location | None) -> Any:
    if isinstance(value, list):
        out = new_map(value)
        for name, iloc in located_items(value):
            put(out, str(name), None, iloc)
        return out
    return value


def _file_mounts(value: Any, secret: bool) -> Any:
    if not isinstance(value, list):
        return value
    items: list[tuple[Any, Location | None]] = []
    for item, iloc in located_items(value):
        if isinstance(item, dict):
            new = copy_located(item) if isinstance(item, LocMap) else LocMap(item)
            if "mode" in new:
                new["mode"] = file_mode(new["mode"], new.loc_of("mode"))
        else:
            new = LocMap(loc=iloc)
            new["source"] = item
        if secret and not new.get("target") and isinstance(new.get("source"), str):
            ordered = LocMap(loc=new.loc)
            ordered.locs.update(new.locs)
            for key, val in new.items():
                ordered[key] = val
                if key == "source":
                    ordered["target"] = f"/run/secrets/{val}"
            new = ordered
        items.append((new, iloc))
    return located_list(value, items)


def _secrets(value: Any, loc: Location | None) -> Any:
    return _file_mounts(value, True)


def _configs(value: Any, loc: Location | None) -> Any:
    return _file_mounts(value, False)


def _env_file(value: Any, loc: Location | None) -> Any:
    value = str_list(value, loc)
    if not isinstance(value, list):
        return value
    items: list[tuple[Any, Location | None]] = []
    for item, iloc in located_items(value):
        if isinstance(item, dict):
            new = copy_located(item) if isinstance(item, LocMap) else LocMap(item)
        else:
            new = LocMap(loc=iloc)
            new["path"] = item
        new.setdefault("required", True)
        items.append((new, iloc))
    return located_list(value, items)


def _ulimits(value: Any, loc: Location | None) -> Any:
    """``nofile: "100"`` prints as the int 100 (also ``soft``/``hard``)."""
    if not isinstance(value, dict):
        return value
    out = copy_located(value) if isinstance(value, LocMap) else LocMap(value)
    for key, limit in out.items():
        if isinstance(limit, dict):
            new = copy_located(limit) if isinstance(limit, LocMap) else LocMap(limit)
            for part in ("soft", "hard"):
                if part in new:
                    new[part] = go_int(new[part])
            out[key] = new
        else:
            out[key] = go_int(limit)
    return out


def _ssh(value: Any, loc: Location | None) -> Any:
    if isinstance(value, dict):
        items = [(k if v is None else f"{k}={v}", loc_of(value, k)) for k, v in value.items()]
        return located_list(value, items)
    return str_list(value)


def apply_build_defaults(build: Any) -> Any:
    """``build: ctx`` -> ``{context: ctx}``; ``dockerfile`` defaults to ``Dockerfile``
    unless ``dockerfile_inline`` is set (compose-go does this at normalise time)."""
    if isinstance(build, str):
        out = LocMap(loc=None)
        out["context"] = build
        build = out
    if not isinstance(build, dict) or "dockerfile" in build or "dockerfile_inline" in build:
        return build
    out = LocMap(loc=loc_of(build))
    out.locs.update(getattr(build, "locs", {}))
    if "context" not in build:
        out["dockerfile"] = "Dockerfile"
    for key, val in build.items():
        out[key] = val
        if key == "context":
            out["dockerfile"] = "Dockerfile"
    return out


_BUILD: dict[str, Handler] = {
    "args": env_map,
    "labels": label_map,
    "additional_contexts": label_map,
    "extra_hosts": extra_hosts,
    "ssh": _ssh,
    "secrets": _configs,
    "shm_size": go_bytes,
    "ulimits": _ulimits,
    "cache_from": lambda v, _loc: str_list(v),
    "tags": lambda v, _loc: str_list(v),
}


def _build(value: Any, loc: Location | None) -> Any:
    if isinstance(value, str):
        out = LocMap(loc=loc)
        put(out, "context", value, loc)
        value = out
    if isinstance(value, dict):
        value = apply_handlers(value, _BUILD)
    return apply_build_defaults(value)


def _healthcheck(value: Any, loc: Location | None) -> Any:
    if not isinstance(value, dict):
        return value
    out = apply_handlers(value, _HEALTH)
    test = out.get("test")
    if isinstance(test, str):
        out["test"] = located_list(test, [("CMD-SHELL", None), (test, out.loc_of("test"))])
    return out


_HEALTH = dict.fromkeys(("interval", "timeout", "start_period", "start_interval"), go_duration)


def _blkio(value: Any, loc: Location | None) -> Any:
    if not isinstance(value, dict):
        return value
    out = copy_located(value) if isinstance(value, LocMap) else LocMap(value)
    for key in ("device_read_bps", "device_write_bps", "device_read_iops", "device_write_iops"):
        devices = out.get(key)
        if not isinstance(devices, list):
            continue
        items: list[tuple[Any, Location | None]] = []
        for dev, iloc in located_items(devices):
            if isinstance(dev, dict) and "rate" in dev:
                dev = copy_located(dev) if isinstance(dev, LocMap) else LocMap(dev)
                rate = dev["rate"]
                dev["rate"] = go_bytes(rate, iloc) if key.endswith("bps") else go_string(rate)
            items.append((dev, iloc))
        out[key] = located_list(devices, items)
    return out


def _logging(value: Any, loc: Location | None) -> Any:
    return apply_handlers(value, {"options": label_map}) if isinstance(value, dict) else value


_RESOURCES = {"cpus": go_float32, "memory": go_bytes}
_POLICY = dict.fromkeys(("delay", "window", "monitor"), go_duration)


def _deploy(value: Any, loc: Location | None) -> Any:
    if not isinstance(value, dict):
        return value

    def resources(res: Any, _loc: Location | None) -> Any:
        if not isinstance(res, dict):
            return res
        tiers = dict.fromkeys(("limits", "reservations"), sub_handlers(_RESOURCES))
        return apply_handlers(res, tiers)

    handlers = {
        "resources": resources,
        "restart_policy": sub_handlers(_POLICY),
        "update_config": sub_handlers(_POLICY),
        "rollback_config": sub_handlers(_POLICY),
        "labels": label_map,
    }
    return apply_handlers(value, handlers)


def _pull_policy(value: Any, loc: Location | None) -> Any:
    return "missing" if value == "if_not_present" else value


def _models(value: Any, loc: Location | None) -> Any:
    return _networks(value, loc)


SERVICE_HANDLERS: dict[str, Handler] = {
    "ports": _ports,
    "expose": _expose,
    "devices": device_mapping,
    "volumes": _volumes,
    "tmpfs": lambda v, _loc: str_list(v),
    "depends_on": _depends_on,
    "networks": _networks,
    "secrets": _secrets,
    "configs": _configs,
    "build": _build,
    "env_file": _env_file,
    "label_file": str_list,
    "healthcheck": _healthcheck,
    "dns": lambda v, _loc: str_list(v),
    "dns_search": lambda v, _loc: str_list(v),
    "dns_opt": lambda v, _loc: str_list(v),
    "environment": env_map,
    "labels": label_map,
    "annotations": label_map,
    "sysctls": label_map,
    "extra_hosts": extra_hosts,
    "pull_policy": _pull_policy,
    "ulimits": _ulimits,
    "mem_limit": go_bytes,
    "mem_reservation": go_bytes,
    "memswap_limit": go_bytes,
    "shm_size": go_bytes,
    "stop_grace_period": go_duration,
    "cpus": go_float32,
    "deploy": _deploy,
    "logging": _logging,
    "blkio_config": _blkio,
    "models": _models,
}


def _templated(value: Any) -> bool:
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return any(isinstance(item, str) and "$" in item for item in items)


def _lenient_extra_hosts(value: Any, loc: Location | None) -> Any:
    """``"${HOST}:${IP:-::1}"`` would be split at the wrong colon: kept as written."""
    return value if _templated(value) else extra_hosts(value, loc)


# Converted when Compose decodes the final model into Go types, not when it transforms each
# file: a value that does not parse fails only if it is still there after every file is merged
# (a service removed by ``!reset`` may hold one).
DECODED = frozenset(
    ("command", "entrypoint", "healthcheck", "mem_limit", "mem_reservation", "memswap_limit")
) | frozenset(("shm_size", "stop_grace_period", "cpus", "deploy", "blkio_config"))
_DECODE = {k: v for k, v in SERVICE_HANDLERS.items() if k in DECODED}
_TRANSFORM = {k: v for k, v in SERVICE_HANDLERS.items() if k not in DECODED}
_LENIENT_TRANSFORM: dict[str, Handler] = {
    **_TRANSFORM,
    "ports": _each(_port_entries, lenient=True),
    "volumes": _each(_volume_entries, lenient=True),
    "extra_hosts": _lenient_extra_hosts,
}


def canonical_service(name: str, svc: Any, *, lenient: bool = False) -> Any:
    """One service with each attribute in its canonical form (one file's transform step).

    ``lenient`` (loading without interpolation, like compose-go's ignored parse errors):
    an attribute, or a port or volume entry, that cannot be parsed is kept as written.
    The ``DECODED`` attributes are kept as written when they fail here; :func:`decode_service`
    converts them for good once every file is merged.
    """
    if not isinstance(svc, dict):
        return svc
    out = apply_handlers(svc, _LENIENT_TRANSFORM if lenient else _TRANSFORM, keep_failing=lenient)
    out = _decode(name, apply_handlers(out, _DECODE, keep_failing=True), keep_failing=True)
    if out.get("dns") == []:
        del out["dns"]  # compose-go OmitEmpty: services.*.dns
    bind_service_fields(out, name, lenient=lenient)
    return out


def decode_service(name: str, svc: Any, *, lenient: bool = False) -> Any:
    """The ``DECODED`` attributes of a service of the merged project converted (or refused)."""
    if not isinstance(svc, dict):
        return svc
    return _decode(name, apply_handlers(svc, _DECODE, keep_failing=lenient), keep_failing=lenient)


def _decode(name: str, out: LocMap, *, keep_failing: bool) -> LocMap:
    for key in ("command", "entrypoint"):
        if key in out:
            try:
                out[key] = command_list(out[key], out.loc_of(key), f"services[{name}].{key}")
            except ComposedocError:
                if not keep_failing:
                    raise
    return out
