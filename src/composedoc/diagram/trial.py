"""Lay a medium-sized scene out once to see whether it reads as one picture.

A card count alone split a 28-service shop (one picture, 0.06 crossings per edge) into seven
pictures, and kept 15-service stacks whole at 2.6 crossings per edge. Between
:data:`~composedoc.diagram.grouping.SPLIT_AT` and :data:`TRIAL_MAX` cards, Graphviz lays the
whole scene out (``dot -Tjson``, a fraction of a second at this size) and the picture stays
whole when it has at most :data:`CROSSINGS_PER_EDGE` and no side over :data:`MAX_SIDE_PX`.
Crossings are counted on the drawn splines (each cubic sampled in a few segments), pairs of
edges sharing an end left out. Without Graphviz the card count decides.
"""

from __future__ import annotations

import itertools
import json
import shutil
from dataclasses import dataclass
from typing import Any

from composedoc.diagram.scene import Scene
from composedoc.errors import OutputError

TRIAL_MAX = 40
CROSSINGS_PER_EDGE = 0.1
"""Half the 0.2 target: this count leaves out pairs of edges that share an end."""
MAX_SIDE_PX = 3500
"""Below the 4,000 px target: Graphviz on another machine may draw a little larger."""
_SAMPLES = 6

Point = tuple[float, float]


@dataclass(frozen=True)
class Trial:
    """What one layout of the whole scene measured."""

    crossings_per_edge: float
    width_px: int
    height_px: int

    @property
    def legible(self) -> bool:
        """Few crossings and no side too long to read at 100 %."""
        return (
            self.crossings_per_edge <= CROSSINGS_PER_EDGE
            and max(self.width_px, self.height_px) <= MAX_SIDE_PX
        )

    def __str__(self) -> str:
        return (
            f"{self.crossings_per_edge:.2f} crossings per edge, {self.width_px}x{self.height_px} px"
        )


def try_layout(scene: Scene) -> Trial | None:
    """Measure the scene's DOT as Graphviz lays it out; ``None`` without Graphviz."""
    from composedoc.diagram.image import run_dot
    from composedoc.diagram.styled_dot import scene_to_dot

    if shutil.which("dot") is None:
        return None
    try:
        data = json.loads(run_dot(scene_to_dot(scene), "json"))
    except (OutputError, ValueError):
        return None
    return measure(data)


def measure(data: dict[str, Any]) -> Trial:
    """Crossings per drawn edge and size of a ``dot -Tjson`` layout."""
    x0, y0, x1, y1 = (float(v) for v in str(data.get("bb", "0,0,0,0")).split(","))
    edges: list[tuple[int, int, list[Point]]] = []
    for edge in data.get("edges") or []:
        if "invis" in str(edge.get("style", "")) or "pos" not in edge:
            continue
        edges.append((int(edge["tail"]), int(edge["head"]), _polyline(str(edge["pos"]))))
    crossings = 0
    for (t1, h1, p1), (t2, h2, p2) in itertools.combinations(edges, 2):
        if {t1, h1} & {t2, h2} or not _boxes_meet(p1, p2):
            continue
        if any(
            _segments_cross(a, b, c, d)
            for a, b in itertools.pairwise(p1)
            for c, d in itertools.pairwise(p2)
        ):
            crossings += 1
    scale = 96 / 72
    return Trial(
        crossings / len(edges) if edges else 0.0,
        round((x1 - x0) * scale),
        round((y1 - y0) * scale),
    )


def _polyline(pos: str) -> list[Point]:
    """The spline of an edge's ``pos`` as points, with the arrow tips (``s,`` / ``e,``)."""
    ends: dict[str, Point] = {}
    points: list[Point] = []
    for part in pos.split():
        fields = part.split(",")
        if fields[0] in ("e", "s"):
            ends[fields[0]] = (float(fields[1]), float(fields[2]))
        else:
            points.append((float(fields[0]), float(fields[1])))
    out = ([ends["s"]] if "s" in ends else []) + points[:1]
    for i in range(0, len(points) - 3, 3):
        a, b, c, d = points[i : i + 4]
        for step in range(1, _SAMPLES + 1):
            t = step / _SAMPLES
            u = 1 - t
            out.append(
                (
                    u**3 * a[0] + 3 * u * u * t * b[0] + 3 * u * t * t * c[0] + t**3 * d[0],
                    u**3 * a[1] + 3 * u * u * t * b[1] + 3 * u * t * t * c[1] + t**3 * d[1],
                )
            )
    return out + ([ends["e"]] if "e" in ends else [])


def _boxes_meet(p: list[Point], q: list[Point]) -> bool:
    return not (
        max(x for x, _ in p) < min(x for x, _ in q)
        or max(x for x, _ in q) < min(x for x, _ in p)
        or max(y for _, y in p) < min(y for _, y in q)
        or max(y for _, y in q) < min(y for _, y in p)
    )


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Segments ab and cd meet (a touch counts, as in layout-metrics)."""

    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2 = side(c, d, a), side(c, d, b)
    d3, d4 = side(a, b, c), side(a, b, d)
    return (d1 > 0) != (d2 > 0) and (d3 > 0) != (d4 > 0)
