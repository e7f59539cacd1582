"""Service ``ports``: short syntax to long syntax, the way compose-go prints it.

Short specs follow docker/go-connections ``nat.ParsePortSpec`` (what compose-go's
``types.ParsePortConfig`` calls); the error texts are the same so users can search them.
"""

from __future__ import annotations

from typing import Any

from composedoc.compose.located import LocMap
from composedoc.errors import Location, SchemaError

_PROTOS = frozenset({"tcp", "udp", "sctp"})


def _split_parts(raw: str) -> tuple[str, str, str]:
    parts = raw.split(":")
    n = len(parts)
    if n == 1:
        return "", "", parts[0]
    if n == 2:
        return "", parts[0], parts[1]
    if n == 3:
        return parts[0], parts[1], parts[2]
    return ":".join(parts[:-2]), parts[-2], parts[-1]


def _split_proto(raw: str) -> tuple[str, str]:
    parts = raw.split("/")
    if not raw or not parts[0]:
        return "", ""
    if len(parts) == 1 or not parts[1]:
        return "tcp", parts[0]
    return parts[1], parts[0]


def _uint16(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise ValueError(text)
    value = int(text)
    if value > 65535:
        raise ValueError(text)
    return value


def _port_range(text: str) -> tuple[int, int]:
    if "-" not in text:
        start = _uint16(text)
        return start, start
    first, _, rest = text.partition("-")
    start, end = _uint16(first), _uint16(rest.split("-")[0])
    if end < start:
        raise ValueError(text)
    return start, end


def _valid_ip(text: str) -> bool:
    if "%" in text:  # Go's net.ParseIP has no zone support
        return False
    import ipaddress  # here: it costs 1 ms at start-up

    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def port_count(spec: Any) -> int:
    """How many entries a short-syntax port expands to, without expanding it (1 when it
    is not a valid range: :func:`parse_port` reports the error)."""
    if not isinstance(spec, str | int):
        return 1
    try:
        _, _, container = _split_parts(str(spec))
        start, end = _port_range(_split_proto(container)[1])
    except (ValueError, SchemaError):
        return 1
    return max(end - start + 1, 1)


def parse_port(spec: str | int, loc: Location | None = None) -> list[dict[str, Any]]:
    """Expand one short-syntax port into long-syntax entries (sorted like compose-go)."""
    raw = str(spec)
    ip, host, container = _split_parts(raw)
    proto, container = _split_proto(container)
    proto = proto.lower()
    if proto not in _PROTOS:
        raise SchemaError(f"invalid proto: {proto}", loc)
    if ip.startswith("["):
        if "]" not in ip or not ip.endswith("]"):
            raise SchemaError(
                f"invalid IP address {ip}: address {ip}:: missing ']' in address", loc
            )
        ip = ip[1:-1]
    if ip and not _valid_ip(ip):
        raise SchemaError(f"invalid IP address: {ip}", loc)
    if not container:
        raise SchemaError(f"no port specified: {raw}<empty>", loc)
    try:
        start, end = _port_range(container)
    except ValueError:
        raise SchemaError(f"invalid containerPort: {container}", loc) from None
    hstart = hend = 0
    if host:
        try:
            hstart, hend = _port_range(host)
        except ValueError:
            raise SchemaError(f"invalid hostPort: {host}", loc) from None
        if end - start != hend - hstart and end != start:
            raise SchemaError(
                f"invalid ranges specified for container and host Ports: {container} and {host}",
                loc,
            )
    count = end - start + 1
    keyed: list[tuple[str, dict[str, Any]]] = []
    for i in range(count):
        entry: dict[str, Any] = {"mode": "ingress"}
        if ip:
            entry["host_ip"] = ip
        entry["target"] = start + i
        if host:
            published = str(hstart + i)
            if count == 1 and hstart != hend:
                published += f"-{hend}"
            entry["published"] = published
        entry["protocol"] = proto
        keyed.append((f"{start + i}/{proto}", entry))
    keyed.sort(key=lambda item: item[0])
    return [entry for _, entry in keyed]


_LONG_ORDER = ("name", "mode", "host_ip", "target", "published", "protocol", "app_protocol")


def long_port(port: LocMap) -> LocMap:
    """Long syntax kept; ``published`` as a string, protocol/mode defaults filled in."""
    out = LocMap(loc=port.loc)
    values = dict(port)
    values.setdefault("mode", "ingress")
    values.setdefault("protocol", "tcp")
    if isinstance(values.get("published"), int) and not isinstance(values["published"], bool):
        values["published"] = str(values["published"])
    target = values.get("target")
    if isinstance(target, str) and target.isdigit():
        values["target"] = int(target)
    for key in _LONG_ORDER:
        if key in values:
            out[key] = values.pop(key)
    out.update(values)
    out.locs.update(port.locs)
    return out
