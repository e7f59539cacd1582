"""One stack through the library: load it, then `composedoc.docs.documents.render_documents`.

The plugin, the fence and the Markdown extension all come here; nothing in this package
loads Compose files or draws diagrams itself. Library warnings are captured per stack so a
cached result can replay them (``mkdocs build --strict`` must fail on a warm cache too).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from composedoc.compose.types import LoadOptions
from composedoc.options import view_options
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
    strict_paths: bool = False


@dataclass(frozen=True)
class ViewRequest:
    """How to draw and what to mask. ``link`` is a ``str.format`` template on ``service``."""

    diagram: str = "svg"
    view: tuple[tuple[str, Any], ...] = ()
    """Declared view options (``ViewOptions`` field names and values), sorted."""
    mask_patterns: tuple[str, ...] = ()
    link: str | None = None
    mask: str = "all"
    """``all``, ``sensitive`` or ``none`` (:data:`composedoc.mask_levels.MASK_LEVELS`); the
    plugin's ``show_values`` arrives here as ``none``."""


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
        strict_paths=request.strict_paths,
    )


def render_stack(request: StackRequest, view: ViewRequest) -> StackResult:
    """Load one stack and render it with :func:`composedoc.docs.documents.render_documents`.

    SVG diagrams come in both palettes; the reference page has no diagram (the plugin embeds
    its own). Raises ``ComposedocError`` on bad input.
    """
    from composedoc.compose.project import load_project
    from composedoc.docs.documents import DocumentOptions, render_documents
    from composedoc.docs.masked_view import masked_view
    from composedoc.docs.md_escape import anchor_slugs
    from composedoc.mask.policy import MaskPolicy

    policy = MaskPolicy(level=view.mask, extra_key_patterns=view.mask_patterns)
    with captured_warnings() as warnings:
        options = load_options(request)
        loaded = load_project(options)
        masked = masked_view(loaded, policy, options)  # once for the page and both themes
        diagrams: dict[str, str] = {}
        pages: dict[str, bytes] = {}
        for index, (key, fmt, look) in enumerate(_views(view)):
            files = render_documents(
                loaded,
                DocumentOptions(
                    formats=(fmt, "md") if index == 0 else (fmt,),
                    view=look,
                    policy=policy,
                    md_diagram="none",
                ),
                options,
                masked,
            )
            for file_name, data in files.items():
                stem, ext = file_name.rsplit(".", 1)
                if ext == "md":
                    pages[file_name] = data
                else:  # ``shop.edge.svg`` -> ``light.edge``; the whole picture -> ``light``
                    diagrams[key + stem[len(loaded.name) :]] = data.decode("utf-8")
    reference = b"".join(pages.values()).decode("utf-8")
    services = sorted(loaded.model.get("services") or {})
    return StackResult(
        project=loaded.name,
        services=services,
        diagrams=diagrams,
        warnings=list(dict.fromkeys(warnings)),
        inputs=input_files(loaded, request),
        reference=reference,
        sections=split_page(reference),
        anchors=anchor_slugs(services, "service"),
    )


def _views(view: ViewRequest) -> list[tuple[str, str, Any]]:
    """``(key, format, ViewOptions)``: Mermaid once, or SVG in the light and dark themes."""
    base = view_options(dict(view.view))
    if view.diagram == "mermaid":
        return [("mermaid", "mermaid", base)]
    return [
        (theme, "svg", replace(base, theme=theme, link_template=view.link))
        for theme in ("light", "dark")
    ]


def input_files(loaded: Any, request: StackRequest) -> list[str]:
    """Every file the result depends on: what the loader read (``sources``: compose files,
    included and extended ones, ``.env``, env files), env files that may appear later, and
    what build contexts give (Dockerfiles, the files icons are sniffed from)."""
    from composedoc.diagram.icon_table import FRAMEWORK_MARKERS

    project_dir = Path(loaded.working_dir)
    found: set[str] = {*loaded.files, *loaded.sources, *request.env_files}
    found.add(str(project_dir / ".env"))
    services = {**(loaded.disabled_services or {}), **(loaded.model.get("services") or {})}
    for raw in services.values():
        raw = raw or {}
        found.update(str(project_dir / e["path"]) for e in raw.get("env_file") or ())
        build = raw.get("build")
        if not isinstance(build, dict):
            continue
        context = str(build.get("context") or "")
        if not context or "://" in context or context.startswith(("git@", "github.com/")):
            continue
        folder = project_dir / context
        found.add(str(folder / str(build.get("dockerfile") or "Dockerfile")))
        found.update(str(folder / marker[0]) for marker in FRAMEWORK_MARKERS)
    return sorted(str(Path(p).resolve()) for p in found)
