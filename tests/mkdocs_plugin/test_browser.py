"""The built example site in headless Chromium: diagram with icons, node links, dark toggle,
Mermaid. Screenshots go to test-artifacts/mkdocs/ (gitignored) for a human to look at."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import ARTIFACTS, Build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Frame, Page

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SHOTS = ARTIFACTS / "mkdocs"
# Material loads mermaid.js from unpkg; tests serve a local copy (tests/render/mermaid_check.py).
MERMAID_JS = Path(
    os.environ.get("MERMAID_JS", str(Path.home() / ".cache/composedoc/mermaid.min.js"))
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(example_site: Build) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(example_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists() or shutil.which("dot") is None:
        pytest.skip("needs /usr/bin/chromium and Graphviz")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as play:
        chrome = play.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chrome
        chrome.close()


def _page(browser: Browser, errors: list[str]) -> Page:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    if MERMAID_JS.is_file():
        page.route(
            "https://unpkg.com/mermaid@11/**",
            lambda route: route.fulfill(path=str(MERMAID_JS), content_type="text/javascript"),
        )
    return page


def _frame(page: Page, suffix: str) -> Frame:
    for frame in page.frames:
        if frame.url.endswith(suffix):
            return frame
    raise AssertionError(f"no frame for {suffix}: {[f.url for f in page.frames]}")


def test_stack_page_diagram_links_and_dark_toggle(browser: Browser, site_url: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{site_url}/stacks/todo/")
    page.wait_for_load_state("networkidle")
    light = page.locator(".composedoc-light object")
    dark = page.locator(".composedoc-dark object")
    assert light.is_visible() and not dark.is_visible()
    frame = _frame(page, "todo.light.svg")
    icons = frame.locator("use").count()
    assert icons >= 2, "service icons are drawn"
    href = frame.locator("symbol image").first.get_attribute("href")
    assert href is not None and href.startswith("data:image/png")
    light.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "todo-light.png"), full_page=False)

    # Dark toggle swaps the picture.
    page.locator("label[for='__palette_1']").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert dark.is_visible() and not light.is_visible()
    dark.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "todo-dark.png"), full_page=False)
    page.locator("label[for='__palette_0']").click()

    # A node link lands on the service's section of the page.
    frame = _frame(page, "todo.light.svg")
    frame.locator("a[*|href$='#service-mysql']").first.click()
    page.wait_for_url("**/stacks/todo/#service-mysql")
    anchor = page.locator("#service-mysql")
    assert anchor.count() == 1
    heading = page.locator("h3", has_text="mysql").first
    assert heading.is_visible()
    page.screenshot(path=str(SHOTS / "todo-after-link.png"), full_page=False)
    assert errors == []


def test_shop_page_renders(browser: Browser, site_url: str) -> None:
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{site_url}/stacks/shop/")
    page.wait_for_load_state("networkidle")
    frame = _frame(page, "shop.light.svg")
    assert frame.locator("g.node").count() >= 22
    page.locator(".composedoc-light").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "shop-light.png"), full_page=False)
    assert errors == []


def test_fence_mermaid_and_inline_svg(browser: Browser, site_url: str) -> None:
    if not MERMAID_JS.is_file():
        pytest.skip(f"mermaid.js not found at {MERMAID_JS}")
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{site_url}/embedding/")
    page.wait_for_load_state("networkidle")
    inline = page.locator(".composedoc-light svg").first
    assert inline.is_visible()
    assert inline.locator("use").count() >= 2
    # Material swaps <pre class="mermaid"> for a div whose (closed) shadow root holds the SVG.
    page.wait_for_function(
        "[...document.querySelectorAll('div.mermaid')].some(e => e.offsetHeight > 100)",
        timeout=20000,
    )
    page.locator(".mermaid").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "embedding-mermaid.png"), full_page=False)
    page.locator("label[for='__palette_1']").click()
    page.wait_for_timeout(500)
    page.locator(".composedoc-dark svg").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "embedding-dark.png"), full_page=False)
    assert errors == []
