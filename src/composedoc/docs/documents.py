"""Every output of one loaded project, as bytes keyed by file name.

The CLI's ``render`` (and anything else that writes a set of files) calls
:func:`render_documents`; it masks the typed project once, builds the graph from the masked
project, and hands that one graph to every renderer, so diagrams, JSON and Markdown follow the
same masking rule. It never writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from composedoc.compose.types import LoadedProject, LoadOptions
from composedoc.diagram.scene import ViewOptions
from composedoc.mask.policy import DEFAULT_POLICY, MaskPolicy, mask_project
from composedoc.model.bind import bind_project
from composedoc.model.project import Project
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
    """The typed project and the graph every output is drawn from, values masked by ``policy``.

    The one place that decides what outputs may show: every front end builds its graph here.
    """
    from composedoc.graph.build import build_graph

    project = bind_project(loaded)
    return project, build_graph(mask_project(project, policy))


def render_documents(
    loaded: LoadedProject,
    options: DocumentOptions,
    load_options: LoadOptions | None = None,
) -> dict[str, bytes]:
    """File name -> content for every asked format; the same input gives the same bytes."""
    from composedoc.diagram.icons import build_icons
    from composedoc.diagram.outputs import render_outputs
    from composedoc.graph.build import graph_to_json

    stem = options.name or loaded.name
    project, graph = masked_graph(loaded, options.policy)
    chart: bytes | None = None
    diagrams = [f for f in DIAGRAM_FORMATS if f in options.formats]
    embeds = options.md_diagram or ("svg" if "svg" in diagrams else "mermaid")
    if "md" in options.formats and embeds == "mermaid" and "mermaid" not in diagrams:
        diagrams.append("mermaid")  # the page embeds the chart: drawn with the same view
    files: dict[str, bytes] = {}
    if diagrams:
        icons = build_icons(graph, loaded.working_dir)
        view = replace(options.view, inactive=tuple(sorted(loaded.disabled_services or {})))
        drawn = render_outputs(graph, diagrams, stem, view, icons, options.split)
        asked = {f if f != "mermaid" else "mmd" for f in options.formats}
        files.update({name: data for name, data in drawn.items() if _ext(name) in asked})
        chart = drawn.get(f"{stem}.mmd")
    if "json" in options.formats:
        files[f"{stem}.json"] = graph_to_json(graph).encode("utf-8")
    if "md" in options.formats:
        files[f"{stem}.md"] = _markdown(
            loaded, project, graph, options, stem, files, load_options, chart
        )
    return dict(sorted(files.items()))


def _ext(name: str) -> str:
    """``shop.dark.svg`` -> ``svg``."""
    return name.rsplit(".", 1)[-1]


def _markdown(
    loaded: LoadedProject,
    project: Project,
    graph: Any,
    options: DocumentOptions,
    stem: str,
    files: dict[str, bytes],
    load_options: LoadOptions | None,
    chart: bytes | None,
) -> bytes:
    """The reference page; it embeds the Mermaid chart (the ``.mmd`` drawn with the same view,
    written or not) or points at the SVG next to it."""
    from composedoc.docs.facts import collect_facts
    from composedoc.docs.markdown import MarkdownOptions, render_markdown

    diagram = options.md_diagram or ("svg" if f"{stem}.svg" in files else "mermaid")
    mermaid = chart
    page = render_markdown(
        project,
        graph,
        options=MarkdownOptions(
            policy=options.policy,
            facts=collect_facts(loaded, load_options),
            diagram=diagram,
            mermaid_text=mermaid.decode("utf-8") if mermaid else None,
            svg_name=f"{stem}.svg",
            template_dir=options.template_dir,
        ),
    )
    return page.encode("utf-8")
