"""One stack through the composedoc library: load, bind, mask, graph, render.

The plugin, the fence and the Markdown extension all come here; nothing in this package
loads Compose files or draws diagrams itself. Library warnings are captured per stack so a
cached result can replay them (``mkdocs build --strict`` must fail on a warm cache too).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from composedoc.compose.types import LoadOptions
from mkdocs_composedoc.sections import split_page

LIBRARY_LOGGER = "composedoc"


@dataclass(frozen=True)
class StackRequest:
    """What to load: absolute paths, and the folder error messages are relative to."""

    name: str
    files: tuple[str, ...]
    base_dir: str
    profiles: tuple[str, ...] = ()
    env_files: tuple[str, ...] = ()
    project_directory: str | None = None
    environ: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ViewRequest:
    """How to draw and what to mask. ``link`` is a ``str.format`` template on ``service``."""

    diagram: str = "svg"
    direction: str = "LR"
    legend: bool = True
    show_values: bool = False
    mask_patterns: tuple[str, ...] = ()
    link: str | None = None


@dataclass
class StackResult:
    """Everything a page needs, as plain data so it can be cached as JSON."""

    project: str
    services: list[str]
    diagrams: dict[str, str]
    warnings: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    reference: str = ""
    sections: dict[str, str] = field(default_factory=dict)
    anchors: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "services": self.services,
            "diagrams": self.diagrams,
            "warnings": self.warnings,
            "inputs": self.inputs,
            "reference": self.reference,
            "sections": self.sections,
            "anchors": self.anchors,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StackResult:
        return cls(**data)


def graphviz_available() -> bool:
    """``diagram: auto`` draws SVG only when Graphviz's ``dot`` can run."""
    return shutil.which("dot") is not None


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def captured_warnings() -> Iterator[list[str]]:
    """Collect the library's warnings instead of letting them reach the root logger."""
    logger = logging.getLogger(LIBRARY_LOGGER)
    handler = _Capture()
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


def load_options(request: StackRequest) -> LoadOptions:
    """The library's LOAD options for a stack (never the builder's shell unless asked)."""
    return LoadOptions(
        files=request.files,
        profiles=request.profiles,
        env_files=request.env_files,
        project_directory=request.project_directory,
        working_dir=request.base_dir,
        environ=dict(request.environ),
    )


def render_stack(request: StackRequest, view: ViewRequest) -> StackResult:
    """Load and draw one stack; raises ``ComposedocError`` on bad input."""
    from composedoc.compose.project import load_project
    from composedoc.graph import build_graph
    from composedoc.mask import MaskPolicy, mask_project
    from composedoc.model import bind_project
    from composedoc.render.md_escape import anchor_slugs

    with captured_warnings() as warnings:
        options = load_options(request)
        loaded = load_project(options)
        typed = bind_project(loaded)
        policy = MaskPolicy(show_values=view.show_values, extra_key_patterns=view.mask_patterns)
        masked = mask_project(typed, policy)
        graph = build_graph(masked)
        diagrams = _diagrams(graph, loaded.name, view)
        reference, sections = _reference(loaded, typed, graph, options, view)
    return StackResult(
        project=loaded.name,
        services=[s.name for s in masked.services],
        diagrams=diagrams,
        warnings=list(dict.fromkeys(warnings)),
        inputs=input_files(loaded, typed, request),
        reference=reference,
        sections=sections,
        anchors=anchor_slugs([s.name for s in masked.services], "service"),
    )


def _diagrams(graph: Any, name: str, view: ViewRequest) -> dict[str, str]:
    """``{"light": svg, "dark": svg}`` or ``{"mermaid": text}`` (split stacks: per part)."""
    from composedoc.render import ViewOptions, render_outputs

    out: dict[str, str] = {}
    if view.diagram == "mermaid":
        options = ViewOptions(direction=view.direction, legend=view.legend)
        for file_name, data in render_outputs(graph, ["mermaid"], name, options).items():
            out["mermaid" + _part(file_name, name, ".mmd")] = data.decode("utf-8")
        return out
    for theme in ("light", "dark"):
        options = ViewOptions(
            direction=view.direction, legend=view.legend, theme=theme, link_template=view.link
        )
        for file_name, data in render_outputs(graph, ["svg"], name, options).items():
            out[theme + _part(file_name, name, ".svg")] = data.decode("utf-8")
    return out


def _part(file_name: str, name: str, ext: str) -> str:
    """``shop.edge.svg`` -> ``.edge``; the whole picture -> ``""``."""
    return file_name[len(name) : -len(ext)]


def _reference(
    loaded: Any, typed: Any, graph: Any, options: LoadOptions, view: ViewRequest
) -> tuple[str, dict[str, str]]:
    """The library's Markdown reference page (no diagram: the plugin embeds its own) and the
    parts a fence can show."""
    from composedoc.docfacts import collect_facts
    from composedoc.mask import MaskPolicy
    from composedoc.render.markdown import MarkdownOptions, render_markdown

    policy = MaskPolicy(show_values=view.show_values, extra_key_patterns=view.mask_patterns)
    md_options = MarkdownOptions(
        policy=policy, facts=collect_facts(loaded, options), diagram="none"
    )
    text = render_markdown(typed, graph, options=md_options)
    return text, split_page(text)


def input_files(loaded: Any, typed: Any, request: StackRequest) -> list[str]:
    """Every file the result depends on: compose files (included and extended ones too, found
    through the locations the loader kept), ``.env``, env_files and Dockerfiles."""
    base = Path(request.base_dir)
    found: set[str] = {str(Path(f)) for f in loaded.files}
    found.update(request.env_files)
    _located_files(loaded.model, base, found, depth=0)
    found.add(str(Path(loaded.working_dir) / ".env"))
    project_dir = Path(loaded.working_dir)
    for service in (*typed.services, *typed.disabled_services):
        for path, _required in service.env_files:
            found.add(str(project_dir / path))
        build = service.build
        if build is not None and build.context and "://" not in build.context:
            context = project_dir / build.context
            dockerfile = build.dockerfile or "Dockerfile"
            found.add(str(context / dockerfile))
    extra = getattr(loaded, "sources", None)
    if extra:
        found.update(str(base / p) for p in extra)
    return sorted(str(Path(p).resolve()) for p in found)


def _located_files(value: Any, base: Path, found: set[str], depth: int) -> None:
    """Files named by the locations of mappings in the model (services, include, extends)."""
    if depth > 3 or not isinstance(value, dict):
        return
    loc = getattr(value, "loc", None)
    if loc is not None and loc.file:
        found.add(str(base / loc.file))
    for item in value.values():
        _located_files(item, base, found, depth + 1)
