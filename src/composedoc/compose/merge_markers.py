"""``!reset`` and ``!override`` in a later file, applied the way compose-go's
``ResetProcessor.Apply`` does before the merge.

The tagged key is removed from the base through mappings only (a key inside a list-form
``environment`` is not removed), then the marker-free override is merged. In sequences a
``Reset`` item is dropped from the override's own list and an ``Override`` item is unwrapped.
"""

from __future__ import annotations

from typing import Any

from composedoc.compose.located import LocList, LocMap
from composedoc.compose.merge_convert import item_locs
from composedoc.compose.unicity import copy_map
from composedoc.compose.yaml import Override, Reset

__all__ = ["Override", "Reset", "apply_resets", "strip_markers"]


def strip_markers(tree: Any) -> Any:
    """Drop ``Reset`` keys and items, unwrap ``Override`` values, at any depth.

    Containers without markers are returned as they are (no copy).
    """
    if isinstance(tree, Override):
        return strip_markers(tree.value)
    if isinstance(tree, dict):
        out: LocMap | None = None
        for k, v in tree.items():
            if isinstance(v, (dict, list)):
                new = strip_markers(v)
                if new is v:
                    continue
            elif isinstance(v, Reset):
                new = _DROP
            elif isinstance(v, Override):
                new = strip_markers(v.value)
            else:
                continue
            if out is None:
                out = copy_map(tree)
            if new is _DROP:
                del out[k]
                out.locs.pop(k, None)
            else:
                out[k] = new
                if isinstance(v, Override) and v.loc is not None:
                    out.locs[k] = v.loc
        return tree if out is None else out
    if isinstance(tree, list):
        if not any(isinstance(v, (dict, list, Reset, Override)) for v in tree):
            return tree
        lst = LocList(loc=getattr(tree, "loc", None))
        src_locs = item_locs(tree)
        for i, v in enumerate(tree):
            if isinstance(v, Reset):
                continue
            lst.append(strip_markers(v))
            lst.locs.append(v.loc if isinstance(v, Override) and v.loc else src_locs[i])
        if lst == tree and all(a is b for a, b in zip(lst, tree, strict=True)):
            return tree
        return lst
    return tree


_DROP = object()


def apply_resets(base: dict[str, Any], override: dict[str, Any]) -> LocMap:
    """Copy of ``base`` without the keys the override tags ``!reset``/``!override``."""
    out: LocMap | None = None
    for k, v in override.items():
        if k not in base:
            continue
        if isinstance(v, (Reset, Override)):
            if out is None:
                out = copy_map(base)
            del out[k]
            out.locs.pop(k, None)
        elif isinstance(v, dict) and isinstance(base[k], dict) and _has_marker(v):
            if out is None:
                out = copy_map(base)
            out[k] = apply_resets(base[k], v)
    if out is None:
        return base if isinstance(base, LocMap) else copy_map(base)
    return out


def _has_marker(tree: dict[str, Any]) -> bool:
    for v in tree.values():
        if isinstance(v, (Reset, Override)):
            return True
        if isinstance(v, dict) and _has_marker(v):
            return True
    return False
