"""Planted secrets never reach a document, whatever the output format.

tests/stacks/md-env plants ``canary-...`` values in ``.env``, an ``env_file``, a secret
file, a config file, inline config content, sensitive keys, URL credentials, a command
flag, a label, a healthcheck, a description and a build context URL. Every renderer gets
the project through :func:`composedoc.mask.project.mask_project`, the way the CLI must call them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from composedoc.compose.types import LoadedProject, LoadOptions
from composedoc.docs.markdown import MarkdownOptions, render_markdown
from composedoc.docs.masked_view import masked_view
from composedoc.graph.build import build_graph, graph_to_json
from composedoc.mask.policy import MaskPolicy
from composedoc.mask.project import mask_project
from composedoc.model.bind import bind_project

STACK = Path(__file__).resolve().parent / "stacks" / "md-env"
CANARY = re.compile(r"canary-[a-z]+-[a-z-]*\d+|Zq8xN3vLkP2mR7tYcA9wE4jH6sD1cnry")
PLANTED = 17
PROFILES = [(), ("tools",)]


def _load(profiles: tuple[str, ...]) -> tuple[LoadedProject, LoadOptions]:
    project_module = pytest.importorskip("composedoc.compose.project")
    options = LoadOptions(
        working_dir=str(STACK), profiles=profiles, environ={"HOME": "/home/tester"}
    )
    loaded: LoadedProject = project_module.load_project(options)
    return loaded, options


def _leaks(text: str) -> list[str]:
    return sorted(set(CANARY.findall(text)))


def test_the_stack_really_plants_the_canaries() -> None:
    planted = "".join(p.read_text(encoding="utf-8") for p in STACK.rglob("*") if p.is_file())
    numbers = {int(m.rsplit("-", 1)[1]) for m in CANARY.findall(planted) if m[-1].isdigit()}
    assert numbers == set(range(1, PLANTED + 1))


@pytest.mark.parametrize("profiles", PROFILES)
@pytest.mark.parametrize("diagram", ["mermaid", "svg", "none"])
def test_markdown_never_shows_a_planted_value(profiles: tuple[str, ...], diagram: str) -> None:
    loaded, options = _load(profiles)
    text = render_markdown(
        masked_view(loaded, MaskPolicy(), options),
        options=MarkdownOptions(diagram=diagram, svg_name="x.svg"),
    )
    assert _leaks(text) == []
    assert "${DB_PASSWORD:-•••}" in text


def test_show_values_turns_masking_off() -> None:
    loaded, options = _load(("tools",))
    view = masked_view(loaded, MaskPolicy(show_values=True), options)
    text = render_markdown(view, options=MarkdownOptions())
    shown = _leaks(text)
    assert "canary-dotenv-bare-3" in shown and "canary-envfile-secret-6" in shown
    # Content of secret and config files is never read, shown or not.
    assert "canary-secretfile-7" not in shown and "canary-configfile-8" not in shown


@pytest.mark.parametrize("profiles", PROFILES)
def test_graph_json_dot_and_mermaid_never_show_a_planted_value(
    profiles: tuple[str, ...],
) -> None:
    from composedoc.diagram.outputs import render_outputs

    loaded, _ = _load(profiles)
    graph = build_graph(mask_project(bind_project(loaded)))
    assert _leaks(graph_to_json(graph)) == []
    formats = ["dot", "mermaid"] + (["svg"] if shutil.which("dot") else [])
    outputs = render_outputs(graph, formats, "canary")
    assert outputs
    for name, data in outputs.items():
        assert _leaks(data.decode("utf-8")) == [], name


def test_unmasked_graph_would_leak_so_the_test_can_fail() -> None:
    loaded, _ = _load(("tools",))
    text = graph_to_json(build_graph(bind_project(loaded)))
    assert _leaks(text)


def _cli(args: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    pytest.importorskip("composedoc.compose.project")
    from click.testing import CliRunner

    from composedoc.cli.commands import main

    monkeypatch.chdir(STACK)
    monkeypatch.setenv("HOME", "/home/tester")
    for key in ("DB_PASSWORD", "GREETING", "PLAIN_FROM_DOTENV", "API_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_graph_never_shows_a_planted_value(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _leaks(_cli(["graph", "--profile", "tools"], monkeypatch)) == []


def test_cli_render_never_shows_a_planted_value(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    formats = "dot,mermaid,md,json" + (",svg" if shutil.which("dot") else "")
    _cli(["render", "--profile", "tools", "-o", str(tmp_path), "--format", formats], monkeypatch)
    files = sorted(tmp_path.iterdir())
    assert any(f.suffix == ".md" for f in files)
    for path in files:
        assert _leaks(path.read_text(encoding="utf-8")) == [], path.name


# --- the mask levels: all (default), sensitive, none (--show-values) ------------------------

NEVER = {"canary-secretfile-7", "canary-configfile-8", "canary-inline-content-13"}
"""Content of secret and config files is never read or shown, whatever the level."""
EVERY = {
    f"canary-{name}"
    for name in (
        "dotenv-secret-1",
        "dotenv-plain-2",
        "dotenv-bare-3",
        "dotenv-token-4",
        "envfile-plain-5",
        "envfile-secret-6",
        "secretfile-7",
        "configfile-8",
        "literal-secret-9",
        "urlpass-10",
        "label-11",
        "argv-12",
        "inline-content-13",
        "default-14",
        "health-15",
        "desc-16",
        "ctx-17",
    )
} | {"Zq8xN3vLkP2mR7tYcA9wE4jH6sD1cnry"}
SHOWN = {
    "all": set(),
    # Values from .env and env files whose key and value do not look sensitive.
    "sensitive": {"canary-dotenv-plain-2", "canary-dotenv-bare-3", "canary-envfile-plain-5"},
    "none": EVERY - NEVER,
}


@pytest.mark.parametrize("level", sorted(SHOWN))
def test_each_mask_level_in_every_format(
    level: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    formats = "dot,mermaid,md,json" + (",svg" if shutil.which("dot") else "")
    args = ["render", "--profile", "tools", "--mask", level, "-o", str(tmp_path)]
    _cli([*args, "--format", formats], monkeypatch)
    found = {p.name: set(_leaks(p.read_text(encoding="utf-8"))) for p in tmp_path.iterdir()}
    assert len(found) == len(formats.split(","))
    for name, leaked in found.items():
        assert leaked <= SHOWN[level], name
    assert set().union(*found.values()) == SHOWN[level]
    graph = set(_leaks(_cli(["graph", "--profile", "tools", "--mask", level], monkeypatch)))
    assert graph == found["canary.json"]


def test_show_values_is_mask_none(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pages = []
    for flag in (["--show-values"], ["--mask", "none"]):
        out = tmp_path / flag[-1]
        _cli(["render", "--profile", "tools", *flag, "-o", str(out), "--format", "md"], monkeypatch)
        pages.append((out / "canary.md").read_bytes())
    assert pages[0] == pages[1]
    assert SHOWN["sensitive"] <= set(_leaks(pages[0].decode("utf-8")))


def test_show_values_contradicting_mask_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from composedoc.cli import main

    monkeypatch.chdir(STACK)
    result = CliRunner().invoke(main, ["graph", "--show-values", "--mask", "sensitive"])
    assert result.exit_code == 2
    assert "--show-values is --mask none" in result.output


@pytest.mark.parametrize("level", sorted(SHOWN))
def test_each_mask_level_in_the_mkdocs_plugin(level: str) -> None:
    stack = pytest.importorskip("mkdocs_composedoc.stack")
    request = stack.StackRequest(
        name="canary",
        files=(),
        base_dir=str(STACK),
        profiles=("tools",),
        environ=(("HOME", "/home/tester"),),
    )
    result = stack.render_stack(request, stack.ViewRequest(diagram="mermaid", mask=level))
    assert set(_leaks(result.reference)) == SHOWN[level]
    for name, text in result.diagrams.items():
        assert set(_leaks(text)) <= SHOWN[level], name
