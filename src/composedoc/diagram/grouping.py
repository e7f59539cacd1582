"""Large stacks: split one scene into an overview plus one scene per group.

A picture of more than :data:`SPLIT_AT` services is not legible at 100 % zoom (at 60
generated services it reached 7,000 px and 5 crossings per edge), so services are grouped:
by the author's ``group`` annotation, else by compose file when networks do not separate the
stack (the scene's ``file:`` clusters: an ``include``d file is a part of its own), else by
network (a service on several networks goes with the network most of its neighbours share),
else into ``other``. The overview draws one
box per group and the dependencies between groups; each group's scene keeps full detail and
shows services of other groups it touches as dashed ghosts.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from collections import Counter
from dataclasses import dataclass, replace

from composedoc.diagram.scene import Scene, SCluster, SEdge, SNode, service_name
from composedoc.diagram.styled_dot import cluster_kind

SPLIT_AT = 12
"""Service cards (after abstraction) above which a stack is drawn as groups."""
GROUP_AT = 9
"""A group of more cards than this is split again by its dependencies (when they divide it:
a group of 12 generated services drew 0.3 crossings per edge, its two halves none)."""
OVERVIEW_EDGES_PER_GROUP = 1.0
OVERVIEW_LINKED_GROUPS = 24
_RESOURCE_KINDS = ("port", "volume", "bind", "secret", "config", "container", "hostnet")


@dataclass
class Split:
    """The overview and the group scenes, keyed by a file-name-safe group slug."""

    overview: Scene
    groups: dict[str, Scene]


def needs_split(scene: Scene, limit: int = SPLIT_AT) -> bool:
    """More services than one legible picture holds."""
    return sum(1 for n in scene.nodes.values() if n.kind == "service") > limit


MAX_SLUG = 64
"""Longest group slug in bytes: group files are ``<stem>.<slug>.<ext>`` and a file name has
at most 255 bytes (a 300-character group name made the whole render fail)."""


def slug(text: str) -> str:
    """A file-name-safe, stable name for a group; cut with a hash of the whole when long."""
    out = "".join(c if c.isalnum() or c in "-_" else "-" for c in text.lower()).strip("-")
    if len(out.encode("utf-8")) > MAX_SLUG:
        digest = hashlib.sha256(out.encode("utf-8")).hexdigest()[:12]
        head = out.encode("utf-8")[: MAX_SLUG - 13].decode("utf-8", "ignore").rstrip("-")
        out = f"{head}-{digest}"
    return out or "group"


def assign_groups(scene: Scene, memberships: dict[str, list[str]]) -> dict[str, str]:
    """Service id -> group label (annotation or file cluster, network, or ``other``)."""
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
        if node.cluster and node.cluster.startswith(("group:", "file:")):
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


def split_scene(
    scene: Scene, groups: dict[str, str] | None = None, with_parts: bool = True
) -> Split:
    """Overview plus one scene per group (``groups``: :func:`assign_groups`, if known);
    ``with_parts=False`` leaves the group scenes out (a page that embeds the overview only)."""
    groups = groups if groups is not None else assign_groups(scene, scene.memberships)
    names = sorted(set(groups.values()))
    slugs: dict[str, str] = {}
    taken: set[str] = set()  # slugs.values(), as a set: 10,000 services make 1,400 groups
    for name in names:
        base = slug(name.removesuffix(".yaml").removesuffix(".yml"))
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        slugs[name] = candidate
        taken.add(candidate)
    if not with_parts:
        return Split(_overview(scene, groups, slugs), {})
    edges: dict[str, list[SEdge]] = {name: [] for name in names}
    for edge in scene.edges:  # one pass: an edge belongs to the groups of its services
        touched = {groups[end] for end in (edge.source, edge.target) if end in groups}
        for group in sorted(touched):
            edges[group].append(edge)
    members: dict[str, set[str]] = {name: set() for name in names}
    for sid, group in groups.items():
        members[group].add(sid)
    parts = {slugs[g]: _group(scene, groups, g, edges[g], members[g]) for g in names}
    return Split(_overview(scene, groups, slugs), parts)


def _group(
    scene: Scene, groups: dict[str, str], name: str, edges: list[SEdge], mine: set[str]
) -> Scene:
    """The group's services in full; each other group it depends on is one stub.

    A stub per group, not a ghost per service: ghosts of a hub's 20 dependents made the
    group pictures as wide as the whole stack. The stub names the services it stands for
    (``-> 3 services in consumers``, names in its tooltip) and each edge to it is drawn once,
    with a count. Edges from other groups are drawn in those groups' pictures; here the
    card's tooltip names them (a stub at both ends of the picture pulled arcs across it).
    No boxes: the only one a group could hold is the group itself, which the title names.
    """
    part = Scene(f"{scene.title}: {name}", scene.options, note=scene.note)
    used = set(mine)  # mine: the group's services, computed once for every group
    callers: dict[str, set[str]] = {}
    kept = []
    for edge in edges:
        if edge.source in groups and edge.source not in mine:
            callers.setdefault(edge.target, set()).add(edge.source)
            continue
        kept.append(edge)
        used.add(edge.source)
        used.add(edge.target)
    boxes: dict[str, SCluster] = {}
    away: dict[str, list[str]] = {}
    for node_id in sorted(used):
        node = scene.nodes[node_id]
        if node.kind == "service" and groups[node_id] != name:
            away.setdefault(groups[node_id], []).append(node_id)
            continue
        if node.kind == "service" and node.cluster in scene.clusters:
            boxes[node.cluster] = scene.clusters[node.cluster]
        part.nodes[node_id] = replace(node, cluster=None)
        if node_id in callers:
            who = sorted(f"{_names(scene, c)} (in {groups[c]})" for c in callers[node_id])
            part.nodes[node_id].tooltip += "\nused from other groups: " + ", ".join(who)
    stub_of: dict[str, str] = {}
    for other, ids in sorted(away.items()):
        stub = f"stub:{other}"
        names = [n for i in ids for n in (scene.nodes[i].members or (scene.nodes[i].label,))]
        count = f"{len(names)} services" if len(names) > 1 else names[0]
        part.nodes[stub] = SNode(
            stub,
            "ghost",
            f"→ {count} in {other}",
            sublabel=_wrapped(names) if len(names) > 1 else "",
            tooltip=f"group {other}: " + ", ".join(names),
        )
        stub_of.update((i, stub) for i in ids)
        part.last_rank.append(stub)
    networks = sorted(box.label for box in boxes.values() if cluster_kind(box) == "network")
    if networks:
        said = f"network {', '.join(networks)}: a card without a net: line is on it alone"
        part.note = f"{part.note}; {said}" if part.note else said
    part.edges = _counted(kept, stub_of)
    return part


def _names(scene: Scene, card: str) -> str:
    node = scene.nodes[card]
    return ", ".join(node.members) if node.members else node.label


def _wrapped(names: list[str], per_line: int = 3) -> str:
    return "\n".join(", ".join(names[i : i + per_line]) for i in range(0, len(names), per_line))


def _counted(edges: list[SEdge], stub_of: dict[str, str]) -> list[SEdge]:
    """Edges with their far ends moved onto stubs, each drawn once (``xN`` when merged)."""
    counts: Counter[SEdge] = Counter()
    for edge in edges:
        label, many = _count_of(edge.label)
        counts[
            replace(
                edge,
                source=stub_of.get(edge.source, edge.source),
                target=stub_of.get(edge.target, edge.target),
                label=label,
            )
        ] += many
    out = []
    for edge, count in counts.items():
        if count > 1:
            edge = replace(edge, label=f"{edge.label} x{count}".strip())
        out.append(edge)
    return sorted(out)


def _count_of(label: str) -> tuple[str, int]:
    """``healthy x3`` -> (``healthy``, 3): a stacked card's edge already stands for three."""
    head, _, tail = label.rpartition("x")
    if tail.isdigit() and (not head or head.endswith(" ")):
        return head.strip(), int(tail)
    return label, 1


