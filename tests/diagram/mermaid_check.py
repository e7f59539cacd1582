"""Parse and render Mermaid texts with the real mermaid.js in headless Chromium.

Used by the browser tests; needs playwright, /usr/bin/chromium (or CHROMIUM) and mermaid.js
(MERMAID_JS, else ~/.cache/composedoc/mermaid.min.js, e.g. from ``npm install mermaid@11``).
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
MERMAID_JS = Path(
    os.environ.get("MERMAID_JS", str(Path.home() / ".cache/composedoc/mermaid.min.js"))
)

_SCRIPT = """async (texts) => {
  mermaid.initialize({startOnLoad: false, securityLevel: "strict", maxEdges: 2000});
  const errors = {};
  for (const [name, text] of Object.entries(texts)) {
    try {
      await mermaid.parse(text);
      const out = await mermaid.render("m" + Math.abs(name.length), text);
      if (!out.svg.includes("<svg")) errors[name] = "no svg";
    } catch (e) {
      errors[name] = String(e && e.message ? e.message : e).slice(0, 300);
    }
  }
  return errors;
}"""


def available() -> str | None:
    """Why the check cannot run, or None when it can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found"
    if not MERMAID_JS.is_file():
        return f"mermaid.js not found at {MERMAID_JS}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _evaluate(script: str, texts: dict[str, str]) -> dict[str, str]:
    """Run ``script`` on ``texts`` in a blank page of Debian's Chromium with mermaid.js loaded."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            page = browser.new_page()
            page.set_content("<html><body></body></html>")
            page.add_script_tag(content=MERMAID_JS.read_text(encoding="utf-8"))
            result: dict[str, str] = page.evaluate(script, texts)
        finally:
            browser.close()
    return result


def mermaid_errors(texts: dict[str, str]) -> dict[str, str]:
    """Name -> error message for every text mermaid.js refuses (empty when all render)."""
    return _evaluate(_SCRIPT, texts)


_RENDER = """async (texts) => {
  mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
  const out = {};
  for (const [name, text] of Object.entries(texts)) {
    try {
      const done = await mermaid.render("r" + Object.keys(out).length, text);
      out[name] = done.svg;
    } catch (e) {
      out[name] = "ERROR " + String(e && e.message ? e.message : e).slice(0, 300);
    }
  }
  return out;
}"""


def mermaid_svgs(texts: dict[str, str]) -> dict[str, str]:
    """Name -> the SVG mermaid.js draws (``ERROR ...`` when it refuses the text)."""
    return _evaluate(_RENDER, texts)
