"""The service, file and output-size limits stop a load or a write with a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from composedoc.cli.output import write_outputs
from composedoc.compose.project import load_project
from composedoc.compose.types import LoadOptions
from composedoc.errors import LimitError, OutputError


def _load(folder: Path) -> None:
    load_project(LoadOptions(working_dir=str(folder), environ={"HOME": "/nonexistent"}))


def test_too_many_services(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    services = "".join(f"  s{i}:\n    image: x\n" for i in range(5))
    (tmp_path / "compose.yaml").write_text("services:\n" + services, encoding="utf-8")
    monkeypatch.setenv("COMPOSEDOC_LIMIT_MAX_SERVICES", "4")
    with pytest.raises(LimitError) as info:
        _load(tmp_path)
    assert str(info.value).startswith("compose.yaml:2:")
    assert "5 services, more than the limit of 4" in str(info.value)
    monkeypatch.setenv("COMPOSEDOC_LIMIT_MAX_SERVICES", "5")
    _load(tmp_path)


def test_too_many_included_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(3):
        (tmp_path / f"part{i}.yaml").write_text(
            f"services:\n  p{i}:\n    image: x\n", encoding="utf-8"
        )
    (tmp_path / "compose.yaml").write_text(
        "include: [part0.yaml, part1.yaml, part2.yaml]\n", encoding="utf-8"
    )
    monkeypatch.setenv("COMPOSEDOC_LIMIT_MAX_FILES", "3")
    with pytest.raises(LimitError) as info:
        _load(tmp_path)
    assert str(info.value).startswith("compose.yaml:1:")
    assert "more than 3 compose files" in str(info.value)


def test_oversized_output_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPOSEDOC_LIMIT_MAX_OUTPUT_BYTES", "10")
    out = tmp_path / "out"
    with pytest.raises(OutputError, match="more than the limit of 10"):
        write_outputs(out, {"a.md": b"small", "b.svg": b"x" * 11})
    assert not out.exists() or list(out.iterdir()) == []


def test_cli_turns_a_recursion_error_into_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from composedoc.cli import commands as cli
    from composedoc.compose import project

    def explode(*_: object, **__: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(project, "load_project", explode)
    result = CliRunner().invoke(cli.main, ["config"])
    assert result.exit_code == 1
    assert result.output == "composedoc: input nested too deeply to process\n"
