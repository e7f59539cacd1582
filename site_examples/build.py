"""`make demo`: the diagram gallery through the CLI, then the example site with --strict.

Writes site_examples/gallery/<stack>/ (SVG light and dark, PNG, Mermaid, Markdown when the
CLI offers it) with ``composedoc render`` and builds site_examples/site/ with MkDocs; exits
non-zero on the first failure.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
STACKS = ("todo", "voting", "shop")


def run(*cmd: str) -> None:
    """Run one command from site_examples/, echoing it; stop the demo if it fails."""
    print("$", " ".join(cmd), flush=True)
    done = subprocess.run(cmd, cwd=HERE, check=False)
    if done.returncode != 0:
        sys.exit(done.returncode)


def gallery() -> None:
    composedoc = str(BIN / "composedoc")
    for stack in STACKS:
        compose = f"stacks/{stack}/compose.yaml"
        out = f"gallery/{stack}"
        run(composedoc, "render", "-f", compose, "-o", out, "--format", "svg,png,mermaid")
        run(
            composedoc, "render", "-f", compose, "-o", out, "--format", "svg",
            "--theme", "dark", "--name", f"{stack}.dark",
        )  # fmt: skip


def site() -> None:
    run(str(BIN / "mkdocs"), "build", "--strict", "-f", "mkdocs.yml")


def main() -> int:
    start = time.perf_counter()
    gallery()
    site()
    took = time.perf_counter() - start
    print(f"gallery: {HERE / 'gallery'}\nsite:    {HERE / 'site'}/index.html ({took:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
