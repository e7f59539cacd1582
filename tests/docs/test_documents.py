"""``render_documents``: every output from one read of the compose files and one masked view."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from composedoc.compose.types import LoadOptions
from composedoc.docs.documents import DocumentOptions, render_documents

ROOT = Path(__file__).resolve().parents[2]
SHOP = ROOT / "site_examples" / "stacks" / "shop"  # compose.yaml includes monitoring/compose.yaml


def _render_counting_parses(
    monkeypatch: pytest.MonkeyPatch, formats: tuple[str, ...], split: bool | None = None
) -> tuple[dict[str, bytes], Counter[str]]:
    project_module = pytest.importorskip("composedoc.compose.project")
    from composedoc.compose import yaml as compose_yaml

    parsed: Counter[str] = Counter()
    real = compose_yaml._run

    def counting(builder: Any, data: bytes | str) -> list[Any]:
        parsed[builder.file] += 1
        return real(builder, data)

    monkeypatch.setattr(compose_yaml, "_run", counting)
    options = LoadOptions(working_dir=str(SHOP), environ={"HOME": "/home/tester"})
    loaded = project_module.load_project(options)
    files = render_documents(loaded, DocumentOptions(formats=formats, split=split), options)
    return files, parsed


def test_each_compose_file_is_parsed_once_for_every_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files, parsed = _render_counting_parses(monkeypatch, ("md", "json", "mermaid", "dot"))
    assert set(files) == {"shop.md", "shop.json", "shop.mmd", "shop.dot"}
    assert parsed == {"compose.yaml": 1, "monitoring/compose.yaml": 1}


def test_the_counter_sees_a_second_parse_so_the_test_can_fail(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from composedoc.compose.yaml import parse_documents

    _, parsed = _render_counting_parses(monkeypatch, ("json",))
    parse_documents((SHOP / "compose.yaml").read_bytes(), "compose.yaml")
    assert parsed["compose.yaml"] == 2


def test_variables_of_included_files_are_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    files, _ = _render_counting_parses(monkeypatch, ("md",))
    page = files["shop.md"].decode("utf-8")
    variables = page.split("## Variables", 1)[1].split("\n## ", 1)[0]
    assert "| `GRAFANA_ADMIN_PASSWORD` |" in variables
    assert "(monitoring/compose.yaml)" in variables


def test_renderers_never_mask_again() -> None:
    """Masking happens once, in composedoc.docs.masked_view; the page and the front ends that draw
    from a view do not import the masking rules (a second masking could disagree)."""
    import ast

    src = ROOT / "src" / "composedoc"
    for module in ("docs/documents", "ci/inject", "docs/markdown", "docs/md_view", "docs/md_stack"):
        tree = ast.parse((src / f"{module}.py").read_text(encoding="utf-8"))
        imported = {
            (node.module or "", alias.name)
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
        masking = {name for mod, name in imported if mod.startswith("composedoc.mask")}
        assert masking <= {"DEFAULT_POLICY", "MaskPolicy"}, module


def test_the_page_embeds_the_mmd_of_the_same_view(monkeypatch: pytest.MonkeyPatch) -> None:
    files, _ = _render_counting_parses(monkeypatch, ("md", "mermaid"))
    chart = files["shop.mmd"].decode("utf-8")
    assert f"```mermaid\n{chart}```" in files["shop.md"].decode("utf-8")


def test_a_page_alone_draws_only_the_chart_it_embeds(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no diagram file asked, only the overview is drawn: the same page either way."""
    from composedoc.diagram.outputs import scenes_for

    alone, _ = _render_counting_parses(monkeypatch, ("md",), split=True)
    both, _ = _render_counting_parses(monkeypatch, ("md", "mermaid"), split=True)
    assert len([n for n in both if n.endswith(".mmd")]) > 1, "shop is drawn split"
    assert alone["shop.md"] == both["shop.md"]
    seen: list[int] = []
    real = scenes_for

    def counting(*args: Any, **kwargs: Any) -> Any:
        scenes = real(*args, **kwargs)
        seen.append(len(scenes))
        return scenes

    monkeypatch.setattr("composedoc.diagram.outputs.scenes_for", counting)
    _render_counting_parses(monkeypatch, ("md",), split=True)
    assert seen == [1]
