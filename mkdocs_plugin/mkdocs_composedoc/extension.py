"""``composedoc`` as a Python-Markdown extension: the fence works without the MkDocs plugin
(Zensical, plain Python-Markdown, MkDocs without ``plugins: [composedoc]``).

Standalone, fence paths are relative to ``base_dir`` (default: the working folder), since
Python-Markdown does not know which file it converts. Under the plugin they are relative to
the page, which the plugin sets before each page is converted.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from composedoc.errors import ComposedocError
from composedoc.invisible import escape_invisible
from composedoc.mask_levels import MASK_LEVELS
from composedoc.options import VIEW_OPTIONS, Option, declared, unknown_key
from mkdocs_composedoc import embed
from mkdocs_composedoc.fence import FenceError, FenceSpec, find_fences, parse_fence
from mkdocs_composedoc.present import (
    Settings,
    diagram_html,
    rendered,
    request_for,
    view_for,
    warning_html,
)
from mkdocs_composedoc.stack import StackResult


class ComposedocExtension(Extension):  # type: ignore[misc]
    """Registers the fence preprocessor; one instance may serve many pages (the plugin's)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "base_dir": ["", "Folder fence paths start from (default: working folder)"],
            # The declared options; a str's default is "" (None would be read as a boolean).
            **{o.name: [_default(o), o.help] for o in declared("plugin")},
            "mask": ["all", "all, sensitive or none: which values read from files to show"],
            "mask_patterns": [[], "More key patterns (regular expressions) to mask"],
            "use_os_environment": [False, "Interpolate with the builder's environment"],
            "strict_paths": [False, "Refuse files outside the project folder"],
            "cache_dir": ["", "Folder of the render cache (default: memory only)"],
        }
        super().__init__(**kwargs)
        self.settings = Settings(
            diagram=str(self.getConfig("diagram")),
            view={o.name: self.getConfig(o.name) for o in declared("plugin", VIEW_OPTIONS)},
            show_values=bool(self.getConfig("show_values")),
            mask=self._mask_level(),
            mask_patterns=tuple(self.getConfig("mask_patterns")),
            use_os_environment=bool(self.getConfig("use_os_environment")),
            strict_paths=bool(self.getConfig("strict_paths")),
            cache_dir=str(self.getConfig("cache_dir")) or None,
            root_dir=str(self.getConfig("base_dir")),
            logger=logging.getLogger("composedoc.markdown"),
            error=FenceError,
        )
        self.page_dir: str | None = None
        self.page_name = "<markdown>"

    def setConfig(self, key: str, value: Any) -> None:
        """An unknown key names the closest valid one (Python-Markdown says ``KeyError``)."""
        if key not in self.config:
            raise KeyError(f"composedoc: {unknown_key(key, self.config)}")
        super().setConfig(key, value)

    def _mask_level(self) -> str:
        level = str(self.getConfig("mask"))
        if level not in MASK_LEVELS:
            raise FenceError(f"composedoc: mask: {level!r} is not one of {', '.join(MASK_LEVELS)}")
        return level

    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before fenced_code / superfences (25).
        md.preprocessors.register(ComposedocPreprocessor(md, self), "composedoc", 28)
        # Reference pages fold service details in <details markdown="1">: without
        # md_in_html, Python-Markdown would print the tables inside as raw text.
        if "markdown_block" not in md.parser.blockprocessors:
            md.registerExtensions(["md_in_html"], {})


def _default(option: Option) -> Any:
    if option.type == "strs":
        return []
    return "" if option.default is None and option.type == "str" else option.default


@dataclass
class _Shown:
    """One fence, rendered: what it shows and where it is."""

    spec: FenceSpec
    result: StackResult
    mode: str
    where: str
    section: str = ""


