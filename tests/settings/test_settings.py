"""settings: config discovery, validation with locations, flags over the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from composedoc.compose.types import LoadOptions
from composedoc.errors import UsageError
from composedoc.settings.file import (
    Settings,
    find_config,
    load_settings,
    pick,
    stack_load_options,
)

FULL = """\
stacks:
  shop:
    files: [stacks/shop/compose.yaml]
    profiles: [debug]
    output: docs/shop
  todo:
    project_directory: stacks/todo
formats: svg,mmd
output: docs/diagrams
diagram:
  direction: TB
  hide: [ports]
  legend: false
  theme: dark
mask:
  show_values: false
  sensitive_patterns: ["^INTERNAL_"]
inject:
  file: README.md
  sections: [services]
diff:
  format: json
  diagram: true
"""


def test_full_file(tmp_path: Path) -> None:
    (tmp_path / ".composedoc.yaml").write_text(FULL)
    conf = load_settings(None, tmp_path)
    assert conf.source == tmp_path / ".composedoc.yaml"
    assert [s.name for s in conf.stacks] == ["shop", "todo"]
    shop = conf.stack("shop")
    assert shop is not None
    assert shop.files == (str(tmp_path.resolve() / "stacks/shop/compose.yaml"),)
    assert shop.profiles == ("debug",)
    assert conf.formats == ("svg", "mermaid")
    assert conf.output == str(tmp_path.resolve() / "docs/diagrams")
    view = conf.diagram.view_options()
    assert (view.direction, view.hide, view.legend, view.theme) == (
        "TB",
        frozenset({"ports"}),
        False,
        "dark",
    )
    policy = conf.mask.policy()
    assert policy.extra_key_patterns == ("^INTERNAL_",)
    assert conf.inject.sections == ("services",)
    assert (conf.diff.format, conf.diff.diagram) == ("json", True)
    with pytest.raises(UsageError, match="several stacks"):
        conf.stack(None)
    with pytest.raises(UsageError, match="no stack 'nope'"):
        conf.stack("nope")


def test_defaults_without_a_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    conf = load_settings(None, tmp_path)
    assert conf == Settings()
    assert conf.diagram.view_options().direction == "auto"  # chosen per diagram to fit the page
    assert conf.inject.sections == ("diagram", "services")
    assert conf.stack(None) is None


def test_discovery_walks_up_to_the_git_root(tmp_path: Path) -> None:
    (tmp_path / ".composedoc.yaml").write_text("formats: [svg]\n")
    repo = tmp_path / "repo"
    deep = repo / "a" / "b"
    deep.mkdir(parents=True)
    (repo / ".git").mkdir()
    # Outside the repository: never picked up.
    assert find_config(deep) is None
    (repo / ".composedoc.yml").write_text("formats: [png]\n")
    assert find_config(deep) == (repo / ".composedoc.yml").resolve()
    (repo / "a" / "pyproject.toml").write_text("[tool.composedoc]\nformats = ['dot']\n")
    assert find_config(deep) == (repo / "a" / "pyproject.toml").resolve()
    assert load_settings(None, deep).formats == ("dot",)
    # A pyproject.toml without the table is skipped.
    (deep / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(deep) == (repo / "a" / "pyproject.toml").resolve()


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ("formats: [svg, gif]\n", "formats must be a list of: svg", ".composedoc.yaml:1:16"),
        (
            "diagram:\n  direction: up\n",
            "diagram.direction must be one of",
            ".composedoc.yaml:2:14",
        ),
        ("diagram:\n  depth: -1\n", "diagram.depth must be zero or more", ".composedoc.yaml:2:10"),
        ("colour: red\n", "unknown key 'colour'", ".composedoc.yaml:1:9"),
        ("stacks:\n  a:\n    file: x\n", "unknown key 'stacks.a.file'", ".composedoc.yaml:3:11"),
        (
            "mask:\n  show_values: yes please\n",
            "mask.show_values must be true",
            ".composedoc.yaml:2",
        ),
        ("mask:\n  sensitive_patterns: ['(']\n", "regular expressions", ".composedoc.yaml:2"),
        ("stacks: [a]\n", "stacks must be a mapping", ".composedoc.yaml:1"),
        ("- 1\n", "config must be a mapping", ".composedoc.yaml"),
        ("a: [\n", "", ".composedoc.yaml:"),
    ],
)
def test_bad_config_errors_are_located(tmp_path: Path, text: str, message: str, where: str) -> None:
    (tmp_path / ".composedoc.yaml").write_text(text)
    with pytest.raises(UsageError) as info:
        load_settings(None, tmp_path)
    assert message in str(info.value)
    assert str(info.value).startswith(where)


def test_mask_level_from_the_file_and_flags(tmp_path: Path) -> None:
    config = tmp_path / ".composedoc.yaml"
    config.write_text("mask:\n  level: sensitive\n")
    conf = load_settings(None, tmp_path)
    assert conf.mask.policy().level == "sensitive"
    assert conf.mask.policy("none").show_values, "a --mask flag wins over the file"
    config.write_text("mask:\n  show_values: true\n")
    assert load_settings(None, tmp_path).mask.policy().level == "none"
    assert Settings().mask.policy().level == "all"
    (tmp_path / "pyproject.toml").write_text("[tool.composedoc.mask]\nlevel = 'none'\n")
    config.unlink()
    assert load_settings(None, tmp_path).mask.policy().level == "none"
    for text, message in (
        ("mask:\n  level: some\n", "mask.level must be one of all, sensitive, none"),
        ("mask:\n  level: all\n  show_values: true\n", "show_values is level none"),
    ):
        config.write_text(text)
        with pytest.raises(UsageError, match=message):
            load_settings(None, tmp_path)


def test_bad_toml_names_the_key(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.composedoc.diagram]\ntheme = 'blue'\n")
    with pytest.raises(UsageError, match=r"^pyproject\.toml: tool\.composedoc\.diagram\.theme"):
        load_settings(None, tmp_path)


def test_explicit_config_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "ci.yaml").write_text("name: docs\n")
    assert load_settings("ci.yaml", tmp_path).name == "docs"
    with pytest.raises(UsageError, match="cannot read config"):
        load_settings("nope.yaml", tmp_path)


def test_flags_override_the_file() -> None:
    assert pick("flag", "file", "default") == "flag"
    assert pick(None, "file", "default") == "file"
    assert pick((), (), ("d",)) == ("d",)
    assert pick(False, True, True) is False


def test_stack_fills_absent_load_flags(tmp_path: Path) -> None:
    (tmp_path / ".composedoc.yaml").write_text(FULL)
    shop = load_settings(None, tmp_path).stack("shop")
    flags = LoadOptions(profiles=("seed",), working_dir=str(tmp_path))
    merged = stack_load_options(shop, flags)
    assert merged.profiles == ("seed",)
    assert shop is not None
    assert merged.files == shop.files
    assert stack_load_options(None, flags) is flags
