"""read_regular_file: the one reader of every file the loader opens (hostile paths)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from composedoc.compose.files import read_regular_file
from composedoc.errors import ComposeFileError, LimitError, Location

WHERE = Location("compose.yaml", 3, 5)


def test_reads_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"services: {}\n")
    assert read_regular_file(str(tmp_path / "a.yaml"), "a.yaml") == b"services: {}\n"


def test_dev_zero_is_refused_at_the_entry_that_names_it() -> None:
    with pytest.raises(ComposeFileError) as info:
        read_regular_file("/dev/zero", "/dev/zero", WHERE)
    assert str(info.value) == "compose.yaml:3:5: /dev/zero: not a regular file"


def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    done: list[BaseException] = []

    def read() -> None:
        try:
            read_regular_file(str(fifo), "pipe.yaml")
        except ComposeFileError as exc:
            done.append(exc)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(5)
    assert done and "not a regular file" in str(done[0])


def test_a_directory_is_named_as_one(tmp_path: Path) -> None:
    with pytest.raises(ComposeFileError) as info:
        read_regular_file(str(tmp_path), "d")
    assert str(info.value) == "d: is a directory"


def test_missing_file_is_located(tmp_path: Path) -> None:
    with pytest.raises(ComposeFileError) as info:
        read_regular_file(str(tmp_path / "nowhere.yaml"), "nowhere.yaml", WHERE)
    assert str(info.value) == "compose.yaml:3:5: open nowhere.yaml: no such file or directory"


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.env"
    big.write_bytes(b"A=1\n" * 10)
    assert read_regular_file(str(big), "big.env", max_bytes=40) == b"A=1\n" * 10
    with pytest.raises(LimitError, match=r"^big\.env: file is 40 bytes, more than the limit of 39"):
        read_regular_file(str(big), "big.env", max_bytes=39)
    monkeypatch.setenv("COMPOSEDOC_LIMIT_MAX_FILE_BYTES", "12")
    with pytest.raises(LimitError, match="more than the limit of 12"):
        read_regular_file(str(big), "big.env")
