"""The loader's warnings (Compose's ``WARN`` lines), without importing ``logging`` up front.

By default a warning goes to the ``composedoc`` logger, where the CLI and the MkDocs plugin
pick it up. The fast ``config`` path (:mod:`composedoc.cli.fast`) sets :data:`sink` instead:
importing ``logging`` alone costs about 4 ms of a 40 ms start.
"""

from __future__ import annotations

from collections.abc import Callable

sink: Callable[[str], None] | None = None
"""When set, receives each warning's text instead of the ``composedoc`` logger."""


def warn(message: str, *args: object) -> None:
    """Log ``message % args`` as a warning, the way ``logging`` formats it."""
    if sink is None:
        import logging

        logging.getLogger("composedoc").warning(message, *args)
        return
    sink(str(message) % args if args else str(message))
