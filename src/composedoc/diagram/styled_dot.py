"""The styled DOT of a scene: ``diagrams`` icon nodes, network clusters, entry ports, a legend,
light and dark themes. Icons are named relative to the ``diagrams`` resources folder; pass
``-Gimagepath=`` (see :mod:`composedoc.diagram.image`) to draw them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from composedoc.diagram.dot_syntax import Html, attrs, escstring, html, quote, safe_id
from composedoc.diagram.layout import Bundle, bundle_edges
from composedoc.diagram.scene import Scene, SCluster, SEdge, SNode
from composedoc.diagram.styles import (
    ARROW_FONT,
    DARK_EDGES,
    EDGE_COLORS,
    FOCUS_COLOR,
    FONT,
    LEGEND_ROWS,
    NETWORK_TEXT,
    RESOURCE_LOOK,
    THEMES,
)
from composedoc.graph.kinds import SHARE_KINDS

__all__ = ["FOCUS_COLOR", "RESOURCE_LOOK", "cluster_kind", "edge_color", "scene_to_dot"]


def text_label(text: str) -> str:
    """A plain label, or an HTML one whose arrows are set in :data:`ARROW_FONT`."""
    if "→" not in text:
        return text
    arrow = f'<font face="{ARROW_FONT}">→</font>'
    return Html("<" + html(text).replace("→", arrow) + ">")


def cluster_kind(cluster: SCluster) -> str:
    """What a box gathers: an author's ``group``, a compose ``file`` or a ``network``."""
    return next((k for k in ("group", "file") if k in cluster.flags), "network")


def edge_color(edge: SEdge) -> str:
    """Colour by meaning: condition for depends_on, else the edge kind."""
    if edge.tone in EDGE_COLORS:
        return EDGE_COLORS[edge.tone]
    if edge.kind == "depends_on":
        return EDGE_COLORS["started"]
    if edge.kind in SHARE_KINDS:
        return EDGE_COLORS["share"]
    return EDGE_COLORS.get(edge.kind, EDGE_COLORS["link"])


def _on(color: str, theme: dict[str, str]) -> str:
    """An edge colour readable on the theme's background."""
    return color if theme["bg"] == "white" else DARK_EDGES.get(color, color)


def _service_attrs(node: SNode, theme: dict[str, str]) -> dict[str, str | None]:
    """An icon card: the icon in a fixed 56 px cell, the name in bold, the image below."""
    card = theme["card"] != "none"
    text = "#2D3436" if card else theme["text"]
    rows = [
        f'<tr><td fixedsize="true" width="56" height="56"><img src="{html(node.icon or "")}"'
        ' scale="true"/></td></tr>',
        f'<tr><td><font color="{text}"><b>{html(node.label)}</b></font></td></tr>',
    ]
    if node.networks:
        rows.append(
            f'<tr><td><font point-size="9" color="{NETWORK_TEXT}">'
            f"{html('net: ' + ', '.join(node.networks))}</font></td></tr>"
        )
    if node.sublabel:
        rows.append(
            f'<tr><td><font point-size="9" color="{theme["muted"] if not card else "#636E72"}">'
            f"{html(node.sublabel)}</font></td></tr>"
        )
    table = '<table border="0" cellborder="0" cellspacing="1" cellpadding="1">'
    if "stack" in node.flags:  # N equivalent services: a card drawn twice, like a pile
        return {
            "label": Html(f"<{table}{''.join(rows)}</table>>"),
            "shape": "box",
            "style": "rounded,filled",
            "fillcolor": theme["card"] if card else theme["bg"],
            "color": theme["cluster_line"],
            "peripheries": "2",
            "margin": "0.08",
        }
    values: dict[str, str | None] = {
        "label": Html(f"<{table}{''.join(rows)}</table>>"),
        "shape": "box" if card else "plain",
        "style": "rounded,filled" if card else None,
        "fillcolor": theme["card"] if card else None,
        "color": theme["card"] if card else None,
        "margin": "0.05" if card else None,
    }
    if "focus" in node.flags:  # --focus: the service the picture is about stands out
        values.update(shape="box", style="rounded,bold" + (",filled" if card else ""))
        values.update(color=FOCUS_COLOR, penwidth="3", margin="0.08")
    return values


def _group_attrs(node: SNode) -> dict[str, str | None]:
    """An overview box: the group's name, then its services a few per line."""
    lines = "<br/>".join(html(line) for line in node.sublabel.split("\n"))
    label = f'<<b>{html(node.label)}</b><br/><font point-size="10">{lines}</font>>'
    look = RESOURCE_LOOK["group"]
    return {
        "label": Html(label),
        "shape": "box",
        "style": "rounded,filled",
        "fillcolor": look["fillcolor"],
        "color": look["color"],
        "fontcolor": "#2D3436",
        "margin": "0.2,0.1",
    }


