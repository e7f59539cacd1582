"""The ``composedoc`` MkDocs plugin: stack pages as virtual files, the fence in every page.

A thin front end: options come from :mod:`mkdocs_composedoc.config`, stacks go through the
library via :mod:`mkdocs_composedoc.present` (with the content-hash cache), pages and assets
are ``File.generated`` (nothing is written into ``docs_dir``). Library errors become
``PluginError`` naming ``file:line``; library warnings are logged under ``mkdocs.plugins``
so ``mkdocs build --strict`` fails on them.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from composedoc.errors import ComposedocError
from composedoc.invisible import escape_invisible
from mkdocs_composedoc import embed
from mkdocs_composedoc.cache import STATS
from mkdocs_composedoc.config import ComposedocConfig
from mkdocs_composedoc.extension import ComposedocExtension
from mkdocs_composedoc.links import build_summary, unresolved
from mkdocs_composedoc.pagecache import CachedPage, PageCache
from mkdocs_composedoc.pages import (
    CSS_URI,
    JS_URI,
    MERMAID_URI,
    page_anchors,
    page_uri,
    service_page_uri,
    service_pages,
    stack_files,
)
from mkdocs_composedoc.present import (
    Settings,
    rendered,
    request_for,
    resolve,
    view_for,
)
from mkdocs_composedoc.stack import StackResult

log = get_plugin_logger(__name__)


class ComposedocPlugin(BasePlugin[ComposedocConfig]):  # type: ignore[no-untyped-call]
    """Documents the configured Compose stacks and enables the ``composedoc`` fence."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.server: LiveReloadServer | None = None
        self.watching: set[str] = set()
        self._reset()

    def _reset(self) -> None:
        """Per-build state: the instance lives across the builds of one ``mkdocs serve``."""
        self.settings = Settings()
        self.extension: ComposedocExtension | None = None
        self.results: dict[str, StackResult] = {}
        self.page_uris: dict[str, str] = {}
        self.stack_of: dict[str, str] = {}
        self.service_uris: dict[str, list[str]] = {}
        self.generated: set[str] = set()
        self.page_cache = PageCache(None, None)
        self._pending: dict[str, CachedPage] = {}
        self._misses: dict[str, str] = {}
        self.config_dir = ""
        self.mermaid_source = ""
        self._current_url = ""
        self._current_src = ""
        self._stats: dict[str, int] = {}
        # (page that links, page linked to, anchor): every link composedoc wrote this build.
        self.links: set[tuple[str, str, str]] = set()

    # ------------------------------------------------------------------ serve lifecycle
    def on_startup(self, *, command: str, dirty: bool) -> None:
        """MkDocs ``startup`` event: its presence keeps one instance across rebuilds, so it
        remembers the server."""
        self.server = None
        self.watching = set()

    def on_shutdown(self) -> None:
        """MkDocs ``shutdown`` event."""
        self.server = None

    # ------------------------------------------------------------------ config
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """MkDocs ``config`` event: read the plugin's options for this build."""
        logging.getLogger("composedoc").setLevel(logging.WARNING)  # library INFO stays quiet
        self._reset()
        if not self.config.enabled:
            return config
        self.config_dir = str(Path(config.config_file_path or "mkdocs.yml").resolve().parent)
        cache_dir = resolve(self.config_dir, self.config.cache_dir)
        docs_dir = str(Path(config.docs_dir).resolve())
        if (cache_dir + os.sep).startswith(docs_dir + os.sep):
            raise PluginError(
                f"composedoc: cache_dir {self.config.cache_dir!r} is inside docs_dir: "
                "mkdocs serve would rebuild forever; choose a folder outside it"
            )
        self.settings = Settings(
            diagram=self.config.diagram,
            view=self.config.view_values(),
            show_values=self.config.show_values,
            mask=self.config.mask,
            mask_patterns=tuple(self.config.mask_patterns),
            use_os_environment=self.config.use_os_environment,
            strict_paths=self.config.strict_paths,
            cache_dir=cache_dir if self.config.cache else None,
            root_dir=self.config_dir,
            logger=log,
            error=PluginError,
            service_url=self._service_url,
            anchor_link=self._anchor_link,
            link_written=self._link_written,
            inline_css=False,
        )
        markdown_config = [
            [_name(e) for e in config.markdown_extensions],
            config.mdx_configs,
            config.use_directory_urls,
        ]
        pages_dir = Path(cache_dir, "pages") if self.config.cache else None
        self.page_cache = PageCache(pages_dir, markdown_config)
        self.extension = ComposedocExtension()
        self.extension.settings = self.settings
        config.markdown_extensions.append(self.extension)
        config.extra_css.append(CSS_URI)
        config.extra_javascript.append(JS_URI)
        if self.config.mermaid_js:
            # Material loads Mermaid from a CDN unless ``mermaid`` is already defined.
            self.mermaid_source = resolve(self.config_dir, self.config.mermaid_js)
            if not Path(self.mermaid_source).is_file():
                raise PluginError(
                    f"composedoc: mermaid_js {self.config.mermaid_js!r} is not a file "
                    "(give a local mermaid.min.js, e.g. from `npm pack mermaid@11`)"
                )
            config.extra_javascript.append(MERMAID_URI)
        return config

    # ------------------------------------------------------------------ files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """MkDocs ``files`` event."""
        if not self.config.enabled:
            return files
        files.append(File.generated(config, CSS_URI, content=embed.CSS))
        files.append(File.generated(config, JS_URI, content=embed.JS))
        if self.mermaid_source:
            files.append(File.generated(config, MERMAID_URI, abs_src_path=self.mermaid_source))
        mode = self.settings.mode()
        for stack in self.config.stacks:
            uri = page_uri(self.config.pages_dir, stack.name)
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"composedoc: {uri} exists in docs_dir; rename the stack")
            result = self._render(stack, mode)
            self.results[stack.name] = result
            page = File.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            extra = self._service_files(stack.name, result, config)
            made = stack_files(
                stack.name,
                stack.title or result.project,
                stack.description,
                result,
                mode,
                page.url,
                self.config.pages_dir,
                {service: f.url for service, f in extra.items()},
            )
            page.content_string = made.pages[uri]
            files.append(page)
            if not extra:  # node links of the stack page's own diagram
                self.links.update((uri, uri, result.anchors[s]) for s in result.services)
            self.generated.add(uri)
            self.generated.update(f.src_uri for f in extra.values())
            for file in extra.values():
                files.append(file)
            self.page_uris[result.project] = page.url
            self.stack_of[result.project] = stack.name
            for asset, text in made.assets.items():
                files.append(File.generated(config, asset, content=text))
        return files

    def _service_files(
        self, name: str, result: StackResult, config: MkDocsConfig
    ) -> dict[str, File]:
        """One virtual page per service when ``service_pages`` is on."""
        if not self.config.service_pages:
            return {}
        made = service_pages(name, self.config.pages_dir, result)
        out = {}
        for service in result.services:
            uri = service_page_uri(self.config.pages_dir, name, service)
            if uri in made:
                out[service] = File.generated(
                    config, uri, content=made[uri], inclusion=InclusionLevel.NOT_IN_NAV
                )
        self.service_uris[name] = [f.src_uri for f in out.values()]
        return out

    def _render(self, stack: Any, mode: str) -> StackResult:
        request = request_for(stack, self.config_dir, self.settings, name=stack.name)
        try:
            result = rendered(request, view_for(self.settings, mode), self.settings, "stack")
        except ComposedocError as error:
            raise PluginError(
                escape_invisible(f"composedoc: stack {stack.name!r}: {error}")
            ) from None
        for message in result.warnings:
            log.warning("stack %r: %s", stack.name, escape_invisible(message))
        return result

    def _service_url(self, project: str, service: str) -> str | None:
        """A fence's node links to the service's section on the stack page, if it has one."""
        result = self.results.get(self.stack_of.get(project, ""))
        if result is None:
            return None
        anchor = result.anchors.get(service, f"service-{service}")
        target = self._on_stack_page(project, anchor)
        if target is None:
            return None
        url = self.page_uris[project]
        return get_relative_url(f"{url}#{anchor}", self._current_url)

    def _anchor_link(self, project: str, anchor: str) -> str | None:
        """A Markdown link from the current page to an anchor of the project's stack page."""
        target = self._on_stack_page(project, anchor)
        if target is None:
            return None
        here = posixpath.dirname(self._current_src)
        return f"{posixpath.relpath(target, here or '.')}#{anchor}"

    def _on_stack_page(self, project: str, anchor: str) -> str | None:
        """The stack page's src_uri when the plugin made one that has ``anchor``; recorded."""
        stack = self.stack_of.get(project)
        if stack is None or anchor not in page_anchors(self.results[stack]):
            return None
        target = page_uri(self.config.pages_dir, stack)
        self.links.add((self._current_src, target, anchor))
        return target

    def _link_written(self, page: str, anchor: str) -> None:
        self.links.add((self._current_src, page or self._current_src, anchor))

    # ------------------------------------------------------------------ nav
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """MkDocs ``nav`` event."""
        if not self.config.enabled or not self.config.stacks:
            return nav
        missing: list[Page | Section] = []
        for stack in self.config.stacks:
            file = files.get_file_from_path(page_uri(self.config.pages_dir, stack.name))
            if file is None or (file.page is not None and file.page in nav.pages):
                continue
            page = Page(None, file, config)
            children = [
                Page(None, f, config)
                for uri in self.service_uris.get(stack.name, [])
                if (f := files.get_file_from_path(uri)) is not None
            ]
            if children:
                title = stack.title or stack.name
                group = Section(title, [page, *children])
                for child in group.children:
                    child.parent = group
                missing.append(group)
            else:
                missing.append(page)
        if not missing:
            return nav
        section = next(
            (
                item
                for item in nav.items
                if isinstance(item, Section) and item.title == self.config.nav_section
            ),
            None,
        )
        if section is None:
            section = Section(self.config.nav_section, [])
            nav.items.append(section)
        for item in missing:
            item.parent = section
            section.children.append(item)
            pages = item.children if isinstance(item, Section) else [item]
            nav.pages.extend(p for p in pages if isinstance(p, Page))
        for index, page in enumerate(nav.pages):  # prev/next links, as MkDocs sets them
            page.previous_page = nav.pages[index - 1] if index else None
            page.next_page = nav.pages[index + 1] if index + 1 < len(nav.pages) else None
        return nav

    # ------------------------------------------------------------------ pages
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """MkDocs ``page_markdown`` event."""
        if self.extension is None:
            return markdown
        source = page.file.abs_src_path
        self.extension.page_dir = str(Path(source).parent) if source else config.docs_dir
        shown = source or str(Path(config.docs_dir, page.file.src_uri))
        self.extension.page_name = os.path.relpath(shown, self.config_dir)
        self._current_url = page.url
        self._current_src = page.file.src_uri
        src = page.file.src_uri
        if src not in self.generated:
            return markdown
        key = self.page_cache.key(markdown, page.url)
        hit = self.page_cache.get(key)
        if hit is None:
            self._misses[src] = key
            return markdown
        self._pending[src] = hit
        return markdown.split("\n", 1)[0] + "\n"  # the title line: MkDocs takes the title

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """MkDocs ``page_content`` event."""
        src = page.file.src_uri
        hit = self._pending.pop(src, None)
        if hit is not None:
            page.toc = hit.table_of_contents()
            page.present_anchor_ids = set(hit.anchors)
            return hit.html
        key = self._misses.pop(src, None)
        if key is not None:
            self.page_cache.put(key, html, page.toc, page.present_anchor_ids or set())
        return html

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """MkDocs ``pre_build`` event."""
        self._stats = dict(STATS)

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """MkDocs ``env`` event: every page is converted now, so each link composedoc wrote
        must land on an anchor."""
        if self.config.enabled:
            for message in unresolved(self.links, files):
                log.warning("%s", message)
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """MkDocs ``post_build`` event."""
        if not self.config.enabled:
            return
        log.info("%s", build_summary(self._stats, STATS))
        if self.server is not None:  # a later build of `mkdocs serve`: new fences' inputs
            self._watch(self.server)

    # ------------------------------------------------------------------ serve
    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """MkDocs ``serve`` event."""
        if not self.config.enabled:
            return server
        self.server = server
        self._watch(server)
        return server

    def _watch(self, server: LiveReloadServer) -> None:
        """Watch every input rendered so far that is not watched yet."""
        for path in sorted(self.settings.watched - self.watching):
            if Path(path).exists():
                server.watch(path)
                self.watching.add(path)
            elif Path(path).parent.is_dir():
                folder = str(Path(path).parent)  # a .env that appears later counts too
                if folder not in self.watching:
                    server.watch(folder, recursive=False)
                    self.watching.add(folder)


def _name(extension: object) -> str:
    """An extension by name (instances by class: their repr holds an address)."""
    return extension if isinstance(extension, str) else type(extension).__qualname__
