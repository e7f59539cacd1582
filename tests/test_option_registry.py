"""The option declaration is the one source: the CLI and the config file offer exactly the
declared options, spelled as declared, with the declared values (composedoc.options)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from composedoc.cli.commands import main
from composedoc.diagram.outputs import EXTENSIONS
from composedoc.diagram.outputs import FORMATS as DIAGRAM_FORMATS
from composedoc.docs.documents import ALL_FORMATS
from composedoc.errors import UsageError
from composedoc.options import (
    FORMATS,
    OPTIONS,
    VIEW_OPTIONS,
    Option,
    ViewOptions,
    closest,
    declared,
    unknown_key,
    view_options,
)
from composedoc.settings.file import parse_settings

# render's own flags, not view or docs options: where to load from and where to write.
NOT_DECLARED = {
    *("files", "project_name", "profiles", "env_files", "project_directory", "strict_paths"),
    *("output_dir", "formats", "name", "check", "stack", "config_file", "verbose", "quiet"),
    "help",
}


def _render_params() -> dict[str, click.Parameter]:
    command = main.commands["render"]
    return {p.name: p for p in command.params if p.name}


def test_view_options_fields_are_the_declared_view_options() -> None:
    fields = {f.name: f.default for f in dataclasses.fields(ViewOptions)}
    assert set(fields) - {"inactive"} == {o.name for o in VIEW_OPTIONS}
    for option in VIEW_OPTIONS:
        assert fields[option.name] == option.default, option.name


def test_every_declared_option_has_help_type_and_a_front() -> None:
    names = [o.name for o in OPTIONS]
    assert len(names) == len(set(names))
    for option in OPTIONS:
        assert option.help.endswith(".") and option.fronts, option.name
        if option.choices and option.default is not None and option.type == "str":
            assert option.default in option.choices, option.name


def test_render_flags_are_exactly_the_declared_cli_options() -> None:
    params = _render_params()
    assert set(params) - NOT_DECLARED == {o.name for o in declared("cli")}
    for option in declared("cli"):
        param = params[option.name]
        assert isinstance(param, click.Option)
        assert param.opts[-1] == "--" + option.name.replace("_", "-"), param.opts
        assert param.help == option.help
        if option.choices and option.type == "str":
            assert isinstance(param.type, click.Choice)
            assert tuple(param.type.choices) == option.choices
        if option.type == "bool" and option.switch:
            assert param.secondary_opts == ["--no-" + option.name.replace("_", "-")]


def test_render_help_lists_every_option_and_format() -> None:
    text = " ".join(CliRunner().invoke(main, ["render", "--help"]).output.split())
    for option in declared("cli"):
        assert option.cli_flags[-1] in text
        for choice in option.choices:
            assert choice in text, (option.name, choice)
    for fmt in FORMATS:
        assert fmt.name in text


def test_config_file_takes_every_declared_config_option(tmp_path: Path) -> None:
    diagram = {o.name for o in declared("config") if o.config is None}
    given: dict[str, object] = {"direction": "TB", "focus": ["a"], "depth": 1}
    given |= {"exclude": ["b"], "hide": ["ports"], "legend": False, "theme": "dark"}
    given |= {"link_template": "x{service}", "title": "T", "abstract": True, "split": True}
    assert set(given) == diagram  # this test sets every declared key
    data = {"diagram": given, "mask": {"show_values": True}}
    settings = parse_settings(data, "c.yaml", tmp_path / "c.yaml")
    view = settings.diagram.view_options()
    assert view == ViewOptions(
        direction="TB",
        focus=("a",),
        depth=1,
        exclude=("b",),
        hide=frozenset({"ports"}),
        legend=False,
        theme="dark",
        link_template="x{service}",
        title="T",
        abstract=True,
    )
    assert settings.diagram.split is True and settings.mask.show_values is True


@pytest.mark.parametrize("option", declared("config", VIEW_OPTIONS), ids=lambda o: o.name)
def test_config_file_rejects_values_outside_the_declaration(option: Option, tmp_path: Path) -> None:
    wrong: object = "yes" if option.type == "bool" else [1]
    with pytest.raises(UsageError, match=f"diagram.{option.name} must be"):
        parse_settings({"diagram": {option.name: wrong}}, "c.yaml", tmp_path / "c.yaml")


def test_config_unknown_key_suggests_the_closest(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        parse_settings({"diagram": {"directon": "TB"}}, "c.yaml", tmp_path / "c.yaml")
    assert "unknown key 'diagram.directon' (did you mean 'direction'?)" in str(caught.value)


def test_flags_win_over_the_file_which_wins_over_the_default() -> None:
    base = view_options({"direction": "TB", "legend": False, "hide": ("ports",)})
    assert base.direction == "TB" and base.hide == frozenset({"ports"}) and not base.legend
    mixed = view_options({"direction": "TB", "title": "A"}, {"direction": None, "title": "B"})
    assert mixed.direction == "TB" and mixed.title == "B"
    assert view_options({"theme": ""}).theme == "light"  # empty means not set


def test_formats_are_declared_once() -> None:
    assert tuple(f.name for f in FORMATS) == ALL_FORMATS
    assert tuple(f.name for f in FORMATS if f.diagram) == DIAGRAM_FORMATS
    assert EXTENSIONS["mermaid"] == "mmd"


def test_unknown_key_message() -> None:
    assert unknown_key("file", ["files", "show"]) == "unknown key 'file' (did you mean 'files'?)"
    assert unknown_key("zzz", ["b", "a"]) == "unknown key 'zzz' (valid: a, b)"
    assert closest("tilte", [o.name for o in OPTIONS]) == "title"


def test_title_is_drawn_from_the_flag_and_absent_by_default(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    image: nginx\n")
    args = ["render", "-f", str(tmp_path / "compose.yaml"), "--format", "dot", "-o", "-"]
    plain = CliRunner().invoke(main, args)
    titled = CliRunner().invoke(main, [*args, "--title", "Shop <front>"])
    assert plain.exit_code == 0 and titled.exit_code == 0, titled.output
    assert "Shop &lt;front&gt;" in titled.output and "Shop" not in plain.output
