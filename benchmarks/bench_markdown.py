"""The reference page against the graph JSON: ``render --format md`` vs ``--format json``.

Target (issue 11): at 1,000 and 20,000 generated services the page takes at most 1.5x the
time of the JSON graph. Both runs load, bind, mask and build the graph; the page adds the
docs facts, the embedded Mermaid chart and the templates. The two commands alternate; the
medians of wall time and of CPU time (user + system of the child) are printed with their
ratios. The target is checked on CPU time, which a machine shared with other jobs disturbs
least; wall time is printed beside it.
Usage: .venv/bin/python benchmarks/bench_markdown.py [--sizes 1000,20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import COMPOSEDOC, clean_env, generate_stack, require_shared

TARGET = 1.5


def timed(cmd: Sequence[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one run of ``cmd``."""
    before = os.times()
    start = time.perf_counter()
    # 20,000 services is over the default max_services (5,000): raised for the benchmark only.
    env = {**clean_env(), "COMPOSEDOC_LIMIT_MAX_SERVICES": "100000"}
    proc = subprocess.run(list(cmd), cwd=cwd, env=env, capture_output=True)
    wall = time.perf_counter() - start
    after = os.times()
    if proc.returncode != 0:
        sys.exit(f"benchmark command failed: {' '.join(cmd)}\n{proc.stderr.decode()[-800:]}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def measure(stack: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """Median (wall, cpu) of each format, the runs alternating after one warm-up each."""
    out = stack.parent / "out"
    commands = {
        fmt: [COMPOSEDOC, "render", "-f", str(stack), "--format", fmt, "-o", str(out), "-q"]
        for fmt in ("json", "md")
    }
    for cmd in commands.values():
        timed(cmd, stack.parent)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            runs[name].append(timed(cmd, stack.parent))
    return {
        name: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r))
        for name, r in runs.items()
    }


def main() -> int:
    """One row per size; exit 1 when the page takes over 1.5x the JSON's CPU time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,20000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    require_shared()
    failed = False
    print("services  json_s  md_s  md/json (wall)  json_cpu_s  md_cpu_s  md/json (cpu)")
    with tempfile.TemporaryDirectory(prefix="composedoc-bench-md-") as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            stack = generate_stack(size, Path(tmp))
            repeat = args.repeat if size <= 1000 else max(1, args.repeat // 2)
            got = measure(stack, repeat)
            (json_wall, json_cpu), (md_wall, md_cpu) = got["json"], got["md"]
            print(
                f"{size:8d}  {json_wall:6.2f}  {md_wall:4.2f}  {md_wall / json_wall:14.2f}"
                f"  {json_cpu:10.2f}  {md_cpu:8.2f}  {md_cpu / json_cpu:13.2f}",
                flush=True,
            )
            failed |= md_cpu / json_cpu > TARGET
    if failed:
        print(f"FAIL: render --format md is over {TARGET}x --format json")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
