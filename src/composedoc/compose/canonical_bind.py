"""Service fields compose-go converts while binding to its Go types, done here in the
canonical step so every later step sees the printed form.

``gpus: all`` (transform ``gpus``), hook ``command`` strings (``ShellCommand``, shell-split),
device request ``count`` (``DeviceCount``: ``all`` is -1) for ``gpus`` and
``deploy.resources.reservations.devices``, and ``provider.options`` (``MultiOptions``: lists
of strings). Errors name the service path as Compose's decoder does. Idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from composedoc.compose.canonical_forms import (
    command_list,
    copy_located,
    located_items,
    located_list,
)
from composedoc.compose.gotypes import device_count, multi_options
from composedoc.compose.located import LocMap
from composedoc.errors import ComposedocError, Location


def _copy(value: dict[str, Any]) -> LocMap:
    return copy_located(value) if isinstance(value, LocMap) else LocMap(value)


def _device_requests(value: Any, where: str, loc: Location | None) -> Any:
    """Each request's ``count`` as Go's int; other values are left to the schema."""
    if isinstance(value, str):  # ``gpus: all``: the schema allows no other string
        gpu = LocMap(loc=loc)
        gpu["count"] = -1
        return located_list(value, [(gpu, loc)])
    if not isinstance(value, list):
        return value
    items: list[tuple[Any, Location | None]] = []
    for i, (request, iloc) in enumerate(located_items(value)):
        if isinstance(request, dict) and isinstance(request.get("count"), str):
            request = _copy(request)
            loc = request.loc_of("count")
            request["count"] = device_count(request["count"], f"{where}[{i}].count", loc)
        items.append((request, iloc))
    return located_list(value, items)


def _hooks(value: Any, where: str) -> Any:
    if not isinstance(value, list):
        return value
    items: list[tuple[Any, Location | None]] = []
    for i, (hook, iloc) in enumerate(located_items(value)):
        if isinstance(hook, dict) and isinstance(hook.get("command"), str):
            hook = _copy(hook)
            where_cmd = f"{where}[{i}].command"
            hook["command"] = command_list(hook["command"], hook.loc_of("command"), where_cmd)
        items.append((hook, iloc))
    return located_list(value, items)


def _provider(value: Any) -> Any:
    if not isinstance(value, dict) or not isinstance(value.get("options"), dict):
        return value
    out = _copy(value)
    options = _copy(value["options"])
    for key, option in options.items():
        options[key] = multi_options(option)
    out["options"] = options
    return out


def _deploy_devices(deploy: Any, where: str) -> Any:
    if not isinstance(deploy, dict) or not isinstance(deploy.get("resources"), dict):
        return deploy
    resources = deploy["resources"]
    reservations = resources.get("reservations")
    if not isinstance(reservations, dict) or not isinstance(reservations.get("devices"), list):
        return deploy
    new_reservations = _copy(reservations)
    new_reservations["devices"] = _device_requests(
        reservations["devices"],
        f"{where}.resources.reservations.devices",
        new_reservations.loc_of("devices"),
    )
    new_resources = _copy(resources)
    new_resources["reservations"] = new_reservations
    out = _copy(deploy)
    out["resources"] = new_resources
    return out


def bind_service_fields(service: LocMap, name: str, *, lenient: bool = False) -> None:
    """Convert the Go-typed fields of a (copied) canonical service in place; ``lenient``
    keeps a field that cannot be converted as written."""
    where = f"services[{name}]"
    for key, convert in _FIELDS:
        if key not in service:
            continue
        try:
            service[key] = convert(service[key], where, service.loc_of(key))
        except ComposedocError:
            if not lenient:
                raise


_FIELDS: tuple[tuple[str, Callable[[Any, str, Location | None], Any]], ...] = (
    ("gpus", lambda v, where, loc: _device_requests(v, f"{where}.gpus", loc)),
    ("post_start", lambda v, where, _loc: _hooks(v, f"{where}.post_start")),
    ("pre_stop", lambda v, where, _loc: _hooks(v, f"{where}.pre_stop")),
    ("provider", lambda v, _where, _loc: _provider(v)),
    ("deploy", lambda v, where, _loc: _deploy_devices(v, f"{where}.deploy")),
)
