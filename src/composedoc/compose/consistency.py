"""Consistency checks with Docker Compose's own messages, plus where the culprit was written.

``validate_model`` is compose-go ``validation.Validate`` (run before paths are resolved:
external resources with other attributes, file/environment/content exclusivity, host_ip,
watch paths, device requests). ``check_consistency`` is ``loader/validate.go``
``checkConsistency`` + ``graph.CheckCycle`` (run after profiles, on the active services);
the project-wide checks live in :mod:`composedoc.compose.dependencies`. Services are visited
in name order so that the reported error is deterministic (Go visits them in map order).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from composedoc.compose.dependencies import INVALID, check_cycles, fail
from composedoc.compose.located import loc_of
from composedoc.errors import Location


def _is_true(value: Any) -> bool:
    return value is True or value in ("1", "t", "T", "true", "TRUE", "True")


# --------------------------------------------------------------------------- validation


def _check_external(kind: str, key: str, resource: dict[str, Any], where: Location | None) -> None:
    if not _is_true(resource.get("external")):
        return
    for attr in resource:
        if attr in ("name", "external") or attr.startswith("x-"):
            continue
        raise fail(f'{kind}.{key}: conflicting parameters "external" and "{attr}" specified', where)


def _check_file_object(kind: str, key: str, resource: Any, keys: tuple[str, ...]) -> None:
    if not isinstance(resource, dict):
        return
    where = loc_of(resource)
    count = sum(1 for k in keys if k in resource)
    if count > 1:
        raise fail(f"{kind}.{key}: {'|'.join(keys)} attributes are mutually exclusive", where)
    if count == 0 and "driver" not in resource and "external" not in resource:
        raise fail(f"{kind}.{key}: one of {'|'.join(keys)} must be set", where)


def _valid_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def validate_model(model: dict[str, Any]) -> None:
    """compose-go ``validation.Validate`` on the merged model (before path resolution)."""
    volumes = model.get("volumes")
    if isinstance(volumes, dict):
        for key, volume in volumes.items():
            if isinstance(volume, dict):
                _check_external("volumes", key, volume, loc_of(volumes, key))
    for kind, keys in (
        ("configs", ("file", "environment", "content")),
        ("secrets", ("file", "environment")),
    ):
        resources = model.get(kind)
        if isinstance(resources, dict):
            for key, resource in resources.items():
                _check_file_object(kind, key, resource, keys)
    services = model.get("services")
    if not isinstance(services, dict):
        return
    for name, service in services.items():
        if not isinstance(service, dict):
            continue
        ports = service.get("ports")
        if isinstance(ports, list):
            for i, port in enumerate(ports):
                if isinstance(port, dict) and "host_ip" in port:
                    ip = port["host_ip"]
                    if not isinstance(ip, str) or not _valid_ip(ip):
                        raise fail(
                            f"services.{name}.ports.[{i}]: invalid ip address: {ip}",
                            loc_of(ports, i),
                        )
        develop = service.get("develop")
        if isinstance(develop, dict) and isinstance(develop.get("watch"), list):
            for i, trigger in enumerate(develop["watch"]):
                if isinstance(trigger, dict) and trigger.get("path") == "":
                    raise fail(
                        f"services.{name}.develop.watch.[{i}].path: value can't be blank",
                        loc_of(develop["watch"], i),
                    )


# --------------------------------------------------------------------------- consistency


def _bytes_value(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _float32(value: Any) -> float:
    import struct

    try:
        return float(struct.unpack("f", struct.pack("f", float(value)))[0])
    except (TypeError, ValueError, OverflowError):
        return 0.0


def _check_service(
    name: str,
    s: dict[str, Any],
    model: dict[str, Any],
    services: dict[str, Any],
    disabled: dict[str, Any],
    where: Location | None,
) -> None:
    def at(key: str) -> Location | None:
        return loc_of(s, key) if key in s else where

    build = s.get("build")
    if build is None and not s.get("image") and s.get("provider") is None:
        raise fail(
            f'service "{name}" has neither an image nor a build context specified: {INVALID}',
            where,
        )
    if isinstance(build, dict):
        if build.get("dockerfile_inline") and build.get("dockerfile"):
            raise fail(
                f'service "{name}" declares mutualy exclusive dockerfile and dockerfile_inline: '
                f"{INVALID}",
                at("build"),
            )
        contexts = build.get("additional_contexts") or {}
        for add, ctx in contexts.items() if isinstance(contexts, dict) else []:
            if isinstance(ctx, str) and ctx.startswith("service:"):
                target = ctx[len("service:") :]
                if target not in services:
                    raise fail(
                        f'service "{name}" declares unknown service "{target}" as additional '
                        f"contexts {add}",
                        at("build"),
                    )
                if services[target].get("build") is None:
                    raise fail(
                        f'service "{name}" declares non-buildable service "{target}" as '
                        f"additional contexts {add}",
                        at("build"),
                    )
        platforms = build.get("platforms")
        if platforms and s.get("platform") and s["platform"] not in platforms:
            raise fail(
                f'service.build.platforms MUST include service.platform "{s["platform"]}": '
                f"{INVALID}",
                at("platform"),
            )
    networks = s.get("networks") or {}
    if s.get("network_mode") and networks:
        raise fail(
            f"service {name} declares mutually exclusive `network_mode` and `networks`: {INVALID}",
            at("network_mode"),
        )
    for network in networks:
        if network not in (model.get("networks") or {}):
            raise fail(
                f'service "{name}" refers to undefined network {network}: {INVALID}',
                loc_of(networks, network) or at("networks"),
            )
    health = s.get("healthcheck")
    test = health.get("test") if isinstance(health, dict) else None
    if test and test[0] not in ("CMD", "CMD-SHELL", "NONE"):
        raise fail(
            'healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"',
            loc_of(health, "test"),
        )
    depends_on = s.get("depends_on") or {}
    for dep in sorted(depends_on):
        cfg = depends_on[dep] or {}
        if dep in services:
            continue
        if dep in disabled and not cfg.get("required", True):
            continue
        raise fail(
            f'service "{name}" depends on undefined service "{dep}": {INVALID}',
            loc_of(depends_on, dep) or at("depends_on"),
        )
    mode = s.get("network_mode")
    if isinstance(mode, str) and mode.startswith("service:"):
        target = mode[len("service:") :]
        if target not in services:
            raise fail(
                f"service \"{target}\" not found for network_mode 'service:{target}'",
                at("network_mode"),
            )
    volumes = s.get("volumes") or []
    for i, volume in enumerate(volumes):
        source = volume.get("source") if volume.get("type") == "volume" else None
        if source and source not in (model.get("volumes") or {}):
            raise fail(
                f'service "{name}" refers to undefined volume {volume["source"]}: {INVALID}',
                loc_of(volumes, i),
            )
    if isinstance(build, dict):
        for i, secret in enumerate(build.get("secrets") or []):
            if secret.get("source") not in (model.get("secrets") or {}):
                raise fail(
                    f'service "{name}" refers to undefined build secret {secret.get("source")}: '
                    f"{INVALID}",
                    loc_of(build.get("secrets"), i),
                )
    for i, config in enumerate(s.get("configs") or []):
        if config.get("source") not in (model.get("configs") or {}):
            raise fail(
                f'service "{name}" refers to undefined config {config.get("source")}: {INVALID}',
                loc_of(s.get("configs"), i),
            )
    for m in s.get("models") or {}:
        if m not in (model.get("models") or {}):
            raise fail(f'service "{name}" refers to undefined model {m}: {INVALID}', at("models"))
    for i, secret in enumerate(s.get("secrets") or []):
        if secret.get("source") not in (model.get("secrets") or {}):
            raise fail(
                f'service "{name}" refers to undefined secret {secret.get("source")}: {INVALID}',
                loc_of(s.get("secrets"), i),
            )
    _check_deploy(name, s, at)
    _check_mounts(name, s, at)


def _check_deploy(name: str, s: dict[str, Any], at: Any) -> None:
    deploy = s.get("deploy")
    scale = s.get("scale")
    if scale is not None and isinstance(deploy, dict):
        replicas = deploy.get("replicas")
        if replicas is not None and replicas != scale:
            raise fail(
                f"services.{name}: can't set distinct values on 'scale' and 'deploy.replicas': "
                f"{INVALID}",
                at("scale"),
            )
        deploy["replicas"] = scale
    if scale is not None and scale < 0:
        raise fail(f"services.{name}.scale: must be greater than or equal to 0", at("scale"))
    if isinstance(deploy, dict) and deploy.get("replicas") is not None and deploy["replicas"] < 0:
        raise fail(
            f"services.{name}.deploy.replicas: must be greater than or equal to 0", at("deploy")
        )
    resources = deploy.get("resources") if isinstance(deploy, dict) else None
    limits = resources.get("limits") if isinstance(resources, dict) else None
    reservations = resources.get("reservations") if isinstance(resources, dict) else None
    cpus = s.get("cpus")
    if cpus and isinstance(limits, dict) and _float32(limits.get("cpus", 0)) != _float32(cpus):
        raise fail(
            f"services.{name}: can't set distinct values on 'cpus' and "
            f"'deploy.resources.limits.cpus': {INVALID}",
            at("cpus"),
        )
    for attr, holder, key, label in (
        ("mem_limit", limits, "memory", "deploy.resources.limits.memory"),
        ("mem_reservation", reservations, "memory", "deploy.resources.reservations.memory"),
        ("pids_limit", limits, "pids", "deploy.resources.limits.pids"),
    ):
        mine = _bytes_value(s.get(attr))
        if mine and isinstance(holder, dict) and _bytes_value(holder.get(key)) != mine:
            raise fail(
                f"services.{name}: can't set distinct values on '{attr}' and '{label}': {INVALID}",
                at(attr),
            )
    replicas = deploy.get("replicas") if isinstance(deploy, dict) else None
    effective = scale if scale is not None else replicas if replicas is not None else 1
    if effective > 1 and s.get("container_name"):
        attr = "scale" if scale is not None else "deploy.replicas"
        # Compose swaps the two names in this message; keep its wording.
        raise fail(
            f"services.{attr}: can't set container_name and {name} as container name must be "
            f"unique: {INVALID}",
            at("container_name"),
        )


def _check_mounts(name: str, s: dict[str, Any], at: Any) -> None:
    develop = s.get("develop")
    if isinstance(develop, dict):
        for trigger in develop.get("watch") or []:
            if not trigger.get("target") and trigger.get("action") not in ("rebuild", "restart"):
                raise fail(
                    f"services.{name}.develop.watch: target is required for non-rebuild "
                    f"actions: {INVALID}",
                    at("develop"),
                )
    mounts: dict[str, str] = {}
    for i, tmpfs in enumerate(s.get("tmpfs") or []):
        where = f"services.{name}.tmpfs[{i}]"
        path = str(tmpfs).split(":", 1)[0]
        if path in mounts:
            raise fail(f"{where}: target {path} already mounted as {mounts[path]}", at("tmpfs"))
        mounts[path] = where
    volumes = s.get("volumes") or []
    for i, volume in enumerate(volumes):
        where = f"services.{name}.volumes[{i}]"
        target = volume.get("target")
        if target in mounts:
            raise fail(
                f"{where}: target {target} already mounted as {mounts[target]}",
                loc_of(volumes, i),
            )
        mounts[target] = where


def check_consistency(model: dict[str, Any], disabled: dict[str, Any]) -> None:
    """compose-go ``checkConsistency`` then ``CheckCycle`` on the active services."""
    services = model.get("services") or {}
    for name in sorted(services):
        service = services[name]
        _check_service(name, service, model, services, disabled, loc_of(services, name))
    for key in sorted(model.get("secrets") or {}):
        secret = model["secrets"][key]
        if _is_true(secret.get("external")):
            continue
        if not secret.get("file") and not secret.get("environment"):
            raise fail(
                f'secret "{key}" must declare either `file` or `environment`: {INVALID}',
                loc_of(model["secrets"], key),
            )
    check_cycles(services, disabled)
