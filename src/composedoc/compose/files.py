"""The one way the loader reads a file: regular files only, never more than a size cap.

Compose files (``-f``, ``include``, ``extends.file``), ``.env``/``--env-file``, ``env_file``
and ``label_file`` all come from the files being loaded, so a pull request can point them at
``/dev/zero`` (reads until memory runs out), a FIFO or ``/dev/stdin`` (hangs). Each file is
opened once (non-blocking, so a FIFO cannot hang the open), checked with ``fstat`` on that
same descriptor (no race with a swapped path) and read up to ``Limits.max_file_bytes``.
"""

from __future__ import annotations

import os
import stat

from composedoc.errors import ComposeFileError, LimitError, Location
from composedoc.limits import active

__all__ = ["read_regular_file"]

_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def read_regular_file(
    path: str, display: str, where: Location | None = None, max_bytes: int | None = None
) -> bytes:
    """The bytes of ``path`` (``display`` is its name in messages).

    Errors are located at ``where`` (the entry that names the file) when given, else at the
    file itself; ``max_bytes`` defaults to ``Limits.max_file_bytes`` of this process.
    """
    limit = active().max_file_bytes if max_bytes is None else max_bytes
    at = where or Location(display)
    name = f"{display}: " if where is not None else ""
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise ComposeFileError(f"open {display}: no such file or directory", at) from None
    except OSError as exc:
        raise ComposeFileError(f"open {display}: {_reason(exc)}", at) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ComposeFileError(f"{name}is a directory", at)
        if not stat.S_ISREG(info.st_mode):
            raise ComposeFileError(f"{name}not a regular file", at)
        if info.st_size > limit:
            raise LimitError(
                f"{name}file is {info.st_size} bytes, more than the limit of {limit}", at
            )
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # the file may grow after fstat: never read past limit + 1
            chunk = os.read(fd, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise LimitError(f"{name}file is more than the limit of {limit} bytes", at)
        return b"".join(chunks)
    except OSError as exc:
        raise ComposeFileError(f"read {display}: {_reason(exc)}", at) from None
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    """Go's wording (``no such file or directory``): strerror in lower case."""
    return (exc.strerror or str(exc)).lower()
