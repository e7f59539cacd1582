"""HTML for diagrams and warnings inside a page, shared by the plugin and the extension.

Diagram nodes are rendered with the placeholder link ``#composedoc-node-<service>`` (see
:data:`LINK`; a fragment, the one kind of link the renderer allows besides http(s)); the
page that shows a diagram decides where a service lives and :func:`relink` rewrites those
links, so one cached SVG serves any page. Light and dark pictures are both in the page and
CSS (``assets/composedoc.css``) shows the one matching Material's palette.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Callable

LINK = "#composedoc-node-{service}"
_LINKED = re.compile(r'xlink:href="#composedoc-node-([^"]*)"')
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)


def relink(svg: str, href: Callable[[str], str], target: str | None = None) -> str:
    """Point every node link at ``href(service)``; ``target="_top"`` for ``<object>``."""

    def swap(match: re.Match[str]) -> str:
        service = urllib.parse.unquote(html.unescape(match.group(1)))
        url = html.escape(href(service), quote=True)
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


CSS = """\
/* composedoc: show the diagram matching Material's palette (light: default, dark: slate). */
.composedoc-diagram { margin: 1em 0; overflow-x: auto; }
.composedoc-diagram svg, .composedoc-diagram object { max-width: 100%; height: auto; }
.composedoc-diagram a { text-decoration: none; }
.composedoc-dark { display: none; }
[data-md-color-scheme="slate"] .composedoc-light { display: none; }
[data-md-color-scheme="slate"] .composedoc-dark { display: block; }
/* Mermaid boxes are filled light; in the dark palette the chart sits on a light card so
   Material's light label colours stay readable (the SVG diagrams have a real dark theme). */
[data-md-color-scheme="slate"] .composedoc-mermaid {
  background: #FFFFFF; border-radius: .2rem; padding: .4rem;
  --md-mermaid-label-fg-color: #2D3436; --md-mermaid-label-bg-color: #FFFFFF;
  --md-mermaid-edge-color: #546E7A; --md-mermaid-node-fg-color: #5D8AA8;
  --md-mermaid-node-bg-color: rgba(93, 138, 168, .1);
}
@media (prefers-color-scheme: dark) {
  body:not([data-md-color-scheme]) .composedoc-light { display: none; }
  body:not([data-md-color-scheme]) .composedoc-dark { display: block; }
}
"""
