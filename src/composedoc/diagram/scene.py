"""What a diagram shows: the graph cut to a view (focus, exclude, hidden kinds) and dressed
with labels, icons, tooltips and clusters. Every output format draws the same scene, so DOT,
SVG, PNG and Mermaid always agree on nodes and edges.
"""

from __future__ import annotations

import fnmatch
import re
import urllib.parse
from collections import deque
from collections.abc import Iterable, Mapping
from html import unescape as html_unescape
from typing import Any

from composedoc.diagram.absent import not_drawn
from composedoc.diagram.icons import service_icon
from composedoc.diagram.scene_types import (
    EDGE_ORDER,
    Scene,
    SCluster,
    SEdge,
    SNode,
    ViewOptions,
    service_name,
)
from composedoc.errors import UsageError
from composedoc.graph.kinds import NAMESPACE_KINDS
from composedoc.options import HIDEABLE

__all__ = [
    "EDGE_ORDER",
    "HIDEABLE",
    "SCluster",
    "SEdge",
    "SNode",
    "Scene",
    "ViewOptions",
    "build_scene",
    "link_for",
    "port_label",
    "service_name",
]

_KIND_OF_HIDE = {
    "ports": {"port"},
    "volumes": {"volume", "bind"},
    "networks": {"network"},
    "secrets": {"secret"},
    "configs": {"config"},
}
_SERVICE_EDGES = {
    "depends_on",
    "link",
    "network_mode",
    "ipc",
    "pid",
    "uts",
    "cgroup",
    "volumes_from",
    "build_context",
}
_CONDITIONS = {
    "service_started": "started",
    "service_healthy": "healthy",
    "service_completed_successfully": "completed",
}


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_LINK_JUNK = re.compile(r"[\x00-\x1f\x7f\\]")


def link_for(template: str, service: str) -> str:
    """The template with ``{service}`` replaced by the URL-encoded name.

    Links are the author's, but a config file may come from a pull request: relative links,
    ``#anchors`` and http(s) URLs only; ``javascript:``, ``data:`` and every other scheme are
    refused, also when spelt with entities, blanks or control characters (browsers drop
    those; Graphviz keeps ``&#58;`` as is in the SVG). Backslashes are refused too: browsers
    read them as ``/`` and Graphviz as escapes.
    """
    plain = html_unescape(template)
    if _LINK_JUNK.search(template) or _LINK_JUNK.search(plain):
        raise UsageError(
            f"--link-template {template!r}: control characters and backslashes are not allowed"
        )
    for text in (template, plain, urllib.parse.unquote(plain)):
        scheme = _SCHEME.match(re.sub(r"[\s\x00-\x1f\x7f]+", "", text))
        if scheme and scheme.group(1).lower() not in ("http", "https"):
            raise UsageError(
                f"--link-template {template!r}: only relative, #anchor and http(s) links"
                f" (not {scheme.group(1)}:)"
            )
    return template.replace("{service}", urllib.parse.quote(service, safe=""))


def _select(graph: Any, options: ViewOptions) -> set[str]:
    """Services in view: not hidden, not excluded, within reach of the focus."""
    services = {n for n, d in graph.nodes(data=True) if d.get("kind") == "service"}
    names = {service_name(n): n for n in services}
    keep = {
        n
        for name, n in names.items()
        if not graph.nodes[n].get("hidden")
        and not any(fnmatch.fnmatchcase(name, pat) for pat in options.exclude)
    }
    if not options.focus:
        return keep
    starts = {names[f] for f in options.focus if f in names and names[f] in keep}
    if not starts:
        raise UsageError(f"--focus: no such service: {', '.join(options.focus)}")
    chosen = set(starts)
    for forward in (True, False):
        queue = deque((s, 0) for s in sorted(starts))
        seen = set(starts)
        while queue:
            node, dist = queue.popleft()
            if options.depth is not None and dist >= options.depth:
                continue
            edges = graph.out_edges(node, data=True) if forward else graph.in_edges(node, data=True)
            for src, dst, data in edges:
                other = dst if forward else src
                if data.get("kind") in _SERVICE_EDGES and other in keep and other not in seen:
                    seen.add(other)
                    chosen.add(other)
                    queue.append((other, dist + 1))
    return chosen


