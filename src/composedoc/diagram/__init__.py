"""Diagrams of a project graph: scenes, layout, grouping, DOT, SVG/PNG and Mermaid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composedoc._lazy import lazy_exports

if TYPE_CHECKING:
    from composedoc.diagram.outputs import (
        FORMATS,
        ViewOptions,
        render_outputs,
        scenes_for,
    )

__all__ = [
    "FORMATS",
    "ViewOptions",
    "render_outputs",
    "scenes_for",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "FORMATS": "composedoc.diagram.outputs",
        "ViewOptions": "composedoc.diagram.outputs",
        "render_outputs": "composedoc.diagram.outputs",
        "scenes_for": "composedoc.diagram.outputs",
    },
)
