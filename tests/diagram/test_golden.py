"""Golden DOT and Mermaid for every test stack and a few views (COMPOSEDOC_UPDATE_GOLDENS=1
rewrites them). Inputs are graph JSON files, so these goldens move only when rendering does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from composedoc.diagram.icons import build_icons
from composedoc.diagram.outputs import render_outputs
from composedoc.diagram.scene import ViewOptions
from composedoc.graph.build import graph_from_json

TESTS = Path(__file__).resolve().parent.parent
GOLDEN = TESTS / "golden" / "render"
UPDATE = os.environ.get("COMPOSEDOC_UPDATE_GOLDENS") == "1"

STACKS = {
    "legacy": (TESTS / "golden/graph/legacy/graph.json", TESTS / "stacks/legacy"),
    "ports": (TESTS / "golden/graph/ports/graph.json", TESTS / "stacks/ports"),
    "secrets": (TESTS / "golden/graph/secrets/graph.json", TESTS / "stacks/secrets"),
    "todo": (TESTS / "golden/graph/todo/graph.json", TESTS / "stacks/todo"),
    "voting": (TESTS / "golden/graph/voting/graph.json", TESTS / "stacks/voting"),
    "annotated": (GOLDEN / "annotated/graph.json", TESTS / "diagram/stacks/annotated"),
    "netmodes": (GOLDEN / "netmodes/graph.json", TESTS / "diagram/stacks/netmodes"),
    "names": (GOLDEN / "names/graph.json", TESTS / "diagram/stacks/names"),
    "grants": (GOLDEN / "grants/graph.json", TESTS / "diagram/stacks/grants"),
}
VIEWS = {
    "voting-focus": ("voting", ViewOptions(focus=("worker",), depth=1)),
    "voting-dark": ("voting", ViewOptions(theme="dark", direction="TB", legend=False)),
    "netmodes-lean": ("netmodes", ViewOptions(hide=frozenset({"volumes", "networks"}))),
    "names-linked": ("names", ViewOptions(link_template="reference.md#{service}")),
}
CASES = {**{name: (name, ViewOptions()) for name in STACKS}, **VIEWS}


def outputs(case: str) -> dict[str, bytes]:
    stack, options = CASES[case]
    graph_file, stack_dir = STACKS[stack]
    graph = graph_from_json(graph_file.read_text(encoding="utf-8"))
    icons = build_icons(graph, str(stack_dir))
    return render_outputs(graph, ["dot", "mermaid"], case, options, icons)


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str) -> None:
    got = outputs(case)
    folder = GOLDEN / case
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{case}*.dot"):
            old.unlink()
        for old in folder.glob(f"{case}*.mmd"):
            old.unlink()
        for name, data in got.items():
            (folder / name).write_bytes(data)
    expected = {
        p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".dot", ".mmd")
    }
    assert sorted(got) == sorted(expected)
    for name, data in got.items():
        assert data.decode("utf-8") == expected[name].decode("utf-8"), name


def test_goldens_cover_eight_stacks() -> None:
    assert len(STACKS) >= 8


@pytest.mark.parametrize("case", sorted(STACKS))
def test_dot_and_mermaid_show_the_same_nodes_and_edges(case: str) -> None:
    got = outputs(case)
    dot = got[f"{case}.dot"].decode()
    mmd = got[f"{case}.mmd"].decode()
    dot_edges = sum(1 for line in dot.splitlines() if " -> " in line)
    mmd_edges = sum(
        1 for line in mmd.splitlines() if any(a in line for a in ("-->", "==>", "-.->", "---"))
    )
    assert dot_edges == mmd_edges
    dot_nodes = sum(
        1 for line in dot.splitlines() if line.strip().startswith('"') and " -> " not in line
    )
    mmd_nodes = sum(
        1
        for line in mmd.splitlines()
        if line.strip()[:1].isalpha()
        and '"' in line
        and not line.strip().startswith(("subgraph", "linkStyle", "classDef", "class "))
        and "-->" not in line
        and "==>" not in line
        and "-.->" not in line
    )
    assert dot_nodes == mmd_nodes


def test_home_paths_and_secrets_stay_out() -> None:
    got = outputs("grants")
    for data in got.values():
        text = data.decode()
        assert "/home/" not in text and "not-a-real-secret" not in text
        assert "~/.config/app" in text