def _short_image(image: str) -> str:
    """``registry.example.com:5000/acme/api:1.2@sha256:..`` -> ``acme/api:1.2`` (cards are
    narrow; the tooltip keeps the whole reference)."""
    image = image.split("@", 1)[0]
    first, _, rest = image.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        return rest
    return image


def _service_node(
    node_id: str,
    data: Mapping[str, Any],
    build_icon: str | None,
    icons: dict[tuple[str | None, ...], str],
) -> SNode:
    """A service card; ``icons`` remembers the icon of each (image, build icon, override)."""
    name = service_name(node_id)
    image = data.get("image") or ""
    build = data.get("build") or {}
    context = build.get("context") if isinstance(build, Mapping) else None
    sub = _short_image(image) if image else (f"build {context}" if context else "")
    if len(sub) > 34:
        sub = "…" + sub[-33:]
    tips = [name]
    if image:
        tips.append(f"image: {image}")
    if context:
        tips.append(f"build: {context}")
    if data.get("profiles"):
        tips.append("profiles: " + ", ".join(data["profiles"]))
    if data.get("description"):
        tips.append(str(data["description"]))
    which = (image or None, build_icon, data.get("icon"))
    icon = icons.get(which)
    if icon is None:
        icon = icons[which] = service_icon(*which)
    return SNode(
        id=node_id,
        kind="service",
        label=name,
        sublabel=sub,
        icon=icon,
        tooltip="\n".join(tips),
    )


def port_label(key: str) -> str:
    """``8080/tcp`` as is; an ephemeral port ``127.0.0.1:*9000@api/tcp`` as
    ``127.0.0.1:*:9000/tcp`` (any host port, container port 9000)."""
    if "@" not in key:
        return key
    head, _, rest = key.partition("@")
    prefix, _, target = head.rpartition("*")
    return f"{prefix}*:{target}/{rest.rpartition('/')[2]}"


def _short_path(path: str, limit: int = 40) -> str:
    """A long bind path as ``…/<last two parts>`` (the tooltip has it whole)."""
    if len(path) <= limit:
        return path
    parts = path.rstrip("/").split("/")
    return "…/" + "/".join(parts[-2:])


def _resource_node(node_id: str, data: Mapping[str, Any]) -> SNode:
    kind = data.get("kind", "")
    key = node_id.split(":", 1)[1]
    flags = {f for f in ("external", "internal") if data.get(f)}
    label, sub = key, ""
    if kind == "port":
        label = port_label(key)
    elif kind == "bind":
        label = _short_path(str(data.get("path") or key))
    elif kind in ("volume", "network", "secret", "config"):
        name = str(data.get("name") or key)
        sub = name if name != key and not name.endswith("_" + key) else ""
    if kind == "network" and data.get("driver") not in (None, "bridge"):
        sub = str(data.get("driver"))
    tip = [f"{kind}: {data.get('path') or label if kind == 'bind' else label}"]
    tip += [f"{f}" for f in sorted(flags)]
    if kind == "port" and data.get("ephemeral"):
        tip.append("host port picked by Docker (ephemeral)")
    if kind in ("secret", "config") and data.get("source"):
        tip.append(f"source: {data['source']}")
    return SNode(node_id, kind, label, sub, None, "\n".join(tip), flags=frozenset(flags))


