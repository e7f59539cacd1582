"""The plugin, the Markdown extension and the fence offer the declared options, spelled and
valued as declared (composedoc.options), and a declared view option reaches the picture."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.config import config_options as c

from composedoc.options import Option, declared
from mkdocs_composedoc.config import ComposedocConfig
from mkdocs_composedoc.extension import ComposedocExtension
from mkdocs_composedoc.fence import _KEYS, STACK_KEYS, parse_fence

COMPOSE = "services:\n  web:\n    image: nginx\n"


def test_plugin_config_has_every_declared_plugin_option() -> None:
    schema = dict(ComposedocConfig._schema)
    for option in declared("plugin"):
        assert option.name in schema, option.name
        entry = schema[option.name]
        if option.choices and option.type == "str":
            assert isinstance(entry, c.Choice) and tuple(entry.choices) == option.choices
        assert entry.default == option.default, option.name


def test_extension_has_every_declared_plugin_option() -> None:
    config = ComposedocExtension().config
    for option in declared("plugin"):
        assert option.name in config and config[option.name][1] == option.help


def test_unknown_extension_option_names_the_closest() -> None:
    with pytest.raises(KeyError, match="unknown key 'legnd' \\(did you mean 'legend'\\?\\)"):
        ComposedocExtension(legnd=False)


def test_fence_keys_are_the_stack_keys_and_the_declared_fence_options() -> None:
    assert {o.name for o in STACK_KEYS} | {o.name for o in declared("fence")} == _KEYS


@pytest.mark.parametrize("option", declared("fence"), ids=lambda o: o.name)
def test_fence_takes_each_declared_option_example(option: Option) -> None:
    name, example = option.name, option.example
    spec = parse_fence(f"files: a.yaml\n{name}: {example}", "p.md:1")
    assert name == "diagram" or name in dict(spec.view)


def test_title_reaches_the_fence_diagram(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    ext = ComposedocExtension(base_dir=str(tmp_path), diagram="svg", title="Site title")
    page = "```composedoc\nfiles: compose.yaml\ntitle: Fence title\n```\n"
    html = markdown.Markdown(extensions=[ext]).convert(page)
    assert "Fence title" in html and "Site title" not in html
    html = markdown.Markdown(extensions=[ext]).convert(page.replace("title: Fence title\n", ""))
    assert "Site title" in html