def _overview(scene: Scene, groups: dict[str, str], slugs: dict[str, str]) -> Scene:
    """One node per group listing its services; edges count what crosses between groups."""
    options = replace(scene.options, legend=False)  # the edge legend means nothing here
    over = Scene(f"{scene.title} (overview)", options, note=scene.note)
    members: dict[str, list[str]] = {}
    for sid, group in sorted(groups.items()):
        card = scene.nodes[sid]
        members.setdefault(group, []).extend(card.members or (service_name(sid),))
    ports: Counter[str] = Counter()
    crossing: Counter[tuple[str, str]] = Counter()
    for edge in scene.edges:
        src, dst = groups.get(edge.source), groups.get(edge.target)
        if edge.kind == "publish" and dst:
            ports[dst] += 1
        elif src and dst and src != dst:
            crossing[(src, dst)] += _count_of(edge.label)[1]
    for group, services in members.items():
        gid = f"group:{group}"
        lines = [", ".join(services[i : i + 4]) for i in range(0, len(services), 4)]
        count = ports[group]
        extra = f"\n{count} published port{'' if count == 1 else 's'}" if count else ""
        over.nodes[gid] = SNode(
            gid,
            "group",
            f"{group}  ({len(services)} service{'' if len(services) == 1 else 's'})",
            sublabel="\n".join(lines) + extra,
            tooltip=f"{group}: " + ", ".join(services),
            flags=frozenset({"slug:" + slugs[group]}),
        )
    if len(members) > OVERVIEW_LINKED_GROUPS:
        _grid(over, sorted(members))
        over.note = (over.note + "; " if over.note else "") + (
            f"{len(members)} groups: links between them are in each group's diagram"
        )
        return over
    # every pair linked is a hairball past a few groups (and dot needs minutes for it):
    # keep the strongest links, say how many were left out
    ranked = _backbone_first(crossing)
    limit = max(round(OVERVIEW_EDGES_PER_GROUP * len(members)), 8)
    kept = sorted(ranked[:limit])
    if len(ranked) > limit:
        left = sum(count for _, count in ranked[limit:])
        over.note = (over.note + "; " if over.note else "") + (
            f"{len(ranked) - limit} weaker links between groups ({left} edges) left out;"
            " each group's diagram shows them all"
        )
    for (src, dst), count in kept:
        label = f"{count} link" + ("s" if count > 1 else "")
        over.edges.append(SEdge(f"group:{src}", f"group:{dst}", "group_link", label))
    return over


