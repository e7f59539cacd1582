"""Links composedoc writes in fences and stack pages: where they go, and that they resolve."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .conftest import run_mkdocs

Make = Callable[..., Path]

PLUGIN = """\
site_name: t
theme: {name: material}
plugins:
  - composedoc:
      diagram: svg
      stacks:
        - {name: todo, files: stacks/todo/compose.yaml}
"""
ALONE = """\
site_name: t
theme: {name: material}
markdown_extensions:
  - tables
  - composedoc:
      base_dir: docs
"""


def fence(files: str, show: str = "diagram") -> str:
    return f"```composedoc\nfiles: {files}\nshow: {show}\n```\n\n"


def node_links(html: str) -> list[str]:
    return sorted(set(re.findall(r'xlink:href="([^"#]*#service-[^"]*)"', html)))


def test_plugin_fence_nodes_go_to_this_page_first_then_to_the_stack_page(project: Make) -> None:
    todo, voting = "../stacks/todo/compose.yaml", "../stacks/voting/compose.yaml"
    pages = {
        "index.md": "# Home\n",
        "same.md": "# Same\n\n" + fence(todo) + fence(todo, "service:app"),
        "other.md": "# Other\n\n" + fence(todo),
        "unknown.md": "# Unknown\n\n" + fence(voting) + fence(voting, "services"),
    }
    build = run_mkdocs(project(PLUGIN, pages), "--strict")
    assert build.returncode == 0, build.output
    same = build.page("same/index.html")
    assert node_links(same) == ["#service-app", "../stacks/todo/#service-mysql"]
    assert node_links(build.page("other/index.html")) == [
        "../stacks/todo/#service-app",
        "../stacks/todo/#service-mysql",
    ]
    unknown = build.page("unknown/index.html")
    assert node_links(unknown) == [], "voting has no stack page and no section here"
    assert "composedoc-unlinked" in unknown and 'href="#service-' not in unknown
    assert "1 stack(s): 1 rendered, 0 from the cache" in build.output
    assert "5 fence(s): 2 rendered, 3 from the cache" in build.output, "one render per stack"


def test_extension_alone_links_only_within_the_page(project: Make) -> None:
    pages = {
        "index.md": "# Home\n\n" + fence("../stacks/voting/compose.yaml", "services"),
        "ref.md": "# Ref\n\n"
        + fence("../stacks/voting/compose.yaml")
        + fence("../stacks/voting/compose.yaml", "reference"),
    }
    build = run_mkdocs(project(ALONE, pages), "--strict")
    assert build.returncode == 0, build.output
    home = build.page("index.html")
    assert "#service-" not in home and "#network-" not in home and "<td>vote</td>" in home
    ref = build.page("ref/index.html")
    assert len(node_links(ref)) == 5
    hrefs = set(re.findall(r'href="#([^"]+)"', ref))
    ids = set(re.findall(r'\sid="([^"]+)"', ref))
    assert {"service-vote", "network-back-tier", "volume-db-data"} <= hrefs <= ids
    assert "is not found among documentation files" not in build.output


def test_a_fence_pointing_at_a_missing_service_fails_strict(project: Make) -> None:
    pages = {"index.md": "# Home\n\n" + fence("../stacks/todo/compose.yaml", "service:nope")}
    folder = project(PLUGIN, pages)
    failed = run_mkdocs(folder, "--strict")
    assert failed.returncode != 0
    assert "WARNING" in failed.output and "docs/index.md:3: show: 'service:nope'" in failed.output
    passed = run_mkdocs(folder)
    assert passed.returncode == 0, passed.output
    assert "nothing to show" in passed.page("index.html")


def test_a_written_link_that_does_not_resolve_fails_strict(project: Make) -> None:
    """A hook drops the stack page's mysql anchor: the fence's node link would dangle."""
    config = PLUGIN + "hooks: [strip.py]\n"
    pages = {"index.md": "# Home\n\n" + fence("../stacks/todo/compose.yaml")}
    folder = project(config, pages)
    (folder / "strip.py").write_text(
        "def on_page_content(html, page, config, files):\n"
        "    return html.replace('id=\"service-mysql\"', '')\n",
        "utf-8",
    )
    failed = run_mkdocs(folder, "--strict")
    assert failed.returncode != 0
    expected = "index.md: composedoc links to stacks/todo.md#service-mysql, which is not there"
    assert expected in failed.output
    assert "stacks/todo.md: composedoc links to stacks/todo.md#service-mysql" in failed.output
    assert "#service-app" not in failed.output


def test_the_fences_only_example_site_builds_strict_and_every_link_lands(
    fences_site: object,
) -> None:
    """site_examples/zensical: each stack page's node and section links stay on the page."""
    site = fences_site.site  # type: ignore[attr-defined]
    for name, services in (("todo", 2), ("voting", 5), ("shop", 21)):
        html = (site / f"{name}/index.html").read_text("utf-8")
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        hrefs = set(re.findall(r'(?:xlink:)?href="#([^"]+)"', html))
        assert hrefs <= ids, (name, sorted(hrefs - ids))
        nodes = {h for h in re.findall(r'xlink:href="#(service-[^"]+)"', html)}
        assert len(nodes) == services, name
        assert "composedoc-unlinked" not in html
