"""Pick the drawing direction that fits a documentation page when the user gave none.

A 20-service stack drawn left to right was 3,671 px wide; MkDocs squeezed it to 688 px, its
labels to 2-3 px. Before any layout, estimate each direction's size from the ranks dot will
make (longest path over the drawn edges) and the widest rank, with the sizes our cards have,
and keep left-to-right (the reading order of request flow) unless only top-to-bottom fits
a 1,280 px page at 100 %. Cheap (no Graphviz run) and deterministic.
"""

from __future__ import annotations

from dataclasses import replace

import networkx as nx

from composedoc.diagram.scene import Scene

AUTO = "auto"
PAGE_PX = 1280
_SIZES = {"service": (190, 120), "group": (300, 90), "ghost": (230, 50)}
_OTHER = (150, 45)
_RANKSEP, _NODESEP = 86, 43


def estimate(scene: Scene, direction: str) -> tuple[int, int]:
    """Width and height in px that dot would roughly draw ``scene`` at in ``direction``."""
    graph = nx.DiGraph()
    graph.add_nodes_from(scene.nodes)
    graph.add_edges_from(
        (e.source, e.target)
        for e in scene.edges
        if e.source in scene.nodes and e.target in scene.nodes and e.source != e.target
    )
    dag = nx.condensation(graph)
    level: dict[int, int] = {}
    for block in nx.topological_sort(dag):
        level[block] = max((level[p] + 1 for p in dag.predecessors(block)), default=0)
    ranks: dict[int, list[str]] = {}
    for block, members in dag.nodes(data="members"):
        ranks.setdefault(level[block], []).extend(members)
    along = across = 0
    for ids in ranks.values():
        sizes = [_SIZES.get(scene.nodes[i].kind, _OTHER) for i in ids]
        if direction in ("LR", "RL"):
            along = along + max(w for w, _ in sizes) + _RANKSEP
            across = max(across, sum(h + _NODESEP for _, h in sizes))
        else:
            along = along + max(h for _, h in sizes) + _RANKSEP
            across = max(across, sum(w + _NODESEP for w, _ in sizes))
    if direction in ("LR", "RL"):
        return along, across
    return across, along


def choose_direction(scene: Scene) -> str:
    """``LR`` when it fits the page width, else ``TB`` when that does, else the narrower."""
    if not scene.nodes:
        return "LR"
    lr_width, _ = estimate(scene, "LR")
    if lr_width <= PAGE_PX:
        return "LR"
    tb_width, _ = estimate(scene, "TB")
    return "TB" if tb_width < lr_width else "LR"


def fit(scene: Scene) -> Scene:
    """The scene with its direction settled (``auto`` -> LR or TB)."""
    if scene.options.direction != AUTO:
        return scene
    scene.options = replace(scene.options, direction=choose_direction(scene))
    return scene
