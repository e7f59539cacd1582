"""Room on the Python stack for long ``include`` chains, for the time of one load.

Split from :mod:`composedoc.compose.project`. Compose accepts chains of hundreds of files and
each level takes a few frames here, so the recursion limit is raised while a load runs.
"""

from __future__ import annotations

import _thread
import contextlib
import sys
from collections.abc import Iterator

from composedoc.limits import active as active_limits

__all__ = ["include_depth"]


@contextlib.contextmanager
def include_depth() -> Iterator[None]:
    """Room on the Python stack for an ``include`` chain as long as ``max_files`` allows
    (Compose accepts chains of hundreds of files; each level takes a few frames here). The
    limit is process-wide: raised by the first load under way, put back by the last."""
    with _DEPTH_LOCK:
        if not _DEPTH_USERS:
            _DEPTH_USERS.append(sys.getrecursionlimit())
            wanted = _FRAMES_PER_INCLUDE * active_limits().max_files + 1_000
            sys.setrecursionlimit(max(_DEPTH_USERS[0], wanted))
        _DEPTH_USERS.append(0)
    try:
        yield
    finally:
        with _DEPTH_LOCK:
            _DEPTH_USERS.pop()
            if len(_DEPTH_USERS) == 1:
                sys.setrecursionlimit(_DEPTH_USERS.pop())


_DEPTH_LOCK = _thread.allocate_lock()  # not threading: its import costs 1 ms
_DEPTH_USERS: list[int] = []  # the limit found first, then one entry per load under way
_FRAMES_PER_INCLUDE = 8
