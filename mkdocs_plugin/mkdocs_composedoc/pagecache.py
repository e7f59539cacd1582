"""Cache of the HTML of generated pages, so a warm build skips their Markdown conversion.

A stack page is deterministic: the same Markdown, page URL and Markdown configuration give
the same HTML, table of contents and anchors. On a hit the plugin hands MkDocs a one-line
page (the title) and swaps in the cached HTML in ``on_page_content``; the search index, the
theme and the anchor checks see the same page as on the cold build.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.structure.toc import AnchorLink, TableOfContents

from mkdocs_composedoc.cache import atomic_write, versions

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_MEMORY: dict[str, CachedPage] = {}


@dataclass(frozen=True)
class CachedPage:
    html: str
    toc: list[dict[str, Any]]
    anchors: list[str]

    def table_of_contents(self) -> TableOfContents:
        return TableOfContents([_link(item) for item in self.toc])


def _link(item: dict[str, Any]) -> AnchorLink:
    link = AnchorLink(item["title"], item["id"], item["level"])
    link.children = [_link(child) for child in item["children"]]
    return link


def toc_json(toc: TableOfContents) -> list[dict[str, Any]]:
    def one(link: AnchorLink) -> dict[str, Any]:
        children = [one(child) for child in link.children]
        return {"title": link.title, "id": link.id, "level": link.level, "children": children}

    return [one(link) for link in toc]


def _stable(value: object) -> str:
    """Functions and extension objects by name: their ``repr`` holds a memory address."""
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    module = getattr(value, "__module__", None) or type(value).__module__
    return _ADDRESS.sub("", f"{module}.{name}")


class PageCache:
    """Get and put converted pages; the salt is everything about the conversion but the text."""

    def __init__(self, directory: Path | None, markdown_config: Any) -> None:
        self.directory = directory
        salt = json.dumps([markdown_config, versions()], sort_keys=True, default=_stable)
        self.salt = hashlib.sha256(salt.encode("utf-8")).hexdigest()

    def key(self, markdown: str, url: str) -> str:
        text = f"{self.salt}\0{url}\0{markdown}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]

    def get(self, key: str) -> CachedPage | None:
        hit = _MEMORY.get(key)
        if hit is None and self.directory is not None:
            try:
                data = json.loads((self.directory / f"{key}.json").read_text("utf-8"))
                hit = CachedPage(data["html"], data["toc"], data["anchors"])
            except (OSError, ValueError, KeyError, TypeError):
                return None
            _MEMORY[key] = hit
        return hit

    def put(self, key: str, html: str, toc: TableOfContents, anchors: set[str]) -> None:
        page = CachedPage(html, toc_json(toc), sorted(anchors))
        _MEMORY[key] = page
        if self.directory is not None:
            data = {"html": page.html, "toc": page.toc, "anchors": page.anchors}
            atomic_write(self.directory / f"{key}.json", json.dumps(data, sort_keys=True))


def clear_memory() -> None:
    _MEMORY.clear()
