"""The generated files of one stack: its reference page(s) and its SVG assets.

Nothing here touches ``docs_dir``: the plugin adds these as ``File.generated`` virtual
files, so ``mkdocs serve`` never sees a write and never loops.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from dataclasses import dataclass, field

from mkdocs.utils import get_relative_url

from mkdocs_composedoc import embed
from mkdocs_composedoc.sections import HTML_ID, LOCAL_LINK
from mkdocs_composedoc.stack import StackResult

ASSETS = "assets/composedoc"
CSS_URI = f"{ASSETS}/composedoc.css"
JS_URI = f"{ASSETS}/composedoc.js"
MERMAID_URI = f"{ASSETS}/mermaid.min.js"


@dataclass
class StackFiles:
    """src_uri -> content of every file a stack adds to the site."""

    page_uri: str
    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, str] = field(default_factory=dict)


def page_uri(pages_dir: str, name: str) -> str:
    return posixpath.join(pages_dir, f"{name}.md")


MAX_STEM = 100
"""Longest file name stem of a page: Compose allows service names longer than the 255
bytes a file name may have (a 301-character name made ``mkdocs build`` fail)."""


def bounded_stem(name: str) -> str:
    """``name``, or its first characters and a hash of the whole when it is too long."""
    if len(name.encode("utf-8")) <= MAX_STEM:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
    return (
        name[: MAX_STEM - 13].encode("utf-8")[: MAX_STEM - 13].decode("utf-8", "ignore")
        + "-"
        + digest
    )


def service_page_uri(pages_dir: str, name: str, service: str) -> str:
    return posixpath.join(pages_dir, name, f"{bounded_stem(service)}.md")


def asset_uri(name: str, key: str) -> str:
    """``light`` -> ``assets/composedoc/todo.light.svg``, ``dark.edge`` -> ``...dark.edge.svg``."""
    return f"{ASSETS}/{name}.{key}.svg"


def stack_files(
    name: str,
    title: str,
    description: str | None,
    result: StackResult,
    mode: str,
    page_url: str,
    pages_dir: str,
    service_urls: dict[str, str] | None = None,
) -> StackFiles:
    """The stack page (diagram, warnings, reference) and its assets.

    ``page_url`` is where MkDocs will serve the page; node links of the asset SVGs go from the
    asset to ``page_url#service-...`` (or to the service's own page when there is one).
    """
    files = StackFiles(page_uri(pages_dir, name))
    ids = result.anchors

    def target(service: str) -> str:
        if service_urls and service in service_urls:
            return service_urls[service]
        return f"{page_url}#{ids.get(service, 'service-' + service)}"

    diagram: list[str] = []
    for key in sorted(result.diagrams):
        if mode == "mermaid":
            if key.startswith("mermaid"):
                diagram += [embed.mermaid(result.diagrams[key]), ""]
            continue
        if not key.startswith("light"):
            continue
        part = key[len("light") :]
        urls = {}
        for theme in ("light", "dark"):
            uri = asset_uri(name, theme + part)  # an asset's URL is its src_uri

            def href(service: str, uri: str = uri) -> str:
                return get_relative_url(target(service), uri)

            files.assets[uri] = embed.relink(result.diagrams[theme + part], href, "_top")
            urls[theme] = get_relative_url(uri, page_url)
        diagram += [embed.svg_objects(urls["light"], urls["dark"], f"{title} diagram"), ""]
    if result.warnings:
        diagram += [embed.admonition("warning", "Warnings", result.warnings), ""]
    reference = result.reference or _fallback(result, ids)
    files.pages[files.page_uri] = compose_page(reference, title, description, diagram)
    return files


def page_anchors(result: StackResult) -> frozenset[str]:
    """The ids the stack page will hold: its reference's anchors (or the fallback's)."""
    return frozenset(HTML_ID.findall(result.reference or _fallback(result, result.anchors)))


def compose_page(reference: str, title: str, description: str | None, diagram: list[str]) -> str:
    """The library's page with our title, the description and the diagram after its header."""
    lines = reference.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    head = [f"# {title}", ""]
    if description:
        head += [description, ""]
    cut = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
    extra = ["## Diagram", "", *diagram] if diagram else []
    body = [*head, *lines[:cut], "", *extra, *lines[cut:]]
    text = "\n".join(body)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n") + "\n"


def service_pages(name: str, pages_dir: str, result: StackResult) -> dict[str, str]:
    """``service_pages: true``: one page per service, its section of the reference, with
    links to other services' pages and to the stack page's networks and volumes."""
    by_anchor = {anchor: service for service, anchor in result.anchors.items()}
    out: dict[str, str] = {}

    def link(match: re.Match[str]) -> str:
        anchor = match.group(1)
        if anchor in by_anchor:
            return f"]({bounded_stem(by_anchor[anchor])}.md)"
        return f"](../{name}.md#{anchor})"

    for service in result.services:
        section = result.sections.get(f"service:{service}")
        if section is None:
            continue
        lines = [line for line in section.splitlines() if not line.startswith("<a id=")]
        if lines and lines[0].startswith("### "):
            lines[0] = f"# {service}"
        body = LOCAL_LINK.sub(link, "\n".join(lines))
        out[service_page_uri(pages_dir, name, service)] = body.strip("\n") + "\n"
    return out


def _fallback(result: StackResult, ids: dict[str, str]) -> str:
    """Service headings with their stable ids, while no reference renderer is installed."""
    lines = ["## Services", ""]
    for service in result.services:
        lines += [f'<h3 id="{ids[service]}">{html.escape(service)}</h3>', ""]
    return "\n".join(lines)
