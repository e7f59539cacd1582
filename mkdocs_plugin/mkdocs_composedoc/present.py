"""Turn one fence into page content: call the library (through the cache), then embed.

Shared by the MkDocs plugin and the plain Python-Markdown extension; the caller says where
paths start, how to report errors and where warnings go.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from composedoc.invisible import escape_invisible
from mkdocs_composedoc import embed
from mkdocs_composedoc.cache import StackCache, cache_key
from mkdocs_composedoc.stack import (
    StackRequest,
    StackResult,
    ViewRequest,
    graphviz_available,
    render_stack,
)

# Every input file rendered in this process: ``mkdocs serve`` watches them.
_ID = re.compile(r'(\sid=")([^"]+)(")')
_REF = re.compile(r'((?:xlink:)?href="#|url\(#)([^")]+)')


@dataclass
class Settings:
    """Options common to the plugin and the extension (the plugin fills them from mkdocs.yml)."""

    diagram: str = "auto"
    view: dict[str, Any] = field(default_factory=dict)
    """Declared view options (``composedoc.options``, plugin front end) set in the config."""
    show_values: bool = False
    mask: str = "all"
    mask_patterns: tuple[str, ...] = ()
    use_os_environment: bool = False
    strict_paths: bool = False
    cache_dir: str | None = None
    root_dir: str = ""
    logger: logging.Logger | logging.LoggerAdapter[Any] = field(
        default_factory=lambda: logging.getLogger("composedoc.md")
    )
    error: Callable[[str], Exception] = ValueError
    service_url: Callable[[str, str], str | None] | None = None
    # (project, anchor) -> Markdown link target on the stack's own page, when there is one.
    anchor_link: Callable[[str, str], str | None] | None = None
    # (page, anchor): told of each link written ("" is the page being converted), so the
    # plugin can check after the build that every one of them resolves.
    link_written: Callable[[str, str], None] | None = None
    # Standalone (no plugin to add composedoc.css): a <style> goes with the first diagram.
    inline_css: bool = True
    watched: set[str] = field(default_factory=set)
    """Input files of every stack rendered with these settings (``mkdocs serve`` watches them)."""
    _warned_auto: bool = False

    def mode(self, wanted: str | None = None) -> str:
        """``auto`` -> ``svg`` with Graphviz, else ``mermaid`` (and one warning per build)."""
        mode = wanted or self.diagram
        if mode != "auto":
            return mode
        if graphviz_available():
            return "svg"
        if not self._warned_auto:
            self.logger.warning("composedoc: Graphviz 'dot' not found, drawing Mermaid diagrams")
            self._warned_auto = True
        return "mermaid"

    def environ(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(os.environ.items())) if self.use_os_environment else ()

    def root(self) -> str:
        """Where paths start, absolute (a relative ``base_dir`` is from the working folder)."""
        return os.path.normpath(Path.cwd() / self.root_dir)


def resolve(base: str, path: str) -> str:
    """A path from a page or ``mkdocs.yml``, made absolute (``~`` expanded)."""
    return os.path.normpath(Path.cwd() / base / Path(path).expanduser())


class StackSpec(Protocol):
    """What names a stack: a fence's options or a stack of ``mkdocs.yml`` (paths as written)."""

    @property
    def files(self) -> Sequence[str]: ...
    @property
    def profiles(self) -> Sequence[str]: ...
    @property
    def env_files(self) -> Sequence[str]: ...
    @property
    def project_directory(self) -> str | None: ...


def request_for(spec: StackSpec, base: str, settings: Settings, name: str = "") -> StackRequest:
    """The library request for a stack whose paths are relative to ``base``."""
    return StackRequest(
        name=name,
        files=tuple(resolve(base, f) for f in spec.files),
        base_dir=settings.root(),
        profiles=tuple(spec.profiles),
        env_files=tuple(resolve(base, f) for f in spec.env_files),
        project_directory=(
            resolve(base, spec.project_directory) if spec.project_directory else None
        ),
        environ=settings.environ(),
        strict_paths=settings.strict_paths,
    )


def view_for(
    settings: Settings,
    mode: str,
    fence: Sequence[tuple[str, Any]] = (),
    mask: str | None = None,
) -> ViewRequest:
    """The view of the plugin's (or extension's) options, with a fence's own over them; a
    fence's ``mask`` wins over the settings' (``show_values`` is the level ``none``)."""
    view = {k: v for k, v in {**settings.view, **dict(fence)}.items() if v not in (None, "")}
    level = mask or ("none" if settings.show_values else settings.mask)
    return ViewRequest(
        diagram=mode,
        view=tuple(sorted(view.items())),
        mask=level,
        mask_patterns=settings.mask_patterns,
        link=embed.LINK,
    )


def rendered(
    request: StackRequest, view: ViewRequest, settings: Settings, kind: str = "fence"
) -> StackResult:
    """The stack's result from the cache, or freshly rendered (and then cached); ``kind``
    (``stack`` or ``fence``) is what the build log counts it as."""
    cache = StackCache(Path(settings.cache_dir) if settings.cache_dir else None, kind)
    key = cache_key(request, view)
    hit = cache.get(key)
    if hit is None:
        hit = render_stack(request, view)
        cache.put(key, hit)
    settings.watched.update(hit.inputs)
    return hit


def prefix_ids(svg: str, prefix: str) -> str:
    """Give every id of an inline SVG a prefix, so two pictures on one page never clash.

    Only references to the SVG's own ids change: node links (``#service-web``) point at
    the page and must stay as they are.
    """
    own = {m.group(2) for m in _ID.finditer(svg)}
    svg = _ID.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}{m.group(3)}", svg)

    def ref(match: re.Match[str]) -> str:
        if match.group(2) not in own:
            return match.group(0)
        return f"{match.group(1)}{prefix}-{match.group(2)}"

    return _REF.sub(ref, svg)


def diagram_html(
    result: StackResult, mode: str, prefix: str, href: Callable[[str], str | None]
) -> list[str]:
    """HTML blocks of the diagram (one per part of a split stack), inline SVG or Mermaid."""
    blocks = []
    if mode == "mermaid":
        for key in sorted(k for k in result.diagrams if k.startswith("mermaid")):
            blocks.append(embed.mermaid(result.diagrams[key]))
        return blocks
    for key in sorted(k for k in result.diagrams if k.startswith("light")):
        part = key[len("light") :]
        pictures = []
        for theme in ("light", "dark"):
            svg = prefix_ids(result.diagrams[theme + part], f"{prefix}{theme[0]}{part}")
            pictures.append(embed.inline_svg(embed.relink(svg, href)))
        blocks.append(embed.themed(pictures[0], pictures[1], f"{result.project} diagram"))
    return blocks


def warning_html(result: StackResult, where: str, settings: Settings) -> list[str]:
    """Log each library warning (``--strict`` fails on it) and show it in the page."""
    for message in result.warnings:
        settings.logger.warning("%s: %s", where, escape_invisible(message))
    if not result.warnings:
        return []
    return [embed.admonition("warning", f"{result.project}: warnings", result.warnings)]
