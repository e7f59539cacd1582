"""The project graph (networkx): typed nodes and edges, and its JSON form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composedoc._lazy import lazy_exports

if TYPE_CHECKING:
    from composedoc.graph.build import (
        build_graph,
        graph_from_json,
        graph_to_json,
        port_id,
    )

__all__ = [
    "build_graph",
    "graph_from_json",
    "graph_to_json",
    "port_id",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "build_graph": "composedoc.graph.build",
        "graph_from_json": "composedoc.graph.build",
        "graph_to_json": "composedoc.graph.build",
        "port_id": "composedoc.graph.build",
    },
)
