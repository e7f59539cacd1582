"""Drop redefined sequence entries (compose-go ``override/uncity.go``).

Runs after each merge and again after canonicalisation. When two entries of one of the
sequences below share a key, the entry stays at its **first** position and takes the **last**
value. Only sequences are deduplicated: a mapping-form ``environment`` is already unique.
Keys: ports ``host_ip:published:target/protocol`` (long form, Go ``%s``/``%d`` formatting
included) or the raw string; volumes and devices by target; secrets/configs by target (else
``/run/secrets/<source>`` / ``/<source>``); env_file by path; expose by value; everything else
by the part before ``=``. The input is not modified; unchanged containers are shared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from composedoc.compose.gostr import go_float
from composedoc.compose.located import LocList, LocMap, loc_of
from composedoc.errors import ComposeFileError, Location

__all__ = ["copy_map", "enforce_unicity", "go_str", "volume_target"]

Indexer = Callable[[Any], str]


def enforce_unicity(model: Any) -> Any:
    """Return ``model`` with duplicate sequence entries collapsed (first position, last value)."""
    if not isinstance(model, dict):
        return model
    out: LocMap | None = None
    services = model.get("services")
    if isinstance(services, dict):
        new_services = _dedupe_children(services, _dedupe_service)
        if new_services is not services:
            out = copy_map(model)
            out["services"] = new_services
    networks = model.get("networks")
    if isinstance(networks, dict):
        new_networks = _dedupe_children(networks, _dedupe_network)
        if new_networks is not networks:
            out = out if out is not None else copy_map(model)
            out["networks"] = new_networks
    return out if out is not None else model


def volume_target(spec: str, loc: Location | None = None) -> str:
    """Target of a short-syntax volume, as compose-go ``format.ParseVolume`` finds it."""
    if not spec:
        raise ComposeFileError("invalid empty volume spec", loc)
    if len(spec) <= 2:
        return spec
    fields: list[str] = []
    buffer: list[str] = []
    depth = 0
    n = len(spec)
    for i, char in enumerate([*spec, ""]):
        if char == "$" and i + 1 < n and spec[i + 1] == "{":
            depth += 1
            buffer.append(char)
            continue
        if char == "}" and depth > 0:
            depth -= 1
            buffer.append(char)
            continue
        if char == ":" and len(buffer) == 1 and buffer[0].isalpha():
            buffer.append(char)  # Windows drive letter
        elif char in (":", "") and depth == 0:
            if not buffer:
                raise ComposeFileError(f"invalid spec: {spec}: empty section between colons", loc)
            if len(fields) == 2 and char == ":":
                raise ComposeFileError(f"invalid spec: {spec}: too many colons", loc)
            fields.append("".join(buffer))
            buffer = []
        else:
            buffer.append(char)
    return fields[0] if len(fields) == 1 else fields[1]


# --- walking -----------------------------------------------------------------------------------


def _dedupe_children(parent: dict[str, Any], fn: Callable[[Any, str], Any]) -> Any:
    out: LocMap | None = None
    for name, child in parent.items():
        new = fn(child, name)
        if new is not child:
            out = out if out is not None else copy_map(parent)
            out[name] = new
    return out if out is not None else parent


def _dedupe_service(service: Any, name: str) -> Any:
    if not isinstance(service, dict):
        return service
    out: LocMap | None = None
    prefix = f"services.{name}"
    for key, value in service.items():
        new = value
        if isinstance(value, list):
            indexer = _SERVICE_INDEXERS.get(key)
            if indexer is not None:
                new = _dedupe(value, indexer, f"{prefix}.{key}")
        elif key == "build" and isinstance(value, dict):
            new = _dedupe_keys(value, _BUILD_KEYS, f"{prefix}.build")
        elif key == "deploy" and isinstance(value, dict):
            new = _dedupe_keys(value, ("labels",), f"{prefix}.deploy")
        elif key == "networks" and isinstance(value, dict):
            new = _dedupe_children(
                value,
                lambda net, n: (
                    _dedupe_keys(net, ("aliases", "link_local_ips"), f"{prefix}.networks.{n}")
                    if isinstance(net, dict)
                    else net
                ),
            )
        if new is not value:
            out = out if out is not None else copy_map(service)
            out[key] = new
    return out if out is not None else service


def _dedupe_network(network: Any, name: str) -> Any:
    if not isinstance(network, dict):
        return network
    out = _dedupe_keys(network, ("labels",), f"networks.{name}")
    ipam = out.get("ipam")
    if isinstance(ipam, dict):
        new_ipam = _dedupe_keys(ipam, ("options",), f"networks.{name}.ipam")
        if new_ipam is not ipam:
            out = out if out is not network else copy_map(network)
            out["ipam"] = new_ipam
    return out


def _dedupe_keys(mapping: dict[str, Any], keys: tuple[str, ...], path: str) -> Any:
    """Dedupe the key/value sequences found under ``keys`` of ``mapping``."""
    out: LocMap | None = None
    for key in keys:
        value = mapping.get(key)
        if isinstance(value, list):
            new = _dedupe(value, _key_value, f"{path}.{key}")
            if new is not value:
                out = out if out is not None else copy_map(mapping)
                out[key] = new
    return out if out is not None else mapping


def _dedupe(seq: list[Any], indexer: Indexer, path: str) -> list[Any]:
    try:
        keys = [indexer(entry) for entry in seq]
    except _BadEntry as exc:
        i = exc.index(seq)
        loc = loc_of(seq, i)
        raise ComposeFileError(exc.message.replace("{path}", f"{path}.[{i}]"), loc) from None
    if len(set(keys)) == len(keys):
        return seq
    positions: dict[str, int] = {}
    items: list[Any] = []
    locs: list[Location | None] = []
    for i, (key, entry) in enumerate(zip(keys, seq, strict=True)):
        loc = loc_of(seq, i)
        j = positions.get(key)
        if j is None:
            positions[key] = len(items)
            items.append(entry)
            locs.append(loc)
        else:
            items[j] = entry
            locs[j] = loc
    out = LocList(items, loc=getattr(seq, "loc", None))
    out.locs = locs
    return out


class _BadEntry(Exception):
    """An entry an indexer cannot key; ``{path}`` in the message is filled in by ``_dedupe``."""

    def __init__(self, message: str, entry: Any) -> None:
        super().__init__(message)
        self.message = message
        self.entry = entry

    def index(self, seq: list[Any]) -> int:
        return next(i for i, e in enumerate(seq) if e is self.entry)


# --- indexers ----------------------------------------------------------------------------------


def _key_value(entry: Any) -> str:
    if isinstance(entry, str):
        return entry.partition("=")[0]
    if isinstance(entry, dict | list):
        raise _BadEntry(f"{{path}}: unexpected type {type(entry).__name__}", entry)
    return go_str(entry)  # a scalar the schema will reject; do not fail here


def _volume(entry: Any) -> str:
    if isinstance(entry, dict):
        target = entry.get("target")
        if not isinstance(target, str):
            raise _BadEntry("service volume {path} is missing a mount target", entry)
        return target
    if isinstance(entry, str):
        try:
            return volume_target(entry)
        except ComposeFileError as exc:
            raise _BadEntry(exc.message, entry) from None
    return ""


def _device(entry: Any) -> str:
    if isinstance(entry, dict):
        target = entry.get("target")
        if not isinstance(target, str):
            raise _BadEntry("service device {path} is missing a mount target", entry)
        return target
    if isinstance(entry, str):
        parts = entry.split(":")
        return parts[0] if len(parts) == 1 else parts[1]
    return ""


def _expose(entry: Any) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, int) and not isinstance(entry, bool):
        return str(entry)
    raise _BadEntry(f"{{path}}: unsupported expose value {go_str(entry)}", entry)


def _mount(default: str) -> Indexer:
    def index(entry: Any) -> str:
        if isinstance(entry, str):
            return f"{default}/{entry}"
        if isinstance(entry, dict):
            if "target" in entry:
                return str(entry["target"])
            return f"{default}/{go_str(entry.get('source'))}"
        raise _BadEntry(f"{{path}}: unsupported expose value {go_str(entry)}", entry)

    return index


def _port(entry: Any) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, int) and not isinstance(entry, bool):
        return str(entry)
    if isinstance(entry, dict):
        if "target" not in entry:
            raise _BadEntry("service ports {path} is missing a target port", entry)
        host = _go_s(entry["host_ip"]) if "host_ip" in entry else "0.0.0.0"
        published = _go_s(entry.get("published"))
        protocol = _go_s(entry["protocol"]) if "protocol" in entry else "tcp"
        return f"{host}:{published}:{_go_d(entry['target'])}/{protocol}"
    return ""


def _env_file(entry: Any) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict):
        if "path" not in entry:
            raise _BadEntry("environment path attribute {path} is missing", entry)
        return str(entry["path"])
    return ""


_SERVICE_INDEXERS: dict[str, Indexer] = {
    "annotations": _key_value,
    "cap_add": _key_value,
    "cap_drop": _key_value,
    "configs": _mount(""),
    "devices": _device,
    "dns": _key_value,
    "dns_opt": _key_value,
    "dns_search": _key_value,
    "env_file": _env_file,
    "environment": _key_value,
    "expose": _expose,
    "labels": _key_value,
    "links": _key_value,
    "ports": _port,
    "profiles": _key_value,
    "secrets": _mount("/run/secrets"),
    "sysctls": _key_value,
    "tmpfs": _key_value,
    "volumes": _volume,
}

_BUILD_KEYS = ("args", "additional_contexts", "tags", "labels")


# --- Go formatting (fmt %v/%s/%d) of scalars, for keys and k=v items ---------------------------


def go_str(value: Any) -> str:
    """Go ``%v`` of a YAML scalar (``true``, ``1e+06``), for ``k=v`` items."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return go_float(value)
    if value is None:
        return "<nil>"
    return str(value)


def _go_type(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, dict):
        return "map[string]interface {}"
    if isinstance(value, list):
        return "[]interface {}"
    return "string"


def _go_s(value: Any) -> str:
    """Go ``%s``: strings as they are, anything else as ``%!s(type=value)``."""
    if isinstance(value, str):
        return value
    if value is None:
        return "%!s(<nil>)"
    return f"%!s({_go_type(value)}={go_str(value)})"


def _go_d(value: Any) -> str:
    """Go ``%d``: integers as they are, anything else as ``%!d(type=value)``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is None:
        return "%!d(<nil>)"
    return f"%!d({_go_type(value)}={go_str(value)})"


def copy_map(value: dict[str, Any]) -> LocMap:
    """Shallow copy keeping ``.loc`` and ``.locs`` (skips ``LocMap.__init__``: hot path)."""
    out = LocMap.__new__(LocMap)
    dict.update(out, value)
    out.loc = getattr(value, "loc", None)
    locs = getattr(value, "locs", None)
    out.locs = dict(locs) if locs else {}
    return out
