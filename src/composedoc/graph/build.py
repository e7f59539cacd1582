"""The project graph: typed nodes and edges in a networkx MultiDiGraph (ARCHITECTURE.md).

Renderers and ``composedoc graph`` read this graph; its JSON form is a public contract, so
ids, attribute names and order never depend on dict order or on the machine. Nodes and edges
are added in sorted order with stable edge keys, and every node of a kind has the same
attribute names (``None`` when unset).
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from composedoc.graph.kinds import NAMESPACE_KINDS, EdgeKind, NodeKind
from composedoc.model.project import Port, Project, Service, namespace_target, paused_gc

__all__ = ["build_graph", "graph_from_json", "graph_to_json", "port_id"]

_NODELESS_MOUNTS = ("tmpfs", "image")

Attrs = dict[str, Any]
Edge = tuple[str, str, str, Attrs]


def port_id(port: Port, service: str | None = None) -> str:
    """``port:[<ip>:]<published>/<proto>``, IPv6 host addresses in brackets.

    A port without a host port is published by Docker on an ephemeral one, so two services
    never share its node: ``port:[<ip>:]*<target>@<service>/<proto>``.
    """
    ip = port.host_ip
    prefix = ""
    if ip:
        prefix = f"[{ip}]:" if ":" in ip else f"{ip}:"
    if not port.published:
        return f"port:{prefix}*{port.target}@{service}/{port.protocol}"
    return f"port:{prefix}{port.published}/{port.protocol}"


def build_graph(project: Project) -> nx.MultiDiGraph:
    """The graph of the active services and every resource they use or the files define."""
    with paused_gc():
        return _build(project)


def _build(project: Project) -> nx.MultiDiGraph:
    nodes: dict[str, Attrs] = {}
    edges: list[Edge] = []
    active = {service.name for service in project.services}
    for network in project.networks:
        nodes[f"network:{network.key}"] = _network_attrs(
            network.name,
            network.driver,
            network.external,
            network.internal,
            attachable=network.attachable,
            enable_ipv6=network.enable_ipv6,
            subnets=list(network.subnets),
        )
    for volume in project.volumes:
        nodes[f"volume:{volume.key}"] = _volume_attrs(volume.name, volume.driver, volume.external)
    for grant_kind, resources in (("secret", project.secrets), ("config", project.configs)):
        for res in resources:
            nodes[f"{grant_kind}:{res.key}"] = _grant_attrs(
                grant_kind, res.name, res.external, res.source, res.file, res.environment
            )
    for service in project.services:
        nodes[f"service:{service.name}"] = _service_attrs(service)
        _service_edges(service, active, nodes, edges)

    graph = nx.MultiDiGraph(
        name=project.name, files=list(project.files), profiles=sorted(project.profiles)
    )
    graph.add_nodes_from(sorted(nodes.items()))
    edges.sort(key=lambda e: (e[0], e[1], e[2]))
    add_edge = graph.add_edge  # cheaper than add_edges_from, which re-reads every edge
    for source, target, key, attrs in edges:
        add_edge(source, target, key, **attrs)
    return graph


def _service_attrs(service: Service) -> Attrs:
    build = service.build
    tmpfs = [entry.split(":", 1)[0] for entry in service.tmpfs]
    tmpfs += [m.target for m in service.mounts if m.type == "tmpfs"]
    health = service.healthcheck
    ann = service.annotation
    return {
        "kind": NodeKind.SERVICE,
        "name": service.name,
        "image": service.image,
        "build": None
        if build is None
        else {"context": build.context, "dockerfile": build.dockerfile, "target": build.target},
        "profiles": list(service.profiles),
        "container_name": service.container_name,
        "restart": service.restart,
        "replicas": service.deploy.replicas if service.deploy else None,
        "healthcheck": bool(health and not health.disable and health.test),
        **{kind: getattr(service, kind) for kind in NAMESPACE_KINDS},
        "expose": list(service.expose),
        "tmpfs": tmpfs,
        "anonymous_volumes": [
            m.target for m in service.mounts if m.source is None and m.type not in _NODELESS_MOUNTS
        ],
        "image_mounts": [f"{m.source}:{m.target}" for m in service.mounts if m.type == "image"],
        "icon": ann.icon,
        "group": ann.group,
        "description": ann.description,
        "hidden": ann.hidden,
        "file": service.file,
    }


def _network_attrs(
    name: str, driver: str | None, external: bool, internal: bool, **extra: Any
) -> Attrs:
    attrs: Attrs = {
        "kind": NodeKind.NETWORK,
        "name": name,
        "driver": driver,
        "external": external,
        "internal": internal,
        "attachable": False,
        "enable_ipv6": False,
        "subnets": [],
    }
    attrs.update(extra)
    return attrs


def _volume_attrs(name: str, driver: str | None, external: bool) -> Attrs:
    return {"kind": NodeKind.VOLUME, "name": name, "driver": driver, "external": external}


def _grant_attrs(
    kind: str,
    name: str,
    external: bool,
    source: str | None,
    file: str | None,
    environment: str | None,
) -> Attrs:
    """A secret or config node: where it comes from, never what it contains."""
    return {
        "kind": kind,
        "name": name,
        "external": external,
        "source": source,
        "file": file,
        "environment": environment,
    }


def _service_edges(
    service: Service, active: set[str], nodes: dict[str, Attrs], edges: list[Edge]
) -> None:
    """Every edge that starts at ``service``, creating the resource nodes it needs."""
    me = f"service:{service.name}"

    def to_service(name: str, key: str, attrs: Attrs) -> None:
        if name in active:
            edges.append((me, f"service:{name}", key, attrs))

    def to_container(name: str, key: str, attrs: Attrs) -> None:
        nodes.setdefault(f"container:{name}", {"kind": NodeKind.CONTAINER, "name": name})
        edges.append((me, f"container:{name}", key, attrs))

    for dep in service.depends_on:
        if not dep.implicit:
            to_service(
                dep.service,
                "depends_on",
                {
                    "kind": EdgeKind.DEPENDS_ON,
                    "condition": dep.condition,
                    "required": dep.required,
                    "restart": dep.restart,
                },
            )
    for link in service.links:
        key = f"link:{link.alias}" if link.alias else "link"
        to_service(link.service, key, {"kind": EdgeKind.LINK, "alias": link.alias})
    for spec in service.external_links:
        container, _, alias = spec.partition(":")
        key = f"link:{alias}" if alias else "link"
        to_container(container, key, {"kind": EdgeKind.LINK, "alias": alias or None})
    for kind in NAMESPACE_KINDS:
        target = namespace_target(getattr(service, kind))
        if target is not None:
            send = to_service if target[0] == "service" else to_container
            send(target[1], kind, {"kind": kind})
    for vf in service.volumes_from:
        send = to_service if vf.kind == "service" else to_container
        send(vf.source, "volumes_from", {"kind": EdgeKind.VOLUMES_FROM, "read_only": vf.read_only})
    if service.build is not None:
        for name, target_service in service.build.context_services:
            to_service(
                target_service,
                f"build_context:{name}",
                {"kind": EdgeKind.BUILD_CONTEXT, "name": name},
            )
        for ref in service.build.secrets:
            _grant_edge(me, "secret", ref.source, None, ref.mode, True, nodes, edges)
    for net in service.networks:
        node = f"network:{net.network}"
        nodes.setdefault(node, _network_attrs(net.network, None, False, False))
        attrs = {
            "kind": EdgeKind.NETWORK,
            "aliases": list(net.aliases),
            "ipv4_address": net.ipv4_address,
            "ipv6_address": net.ipv6_address,
            "priority": net.priority,
        }
        edges.append((me, node, "network", attrs))
    for mount in service.mounts:
        if mount.source is None or mount.type in _NODELESS_MOUNTS:
            continue
        if mount.type in ("bind", "npipe"):
            node = f"bind:{mount.source}"
            nodes.setdefault(node, {"kind": NodeKind.BIND, "path": mount.source})
        else:
            node = f"volume:{mount.source}"
            nodes.setdefault(node, _volume_attrs(mount.source, None, False))
        attrs = {
            "kind": EdgeKind.MOUNT,
            "container_path": mount.target,
            "read_only": mount.read_only,
        }
        edges.append((me, node, f"mount:{mount.target}", attrs))
    for port in service.ports:
        node = port_id(port, service.name)
        nodes.setdefault(
            node,
            {
                "kind": NodeKind.PORT,
                "host_ip": port.host_ip,
                "published": port.published,
                "protocol": port.protocol,
                "ephemeral": not port.published,
            },
        )
        attrs = {
            "kind": EdgeKind.PUBLISH,
            "container_port": port.target,
            "protocol": port.protocol,
            "host_ip": port.host_ip,
            "published": port.published,
            "mode": port.mode,
            "app_protocol": port.app_protocol,
        }
        edges.append((me, node, f"publish:{port.target}", attrs))
    for ref in service.secrets:
        _grant_edge(me, "secret", ref.source, ref.target, ref.mode, False, nodes, edges)
    for ref in service.configs:
        _grant_edge(me, "config", ref.source, ref.target, ref.mode, False, nodes, edges)


def _grant_edge(
    me: str,
    kind: str,
    source: str,
    target: str | None,
    mode: str | None,
    build: bool,
    nodes: dict[str, Attrs],
    edges: list[Edge],
) -> None:
    node = f"{kind}:{source}"
    nodes.setdefault(node, _grant_attrs(kind, source, False, None, None, None))
    key = f"build:{source}" if build else f"{kind}:{target or source}"
    attrs = {"kind": kind, "container_path": target, "mode": mode, "build": build}
    edges.append((me, node, key, attrs))


def graph_to_json(graph: nx.MultiDiGraph) -> str:
    """The §3 JSON: node-link data, keys sorted, nodes and edges in a stable order.

    Bytes are those of ``json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)``,
    written by :func:`_indented` (``indent`` makes ``json`` use its pure-Python encoder: 3.5 s
    of 100,000 services' 16).
    """
    with paused_gc():
        data = nx.node_link_data(graph, edges="edges")
        data["nodes"].sort(key=lambda n: n["id"])
        data["edges"].sort(key=lambda e: (e["source"], e["target"], str(e.get("key"))))
        return _indented(data, "\n") + "\n"


_ENCODE: Any = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.encode_basestring


_SCALARS: dict[Any, str] = {None: "null", True: "true", False: "false"}


_TEXT = frozenset({str, NodeKind, EdgeKind})
"""Classes written as JSON strings (the kinds are ``StrEnum``)."""


def _indented(value: Any, pad: str) -> str:
    """``value`` as ``json.dumps(sort_keys=True, indent=2, ensure_ascii=False)`` writes it at
    the indentation ``pad`` (``"\\n"`` plus spaces); plain dicts, lists and scalars inline,
    anything else through ``json`` itself. Scalars are written in the loops, not by a call
    each: 3.5 million of them in 100,000 services."""
    cls = value.__class__
    if cls in _TEXT:
        return str(_ENCODE(value))
    if cls is int:
        return int.__repr__(value)
    if value is None or cls is bool:
        return _SCALARS[value]
    inner = pad + "  "
    if cls is dict and all(key.__class__ is str for key in value):
        if not value:
            return "{}"
        parts = []
        for key, item in sorted(value.items()):
            kind = item.__class__
            if kind in _TEXT:
                text = _ENCODE(item)
            elif item is None or kind is bool:
                text = _SCALARS[item]
            elif kind is int:
                text = int.__repr__(item)
            else:
                text = _indented(item, inner)
            parts.append(f"{_ENCODE(key)}: {text}")
        return "{" + inner + ("," + inner).join(parts) + pad + "}"
    if cls is list or cls is tuple:
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join(_indented(v, inner) for v in value) + pad + "]"
    text = json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)
    return text.replace("\n", pad)


def graph_from_json(text: str) -> nx.MultiDiGraph:
    """Read back what :func:`graph_to_json` wrote (renderer tests start from goldens)."""
    data = json.loads(text)
    graph: nx.MultiDiGraph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    return graph
