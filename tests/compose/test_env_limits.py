"""Env files are bounded in size and in the number of variables they set."""

from __future__ import annotations

from pathlib import Path

import pytest

from composedoc.compose.dotenv import read_dotenv
from composedoc.errors import LimitError


def _env(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.env"
    path.write_text(text)
    return path


@pytest.mark.parametrize("raw", [False, True])
def test_too_many_variables_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raw: bool
) -> None:
    monkeypatch.setenv("COMPOSEDOC_LIMIT_MAX_ENV_VARS", "3")
    path = _env(tmp_path, "# c\nA=1\nB=2\nC=3\nD=4\n")
    with pytest.raises(LimitError) as caught:
        read_dotenv(path, "x.env", lambda _k: None, raw=raw)
    assert str(caught.value) == (
        "x.env:5:1: more than 3 variables in one env file "
        "(COMPOSEDOC_LIMIT_MAX_ENV_VARS raises the limit)"
    )
    monkeypatch.setenv("COMPOSEDOC_LIMIT_MAX_ENV_VARS", "4")
    assert len(read_dotenv(path, "x.env", lambda _k: None, raw=raw)) == 4


def test_too_big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPOSEDOC_LIMIT_MAX_ENV_FILE_BYTES", "10")
    path = _env(tmp_path, "A=0123456789\n")
    with pytest.raises(LimitError, match="more than the limit of 10"):
        read_dotenv(path, "x.env", lambda _k: None)


def test_a_line_of_blanks_is_linear(tmp_path: Path) -> None:
    path = _env(tmp_path, " " * (3 << 20) + "\n")
    assert read_dotenv(path, "x.env", lambda _k: None, raw=True) == {}
