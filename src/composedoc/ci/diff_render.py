"""A review (:mod:`composedoc.ci.diff_review`) as a pull-request comment or JSON; a graph diff
as a coloured Mermaid chart.

The comment leads with a summary in reviewer words and the risky changes (marked), then the
details per service in a collapsible ``<details>`` block; no internal graph id appears. The
JSON holds the same structure. The Mermaid chart draws the union of both graphs with added,
removed and changed elements coloured (classDef added/removed/changed).
"""

from __future__ import annotations

import json
from typing import Any

from composedoc.ci.diff import GraphDiff
from composedoc.ci.diff_items import STACK, Item
from composedoc.ci.diff_review import Review
from composedoc.docs import md_escape

__all__ = ["diff_to_json", "diff_to_markdown", "diff_to_mermaid"]

TITLE = "composedoc: Compose changes"
_COLORS = {
    "added": "fill:#E6FFEC,stroke:#1A7F37,color:#1A7F37",
    "removed": "fill:#FFEBE9,stroke:#CF222E,color:#CF222E,stroke-dasharray:4 3",
    "changed": "fill:#FFF8C5,stroke:#9A6700,color:#7D4E00",
}
_EDGE_COLORS = {"added": "#1A7F37", "removed": "#CF222E", "changed": "#9A6700"}
RISKY = "⚠️"
_STACK_TITLE = "the stack"


def _who(service: str) -> str:
    return _STACK_TITLE if service == STACK else service


def _item_md(item: Item) -> str:
    """``⚠️ **exposure widened** `9229/tcp`: `127.0.0.1:9229` → `0.0.0.0:9229`, now on ...``"""
    parts = [f"{RISKY} **{item.label}**" if item.risky else f"**{item.label}**"]
    if item.subject:
        parts.append(" " + md_escape.code(item.subject))
    if item.old is not None and item.new is not None:
        parts.append(f": {md_escape.code(item.old)} → {md_escape.code(item.new)}")
    elif item.new is not None:
        parts.append(f": {md_escape.code(item.new)}")
    elif item.old is not None:
        parts.append(f": was {md_escape.code(item.old)}")
    if item.note:
        parts.append(f" ({md_escape.text(item.note)})")
    return "".join(parts)


def _summary(review: Review) -> list[str]:
    """One line per kind of change, with the services it touches; risky kinds first."""
    lines = []
    for label, risky, services in review.summary():
        names = ", ".join(md_escape.code(_who(s)) for s in services)
        mark = f"{RISKY} " if risky else ""
        lines.append(f"- {mark}{label}: {names}")
    return lines


def diff_to_markdown(review: Review, old_label: str = "OLD", new_label: str = "NEW") -> str:
    """A pull-request comment: the summary, the risky changes, then details per service."""
    lines = [f"### {TITLE}", ""]
    compared = f"{md_escape.code(old_label)} → {md_escape.code(new_label)}"
    if review.empty:
        lines.append(
            f"No change to services, ports, volumes, networks or environment ({compared})."
        )
        return "\n".join(lines) + "\n"
    risky = len(review.risky)
    services = [s for s in review.services() if s != STACK]
    head = (
        f"{RISKY} **{risky} risky change{'s' if risky != 1 else ''}**"
        if risky
        else "No risky change"
    )
    count = f"{len(services)} service{'s' if len(services) != 1 else ''} touched"
    lines += [f"{compared}: {head}, {count}.", ""]
    lines += [*_summary(review), ""]
    if risky:
        lines += ["#### Risky changes", ""]
        lines += [f"- {md_escape.code(_who(i.service))}: {_item_md(i)}" for i in review.risky]
        lines.append("")
    total = len(review.items)
    lines += [
        "<details>",
        f"<summary>Details by service ({total} change{'s' if total != 1 else ''})</summary>",
        "",
    ]
    for service in review.services():
        title = "The stack" if service == STACK else md_escape.code(service)
        lines += [f"#### {title}", ""]
        lines += [f"- {_item_md(i)}" for i in review.of(service)]
        lines.append("")
    lines.append("</details>")
    return "\n".join(lines) + "\n"


def diff_to_json(review: Review, old_label: str = "OLD", new_label: str = "NEW") -> str:
    """The Markdown's structure as stable JSON: ``summary``, ``risky``, ``services``."""

    def item(i: Item) -> dict[str, Any]:
        return {
            "change": i.label,
            "subject": i.subject or None,
            "old": i.old,
            "new": i.new,
            "note": i.note or None,
            "risky": i.risky,
        }

    data = {
        "old": old_label,
        "new": new_label,
        "risky": len(review.risky),
        "summary": [
            {"change": label, "risky": risky, "services": [_who(s) for s in names]}
            for label, risky, names in review.summary()
        ],
        "services": [
            {"service": _who(s), "changes": [item(i) for i in review.of(s)]}
            for s in review.services()
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
    from composedoc.diagram.mermaid import mid, text

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
