"""Print a loaded project exactly as ``docker compose config`` does.

Compose marshals Go structs: keys come in struct field order (``FIELDS`` below, read off
compose-go v2.9.1's ``types`` and checked against the oracle), Go maps come sorted, zero
values of ``omitempty`` fields are left out, service-level ``x-*`` keys are kept in YAML but
dropped in JSON, and every ``$`` of the text is doubled. Unused networks, volumes, secrets and
configs are dropped unless ``all_resources``. The YAML text comes from ``goyaml``.
"""

from __future__ import annotations

import json
from typing import Any

from composedoc.compose.goyaml import natural_key, to_yaml
from composedoc.compose.types import LoadedProject

Spec = dict[str, Any]

# Struct field order; a child spec says how to order the value under that key:
# a dict = a struct, ("list", spec) = a list of structs, ("map", spec) = a Go map of structs.
_PORT: Spec = {"#": "name mode host_ip target published protocol app_protocol"}
_FILE_REF: Spec = {"#": "source target uid gid mode", "!": "mode"}
_DEVICE_REQ: Spec = {"#": "capabilities driver count device_ids options"}
_ULIMIT: Spec = {"#": "single soft hard", "!": "soft hard"}
_HOOK: Spec = {"#": "command user privileged working_dir environment", "?": {"command": None}}
_VOLUME_MOUNT: Spec = {
    "#": "type source target read_only consistency bind volume tmpfs image",
    "!": "bind volume tmpfs image",
    "bind": {"#": "selinux propagation create_host_path recursive"},
    "volume": {"#": "labels nocopy subpath"},
    "tmpfs": {"#": "size mode"},
    "image": {"#": "subpath"},
}
_RESOURCE: Spec = {
    "#": "cpus memory pids devices generic_resources",
    "devices": ("list", _DEVICE_REQ),
    "generic_resources": (
        "list",
        {
            "#": "discrete_resource_spec",
            "!": "discrete_resource_spec",
            "discrete_resource_spec": {"#": "kind value", "!": "kind value"},
        },
    ),
}
_THROTTLE: Spec = {"#": "path rate", "!": "path rate"}
_UPDATE: Spec = {
    "#": "parallelism delay failure_action monitor max_failure_ratio order",
    "!": "parallelism",
}
_BUILD: Spec = {
    "#": "context dockerfile dockerfile_inline entitlements args provenance sbom ssh labels "
    "cache_from cache_to no_cache additional_contexts pull extra_hosts isolation network "
    "target secrets shm_size tags ulimits platforms privileged",
    "secrets": ("list", _FILE_REF),
    "ulimits": ("map", _ULIMIT),
}
_SERVICE: Spec = {
    "#": "profiles annotations attach build develop blkio_config cap_add cap_drop "
    "cgroup_parent cgroup cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period "
    "cpu_rt_runtime cpus cpuset cpu_shares command configs container_name credential_spec "
    "depends_on deploy device_cgroup_rules devices dns dns_opt dns_search dockerfile "
    "domainname entrypoint provider environment env_file expose extends external_links "
    "extra_hosts group_add gpus hostname healthcheck image init ipc isolation labels "
    "label_file links logging log_driver log_opt mem_limit mem_reservation memswap_limit "
    "mem_swappiness mac_address models net network_mode networks oom_kill_disable "
    "oom_score_adj pid pids_limit platform ports privileged pull_policy read_only restart "
    "runtime scale secrets security_opt shm_size stdin_open stop_grace_period stop_signal "
    "storage_opt sysctls tmpfs tty ulimits use_api_socket user userns_mode uts volume_driver "
    "volumes volumes_from working_dir post_start pre_stop",
    "!": "attach build develop blkio_config credential_spec deploy provider extends healthcheck "
    "init logging scale stop_grace_period command entrypoint",
    "?": {"command": None, "entrypoint": None},
    "build": _BUILD,
    "develop": {
        "#": "watch",
        "watch": (
            "list",
            {
                "#": "path action target exec include ignore initial_sync",
                "!": "path action",
                "?": {"exec": {}},
                "exec": _HOOK,
            },
        ),
    },
    "blkio_config": {
        "#": "weight weight_device device_read_bps device_read_iops device_write_bps "
        "device_write_iops",
        "weight_device": ("list", {"#": "path weight", "!": "path weight"}),
        "device_read_bps": ("list", _THROTTLE),
        "device_read_iops": ("list", _THROTTLE),
        "device_write_bps": ("list", _THROTTLE),
        "device_write_iops": ("list", _THROTTLE),
    },
    "configs": ("list", _FILE_REF),
    "credential_spec": {"#": "config file registry"},
    "depends_on": ("map", {"#": "condition restart required", "!": "required"}),
    "deploy": {
        "#": "mode replicas labels update_config rollback_config resources restart_policy "
        "placement endpoint_mode",
        "!": "replicas update_config rollback_config restart_policy",
        "?": {"resources": {}, "placement": {}},
        "update_config": _UPDATE,
        "rollback_config": _UPDATE,
        "resources": {
            "#": "limits reservations",
            "!": "limits reservations",
            "limits": _RESOURCE,
            "reservations": _RESOURCE,
        },
        "restart_policy": {
            "#": "condition delay max_attempts window",
            "!": "delay max_attempts window",
        },
        "placement": {
            "#": "constraints preferences max_replicas_per_node",
            "preferences": ("list", {"#": "spread"}),
        },
    },
    "devices": ("list", {"#": "source target permissions"}),
    "provider": {"#": "type options"},
    "extends": {"#": "file service"},
    "gpus": ("list", _DEVICE_REQ),
    "healthcheck": {
        "#": "test timeout interval retries start_period start_interval disable",
        "!": "timeout interval retries start_period start_interval",
    },
    "logging": {"#": "driver options"},
    "models": ("map", {"#": "endpoint_var model_var"}),
    "networks": (
        "map",
        {
            "#": "aliases driver_opts gw_priority interface_name ipv4_address ipv6_address "
            "link_local_ips mac_address priority"
        },
    ),
    "ports": ("list", _PORT),
    "secrets": ("list", _FILE_REF),
    "ulimits": ("map", _ULIMIT),
    "volumes": ("list", _VOLUME_MOUNT),
    "post_start": ("list", _HOOK),
    "pre_stop": ("list", _HOOK),
}
_NETWORK: Spec = {
    "#": "name driver driver_opts ipam external internal attachable labels enable_ipv4 enable_ipv6",
    "!": "enable_ipv4 enable_ipv6",
    "?": {"ipam": {}},
    "ipam": {
        "#": "driver config",
        "config": ("list", {"#": "subnet gateway ip_range aux_addresses"}),
    },
}
_VOLUME: Spec = {"#": "name driver driver_opts external labels"}
_FILE_OBJECT: Spec = {
    "#": "name file environment content external labels driver driver_opts template_driver"
}
_MODEL: Spec = {"#": "name model context_size runtime_flags"}
TOP: Spec = {
    "#": "name services networks volumes secrets configs models",
    "services": ("map", _SERVICE),
    "networks": ("map", _NETWORK),
    "volumes": ("map", _VOLUME),
    "secrets": ("map", _FILE_OBJECT),
    "configs": ("map", _FILE_OBJECT),
    "models": ("map", _MODEL),
}


