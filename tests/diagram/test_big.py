"""Big stacks fail fast for images and are written once for text (issue 6)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from composedoc.diagram import image as image_module
from composedoc.diagram.outputs import render_outputs, scenes_for
from composedoc.diagram.scene import ViewOptions
from composedoc.errors import LimitError, OutputError
from composedoc.limits import Limits


def flat(count: int) -> Any:
    """``count`` services on no network: one group only."""
    g = nx.MultiDiGraph(name="flat")
    for i in range(count):
        g.add_node(f"service:s{i}", kind="service", image=f"img{i}", profiles=[])
    return g


def test_one_group_is_drawn_once_not_as_overview_plus_group() -> None:
    scenes = scenes_for(flat(40), ViewOptions())
    assert [part for part, _ in scenes] == [""]
    assert sorted(render_outputs(flat(40), ["dot", "mermaid"], "f")) == ["f.dot", "f.mmd"]


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_images_above_the_node_limit_are_refused_before_layout(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_dot(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("dot must not run")

    monkeypatch.setattr(image_module, "run_dot", no_dot)
    with pytest.raises(LimitError, match=r"too many nodes .* 41 nodes.*limit of 40.*--focus"):
        render_outputs(flat(41), [fmt, "dot"], "f", limits=Limits(max_layout_nodes=40))


def test_text_formats_have_no_node_limit() -> None:
    files = render_outputs(flat(41), ["dot", "mermaid"], "f", limits=Limits(max_layout_nodes=4))
    assert sorted(files) == ["f.dot", "f.mmd"]


def test_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPOSEDOC_LIMIT_MAX_LAYOUT_NODES", "3")
    with pytest.raises(LimitError, match="limit of 3"):
        render_outputs(flat(4), ["svg"], "f")


def test_a_slow_layout_stops_with_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    import subprocess

    def slow(*args: object, **kwargs: object) -> object:
        raise subprocess.TimeoutExpired("dot", 60)

    monkeypatch.setattr(subprocess, "run", slow)
    monkeypatch.setattr(shutil, "which", lambda _: "/usr/bin/dot")
    with pytest.raises(OutputError, match=r"longer than 60 s.*--focus") as caught:
        image_module.run_dot("digraph {}", "svg")
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
