"""Write generated files into one folder, atomically and never outside it.

Every file is first written to a hidden temporary file in the target folder and renamed over
its name only once all files are written, so an error leaves the old files as they were and
no half-written file behind. Names are plain file names: no separators, no ``..``, no hidden
files; renaming replaces a symlink at that name instead of writing through it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from composedoc.errors import OutputError

__all__ = ["check_name", "write_outputs"]


def check_name(name: str) -> str:
    """A file name safe to join to the output folder."""
    if (
        not name
        or name in (".", "..")
        or name.startswith(".")
        or "/" in name
        or "\\" in name
        or "\0" in name
    ):
        raise OutputError(f"refusing to write {name!r}: not a plain file name")
    return name


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_outputs(directory: str | os.PathLike[str], files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` (name -> bytes) into ``directory``; returns the paths written, sorted."""
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: not a directory")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot create: {error.strerror}") from error
    names = sorted(check_name(name) for name in files)
    mode = _umask_mode()
    staged: list[tuple[Path, Path]] = []
    try:
        for name in names:
            handle, temp = tempfile.mkstemp(dir=folder, prefix=".composedoc-", suffix=".tmp")
            staged.append((Path(temp), folder / name))
            with os.fdopen(handle, "wb") as stream:
                stream.write(files[name])
            Path(temp).chmod(mode)
        for _, target in staged:
            if target.is_dir() and not target.is_symlink():
                raise OutputError(f"{target}: is a directory")
        for temp_path, target in staged:
            temp_path.replace(target)
    except OSError as error:
        raise OutputError(f"{folder}: cannot write: {error.strerror or error}") from error
    finally:
        for temp_path, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                temp_path.unlink()
    return [target for _, target in staged]
