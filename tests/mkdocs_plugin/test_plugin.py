"""Real MkDocs builds in temporary folders: config, nav, virtual pages, cache, errors, warnings."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from mkdocs_composedoc import pagecache
from mkdocs_composedoc.cache import STATS, clear_memory

from .conftest import run_mkdocs

Make = Callable[..., Path]

BASE = """\
site_name: t
theme: {{name: material}}
plugins:
  - composedoc:
      diagram: {diagram}
      stacks:
        - name: todo
          title: Todo app
          files: stacks/todo/compose.yaml
        - name: voting
          files: [stacks/voting/compose.yaml]
"""


def mk_build(folder: Path, strict: bool = True) -> Path:
    """``mkdocs build`` in this process (fast; the cache counters stay visible)."""
    config = load_config(str(folder / "mkdocs.yml"), strict=strict)
    build(config)
    return folder / "site"


def files_of(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_stack_pages_are_virtual_and_in_the_nav(project: Make) -> None:
    folder = project(BASE.format(diagram="svg") + "nav:\n  - Home: index.md\n")
    before = files_of(folder / "docs")
    site = mk_build(folder)
    assert files_of(folder / "docs") == before, "nothing is written into docs_dir"
    todo = (site / "stacks/todo/index.html").read_text("utf-8")
    assert "<h1" in todo and "Todo app" in todo
    assert 'id="service-app"' in todo and 'id="service-mysql"' in todo
    assert 'data="../../assets/composedoc/todo.light.svg"' in todo
    home = (site / "index.html").read_text("utf-8")
    nav = home[home.index("md-nav--primary") :]
    assert "Stacks" in nav and "Todo app" in nav and "voting" in nav
    svg = (site / "assets/composedoc/todo.light.svg").read_text("utf-8")
    assert 'xlink:href="../../stacks/todo/#service-mysql" target="_top"' in svg
    assert str(folder) not in svg and "#composedoc-node-" not in svg
    assert (site / "assets/composedoc/todo.dark.svg").is_file()
    assert (site / "assets/composedoc/composedoc.css").is_file()
    script = (site / "assets/composedoc/composedoc.js").read_text("utf-8")
    assert "viewBox" in script and "http" not in script, "no CDN, nothing fetched"
    assert 'src="../../assets/composedoc/composedoc.js"' in todo
    assert "mermaid.min.js" not in todo


def test_mermaid_js_is_served_by_the_site(project: Make) -> None:
    config = BASE.format(diagram="mermaid") + "      mermaid_js: vendor/mermaid.min.js\n"
    folder = project(config)
    (folder / "vendor").mkdir()
    script = "window.mermaid = {};\n"
    (folder / "vendor/mermaid.min.js").write_text(script, "utf-8")
    site = mk_build(folder)
    assert (site / "assets/composedoc/mermaid.min.js").read_text("utf-8") == script
    page = (site / "stacks/todo/index.html").read_text("utf-8")
    assert 'src="../../assets/composedoc/mermaid.min.js"' in page
    (folder / "vendor/mermaid.min.js").unlink()
    built = run_mkdocs(folder)
    assert built.returncode == 1
    assert "mermaid_js 'vendor/mermaid.min.js' is not a file" in built.output
    assert "Traceback" not in built.output


def test_auto_nav_and_nav_section_name(project: Make) -> None:
    config = BASE.format(diagram="mermaid").replace(
        "diagram:", "nav_section: Compose\n      diagram:"
    )
    folder = project(config + "nav:\n  - Home: index.md\n  - Compose: []\n")
    site = mk_build(folder)
    home = (site / "index.html").read_text("utf-8")
    assert "Compose" in home and "Todo app" in home
    page = (site / "stacks/voting/index.html").read_text("utf-8")
    assert '<pre class="mermaid"><code>flowchart LR' in page


def test_fence_paths_are_relative_to_the_page(project: Make) -> None:
    page = """\
    # Guide

    ```composedoc
    files: ../../../stacks/todo/compose.yaml
    ```

    ```composedoc
    files: ../../../stacks/voting/compose.yaml
    show: service:vote
    ```

    ```composedoc
    files: ../../../stacks/voting/compose.yaml
    show: networks
    diagram: mermaid
    ```

    ````markdown
    ```composedoc
    files: nowhere.yaml
    ```
    ````
    """
    folder = project(
        "site_name: t\ntheme: {name: material}\nplugins: [composedoc]\n",
        {"index.md": "# Home\n", "guide/deep/page.md": page},
    )
    site = mk_build(folder)
    html = (site / "guide/deep/page/index.html").read_text("utf-8")
    assert html.count('<div class="composedoc-light"><svg') == 1, "the todo diagram, inline"
    assert html.count('<div class="composedoc-dark"><svg') == 1
    assert 'id="service-vote"' in html and "front-tier" in html
    assert "files: nowhere.yaml" in html, "a fence inside another fence stays code"


def test_second_build_hits_the_cache_and_an_edit_renders_one_stack(project: Make) -> None:
    folder = project(BASE.format(diagram="svg"))
    mk_build(folder)
    assert STATS == {"stack_misses": 2}
    clear_memory()  # a new process: only the disk cache is left
    pagecache.clear_memory()
    mk_build(folder)
    assert STATS == {"stack_hits": 2}
    assert len(list((folder / ".cache/composedoc").glob("*.json"))) == 2
    compose = folder / "stacks/voting/compose.yaml"
    before = compose.read_text("utf-8")
    compose.write_text(before.replace("8080:80", "8090:80"), "utf-8")
    clear_memory()
    pagecache.clear_memory()
    site = mk_build(folder)
    assert STATS == {"stack_hits": 1, "stack_misses": 1}
    assert "8090" in (site / "stacks/voting/index.html").read_text("utf-8")
    compose.write_text(before, "utf-8")  # the edit reverted: its first render is still there
    clear_memory()
    site = mk_build(folder)
    assert STATS == {"stack_hits": 2}
    assert "8090" not in (site / "stacks/voting/index.html").read_text("utf-8")


def test_cache_follows_env_files_and_dockerfiles(project: Make) -> None:
    folder = project(BASE.format(diagram="mermaid"))
    mk_build(folder)
    (folder / "stacks/todo/.env").write_text("MYSQL_PASSWORD=other\n", "utf-8")
    mk_build(folder)
    assert STATS == {"stack_hits": 1, "stack_misses": 3}


def test_cache_can_be_turned_off(project: Make) -> None:
    config = BASE.format(diagram="mermaid").replace("diagram:", "cache: false\n      diagram:")
    folder = project(config)
    mk_build(folder)
    assert not (folder / ".cache").exists()


def test_disabled_plugin_adds_nothing(project: Make) -> None:
    config = BASE.format(diagram="mermaid").replace("diagram:", "enabled: false\n      diagram:")
    site = mk_build(project(config))
    assert not (site / "stacks").exists()


@pytest.mark.parametrize(
    ("stacks", "message"),
    [
        ("[{files: a.yaml}]", "Required configuration not provided"),
        ("[{name: My Stack, files: a.yaml}]", "must be lower-case letters"),
        ("[{name: a, files: x.yaml}, {name: a, files: y.yaml}]", "duplicate stack 'a'"),
        ("[{name: a}]", "give 'files' or 'project_directory'"),
        ("[{name: a, files: x.yaml, colour: red}]", "unknown key 'colour' (valid: "),
        ("[{name: a, file: x.yaml}]", "unknown key 'file' (did you mean 'files'?)"),
    ],
)
def test_config_errors_name_the_option(
    project: Make, caplog: pytest.LogCaptureFixture, stacks: str, message: str
) -> None:
    folder = project(f"site_name: t\nplugins:\n  - composedoc:\n      stacks: {stacks}\n")
    with caplog.at_level(logging.WARNING), pytest.raises((ConfigurationError, Abort)):
        mk_build(folder)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "composedoc" in text and "stacks" in text and message in text


def test_unknown_plugin_option_names_the_closest(
    project: Make, caplog: pytest.LogCaptureFixture
) -> None:
    folder = project("site_name: t\nplugins:\n  - composedoc:\n      directon: TB\n")
    with caplog.at_level(logging.WARNING), pytest.raises((ConfigurationError, Abort)):
        mk_build(folder)
    assert "unknown key 'directon' (did you mean 'direction'?)" in caplog.text


def test_bad_diagram_mode(project: Make, caplog: pytest.LogCaptureFixture) -> None:
    folder = project(BASE.format(diagram="png"))
    with caplog.at_level(logging.ERROR), pytest.raises((ConfigurationError, Abort)):
        mk_build(folder)
    assert "diagram" in caplog.text and "png" in caplog.text


def test_cache_dir_inside_docs_dir_is_refused(
    project: Make, caplog: pytest.LogCaptureFixture
) -> None:
    config = BASE.format(diagram="mermaid").replace("diagram:", "cache_dir: docs/c\n      diagram:")
    assert "is inside docs_dir" in build_error(project(config), caplog)


def build_error(folder: Path, caplog: pytest.LogCaptureFixture) -> str:
    """The one-line error MkDocs prints for a failed build (no traceback)."""
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        mk_build(folder)
    return caplog.records[-1].getMessage()


def test_compose_error_names_file_and_line(project: Make, caplog: pytest.LogCaptureFixture) -> None:
    folder = project(BASE.format(diagram="mermaid"))
    (folder / "stacks/todo/compose.yaml").write_text("services:\n  web:\n    ports: 80\n")
    message = build_error(folder, caplog)
    assert message.startswith("composedoc: stack 'todo': stacks/todo/compose.yaml:3:")


def test_fence_errors_name_page_and_line(project: Make, caplog: pytest.LogCaptureFixture) -> None:
    pages = {"index.md": "# Home\n\ntext\n\n```composedoc\nfile: x.yaml\n```\n"}
    folder = project("site_name: t\nplugins: [composedoc]\n", pages)
    assert build_error(folder, caplog).startswith(
        "docs/index.md:5: unknown key 'file' (did you mean 'files'?)"
    )
    pages = {"index.md": "# Home\n\n```composedoc\nfiles: missing.yaml\n```\n"}
    folder = project("site_name: t\nplugins: [composedoc]\n", pages)
    message = build_error(folder, caplog)
    assert message.startswith("docs/index.md:3: composedoc: ") and "missing.yaml" in message


def test_warnings_fail_strict_builds_and_show_in_the_page(project: Make) -> None:
    folder = project(BASE.format(diagram="mermaid"))
    compose = folder / "stacks/todo/compose.yaml"
    compose.write_text('version: "3.8"\n' + compose.read_text("utf-8"), "utf-8")
    failed = run_mkdocs(folder, "--strict")
    assert failed.returncode != 0
    assert "WARNING" in failed.output and "obsolete" in failed.output
    passed = run_mkdocs(folder)
    assert passed.returncode == 0, passed.output
    page = passed.page("stacks/todo/index.html")
    assert 'class="admonition warning"' in page and "obsolete" in page
    again = run_mkdocs(folder, "--strict")
    assert again.returncode != 0, "a warm cache replays the warning"


def test_the_example_site_builds_strict(example_site: object) -> None:
    site = example_site.site  # type: ignore[attr-defined]
    for name in ("todo", "voting", "shop"):
        assert (site / f"stacks/{name}/index.html").is_file()
    shutil.rmtree(site.parent / ".cache", ignore_errors=True)


def test_service_pages(project: Make) -> None:
    config = BASE.format(diagram="svg").replace("diagram:", "service_pages: true\n      diagram:")
    site = mk_build(project(config))
    vote = (site / "stacks/voting/vote/index.html").read_text("utf-8")
    assert "<h1" in vote and ">vote<" in vote
    assert 'href="../redis/"' in vote, "a dependency links to its own page"
    assert 'href="../#network-back-tier"' in vote, "networks stay on the stack page"
    svg = (site / "assets/composedoc/voting.light.svg").read_text("utf-8")
    assert 'xlink:href="../../stacks/voting/vote/" target="_top"' in svg
    home = (site / "index.html").read_text("utf-8")
    assert "stacks/voting/worker/" in home, "service pages are in the nav"


def test_serve_watches_every_input(project: Make) -> None:
    from mkdocs_composedoc.plugin import ComposedocPlugin

    folder = project(BASE.format(diagram="mermaid"))
    config = load_config(str(folder / "mkdocs.yml"))
    build(config)
    watched: list[str] = []

    class Server:
        def watch(self, path: str, recursive: bool = True) -> None:
            watched.append(path if recursive else path + "/")

    plugin = config.plugins["composedoc"]
    assert isinstance(plugin, ComposedocPlugin)
    plugin.on_serve(Server(), config=config, builder=None)  # type: ignore[arg-type]
    stacks = folder / "stacks"
    for path in ("todo/compose.yaml", "todo/.env", "todo/app/Dockerfile", "voting/compose.yaml"):
        assert str(stacks / path) in watched
    assert str(stacks / "voting") + "/" in watched, "voting has no .env yet: its folder is watched"
    assert not any(str(folder / "docs") in path for path in watched)
    assert not any(".cache" in path for path in watched), "the cache never triggers a rebuild"


def test_warm_build_is_byte_identical_to_a_cold_one(project: Make) -> None:
    folder = project(BASE.format(diagram="svg") + "markdown_extensions: [toc, tables, attr_list]\n")
    cold = mk_build(folder)
    shutil.move(str(cold), str(folder / "cold"))
    assert len(list((folder / ".cache/composedoc/pages").glob("*.json"))) == 2
    clear_memory()
    pagecache.clear_memory()
    warm = mk_build(folder)
    assert STATS == {"stack_hits": 2}
    for path in sorted((folder / "cold").rglob("*")):
        if path.is_file() and path.suffix != ".gz":
            twin = warm / path.relative_to(folder / "cold")
            assert twin.read_bytes() == path.read_bytes(), path


def test_fence_sections_link_to_the_stack_page(project: Make) -> None:
    page = "# P\n\n```composedoc\nfiles: ../stacks/voting/compose.yaml\nshow: service:vote\n```\n"
    folder = project(BASE.format(diagram="mermaid"), {"index.md": "# Home\n", "p.md": page})
    site = mk_build(folder)
    html = (site / "p/index.html").read_text("utf-8")
    assert 'href="../stacks/voting/#service-redis"' in html
    assert 'href="../stacks/voting/#network-back-tier"' in html


def test_strict_paths_refuses_a_stack_that_reads_outside_its_folder(
    project: Make, caplog: pytest.LogCaptureFixture
) -> None:
    config = BASE.format(diagram="mermaid").replace(
        "      diagram: mermaid\n", "      diagram: mermaid\n      strict_paths: true\n"
    )
    folder = project(config)
    mk_build(folder)  # the example stacks only use their own files
    outside = folder / "outside.env"
    outside.write_text("TOKEN=from-outside\n", encoding="utf-8")
    compose = folder / "stacks/todo/compose.yaml"
    text = compose.read_text(encoding="utf-8")
    compose.write_text(
        text.replace(
            "    working_dir: /app\n", "    working_dir: /app\n    env_file: ../../outside.env\n"
        ),
        encoding="utf-8",
    )
    message = build_error(folder, caplog)
    assert message.startswith("composedoc: stack 'todo': stacks/todo/compose.yaml:")
    assert "outside the project (--strict-paths)" in message


def test_mask_level_of_the_plugin_config(project: Make, caplog: pytest.LogCaptureFixture) -> None:
    """``mask:`` in mkdocs.yml reaches the stack pages (``.env`` of todo plants a password)."""
    planted = "planted-dotenv-password"
    for level, shown in (("all", False), ("sensitive", False), ("none", True)):
        config = BASE.format(diagram="mermaid").replace(
            "      diagram:", f"      mask: {level}\n      cache: false\n      diagram:"
        )
        site = mk_build(project(config))
        todo = (site / "stacks/todo/index.html").read_text("utf-8")
        assert (planted in todo) is shown, level
    with caplog.at_level(logging.ERROR), pytest.raises((ConfigurationError, Abort)):
        mk_build(
            project(
                BASE.format(diagram="mermaid").replace(
                    "      diagram:", "      mask: some\n      diagram:"
                )
            )
        )
    assert "mask" in caplog.text
