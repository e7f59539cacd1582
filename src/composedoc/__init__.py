"""composedoc: read Docker Compose files as Compose does; draw and document them.

The public names are imported on first use (PEP 562), so that ``import composedoc.cli.commands`` and
``composedoc --version`` do not pay for the loader's dataclasses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from composedoc.compose.types import LoadedProject, LoadOptions
    from composedoc.errors import ComposedocError, Location

__all__ = ["ComposedocError", "LoadOptions", "LoadedProject", "Location", "__version__"]
__version__ = "0.1.0"
"""The one place the version is written (pyproject.toml reads it from here)."""

_LAZY = {
    "LoadedProject": "composedoc.compose.types",
    "LoadOptions": "composedoc.compose.types",
    "ComposedocError": "composedoc.errors",
    "Location": "composedoc.errors",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module when it is first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'composedoc' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)
