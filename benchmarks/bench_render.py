"""Benchmark ``composedoc render`` against its own baselines and print the ratios.

* ``render --format svg`` vs ``dot -Tsvg`` run on the DOT files composedoc writes
  (one run per file, one after another, icons found through -Gimagepath): target <= 1.3x.
* ``render --format dot,mermaid`` vs ``composedoc graph`` at 1000 services: target <= 2x.

Stacks come from ``../shared/tools/gen-compose N``. Times are wall clock, best of --repeat.
Usage: .venv/bin/python benchmarks/bench_render.py [--sizes 200,1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from composedoc.diagram.icons import resources_dir

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT.parent / "shared" / "tools" / "gen-compose"
CLI = str(Path(sys.executable).parent / "composedoc")


def best(repeat: int, run: object) -> float:
    """Fastest of ``repeat`` wall-clock runs of ``run()``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def sh(args: list[str], cwd: Path) -> None:
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def bench(size: int, repeat: int, work: Path) -> dict[str, float]:
    stack = work / f"n{size}"
    stack.mkdir()
    sh(
        [sys.executable, str(GEN), str(size), "-o", str(stack / "compose.yaml"), "--no-version"],
        work,
    )
    dots = work / f"dot{size}"
    sh([CLI, "render", "--format", "dot", "-o", str(dots)], stack)
    files = sorted(dots.glob("*.dot"))
    svg_out = work / f"svg{size}"

    def dot_baseline() -> None:
        for path in files:
            sh(
                ["dot", f"-Gimagepath={resources_dir()}", "-Tsvg", "-o", "/dev/null", str(path)],
                work,
            )

    result = {
        "files": float(len(files)),
        "render_svg": best(
            repeat, lambda: sh([CLI, "render", "--format", "svg", "-o", str(svg_out)], stack)
        ),
        "dot_svg": best(repeat, dot_baseline),
        "render_text": best(
            repeat,
            lambda: sh([CLI, "render", "--format", "dot,mermaid", "-o", str(work / "t")], stack),
        ),
        "graph": best(repeat, lambda: sh([CLI, "graph"], stack)),
    }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not GEN.exists() or shutil.which("dot") is None:
        print("needs ../shared/tools/gen-compose and Graphviz dot", file=sys.stderr)
        return 2
    print(
        f"{'services':>8} {'files':>5} {'render svg':>10} {'dot -Tsvg':>9} {'ratio':>6}"
        f" {'dot+mmd':>8} {'graph':>6} {'ratio':>6}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            r = bench(size, args.repeat, Path(tmp))
            print(
                f"{size:>8} {int(r['files']):>5} {r['render_svg']:>9.2f}s {r['dot_svg']:>8.2f}s"
                f" {r['render_svg'] / r['dot_svg']:>6.2f} {r['render_text']:>7.2f}s"
                f" {r['graph']:>5.2f}s {r['render_text'] / r['graph']:>6.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
