"""Large stacks: split one scene into an overview plus one scene per group.

A picture of more than :data:`SPLIT_AT` services is not legible at 100 % zoom (at 60
generated services it reached 7,000 px and 5 crossings per edge), so services are grouped:
by the author's ``group`` annotation, else by network (a service on several networks goes
with the network most of its neighbours share), else into ``other``. The overview draws one
box per group and the dependencies between groups; each group's scene keeps full detail and
shows services of other groups it touches as dashed ghosts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from composedoc.render.scene import Scene, SEdge, SNode, service_name

SPLIT_AT = 30
_RESOURCE_KINDS = ("port", "volume", "bind", "secret", "config", "container", "hostnet")


@dataclass
class Split:
    """The overview and the group scenes, keyed by a file-name-safe group slug."""

    overview: Scene
    groups: dict[str, Scene]


def needs_split(scene: Scene, limit: int = SPLIT_AT) -> bool:
    """More services than one legible picture holds."""
    return sum(1 for n in scene.nodes.values() if n.kind == "service") > limit


def slug(text: str) -> str:
    """A file-name-safe, stable name for a group."""
    out = "".join(c if c.isalnum() or c in "-_" else "-" for c in text.lower()).strip("-")
    return out or "group"


def assign_groups(scene: Scene, memberships: dict[str, list[str]]) -> dict[str, str]:
    """Service id -> group label (annotation cluster, network, or ``other``)."""
    neighbours: dict[str, set[str]] = {}
    for edge in scene.edges:
        if edge.source.startswith("service:") and edge.target.startswith("service:"):
            neighbours.setdefault(edge.source, set()).add(edge.target)
            neighbours.setdefault(edge.target, set()).add(edge.source)
    size = Counter(net for nets in memberships.values() for net in nets)
    result: dict[str, str] = {}
    for node in scene.nodes.values():
        if node.kind != "service":
            continue
        if node.cluster and node.cluster.startswith("group:"):
            result[node.id] = node.cluster.split(":", 1)[1]
            continue
        nets = memberships.get(node.id, [])
        if not nets:
            result[node.id] = "other"
            continue

        def score(net: str, me: str = node.id) -> tuple[int, int, str]:
            shared = sum(1 for n in neighbours.get(me, ()) if net in memberships.get(n, []))
            return (-shared, size[net], net)

        result[node.id] = min(nets, key=score)
    return result


def split_scene(scene: Scene) -> Split:
    """Overview plus one scene per group."""
    groups = assign_groups(scene, scene.memberships)
    names = sorted(set(groups.values()))
    slugs: dict[str, str] = {}
    for name in names:
        base = slug(name)
        candidate, n = base, 2
        while candidate in slugs.values():
            candidate, n = f"{base}-{n}", n + 1
        slugs[name] = candidate
    return Split(
        _overview(scene, groups, slugs), {slugs[g]: _group(scene, groups, g) for g in names}
    )


def _group(scene: Scene, groups: dict[str, str], name: str) -> Scene:
    members = {sid for sid, g in groups.items() if g == name}
    part = Scene(f"{scene.title}: {name}", scene.options, note=scene.note)
    edges = []
    for edge in scene.edges:
        if edge.source in members or edge.target in members:
            edges.append(edge)
    used = {e.source for e in edges} | {e.target for e in edges} | members
    for node_id, node in scene.nodes.items():
        if node_id not in used:
            continue
        if node.kind == "service" and node_id not in members:
            ghost = SNode(
                node_id,
                "ghost",
                f"{node.label}\n(in {groups[node_id]})",
                tooltip=node.tooltip,
                url=node.url,
            )
            part.nodes[node_id] = ghost
        else:
            part.nodes[node_id] = replace(node)
            if node.cluster and node.cluster in scene.clusters and node_id in members:
                part.clusters[node.cluster] = scene.clusters[node.cluster]
    for node in part.nodes.values():
        if node.cluster not in part.clusters:
            node.cluster = None
    part.edges = edges
    return part


def _overview(scene: Scene, groups: dict[str, str], slugs: dict[str, str]) -> Scene:
    """One node per group listing its services; edges count what crosses between groups."""
    over = Scene(f"{scene.title} (overview)", scene.options, note=scene.note)
    members: dict[str, list[str]] = {}
    for sid, group in sorted(groups.items()):
        members.setdefault(group, []).append(service_name(sid))
    ports: Counter[str] = Counter()
    crossing: Counter[tuple[str, str, str]] = Counter()
    for edge in scene.edges:
        src, dst = groups.get(edge.source), groups.get(edge.target)
        if edge.kind == "publish" and dst:
            ports[dst] += 1
        elif src and dst and src != dst:
            crossing[(src, dst, edge.kind)] += 1
    for group, services in members.items():
        gid = f"group:{group}"
        lines = [", ".join(services[i : i + 4]) for i in range(0, len(services), 4)]
        extra = f"\n{ports[group]} published ports" if ports[group] else ""
        over.nodes[gid] = SNode(
            gid,
            "group",
            f"{group}  ({len(services)} services)",
            sublabel="\n".join(lines) + extra,
            tooltip=f"{group}: " + ", ".join(services),
            flags=frozenset({"slug:" + slugs[group]}),
        )
    for (src, dst, kind), count in sorted(crossing.items()):
        over.edges.append(SEdge(f"group:{src}", f"group:{dst}", kind, f"{count} {kind}"))
    return over
