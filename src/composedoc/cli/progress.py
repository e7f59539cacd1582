"""A progress line on stderr for long renders, shown only to a person at a terminal.

A 200-service render takes several seconds; without a sign of life it looks hung. The line
appears after :data:`DELAY` seconds (fast runs print nothing), only when stderr is a
terminal (logs and pipes never get it) and is erased when the work ends. ``NO_COLOR`` and
``TERM=dumb`` turn off the ANSI erase sequence: the line is then overwritten with spaces.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

__all__ = ["DELAY", "progress"]

DELAY = 2.0
"""Seconds of work before the line appears."""
_FRAMES = "|/-\\"
_TICK = 0.25


def wanted(stream: TextIO) -> bool:
    """A terminal that is not ``dumb``: the only place a self-erasing line makes sense."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def _plain() -> bool:
    return "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != ""


@contextmanager
def progress(
    label: str,
    *,
    enabled: bool = True,
    stream: TextIO | None = None,
    delay: float = DELAY,
    force: bool = False,
) -> Iterator[None]:
    """Show ``label`` with a spinner and the seconds spent while the block runs past ``delay``.

    ``force`` shows it on any stream (tests); otherwise only on a terminal; ``enabled=False``
    (``--quiet``) never shows it.
    """
    out = stream or sys.stderr
    if not enabled or not (force or wanted(out)):
        yield
        return
    done = threading.Event()
    start = time.monotonic()
    shown = [0]

    def draw() -> None:
        if done.wait(delay):
            return
        frame = 0
        while not done.is_set():
            text = f"{_FRAMES[frame % len(_FRAMES)]} {label} {time.monotonic() - start:.0f} s"
            out.write("\r" + text)
            out.flush()
            shown[0] = max(shown[0], len(text))
            frame += 1
            done.wait(_TICK)

    worker = threading.Thread(target=draw, name="composedoc-progress", daemon=True)
    worker.start()
    try:
        yield
    finally:
        done.set()
        worker.join()
        if shown[0]:
            out.write("\r" + " " * shown[0] + "\r" if _plain() else "\r\x1b[2K")
            out.flush()
