"""Markdown reference pages: goldens made by the real pipeline, anchors, escaping, templates.

Goldens live in tests/golden/markdown/<stack>.md; ``COMPOSEDOC_UPDATE_GOLDENS=1`` rewrites
them. Read them: they are the examples people see on GitHub and in Material for MkDocs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from composedoc.compose.types import LoadedProject, LoadOptions
from composedoc.docs.markdown import MarkdownOptions, render_markdown
from composedoc.docs.masked_view import masked_view, view_of_project
from composedoc.errors import UsageError
from composedoc.mask.policy import MaskPolicy
from composedoc.model.bind import bind_project

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "markdown"
HOME = "/home/tester"

# name -> (stack folder, diagram mode, profiles, show values)
CASES: dict[str, tuple[Path, str, tuple[str, ...], bool]] = {
    "todo": (ROOT / "site_examples/stacks/todo", "mermaid", (), False),
    "voting": (ROOT / "site_examples/stacks/voting", "svg", (), False),
    "shop": (ROOT / "site_examples/stacks/shop", "none", (), False),
    "secrets": (ROOT / "tests/stacks/secrets", "none", (), False),
    "ports": (ROOT / "tests/stacks/ports", "none", (), False),
    "legacy": (ROOT / "tests/stacks/legacy", "none", (), False),
    "md-multistage": (ROOT / "tests/stacks/md-multistage", "mermaid", ("jobs",), False),
    "md-env": (ROOT / "tests/stacks/md-env", "none", ("tools",), False),
    "md-env.show-values": (ROOT / "tests/stacks/md-env", "none", (), True),
    "md-escape": (ROOT / "tests/stacks/md-escape", "none", (), False),
    "md-operator": (ROOT / "tests/stacks/md-operator", "none", (), False),
    "md-shared": (ROOT / "tests/stacks/md-shared", "none", (), False),
}


def load(folder: Path, profiles: tuple[str, ...] = ()) -> tuple[LoadedProject, LoadOptions]:
    project_module = pytest.importorskip("composedoc.compose.project")
    options = LoadOptions(
        working_dir=str(folder), profiles=profiles, environ={"HOME": HOME, "PATH": "/usr/bin"}
    )
    loaded: LoadedProject = project_module.load_project(options)
    return loaded, options


def page(
    folder: Path,
    diagram: str = "none",
    profiles: tuple[str, ...] = (),
    show_values: bool = False,
    **extra: object,
) -> str:
    loaded, options = load(folder, profiles)
    view = masked_view(loaded, MaskPolicy(show_values=show_values), options)
    md_options = MarkdownOptions(
        diagram=diagram,
        svg_name=f"{view.project.name}.svg",
        **extra,  # type: ignore[arg-type]
    )
    return render_markdown(view, options=md_options)


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_markdown(case: str) -> None:
    folder, diagram, profiles, show = CASES[case]
    text = page(folder, diagram, profiles, show)
    golden = GOLDEN / f"{case}.md"
    if os.environ.get("COMPOSEDOC_UPDATE_GOLDENS") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert str(ROOT) not in text
    assert HOME not in text


def test_page_is_deterministic() -> None:
    folder = CASES["md-multistage"][0]
    assert page(folder, "mermaid") == page(folder, "mermaid")


def test_todo_page_shows_what_the_seed_app_needs() -> None:
    text = (GOLDEN / "todo.md").read_text(encoding="utf-8")
    assert '<a id="service-app"></a>' in text and '<a id="service-mysql"></a>' in text
    assert "`127.0.0.1:3000 → 3000/tcp`" in text
    assert "- **Mounts:** `./app` at `/app` (bind mount)" in text
    assert "[`todo-mysql-data`](#volume-todo-mysql-data) at `/var/lib/mysql` (named volume)" in text
    assert "`${MYSQL_PASSWORD:-•••}`" in text
    assert "planted-dotenv-password" not in text
    assert "[mysql](#service-mysql) (healthy)" in text
    assert "```mermaid\nflowchart" in text
    assert "- **Defined in:** `compose.yaml:4`" in text


def test_multistage_build_lists_stages_and_the_shipped_one() -> None:
    text = (GOLDEN / "md-multistage.md").read_text(encoding="utf-8")
    assert "multi-stage build, 4 stages, ships stage `release`" in text
    assert "| `release` | `gcr.io/distroless/static-debian12` | `8080`, `9090/tcp` |" in text
    assert "| `test` | `build` |" in text
    assert "`golang:${GO_VERSION}-alpine` (`$BUILDPLATFORM`)" in text


def test_every_link_points_at_an_anchor_on_the_page() -> None:
    for case in CASES:
        text = (GOLDEN / f"{case}.md").read_text(encoding="utf-8")
        anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
        links = set(re.findall(r"\]\(#([^)]+)\)", text))
        assert links <= anchors, (case, links - anchors)
        assert len(re.findall(r'<a id="', text)) == len(anchors), case


def test_anchors_are_stable_and_unique_for_clashing_names() -> None:
    text = (GOLDEN / "md-escape.md").read_text(encoding="utf-8")
    assert "[web-1](#service-web-1)" in text
    assert "[web_1](#service-web-1-2)" in text


def test_user_strings_cannot_break_the_page() -> None:
    text = (GOLDEN / "md-escape.md").read_text(encoding="utf-8")
    outside_code = re.sub(r"`[^`\n]*`|<code>.*?</code>", "", text)
    assert "<script" not in outside_code
    assert "<img" not in outside_code
    assert "[not a link](" not in text
    assert "*not bold*" not in text
    assert "| <code>a&#124;b</code> |" in text


def test_tables_have_as_many_cells_as_their_header() -> None:
    for case in CASES:
        text = (GOLDEN / f"{case}.md").read_text(encoding="utf-8")
        width = None
        for line in text.splitlines():
            if not line.startswith("| "):
                width = None
                continue
            cells = len(re.sub(r"`[^`]*`", "``", line).split(" | "))
            if width is None:
                width = cells
            assert cells == width, (case, line)


def test_template_dir_overrides_one_section(tmp_path: Path) -> None:
    (tmp_path / "header.md.j2").write_text("# Stack {{ page.name }} {{ '<b>' }}\n")
    text = page(CASES["todo"][0], template_dir=tmp_path)
    assert text.startswith("# Stack todo &#60;b&#62;\n")
    assert "## Services" in text


def test_template_errors_and_missing_folders_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        page(CASES["todo"][0], template_dir=tmp_path / "nope")
    (tmp_path / "header.md.j2").write_text("{{ page.no_such_field }}\n")
    with pytest.raises(UsageError, match="template error"):
        page(CASES["todo"][0], template_dir=tmp_path)
    with pytest.raises(UsageError, match="diagram"):
        page(CASES["todo"][0], diagram="png")
    (tmp_path / "header.md.j2").write_text("# x\n{% if %}\n")
    with pytest.raises(UsageError) as caught:
        page(CASES["todo"][0], template_dir=tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'header.md.j2'}:2:1: template error: ")


def test_without_facts_every_environment_value_is_masked() -> None:
    loaded, _ = load(CASES["todo"][0])
    project = bind_project(loaded)
    text = render_markdown(view_of_project(project), options=MarkdownOptions(diagram="none"))
    assert "planted-dotenv-password" not in text
    assert "| `MYSQL_HOST` | `•••` |" in text


def test_markdown_renders_in_python_markdown_like_material() -> None:
    markdown = pytest.importorskip("markdown")
    text = (GOLDEN / "md-escape.md").read_text(encoding="utf-8")
    html = markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html", "toc"])
    assert "<script>" not in html and "<img " not in html
    assert 'id="service-web-1-2"' in html
    tables = sum(1 for line in text.splitlines() if line.startswith("| ---"))
    assert html.count("<table>") == tables
