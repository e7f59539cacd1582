"""Layout hints: resources in their owners' boxes, bridges adopted, bundles, row order."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from composedoc.diagram.image import run_dot
from composedoc.diagram.layout import (
    adopt_bridges,
    bundle_edges,
    tuck_resources,
    wrap_isolated,
)
from composedoc.diagram.scene import Scene, SCluster, SEdge, SNode, ViewOptions
from composedoc.diagram.styled_dot import scene_to_dot


def dep(src: str, dst: str, label: str = "") -> SEdge:
    return SEdge(f"service:{src}", f"service:{dst}", "depends_on", label, tone="started")


def scene_of(services: dict[str, str | None], edges: list[SEdge]) -> Scene:
    """Services with their clusters (``network:<name>`` boxes), plus the given edges."""
    scene = Scene("t", ViewOptions())
    for name, box in services.items():
        scene.nodes[f"service:{name}"] = SNode(
            f"service:{name}", "service", name, icon="onprem/container/docker.png", cluster=box
        )
        if box:
            scene.clusters[box] = SCluster(box, box.split(":", 1)[1])
    scene.edges = sorted(edges)
    return scene


def test_complete_bipartite_dependencies_become_one_bundle() -> None:
    aggs, apis = ["a1", "a2", "a3"], [f"api{i}" for i in range(7)]
    edges = [dep(a, t) for a in aggs for t in apis] + [dep("web", "a1")]
    plain, bundles = bundle_edges(edges)
    assert plain == [dep("web", "a1")]
    assert len(bundles) == 1
    assert bundles[0].sources == tuple(f"service:{a}" for a in aggs)
    assert bundles[0].targets == tuple(sorted(f"service:{t}" for t in apis))
    assert bundle_edges(list(reversed(edges))) == (plain, bundles)  # order-free


def test_bundles_keep_looks_apart_and_leave_small_fans_alone() -> None:
    edges = [dep("a", "x"), dep("a", "y"), dep("b", "x"), dep("b", "y", "healthy")]
    plain, bundles = bundle_edges(edges)
    assert not bundles and plain == sorted(edges)
    fan = [dep("a", "x"), dep("a", "y"), dep("a", "z")]
    assert bundle_edges(fan) == (sorted(fan), [])
    square = [dep(s, t, "healthy") for s in "ab" for t in "xy"]
    plain, bundles = bundle_edges(square)
    assert not plain and bundles[0].look.label == "healthy"


def test_bundle_is_drawn_through_one_point_inside_the_shared_box() -> None:
    box = "network:back"
    scene = scene_of({n: box for n in ("a", "b", "x", "y")}, [])
    scene.edges = [dep(s, t, "healthy") for s in "ab" for t in "xy"]
    dot = scene_to_dot(scene)
    inside = dot.split('subgraph "cluster_network:back"', 1)[1].split("\n  }", 1)[0]
    assert '"bundle:1" [' in inside
    assert dot.count('-> "bundle:1"') == 2 and dot.count('"bundle:1" ->') == 2
    assert dot.count('arrowhead="none"') == 2
    # lines enter the dot from the sources' side, leave on the other, each keeps its label
    assert dot.count('headport="w"') == 2 and dot.count('tailport="e"') == 2
    assert dot.count('label="healthy"') == 2
    assert 'tooltip="depends_on (healthy): a, b -> x"' in dot
    assert 'headport="n"' in scene_to_dot(replace(scene, options=ViewOptions(direction="TB")))
    assert "each one on the left to each on the right" in dot
    assert dot == scene_to_dot(scene)


def test_resources_follow_their_services_into_one_box() -> None:
    scene = scene_of({"db": "network:back", "cache": "network:back", "web": None}, [])
    for rid, kind in (("volume:data", "volume"), ("secret:pw", "secret"), ("bind:./x", "bind")):
        scene.nodes[rid] = SNode(rid, kind, rid)
    scene.edges = [
        SEdge("service:db", "volume:data", "mount"),
        SEdge("service:db", "secret:pw", "secret"),
        SEdge("service:cache", "secret:pw", "secret"),
        SEdge("service:db", "bind:./x", "mount"),
        SEdge("service:web", "bind:./x", "mount"),
    ]
    tuck_resources(scene)
    assert scene.nodes["volume:data"].cluster == "network:back"
    assert scene.nodes["secret:pw"].cluster == "network:back"
    assert scene.nodes["bind:./x"].cluster is None  # one user outside every box


def test_bridges_join_the_box_of_all_their_neighbours() -> None:
    scene = scene_of(
        {"front": None, "lone": None, "split": None, "a": "network:back", "b": "network:back"},
        [dep("front", "a"), dep("front", "b"), dep("lone", "a"), dep("split", "a")],
    )
    scene.nodes["service:c"] = SNode("service:c", "service", "c", cluster="network:edge")
    scene.clusters["network:edge"] = SCluster("network:edge", "edge")
    scene.edges.append(dep("split", "c"))
    scene.memberships = {
        "service:front": ["back", "edge"],
        "service:lone": ["back", "edge"],
        "service:split": ["back", "edge"],
    }
    adopt_bridges(scene)
    assert scene.nodes["service:front"].cluster == "network:back"
    assert scene.nodes["service:lone"].cluster is None  # one neighbour says little
    assert scene.nodes["service:split"].cluster is None  # neighbours in two boxes


def test_bridges_only_join_boxes_of_their_own_networks() -> None:
    scene = scene_of(
        {"front": None, "a": "network:back", "b": "network:back"},
        [dep("front", "a"), dep("front", "b")],
    )
    scene.memberships = {"service:front": ["edge", "other"]}
    assert adopt_bridges(scene).nodes["service:front"].cluster is None


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_wrapped_rows_keep_reading_order(direction: str) -> None:
    scene = scene_of({f"s{i}": None for i in range(7)}, [])
    scene.options = ViewOptions(direction=direction)
    plain = run_dot(scene_to_dot(wrap_isolated(scene)), "plain").decode()
    where = {
        parts[1]: (float(parts[2]), float(parts[3]))
        for parts in (line.split() for line in plain.splitlines())
        if parts[0] == "node"
    }
    first, last = where['"service:s0"'], where['"service:s6"']
    if direction == "LR":  # rows go down the page: plain y grows upwards
        assert first[1] > last[1]
    else:  # rows are columns, left to right
        assert first[0] < last[0]
