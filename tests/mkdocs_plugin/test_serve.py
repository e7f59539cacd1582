"""``mkdocs serve`` without a server: the plugin hooks called in the order serve calls them
(startup, first build, on_serve, then a fresh config and a build per change)."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

Make = Callable[..., Path]

CONFIG = """\
site_name: t
theme: {name: material}
plugins:
  - composedoc:
      diagram: mermaid
      stacks:
        - {name: todo, files: stacks/todo/compose.yaml}
        - {name: voting, files: stacks/voting/compose.yaml}
"""
FENCE = "```composedoc\nfiles: ../{path}\n```\n"


class Server:
    """What the plugin uses of ``LiveReloadServer``: ``watch``."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str, recursive: bool = True) -> None:
        self.watched.append(path if recursive else path + "/")


def summary(caplog: pytest.LogCaptureFixture) -> str:
    lines = [r.getMessage() for r in caplog.records if "fence(s)" in r.getMessage()]
    caplog.clear()
    return lines[-1].removeprefix("mkdocs_composedoc: ")


def test_serve_counts_apart_hits_a_reverted_edit_and_watches_a_new_fence(
    project: Make, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    pages = {"index.md": "# Home\n\n" + FENCE.format(path="stacks/todo/compose.yaml")}
    folder = project(CONFIG, pages)

    def get_config() -> MkDocsConfig:  # what serve does before every build
        return load_config(str(folder / "mkdocs.yml"))

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    assert summary(caplog) == (
        "2 stack(s): 2 rendered, 0 from the cache; 1 fence(s): 1 rendered, 0 from the cache"
    )
    server = Server()
    config.plugins.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    compose = folder / "stacks/voting/compose.yaml"
    assert str(compose) in server.watched

    original = compose.read_text("utf-8")
    compose.write_text(original.replace("8080:80", "8090:80"), "utf-8")
    build(get_config())
    assert summary(caplog) == (
        "2 stack(s): 1 rendered, 1 from the cache; 1 fence(s): 0 rendered, 1 from the cache"
    )
    compose.write_text(original, "utf-8")  # the edit reverted
    build(get_config())
    assert summary(caplog) == (
        "2 stack(s): 0 rendered, 2 from the cache; 1 fence(s): 0 rendered, 1 from the cache"
    )

    # A page with a fence on a stack nobody rendered yet, added while serve runs.
    shutil.copytree(folder / "stacks/voting", folder / "more/voting")
    new = folder / "more/voting/compose.yaml"
    (folder / "docs/new.md").write_text(FENCE.format(path="more/voting/compose.yaml"), "utf-8")
    assert str(new) not in server.watched
    build(get_config())
    assert summary(caplog) == (
        "2 stack(s): 0 rendered, 2 from the cache; 2 fence(s): 1 rendered, 1 from the cache"
    )
    assert str(new) in server.watched, "the new fence's compose file is watched at once"
    assert str(folder / "more/voting") + "/" in server.watched, "its .env, once it appears"
    assert server.watched.count(str(compose)) == 1, "no path is watched twice"
    config.plugins.on_shutdown()  # the instance is kept across builds: forget the server
