"""SVG and PNG: every service drawn, icons embedded once, no local path, same bytes twice."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from composedoc.diagram.icons import build_icons, resources_dir
from composedoc.diagram.image import PNG_SIGNATURE, png_size
from composedoc.diagram.outputs import render_outputs
from composedoc.diagram.scene import ViewOptions
from composedoc.graph.build import graph_from_json

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
TESTS = Path(__file__).resolve().parent.parent


def voting(options: ViewOptions | None = None) -> dict[str, bytes]:
    graph = graph_from_json((TESTS / "golden/graph/voting/graph.json").read_text())
    icons = build_icons(graph, str(TESTS / "stacks/voting"))
    return render_outputs(graph, ["svg", "png"], "voting", options, icons)


def without_data(svg: str) -> str:
    return re.sub(r'href="data:[^"]*"', 'href="data:"', svg)


def test_svg_is_self_contained_with_each_icon_once() -> None:
    svg = voting()["voting.svg"].decode()
    ids = {e.get("id") for e in ElementTree.fromstring(svg).iter() if e.get("class") == "node"}
    for service in ("db", "redis", "result", "vote", "worker"):
        assert f"service-{service}" in ids
    bare = without_data(svg)
    assert "<image " in bare  # inside <symbol>s only
    assert str(resources_dir()) not in bare
    assert "file:" not in bare
    hrefs = re.findall(r'(?:xlink:)?href="([^"#][^"]*)"', bare)
    assert set(hrefs) == {"data:"}
    symbols = re.findall(r'<symbol id="([^"]+)"', svg)
    uses = re.findall(r'<use href="#([^"]+)"', svg)
    assert len(symbols) == len(set(symbols)) == len(set(uses))
    assert len(uses) == 5
    datas = re.findall(r'href="(data:image/png;base64,[^"]+)"', svg)
    assert len(datas) == len(set(datas)) == len(symbols)


def test_every_node_has_a_tooltip_and_links_follow_the_template() -> None:
    svg = voting(ViewOptions(link_template="reference.md#{service}"))["voting.svg"].decode()
    nodes = re.findall(r'<g id="([^"]+)" class="node">', svg)
    titled = re.findall(r'<g id="a_([^"]+)"><a xlink:href="[^"]*" xlink:title="[^"]+"', svg)
    titled += re.findall(r'<g id="a_([^"]+)"><a xlink:title="[^"]+"', svg)
    assert nodes and set(nodes) <= set(titled)
    assert 'xlink:href="reference.md#vote"' in svg


def test_png_signature_size_and_determinism() -> None:
    first = voting()
    second = voting()
    assert first == second
    png = first["voting.png"]
    assert png.startswith(PNG_SIGNATURE)
    width, height = png_size(png)
    assert 400 < width < 8000 and 400 < height < 8000


def test_dark_theme_changes_background() -> None:
    svg = voting(ViewOptions(theme="dark"))["voting.svg"].decode()
    assert 'fill="#0d1117"' in svg.lower()
