"""Project options: discovery, env precedence, COMPOSE_* variables, project name rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from composedoc.compose.options import (
    check_project_name,
    discover_files,
    display_path,
    normalize_project_name,
    parse_go_bool,
    resolve_options,
)
from composedoc.compose.types import LoadOptions
from composedoc.errors import ComposeFileError, UsageError


def _opts(cwd: Path, env: dict[str, str] | None = None, **kw: object) -> LoadOptions:
    return LoadOptions(working_dir=str(cwd), environ=env or {}, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("My_Project-X", "my_project-x"),
        ("__-lead", "lead"),
        ("a b.c!", "abc"),
        ("UPPER", "upper"),
        ("", ""),
    ],
)
def test_normalize_project_name(raw: str, normal: str) -> None:
    assert normalize_project_name(raw) == normal


def test_imperative_name_must_be_normal() -> None:
    assert check_project_name("ok-name_1") == "ok-name_1"
    with pytest.raises(UsageError, match='invalid project name "Bad"'):
        check_project_name("Bad")


def test_go_bool() -> None:
    assert parse_go_bool("1") and parse_go_bool("TRUE") and not parse_go_bool("f")
    with pytest.raises(UsageError):
        parse_go_bool("yes")


def test_discovery_prefers_compose_yaml_and_adds_override(tmp_path: Path) -> None:
    for name in ("docker-compose.yml", "compose.yaml", "compose.override.yml"):
        (tmp_path / name).write_text("services: {}\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    found = discover_files(str(deep))
    assert found == [str(tmp_path / "compose.yaml"), str(tmp_path / "compose.override.yml")]


def test_no_file_found(tmp_path: Path) -> None:
    with pytest.raises(ComposeFileError, match="no configuration file provided"):
        resolve_options(_opts(tmp_path))


def test_os_env_wins_over_dotenv_and_dotenv_sees_os(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services: {}\n")
    (tmp_path / ".env").write_text("A=dotenv\nB=dotenv\nREF=${A}\n")
    ro = resolve_options(_opts(tmp_path, {"A": "os"}))
    assert ro.environment["A"] == "os"
    assert ro.environment["B"] == "dotenv"
    assert ro.environment["REF"] == "os"
    assert ro.environment["PWD"] == str(tmp_path)


def test_compose_file_profiles_and_name_from_dotenv(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text("services: {}\n")
    (tmp_path / "two.yaml").write_text("services: {}\n")
    (tmp_path / ".env").write_text(
        "COMPOSE_FILE=one.yaml;two.yaml\nCOMPOSE_PATH_SEPARATOR=;\n"
        "COMPOSE_PROFILES=a, b\nCOMPOSE_PROJECT_NAME=fromenv\n"
    )
    ro = resolve_options(_opts(tmp_path))
    assert ro.files == [str(tmp_path / "one.yaml"), str(tmp_path / "two.yaml")]
    assert ro.profiles == ["a", "b"]
    assert ro.imperative_name == "fromenv"


def test_flags_beat_environment(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services: {}\n")
    env = {"COMPOSE_PROFILES": "x", "COMPOSE_PROJECT_NAME": "env"}
    ro = resolve_options(_opts(tmp_path, env, profiles=("y",), project_name="flag"))
    assert ro.profiles == ["y"]
    assert ro.imperative_name == "flag"


def test_disable_env_file(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services: {}\n")
    (tmp_path / ".env").write_text("A=1\n")
    ro = resolve_options(_opts(tmp_path, {"COMPOSE_DISABLE_ENV_FILE": "true"}))
    assert "A" not in ro.environment


def test_env_file_flag_replaces_dotenv(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services: {}\n")
    (tmp_path / ".env").write_text("A=dotenv\n")
    (tmp_path / "x.env").write_text("A=x\n")
    ro = resolve_options(_opts(tmp_path, env_files=("x.env",)))
    assert ro.environment["A"] == "x"
    with pytest.raises(ComposeFileError, match="couldn't find env file"):
        resolve_options(_opts(tmp_path, env_files=("missing.env",)))


def test_project_dir_from_first_file_and_flag(tmp_path: Path) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.yaml").write_text("services: {}\n")
    assert resolve_options(_opts(tmp_path, files=("sub/c.yaml",))).working_dir == str(sub)
    ro = resolve_options(_opts(tmp_path, files=("sub/c.yaml",), project_directory="."))
    assert ro.working_dir == str(tmp_path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ComposeFileError, match="no such file or directory"):
        resolve_options(_opts(tmp_path, files=("nope.yaml",)))


def test_display_path() -> None:
    assert display_path("/a/b/c.yaml", "/a") == "b/c.yaml"
    assert display_path("/x/c.yaml", "/a") == "/x/c.yaml"
    assert display_path("/home/u/lib/c.yaml", "/home/u/proj", "/home/u") == "~/lib/c.yaml"
    assert display_path("/home/u/proj/c.yaml", "/home/u/proj", "/home/u") == "c.yaml"
    assert display_path("/etc/c.yaml", "/home/u/proj", "/home/u/") == "/etc/c.yaml"
    assert display_path("/home/user2/c.yaml", "/a", "/home/u") == "/home/user2/c.yaml"
