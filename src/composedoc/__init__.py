"""composedoc: read Docker Compose files as Compose does; draw and document them."""

from composedoc.compose.types import LoadedProject, LoadOptions
from composedoc.errors import ComposedocError, Location

__all__ = ["ComposedocError", "LoadOptions", "LoadedProject", "Location", "__version__"]
__version__ = "0.1.0"
