"""Layout hints a scene cannot express by its edges alone.

Graphviz puts every node without edges on the first rank: a stack of unconnected services
(``docker-compose.windows.yml`` of eShop: 8 services, no edges) became one column 257 px wide
and 1,349 px tall. Invisible edges wrap such nodes into rows so the picture is about square.

A volume, bind, secret, config or port whose services all sit in one box is drawn inside
it: outside it, dot routed its edge across the whole box (shop: long curves from ``broker``
and ``orders-db`` to their volumes crossed five other edges each).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass, replace

from composedoc.diagram.scene import Scene, SEdge

WRAP_AT = 4
"""Fewer lone nodes than this stay as they are (a short column reads fine)."""

ADOPT_AT = 2
"""A bridge joins a box when at least this many of its neighbours, and all of them, are in it."""

ORDER_KIND = "grid-order"
"""Invisible edges that only order one rank (Mermaid, which has no ranks, skips them)."""

BUNDLE_MIN = 2
"""Bundles join at least this many sources to at least this many targets."""

TUCKED = frozenset({"volume", "bind", "secret", "config", "port"})
"""Resource kinds that follow their only user into its box."""


def tuck_resources(scene: Scene) -> Scene:
    """Put each resource whose services all sit in one cluster into that cluster."""
    users: dict[str, set[str]] = {}
    for edge in scene.edges:
        for mine, other in ((edge.source, edge.target), (edge.target, edge.source)):
            if scene.nodes[mine].kind in TUCKED:
                users.setdefault(mine, set()).add(other)
    for resource, owners in users.items():
        boxes = {
            scene.nodes[o].cluster if scene.nodes[o].kind == "service" else None for o in owners
        }
        if len(boxes) == 1 and (box := boxes.pop()):
            scene.nodes[resource].cluster = box
    return scene


def adopt_bridges(scene: Scene) -> Scene:
    """A service on several networks joins the box its service neighbours mostly sit in.

    Only a box of one of its own networks (the card still lists them all), and only when
    one box holds more of its neighbours than any other: outside every box, ``storefront``
    of the shop stack was drawn below the whole picture, its edges crossing into the box.
    """
    neighbours: dict[str, list[str]] = {}
    for edge in scene.edges:
        if scene.nodes[edge.source].kind == "service" == scene.nodes[edge.target].kind:
            neighbours.setdefault(edge.source, []).append(edge.target)
            neighbours.setdefault(edge.target, []).append(edge.source)
    moves: dict[str, str] = {}
    for node in scene.nodes.values():
        if node.kind != "service" or node.cluster or node.id not in scene.memberships:
            continue
        mine = set(scene.memberships[node.id])
        votes = Counter(
            cluster
            for other in neighbours.get(node.id, [])
            if (cluster := scene.nodes[other].cluster)
            and cluster.startswith("network:")
            and scene.clusters[cluster].label in mine
        )
        count = len(neighbours.get(node.id, []))
        if len(votes) == 1 and count >= ADOPT_AT and votes.most_common(1)[0][1] == count:
            moves[node.id] = next(iter(votes))
    for node_id, cluster in moves.items():
        scene.nodes[node_id].cluster = cluster
    return scene


def wrap_isolated(scene: Scene) -> Scene:
    """Chain nodes that no edge touches into rows of about ``sqrt(n)`` nodes (in place).

    Rows follow node order (sorted ids) within each cluster, so a rerun gives the same
    picture; a chain never crosses a cluster border (that would stretch the boxes).
    """
    if scene.same_rank:  # the overview index lays itself out
        return scene
    touched = {end for edge in scene.edges for end in (edge.source, edge.target)}
    lonely: dict[str | None, list[str]] = {}
    for node in scene.nodes.values():
        if node.id not in touched:
            lonely.setdefault(node.cluster, []).append(node.id)
    for ids in lonely.values():
        if len(ids) < WRAP_AT:
            continue
        width = max(2, round(math.sqrt(len(ids))))
        rows = [ids[start : start + width] for start in range(0, len(ids), width)]
        for row in rows:
            scene.edges.extend(
                SEdge(a, b, "grid", style="invis") for a, b in itertools.pairwise(row)
            )
        # unordered, dot stacked LR rows bottom to top (the short last row on top): a flat
        # chain of the row heads in one rank keeps them in reading order in LR and TB
        heads = [row[0] for row in rows]
        scene.same_rank.append(heads)
        scene.edges.extend(
            SEdge(a, b, ORDER_KIND, style="invis") for a, b in itertools.pairwise(heads)
        )
    return scene


@dataclass(frozen=True)
class Bundle:
    """Edges of one look from every source to every target, drawn through one point."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    look: SEdge


def _look(edge: SEdge) -> SEdge:
    return replace(edge, source="", target="")


def bundle_edges(edges: list[SEdge]) -> tuple[list[SEdge], list[Bundle]]:
    """Edges left as they are, and the bundles that replace the rest.

    Three aggregators of eShop each depend on the same seven services: 21 edges, 63 of the
    drawing's 95 crossings (two sources and two targets always cross once). Drawn as three
    edges into a point and seven out of it they cross nothing. Greedy: take the biggest
    saving (``|S|*|T| - |S| - |T|``) among the sources' target sets and their pairwise
    intersections, repeat; ties go to sorted names, so a rerun gives the same bundles.
    """
    looks: dict[SEdge, dict[str, set[str]]] = {}
    plain: list[SEdge] = []
    for edge in edges:
        if edge.style == "invis" or edge.undirected or edge.source == edge.target:
            plain.append(edge)
        else:
            looks.setdefault(_look(edge), {}).setdefault(edge.source, set()).add(edge.target)
    bundles: list[Bundle] = []
    for look, out in looks.items():
        while (found := _best_biclique(out)) is not None:
            sources, targets = found
            bundles.append(Bundle(sources, targets, look))
            for source in sources:
                out[source] -= set(targets)
        plain.extend(replace(look, source=s, target=t) for s, ts in out.items() for t in sorted(ts))
    return sorted(plain), bundles


def _best_biclique(out: dict[str, set[str]]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The sources and targets of the most edges saved (at least 2 x 2), or None."""
    users: dict[str, set[str]] = {}
    for source, targets in out.items():
        for target in targets:
            users.setdefault(target, set()).add(source)
    candidates: set[frozenset[str]] = set()
    for source, targets in out.items():
        if len(targets) < BUNDLE_MIN:
            continue
        candidates.add(frozenset(targets))
        shared = Counter(o for t in targets for o in users[t] if o != source)
        candidates.update(frozenset(targets & out[o]) for o, n in shared.items() if n >= BUNDLE_MIN)
    best: tuple[int, int, tuple[str, ...], tuple[str, ...]] | None = None
    for cand in candidates:
        sources = set.intersection(*(users[t] for t in cand)) - cand
        if len(sources) < BUNDLE_MIN:
            continue
        size = len(sources) * len(cand)
        key = (
            -(size - len(sources) - len(cand)),
            -size,
            tuple(sorted(cand)),
            tuple(sorted(sources)),
        )
        if key[0] <= 0 and (best is None or key < best):
            best = key
    return None if best is None else (best[3], best[2])
