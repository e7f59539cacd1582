"""Hostile text in every label: Mermaid and DOT/SVG keep it text, never syntax.

Names with dots and dashes, markup, quotes, Mermaid directives and entity codes, DOT
syntax, control characters, ``click`` lines and ``javascript:`` links (issue 6).
"""

from __future__ import annotations

import html as html_module
import json
import re
import shutil
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest

from composedoc.diagram.dot_syntax import Html, attrs, html, quote
from composedoc.diagram.image import run_dot
from composedoc.diagram.mermaid import text
from composedoc.diagram.outputs import render_outputs
from composedoc.diagram.scene import ViewOptions, link_for
from composedoc.errors import UsageError
from diagram.mermaid_check import available, mermaid_svgs

NASTY = [
    '%%{init: {"theme": "dark"}}%%',
    "click web call alert()",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    '"]; evil_dot [label="x',
    "`**md**` #quot; #35; :::evil --- a|b &amp;",
    "style x:#f00;",
    "\\N \\G back\\slash",
]


def nasty_graph() -> Any:
    """Services whose names need escaping; every free-text field carries hostile text."""
    g = nx.MultiDiGraph(name="evil")
    names = ["web.api", "a-b", "end", "click", "graph", "o", "x"]
    for i, name in enumerate(names):
        g.add_node(
            f"service:{name}",
            kind="service",
            image=NASTY[i % len(NASTY)],
            profiles=[],
            description="\n".join(NASTY),
        )
    for i, name in enumerate(names[1:]):
        g.add_edge(
            f"service:{names[i]}",
            f"service:{name}",
            "depends_on",
            kind="depends_on",
            condition="service_healthy",
            required=True,
        )
    for i, line in enumerate(NASTY):
        g.add_node(f"volume:v{i}", kind="volume", name=f"{line}\nline2\r\nline3\x01\u2028end")
        g.add_edge("service:web.api", f"volume:v{i}", f"mount:/d{i}{line}", kind="mount")
    return g


def test_mermaid_text_escapes_every_syntax_character() -> None:
    assert text("%%{init}%%") == "#37;#37;{init}#37;#37;"
    assert text('#quot; "`md`"') == "#35;quot; #quot;#96;md#96;#quot;"
    assert text("a|b <i>&") == "a#124;b #lt;i#gt;#amp;"
    assert text("a\r\nb\rc\nd") == "a<br/>b<br/>c<br/>d"
    assert text("a\x00b\u2028c\x7f") == "a b c "


def test_mermaid_file_has_no_directive_click_or_markup_from_user_text() -> None:
    for theme in ("light", "dark"):
        files = render_outputs(nasty_graph(), ["mermaid"], "e", ViewOptions(theme=theme))
        assert list(files) == ["e.mmd"]
        mmd = files["e.mmd"].decode()
        body = mmd.split("\n", 1)[1] if theme == "dark" else mmd
        assert "%" not in body.replace("  %% evil", "")
        assert "<script" not in mmd and "`" not in mmd and "\r" not in mmd
        for line in mmd.splitlines():
            assert not line.strip().startswith(("click", "---", "%%{")) or line.startswith(
                '%%{init: {"theme": "dark"}}%%'
            )
        assert "service__web_2eapi" in mmd and "service__a_2db" in mmd


@pytest.mark.browser
@pytest.mark.skipif(available() is not None, reason=available() or "")
def test_mermaid_js_shows_hostile_labels_as_text() -> None:
    mmd = render_outputs(nasty_graph(), ["mermaid"], "e")["e.mmd"].decode()
    svg = mermaid_svgs({"e": mmd})["e"]
    assert not svg.startswith("ERROR"), svg
    assert "<script" not in svg.lower()
    assert not re.search(r"(?i)href=.?javascript", svg)
    shown = html_module.unescape(re.sub(r"<[^>]+>", " ", svg))
    for line in NASTY:
        for word in line.split():
            assert word in shown, word
    assert "#1f2020" not in svg  # the dark theme's node fill: the directive was not read


def test_dot_attrs_quote_anything_that_is_not_our_html() -> None:
    assert attrs({"label": "<b>x</b>"}) == '[label="<b>x</b>"]'
    assert attrs({"label": Html("<<b>x</b>>")}) == "[label=<<b>x</b>>]"
    assert quote('a"b\\N\r\nc\x01') == '"a\\"b\\\\N\\nc "'
    assert html("<a href='x'>&\x0b") == "&lt;a href='x'&gt;&amp; "


def _dot(text_: str, fmt: str) -> bytes:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz dot is not installed")
    return run_dot(text_, fmt)


def test_dot_of_hostile_names_parses_to_exactly_the_scene() -> None:
    dot_text = render_outputs(nasty_graph(), ["dot"], "e")["e.dot"].decode()
    objects = json.loads(_dot(dot_text, "json0")).get("objects", [])
    names = sorted(o["name"] for o in objects if not o["name"].startswith("cluster"))
    assert not [n for n in names if "evil" in n]
    services = [n for n in names if n.startswith("service:")]
    expected = ("web.api", "a-b", "end", "click", "graph", "o", "x")
    assert services == sorted(f"service:{s}" for s in expected)


def test_svg_has_no_script_handler_or_external_link() -> None:
    options = ViewOptions(link_template="docs/ref.md#{service}")
    svg = render_outputs(nasty_graph(), ["svg"], "e", options)["e.svg"]
    root = ElementTree.fromstring(svg)
    hrefs = []
    for element in root.iter():
        assert element.tag.rsplit("}", 1)[-1] not in {"script", "foreignObject", "iframe"}
        for key, value in element.attrib.items():
            name = key.rsplit("}", 1)[-1].lower()
            assert not name.startswith("on")
            if name == "href":
                hrefs.append(value)
    assert "docs/ref.md#web.api" in hrefs
    titles = [v for e in root.iter() for k, v in e.attrib.items() if k.endswith("}title")]
    assert any("\\N \\G back\\slash" in t for t in titles)  # Graphviz escapes stay text
    texts = "".join(e.text or "" for e in root.iter() if e.tag.endswith("}text"))
    assert "\\N \\G back\\slash" in texts
    assert all(h.startswith(("#", "data:image/png", "docs/ref.md#")) for h in hrefs), hrefs


@pytest.mark.parametrize(
    "template",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "javascript&#58;alert(1)",
        "javascript&colon;alert(1)",
        "data:text/html,<script>x</script>",
        "vbscript:x",
        "file:///etc/passwd",
        "\\\\evil.example.com\\{service}",
    ],
)
def test_link_template_refuses_scripts_and_other_schemes(template: str) -> None:
    with pytest.raises(UsageError, match="link-template"):
        link_for(template, "web")


def test_link_template_encodes_the_name_and_keeps_relative_and_http_links() -> None:
    assert link_for("ref.md#service-{service}", "web.api") == "ref.md#service-web.api"
    assert link_for("ref/{service}.md", "a/../b c") == "ref/a%2F..%2Fb%20c.md"
    assert link_for("https://docs.example.com/{service}", "db") == "https://docs.example.com/db"
    assert link_for("#{service}", "x") == "#x"
