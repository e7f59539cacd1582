"""Compiled Jinja2 templates kept between runs, so a small ``render --format md`` starts fast.

Compiling the 21 page templates costs about 100 ms on every run, more than rendering a small
stack. Jinja2's file bytecode cache keeps the compiled code in a per-user folder it creates
with mode 0700 and checks the owner of (``_jinja2-cache-<uid>`` in the temp folder); an entry
is used only when the template source checksum and the Python bytecode version match, so
an edited or overridden template is compiled again. A folder that cannot be written just
means no cache. ``COMPOSEDOC_NO_TEMPLATE_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import os
from functools import cache

import jinja2
from jinja2.bccache import Bucket

__all__ = ["template_cache"]


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """A file cache whose read and write failures mean a miss, never an error."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@cache
def template_cache() -> jinja2.BytecodeCache | None:
    """The shared cache, or ``None`` when it is turned off or has no usable folder."""
    if os.environ.get("COMPOSEDOC_NO_TEMPLATE_CACHE"):
        return None
    try:
        return _QuietCache()
    except (OSError, RuntimeError):
        return None
