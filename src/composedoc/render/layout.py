"""Layout hints a scene cannot express by its edges alone.

Graphviz puts every node without edges on the first rank: a stack of unconnected services
(``docker-compose.windows.yml`` of eShop: 8 services, no edges) became one column 257 px wide
and 1,349 px tall. Invisible edges wrap such nodes into rows so the picture is about square.
"""

from __future__ import annotations

import itertools
import math

from composedoc.render.scene import Scene, SEdge

WRAP_AT = 4
"""Fewer lone nodes than this stay as they are (a short column reads fine)."""


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
        for start in range(0, len(ids), width):
            row = ids[start : start + width]
            scene.edges.extend(
                SEdge(a, b, "grid", style="invis") for a, b in itertools.pairwise(row)
            )
    return scene
