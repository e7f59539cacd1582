"""The view: focus, depth, exclude, hidden, hidden kinds, clusters, labels of edges."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from composedoc.diagram.grouping import needs_split, split_scene
from composedoc.diagram.scene import Scene, ViewOptions, build_scene
from composedoc.errors import UsageError


def stack() -> Any:
    """edge -> api -> db, api -> cache; worker -> db; two networks, a port, a volume."""
    g = nx.MultiDiGraph(name="shop")
    for name, image in [
        ("edge", "nginx"),
        ("api", None),
        ("db", "postgres:16"),
        ("cache", "redis"),
        ("worker", "acme/worker"),
        ("tool", "busybox"),
    ]:
        g.add_node(
            f"service:{name}",
            kind="service",
            image=image,
            build={"context": f"./{name}"} if image is None else None,
            hidden=name == "tool",
            group=None,
            icon=None,
            description=None,
            network_mode=None,
            profiles=[],
        )
    for net, internal in [("front", False), ("back", True)]:
        g.add_node(
            f"network:{net}",
            kind="network",
            name=f"shop_{net}",
            internal=internal,
            external=False,
            driver="bridge",
        )
    g.add_node("port:8080/tcp", kind="port")
    g.add_node("volume:data", kind="volume", name="shop_data", external=False)
    g.add_edge(
        "service:edge",
        "service:api",
        "depends_on",
        kind="depends_on",
        condition="service_started",
        required=True,
    )
    g.add_edge(
        "service:api",
        "service:db",
        "depends_on",
        kind="depends_on",
        condition="service_healthy",
        required=True,
    )
    g.add_edge(
        "service:api",
        "service:cache",
        "depends_on",
        kind="depends_on",
        condition="service_completed_successfully",
        required=False,
    )
    g.add_edge(
        "service:worker",
        "service:db",
        "depends_on",
        kind="depends_on",
        condition="service_started",
        required=True,
    )
    g.add_edge(
        "service:tool",
        "service:db",
        "depends_on",
        kind="depends_on",
        condition="service_started",
        required=True,
    )
    g.add_edge("service:edge", "port:8080/tcp", "publish:80", kind="publish")
    g.add_edge("service:db", "volume:data", "mount:/var/lib/data", kind="mount", read_only=True)
    for svc, nets in [
        ("edge", ["front"]),
        ("api", ["front", "back"]),
        ("db", ["back"]),
        ("cache", ["back"]),
        ("worker", ["back"]),
    ]:
        for net in nets:
            g.add_edge(f"service:{svc}", f"network:{net}", "network", kind="network")
    return g


def services(scene: Scene) -> list[str]:
    return [n.label for n in scene.nodes.values() if n.kind == "service"]


def test_whole_view_drops_hidden_services_and_labels_conditions() -> None:
    scene = build_scene(stack())
    assert services(scene) == ["api", "cache", "db", "edge", "worker"]
    labels = {(e.source, e.target): e.label for e in scene.edges}
    assert labels[("service:api", "service:db")] == "healthy"
    assert labels[("service:api", "service:cache")] == "completed (optional)"
    assert labels[("service:edge", "service:api")] == ""  # started: colour + legend
    assert labels[("port:8080/tcp", "service:edge")] == "→ :80"
    assert labels[("service:db", "volume:data")] == "/var/lib/data (ro)"
    optional = [e for e in scene.edges if e.target == "service:cache"]
    assert optional[0].style == "dashed"


def test_clusters_single_network_services_and_lists_shared_ones() -> None:
    scene = build_scene(stack())
    assert scene.nodes["service:db"].cluster == "network:back"
    assert scene.nodes["service:edge"].cluster == "network:front"
    assert scene.nodes["service:api"].cluster is None
    assert scene.nodes["service:api"].networks == ("back (internal)", "front")
    assert scene.clusters["network:back"].flags == frozenset({"internal"})
    assert not any(n.kind == "network" for n in scene.nodes.values())


def test_focus_takes_dependencies_and_dependents_to_a_depth() -> None:
    graph = stack()
    assert services(build_scene(graph, ViewOptions(focus=("api",)))) == [
        "api",
        "cache",
        "db",
        "edge",
    ]
    assert services(build_scene(graph, ViewOptions(focus=("db",), depth=1))) == [
        "api",
        "db",
        "worker",
    ]
    assert services(build_scene(graph, ViewOptions(focus=("db",), depth=0))) == ["db"]
    with pytest.raises(UsageError):
        build_scene(graph, ViewOptions(focus=("nope",)))


def test_exclude_globs_and_hidden_kinds() -> None:
    scene = build_scene(stack(), ViewOptions(exclude=("c*",), hide=frozenset({"ports", "volumes"})))
    assert services(scene) == ["api", "db", "edge", "worker"]
    kinds = {n.kind for n in scene.nodes.values()}
    assert kinds == {"service"}
    assert not any(e.target == "service:cache" for e in scene.edges)


def test_link_template_and_tooltips_never_show_environment() -> None:
    graph = stack()
    graph.nodes["service:api"]["environment"] = {"PASSWORD": "hunter2"}
    scene = build_scene(graph, ViewOptions(link_template="reference.md#{service}"))
    api = scene.nodes["service:api"]
    assert api.url == "reference.md#api"
    assert "hunter2" not in api.tooltip and "build: ./api" in api.tooltip
    assert all(n.tooltip for n in scene.nodes.values())


def test_network_mode_host_gets_a_node() -> None:
    graph = stack()
    graph.nodes["service:worker"]["network_mode"] = "host"
    scene = build_scene(graph)
    assert "netmode:host" in scene.nodes
    assert any(e.target == "netmode:host" and e.kind == "network_mode" for e in scene.edges)


def test_split_makes_an_overview_and_groups_with_ghosts() -> None:
    scene = build_scene(stack())
    assert not needs_split(scene)
    assert needs_split(scene, limit=3)
    parts = split_scene(scene)
    assert sorted(parts.groups) == ["back", "front"]
    over = parts.overview
    assert {n.kind for n in over.nodes.values()} == {"group"}
    assert any(e.source == "group:front" and e.target == "group:back" for e in over.edges)
    front = parts.groups["front"]
    ghosts = [n for n in front.nodes.values() if n.kind == "ghost"]
    assert [g.id for g in ghosts] == ["service:db"] or all(g.kind == "ghost" for g in ghosts)
    every = set().union(*(set(p.nodes) for p in parts.groups.values()))
    assert {f"service:{s}" for s in services(scene)} <= every
    # a group's picture draws no box (its title names the group) and says what a box said
    assert all(not p.clusters for p in parts.groups.values())
    assert all(n.cluster is None for p in parts.groups.values() for n in p.nodes.values())
    assert "network back: a card without a net: line is on it alone" in parts.groups["back"].note


def many_groups(count: int = 40) -> Any:
    """``count`` services, each alone on its network and depending on the previous one."""
    g = nx.MultiDiGraph(name="big")
    for i in range(count):
        g.add_node(f"service:s{i:02d}", kind="service", image="redis", profiles=[])
        g.add_node(f"network:n{i:02d}", kind="network", name=f"n{i:02d}")
        g.add_edge(f"service:s{i:02d}", f"network:n{i:02d}", "network", kind="network")
        if i:
            g.add_edge(
                f"service:s{i:02d}",
                f"service:s{i - 1:02d}",
                "depends_on",
                kind="depends_on",
                condition="service_started",
                required=True,
            )
    return g


def test_many_groups_make_an_ordered_index_without_links() -> None:
    parts = split_scene(build_scene(many_groups()))
    over = parts.overview
    assert len(over.nodes) == 40 and len(parts.groups) == 40
    assert {e.kind for e in over.edges} == {"grid"}
    assert over.options.direction == "TB"
    assert over.same_rank[0] == [f"group:n{i:02d}" for i in range(7)]
    assert "links between them" in over.note
    stubs = {n.id: n.label for n in parts.groups["n05"].nodes.values() if n.kind == "ghost"}
    assert stubs == {"stub:n04": "→ s04 in n04"}  # s06 -> s05 is drawn in n06's picture
    s05 = parts.groups["n05"].nodes["service:s05"]
    assert "used from other groups: s06 (in n06)" in s05.tooltip


def included(count: int = 4) -> Any:
    """An app file and an included monitoring file, every service on the default network."""
    g = nx.MultiDiGraph(name="inc")
    g.add_node("network:default", kind="network", name="inc_default")
    for i in range(count):
        for part, file in (("app", "compose.yaml"), ("mon", "monitoring/compose.yaml")):
            sid = f"service:{part}{i}"
            g.add_node(sid, kind="service", image="redis", profiles=[], file=file)
            g.add_edge(sid, "network:default", "network", kind="network")
            if i:
                g.add_edge(
                    sid,
                    f"service:{part}{i - 1}",
                    "depends_on",
                    kind="depends_on",
                    condition="service_started",
                )
    return g


def test_compose_files_group_services_when_networks_do_not() -> None:
    scene = build_scene(included())
    assert scene.note == "all services on network default"
    assert sorted(scene.clusters) == ["file:compose.yaml", "file:monitoring/compose.yaml"]
    assert scene.nodes["service:mon2"].cluster == "file:monitoring/compose.yaml"
    assert "file: monitoring/compose.yaml" in scene.nodes["service:mon2"].tooltip
    parts = split_scene(scene)
    assert sorted(parts.groups) == ["compose", "monitoring-compose"]
    assert {n.kind for n in parts.groups["compose"].nodes.values()} == {"service"}
    from composedoc.diagram.styled_dot import scene_to_dot

    assert 'label="file monitoring/compose.yaml"' in scene_to_dot(scene)


def test_networks_win_over_files_and_one_file_draws_no_box() -> None:
    g = included()
    g.add_node("network:mon", kind="network", name="inc_mon")
    for i in range(4):
        g.remove_edge(f"service:mon{i}", "network:default", "network")
        g.add_edge(f"service:mon{i}", "network:mon", "network", kind="network")
    assert sorted(build_scene(g).clusters) == ["network:default", "network:mon"]
    g = included()
    for _, data in g.nodes(data=True):
        data["file"] = "compose.yaml" if data["kind"] == "service" else None
    scene = build_scene(g)
    assert not scene.clusters
    assert "file:" not in scene.nodes["service:app0"].tooltip


def test_lone_services_wrap_into_rows_without_a_legend() -> None:
    from composedoc.diagram.layout import wrap_isolated
    from composedoc.diagram.styled_dot import scene_to_dot

    g = nx.MultiDiGraph(name="lone")
    for i in range(7):
        g.add_node(f"service:s{i}", kind="service", image="redis", profiles=[])
    scene = wrap_isolated(build_scene(g))
    chains = [(e.source[-2:], e.target[-2:]) for e in scene.edges if e.kind == "grid"]
    assert chains == [("s0", "s1"), ("s1", "s2"), ("s3", "s4"), ("s4", "s5")]
    heads = [(e.source[-2:], e.target[-2:]) for e in scene.edges if e.kind == "grid-order"]
    assert heads == [("s0", "s3"), ("s3", "s6")]
    assert scene.same_rank == [["service:s0", "service:s3", "service:s6"]]
    assert {e.style for e in scene.edges} == {"invis"}
    assert "legend" not in scene_to_dot(scene)
    small = wrap_isolated(build_scene(included(1)))
    assert not small.edges  # two lone services stay as they are
