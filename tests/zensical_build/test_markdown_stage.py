"""Zensical's own Markdown stage on the fences-only example site (``make test-zensical``).

Zensical reads ``site_examples/zensical/mkdocs.yml`` with its own loader and converts each
page with its own ``zensical.markdown.render``, the Python step of its build: the fences
must come out with diagrams whose node links land on the page. Zensical 0.1.x imports its
theme package ``zensical-ui``, which the package index does not serve; the theme plays no
part in this step, so a stand-in module answers its one import. Skipped where Zensical is
not installed (the main venv: see the Makefile).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import types
from importlib import metadata
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parents[2] / "site_examples"
ZENSICAL_VERSION = "0.1.4"  # the Makefile's ZENSICAL_VERSION

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None, reason="Zensical is not installed"
)


@pytest.fixture
def zensical_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example site in a temporary folder, Zensical importable, cwd = the site folder."""
    shutil.copytree(SITE / "stacks", tmp_path / "stacks")
    shutil.copytree(SITE / "zensical", tmp_path / "zensical", ignore=shutil.ignore_patterns("site"))
    theme = tmp_path / "theme"
    theme.mkdir()
    stand_in = types.ModuleType("zensical_ui")
    stand_in.get_theme_dir = lambda: str(theme)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "zensical_ui", stand_in)
    monkeypatch.chdir(tmp_path / "zensical")
    return tmp_path / "zensical"


def test_pinned_version() -> None:
    assert metadata.version("zensical") == ZENSICAL_VERSION


@pytest.mark.parametrize(("page", "services"), [("todo", 2), ("voting", 5), ("shop", 21)])
def test_zensical_renders_every_stack_page_with_links_that_land(
    zensical_site: Path, page: str, services: int
) -> None:
    from zensical.config import parse_mkdocs_config
    from zensical.markdown.render import render

    config = parse_mkdocs_config("mkdocs.yml")
    assert config["mdx_configs"]["composedoc"] == {"base_dir": ".."}
    text = (zensical_site / "docs" / f"{page}.md").read_text("utf-8")
    html = render(text, f"{page}.md", f"{page}/")["content"]
    assert html.count('<div class="composedoc-light"><svg') == 1
    assert html.count('<div class="composedoc-dark"><svg') == 1
    nodes = set(re.findall(r'xlink:href="#(service-[^"]+)"', html))
    assert len(nodes) == services
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    hrefs = set(re.findall(r'(?:xlink:)?href="#([^"]+)"', html))
    assert nodes <= hrefs <= ids, sorted(hrefs - ids)
    assert "<h2" in html and "How to run" in html, "the reference fence"
    assert html.count("<style>/* composedoc") == 1, "styles and pan/zoom come with the page"
