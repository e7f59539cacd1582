"""Grouping a stack on one network in one file (issue 10): communities, stubs, determinism."""

from __future__ import annotations

import logging
import random
import shutil
from typing import Any

import networkx as nx
import pytest

from composedoc.diagram.outputs import LAYOUT_LOGGER, render_outputs, scenes_for
from composedoc.diagram.scene import ViewOptions


def teams(order: int = 0) -> Any:
    """Three teams of five services each, every one on the default network; a team's
    services depend on their own database; ``order`` shuffles the insertion order."""
    nodes: list[tuple[str, dict[str, Any]]] = []
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    nodes.append(("network:default", {"kind": "network", "name": "t_default"}))
    for team in ("billing", "catalog", "shipping"):
        db = f"service:{team}-db"
        nodes.append((db, {"kind": "service", "image": f"postgres:{team}", "profiles": []}))
        for i in range(5):
            sid = f"service:{team}-svc{i}"
            nodes.append((sid, {"kind": "service", "image": f"acme/{team}{i}", "profiles": []}))
            edges.append((sid, db, "depends_on", {"kind": "depends_on"}))
            if i:
                edges.append(
                    (sid, f"service:{team}-svc{i - 1}", "depends_on", {"kind": "depends_on"})
                )
    edges.append(
        ("service:shipping-svc0", "service:billing-svc0", "depends_on", {"kind": "depends_on"})
    )
    for sid, _ in list(nodes):
        if sid.startswith("service:"):
            edges.append((sid, "network:default", "network", {"kind": "network"}))
    random.Random(order).shuffle(nodes)
    random.Random(order).shuffle(edges)
    g = nx.MultiDiGraph(name="teams")
    g.add_nodes_from(nodes)
    for source, target, key, attrs in edges:
        g.add_edge(source, target, key, **attrs)
    return g


def test_one_network_one_file_is_split_by_dependencies() -> None:
    scenes = scenes_for(teams(), ViewOptions(), split=True)
    names = [name for name, _ in scenes]
    assert names == ["", "billing", "catalog", "shipping"]
    overview = scenes[0][1]
    assert {n.kind for n in overview.nodes.values()} == {"group"}
    link = [e for e in overview.edges if e.kind == "group_link"]
    assert [(e.source, e.target, e.label) for e in link] == [
        ("group:shipping", "group:billing", "1 link")
    ]


def test_other_groups_are_one_stub_each_with_a_count() -> None:
    shipping = dict(scenes_for(teams(), ViewOptions(), split=True))["shipping"]
    stubs = [n for n in shipping.nodes.values() if n.kind == "ghost"]
    assert [(s.id, s.label) for s in stubs] == [("stub:billing", "→ billing-svc0 in billing")]
    assert not any(n.startswith("service:billing") for n in shipping.nodes)
    billing = dict(scenes_for(teams(), ViewOptions(), split=True))["billing"]
    assert not [n for n in billing.nodes.values() if n.kind == "ghost"]
    assert "shipping-svc0 (in shipping)" in billing.nodes["service:billing-svc0"].tooltip


@pytest.mark.parametrize("order", [1, 2, 3])
def test_grouping_does_not_depend_on_insertion_order(order: int) -> None:
    first = render_outputs(teams(), ["dot", "mermaid"], "t", split=True)
    assert render_outputs(teams(order), ["dot", "mermaid"], "t", split=True) == first
    assert len(first) == 8


def test_stderr_says_why_a_stack_was_or_was_not_split(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger=LAYOUT_LOGGER):
        scenes_for(teams(), ViewOptions(), split=True)
        scenes_for(teams(), ViewOptions(), split=False)
    said = [r.getMessage() for r in caplog.records if r.name == LAYOUT_LOGGER]
    assert said == [
        "teams: overview + 3 group diagrams, by dependencies (one network, one file) (--split)",
        "teams: one diagram (--no-split)",
    ]


def test_a_stack_that_reads_whole_is_not_split(caplog: pytest.LogCaptureFixture) -> None:
    """18 cards over the size for splitting, but laid out whole it crosses nothing."""
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    with caplog.at_level(logging.INFO, logger=LAYOUT_LOGGER):
        assert [name for name, _ in scenes_for(teams(), ViewOptions())] == [""]
    (said,) = [r.getMessage() for r in caplog.records if r.name == LAYOUT_LOGGER]
    assert said.startswith("teams: one diagram (18 cards, laid out whole: 0.")
