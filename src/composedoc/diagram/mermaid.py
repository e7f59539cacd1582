"""Mermaid flowchart of a scene: the same nodes and edges as the DOT (icons aside).

Renders in GitHub and Material for MkDocs. Ids come from :func:`safe_id` (letters, digits and
``_``), labels are always quoted with Mermaid entity codes, so names with dots, dashes,
quotes or markup cannot break the chart.
"""

from __future__ import annotations

from typing import Final

from composedoc.diagram.dot_syntax import safe_id
from composedoc.diagram.layout import ORDER_KIND
from composedoc.diagram.scene import Scene, SEdge, SNode
from composedoc.diagram.styled_dot import RESOURCE_LOOK, cluster_kind, edge_color

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


_ENTITIES: Final[dict[int, str]] = {
    **{code: " " for code in [*range(0x20), 0x7F] if code not in (0x0A, 0x0D)},
    **{ord(c): f"#{ord(c)};" for c in "#%`|"},
    ord("&"): "#amp;",
    ord('"'): "#quot;",
    ord("<"): "#lt;",
    ord(">"): "#gt;",
    0x85: " ",
    0x2028: " ",
    0x2029: " ",
}
"""Everything Mermaid could read as syntax inside a quoted label: ``#`` (its entity codes),
``%`` (``%%{init}%%`` directives are found anywhere in the text), backticks (markdown strings),
quotes, markup and ``|`` (edge labels). Control characters and Unicode line separators
become spaces (JavaScript's ``^`` matches after them). ``:::``, ``;``, ``---`` and ``click``
are plain text inside quotes, and no user text ever starts a line."""


def text(value: str) -> str:
    """Label text inside double quotes: entity codes for syntax and markup, ``<br/>`` lines."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(line.translate(_ENTITIES) for line in lines)


def _label(node: SNode) -> str:
    parts = [node.label]
    shown = {f for f in node.flags if not f.startswith("slug:")} - {"stack"}
    if shown:
        marks = sorted(shown)
        parts[0] += " (" + ", ".join(marks) + ")"
    if node.networks:
        parts.append("net: " + ", ".join(node.networks))
    if node.sublabel:
        parts.append(node.sublabel)
    return text("\n".join(parts))


def _ended(line: str) -> str:
    """A line with a label saying ``style`` or ``classDef`` ends in ``;`` (a statement end).

    Before parsing, Mermaid drops the last ``;`` of any line matching ``style.*:\\S*#.*;``
    (meant for its ``style`` statements): without ours it would eat an entity's ``;``.
    """
    return line + ";" if "style" in line or "classDef" in line else line


def _node_line(node: SNode, indent: str) -> str:
    left, right = _SHAPES.get(node.kind, ("[", "]"))
    return _ended(f'{indent}{mid(node.id)}{left}"{_label(node)}"{right}')


def _edge_line(edge: SEdge) -> str:
    arrow = _ARROWS[(edge.style, edge.undirected)]
    if edge.style == "invis":
        return f"  {mid(edge.source)} {arrow} {mid(edge.target)}"
    label = f'|"{text(edge.label)}"|' if edge.label else ""
    return _ended(f"  {mid(edge.source)} {arrow}{label} {mid(edge.target)}")


def scene_to_mermaid(scene: Scene) -> str:
    """Deterministic Mermaid text of the scene."""
    opts = scene.options
    lines = []
    if opts.theme == "dark":
        lines.append('%%{init: {"theme": "dark"}}%%')
    lines.append(f"flowchart {opts.direction if opts.direction != 'auto' else 'LR'}")
    lines.append(f"  %% {text(scene.title)}" + (f": {text(scene.note)}" if scene.note else ""))
    members: dict[str | None, list[SNode]] = {}
    for node in scene.nodes.values():
        members.setdefault(node.cluster, []).append(node)
    for cid, cluster in scene.clusters.items():
        marks = sorted(cluster.flags - {"group", "file"})
        title = cluster_kind(cluster) + " " + cluster.label
        title += f" ({', '.join(marks)})" if marks else ""
        lines.append(_ended(f'  subgraph {mid(cid)}["{text(title)}"]'))
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
