"""HTML for diagrams and warnings inside a page, shared by the plugin and the extension.

Diagram nodes are rendered with the placeholder link ``#composedoc-node-<service>`` (see
:data:`LINK`; a fragment, the one kind of link the renderer allows besides http(s)); the
page that shows a diagram decides where a service lives and :func:`relink` rewrites those
links, so one cached SVG serves any page. Light and dark pictures are both in the page and
CSS (``assets/composedoc.css``) shows the one matching Material's palette; a small script
(``assets/composedoc.js``, no CDN) gives diagrams larger than the page pan and zoom.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Callable
from importlib import resources

LINK = "#composedoc-node-{service}"
_LINKED = re.compile(r'xlink:href="#composedoc-node-([^"]*)"')
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)


def relink(svg: str, href: Callable[[str], str | None], target: str | None = None) -> str:
    """Point every node link at ``href(service)``; ``target="_top"`` for ``<object>``.

    When ``href`` gives ``None`` (no section of that service exists in the site) the node
    keeps its tooltip and loses its link: an ``<a>`` without ``href`` is not clickable.
    """

    def swap(match: re.Match[str]) -> str:
        service = urllib.parse.unquote(html.unescape(match.group(1)))
        where = href(service)
        if where is None:
            return 'class="composedoc-unlinked"'
        url = html.escape(where, quote=True)
        extra = f' target="{target}"' if target else ""
        return f'xlink:href="{url}"{extra}'

    return _LINKED.sub(swap, svg)


def inline_svg(svg: str) -> str:
    """An SVG document as an HTML fragment (no XML prolog, no doctype, no blank lines)."""
    body = _PROLOG.sub("", svg, count=1)
    return "\n".join(line for line in body.splitlines() if line.strip())


def themed(light: str, dark: str, title: str) -> str:
    """Both pictures in one figure; CSS shows one per palette."""
    label = html.escape(title, quote=True)
    return (
        f'<figure class="composedoc-diagram" data-search-exclude role="group" aria-label="{label}">'
        f'<div class="composedoc-light">{light}</div>'
        f'<div class="composedoc-dark">{dark}</div>'
        "</figure>"
    )


def svg_objects(light_url: str, dark_url: str, title: str) -> str:
    """Asset SVGs as ``<object>`` so their links stay clickable (an ``<img>`` is inert)."""
    label = html.escape(title, quote=True)
    parts = []
    for theme, url in (("light", light_url), ("dark", dark_url)):
        src = html.escape(url, quote=True)
        parts.append(
            f'<div class="composedoc-{theme}"><object type="image/svg+xml" data="{src}" '
            f'aria-label="{label}"><a href="{src}">{label}</a></object></div>'
        )
    return f'<figure class="composedoc-diagram" data-search-exclude>{"".join(parts)}</figure>'


def mermaid(text: str) -> str:
    """Material's native Mermaid block (what superfences would emit for a mermaid fence)."""
    return (
        '<div class="composedoc-mermaid" data-search-exclude><pre class="mermaid"><code>'
        f"{html.escape(text)}</code></pre></div>"
    )


def admonition(kind: str, title: str, lines: list[str]) -> str:
    """A Material admonition in plain HTML (works without the admonition extension)."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (
        f'<div class="admonition {kind}"><p class="admonition-title">{html.escape(title)}</p>'
        f"<ul>{items}</ul></div>"
    )


_ASSETS = resources.files("mkdocs_composedoc") / "assets"
#: palette switch and pan/zoom styles, served as ``assets/composedoc/composedoc.css``
CSS = (_ASSETS / "composedoc.css").read_text("utf-8")
#: pan and zoom of large diagrams, served as ``assets/composedoc/composedoc.js``
JS = (_ASSETS / "composedoc.js").read_text("utf-8")
