"""What changed between two projects, in the terms a pull-request reviewer thinks in.

The graph diff (:mod:`composedoc.ci.diff`) says which nodes and edges differ; a reviewer asks
other questions: which port of which service moved, is something now reachable from every
interface, does a database still keep its data, was an image bumped, did a password change.
This module answers them from the two typed projects, service by service. It reads raw
(unmasked) projects so a changed environment value is seen, but it only ever reports the
variable's name: no environment value, command or build argument leaves this module. Images
are shown with URL credentials masked. Items are sorted, so the same inputs give the same
review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from composedoc.ci.diff_items import STACK, Item, rank
from composedoc.mask.policy import mask_url_credentials
from composedoc.mask.provenance import unwrite_project
from composedoc.model.project import Mount, Port, Project, Service

T = TypeVar("T")

__all__ = ["STACK", "Item", "Review", "review_projects"]

_LOOPBACK = ("127.", "::1", "localhost")
_ALL_INTERFACES = ("", "0.0.0.0", "::", "[::]")


@dataclass(frozen=True)
class Review:
    """Every change, risky ones first, then by service and label."""

    items: tuple[Item, ...]

    @property
    def empty(self) -> bool:
        return not self.items

    @property
    def risky(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.risky)

    def services(self) -> list[str]:
        """Services with changes: those with risky changes first, then by name."""
        order: dict[str, bool] = {}
        for item in self.items:
            order[item.service] = order.get(item.service, False) or item.risky
        return sorted(order, key=lambda name: (not order[name], name == STACK, name))

    def of(self, service: str) -> list[Item]:
        return [item for item in self.items if item.service == service]

    def summary(self) -> list[tuple[str, bool, list[str]]]:
        """``(label, risky, services)`` per label, risky labels first, in label order."""
        found: dict[tuple[str, bool], list[str]] = {}
        for item in self.items:
            names = found.setdefault((item.label, item.risky), [])
            if item.service not in names:
                names.append(item.service)
        keys = sorted(found, key=lambda k: (not k[1], rank(k[0])))
        return [(label, risky, sorted(found[(label, risky)])) for label, risky in keys]


def review_projects(old: Project, new: Project) -> Review:
    """Compare two raw (unmasked) projects; the result never holds a secret value.

    Every field is compared as shown (values interpolated from ``.env`` or the environment
    as written, ``${TAG}``); environment values and images are also compared raw, so a
    change that only ``.env`` made is still reported, with its value masked."""
    raw_before = {s.name: s for s in old.services}
    raw_after = {s.name: s for s in new.services}
    old, new = unwrite_project(old), unwrite_project(new)
    items: list[Item] = []
    before = {s.name: s for s in old.services}
    after = {s.name: s for s in new.services}
    for name in sorted(set(before) | set(after)):
        b, a = before.get(name), after.get(name)
        if b is None and a is not None:
            items += _added(a)
        elif a is None and b is not None:
            items.append(Item(name, "service removed", old=_image(b)))
            items += [_volume_gone(name, m, "volume removed") for m in _named(b.mounts)]
        elif a is not None and b is not None:
            items += _service_changes(b, a)
            items += _raw_changes(name, b, a, raw_before[name], raw_after[name])
    covered = {i.subject for i in items if i.label == "volume removed"}
    covered |= {str(i.old) for i in items if i.label == "volume changed"}
    items += _stack_changes(old, new, covered)
    return Review(tuple(sorted(items, key=Item.sort_key)))


def _image(service: Service) -> str | None:
    if service.image:
        return mask_url_credentials(service.image)
    if service.build is not None:
        return f"build {mask_url_credentials(service.build.context)}"
    return None


def _added(service: Service) -> list[Item]:
    items = [Item(service.name, "service added", new=_image(service))]
    for port in service.ports:
        if port.published is not None and _public(port):
            items.append(
                Item(
                    service.name,
                    "exposure widened",
                    _target(port),
                    new=_endpoint(port),
                    note="new service published on all interfaces",
                    risky=True,
                )
            )
    return items


# --- ports ---------------------------------------------------------------------------------


def _public(port: Port) -> bool:
    """Reachable from other machines: no host IP or an all-interfaces address."""
    return (port.host_ip or "") in _ALL_INTERFACES


def _loopback(port: Port) -> bool:
    return (port.host_ip or "").startswith(_LOOPBACK)


def _target(port: Port) -> str:
    return f"{port.target}/{port.protocol}"


def _endpoint(port: Port) -> str:
    """``127.0.0.1:9229``, ``0.0.0.0:8080``; ``ephemeral`` when no host port is given."""
    ip = port.host_ip or "0.0.0.0"
    host = f"[{ip}]" if ":" in ip else ip
    return f"{host}:{port.published or 'ephemeral'}"


def _keyed(ports: Iterable[Port]) -> dict[tuple[str, int], Port]:
    """Ports by container port and occurrence (two entries for one container port stay two)."""
    keyed: dict[tuple[str, int], Port] = {}
    for port in sorted(ports, key=lambda p: (p.target, p.protocol, p.host_ip or "", str(p))):
        index = 0
        while (_target(port), index) in keyed:
            index += 1
        keyed[(_target(port), index)] = port
    return keyed


def _port_changes(name: str, old: tuple[Port, ...], new: tuple[Port, ...]) -> list[Item]:
    items: list[Item] = []
    before, after = _keyed(old), _keyed(new)
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        subject = key[0]
        if b is None and a is not None:
            public = _public(a)
            where = "on all interfaces" if public else f"on {a.host_ip} only"
            label = "exposure widened" if public else "port published"
            items.append(Item(name, label, subject, new=_endpoint(a), note=where, risky=public))
        elif a is None and b is not None:
            items.append(Item(name, "port removed", subject, old=_endpoint(b)))
        elif a is not None and b is not None:
            items += _port_change(name, subject, b, a)
    return items


def _port_change(name: str, subject: str, b: Port, a: Port) -> list[Item]:
    if (b.host_ip or "") != (a.host_ip or ""):
        if _public(a) and not _public(b):
            return [
                Item(
                    name,
                    "exposure widened",
                    subject,
                    _endpoint(b),
                    _endpoint(a),
                    "now on all interfaces",
                    risky=True,
                )
            ]
        note = "now loopback only" if _loopback(a) else f"now on {a.host_ip} only"
        if _public(b) and not _public(a):
            return [Item(name, "exposure narrowed", subject, _endpoint(b), _endpoint(a), note)]
        return [Item(name, "port changed", subject, _endpoint(b), _endpoint(a))]
    if b.published != a.published:
        return [
            Item(
                name,
                "port changed",
                subject,
                b.published or "ephemeral",
                a.published or "ephemeral",
            )
        ]
    return []


# --- mounts --------------------------------------------------------------------------------


def _named(mounts: Iterable[Mount]) -> list[Mount]:
    return sorted((m for m in mounts if m.type == "volume" and m.source), key=lambda m: m.target)


def _volume_gone(service: str, mount: Mount, label: str) -> Item:
    return Item(
        service,
        label,
        str(mount.source),
        old=mount.target,
        note=f"data of {service} at {mount.target} no longer persisted",
        risky=True,
    )


def _mount_changes(name: str, old: tuple[Mount, ...], new: tuple[Mount, ...]) -> list[Item]:
    items: list[Item] = []
    before = {m.target: m for m in old if m.type in ("volume", "bind")}
    after = {m.target: m for m in new if m.type in ("volume", "bind")}
    for target in sorted(set(before) | set(after)):
        b, a = before.get(target), after.get(target)
        if a is None and b is not None:
            if b.type == "volume" and b.source:
                items.append(_volume_gone(name, b, "volume removed"))
            elif b.type == "bind":
                items.append(Item(name, "bind mount removed", target, old=b.source))
        elif b is None and a is not None:
            label = "bind mount added" if a.type == "bind" else "volume added"
            items.append(Item(name, label, target, new=a.source or "anonymous volume"))
        elif a is not None and b is not None and (b.type, b.source) != (a.type, a.source):
            if b.type == "volume" and b.source:
                note = f"data of {name} at {target} now from {a.source or 'a fresh volume'}"
                items.append(
                    Item(name, "volume changed", target, b.source, a.source, note, risky=True)
                )
            else:
                items.append(Item(name, "volume changed", target, b.source, a.source))
    return items


# --- everything else -----------------------------------------------------------------------


def _image_change(name: str, old: str | None, new: str | None) -> list[Item]:
    if old == new:
        return []
    if old and new:
        repo_b, tag_b = _split_image(old)
        repo_a, tag_a = _split_image(new)
        if repo_b == repo_a:
            return [Item(name, "image bumped", repo_a, tag_b, tag_a)]
    return [Item(name, "image changed", "", old, new)]


def _split_image(image: str) -> tuple[str, str]:
    """``postgres:15`` -> ``("postgres", "15")``; no tag reads ``latest``."""
    base, _, digest = image.partition("@")
    slash = base.rfind("/")
    colon = base.rfind(":")
    if colon > slash:
        repo, tag = base[:colon], base[colon + 1 :]
    else:
        repo, tag = base, "latest"
    return repo, f"{tag}@{digest}" if digest else tag


def _sets(name: str, old: Iterable[T], new: Iterable[T], added: str, removed: str) -> list[Item]:
    b, a = {str(x) for x in old}, {str(x) for x in new}
    return [Item(name, added, x) for x in sorted(a - b)] + [
        Item(name, removed, x) for x in sorted(b - a)
    ]


def _environment(name: str, old: Service, new: Service) -> list[Item]:
    """Names only: the value of a changed variable is never shown."""
    b, a = dict(old.environment), dict(new.environment)
    items = [Item(name, "environment added", k) for k in sorted(set(a) - set(b))]
    items += [Item(name, "environment removed", k) for k in sorted(set(b) - set(a))]
    items += [
        Item(name, "environment changed", k, note="value masked")
        for k in sorted(set(a) & set(b))
        if a[k] != b[k]
    ]
    return items


def _raw_changes(name: str, b: Service, a: Service, raw_b: Service, raw_a: Service) -> list[Item]:
    """What only interpolated values changed: the same text as written, other values."""
    items = _environment(name, raw_b, raw_a)
    if b.image == a.image and raw_b.image != raw_a.image:
        items.append(Item(name, "image changed", a.image or "", note="value masked"))
    return items


def _depends(name: str, old: Service, new: Service) -> list[Item]:
    b = {d.service: d for d in old.written_depends_on}
    a = {d.service: d for d in new.written_depends_on}
    items = [Item(name, "depends_on added", k) for k in sorted(a.keys() - b.keys())]
    items += [Item(name, "depends_on removed", k) for k in sorted(b.keys() - a.keys())]
    for key in sorted(a.keys() & b.keys()):
        if a[key].condition != b[key].condition:
            items.append(Item(name, "depends_on changed", key, b[key].condition, a[key].condition))
    return items


def _value_change(name: str, label: str, old: object, new: object, show: bool = True) -> list[Item]:
    if old == new:
        return []
    if not show:
        return [Item(name, label, note="value not shown")]
    return [Item(name, label, "", _text(old), _text(new))]


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def _service_changes(old: Service, new: Service) -> list[Item]:
    name = new.name
    items = _image_change(
        name, _image(old) if old.image else None, _image(new) if new.image else None
    )
    ob, nb = old.build, new.build
    if (ob and (ob.context, ob.dockerfile, ob.target)) != (
        nb and (nb.context, nb.dockerfile, nb.target)
    ):
        items += _value_change(
            name, "build changed", _image(old) if ob else None, _image(new) if nb else None
        )
    items += _port_changes(name, old.ports, new.ports)
    items += _mount_changes(name, old.mounts, new.mounts)
    if old.env_files != new.env_files:
        items += _value_change(
            name, "env_file changed", [f for f, _ in old.env_files], [f for f, _ in new.env_files]
        )
    items += _depends(name, old, new)
    items += _sets(
        name,
        (n.network for n in old.networks),
        (n.network for n in new.networks),
        "network joined",
        "network left",
    )
    for kind in ("secret", "config"):
        items += _sets(
            name,
            (r.source for r in getattr(old, kind + "s")),
            (r.source for r in getattr(new, kind + "s")),
            f"{kind} granted",
            f"{kind} revoked",
        )
    if old.network_mode != new.network_mode:
        host = new.network_mode == "host"
        note = "now shares the host's network: every port it listens on is open" if host else ""
        items.append(
            Item(name, "network mode changed", "", old.network_mode, new.network_mode, note, host)
        )
    items += _value_change(name, "command changed", old.command, new.command, show=False)
    items += _value_change(name, "entrypoint changed", old.entrypoint, new.entrypoint, show=False)
    items += _value_change(
        name, "healthcheck changed", old.healthcheck, new.healthcheck, show=False
    )
    items += _value_change(name, "restart changed", old.restart, new.restart)
    replicas = (old.deploy and old.deploy.replicas, new.deploy and new.deploy.replicas)
    items += _value_change(name, "replicas changed", *replicas)
    items += _value_change(name, "profiles changed", old.profiles, new.profiles)
    return items


def _stack_changes(old: Project, new: Project, covered: set[str]) -> list[Item]:
    """Project name, top-level volumes and networks; a removed volume is risky unless it is
    external or a service's item already says its data is gone (one warning, not two)."""
    items: list[Item] = []
    if old.name != new.name:
        items.append(Item(STACK, "project renamed", "", old.name, new.name))
    b = {v.key: v for v in old.volumes}
    a = {v.key: v for v in new.volumes}
    for key in sorted(b.keys() - a.keys()):
        risky = not b[key].external and key not in covered
        note = "" if b[key].external else "no longer declared: its data is no longer used"
        items.append(Item(STACK, "stack volume removed", key, note=note, risky=risky))
    items += [Item(STACK, "stack volume added", k) for k in sorted(a.keys() - b.keys())]
    items += _sets(
        STACK,
        (n.key for n in old.networks),
        (n.key for n in new.networks),
        "stack network added",
        "stack network removed",
    )
    return items
