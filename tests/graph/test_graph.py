"""The project graph (ARCHITECTURE.md): ids, edge kinds, attributes, JSON and goldens.

Goldens live in tests/golden/graph/<stack>/graph.json and are made by the real pipeline
from tests/stacks/<stack>/; ``COMPOSEDOC_UPDATE_GOLDENS=1`` rewrites them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from composedoc.compose.types import LoadedProject, LoadOptions
from composedoc.graph.build import (
    _indented,
    build_graph,
    graph_from_json,
    graph_to_json,
    port_id,
)
from composedoc.model.bind import bind_project
from composedoc.model.project import Port, Project

TESTS = Path(__file__).resolve().parents[1]
STACKS = TESTS / "stacks"
GOLDEN = TESTS / "golden" / "graph"
STACK_NAMES = ["legacy", "ports", "secrets", "todo", "voting"]
# (golden case, stack, active profiles)
CASES = sorted([(name, name, ()) for name in STACK_NAMES] + [("voting-seed", "voting", ("seed",))])
PROJECT_DIR = "/home/ada/src/shop"


def make_project(services: dict[str, Any], **top: Any) -> Project:
    model: dict[str, Any] = {"name": "shop", "services": services, **top}
    disabled = model.pop("disabled", {})
    loaded = LoadedProject(
        name="shop",
        working_dir=PROJECT_DIR,
        files=[f"{PROJECT_DIR}/compose.yaml"],
        model=model,
        disabled_services=disabled,
        profiles=["b", "a"],
        environment={"HOME": "/home/ada"},
    )
    return bind_project(loaded)


def edges(graph: nx.MultiDiGraph, kind: str) -> list[tuple[str, str, dict[str, Any]]]:
    return sorted(
        ((u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] == kind),
        key=lambda e: (e[0], e[1], json.dumps(e[2], sort_keys=True)),
    )


STARTED = {"condition": "service_started", "required": True}

LEGACY: dict[str, Any] = {
    "db": {"image": "postgres", "networks": {"default": None}},
    "cache": {"image": "redis", "networks": {"default": None}},
    "app": {
        "image": "app",
        "links": ["db", "cache:redis"],
        "external_links": ["mail:smtp"],
        "volumes_from": ["db:ro", "container:agent"],
        "depends_on": {
            "db": {"condition": "service_healthy", "required": True},
            "cache": {**STARTED, "restart": True},
        },
        "networks": {"default": None},
    },
    "side": {
        "image": "proxy",
        "network_mode": "service:app",
        "ipc": "service:app",
        "pid": "host",
        "cgroup": "container:cg",
        "depends_on": {"app": {**STARTED, "restart": True}},
    },
}


def test_node_ids_and_graph_attributes() -> None:
    graph = build_graph(make_project(LEGACY, networks={"default": {"name": "shop_default"}}))
    assert graph.graph == {"name": "shop", "files": ["compose.yaml"], "profiles": ["a", "b"]}
    assert sorted(graph.nodes) == [
        "container:agent",
        "container:cg",
        "container:mail",
        "network:default",
        "service:app",
        "service:cache",
        "service:db",
        "service:side",
    ]
    assert graph.nodes["container:mail"] == {"kind": "container", "name": "mail"}
    assert graph.nodes["network:default"]["name"] == "shop_default"


def test_depends_on_edges_only_for_written_entries() -> None:
    graph = build_graph(make_project(LEGACY))
    assert edges(graph, "depends_on") == [
        (
            "service:app",
            "service:db",
            {
                "kind": "depends_on",
                "condition": "service_healthy",
                "required": True,
                "restart": False,
            },
        )
    ]


def test_reference_edges() -> None:
    graph = build_graph(make_project(LEGACY))
    assert edges(graph, "link") == [
        ("service:app", "container:mail", {"kind": "link", "alias": "smtp"}),
        ("service:app", "service:cache", {"kind": "link", "alias": "redis"}),
        ("service:app", "service:db", {"kind": "link", "alias": None}),
    ]
    assert edges(graph, "volumes_from") == [
        ("service:app", "container:agent", {"kind": "volumes_from", "read_only": False}),
        ("service:app", "service:db", {"kind": "volumes_from", "read_only": True}),
    ]
    assert edges(graph, "network_mode") == [
        ("service:side", "service:app", {"kind": "network_mode"})
    ]
    assert edges(graph, "ipc") == [("service:side", "service:app", {"kind": "ipc"})]
    assert edges(graph, "cgroup") == [("service:side", "container:cg", {"kind": "cgroup"})]
    assert edges(graph, "pid") == []
    assert graph.nodes["service:side"]["pid"] == "host"
    assert not any(graph.has_edge("service:side", n) for n in graph if n.startswith("network:"))


def test_stable_edge_keys() -> None:
    graph = build_graph(make_project(LEGACY))
    assert sorted(graph["service:app"]["service:db"]) == ["depends_on", "link", "volumes_from"]
    assert sorted(graph["service:app"]["service:cache"]) == ["link:redis"]


def test_network_mount_and_build_edges() -> None:
    services = {
        "base": {"build": {"context": PROJECT_DIR, "dockerfile": "Dockerfile"}},
        "web": {
            "build": {
                "context": PROJECT_DIR + "/web",
                "dockerfile": "Dockerfile",
                "target": "dev",
                "additional_contexts": {"b": "service:base", "docs": PROJECT_DIR + "/docs"},
                "secrets": [{"source": "npm"}],
            },
            "networks": {"front": {"aliases": ["www"], "ipv6_address": "fd00::2", "priority": 3}},
            "volumes": [
                {
                    "type": "bind",
                    "source": PROJECT_DIR + "/web",
                    "target": "/app",
                    "read_only": True,
                },
                {"type": "bind", "source": PROJECT_DIR, "target": "/src"},
                {"type": "bind", "source": "/home/ada/.cache", "target": "/cache"},
                {"type": "volume", "source": "data", "target": "/data"},
                {"type": "volume", "source": "data", "target": "/data2"},
                {"type": "volume", "target": "/anon", "volume": {}},
                {"type": "tmpfs", "target": "/tmp"},
            ],
            "tmpfs": ["/run:size=1m"],
            "profiles": ["web"],
        },
    }
    graph = build_graph(
        make_project(
            services,
            networks={"front": {"name": "shop_front", "internal": True}},
            volumes={"data": {"name": "shop_data"}},
            secrets={"npm": {"name": "shop_npm", "environment": "NPM_TOKEN"}},
        )
    )
    web = graph.nodes["service:web"]
    assert web["build"] == {"context": "./web", "dockerfile": "Dockerfile", "target": "dev"}
    assert graph.nodes["service:base"]["build"]["context"] == "."
    assert web["profiles"] == ["web"]
    assert web["anonymous_volumes"] == ["/anon"]
    assert web["tmpfs"] == ["/run", "/tmp"]
    assert edges(graph, "build_context") == [
        ("service:web", "service:base", {"kind": "build_context", "name": "b"})
    ]
    assert edges(graph, "network") == [
        (
            "service:web",
            "network:front",
            {
                "kind": "network",
                "aliases": ["www"],
                "ipv4_address": None,
                "ipv6_address": "fd00::2",
                "priority": 3,
            },
        )
    ]
    assert graph.nodes["network:front"]["internal"] is True
    mounts = {(v, d["container_path"], d["read_only"]) for _, v, d in edges(graph, "mount")}
    assert mounts == {
        ("bind:./web", "/app", True),
        ("bind:.", "/src", False),
        ("bind:~/.cache", "/cache", False),
        ("volume:data", "/data", False),
        ("volume:data", "/data2", False),
    }
    assert graph.nodes["bind:~/.cache"] == {"kind": "bind", "path": "~/.cache"}
    assert graph.nodes["volume:data"] == {
        "kind": "volume",
        "name": "shop_data",
        "driver": None,
        "external": False,
    }
    assert edges(graph, "secret") == [
        (
            "service:web",
            "secret:npm",
            {"kind": "secret", "container_path": None, "mode": None, "build": True},
        )
    ]


@pytest.mark.parametrize(
    ("port", "node"),
    [
        (Port(80, "8080"), "port:8080/tcp"),
        (Port(53, "53", protocol="udp"), "port:53/udp"),
        (Port(80, "8080", host_ip="127.0.0.1"), "port:127.0.0.1:8080/tcp"),
        (Port(8081, "8081", host_ip="::1"), "port:[::1]:8081/tcp"),
        (Port(85, "8500-8600"), "port:8500-8600/tcp"),
        (Port(9555), "port:*9555@web/tcp"),
        (Port(9000, host_ip="127.0.0.1", protocol="udp"), "port:127.0.0.1:*9000@web/udp"),
        (Port(9000, host_ip="::1"), "port:[::1]:*9000@web/tcp"),
    ],
)
def test_port_ids(port: Port, node: str) -> None:
    assert port_id(port, "web") == node


def test_publish_edges_and_ephemeral_ports() -> None:
    ports = [
        {"mode": "ingress", "target": 80, "published": "8080", "protocol": "tcp"},
        {"mode": "ingress", "target": 81, "published": "8080", "protocol": "udp"},
        {
            "mode": "ingress",
            "host_ip": "::1",
            "target": 9229,
            "published": "9229",
            "protocol": "tcp",
        },
        {
            "name": "admin",
            "mode": "host",
            "target": 8081,
            "published": "18081",
            "protocol": "tcp",
            "app_protocol": "http",
        },
        {"mode": "ingress", "target": 3000, "protocol": "tcp"},
        {"mode": "ingress", "host_ip": "127.0.0.1", "target": 7000, "protocol": "tcp"},
    ]
    graph = build_graph(make_project({"web": {"image": "x", "ports": ports, "expose": ["9000"]}}))
    published = {v: d for _, v, d in edges(graph, "publish")}
    assert sorted(published) == [
        "port:*3000@web/tcp",
        "port:127.0.0.1:*7000@web/tcp",
        "port:18081/tcp",
        "port:8080/tcp",
        "port:8080/udp",
        "port:[::1]:9229/tcp",
    ]
    assert published["port:18081/tcp"] == {
        "kind": "publish",
        "container_port": 8081,
        "protocol": "tcp",
        "host_ip": None,
        "published": "18081",
        "mode": "host",
        "app_protocol": "http",
    }
    assert graph.nodes["port:[::1]:9229/tcp"] == {
        "kind": "port",
        "host_ip": "::1",
        "published": "9229",
        "protocol": "tcp",
        "ephemeral": False,
    }
    assert graph.nodes["port:127.0.0.1:*7000@web/tcp"] == {
        "kind": "port",
        "host_ip": "127.0.0.1",
        "published": None,
        "protocol": "tcp",
        "ephemeral": True,
    }
    assert published["port:*3000@web/tcp"]["published"] is None
    assert published["port:*3000@web/tcp"]["container_port"] == 3000
    assert "ports" not in graph.nodes["service:web"]
    assert graph.nodes["service:web"]["expose"] == ["9000"]


@pytest.mark.parametrize(("case", "stack", "profiles"), CASES)
def test_edge_attributes_never_shadow_node_link_keys(
    case: str, stack: str, profiles: tuple[str, ...]
) -> None:
    """node-link JSON writes an edge's ends and key as ``source``/``target``/``key``: an
    attribute of that name would be lost (ARCHITECTURE.md, graph contract)."""
    data = json.loads((GOLDEN / case / "graph.json").read_text(encoding="utf-8"))
    graph = graph_from_json(json.dumps(data))
    assert graph.number_of_edges() == len(data["edges"]) > 0
    for _, _, attrs in graph.edges(data=True):
        assert not {"source", "target", "key"} & set(attrs), attrs
    for edge in data["edges"]:
        if edge["kind"] == "mount":
            assert "container_path" in edge
        if edge["kind"] == "publish":
            assert isinstance(edge["container_port"], int)


def test_secret_and_config_nodes_never_carry_content() -> None:
    services = {
        "s": {
            "image": "x",
            "secrets": [{"source": "pw", "target": "/run/secrets/pw"}],
            "configs": [{"source": "banner", "target": "/etc/banner", "mode": "0444"}],
        }
    }
    graph = build_graph(
        make_project(
            services,
            secrets={"pw": {"name": "shop_pw", "file": PROJECT_DIR + "/pw.txt"}},
            configs={
                "banner": {"name": "shop_banner", "content": "hunter2-top-secret"},
                "unused": {"name": "u", "external": True},
            },
        )
    )
    assert graph.nodes["secret:pw"]["source"] == "file"
    assert graph.nodes["secret:pw"]["file"] == "./pw.txt"
    assert graph.nodes["config:banner"]["source"] == "content"
    assert graph.nodes["config:unused"]["external"] is True
    assert "hunter2" not in graph_to_json(graph)
    assert edges(graph, "config") == [
        (
            "service:s",
            "config:banner",
            {"kind": "config", "container_path": "/etc/banner", "mode": "0444", "build": False},
        )
    ]


def test_disabled_services_are_left_out() -> None:
    services = {
        "web": {
            "image": "x",
            "depends_on": {"debug": {"condition": "service_started", "required": False}},
        }
    }
    graph = build_graph(make_project(services, disabled={"debug": {"image": "y"}}))
    assert "service:debug" not in graph
    assert list(graph.edges) == []


def test_json_is_sorted_stable_and_round_trips() -> None:
    project = make_project(LEGACY)
    reordered = make_project(dict(reversed(list(LEGACY.items()))))
    text = graph_to_json(build_graph(project))
    assert text == graph_to_json(build_graph(reordered))
    assert text.endswith("}\n")
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert [n["id"] for n in data["nodes"]] == sorted(n["id"] for n in data["nodes"])
    keys = [(e["source"], e["target"], e["key"]) for e in data["edges"]]
    assert keys == sorted(keys)
    again = graph_from_json(text)
    assert isinstance(again, nx.MultiDiGraph)
    assert graph_to_json(again) == text
    assert dict(again.nodes(data=True)) == dict(build_graph(project).nodes(data=True))


def _load_stack(stack: str, profiles: tuple[str, ...] = ()) -> LoadedProject:
    project_module = pytest.importorskip("composedoc.compose.project")
    environ = {"HOME": str(Path.home()), "PATH": os.environ.get("PATH", "")}
    options = LoadOptions(working_dir=str(STACKS / stack), profiles=profiles, environ=environ)
    loaded: LoadedProject = project_module.load_project(options)
    return loaded


@pytest.mark.parametrize(("case", "stack", "profiles"), CASES)
def test_golden_graph(case: str, stack: str, profiles: tuple[str, ...]) -> None:
    loaded = _load_stack(stack, profiles)
    text = graph_to_json(build_graph(bind_project(loaded)))
    golden = GOLDEN / case / "graph.json"
    if os.environ.get("COMPOSEDOC_UPDATE_GOLDENS") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert str(STACKS) not in text
    home = str(Path.home())
    paths = [d["path"] for _, d in graph_from_json(text).nodes(data=True) if d["kind"] == "bind"]
    assert not [p for p in paths if p == home or p.startswith(home + "/")]


def test_profiles_switch_services_in_and_out() -> None:
    plain = build_graph(bind_project(_load_stack("voting")))
    seeded = build_graph(bind_project(_load_stack("voting", ("seed",))))
    assert "service:seed" not in plain
    assert seeded.graph["profiles"] == ["seed"]
    assert seeded.nodes["service:seed"]["profiles"] == ["seed"]
    assert seeded.has_edge("service:seed", "service:vote", "depends_on")


def test_goldens_exist_for_every_stack() -> None:
    assert len(CASES) >= 5
    for case, _, _ in CASES:
        text = (GOLDEN / case / "graph.json").read_text(encoding="utf-8")
        assert graph_to_json(graph_from_json(text)) == text


def test_cli_graph_prints_the_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("composedoc.compose.project")
    from click.testing import CliRunner

    from composedoc.cli.commands import main

    monkeypatch.chdir(STACKS / "voting")
    result = CliRunner().invoke(main, ["graph", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.output == (GOLDEN / "voting" / "graph.json").read_text(encoding="utf-8")


def test_written_depends_on_is_kept_apart_from_compose_implicit_ones(tmp_path: Path) -> None:
    # `db` is written AND implied by volumes_from; `cache` is only implied by a link.
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  app:\n    image: app\n    depends_on: [db]\n    volumes_from: [db]\n"
        "    links: [cache]\n"
        "  db:\n    image: postgres\n"
        "  cache:\n    image: redis\n",
        encoding="utf-8",
    )
    from composedoc.compose.project import load_project

    loaded = load_project(LoadOptions(working_dir=str(tmp_path), environ={"HOME": "/nonexistent"}))
    assert loaded.written_depends_on == {
        "app": frozenset({"db"}),
        "cache": frozenset(),
        "db": frozenset(),
    }
    graph = build_graph(bind_project(loaded))
    depends = sorted(
        v for u, v, k in graph.edges(keys=True) if u == "service:app" and k == "depends_on"
    )
    assert depends == ["service:db"]


def test_service_files_are_relative_to_the_project_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An included file's services say so, wherever composedoc runs from."""
    (tmp_path / "mon").mkdir()
    (tmp_path / "compose.yaml").write_text(
        "include: [mon/compose.yaml]\nservices:\n  web:\n    image: nginx\n", encoding="utf-8"
    )
    (tmp_path / "mon" / "compose.yaml").write_text(
        "services:\n  prom:\n    image: prom/prometheus\n", encoding="utf-8"
    )
    from composedoc.compose.project import load_project

    texts = []
    for cwd in (tmp_path, tmp_path / "mon", tmp_path.parent):
        monkeypatch.chdir(cwd)
        loaded = load_project(
            LoadOptions(files=(str(tmp_path / "compose.yaml"),), environ={"HOME": "/nonexistent"})
        )
        graph = build_graph(bind_project(loaded))
        assert graph.nodes["service:web"]["file"] == "compose.yaml"
        assert graph.nodes["service:prom"]["file"] == "mon/compose.yaml"
        texts.append(graph_to_json(graph))
    assert texts[0] == texts[1] == texts[2]


_JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
)
_JSON = st.recursive(
    _JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
        st.dictionaries(st.integers(), inner, max_size=2),
    ),
    max_leaves=20,
)


@given(_JSON)
def test_fast_indented_json_is_byte_identical_to_json_dumps(value: Any) -> None:
    expected = json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)
    assert _indented(value, "\n") == expected


def test_graph_json_leaves_the_garbage_collector_as_it_was() -> None:
    import gc

    graph = build_graph(Project(name="p"))
    gc.disable()
    try:
        graph_to_json(graph)
        assert not gc.isenabled()
    finally:
        gc.enable()
    graph_to_json(graph)
    assert gc.isenabled()