class ComposedocPreprocessor(Preprocessor):  # type: ignore[misc]
    """Replaces each ```` ```composedoc ```` fence by the diagram or reference it asks for.

    Every fence of the page is rendered first, so links know which sections the page holds:
    a node or a section link goes to its section on this page when a fence shows it, else
    to the stack page (``anchor_link`` / ``service_url``, set by the MkDocs plugin), else
    nowhere (the text stays, the link goes): composedoc never writes a link it cannot
    resolve.
    """

    def __init__(self, md: Markdown, extension: ComposedocExtension) -> None:
        super().__init__(md)
        self.extension = extension
        self.styled = False

    def run(self, lines: list[str]) -> list[str]:
        self.styled = False
        fences = find_fences(lines)
        if not fences:
            return lines
        shown = [self._render(fence.body, fence.start + 1) for fence in fences]
        here: dict[str, set[str]] = {}  # project -> anchors this page holds
        for item in shown:
            here.setdefault(item.result.project, set()).update(_ANCHOR.findall(item.section))
        out: list[str] = []
        done = 0
        for number, (fence, item) in enumerate(zip(fences, shown, strict=True)):
            out.extend(lines[done : fence.start])
            out.extend(["", *self._embed(item, fence.body, number, here), ""])
            done = fence.end
        out.extend(lines[done:])
        return out

    def _render(self, body: str, line: int) -> _Shown:
        ext = self.extension
        settings = ext.settings
        where = f"{ext.page_name}:{line}"
        base = ext.page_dir or settings.root()
        try:
            spec = parse_fence(body, where)
            mode = settings.mode(spec.diagram)
            view = view_for(settings, mode, spec.view, spec.mask)
            result = rendered(request_for(spec, base, settings), view, settings)
        except FenceError as error:
            raise settings.error(str(error)) from None
        except ComposedocError as error:
            raise settings.error(escape_invisible(f"{where}: composedoc: {error}")) from None
        item = _Shown(spec, result, mode, where)
        if spec.show != "diagram":
            item.section = self._section(result, spec.show, where)
        return item

    def _embed(self, item: _Shown, body: str, number: int, here: dict[str, set[str]]) -> list[str]:
        settings = self.extension.settings
        result = item.result
        blocks = warning_html(result, item.where, settings)
        if item.spec.show == "diagram":
            prefix = "cd" + hashlib.sha256(f"{number}:{body}".encode()).hexdigest()[:6]
            mine = here.get(result.project, set())
            blocks += diagram_html(result, item.mode, prefix, lambda s: self._href(result, s, mine))
            if settings.inline_css and not self.styled:
                blocks.insert(0, f"<style>{embed.CSS}</style><script>{embed.JS}</script>")
                self.styled = True
            return [self.md.htmlStash.store(block) for block in blocks]
        stashed = [self.md.htmlStash.store(block) for block in blocks]
        section = self._relinked(result, item.section, here.get(result.project, set()))
        return [*stashed, "", *section.splitlines()]

    def _relinked(self, result: StackResult, text: str, present: set[str]) -> str:
        """Links to sections the page does not show go to the stack's page, or are unlinked."""
        settings = self.extension.settings
        resolver = settings.anchor_link

        def swap(match: re.Match[str]) -> str:
            anchor = match.group(2)
            if anchor in present:
                _report(settings, "", anchor)
                return match.group(0)
            target = resolver(result.project, anchor) if resolver else None
            return f"[{match.group(1)}]({target})" if target else match.group(1)

        return _LINK.sub(swap, text)

    def _href(self, result: StackResult, service: str, present: set[str]) -> str | None:
        settings = self.extension.settings
        anchor = result.anchors.get(service, f"service-{service}")
        if anchor in present:
            _report(settings, "", anchor)
            return f"#{anchor}"
        return settings.service_url(result.project, service) if settings.service_url else None

    def _section(self, result: StackResult, show: str, where: str) -> str:
        if show == "reference" and result.reference:
            title, _, rest = result.reference.partition("\n")  # the page has its own title
            return rest if title.startswith("# ") else result.reference
        section = result.sections.get(show)
        if section is None:
            known = ", ".join(sorted(result.sections)) or "none (reference pages unavailable)"
            message = f"{where}: show: {show!r} has nothing to show (available: {known})"
            self.extension.settings.logger.warning("%s", message)
            return embed.admonition("warning", f"{result.project}: nothing to show", [message])
        return section


def _report(settings: Settings, page: str, anchor: str) -> None:
    """Tell the plugin (if any) about a link written to ``page#anchor`` (``""``: this page)."""
    if settings.link_written is not None:
        settings.link_written(page, anchor)


# A Markdown link to an anchor of the same page: ``[`web`](#service-web)``.
_LINK = re.compile(r"\[([^\]\n]*)\]\(#([A-Za-z0-9_-]+)\)")
_ANCHOR = re.compile(r'<a id="([^"]+)"></a>')


def makeExtension(**kwargs: Any) -> ComposedocExtension:
    """``markdown.Markdown(extensions=["mkdocs_composedoc.extension"])`` finds this."""
    return ComposedocExtension(**kwargs)
