"""What CI jobs run: stale-output checks, README injection, and pull-request diffs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composedoc._lazy import lazy_exports

if TYPE_CHECKING:
    from composedoc.ci.check import (
        CheckResult,
        compare_outputs,
        compare_text,
        raise_if_stale,
        unified_diff,
    )
    from composedoc.ci.diff import (
        KIND_ORDER,
        Change,
        EdgeDiff,
        GraphDiff,
        NodeDiff,
        diff_graphs,
        graph_from_side,
        graph_of,
        load_options_for,
        relocate,
        relocate_project,
        side_graph,
        side_project,
    )
    from composedoc.ci.diff_render import (
        diff_to_json,
        diff_to_markdown,
        diff_to_mermaid,
    )
    from composedoc.ci.diff_review import (
        STACK,
        Item,
        Review,
        review_projects,
    )
    from composedoc.ci.inject import (
        BEGIN,
        END,
        Block,
        block_for,
        compose_block,
        find_block,
        inject,
        inject_bytes,
        line_ending,
        services_table,
    )

__all__ = [
    "BEGIN",
    "END",
    "KIND_ORDER",
    "STACK",
    "Block",
    "Change",
    "CheckResult",
    "EdgeDiff",
    "GraphDiff",
    "Item",
    "NodeDiff",
    "Review",
    "block_for",
    "compare_outputs",
    "compare_text",
    "compose_block",
    "diff_graphs",
    "diff_to_json",
    "diff_to_markdown",
    "diff_to_mermaid",
    "find_block",
    "graph_from_side",
    "graph_of",
    "inject",
    "inject_bytes",
    "line_ending",
    "load_options_for",
    "raise_if_stale",
    "relocate",
    "relocate_project",
    "review_projects",
    "services_table",
    "side_graph",
    "side_project",
    "unified_diff",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "BEGIN": "composedoc.ci.inject",
        "Block": "composedoc.ci.inject",
        "Change": "composedoc.ci.diff",
        "CheckResult": "composedoc.ci.check",
        "END": "composedoc.ci.inject",
        "EdgeDiff": "composedoc.ci.diff",
        "GraphDiff": "composedoc.ci.diff",
        "Item": "composedoc.ci.diff_review",
        "KIND_ORDER": "composedoc.ci.diff",
        "NodeDiff": "composedoc.ci.diff",
        "Review": "composedoc.ci.diff_review",
        "STACK": "composedoc.ci.diff_review",
        "block_for": "composedoc.ci.inject",
        "compare_outputs": "composedoc.ci.check",
        "compare_text": "composedoc.ci.check",
        "compose_block": "composedoc.ci.inject",
        "diff_graphs": "composedoc.ci.diff",
        "diff_to_json": "composedoc.ci.diff_render",
        "diff_to_markdown": "composedoc.ci.diff_render",
        "diff_to_mermaid": "composedoc.ci.diff_render",
        "find_block": "composedoc.ci.inject",
        "graph_from_side": "composedoc.ci.diff",
        "graph_of": "composedoc.ci.diff",
        "inject": "composedoc.ci.inject",
        "inject_bytes": "composedoc.ci.inject",
        "line_ending": "composedoc.ci.inject",
        "load_options_for": "composedoc.ci.diff",
        "raise_if_stale": "composedoc.ci.check",
        "relocate": "composedoc.ci.diff",
        "relocate_project": "composedoc.ci.diff",
        "review_projects": "composedoc.ci.diff_review",
        "services_table": "composedoc.ci.inject",
        "side_graph": "composedoc.ci.diff",
        "side_project": "composedoc.ci.diff",
        "unified_diff": "composedoc.ci.check",
    },
)
