"""Mermaid flowchart of a scene: the same nodes and edges as the DOT (icons aside).

Renders in GitHub and Material for MkDocs. Ids come from :func:`safe_id` (letters, digits and
``_``), labels are always quoted with Mermaid entity codes, so names with dots, dashes,
quotes or markup cannot break the chart.
"""

from __future__ import annotations

from typing import Final

from composedoc.render.diagram import RESOURCE_LOOK, cluster_kind, edge_color
from composedoc.render.dot import safe_id
from composedoc.render.layout import ORDER_KIND
from composedoc.render.scene import Scene, SEdge, SNode

_SHAPES: Final[dict[str, tuple[str, str]]] = {
    "service": ("(", ")"),
    "ghost": ("(", ")"),
    "group": ("[", "]"),
    "port": (">", "]"),
    "volume": ("[(", ")]"),
    "bind": ("[/", "/]"),
    "secret": ("{{", "}}"),
    "config": ("[", "]"),
    "container": ("[[", "]]"),
    "hostnet": ("[/", "\\]"),
}
_ARROWS: Final[dict[tuple[str, bool], str]] = {
    ("solid", False): "-->",
    ("bold", False): "==>",
    ("dashed", False): "-.->",
    ("dotted", False): "-.->",
    ("solid", True): "---",
    ("bold", True): "===",
    ("dashed", True): "-.-",
    ("dotted", True): "-.-",
    ("invis", False): "~~~",
}


def mid(node_id: str) -> str:
    """A Mermaid node id: ``service:web.api`` -> ``service__web_2eapi``."""
    return safe_id(node_id).replace("-", "__", 1)


def text(value: str) -> str:
    """Label text inside double quotes: entity codes for quotes and markup, ``<br/>`` lines."""
    out = (
        value.replace("&", "#amp;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
        .replace("|", "#124;")
    )
    return out.replace("\n", "<br/>")


def _label(node: SNode) -> str:
    parts = [node.label]
    if node.flags - {f for f in node.flags if f.startswith("slug:")}:
        marks = sorted(f for f in node.flags if not f.startswith("slug:"))
        parts[0] += " (" + ", ".join(marks) + ")"
    if node.networks:
        parts.append("net: " + ", ".join(node.networks))
    if node.sublabel:
        parts.append(node.sublabel)
    return text("\n".join(parts))


def _node_line(node: SNode, indent: str) -> str:
    left, right = _SHAPES.get(node.kind, ("[", "]"))
    return f'{indent}{mid(node.id)}{left}"{_label(node)}"{right}'


def _edge_line(edge: SEdge) -> str:
    arrow = _ARROWS[(edge.style, edge.undirected)]
    if edge.style == "invis":
        return f"  {mid(edge.source)} {arrow} {mid(edge.target)}"
    label = f'|"{text(edge.label)}"|' if edge.label else ""
    return f"  {mid(edge.source)} {arrow}{label} {mid(edge.target)}"


def scene_to_mermaid(scene: Scene) -> str:
    """Deterministic Mermaid text of the scene."""
    opts = scene.options
    lines = []
    if opts.theme == "dark":
        lines.append('%%{init: {"theme": "dark"}}%%')
    lines.append(f"flowchart {opts.direction}")
    lines.append(f"  %% {text(scene.title)}" + (f": {text(scene.note)}" if scene.note else ""))
    members: dict[str | None, list[SNode]] = {}
    for node in scene.nodes.values():
        members.setdefault(node.cluster, []).append(node)
    for cid, cluster in scene.clusters.items():
        marks = sorted(cluster.flags - {"group", "file"})
        title = cluster_kind(cluster) + " " + cluster.label
        title += f" ({', '.join(marks)})" if marks else ""
        lines.append(f'  subgraph {mid(cid)}["{text(title)}"]')
        lines.extend(_node_line(n, "    ") for n in members.get(cid, []))
        lines.append("  end")
    lines.extend(_node_line(n, "  ") for n in members.get(None, []))
    edges = [e for e in scene.edges if e.kind != ORDER_KIND]
    lines.extend(_edge_line(e) for e in edges)
    by_color: dict[str, list[str]] = {}
    for index, edge in enumerate(edges):
        if edge.style == "invis":
            continue
        by_color.setdefault(edge_color(edge), []).append(str(index))
    for color, indexes in sorted(by_color.items()):
        lines.append(f"  linkStyle {','.join(indexes)} stroke:{color},color:{color}")
    kinds: dict[str, list[str]] = {}
    for node in scene.nodes.values():
        kinds.setdefault(node.kind, []).append(mid(node.id))
    for kind, ids in sorted(kinds.items()):
        look = RESOURCE_LOOK.get(kind)
        if kind == "service":
            lines.append(f"  classDef {kind} fill:#FFFFFF,stroke:#5D8AA8,color:#2D3436")
        elif look:
            dashed = ",stroke-dasharray:4 3" if "dashed" in look.get("style", "") else ""
            lines.append(
                f"  classDef {kind} fill:{look['fillcolor']},stroke:{look['color']},"
                f"color:#2D3436{dashed}"
            )
        lines.append(f"  class {','.join(ids)} {kind}")
    return "\n".join(lines) + "\n"
