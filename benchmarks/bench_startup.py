"""Start-up benchmark: small real stacks, where a command's cost is mostly starting up.

* ``composedoc config`` vs Docker Compose's ``config`` on the voting (5 services) and todo
  stacks of site_examples/, run alternately in one process: target <= 1.0x.
* ``composedoc render --format md`` on the same stacks: target < 300 ms.

composedoc runs from a regular (non-editable) install of this checkout in
``.cache/bench-venv``, as a user's ``pip install`` has it: the editable install of ``.venv``
adds an import hook that costs about 10 ms on every start.
Usage: .venv/bin/python benchmarks/bench_startup.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, alternate, docker_compose_binary, require_shared

STACKS = ("voting", "todo")
VENV = ROOT / ".cache" / "bench-venv"
CONFIG_TARGET = 1.0
MD_TARGET_MS = 300.0


def installed_composedoc() -> str:
    """``composedoc`` from a fresh non-editable install of this checkout (deps reused)."""
    python = VENV / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet"]
    if python.exists():
        pip += ["--force-reinstall", "--no-deps"]  # this checkout again, dependencies kept
    else:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([*pip, "."], cwd=ROOT, check=True)
    return str(VENV / "bin" / "composedoc")


def main() -> int:
    """One row per stack: medians in ms, the config ratio and the md render time."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    require_shared()
    compose = docker_compose_binary()
    composedoc = installed_composedoc()
    failed = []
    print("stack    compose_ms  config_ms  ratio  render_md_ms")
    with tempfile.TemporaryDirectory(prefix="composedoc-bench-") as tmp:
        for name in STACKS:
            stack = ROOT / "site_examples" / "stacks" / name
            medians = alternate(
                {
                    "compose": [compose, "config"],
                    "config": [composedoc, "config"],
                    "md": [composedoc, "render", "-q", "--format", "md", "-o", tmp],
                },
                stack,
                repeat=args.repeat,
            )
            ratio = medians["config"] / medians["compose"]
            md_ms = medians["md"] * 1000
            print(
                f"{name:7s}  {medians['compose'] * 1000:10.1f}  {medians['config'] * 1000:9.1f}"
                f"  {ratio:5.2f}  {md_ms:12.1f}"
            )
            if ratio > CONFIG_TARGET:
                failed.append(f"{name}: config is {ratio:.2f}x Docker Compose (target 1.0x)")
            if md_ms >= MD_TARGET_MS:
                failed.append(f"{name}: render --format md takes {md_ms:.0f} ms (target 300)")
    for message in failed:
        print(f"FAIL: {message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
