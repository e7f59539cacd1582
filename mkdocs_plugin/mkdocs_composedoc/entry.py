"""MkDocs' entry point for the plugin: say which extra to install before anything breaks.

The plugin needs MkDocs 1.6 (``File.generated``); the CLI needs no MkDocs at all, so MkDocs
is the ``composedoc[mkdocs]`` extra. Without this check an older MkDocs fails deep inside a
build with an ``AttributeError``.
"""

from __future__ import annotations

from importlib import metadata

MKDOCS_FLOOR = (1, 6)
HINT = "install it with: pip install 'composedoc[mkdocs]'"


def require_mkdocs() -> None:
    """Raise ImportError naming the extra when MkDocs is missing or older than 1.6."""
    try:
        found = metadata.version("mkdocs")
    except metadata.PackageNotFoundError:
        raise ImportError(f"composedoc's MkDocs plugin needs MkDocs 1.6 or later; {HINT}") from None
    parts = tuple(int(p) if p.isdigit() else 0 for p in found.split(".")[:2])
    if parts < MKDOCS_FLOOR:
        raise ImportError(
            f"composedoc's MkDocs plugin needs MkDocs 1.6 or later (found {found}); {HINT}"
        )


require_mkdocs()

from mkdocs_composedoc.plugin import ComposedocPlugin  # noqa: E402

__all__ = ["ComposedocPlugin", "require_mkdocs"]
