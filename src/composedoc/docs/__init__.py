"""Every output of a project as bytes: Markdown reference pages beside the diagrams and JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composedoc._lazy import lazy_exports

if TYPE_CHECKING:
    from composedoc.docs.documents import (
        ALL_FORMATS,
        DocumentOptions,
        masked_graph,
        render_documents,
    )

__all__ = [
    "ALL_FORMATS",
    "DocumentOptions",
    "masked_graph",
    "render_documents",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "ALL_FORMATS": "composedoc.docs.documents",
        "DocumentOptions": "composedoc.docs.documents",
        "masked_graph": "composedoc.docs.documents",
        "render_documents": "composedoc.docs.documents",
    },
)
