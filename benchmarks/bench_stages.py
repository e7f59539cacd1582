"""Where the loader spends its time, stage by stage, against PyYAML's C loader.

The reference is ``yaml.load(text, CSafeLoader)`` on the same file in the same process: the
cheapest way Python can read the YAML at all (and a wrong one: YAML 1.1, no positions).
Each stage prints its median time and its ratio to that reference.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import generate_stack, require_shared

from composedoc.compose.canonical import canonicalize
from composedoc.compose.output import dump_config
from composedoc.compose.project import load_project
from composedoc.compose.schema import validate
from composedoc.compose.types import LoadOptions
from composedoc.compose.yaml import parse_documents
from composedoc.graph.build import build_graph, graph_to_json
from composedoc.model.bind import bind_project


def median_time(func: Callable[[], Any], repeat: int = 7) -> float:
    """Median wall time of ``func`` over ``repeat`` runs after one warm-up."""
    func()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> int:
    """Print one row per stage for a 1000-service generated stack."""
    require_shared()
    with tempfile.TemporaryDirectory(prefix="composedoc-stages-") as tmp:
        stack = generate_stack(1000, Path(tmp))
        text = stack.read_text()
        options = LoadOptions(
            files=(str(stack),), working_dir=str(stack.parent), environ={"HOME": tmp}
        )
        doc = parse_documents(text, "compose.yaml")[0]
        project = load_project(options)
        typed = bind_project(project)
        graph = build_graph(typed)
        stages: dict[str, Callable[[], Any]] = {
            "reference: yaml CSafeLoader": lambda: yaml.load(text, Loader=yaml.CSafeLoader),
            "parse_documents": lambda: parse_documents(text, "compose.yaml"),
            "schema validate": lambda: validate(doc),
            "canonicalize": lambda: canonicalize(doc),
            "load_project (all)": lambda: load_project(options),
            "dump_config yaml": lambda: dump_config(project, fmt="yaml"),
            "bind_project": lambda: bind_project(project),
            "build_graph": lambda: build_graph(typed),
            "graph_to_json": lambda: graph_to_json(graph),
        }
        reference = 0.0
        print(f"{'stage (1000 services)':32s} {'ms':>8s} {'x ref':>7s}")
        for name, func in stages.items():
            seconds = median_time(func)
            reference = reference or seconds
            print(f"{name:32s} {seconds * 1000:8.1f} {seconds / reference:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