def _compile(spec: Spec) -> None:
    if isinstance(spec.get("#"), str):
        spec["#"] = {k: i for i, k in enumerate(spec["#"].split())}
        spec["!"] = frozenset(spec.get("!", "").split())
    for key, child in spec.items():
        if key in ("#", "!", "?"):
            continue
        if isinstance(child, tuple):
            child = child[1]
        if isinstance(child, dict):
            _compile(child)


_compile(TOP)


def _order(value: Any, spec: Spec, keep_x: bool, parent: str) -> Any:
    """Rebuild ``value`` with keys in Go order (structs) or sorted (maps).

    ``keep_x`` is the YAML flavour; JSON (``keep_x`` false) drops ``x-*`` keys and prints the
    fields Go's JSON encoder never omits (``spec["?"]``: null commands, empty ``ipam``...).
    """
    if not isinstance(value, dict):
        return value
    if not keep_x and "?" in spec:
        missing = {k: v for k, v in spec["?"].items() if value.get(k) is None}
        if missing:
            value = {**value, **missing}
    order: dict[str, int] = spec["#"]
    keep: frozenset[str] = spec["!"]
    known = []
    extra = []
    for key, item in value.items():
        if key in order:
            if not keep_x and key in spec.get("?", ()):
                pass
            elif item is None or (key not in keep and _is_zero(item)):
                continue
            known.append(key)
        elif key.startswith("x-"):
            if keep_x:
                extra.append(key)
        else:
            extra.append(key)
    known.sort(key=order.__getitem__)
    extra = _sorted(extra)
    out: dict[str, Any] = {}
    for key in known + extra:
        child = spec.get(key)
        item = value[key]
        if child is None:
            out[key] = _plain(item)
        elif isinstance(child, tuple):
            kind, sub = child
            if kind == "list" and isinstance(item, list):
                out[key] = [_order(v, sub, keep_x, key) for v in item]
            elif kind == "map" and isinstance(item, dict):
                out[key] = {k: _order(item[k], sub, keep_x, key) for k in _sorted(item)}
            else:
                out[key] = _plain(item)
        else:
            out[key] = _order(item, child, keep_x, key)
    return out


