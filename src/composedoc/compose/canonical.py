"""Short syntax to long syntax: compose-go ``transform.Canonical`` plus the binding-time
conversions that change what ``docker compose config --format json`` prints (shell-split
commands, Go durations, byte sizes, octal modes, list-to-map attributes).

Input and output are LocMap/LocList trees; locations are copied so later steps can still
name ``file:line:col``. Paths stay relative (normalize resolves them).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from composedoc.compose.gostr import go_quote, go_string
from composedoc.compose.located import LocList, LocMap, loc_of
from composedoc.compose.ports import long_port, parse_port
from composedoc.compose.volumes import long_volume, parse_bytes, parse_volume
from composedoc.errors import Location, SchemaError

log = logging.getLogger("composedoc")

# ---------------------------------------------------------------- Go-style scalar helpers

_SPACES = frozenset(" \t\r\n")


def shell_split(line: str) -> list[str]:
    """Split like mattn/go-shellwords ``Parse`` (no env, no backticks); stops at ``;&|<>``."""
    args: list[str] = []
    buf: list[str] = []
    got = False
    escaped = dq = sq = bq = dollar = False
    for r in line:
        if escaped:
            buf.append(r)
            escaped, got = False, True
            continue
        if r == "\\":
            if sq:
                buf.append(r)
            else:
                escaped = True
            continue
        if r in _SPACES:
            if sq or dq or bq or dollar:
                buf.append(r)
            elif got:
                args.append("".join(buf))
                buf, got = [], False
            continue
        if r == "`" and not (sq or dq or dollar):
            bq = not bq
        elif r == ")" and not (sq or dq or bq):
            dollar = not dollar
        elif r == "(" and not (sq or dq or bq):
            if dollar or not buf or buf[-1] != "$":
                raise ValueError("invalid command line string")
            dollar = True
            buf.append(r)
            continue
        elif r == '"' and not (sq or dollar):
            got = got or dq
            dq = not dq
            continue
        elif r == "'" and not (dq or dollar):
            got = got or sq
            sq = not sq
            continue
        elif r in ";&|<>" and not (sq or dq or bq or dollar):
            if r == ">" and buf and buf[0].isdigit():
                got = False
            break
        got = True
        buf.append(r)
    else:
        if escaped or sq or dq or bq or dollar:
            raise ValueError("invalid command line string")
    if got:
        args.append("".join(buf))
    return args


_DURATION_UNITS = {
    "ns": 1,
    "us": 1_000,
    "µs": 1_000,
    "μs": 1_000,
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60_000_000_000,
    "h": 3_600_000_000_000,
}


def parse_duration(text: str) -> int:
    """Go ``time.ParseDuration`` in nanoseconds; raises ValueError."""
    s = text
    sign = 1
    if s[:1] in ("-", "+"):
        sign, s = (-1 if s[0] == "-" else 1), s[1:]
    if s == "0":
        return 0
    if not s:
        raise ValueError(text)
    total = Decimal(0)
    while s:
        i = 0
        while i < len(s) and (s[i].isdigit() or s[i] == "."):
            i += 1
        j = i
        while j < len(s) and not (s[j].isdigit() or s[j] == "."):
            j += 1
        number, unit, s = s[:i], s[i:j], s[j:]
        if unit not in _DURATION_UNITS or number in ("", "."):
            raise ValueError(text)
        try:
            total += Decimal(number) * _DURATION_UNITS[unit]
        except InvalidOperation:
            raise ValueError(text) from None
    return sign * int(total)


def format_duration(ns: int) -> str:
    """Go ``time.Duration.String`` (``1m30s``, ``1.5s``, ``100µs``, ``0s``)."""
    if ns == 0:
        return "0s"
    sign = "-" if ns < 0 else ""
    ns = abs(ns)

    def frac(value: int, digits: int) -> str:
        whole, rest = divmod(value, 10**digits)
        tail = f"{rest:0{digits}d}".rstrip("0")
        return f"{whole}.{tail}" if tail else str(whole)

    if ns < 1_000:
        return f"{sign}{ns}ns"
    if ns < 1_000_000:
        return f"{sign}{frac(ns, 3)}µs"
    if ns < 1_000_000_000:
        return f"{sign}{frac(ns, 6)}ms"
    hours, rest = divmod(ns, 3_600_000_000_000)
    minutes, rest = divmod(rest, 60_000_000_000)
    out = f"{frac(rest, 9)}s"
    if hours or minutes:
        out = f"{minutes}m{out}"
    if hours:
        out = f"{hours}h{out}"
    return sign + out


def _duration(value: Any, loc: Location | None) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return format_duration(parse_duration(value))
    except ValueError:
        raise SchemaError(f"time: invalid duration {go_quote(value)}", loc) from None


def _bytes(value: Any, loc: Location | None) -> Any:
    return value if value is None else str(parse_bytes(value, loc))


def _float(value: Any, loc: Location | None) -> Any:
    """Go float32 field (cpus): strings parsed; integral values print without ``.0``."""
    if isinstance(value, bool) or value is None:
        return value
    try:
        number = float(value)
    except ValueError:
        raise SchemaError(f"invalid cpus value: {value}", loc) from None
    return int(number) if number.is_integer() else number


def _mode(value: Any, loc: Location | None) -> Any:
    """File modes print as octal strings: 0440 (int 288) and "440" both give "0440"."""
    if isinstance(value, str):
        try:
            value = int(value, 8)
        except ValueError:
            raise SchemaError(f"invalid file mode: {value}", loc) from None
    return f"0{value:o}" if isinstance(value, int) and not isinstance(value, bool) else value


# ---------------------------------------------------------------- located container helpers


def _map(src: Any) -> LocMap:
    return LocMap(loc=loc_of(src))


def _put(out: LocMap, key: str, value: Any, loc: Location | None) -> None:
    out[key] = value
    if loc is not None:
        out.locs[key] = loc


def _copy(src: LocMap) -> LocMap:
    out = LocMap(src, loc=src.loc)
    out.locs.update(src.locs)
    return out


def _items(value: Any) -> list[tuple[Any, Location | None]]:
    if isinstance(value, LocList):
        locs = value.locs + [None] * (len(value) - len(value.locs))
        return [(item, locs[i] or value.loc) for i, item in enumerate(value)]
    return [(item, None) for item in value]


def _list(src: Any, items: list[tuple[Any, Location | None]]) -> LocList:
    out = LocList((v for v, _ in items), loc=loc_of(src))
    out.locs = [loc for _, loc in items]
    return out


def _str_list(value: Any) -> Any:
    """A string becomes a one-item list (tmpfs, dns, label_file, ...)."""
    if isinstance(value, str):
        return _list(value, [(value, None)])
    return value


def _mapping(value: Any, bare: str | None, loc: Location | None = None) -> Any:
    """``[K=V, K]`` or ``{K: V}`` -> ``{K: "V"}``; a bare ``K`` (or null) maps to ``bare``."""
    if isinstance(value, list):
        out = LocMap(loc=loc_of(value) or loc)
        for item, iloc in _items(value):
            key, sep, val = str(item).partition("=")
            _put(out, key, val if sep else bare, iloc)
        return out
    if isinstance(value, dict):
        out = _map(value)
        for key, val in value.items():
            _put(out, key, bare if val is None else go_string(val), loc_of(value, key))
        return out
    return value


def _env(value: Any, loc: Location | None) -> Any:
    return _mapping(value, None, loc)


def _labels(value: Any, loc: Location | None) -> Any:
    return _mapping(value, "", loc)


def _extra_hosts(value: Any, loc: Location | None) -> Any:
    """Printed as sorted ``host=ip`` strings; ``[::1]`` loses its brackets."""
    pairs: list[tuple[str, str, Location | None]] = []
    if isinstance(value, dict):
        for host, ips in value.items():
            for ip in ips if isinstance(ips, list) else [ips]:
                pairs.append((host, str(go_string(ip)), loc_of(value, host)))
    elif isinstance(value, list):
        for item, iloc in _items(value):
            text = str(item)
            host, sep, ip = text.partition("=")
            if not sep:
                host, _, ip = text.partition(":")
            pairs.append((host, ip, iloc))
    else:
        return value
    entries = [(f"{h}={_unbracket(ip)}", iloc) for h, ip, iloc in pairs]
    entries.sort(key=lambda e: e[0])  # Go sorts the printed "host=ip" strings
    return _list(value, entries)


def _unbracket(ip: str) -> str:
    return ip[1:-1] if ip.startswith("[") and ip.endswith("]") else ip


def _command(value: Any, loc: Location | None, what: str) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return _list(value, [(arg, loc) for arg in shell_split(value)])
    except ValueError:
        raise SchemaError(f"'{what}' invalid command line string", loc) from None


# ---------------------------------------------------------------- service attributes


def _ports(value: Any, loc: Location | None) -> Any:
    if not isinstance(value, list):
        return value
    items: list[tuple[Any, Location | None]] = []
    for item, iloc in _items(value):
        if isinstance(item, dict):
            items.append((long_port(item if isinstance(item, LocMap) else LocMap(item)), iloc))
            continue
        for entry in parse_port(item, iloc):
            port = LocMap(entry, loc=iloc)
            items.append((port, iloc))
    return _list(value, items)


def _expose(value: Any, loc: Location | None) -> Any:
    if not isinstance(value, list):
        return value
    return _list(value, [(go_string(v), iloc) for v, iloc in _items(value)])


def _volumes(value: Any, loc: Location | None) -> Any:
    if not isinstance(value, list):
        return value
    items: list[tuple[Any, Location | None]] = []
    for item, iloc in _items(value):
        if isinstance(item, dict):
            items.append((long_volume(item if isinstance(item, LocMap) else LocMap(item)), iloc))
        else:
            items.append((LocMap(parse_volume(str(item), iloc), loc=iloc), iloc))
    return _list(value, items)


def _depends_on(value: Any, loc: Location | None) -> Any:
    out = _map(value) if isinstance(value, (list, dict)) else None
    if isinstance(value, list):
        for name, iloc in _items(value):
            dep = LocMap(loc=iloc)
            dep["condition"] = "service_started"
            dep["required"] = True
            _put(out, str(name), dep, iloc)  # type: ignore[arg-type]
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
            _put(out, name, new, loc_of(value, name))
        return out
    return value


def _networks(value: Any, loc: Location | None) -> Any:
    if isinstance(value, list):
        out = _map(value)
        for name, iloc in _items(value):
            _put(out, str(name), None, iloc)
        return out
    return value


def _file_mounts(value: Any, secret: bool) -> Any:
    if not isinstance(value, list):
        return value
    items: list[tuple[Any, Location | None]] = []
    for item, iloc in _items(value):
        if isinstance(item, dict):
            new = _copy(item) if isinstance(item, LocMap) else LocMap(item)
            if "mode" in new:
                new["mode"] = _mode(new["mode"], new.loc_of("mode"))
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
    return _list(value, items)


def _secrets(value: Any, loc: Location | None) -> Any:
    return _file_mounts(value, True)


def _configs(value: Any, loc: Location | None) -> Any:
    return _file_mounts(value, False)


def _env_file(value: Any, loc: Location | None) -> Any:
    value = _str_list(value)
    if not isinstance(value, list):
        return value
    items: list[tuple[Any, Location | None]] = []
    for item, iloc in _items(value):
        if isinstance(item, dict):
            new = _copy(item) if isinstance(item, LocMap) else LocMap(item)
        else:
            new = LocMap(loc=iloc)
            new["path"] = item
        new.setdefault("required", True)
        items.append((new, iloc))
    return _list(value, items)


def _int(value: Any) -> Any:
    return int(value) if isinstance(value, str) and value.lstrip("-").isdigit() else value


def _ulimits(value: Any, loc: Location | None) -> Any:
    """``nofile: "100"`` prints as the int 100 (also ``soft``/``hard``)."""
    if not isinstance(value, dict):
        return value
    out = _copy(value) if isinstance(value, LocMap) else LocMap(value)
    for key, limit in out.items():
        if isinstance(limit, dict):
            new = _copy(limit) if isinstance(limit, LocMap) else LocMap(limit)
            for part in ("soft", "hard"):
                if part in new:
                    new[part] = _int(new[part])
            out[key] = new
        else:
            out[key] = _int(limit)
    return out


def _ssh(value: Any, loc: Location | None) -> Any:
    if isinstance(value, dict):
        items = [(k if v is None else f"{k}={v}", loc_of(value, k)) for k, v in value.items()]
        return _list(value, items)
    return _str_list(value)


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


_BUILD: dict[str, Callable[[Any, Location | None], Any]] = {
    "args": _env,
    "labels": _labels,
    "additional_contexts": _labels,
    "extra_hosts": _extra_hosts,
    "ssh": _ssh,
    "secrets": _configs,
    "shm_size": _bytes,
    "ulimits": _ulimits,
    "cache_from": lambda v, _loc: _str_list(v),
    "tags": lambda v, _loc: _str_list(v),
}


def _build(value: Any, loc: Location | None) -> Any:
    if isinstance(value, str):
        out = LocMap(loc=loc)
        _put(out, "context", value, loc)
        value = out
    if isinstance(value, dict):
        value = _apply(value, _BUILD)
    return apply_build_defaults(value)


def _healthcheck(value: Any, loc: Location | None) -> Any:
    if not isinstance(value, dict):
        return value
    out = _apply(value, _HEALTH)
    test = out.get("test")
    if isinstance(test, str):
        out["test"] = _list(test, [("CMD-SHELL", None), (test, out.loc_of("test"))])
    return out


_HEALTH = dict.fromkeys(("interval", "timeout", "start_period", "start_interval"), _duration)


def _blkio(value: Any, loc: Location | None) -> Any:
    if not isinstance(value, dict):
        return value
    out = _copy(value) if isinstance(value, LocMap) else LocMap(value)
    for key in ("device_read_bps", "device_write_bps", "device_read_iops", "device_write_iops"):
        devices = out.get(key)
        if not isinstance(devices, list):
            continue
        items: list[tuple[Any, Location | None]] = []
        for dev, iloc in _items(devices):
            if isinstance(dev, dict) and "rate" in dev:
                dev = _copy(dev) if isinstance(dev, LocMap) else LocMap(dev)
                rate = dev["rate"]
                dev["rate"] = _bytes(rate, iloc) if key.endswith("bps") else go_string(rate)
            items.append((dev, iloc))
        out[key] = _list(devices, items)
    return out


def _logging(value: Any, loc: Location | None) -> Any:
    return _apply(value, {"options": _labels}) if isinstance(value, dict) else value


_RESOURCES = {"cpus": _float, "memory": _bytes}
_POLICY = dict.fromkeys(("delay", "window", "monitor"), _duration)


def _deploy(value: Any, loc: Location | None) -> Any:
    if not isinstance(value, dict):
        return value

    def resources(res: Any, _loc: Location | None) -> Any:
        if not isinstance(res, dict):
            return res
        tiers = dict.fromkeys(("limits", "reservations"), _sub(_RESOURCES))
        return _apply(res, tiers)

    handlers = {
        "resources": resources,
        "restart_policy": _sub(_POLICY),
        "update_config": _sub(_POLICY),
        "rollback_config": _sub(_POLICY),
        "labels": _labels,
    }
    return _apply(value, handlers)


def _sub(handlers: Mapping[str, Callable[[Any, Location | None], Any]]) -> Callable[..., Any]:
    return lambda v, _loc: _apply(v, handlers) if isinstance(v, dict) else v


def _pull_policy(value: Any, loc: Location | None) -> Any:
    return "missing" if value == "if_not_present" else value


def _models(value: Any, loc: Location | None) -> Any:
    return _networks(value, loc)


_SERVICE: dict[str, Callable[[Any, Location | None], Any]] = {
    "ports": _ports,
    "expose": _expose,
    "volumes": _volumes,
    "tmpfs": lambda v, _loc: _str_list(v),
    "depends_on": _depends_on,
    "networks": _networks,
    "secrets": _secrets,
    "configs": _configs,
    "build": _build,
    "env_file": _env_file,
    "label_file": lambda v, _loc: _str_list(v),
    "healthcheck": _healthcheck,
    "dns": lambda v, _loc: _str_list(v),
    "dns_search": lambda v, _loc: _str_list(v),
    "dns_opt": lambda v, _loc: _str_list(v),
    "environment": _env,
    "labels": _labels,
    "annotations": _labels,
    "sysctls": _labels,
    "extra_hosts": _extra_hosts,
    "pull_policy": _pull_policy,
    "ulimits": _ulimits,
    "mem_limit": _bytes,
    "mem_reservation": _bytes,
    "memswap_limit": _bytes,
    "shm_size": _bytes,
    "stop_grace_period": _duration,
    "cpus": _float,
    "deploy": _deploy,
    "logging": _logging,
    "blkio_config": _blkio,
    "models": _models,
}


def _apply(
    src: dict[str, Any], handlers: Mapping[str, Callable[[Any, Location | None], Any]]
) -> LocMap:
    """Copy ``src`` with each handled key transformed (locations kept)."""
    out = _copy(src) if isinstance(src, LocMap) else LocMap(src)
    for key, value in out.items():  # only existing keys are reassigned: safe while iterating
        handler = handlers.get(key)
        if handler is not None:
            out[key] = handler(value, out.loc_of(key))
    return out


def _service(name: str, svc: Any) -> Any:
    if not isinstance(svc, dict):
        return svc
    out = _apply(svc, _SERVICE)
    for key in ("command", "entrypoint"):
        if key in out:
            out[key] = _command(out[key], out.loc_of(key), f"services[{name}].{key}")
    if out.get("dns") == []:
        del out["dns"]  # compose-go OmitEmpty: services.*.dns
    return out


# ---------------------------------------------------------------- top level


def _resource(kind: str, name: str, value: Any, loc: Location | None) -> LocMap:
    """Top-level network/volume/secret/config: null -> {}; legacy ``external: {name}``."""
    if not isinstance(value, dict):
        return LocMap(loc=loc)
    out = _apply(value, {"labels": _labels, "driver_opts": _labels})
    external = out.get("external")
    if isinstance(external, dict):
        log.warning(
            "%s.%s: external.name is deprecated. Please set name and external: true", kind, name
        )
        if "name" in external:
            out["name"] = external["name"]
        out["external"] = True
    return out


def canonicalize(model: LocMap) -> LocMap:
    """Return ``model`` with every short syntax in its long (printed) form."""
    out = _copy(model)
    services = model.get("services")
    if isinstance(services, dict):
        new = _map(services)
        new.locs.update(getattr(services, "locs", {}))
        for name, svc in services.items():
            new[name] = _service(name, svc)
        out["services"] = new
    for kind in ("networks", "volumes", "secrets", "configs"):
        if kind not in model:
            continue
        section = model[kind]
        new = _map(section) if section is not None else LocMap(loc=model.loc_of(kind))
        if isinstance(section, dict):
            new.locs.update(getattr(section, "locs", {}))
            for name, value in section.items():
                new[name] = _resource(kind, name, value, loc_of(section, name))
        out[kind] = new
    return out
