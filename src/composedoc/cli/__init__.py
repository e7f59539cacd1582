"""The ``composedoc`` command line; with the plugin, the only place errors become exit codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composedoc._lazy import lazy_exports

if TYPE_CHECKING:
    from composedoc.cli.commands import (
        main,
    )

__all__ = [
    "main",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "main": "composedoc.cli.commands",
    },
)