_SORT: list[Any] = [None]  # key for Go map keys: go-yaml natural (YAML) or None (JSON, bytes)


def _sorted(keys: Any) -> list[str]:
    return sorted(keys, key=_SORT[0])


def _is_zero(value: Any) -> bool:
    """Go's zero value of an ``omitempty`` field (false, 0, "", empty slice or map)."""
    if value is False or (value == 0 and not isinstance(value, str) and value is not True):
        return True
    return isinstance(value, (str, list, dict)) and not value


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(value[k]) for k in _sorted(value)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _used_resources(services: dict[str, Any]) -> dict[str, set[str]]:
    """compose-go ``WithoutUnnecessaryResources``: what the active services refer to."""
    used: dict[str, set[str]] = {
        k: set() for k in ("networks", "volumes", "secrets", "configs", "models")
    }
    for service in services.values():
        used["networks"].update(service.get("networks") or {})
        for volume in service.get("volumes") or []:
            if volume.get("type") == "volume" and volume.get("source"):
                used["volumes"].add(volume["source"])
        for secret in service.get("secrets") or []:
            used["secrets"].add(secret.get("source"))
        build = service.get("build")
        if isinstance(build, dict):
            for secret in build.get("secrets") or []:
                used["secrets"].add(secret.get("source"))
        for config in service.get("configs") or []:
            used["configs"].add(config.get("source"))
        used["models"].update(service.get("models") or {})
    return used


def printable_model(project: LoadedProject, all_resources: bool, keep_x: bool) -> dict[str, Any]:
    """The project as Compose prints it (before ``$`` escaping), keys in Compose's order."""
    model = project.model
    services = model.get("services") or {}
    top: dict[str, Any] = {"name": project.name}
    top["services"] = {
        name: _order(_service_view(services[name]), _SERVICE, keep_x, "service")
        for name in _sorted(services)
    }
    used = None if all_resources else _used_resources(services)
    for kind, spec in (
        ("networks", _NETWORK),
        ("volumes", _VOLUME),
        ("secrets", _FILE_OBJECT),
        ("configs", _FILE_OBJECT),
        ("models", _MODEL),
    ):
        resources = model.get(kind) or {}
        keys = _sorted(k for k in resources if used is None or k in used[kind])
        if keys:
            top[kind] = {
                k: _order(_resource_view(kind, resources[k]), spec, keep_x, kind) for k in keys
            }
    for key in _sorted(model):
        if key.startswith("x-"):
            top[key] = _plain(model[key])
    return top


def _service_view(service: Any) -> Any:
    """Print-only forms: build.ssh ``id=path`` entries print as ``id: path`` (Go SSHKey)."""
    build = service.get("build")
    if isinstance(build, dict) and isinstance(build.get("ssh"), list):
        ssh = [s.replace("=", ": ", 1) if isinstance(s, str) else s for s in build["ssh"]]
        service = {**service, "build": {**build, "ssh": ssh}}
    return service


def _resource_view(kind: str, resource: Any) -> Any:
    if not isinstance(resource, dict):
        return resource if resource is not None else {}
    if kind == "configs" and resource.get("environment") and "content" in resource:
        resource = {k: v for k, v in resource.items() if k != "content"}
    return resource


def dump_config(project: LoadedProject, fmt: str = "yaml", all_resources: bool = False) -> str:
    """Exactly what ``docker compose config [--format json]`` prints for this project."""
    _SORT[0] = None if fmt == "json" else natural_key
    if fmt == "json":
        data = printable_model(project, all_resources, keep_x=False)
        data.pop("models", None)
        text = json.dumps(dict(sorted(data.items())), indent=2, ensure_ascii=False)
    else:
        text = to_yaml(printable_model(project, all_resources, keep_x=True))
    return text.replace("$", "$$")
