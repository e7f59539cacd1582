"""The services a picture leaves out, and why: said in its subtitle.

A reader must not take a picture for the whole stack when services were switched off by
profiles, left out with ``--exclude`` or hidden (``x-composedoc``); a focus view already says
so in its title.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from typing import Any


def not_drawn(graph: Any, inactive: Sequence[str], exclude: Sequence[str], most: int = 8) -> str:
    """``not drawn: a, b (profiles); c (--exclude); d (hidden)``, or nothing."""
    reasons: list[tuple[str, list[str]]] = [("profiles", sorted(inactive))]
    hidden: list[str] = []
    excluded: list[str] = []
    for node_id in sorted(graph.nodes):
        data = graph.nodes[node_id]
        if data.get("kind") != "service":
            continue
        name = node_id.split(":", 1)[1]
        if data.get("hidden"):
            hidden.append(name)
        elif any(fnmatch.fnmatchcase(name, pat) for pat in exclude):
            excluded.append(name)
    reasons += [("--exclude", excluded), ("hidden", hidden)]
    parts = []
    for why, names in reasons:
        if names:
            more = f" and {len(names) - most} more" if len(names) > most else ""
            parts.append(f"{', '.join(names[:most])}{more} ({why})")
    return "not drawn: " + "; ".join(parts) if parts else ""
