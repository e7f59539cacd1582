"""`make demo`: the diagram gallery through the CLI, then the example site with --strict.

Writes site_examples/gallery/<stack>/ with ``composedoc render`` (SVG light and dark, PNG,
Mermaid, the Markdown reference page) for the example stacks, a focus view, and, when the
shared corpus sits beside the project (../shared), eShopOnContainers and a generated
60-service stack. Then builds site_examples/site/ with MkDocs. Stops at the first failure.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
BIN = Path(sys.executable).parent
COMPOSEDOC = str(BIN / "composedoc")
STACKS = ("todo", "voting", "shop")
ESHOP = SHARED / "corpus/dotnet-architecture__eShopOnContainers/src"


def run(*cmd: str, cwd: Path = HERE) -> None:
    """Run one command, echoing it; stop the demo if it fails."""
    print("$", " ".join(cmd), flush=True)
    done = subprocess.run(cmd, cwd=cwd, check=False)
    if done.returncode != 0:
        sys.exit(done.returncode)


def render(out: str, *load: str, name: str | None = None, extra: tuple[str, ...] = ()) -> None:
    """One gallery entry: light SVG, PNG, Mermaid and Markdown, plus a dark SVG."""
    named = ("--name", name) if name else ()
    target = str(HERE / "gallery" / out)
    formats = ("--format", "svg,png,mermaid,md")
    run(COMPOSEDOC, "render", *load, "-o", target, *formats, *named, *extra)
    dark = ("--name", f"{name or out}.dark", "--theme", "dark", "--format", "svg")
    run(COMPOSEDOC, "render", *load, "-o", target, *dark, *extra)


def gallery() -> None:
    """Example stacks, a focus view, and the corpus / generated stacks when available."""
    for stack in STACKS:
        render(stack, "-f", str(HERE / "stacks" / stack / "compose.yaml"))
    shop = str(HERE / "stacks/shop/compose.yaml")
    render("focus", "-f", shop, name="shop-orders", extra=("--focus", "orders", "--depth", "1"))
    if not SHARED.is_dir():
        print("../shared not found: eShopOnContainers and the 60-service stack are skipped")
        return
    files = ("docker-compose.yml", "docker-compose.override.yml")
    eshop = [arg for file in files for arg in ("-f", str(ESHOP / file))]
    render("eshop", *eshop, "--project-directory", str(ESHOP), name="eshop")
    with tempfile.TemporaryDirectory(prefix="composedoc-demo-") as tmp:
        stack = Path(tmp) / "generated" / "compose.yaml"
        stack.parent.mkdir()
        run(str(SHARED / "tools/gen-compose"), "60", "-o", str(stack), "--no-version")
        render("generated-60", "-f", str(stack), name="generated-60")


def site() -> None:
    """The Material for MkDocs example site, warnings as errors."""
    run(str(BIN / "mkdocs"), "build", "--strict", "-f", "mkdocs.yml")


def main() -> int:
    """Gallery, then site; print where they are."""
    start = time.perf_counter()
    gallery()
    site()
    took = time.perf_counter() - start
    print(f"gallery: {HERE / 'gallery'}\nsite:    {HERE / 'site'}/index.html ({took:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
