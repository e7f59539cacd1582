"""Print a loaded project exactly as ``docker compose config`` does.

Compose marshals Go structs: keys come in struct field order (``FIELDS`` below, read off
compose-go v2.9.1's ``types`` and checked against the oracle), Go maps come sorted, zero
values of ``omitempty`` fields are left out, service-level ``x-*`` keys are kept in YAML but
dropped in JSON, and every ``$`` of the text is doubled. Unused networks, volumes, secrets and
configs are dropped unless ``all_resources``. The YAML writer is our own (2-space indent,
indented sequences, go-yaml's quoting rules) because PyYAML's C emitter cannot indent
sequences and its Python emitter is slow.
"""

from __future__ import annotations

import functools
import json
import math
import re
from typing import Any

from composedoc.compose.gostr import go_float
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


def _natural_less(a: str, b: str) -> bool:
    """go-yaml v3 ``keyList.Less``: letters after other runes, digit runs compared as numbers."""
    digits = False
    n = min(len(a), len(b))
    for i in range(n):
        ca, cb = a[i], b[i]
        if ca == cb:
            digits = ca.isdigit()
            continue
        al, bl = ca.isalpha(), cb.isalpha()
        if al and bl:
            return ca < cb
        if al or bl:
            return al if digits else bl
        an = bn = 0
        if ca == "0" or cb == "0":
            j = i - 1
            while j >= 0 and a[j].isdigit():
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and a[ai].isdigit():
            an = an * 10 + ord(a[ai]) - 48
            ai += 1
        bi = i
        while bi < len(b) and b[bi].isdigit():
            bn = bn * 10 + ord(b[bi]) - 48
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return ca < cb
    return len(a) < len(b)


def _natural_cmp(a: str, b: str) -> int:
    return -1 if _natural_less(a, b) else (1 if _natural_less(b, a) else 0)


_NATURAL = functools.cmp_to_key(_natural_cmp)
_SORT: list[Any] = [None]  # key function for Go map keys: natural (YAML) or None (JSON, bytes)


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


# --------------------------------------------------------------------------- YAML writer

_OLD_BOOL = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
    ]
)
_PLAIN_FIRST_BAD = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NEEDS_QUOTE_CACHE: dict[str, str] = {}
_SAFE_CHARS = re.compile(r"[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NUMBERISH = re.compile(r"^[-+.0-9]|^\.(inf|Inf|INF|nan|NaN|NAN)$")


def _resolves_non_str(text: str) -> bool:
    """Would go-yaml (YAML 1.2 core) or PyYAML (YAML 1.1) read this plain scalar as non-str?"""
    if text in _OLD_BOOL or text in ("~", "null", "Null", "NULL", "="):
        return True
    if not _NUMBERISH.match(text):
        return bool(text[:1] in "<" and text == "<<")
    from yaml.resolver import Resolver

    from composedoc.compose.yaml import resolve_plain

    if not isinstance(resolve_plain(text, timestamps=True), str):
        return True
    resolvers = Resolver.yaml_implicit_resolvers.get(text[0], [])
    return any(regexp.match(text) for _tag, regexp in resolvers)


def _plain_ok(text: str) -> bool:
    """Can ``text`` be written as a plain block scalar at all (syntax only)?"""
    first = text[0]
    if first in _PLAIN_FIRST_BAD and (first not in "-?:" or len(text) == 1 or text[1] in " \t"):
        return False
    if text[0] in " \t" or text[-1] in " \t":
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    return not _SAFE_CHARS.search(text)


def _scalar_style(text: str) -> str:
    """``p`` plain, ``s`` single-quoted, ``d`` double-quoted, ``l`` literal block."""
    style = _NEEDS_QUOTE_CACHE.get(text)
    if style is not None:
        return style
    if text == "":
        style = "d"
    elif "\n" in text:
        style = "l" if _literal_ok(text) else "d"
    elif _resolves_non_str(text):
        style = "d"
    elif _plain_ok(text):
        style = "p"
    elif not _SAFE_CHARS.search(text) and "\t" not in text:
        style = "s"
    else:
        style = "d"
    if len(_NEEDS_QUOTE_CACHE) < 100_000:
        _NEEDS_QUOTE_CACHE[text] = style
    return style


def _literal_ok(text: str) -> bool:
    if text[0] in " \t" or _SAFE_CHARS.search(text.replace("\n", "")):
        return False
    return all(not line or line[-1] not in " \t" for line in text.split("\n"))


def _quote(text: str, indent: str) -> str:
    style = _NEEDS_QUOTE_CACHE.get(text) or _scalar_style(text)
    if style == "p":
        return text
    if style == "s":
        return "'" + text.replace("'", "''") + "'"
    if style == "l":
        keep = text.endswith("\n\n")
        chomp = "+" if keep else ("" if text.endswith("\n") else "-")
        body = text[:-1] if text.endswith("\n") else text
        pad = indent + "  "
        return "|" + chomp + "\n" + "\n".join((pad + ln) if ln else "" for ln in body.split("\n"))
    return json.dumps(text, ensure_ascii=False)


def _scalar(value: Any, indent: str) -> str:
    if type(value) is str:
        return _quote(value, indent)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return go_float(value)
    return _quote(str(value), indent)


def _emit(value: Any, indent: str, out: list[str]) -> None:
    """Append the block lines of a non-empty mapping or sequence at ``indent``."""
    sub = indent + "  "
    if isinstance(value, dict):
        for key, item in value.items():
            head = indent + _quote(key, indent) + ":"
            if isinstance(item, (dict, list)):
                if item:
                    out.append(head)
                    _emit(item, sub, out)
                else:
                    out.append(head + (" {}" if isinstance(item, dict) else " []"))
            else:
                out.append(head + " " + _scalar(item, indent))
        return
    for item in value:
        if isinstance(item, dict) and item:
            first = True
            for key, v in item.items():
                head = (indent + "- " if first else sub) + _quote(key, sub) + ":"
                first = False
                if isinstance(v, (dict, list)):
                    if v:
                        out.append(head)
                        _emit(v, sub + "  ", out)
                    else:
                        out.append(head + (" {}" if isinstance(v, dict) else " []"))
                else:
                    out.append(head + " " + _scalar(v, sub))
        elif isinstance(item, (dict, list)):
            if item:
                out.append(indent + "-")
                _emit(item, sub, out)
            else:
                out.append(indent + ("- {}" if isinstance(item, dict) else "- []"))
        else:
            out.append(indent + "- " + _scalar(item, indent))


def to_yaml(data: dict[str, Any]) -> str:
    """Block YAML as go-yaml v3 writes it with ``SetIndent(2)``."""
    out: list[str] = []
    _emit(data, "", out)
    return "\n".join(out) + "\n"


def dump_config(project: LoadedProject, fmt: str = "yaml", all_resources: bool = False) -> str:
    """Exactly what ``docker compose config [--format json]`` prints for this project."""
    _SORT[0] = None if fmt == "json" else _NATURAL
    if fmt == "json":
        data = printable_model(project, all_resources, keep_x=False)
        data.pop("models", None)
        text = json.dumps(dict(sorted(data.items())), indent=2, ensure_ascii=False)
    else:
        text = to_yaml(printable_model(project, all_resources, keep_x=True))
    return text.replace("$", "$$")
