"""Groups for a stack that neither its author, its files nor its networks divide.

A 57-service stack on one network in one file was drawn as one picture 13,000 px tall,
even with ``--split``. Here the services are grouped by what they depend on: Louvain
communities of the dependency graph (networkx, fixed seed, sorted input, so a rerun gives
the same groups); services with no dependency at all go by image family (``mongo``,
``redis``), else into ``standalone``. A group is named after the name prefix most of its
members share (``user-`` -> ``user``), else after its best connected member.
"""

from __future__ import annotations

import re
from collections import Counter

import networkx as nx

from composedoc.diagram.scene import Scene, SEdge, service_name

SEED = 7
MIN_GROUP = 2
"""A community smaller than this joins the one it has most edges to."""

_TOKENS = re.compile(r"[-_.]")


def structural_groups(scene: Scene) -> dict[str, str]:
    """Service card id -> group name, for every service card of the scene."""
    cards = sorted(n.id for n in scene.nodes.values() if n.kind == "service")
    graph = nx.Graph()
    graph.add_nodes_from(cards)
    weights: Counter[tuple[str, str]] = Counter()
    for edge in scene.edges:
        ends = (edge.source, edge.target)
        if all(e in graph for e in ends) and edge.source != edge.target:
            a, b = sorted(ends)
            weights[(a, b)] += 1
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
    linked = graph.subgraph(n for n in cards if graph.degree(n)).copy()
    found: list[set[str]] = []
    if linked.number_of_nodes():
        found = [set(c) for c in nx.community.louvain_communities(linked, seed=SEED)]
    found = _absorb_small(graph, sorted(found, key=lambda c: (-len(c), min(c))))
    result: dict[str, str] = {}
    taken: set[str] = set()
    for community in found:
        name = _unique(_name(scene, graph, community), taken)
        result.update((member, name) for member in community)
    lone = [n for n in cards if not graph.degree(n)]
    families: dict[str, list[str]] = {}
    for card in lone:
        node = scene.nodes[card]
        image = node.label.split(" x ", 1)[1] if node.members else node.sublabel
        families.setdefault(_family(image.split("\n", 1)[0]), []).append(card)
    for family, members in sorted(families.items()):
        name = family if len(members) >= MIN_GROUP and family else "standalone"
        name = name if name == "standalone" else _unique(name, taken)
        result.update((m, name) for m in members)
    return result


def _absorb_small(graph: nx.Graph, found: list[set[str]]) -> list[set[str]]:
    """Communities of one service join the neighbour community they share most edges with."""
    big = [c for c in found if len(c) >= MIN_GROUP]
    if not big:
        return found
    for small in (c for c in found if len(c) < MIN_GROUP):
        for member in sorted(small):
            votes = Counter(
                index
                for neighbour in graph.neighbors(member)
                for index, group in enumerate(big)
                if neighbour in group
            )
            best = min(votes, key=lambda i: (-votes[i], i)) if votes else 0
            big[best].add(member)
    return big


def _name(scene: Scene, graph: nx.Graph, community: set[str]) -> str:
    """The first name token most members share, else the best connected member's name."""
    names = [service_name(m) for m in sorted(community)]
    firsts = Counter(_TOKENS.split(n, maxsplit=1)[0] for n in names)
    token, count = min(firsts.items(), key=lambda item: (-item[1], item[0]))
    if count * 2 > len(names) and count > 1 and len(token) >= 2:
        return token
    hub = min(community, key=lambda m: (-graph.degree(m, weight="weight"), m))
    members = scene.nodes[hub].members
    return f"around {members[0] if members else service_name(hub)}"


def _family(image: str) -> str:
    """``bitnami/redis:7`` -> ``redis``; a build or nothing -> ``""``."""
    if not image or image.startswith("build ") or " " in image:
        return ""
    return image.split(":", 1)[0].rsplit("/", 1)[-1]


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name} {n}", n + 1
    taken.add(candidate)
    return candidate


def refine(scene: Scene, groups: dict[str, str], limit: int) -> dict[str, str]:
    """Groups of more than ``limit`` cards (a big compose file, a crowded network) split
    again by :func:`structural_groups`, named ``<group> / <part>``."""
    members: dict[str, list[str]] = {}
    for card, group in sorted(groups.items()):
        members.setdefault(group, []).append(card)
    result = dict(groups)
    big = {group for group, cards in members.items() if len(cards) > limit}
    within: dict[str, list[SEdge]] = {group: [] for group in big}
    for e in scene.edges:  # one pass (one per group was quadratic), edge order kept
        source = groups.get(e.source)
        if source is not None and source in big and groups.get(e.target) == source:
            within[source].append(e)
    for group, cards in sorted(members.items()):
        if len(cards) <= limit:
            continue
        part = Scene(scene.title, scene.options)
        part.nodes = {c: scene.nodes[c] for c in cards}
        part.edges = within[group]
        parts = structural_groups(part)
        if len(set(parts.values())) > 1:
            result.update((card, f"{group} / {sub}") for card, sub in parts.items())
    return result