def _backbone_first(crossing: Counter[tuple[str, str]]) -> list[tuple[tuple[str, str], int]]:
    """Links strongest first, but those of a maximum spanning forest before all others: the
    forest keeps every linked group reachable and draws without crossings."""
    ranked = sorted(crossing.items(), key=lambda item: (-item[1], item[0]))
    parent: dict[str, str] = {}

    def root(group: str) -> str:
        while parent.get(group, group) != group:
            group = parent[group]
        return group

    backbone, rest = [], []
    for (src, dst), count in ranked:
        a, b = root(src), root(dst)
        if a != b:
            parent[a] = b
            backbone.append(((src, dst), count))
        else:
            rest.append(((src, dst), count))
    return backbone + rest


def _grid(over: Scene, groups: list[str]) -> None:
    """Many groups: an index in rows, no links drawn (with 125 groups the linked overview was
    7,600 x 10,600 px at 9 crossings per edge).

    Rows top to bottom: each row is one rank (``rank=same`` plus an invisible chain, which
    keeps names in order), the row heads are chained downwards.
    """
    over.options = replace(over.options, direction="TB")
    width = max(1, math.isqrt(len(groups) - 1) + 1)
    rows = [[f"group:{g}" for g in groups[i : i + width]] for i in range(0, len(groups), width)]
    for row in rows:
        over.same_rank.append(row)
        for left, right in itertools.pairwise(row):
            over.edges.append(SEdge(left, right, "grid", style="invis"))
    for upper, lower in itertools.pairwise(rows):
        over.edges.append(SEdge(upper[0], lower[0], "grid", style="invis"))
