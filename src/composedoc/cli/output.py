"""Write generated files into one folder, atomically and never outside it.

Every file is first written to a hidden temporary file in the target folder and renamed over
its name only once all files are written, so an error leaves the old files as they were and
no half-written file behind. Names are plain file names: no separators, no ``..``, no hidden
files; renaming replaces a symlink at that name instead of writing through it.

A split diagram is ``<stem>.<group>.<ext>`` per group; when the groups change, the files of
groups gone would linger and look current, so a writer given the stem removes them (see
:func:`stale_outputs` for exactly which).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Collection, Mapping
from pathlib import Path

from composedoc.errors import OutputError
from composedoc.limits import active as active_limits
from composedoc.options import FORMATS

__all__ = ["GROUP_EXTENSIONS", "check_name", "stale_outputs", "write_outputs"]

GROUP_EXTENSIONS = tuple(sorted(f.extension for f in FORMATS if f.diagram))
"""Extensions of per-group diagram files, the only files :func:`stale_outputs` names."""


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


def stale_outputs(
    directory: str | os.PathLike[str], stem: str, keep: Collection[str]
) -> list[Path]:
    """Group diagrams of ``stem`` in ``directory`` that ``keep`` no longer holds, sorted.

    Only plain files named ``<stem>.<group>.<ext>`` (``<group>`` in the slug alphabet, no
    dot) with an extension of :data:`GROUP_EXTENSIONS` that ``keep`` itself writes for the
    stem: a run of SVGs never touches PNGs, a symlink or folder is never named, nor is any
    other file. ``keep`` is the set of names being written.
    """
    exts = {
        name.rsplit(".", 1)[1]
        for name in keep
        if name.startswith(stem + ".") and name.rsplit(".", 1)[1] in GROUP_EXTENSIONS
    }
    if not exts or not stem:
        return []
    pattern = re.compile(
        re.escape(stem) + r"\.[a-z0-9_-]+\.(?:" + "|".join(sorted(exts)) + ")", re.ASCII
    )
    try:
        entries = list(os.scandir(directory))
    except FileNotFoundError:
        return []
    except OSError as error:
        raise OutputError(f"{directory}: cannot list: {error.strerror}") from error
    return sorted(
        Path(entry.path)
        for entry in entries
        if pattern.fullmatch(entry.name)
        and entry.name not in keep
        and entry.is_file(follow_symlinks=False)
    )


def write_outputs(
    directory: str | os.PathLike[str],
    files: Mapping[str, bytes],
    prune_stem: str | None = None,
) -> list[Path]:
    """Write ``files`` (name -> bytes) into ``directory``; returns the paths written, sorted.

    With ``prune_stem``, group diagrams of that stem no longer produced are removed once the
    new files are in place (an error before that leaves the folder as it was).
    """
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: not a directory")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot create: {error.strerror}") from error
    names = sorted(check_name(name) for name in files)
    limit = active_limits().max_output_bytes
    for name in names:
        if len(files[name]) > limit:
            raise OutputError(
                f"{name}: {len(files[name])} bytes, more than the limit of {limit} "
                "(COMPOSEDOC_LIMIT_MAX_OUTPUT_BYTES raises it)"
            )
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
    if prune_stem is not None:
        for path in stale_outputs(folder, prune_stem, names):
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                raise OutputError(f"{path}: cannot remove: {error.strerror}") from error
    return [target for _, target in staged]
