"""A :class:`~composedoc.diff.GraphDiff` as Markdown (pull-request comment), JSON or Mermaid.

Markdown groups changes by what a reviewer thinks in: services, ports, volumes, networks,
secrets and configs, then the edges between them. The Mermaid chart draws the union of both
graphs with added, removed and changed elements coloured (classDef added/removed/changed).
"""

from __future__ import annotations

import json
from typing import Any

from composedoc.diff import Change, EdgeDiff, GraphDiff, NodeDiff
from composedoc.render import md_escape

__all__ = ["diff_to_json", "diff_to_markdown", "diff_to_mermaid"]

TITLE = "composedoc: Compose changes"
_SECTIONS = (
    ("Services", ("service",)),
    ("Ports", ("port",)),
    ("Volumes and bind mounts", ("volume", "bind")),
    ("Networks", ("network",)),
    ("Secrets and configs", ("secret", "config")),
    ("Containers", ("container",)),
)
_MARK = {"added": "**added**", "removed": "**removed**", "changed": "changed"}
_COLORS = {
    "added": "fill:#E6FFEC,stroke:#1A7F37,color:#1A7F37",
    "removed": "fill:#FFEBE9,stroke:#CF222E,color:#CF222E,stroke-dasharray:4 3",
    "changed": "fill:#FFF8C5,stroke:#9A6700,color:#7D4E00",
}
_EDGE_COLORS = {"added": "#1A7F37", "removed": "#CF222E", "changed": "#9A6700"}
_MAX_VALUE = 80


def _value(value: Any) -> str:
    """A short one-line rendering of an attribute value."""
    if value is None:
        return "(unset)"
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = value
    else:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    if len(text) > _MAX_VALUE:
        text = text[: _MAX_VALUE - 1] + "…"
    return text


def _cell(text: str) -> str:
    """Table cell text, escaped the way the reference pages escape it (md_escape)."""
    return md_escape.text(text)


def _code(text: str) -> str:
    """A value as code: a backtick span when safe, else ``<code>`` with references."""
    return md_escape.code(text)


def _changes(changes: tuple[Change, ...]) -> str:
    return "<br>".join(
        f"{_code(c.attr)}: {_code(_value(c.old))} → {_code(_value(c.new))}" for c in changes
    )


def _node_details(node: NodeDiff) -> str:
    if node.status == "changed":
        return _changes(node.changes)
    attrs = node.attrs or {}
    if node.kind == "service":
        build = attrs.get("build")
        if attrs.get("image"):
            return f"image {_code(str(attrs['image']))}"
        if isinstance(build, dict) and build.get("context"):
            return f"build {_code(str(build['context']))}"
    if node.kind in ("volume", "network") and attrs.get("external"):
        return "external"
    return ""


def _edge_label(edge: EdgeDiff) -> str:
    return f"{_code(edge.source)} → {_code(edge.target)}"


