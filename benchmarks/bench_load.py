"""Loader benchmark: `composedoc config` and `composedoc graph` against Docker Compose `config`.

Target (issue 2): at 1000 services `composedoc config` takes at most 1.5x Docker Compose.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import COMPOSEDOC, alternate, docker_compose_binary, generate_stack, require_shared


def main() -> int:
    """Print one row per size: medians in ms and ratios to Docker Compose."""
    require_shared()
    compose = docker_compose_binary()
    failed = False
    with tempfile.TemporaryDirectory(prefix="composedoc-bench-") as tmp:
        print("services  compose_ms  config_ms  graph_ms  config/compose  graph/compose")
        for size in (10, 200, 1000):
            stack = generate_stack(size, Path(tmp))
            medians = alternate(
                {
                    "compose": [compose, "-f", str(stack), "config"],
                    "config": [COMPOSEDOC, "config", "-f", str(stack)],
                    "graph": [COMPOSEDOC, "graph", "-f", str(stack)],
                },
                stack.parent,
                repeat=7 if size < 1000 else 5,
            )
            ratio_config = medians["config"] / medians["compose"]
            ratio_graph = medians["graph"] / medians["compose"]
            print(
                f"{size:8d}  {medians['compose'] * 1000:10.0f}  {medians['config'] * 1000:9.0f}"
                f"  {medians['graph'] * 1000:8.0f}  {ratio_config:14.2f}  {ratio_graph:13.2f}"
            )
            if size == 1000 and ratio_config > 1.5:
                failed = True
    if failed:
        print("FAIL: composedoc config is over 1.5x Docker Compose at 1000 services")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
