"""The small types of the YAML reader: its limits and the ``!reset``/``!override`` tags.

Split from :mod:`composedoc.compose.yaml` (the reader itself); importable from there too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from composedoc.errors import Location
from composedoc.limits import DEFAULT_LIMITS, Limits

__all__ = ["Override", "Reset", "YamlLimits"]


@dataclass(frozen=True)
class YamlLimits:
    """Safety limits for untrusted files.

    ``max_alias_nodes``: nodes that aliases expand to, summed over every alias (compose-go
    HEAD caps at 100,000); ``max_depth``: nesting of mappings and sequences; ``max_bytes``:
    size of the file. The defaults are :mod:`composedoc.limits`' (depth 100): every tree
    walker of the loader recurses at most twice per level, far below Python's 1000 frames.
    """

    max_alias_nodes: int = DEFAULT_LIMITS.max_alias_nodes
    max_depth: int = DEFAULT_LIMITS.max_depth
    max_bytes: int = DEFAULT_LIMITS.max_file_bytes

    @classmethod
    def from_limits(cls, limits: Limits) -> YamlLimits:
        """The YAML part of the process-wide :class:`~composedoc.limits.Limits`."""
        return cls(limits.max_alias_nodes, limits.max_depth, limits.max_file_bytes)


@dataclass(frozen=True)
class Reset:
    """``!reset``: the merge step removes the key; ``value`` is what was written."""

    value: Any
    loc: Location | None = None


@dataclass(frozen=True)
class Override:
    """``!override``: the merge step replaces instead of merging."""

    value: Any
    loc: Location | None = None
