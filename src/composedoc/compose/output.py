"""Print a loaded project exactly as ``docker compose config`` does.

Compose marshals Go structs: keys come in struct field order (the tables in
``output_order``), Go maps come sorted, zero values of ``omitempty`` fields are left out,
service-level ``x-*`` keys are kept in YAML but dropped in JSON, and every ``$`` of the text is
doubled. Unused networks, volumes, secrets and configs are dropped unless ``all_resources``.
The YAML text comes from ``goyaml``.
"""

from __future__ import annotations

from typing import Any

from composedoc.compose.goyaml import natural_key, to_yaml
from composedoc.compose.output_order import FILE_OBJECT, MODEL, NETWORK, SERVICE, VOLUME, Spec
from composedoc.compose.types import LoadedProject


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
    """Plain dicts (keys in print order) and lists; a loop, so depth never meets the
    recursion limit."""
    if not isinstance(value, dict | list):
        return value
    root: Any = {} if isinstance(value, dict) else []
    stack: list[tuple[Any, Any]] = [(value, root)]
    while stack:
        src, dst = stack.pop()
        if isinstance(src, dict):
            for key in _sorted(src):
                item = src[key]
                if isinstance(item, dict | list):
                    new: Any = {} if isinstance(item, dict) else []
                    stack.append((item, new))
                    item = new
                dst[key] = item
        else:
            for item in src:
                if isinstance(item, dict | list):
                    new = {} if isinstance(item, dict) else []
                    stack.append((item, new))
                    item = new
                dst.append(item)
    return root


def _used_resources(services: dict[str, Any]) -> dict[str, set[str]]:
    """compose-go ``WithoutUnnecessaryResources``: what the active services refer to."""
    used: dict[str, set[str]] = {
        k: set() for k in ("networks", "volumes", "secrets", "configs", "models")
    }
    for service in services.values():
        used["networks"].update(service.get("networks") or {})
        for volume in _entries(service.get("volumes")):
            if volume.get("type") == "volume" and volume.get("source"):
                used["volumes"].add(volume["source"])
        for secret in _entries(service.get("secrets")):
            used["secrets"].add(secret.get("source"))
        build = service.get("build")
        if isinstance(build, dict):
            for secret in _entries(build.get("secrets")):
                used["secrets"].add(secret.get("source"))
        for config in _entries(service.get("configs")):
            used["configs"].add(config.get("source"))
        used["models"].update(service.get("models") or {})
    return used


def _entries(value: Any) -> list[Any]:
    """The long-form entries of a list; without interpolation some stay as written."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def printable_model(project: LoadedProject, all_resources: bool, keep_x: bool) -> dict[str, Any]:
    """The project as Compose prints it (before ``$`` escaping), keys in Compose's order."""
    model = project.model
    services = model.get("services") or {}
    top: dict[str, Any] = {"name": project.name}
    top["services"] = {
        name: _order(_service_view(services[name]), SERVICE, keep_x, "service")
        for name in _sorted(services)
    }
    used = None if all_resources else _used_resources(services)
    for kind, spec in (
        ("networks", NETWORK),
        ("volumes", VOLUME),
        ("secrets", FILE_OBJECT),
        ("configs", FILE_OBJECT),
        ("models", MODEL),
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
        from composedoc.compose.gojson import go_json  # here: only json needs it

        text = go_json(dict(sorted(data.items())))
    else:
        text = to_yaml(printable_model(project, all_resources, keep_x=True))
    return text.replace("$", "$$")
