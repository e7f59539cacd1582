"""Automatic abstraction (issue 10): stacked cards, counted edges, folded resources."""

from __future__ import annotations

from typing import Any

import networkx as nx

from composedoc.diagram.outputs import render_outputs, scenes_for
from composedoc.diagram.scene import Scene, ViewOptions

WORKERS = [f"worker-{i}" for i in range(1, 7)]


def stack(tools: int = 0) -> Any:
    """An api, a database, a broker and six workers of one image sharing one volume, plus
    ``tools`` unrelated services."""
    g = nx.MultiDiGraph(name="shop")
    for i in range(tools):
        g.add_node(f"service:tool-{i}", kind="service", image=f"tool{i}", profiles=[])
    for name, image in [("api", "acme/api:1"), ("db", "postgres:16"), ("broker", "rabbitmq:3")]:
        g.add_node(f"service:{name}", kind="service", image=image, profiles=[])
    g.add_node("volume:certs", kind="volume", name="shop_certs")
    g.add_node("volume:pgdata", kind="volume", name="shop_pgdata")
    g.add_node("port:8080/tcp", kind="port", published="8080", protocol="tcp")
    g.add_edge("service:api", "port:8080/tcp", "publish:80", kind="publish", container_port=80)
    g.add_edge("service:db", "volume:pgdata", "mount:/data", kind="mount", container_path="/data")
    for i, name in enumerate(WORKERS, 1):
        sid = f"service:{name}"
        g.add_node(sid, kind="service", image="acme/worker:2", profiles=[])
        for dep in ("db", "broker"):
            g.add_edge(sid, f"service:{dep}", "depends_on", kind="depends_on")
        g.add_edge(sid, "volume:certs", "mount:/certs", kind="mount", container_path="/certs")
        conf = f"bind:./conf/worker{i}.yml"
        g.add_node(conf, kind="bind", path=f"./conf/worker{i}.yml")
        g.add_edge(sid, conf, "mount:/etc/w.yml", kind="mount", container_path="/etc/w.yml")
    g.add_edge("service:api", "service:worker-3", "depends_on", kind="depends_on")
    return g


def only(graph: Any, **view: Any) -> Scene:
    scenes = scenes_for(graph, ViewOptions(**view), split=False)
    assert len(scenes) == 1
    return scenes[0][1]


def test_equivalent_services_become_one_card_listing_its_members() -> None:
    scene = only(stack(), abstract=True)
    card = scene.nodes["service:worker-1"]
    assert card.label == "6 x acme/worker:2"
    assert card.members == tuple(WORKERS)
    for name in WORKERS:
        assert name in card.sublabel and name in card.tooltip
        assert name == "worker-1" or f"service:{name}" not in scene.nodes
    assert "stack" in card.flags


def test_edges_of_a_stack_are_drawn_once_with_a_count() -> None:
    scene = only(stack(tools=10), abstract=True)
    out = {(e.target, e.label) for e in scene.edges if e.source == "service:worker-1"}
    assert out == {("service:db", "x6"), ("service:broker", "x6")}
    into = [e for e in scene.edges if e.target == "service:worker-1"]
    assert [(e.source, e.label) for e in into] == [("service:api", "")]


def test_shared_and_single_file_resources_are_written_on_the_card() -> None:
    scene = only(stack(), abstract=True)
    assert "volume:certs" not in scene.nodes  # six users: on the card, not six arcs
    assert not any(n.kind == "bind" for n in scene.nodes.values())
    card = scene.nodes["service:worker-1"]
    assert "mounts: certs" in card.sublabel
    assert "files: worker1.yml, worker2.yml, worker3.yml +3" in card.sublabel
    assert "volume:pgdata" in scene.nodes  # one user, a directory: still drawn
    assert "port:8080/tcp" in scene.nodes


def test_a_hub_most_services_need_is_written_on_their_cards() -> None:
    scene = only(stack(), abstract=True)  # 6 of 9 services depend on db and broker
    assert not [e for e in scene.edges if e.kind == "depends_on" and e.source != "service:api"]
    card = scene.nodes["service:worker-1"]
    assert "needs: broker, db" in card.sublabel
    assert "needed by 6" in scene.nodes["service:db"].sublabel
    assert "worker-4" in scene.nodes["service:db"].tooltip


def test_no_abstract_draws_every_service_and_small_stacks_are_left_alone() -> None:
    scene = only(stack(), abstract=False)
    assert all(f"service:{name}" in scene.nodes for name in WORKERS)
    assert "volume:certs" in scene.nodes
    assert only(stack()).nodes.keys() == scene.nodes.keys()  # 9 services: under the size


def test_abstraction_is_deterministic_and_the_same_in_every_format() -> None:
    first = render_outputs(stack(), ["dot", "mermaid"], "s", ViewOptions(abstract=True))
    again = render_outputs(stack(), ["dot", "mermaid"], "s", ViewOptions(abstract=True))
    assert first == again
    assert "6 x acme/worker:2" in first["s.dot"].decode()
    assert "6 x acme/worker:2" in first["s.mmd"].decode()
    assert "(stack)" not in first["s.mmd"].decode()