def diff_to_markdown(diff: GraphDiff, old_label: str = "OLD", new_label: str = "NEW") -> str:
    """A pull-request comment: a summary line, then one table per kind of change."""
    lines = [f"### {TITLE}", ""]
    compared = f"{_code(old_label)} → {_code(new_label)}"
    if diff.empty:
        lines.append(f"No change to services, ports, volumes, networks or edges ({compared}).")
        return "\n".join(lines) + "\n"
    counts = diff.counts()
    summary = ", ".join(f"{counts[s]} {s}" for s in ("added", "removed", "changed"))
    lines += [f"{compared}: {summary}.", ""]
    for change in diff.graph:
        lines += [
            f"Project {_code(change.attr)}: {_code(_value(change.old))} → "
            f"{_code(_value(change.new))}",
            "",
        ]
    for title, kinds in _SECTIONS:
        items = diff.nodes_of(kinds)
        if not items:
            continue
        lines += [f"#### {title}", "", "| Change | Name | Details |", "|---|---|---|"]
        for node in items:
            name = node.name if len(kinds) == 1 else f"{node.kind} {node.name}"
            lines.append(f"| {_MARK[node.status]} | {_code(name)} | {_node_details(node)} |")
        lines.append("")
    if diff.edges:
        lines += ["#### Edges", "", "| Change | Kind | Edge | Details |", "|---|---|---|---|"]
        for edge in diff.edges:
            details = _changes(edge.changes) if edge.changes else _cell(edge.key)
            lines.append(
                f"| {_MARK[edge.status]} | {_cell(edge.kind)} | {_edge_label(edge)} | {details} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    return value


def _change_json(changes: tuple[Change, ...]) -> list[dict[str, Any]]:
    return [{"attr": c.attr, "old": _jsonable(c.old), "new": _jsonable(c.new)} for c in changes]


def diff_to_json(diff: GraphDiff, old_label: str = "OLD", new_label: str = "NEW") -> str:
    """Stable JSON: ``old``, ``new``, ``summary``, ``project``, ``nodes``, ``edges``."""
    data = {
        "old": old_label,
        "new": new_label,
        "summary": diff.counts(),
        "project": _change_json(diff.graph),
        "nodes": [
            {"id": n.id, "kind": n.kind, "status": n.status, "changes": _change_json(n.changes)}
            for n in diff.nodes
        ],
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "key": e.key,
                "kind": e.kind,
                "status": e.status,
                "changes": _change_json(e.changes),
            }
            for e in diff.edges
        ],
    }
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _node_text(node_id: str, attrs: dict[str, Any]) -> str:
    kind, _, name = node_id.partition(":")
    if kind == "service":
        return name
    if kind == "bind":
        return str(attrs.get("path") or name)
    return f"{kind} {name}"


def diff_to_mermaid(old: Any, new: Any, diff: GraphDiff, only_changed: bool = False) -> str:
    """Mermaid flowchart of both graphs together, changes coloured.

    ``only_changed`` keeps the changed nodes, the ends of changed edges and nothing else,
    which keeps big stacks readable in a pull-request comment.
    """
    from composedoc.render.mermaid import mid, text

    status = {n.id: n.status for n in diff.nodes}
    edge_status = {(e.source, e.target, e.key): e.status for e in diff.edges}
    attrs: dict[str, dict[str, Any]] = dict(old.nodes(data=True))
    attrs.update(dict(new.nodes(data=True)))
    edges: dict[tuple[str, str, str], str] = {}
    for graph in (old, new):
        for source, target, key, data in graph.edges(keys=True, data=True):
            edges[(source, target, str(key))] = str(data.get("kind", key))
    if only_changed:
        keep = set(status)
        for source, target, _key in edge_status:
            keep |= {source, target}
        attrs = {k: v for k, v in attrs.items() if k in keep}
        edges = {k: v for k, v in edges.items() if k in edge_status}
    lines = ["flowchart LR"]
    for node_id in sorted(attrs):
        label = text(_node_text(node_id, attrs[node_id]))
        shape = ("(", ")") if node_id.startswith("service:") else ("[", "]")
        lines.append(f'  {mid(node_id)}{shape[0]}"{label}"{shape[1]}')
    styles: dict[str, list[str]] = {}
    for index, (ident, kind) in enumerate(sorted(edges.items())):
        source, target, _ = ident
        state = edge_status.get(ident)
        arrow = "-.->" if state == "removed" else "-->"
        lines.append(f'  {mid(source)} {arrow}|"{text(kind)}"| {mid(target)}')
        if state:
            styles.setdefault(state, []).append(str(index))
    for state_name, indexes in sorted(styles.items()):
        color = _EDGE_COLORS[state_name]
        lines.append(f"  linkStyle {','.join(indexes)} stroke:{color},color:{color}")
    for kind in ("added", "removed", "changed"):
        ids = [mid(n) for n in sorted(attrs) if status.get(n) == kind]
        if ids:
            lines.append(f"  classDef {kind} {_COLORS[kind]}")
            lines.append(f"  class {','.join(ids)} {kind}")
    return "\n".join(lines) + "\n"
