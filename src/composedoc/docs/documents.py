"""Every output of one loaded project, as bytes keyed by file name.

The CLI's ``render`` (and anything else that writes a set of files) calls
:func:`render_documents`; it takes one :class:`composedoc.docs.masked_view.MaskedView` (the project
masked once, the graph built from it, the docs facts masked alike) and hands it to every
renderer, so diagrams, JSON and Markdown follow the same masking rule and the page embeds the
``.mmd`` drawn from that view. It never writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from composedoc.compose.types import LoadedProject, LoadOptions
from composedoc.diagram.scene import ViewOptions
from composedoc.docs.masked_view import MaskedView, masked_view
from composedoc.mask.policy import DEFAULT_POLICY, MaskPolicy
from composedoc.model.project import Project, paused_gc
from composedoc.options import FORMATS

__all__ = ["ALL_FORMATS", "DocumentOptions", "masked_graph", "render_documents"]

ALL_FORMATS = tuple(f.name for f in FORMATS)
DIAGRAM_FORMATS = tuple(f.name for f in FORMATS if f.diagram)


@dataclass(frozen=True)
class DocumentOptions:
    """What to produce: formats, file stem, diagram view, masking and page options."""

    formats: tuple[str, ...] = ALL_FORMATS
    name: str | None = None
    view: ViewOptions = field(default_factory=ViewOptions)
    split: bool | None = None
    policy: MaskPolicy = DEFAULT_POLICY
    md_diagram: str | None = None
    template_dir: Path | None = None


def masked_graph(loaded: LoadedProject, policy: MaskPolicy = DEFAULT_POLICY) -> tuple[Project, Any]:
    """The typed project (before masking) and the masked graph of
    :func:`composedoc.docs.masked_view.masked_view`, for callers that only need the graph."""
    view = masked_view(loaded, policy)
    return view.source, view.graph


def render_documents(
    loaded: LoadedProject,
    options: DocumentOptions,
    load_options: LoadOptions | None = None,
    view: MaskedView | None = None,
) -> dict[str, bytes]:
    """File name -> content for every asked format; the same input gives the same bytes.

    ``view`` (masked with ``options.policy``) is built here when not given; a caller that
    renders several sets of files of one project (the plugin's two themes) passes its own.
    """
    from composedoc.diagram.icons import build_icons
    from composedoc.diagram.outputs import render_outputs
    from composedoc.graph.build import graph_to_json

    stem = options.name or loaded.name
    if view is None:
        view = masked_view(loaded, options.policy, load_options)
    graph = view.graph
    chart: bytes | None = None
    diagrams = [f for f in DIAGRAM_FORMATS if f in options.formats]
    only_embedded = not diagrams
    embeds = options.md_diagram or ("svg" if "svg" in diagrams else "mermaid")
    if "md" in options.formats and embeds == "mermaid" and "mermaid" not in diagrams:
        diagrams.append("mermaid")  # the page embeds the chart: drawn with the same view
    files: dict[str, bytes] = {}
    if diagrams:
        with paused_gc():  # small dicts only; a collection here scanned the whole project
            icons = build_icons(graph, loaded.working_dir)
        look = replace(options.view, inactive=tuple(sorted(loaded.disabled_services or {})))
        drawn = render_outputs(
            graph, diagrams, stem, look, icons, options.split, overview_only=only_embedded
        )
        asked = {f if f != "mermaid" else "mmd" for f in options.formats}
        files.update({name: data for name, data in drawn.items() if _ext(name) in asked})
        chart = drawn.get(f"{stem}.mmd")
    if "json" in options.formats:
        files[f"{stem}.json"] = graph_to_json(graph).encode("utf-8")
    if "md" in options.formats:
        files[f"{stem}.md"] = _markdown(view, options, stem, files, chart)
    return dict(sorted(files.items()))


def _ext(name: str) -> str:
    """``shop.dark.svg`` -> ``svg``."""
    return name.rsplit(".", 1)[-1]


def _markdown(
    view: MaskedView,
    options: DocumentOptions,
    stem: str,
    files: dict[str, bytes],
    chart: bytes | None,
) -> bytes:
    """The reference page; it embeds the Mermaid chart (the ``.mmd`` drawn from the same
    view with the same view options, written or not) or points at the SVG next to it."""
    from composedoc.docs.markdown import MarkdownOptions, render_markdown

    diagram = options.md_diagram or ("svg" if f"{stem}.svg" in files else "mermaid")
    page = render_markdown(
        view,
        options=MarkdownOptions(
            diagram=diagram,
            mermaid_text=chart.decode("utf-8") if chart else None,
            svg_name=f"{stem}.svg",
            template_dir=options.template_dir,
        ),
    )
    return page.encode("utf-8")
