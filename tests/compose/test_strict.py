"""--strict-paths (compose/strict.py) and the paths every loader message shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from composedoc.compose.project import load_project
from composedoc.compose.types import LoadOptions
from composedoc.errors import ComposedocError


def _load(proj: Path, strict: bool = True, home: Path | None = None) -> None:
    environ = {"HOME": str(home)} if home else {}
    load_project(LoadOptions(working_dir=str(proj), environ=environ, strict_paths=strict))


def _project(tmp_path: Path, compose: str) -> Path:
    proj = tmp_path / "proj"
    proj.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "base.yaml").write_text("services:\n  base: {image: x}\n")
    (outside / "x.env").write_text("A=1\n")
    (outside / "secret.txt").write_text("s3cr3t\n")
    (proj / "compose.yaml").write_text(compose)
    return proj


CASES = {
    "include": ("include:\n  - ../elsewhere/base.yaml\n", "compose.yaml:2:5"),
    "extends": (
        "services:\n  web:\n    extends: {file: ../elsewhere/base.yaml, service: base}\n",
        "compose.yaml:3:14",
    ),
    "env_file": (
        "services:\n  web:\n    image: x\n    env_file: [ok.env, ../elsewhere/x.env]\n",
        "compose.yaml:4:24",
    ),
    "label_file": (
        "services:\n  web:\n    image: x\n    label_file: ../elsewhere/x.env\n",
        "compose.yaml:4:17",
    ),
    "secret": (
        "services:\n  web: {image: x}\nsecrets:\n  s:\n    file: ../elsewhere/secret.txt\n",
        "compose.yaml:5:11",
    ),
    "config": (
        "services:\n  web: {image: x}\nconfigs:\n  c:\n    file: /etc/hostname\n",
        "compose.yaml:5:11",
    ),
    "bind": (
        "services:\n  web:\n    image: x\n    volumes:\n      - ./data:/d\n      - ~/cache:/c\n",
        "compose.yaml:6:9",
    ),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_strict_paths_refuses_each_kind_at_its_entry(tmp_path: Path, kind: str) -> None:
    compose, where = CASES[kind]
    proj = _project(tmp_path, compose)
    (proj / "ok.env").write_text("B=2\n")
    home = tmp_path  # files outside the project are shown as ~/elsewhere/...
    _load(proj, strict=False, home=home)  # Compose loads them all
    with pytest.raises(ComposedocError) as info:
        _load(proj, home=home)
    message = str(info.value)
    assert message.startswith(f"{where}: "), message
    assert "is outside the project (--strict-paths)" in message
    assert str(tmp_path) not in message


def test_strict_paths_follows_symlinks(tmp_path: Path) -> None:
    proj = _project(tmp_path, "services:\n  web:\n    image: x\n    env_file: linked.env\n")
    (proj / "linked.env").symlink_to(tmp_path / "elsewhere" / "x.env")
    _load(proj, strict=False)
    with pytest.raises(ComposedocError, match=r"^compose\.yaml:4:15: linked\.env is outside"):
        _load(proj)


def test_strict_paths_accepts_the_project_itself(tmp_path: Path) -> None:
    proj = _project(
        tmp_path,
        "include: [sub/inc.yaml]\nservices:\n  web:\n    extends: {file: sub/inc.yaml, "
        "service: base}\n    env_file: ok.env\n    volumes: ['.:/src', './sub:/sub']\n"
        "secrets:\n  s: {file: ./ok.env}\n",
    )
    (proj / "sub").mkdir()
    (proj / "sub" / "inc.yaml").write_text("services:\n  base: {image: x}\n")
    (proj / "ok.env").write_text("B=2\n")
    (proj / "sub" / "link.yaml").symlink_to(proj / "sub" / "inc.yaml")
    _load(proj)


MESSAGES = {
    "extends-missing-service": (
        {
            "compose.yaml": "services:\n  web:\n    extends: {file: b.yaml, service: ghost}\n",
            "b.yaml": "services:\n  a: {image: x}\n",
        },
        'compose.yaml:3:14: cannot extend service "web" in compose.yaml: service "ghost" not '
        "found in b.yaml",
    ),
    "extends-missing-file": (
        {"compose.yaml": "services:\n  web:\n    extends: {file: nowhere.yaml, service: a}\n"},
        "compose.yaml:3:14: open nowhere.yaml: no such file or directory",
    ),
    "extends-cycle": (
        {"compose.yaml": "services:\n  a:\n    extends: b\n  b:\n    extends: a\n"},
        "compose.yaml:3:14: Circular reference:\n  a in compose.yaml\n  extends b in "
        "compose.yaml\n  extends a in compose.yaml",
    ),
    "include-missing": (
        {"compose.yaml": "include:\n  - nowhere.yaml\nservices:\n  web: {image: x}\n"},
        "compose.yaml:2:5: open nowhere.yaml: no such file or directory",
    ),
    "include-cycle": (
        {"compose.yaml": "include: [sub/a.yaml]\n", "sub/a.yaml": "include: [../compose.yaml]\n"},
        "sub/a.yaml:1:11: include cycle detected:\ncompose.yaml\n include sub/a.yaml\n include "
        "compose.yaml",
    ),
    "include-dev-zero": (
        {"compose.yaml": "include:\n  - /dev/zero\n"},
        "compose.yaml:2:5: /dev/zero: not a regular file",
    ),
    "include-env-file-missing": (
        {
            "compose.yaml": "include:\n  - {path: b.yaml, env_file: gone.env}\n",
            "b.yaml": "services:\n  a: {image: x}\n",
        },
        "compose.yaml:2:5: stat gone.env: no such file or directory",
    ),
    "env-file-missing": (
        {"compose.yaml": "services:\n  web:\n    image: x\n    env_file: missing.env\n"},
        "compose.yaml:4:15: env file missing.env not found: stat missing.env: no such file or "
        "directory",
    ),
    "env-file-dev-zero": (
        {"compose.yaml": "services:\n  web:\n    image: x\n    env_file: [/dev/zero]\n"},
        "compose.yaml:4:16: /dev/zero: not a regular file",
    ),
    "label-file-directory": (
        {"compose.yaml": "services:\n  web:\n    image: x\n    label_file: sub\n", "sub/x": ""},
        "compose.yaml:4:17: sub: is a directory",
    ),
    "scalar-document": (
        {"compose.yaml": "services: {}\n---\n42\n"},
        "compose.yaml:3:1: top-level object must be a mapping",
    ),
}


@pytest.mark.parametrize("case", sorted(MESSAGES))
def test_messages_are_located_and_relative(tmp_path: Path, case: str) -> None:
    files, expected = MESSAGES[case]
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    with pytest.raises(ComposedocError) as info:
        _load(tmp_path, strict=False)
    assert str(info.value) == expected


def test_paths_outside_the_working_folder_show_home_as_tilde(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "lib").mkdir(parents=True)
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "compose.yaml").write_text(
        f"services:\n  web:\n    extends: {{file: {home}/lib/gone.yaml, service: a}}\n"
    )
    with pytest.raises(ComposedocError) as info:
        _load(proj, strict=False, home=home)
    assert str(info.value) == "compose.yaml:3:14: open ~/lib/gone.yaml: no such file or directory"