def node_attrs(node: SNode, theme: dict[str, str]) -> dict[str, str | None]:
    """Graphviz attributes of one node: icon card for services, small shapes for the rest."""
    if node.kind == "service":
        values = _service_attrs(node, theme)
    elif node.kind == "group":
        values = _group_attrs(node)
    else:
        look = RESOURCE_LOOK.get(node.kind, RESOURCE_LOOK["container"])
        text = node.label
        if node.flags:
            text += "\n(" + ", ".join(sorted(node.flags)) + ")"
        if node.sublabel:
            text += "\n" + node.sublabel
        values = {
            "label": text_label(text),
            "shape": look["shape"],
            "style": look.get("style", "") + ",filled" if look.get("style") else "filled",
            "fillcolor": look["fillcolor"],
            "color": look["color"],
            "fontcolor": "#2D3436",
            "fontsize": "10",
            "height": "0.4",
        }
        if "external" in node.flags:
            values["style"] = (values["style"] or "") + ",dashed"
    values["id"] = safe_id(node.id)
    values["tooltip"] = escstring(node.tooltip or node.label)
    values["href"] = node.url
    return values


def _edge_line(
    edge: SEdge, theme: dict[str, str], labels: bool, extra: dict[str, str] | None = None
) -> str:
    if edge.style == "invis":
        return f"  {quote(edge.source)} -> {quote(edge.target)} [style=invis]"
    color = _on(edge_color(edge), theme)
    values: dict[str, str | None] = {
        "color": color,
        "style": edge.style if edge.style != "solid" else None,
        "penwidth": "1.8" if edge.style == "bold" else None,
        "label": text_label(edge.label) if labels and edge.label else None,
        "fontcolor": color if theme["bg"] == "white" else theme["muted"],
        "tooltip": escstring(f"{edge.kind}: {edge.label}" if edge.label else edge.kind),
        "dir": "none" if edge.undirected else None,
        "arrowsize": "0.7",
    }
    if edge.kind == "network":
        values["weight"] = "0"
    if edge.target.startswith("stub:"):  # a rank beyond the group's own volumes and ports
        values["minlen"] = "2"
    values.update(extra or {})
    return f"  {quote(edge.source)} -> {quote(edge.target)} {attrs(values)}"


def _bus_line(bus: str, bundle: Bundle, theme: dict[str, str], labels: bool) -> str:
    """The dot where a bundle's edges meet (see :func:`composedoc.diagram.layout.bundle_edges`);
    its label goes on the arrows out of it, where a reader following one arrow looks."""
    look = bundle.look
    color = _on(edge_color(look), theme)
    tip = f"{look.kind}: " + ", ".join(map(service_label, bundle.sources))
    tip += " -> " + ", ".join(map(service_label, bundle.targets))
    point = {
        "shape": "point",
        "width": "0.09",
        "color": color,
        "id": safe_id(bus),
        "tooltip": escstring(tip),
    }
    return f"{quote(bus)} {attrs(point)}"


def _bundle_edges(
    bus: str, bundle: Bundle, theme: dict[str, str], labels: bool, direction: str = "LR"
) -> list[str]:
    """Every source into the dot (no arrowhead), one arrow from it to every target; lines
    enter the dot on the side facing the sources and leave on the other (a dot entered from
    every side read as a crossing)."""
    look = bundle.look
    into, out = _SIDES.get(direction, _SIDES["LR"])
    kind = look.kind + (f" ({look.label})" if look.label else "")
    targets = ", ".join(map(service_label, bundle.targets))
    sources = ", ".join(map(service_label, bundle.sources))
    lines = [
        _edge_line(
            replace(look, source=s, target=bus, label=""),
            theme,
            labels,
            {
                **_NO_HEAD,
                "headport": into,
                "tooltip": escstring(f"{kind}: {service_label(s)} -> {targets}"),
            },
        )
        for s in bundle.sources
    ]
    lines.extend(
        _edge_line(
            replace(look, source=bus, target=t),
            theme,
            labels,
            {"tailport": out, "tooltip": escstring(f"{kind}: {sources} -> {service_label(t)}")},
        )
        for t in bundle.targets
    )
    return lines


_NO_HEAD: Final = {"arrowhead": "none"}
_SIDES: Final = {"LR": ("w", "e"), "RL": ("e", "w"), "TB": ("n", "s"), "BT": ("s", "n")}


def service_label(node_id: str) -> str:
    """``service:web`` -> ``web``; other ids stay whole."""
    return node_id.split(":", 1)[1] if node_id.startswith("service:") else node_id


def legend_row(edge: SEdge) -> tuple[str, str] | None:
    """The ``(colour key, style)`` of the legend row that explains an edge, if one does."""
    if edge.kind == "depends_on":
        return (
            ("started", "dashed") if edge.style == "dashed" else (edge.tone or "started", "solid")
        )
    if edge.kind in SHARE_KINDS:
        return "share", "dashed"
    found = {"publish": "bold", "mount": "solid", "secret": "dotted", "config": "dotted"}
    return (edge.kind, found[edge.kind]) if edge.kind in found else None