def _edge(src: str, dst: str, key: str, data: Mapping[str, Any]) -> SEdge:
    """The drawn arrow of one graph edge; the container side of a grant is in the edge key."""
    kind = data.get("kind", "")
    inside = key.split(":", 1)[1] if ":" in str(key) else ""
    if kind == "depends_on":
        cond = _CONDITIONS.get(str(data.get("condition") or "service_started"), "started")
        optional = data.get("required") is False
        label = cond + (" (optional)" if optional else "")
        if label == "started":
            label = ""  # the default: grey and the legend say it; fewer labels, fewer crossings
        return SEdge(src, dst, kind, label, "dashed" if optional else "solid", tone=cond)
    if kind == "publish":
        shown = inside and "@" not in dst  # an ephemeral ``*:9555`` says it already
        return SEdge(dst, src, kind, f"→ :{inside}" if shown else "", "bold")
    if kind == "mount":
        ro = bool(data.get("read_only"))
        label = inside + (" (ro)" if ro else "")
        return SEdge(src, dst, kind, label, "dashed" if ro else "solid")
    if kind == "network":
        return SEdge(src, dst, kind, "", "dotted", undirected=True)
    if kind == "link":
        alias = data.get("alias")
        return SEdge(src, dst, kind, f"link {alias}" if alias else "link", "bold")
    if kind == "volumes_from":
        return SEdge(src, dst, kind, "volumes_from" + (" (ro)" if data.get("read_only") else ""))
    if kind in NAMESPACE_KINDS:
        return SEdge(src, dst, kind, kind, "dashed")
    if kind == "build_context":
        return SEdge(src, dst, kind, "build context", "dotted")
    if kind in ("secret", "config"):
        return SEdge(src, dst, kind, inside if inside.startswith("/") else "", "dotted")
    return SEdge(src, dst, kind or "edge", kind)


def build_scene(
    graph: Any,
    options: ViewOptions | None = None,
    build_icons: Mapping[str, str] | None = None,
) -> Scene:
    """Cut ``graph`` (ARCHITECTURE.md, graph contract) to the view and dress every node for drawing.

    ``build_icons`` maps service node ids to icons found in their build contexts (the caller
    reads files; this module does not).
    """
    options = options or ViewOptions()
    build_icons = build_icons or {}
    keep = _select(graph, options)
    hidden_kinds = set().union(*(_KIND_OF_HIDE[h] for h in options.hide if h in _KIND_OF_HIDE))
    title = options.title or str(graph.graph.get("name") or "project")
    if options.focus:
        depth = "" if options.depth is None else f", depth {options.depth}"
        title += f": focus on {', '.join(options.focus)}{depth}"
    scene = Scene(title=title, options=options)
    icons: dict[tuple[str | None, ...], str] = {}
    for node_id in sorted(keep):
        node = _service_node(node_id, graph.nodes[node_id], build_icons.get(node_id), icons)
        if options.link_template:
            node.url = link_for(options.link_template, service_name(node_id))
        if service_name(node_id) in options.focus:
            node.flags = frozenset({"focus"})
        scene.nodes[node_id] = node
    edges: set[SEdge] = set()
    for src in sorted(keep):
        for _, dst, key, data in graph.out_edges(src, keys=True, data=True):
            dst_kind = graph.nodes[dst].get("kind")
            if dst_kind == "service" and dst not in keep:
                continue
            if dst_kind in hidden_kinds:
                continue
            edges.add(_edge(src, dst, str(key), data))
            if dst not in scene.nodes:
                scene.nodes[dst] = _resource_node(dst, graph.nodes[dst])
    _host_modes(graph, keep, scene, edges)
    scene.edges = sorted(_merge_ports(scene, edges), key=EDGE_ORDER)
    scene.nodes = dict(sorted(scene.nodes.items()))
    scene.files = {n: graph.nodes[n]["file"] for n in sorted(keep) if graph.nodes[n].get("file")}
    _assign_clusters(scene, {n: graph.nodes[n].get("group") for n in keep})
    left_out = not_drawn(graph, options.inactive, options.exclude)
    scene.note = " · ".join(filter(None, [scene.note, left_out]))
    return scene


