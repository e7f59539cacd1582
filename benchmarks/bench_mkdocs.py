"""MkDocs: a warm-cache build of site_examples against the same build with the plugin off.

Target: the second ``mkdocs build`` (every stack served from the content-hash cache) takes at
most 1.2x the build with ``composedoc: {enabled: false}``. Both builds run in fresh
processes, alternating, on a copy of site_examples in a temporary folder.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from common import ROOT, VENV_BIN, alternate, have

TARGET = 1.2
SITE = ROOT / "site_examples"


def prepare(folder: Path) -> dict[str, list[str]]:
    """The example site copied twice over one tree: plugin on (mkdocs.yml) and off."""
    for part in ("docs", "stacks"):
        shutil.copytree(SITE / part, folder / part)
    config = (SITE / "mkdocs.yml").read_text("utf-8")
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    off = config.replace("  - composedoc:\n", "  - composedoc:\n      enabled: false\n", 1)
    # Without the plugin the links to stack pages are broken: no --strict for that build.
    off = off.replace("\nstrict: true\n", "\nstrict: false\n")
    if off == config:
        sys.exit("bench_mkdocs: cannot find the composedoc plugin in site_examples/mkdocs.yml")
    (folder / "mkdocs-off.yml").write_text(off, "utf-8")
    mkdocs = str(VENV_BIN / "mkdocs")
    return {
        "plugin (warm cache)": [mkdocs, "build", "-f", "mkdocs.yml", "-d", "site-on"],
        "plugin disabled": [mkdocs, "build", "-f", "mkdocs-off.yml", "-d", "site-off"],
    }


def main() -> int:
    if not have("dot"):
        print("bench_mkdocs: Graphviz is missing; the site would draw Mermaid only")
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory(prefix="bench-mkdocs-") as temp:
        folder = Path(temp)
        commands = prepare(folder)
        medians = alternate(commands, folder, repeat)  # its warm-up run fills the cache
    on, off = medians["plugin (warm cache)"], medians["plugin disabled"]
    ratio = on / off
    for name, seconds in medians.items():
        print(f"  {name:<22} {seconds:6.3f} s (median of {repeat})")
    verdict = "ok" if ratio <= TARGET else "TOO SLOW"
    print(f"  ratio {ratio:.2f} (target <= {TARGET}) {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
