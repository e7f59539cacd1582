"""The built example site in headless Chromium: diagram with icons, node links, dark toggle,
Mermaid. Screenshots go to test-artifacts/mkdocs/ (gitignored) for a human to look at."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import ARTIFACTS, Build, run_mkdocs

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Frame, Locator, Page, Route

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
# Material loads mermaid.js from unpkg; tests serve a local copy (tests/diagram/mermaid_check.py).
MERMAID_JS = Path(
    os.environ.get("MERMAID_JS", str(Path.home() / ".cache/composedoc/mermaid.min.js"))
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def site_url(example_site: Build) -> Iterator[str]:
    with _serve(example_site.site) as url:
        yield url


@pytest.fixture(scope="module")
def fences_url(fences_site: Build) -> Iterator[str]:
    with _serve(fences_site.site) as url:
        yield url


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


def _view_box(frame: Frame) -> list[float]:
    box = frame.evaluate("document.documentElement.getAttribute('viewBox')")
    return [float(part) for part in str(box).split()]


def _zoom(holder: Locator) -> float:
    return float(holder.get_attribute("data-zoom") or 0)


def test_large_diagram_pan_zoom_reset_and_node_links(browser: Browser, site_url: str) -> None:
    """The shop diagram is taller than the window: buttons, wheel, drag, keys, reset, links."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site_url}/stacks/shop/")
    page.wait_for_load_state("networkidle")
    holder = page.locator(".composedoc-light.composedoc-pz")
    holder.wait_for()
    holder.scroll_into_view_if_needed()
    frame = _frame(page, "shop.light.svg")
    home = _view_box(frame)
    box = page.locator(".composedoc-light object").bounding_box()
    assert box is not None and box["width"] >= 680 and box["height"] <= 0.8 * 900 + 1
    assert _zoom(holder) == 1
    assert page.locator(".composedoc-light a.composedoc-tool").get_attribute("href", timeout=1000)

    # Zoom in twice with the button: the view box shrinks by 1.25 each time.
    zoom_in = holder.get_by_role("button", name="Zoom in (+)")
    zoom_in.click()
    zoom_in.click()
    assert _zoom(holder) == pytest.approx(1.5625, abs=0.001)
    zoomed = _view_box(frame)
    assert abs(zoomed[2] - home[2] / 1.5625) < 0.01
    page.screenshot(path=str(SHOTS / "shop-zoomed.png"))

    # Drag to the left: the view moves right; the drag does not follow a node link.
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 120, y - 60, steps=6)
    page.mouse.up()
    dragged = _view_box(frame)
    assert dragged[0] > zoomed[0] + 10 and dragged[1] > zoomed[1] + 5
    assert page.url.endswith("/stacks/shop/")

    # Keys inside the diagram: + zooms, 0 resets; then the Reset button after a wheel zoom.
    page.keyboard.press("+")
    assert _zoom(holder) == pytest.approx(1.953, abs=0.001)
    page.keyboard.press("0")
    assert _view_box(frame) == home
    page.keyboard.down("Control")
    page.mouse.wheel(0, -300)
    page.keyboard.up("Control")
    page.wait_for_function(
        "parseFloat(document.querySelector('.composedoc-light.composedoc-pz').dataset.zoom) > 1.5"
    )
    holder.get_by_role("button", name="Reset (0)").click()
    assert _view_box(frame) == home

    # The dark picture gets its own controls once shown, on its own dark background.
    page.locator("label[for='__palette_1']").click()
    dark = page.locator(".composedoc-dark.composedoc-pz")
    dark.wait_for()
    paper = _frame(page, "shop.dark.svg").evaluate("document.documentElement.style.background")
    assert paper.replace(" ", "") == "rgb(13,17,23)"
    page.locator("label[for='__palette_0']").click()

    # Zoomed in on a node (Ctrl + wheel over it), its link still opens its section.
    node = frame.locator("a[*|href$='#service-orders']").first
    spot = node.bounding_box()
    assert spot is not None
    cx, cy = spot["x"] + spot["width"] / 2, spot["y"] + spot["height"] / 2  # page pixels
    page.mouse.move(cx, cy)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -400)
    page.keyboard.up("Control")
    page.wait_for_timeout(200)
    assert _zoom(holder) > 2
    page.screenshot(path=str(SHOTS / "shop-zoomed-on-orders.png"))
    page.mouse.click(cx, cy)
    page.wait_for_url("**/stacks/shop/#service-orders")
    assert page.locator("#service-orders").count() == 1
    assert errors == []