def _merge_ports(scene: Scene, edges: set[SEdge]) -> set[SEdge]:
    """One entry box per service listing its published ports (``8080/tcp → :80``).

    A column of one box per port made tall pictures with long crossing edges (eShop: 30
    ports); the box keeps every host ip, port and protocol and sits right before its service.
    """
    by_service: dict[str, list[SEdge]] = {}
    users: dict[str, int] = {}
    for edge in edges:
        if edge.kind == "publish":
            by_service.setdefault(edge.target, []).append(edge)
            users[edge.source] = users.get(edge.source, 0) + 1
    for service, published in by_service.items():
        published = [e for e in sorted(published) if users[e.source] == 1]
        if len(published) < 2:
            continue
        lines = [f"{scene.nodes[e.source].label} {e.label}".strip() for e in published]
        first = published[0].source
        for edge in published:
            edges.discard(edge)
            if edge.source != first:
                del scene.nodes[edge.source]
        node = scene.nodes[first]
        node.label = "\n".join(lines)
        node.tooltip = "published ports:\n" + "\n".join(lines)
        edges.add(SEdge(first, service, "publish", "", "bold"))
    return edges


def _host_modes(graph: Any, keep: Iterable[str], scene: Scene, edges: set[SEdge]) -> None:
    """``network_mode: host`` (and ``none``) join a special node: no graph edge holds them."""
    for node_id in sorted(keep):
        mode = graph.nodes[node_id].get("network_mode")
        if mode in ("host", "none"):
            target = f"netmode:{mode}"
            scene.nodes.setdefault(
                target, SNode(target, "hostnet", f"{mode} network", tooltip=f"network_mode: {mode}")
            )
            edges.add(SEdge(node_id, target, "network_mode", "network_mode", "dashed"))


def _assign_clusters(scene: Scene, groups: Mapping[str, str | None]) -> None:
    """Author groups first; else a service in exactly one network sits in that network's box;
    when networks do not separate the stack, its compose files do (an ``include``d file).

    A service on several networks stays outside the boxes and lists them on its card (one
    line instead of an edge per network: edges to shared networks are what made large stacks
    unreadable). Network nodes themselves are never drawn.
    """
    nets: dict[str, list[str]] = {}
    for edge in scene.edges:
        if edge.kind == "network":
            nets.setdefault(edge.source, []).append(edge.target)
    services = [n for n in scene.nodes.values() if n.kind == "service"]
    networks = sorted({t for targets in nets.values() for t in targets})
    everyone_same = len(networks) == 1 and all(len(nets.get(s.id, [])) == 1 for s in services)
    scene.memberships = {
        sid: [scene.nodes[n].label for n in sorted(targets)] for sid, targets in nets.items()
    }
    if everyone_same:
        scene.note = f"all services on network {_network_text(scene.nodes[networks[0]])}"
    several_files = len({scene.files.get(s.id) for s in services}) > 1
    by_file = len(networks) <= 1 and several_files
    for service in services:
        group = groups.get(service.id)
        joined = sorted(nets.get(service.id, []))
        if group:
            cid = f"group:{group}"
            scene.clusters.setdefault(cid, SCluster(cid, group, frozenset({"group"})))
            service.cluster = cid
        elif by_file and service.id in scene.files:
            cid = f"file:{scene.files[service.id]}"
            scene.clusters.setdefault(cid, SCluster(cid, cid[5:], frozenset({"file"})))
            service.cluster = cid
        elif len(joined) == 1 and not everyone_same:
            net = scene.nodes[joined[0]]
            scene.clusters.setdefault(net.id, SCluster(net.id, net.label, net.flags))
            service.cluster = net.id
        if joined and not everyone_same and (len(joined) > 1 or group):
            service.networks = tuple(_network_text(scene.nodes[n]) for n in joined)
            service.tooltip += "\nnetworks: " + ", ".join(service.networks)
        if several_files and service.id in scene.files:
            service.tooltip += f"\nfile: {scene.files[service.id]}"
    for net_id in networks:
        del scene.nodes[net_id]
    scene.edges = [e for e in scene.edges if e.kind != "network"]


def _network_text(node: SNode) -> str:
    """``back (internal)``: the network's name with its flags."""
    marks = sorted(node.flags & {"internal", "external"})
    return node.label + (f" ({', '.join(marks)})" if marks else "")
