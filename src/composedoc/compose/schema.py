"""Our own compact Compose schema validator (unknown keys, types, names, enums).

Docker Compose validates every file after interpolation and merge against the Compose JSON
schema. We do not ship that schema; instead :mod:`composedoc.compose.schema_rules` describes
the same structure with the spec classes of :mod:`composedoc.compose.schema_spec`. Messages
follow Docker Compose's wording (``services.web.image must be a string``) with the offending
value added, and the error is located at the offending key or value (``file:line:col``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from composedoc.compose.located import loc_of
from composedoc.compose.schema_rules import ROOT
from composedoc.compose.schema_spec import Fail
from composedoc.errors import Location, SchemaError

__all__ = ["validate"]


def _display(path: list[str | int]) -> str:
    """Docker Compose's dotted instance path (``services.web.ports.0``)."""
    return ".".join(str(p) for p in path)


def _yaml_path(path: list[str | int]) -> str:
    """The Location path (``services.web.ports[0]``)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _locate(model: Any, path: list[str | int]) -> Location | None:
    """Deepest known location along ``path`` (a key's location lives in its parent)."""
    best: Location | None = getattr(model, "loc", None)
    node = model
    for part in path:
        here = loc_of(node, part)
        if here is not None:
            best = here
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    return best


def validate(model: Mapping[str, Any]) -> None:
    """Check a merged (not yet canonical) Compose model; raise a located SchemaError.

    ``model`` is normally a LocMap from the YAML reader (after interpolation and merging).
    """
    if not isinstance(model, Mapping):
        raise SchemaError("top-level object must be a mapping", getattr(model, "loc", None))
    try:
        ROOT.check(model)
    except Fail as fail:
        path = fail.path[::-1]
        shown = _display(path) or "top-level object"
        located = path + ([fail.key] if fail.key is not None else [])
        loc = _locate(model, located)
        if loc is not None:
            loc = dataclasses.replace(loc, path=_yaml_path(located))
        raise SchemaError(f"{shown} {fail.message}", loc) from None