def test_mermaid_served_by_the_site_works_offline(
    browser: Browser, project: Callable[..., Path]
) -> None:
    """``mermaid_js``: the page draws Mermaid with every request outside the site refused."""
    if not MERMAID_JS.is_file():
        pytest.skip(f"mermaid.js not found at {MERMAID_JS}")
    folder = project(
        """\
        site_name: offline
        theme: {name: material, font: false}
        plugins:
          - composedoc:
              diagram: mermaid
              cache: false
              mermaid_js: mermaid.min.js
              stacks:
                - {name: voting, files: stacks/voting/compose.yaml}
        markdown_extensions:
          - pymdownx.superfences
        """
    )
    shutil.copy(MERMAID_JS, folder / "mermaid.min.js")
    build = run_mkdocs(folder, "--strict")
    assert build.returncode == 0, build.output
    outside: list[str] = []
    with _serve(build.site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})

        def route(request: Route) -> None:
            if request.request.url.startswith(url):
                request.continue_()
            else:
                outside.append(request.request.url)
                request.abort()

        page.route("**/*", route)
        page.goto(f"{url}/stacks/voting/")
        page.wait_for_function(
            "[...document.querySelectorAll('div.mermaid')].some(e => e.offsetHeight > 100)",
            timeout=20000,
        )
        page.locator("div.mermaid").first.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "voting-mermaid-offline.png"))
    assert outside == []


def test_touch_pinch_zooms_and_one_finger_pans(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}/stacks/shop/")
    page.wait_for_load_state("networkidle")
    holder = page.locator(".composedoc-light.composedoc-pz")
    holder.wait_for()
    holder.scroll_into_view_if_needed()
    box = page.locator(".composedoc-light object").bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    cdp = context.new_cdp_session(page)

    def touch(kind: str, *points: tuple[float, float]) -> None:
        spots = [{"x": px, "y": py, "id": n} for n, (px, py) in enumerate(points)]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": spots})

    touch("touchStart", (x - 40, y), (x + 40, y))
    for spread in range(50, 170, 10):  # fingers 80 px apart, then 320: four times closer
        touch("touchMove", (x - spread, y), (x + spread, y))
    touch("touchEnd")
    assert _zoom(holder) == pytest.approx(4, abs=0.01)
    frame = _frame(page, "shop.light.svg")
    before = _view_box(frame)
    touch("touchStart", (x, y))
    for step in range(1, 8):
        touch("touchMove", (x - 15 * step, y))
    touch("touchEnd")
    after = _view_box(frame)
    assert after[0] > before[0] + 10 and after[2:] == before[2:]
    context.close()


# (build, page, service, where the click lands): the plugin's site links a fence's node to
# the stack page; the fences-only site (extension alone, as Zensical) to the same page.
FENCE_CLICKS = [
    ("plugin", "embedding/", "mysql", "/stacks/todo/#service-mysql"),
    ("fences", "todo/", "mysql", "/todo/#service-mysql"),
    ("fences", "shop/", "payments", "/shop/#service-payments"),
]


@pytest.mark.parametrize(("build", "path", "service", "lands"), FENCE_CLICKS)
def test_fence_node_click_lands_on_the_service_section(
    browser: Browser,
    request: pytest.FixtureRequest,
    build: str,
    path: str,
    service: str,
    lands: str,
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    url = request.getfixturevalue("site_url" if build == "plugin" else "fences_url")
    if build == "plugin" and not MERMAID_JS.is_file():
        pytest.skip(f"the page draws Mermaid too: mermaid.js not found at {MERMAID_JS}")
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{url}/{path}")
    page.wait_for_load_state("networkidle")
    figure = page.locator(".composedoc-light svg").first
    figure.scroll_into_view_if_needed()
    name = f"{build}-{path.strip('/')}"
    page.screenshot(path=str(SHOTS / f"{name}-fence.png"))
    node = page.locator(f".composedoc-light svg a[*|href$='#service-{service}']").first
    node.click()
    page.wait_for_url(f"**{lands}")
    section = page.locator(f"[id='service-{service}']")
    assert section.count() == 1
    heading = page.locator("h3", has_text=service).first
    heading.wait_for()
    top = heading.bounding_box()
    assert top is not None and 0 <= top["y"] < 400, "the section is scrolled into view"
    page.screenshot(path=str(SHOTS / f"{name}-after-click.png"))
    assert errors == []


def test_fences_only_site_light_dark_and_pan_zoom(browser: Browser, fences_url: str) -> None:
    """Without the plugin: both palettes, pan/zoom on the large diagram, every link lands."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{fences_url}/shop/")
    page.wait_for_load_state("networkidle")
    light = page.locator(".composedoc-light").first
    dark = page.locator(".composedoc-dark").first
    assert light.is_visible() and not dark.is_visible()
    holder = page.locator(".composedoc-light.composedoc-pz")
    holder.wait_for()
    holder.scroll_into_view_if_needed()
    holder.get_by_role("button", name="Zoom in (+)").click()
    assert _zoom(holder) == pytest.approx(1.25, abs=0.001)
    page.screenshot(path=str(SHOTS / "fences-shop-light.png"))
    page.locator("label[for='__palette_1']").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert dark.is_visible() and not light.is_visible()
    page.locator(".composedoc-dark.composedoc-pz").wait_for()
    page.screenshot(path=str(SHOTS / "fences-shop-dark.png"))
    page.locator("label[for='__palette_0']").click()
    broken = page.evaluate(
        """() => [...document.querySelectorAll('a')]
            .map(a => a.getAttribute('href') || a.getAttribute('xlink:href') || '')
            .filter(h => h.startsWith('#') && h.length > 1)
            .filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))"""
    )
    assert broken == []
    assert errors == []