def _legend(theme: dict[str, str], bundled: bool, drawn: set[tuple[str, str] | None]) -> str:
    """The key of the edge kinds this picture draws, and of none it does not."""
    rows = "".join(
        f'<tr><td align="left"><font color="{_on(EDGE_COLORS[key], theme)}">'
        f"{'━━━' if style in ('solid', 'bold') else '╍╍╍' if style == 'dashed' else '┈┈┈'}"
        f'</font></td><td align="left">{html(text)}</td></tr>'
        for key, style, text in LEGEND_ROWS
        if (key, style) in drawn
    )
    if bundled:
        grey = _on(EDGE_COLORS["started"], theme)
        rows += (
            f'<tr><td align="left"><font color="{grey}">━●━</font></td>'
            '<td align="left">each one on the left to each on the right</td></tr>'
        )
    table = (
        f'<<table border="1" cellborder="0" cellspacing="2" cellpadding="1" '
        f'color="{theme["cluster_line"]}"><tr><td colspan="2"><b>Legend</b></td></tr>'
        f"{rows}</table>>"
    )
    look = {
        "shape": "plain",
        "label": Html(table),
        "fontsize": "9",
        "id": "legend",
        "tooltip": "legend",
    }
    return f"  legend {attrs(look)}"


def scene_to_dot(scene: Scene, labels: bool = True) -> str:
    """Deterministic DOT text of the scene (same scene, same bytes)."""
    opts = scene.options
    theme = THEMES.get(opts.theme, THEMES["light"])
    title = f"<<b>{html(scene.title)}</b>"
    if scene.note:
        title += f'<br/><font point-size="10">{html(scene.note)}</font>'
    graph_attrs = {
        "rankdir": opts.direction if opts.direction != "auto" else "LR",
        "bgcolor": theme["bg"],
        "fontname": FONT,
        "fontcolor": theme["text"],
        "fontsize": "16",
        "label": Html(title + ">"),
        "labelloc": "t",
        "nodesep": "0.45",
        "ranksep": "0.9",
        "pad": "0.4",
        "splines": "spline",
        "newrank": "true",
        "compound": "true",
        "id": "composedoc",
    }
    lines = [
        f"digraph {quote(scene.title)} {{",
        f"  graph {attrs(graph_attrs)}",
        f"  node {attrs({'fontname': FONT, 'fontsize': '12', 'fontcolor': theme['text']})}",
        f"  edge {attrs({'fontname': FONT, 'fontsize': '9', 'color': theme['edge']})}",
    ]
    members: dict[str | None, list[str]] = {}
    for node in scene.nodes.values():
        members.setdefault(node.cluster, []).append(
            f"{quote(node.id)} {attrs(node_attrs(node, theme))}"
        )
    plain, bundles = bundle_edges(scene.edges)
    buses = {f"bundle:{number}": bundle for number, bundle in enumerate(bundles, 1)}
    for bus, bundle in buses.items():  # inside the box its ends share, else outside
        boxes = {scene.nodes[end].cluster for end in bundle.sources + bundle.targets}
        box = boxes.pop() if len(boxes) == 1 else None
        members.setdefault(box, []).append(_bus_line(bus, bundle, theme, labels))
    for cid, cluster in scene.clusters.items():
        fill = theme["group"] if {"group", "file"} & cluster.flags else theme["cluster"]
        if "internal" in cluster.flags:
            fill = theme["internal"]
        elif "external" in cluster.flags:
            fill = theme["external"]
        label = cluster.label
        marks = sorted(cluster.flags - {"group", "file"})
        if marks:
            label += " (" + ", ".join(marks) + ")"
        label = cluster_kind(cluster) + " " + label
        cattrs = {
            "label": label,
            "style": "rounded,filled" + (",dashed" if "internal" in cluster.flags else ""),
            "fillcolor": fill,
            "color": theme["cluster_line"],
            "fontcolor": theme["muted"],
            "fontsize": "11",
            "labeljust": "l",
            "id": safe_id(cid),
        }
        lines.append(f"  subgraph {quote('cluster_' + cid)} {{")
        lines.append(f"    graph {attrs(cattrs)}")
        lines.extend(f"    {line}" for line in members.get(cid, []))
        lines.append("  }")
    lines.extend(f"  {line}" for line in members.get(None, []))
    lines.extend(_edge_line(e, theme, labels) for e in plain)
    for bus, bundle in buses.items():
        lines.extend(_bundle_edges(bus, bundle, theme, labels, opts.direction))
    lines.extend("  { rank=same; " + " ".join(map(quote, ids)) + " }" for ids in scene.same_rank)
    if scene.last_rank:
        lines.append("  { rank=max; " + " ".join(map(quote, scene.last_rank)) + " }")
    drawn = {legend_row(e) for e in scene.edges if e.style != "invis"} - {None}
    if opts.legend and (drawn or bundles):  # no arrows, no key
        lines.append(_legend(theme, bool(bundles), drawn))
    lines.append("}")
    return "\n".join(lines) + "\n"
