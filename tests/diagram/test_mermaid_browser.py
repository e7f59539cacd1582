"""Every Mermaid text composedoc writes is parsed and rendered by the real mermaid.js."""

from __future__ import annotations

from pathlib import Path

import pytest

from composedoc.diagram.outputs import render_outputs
from composedoc.errors import ComposedocError
from diagram.mermaid_check import available, mermaid_errors
from diagram.test_golden import CASES, outputs
from diagram.test_scene import many_groups, stack

pytestmark = pytest.mark.browser
REASON = available()


def corpus_texts(shared: Path) -> tuple[dict[str, str], list[str]]:
    """Mermaid of every corpus file composedoc loads (load failures are the loader's)."""
    from composedoc.compose.project import load_project
    from composedoc.compose.types import LoadOptions
    from composedoc.graph.build import build_graph
    from composedoc.model.bind import bind_project

    texts: dict[str, str] = {}
    failed: list[str] = []
    corpus = shared / "corpus"
    for line in (corpus / "MANIFEST.tsv").read_text().splitlines()[1:]:
        rel = line.split("\t")[0]
        path = corpus / rel
        opts = LoadOptions(files=(path.name,), working_dir=str(path.parent), environ={})
        try:
            graph = build_graph(bind_project(load_project(opts)))
        except ComposedocError:
            failed.append(rel)
            continue
        for name, data in render_outputs(graph, ["mermaid"], "c").items():
            texts[f"{rel}::{name}"] = data.decode("utf-8")
    return texts, failed


@pytest.mark.skipif(REASON is not None, reason=REASON or "")
def test_goldens_and_a_split_stack_render_in_mermaid_js() -> None:
    texts = {}
    for case in CASES:
        for name, data in outputs(case).items():
            if name.endswith(".mmd"):
                texts[name] = data.decode()
    for name, data in render_outputs(stack(), ["mermaid"], "split", split=True).items():
        texts[name] = data.decode()
    for name, data in render_outputs(many_groups(), ["mermaid"], "big").items():
        texts[name] = data.decode()
    assert len(texts) >= 50
    assert mermaid_errors(texts) == {}


@pytest.mark.skipif(REASON is not None, reason=REASON or "")
def test_every_corpus_stack_renders_in_mermaid_js(shared_dir: Path) -> None:
    texts, failed = corpus_texts(shared_dir)
    assert len(texts) >= 80, f"too few corpus stacks loaded ({len(failed)} failed)"
    assert mermaid_errors(texts) == {}


@pytest.mark.skipif(REASON is not None, reason=REASON or "")
def test_checker_reports_broken_text() -> None:
    errors = mermaid_errors({"bad": 'flowchart LR\n  a["x"] --> b("y\n'})
    assert "bad" in errors
