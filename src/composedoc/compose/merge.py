"""Merge a later Compose model over the model so far (compose-go ``override/merge.go``).

Used for every extra ``-f`` file, every extra YAML document, include conflicts and (through
:func:`extend_service`) ``extends``. Rules per path, as compose-go applies them:

* mappings merge recursively (override keys win), sequences append, scalars are replaced;
  an override of ``None`` keeps the base value (except for the "replace" paths below);
* ``command``, ``entrypoint``, ``healthcheck.test`` and ``ulimits.*`` are replaced
  (compose-go's ulimit merger merges the override with itself, i.e. replaces);
* ``build``: a string means ``{context: str}``, then mappings merge;
* ``depends_on``: a list becomes ``{name: {condition: service_started, required: true}}``;
  ``networks`` and ``models``: a list becomes ``{name: None}``; then mappings merge;
* ``logging`` merges only when the drivers match (or one side has none), else is replaced;
* ``extra_hosts``: appended, exact duplicates from the override dropped;
* ``dns``/``dns_opt``/``dns_search``/``env_file``/``label_file``/``tmpfs``: converted to
  sequences (a string is one item, a mapping becomes sorted ``k=v``) and appended;
  duplicates are left for :func:`composedoc.compose.unicity.enforce_unicity`;
* ``networks.*.ipam.config``: compose-go's per-subnet merge, quirks included.

Representation decision for the key/value attributes (``environment``, ``labels``,
``annotations``, ``sysctls``, ``build.args``, ``build.labels``, ``build.additional_contexts``,
``deploy.labels``, ``networks.*.labels``, ``volumes.*.labels``): compose-go turns both sides
into ``k=v`` sequences, appends them and dedupes by key (first position, last value). We
instead produce a **mapping** when both sides define the attribute: a list side is parsed
(``K=V`` -> ``K: "V"``, ``K`` -> ``K: None``), base keys first, override values win, new keys
appended. That is the same final map Docker Compose prints, and value types are kept (so
canonicalisation formats ``1.5e6`` Go-style exactly as for a single file). When only one side
defines the attribute it is left as written (list or mapping): canonicalisation must accept
both forms anyway, and must treat a ``None`` label value as ``""``.

``!reset``/``!override`` (``Reset``/``Override`` from the YAML reader) in the override are
applied first, like compose-go's ``ResetProcessor.Apply``: the tagged key is removed from the
base through mappings only (a key inside a list-form ``environment`` is not removed), then the
marker-free override is merged. In sequences a ``Reset`` item is dropped from the override's
own list and an ``Override`` item is unwrapped.

Inputs are not mutated; results may share unmerged subtrees with ``override`` and ``base``
(:func:`extend_service` deep-copies its base, since one base can be extended many times).
Locations: a merged container keeps the base's ``.loc``; a replaced value takes the
override's location.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from composedoc.compose.located import LocList, LocMap
from composedoc.compose.unicity import copy_map, enforce_unicity, go_str
from composedoc.errors import ComposeFileError, Location

try:  # the YAML reader's marker classes (composedoc.compose.yaml)
    from composedoc.compose.yaml import (  # type: ignore[import-not-found, unused-ignore]
        Override,
        Reset,
    )
except ImportError:  # pragma: no cover - until yaml.py lands

    @dataclass(frozen=True)
    class Reset:  # type: ignore[no-redef]
        """``!reset``: remove the key from the model so far."""

        value: Any
        loc: Location | None = None

    @dataclass(frozen=True)
    class Override:  # type: ignore[no-redef]
        """``!override``: replace the previous value instead of merging."""

        value: Any
        loc: Location | None = None


__all__ = [
    "Override",
    "Reset",
    "enforce_unicity",
    "extend_service",
    "merge_models",
    "strip_markers",
]

Path = tuple[str, ...]
Merger = Callable[[Any, Any, Path], Any]


def merge_models(base: Any, override: Any) -> LocMap:
    """Merge a whole later model over the model so far; neither input is modified."""
    if not isinstance(base, dict):
        base = LocMap()
    if not isinstance(override, dict):
        return LocMap()
    return _merge_marked(base, override, ())


def extend_service(base: Any, local: Any) -> LocMap:
    """``extends``: merge the local service over a deep copy of its base (local wins)."""
    base_copy = _deep_copy(base) if isinstance(base, dict) else LocMap()
    if not isinstance(local, dict):
        return base_copy
    return _merge_marked(base_copy, local, ("services", "x"))


def _merge_marked(base: dict[str, Any], override: dict[str, Any], path: Path) -> LocMap:
    stripped = strip_markers(override)
    if stripped is not override:  # some !reset/!override: apply them to the base first
        base = _apply_resets(base, override)
    return _merge_mappings(base, stripped, path)


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
        src_locs = _locs(tree)
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


# --- !reset / !override against the base -----------------------------------------------------


def _apply_resets(base: dict[str, Any], override: dict[str, Any]) -> LocMap:
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
            out[k] = _apply_resets(base[k], v)
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


# --- the merge itself ------------------------------------------------------------------------


def _merge(base: Any, over: Any, path: Path) -> Any:
    rule = _rule_for(path)
    if rule is not None:
        return rule(base, over, path)
    if over is None:
        return base
    if isinstance(base, dict):
        if not isinstance(over, dict):
            raise _cannot_override(path, over)
        return _merge_mappings(base, over, path)
    if isinstance(base, list):
        if not isinstance(over, list):
            raise _cannot_override(path, over)
        return _concat(base, over)
    return over


def _merge_mappings(base: dict[str, Any], over: dict[str, Any], path: Path) -> LocMap:
    out = copy_map(base)
    out_locs = out.locs
    over_locs: dict[str, Location] = getattr(over, "locs", {})
    for k, v in over.items():
        if k not in out:
            out[k] = v
            loc = over_locs.get(k)
            if loc is not None:
                out_locs[k] = loc
            continue
        old = out[k]
        new = _merge(old, v, (*path, k))
        out[k] = new
        if new is not old and not (isinstance(new, dict | list) and isinstance(old, dict | list)):
            loc = over_locs.get(k)
            if loc is not None:
                out_locs[k] = loc
    if out.loc is None:
        out.loc = getattr(over, "loc", None)
    return out


def _cannot_override(path: Path, value: Any) -> ComposeFileError:
    return ComposeFileError(f"cannot override {'.'.join(path)}", getattr(value, "loc", None))


def _replace(base: Any, over: Any, path: Path) -> Any:
    return over


def _merge_build(base: Any, over: Any, path: Path) -> Any:
    b, o = _as_build(base), _as_build(over)
    if b is None:
        return over if o is None else o
    if o is None:
        return b
    return _merge_mappings(b, o, path)


def _as_build(value: Any) -> LocMap | None:
    if isinstance(value, str):
        return LocMap({"context": value})
    if isinstance(value, dict):
        return value if isinstance(value, LocMap) else copy_map(value)
    return None


def _merge_depends_on(base: Any, over: Any, path: Path) -> Any:
    return _merge_converted(_as_mapping(base, True), _as_mapping(over, True), path)


def _merge_named(base: Any, over: Any, path: Path) -> Any:
    return _merge_converted(_as_mapping(base, False), _as_mapping(over, False), path)


def _merge_converted(b: LocMap | None, o: LocMap | None, path: Path) -> Any:
    if b is None:
        return o
    if o is None:
        return b
    return _merge_mappings(b, o, path)


def _as_mapping(value: Any, depends_on: bool) -> LocMap | None:
    """compose-go ``convertIntoMapping``: a list of names becomes a mapping."""
    if isinstance(value, dict):
        return value if isinstance(value, LocMap) else copy_map(value)
    if isinstance(value, list):
        out = LocMap(loc=getattr(value, "loc", None))
        for item, loc in zip(value, _locs(value), strict=True):
            key = str(item)
            out[key] = copy_map(_STARTED) if depends_on else None
            if loc is not None:
                out.locs[key] = loc
        return out
    return None


_STARTED = LocMap({"condition": "service_started", "required": True})


def _merge_logging(base: Any, over: Any, path: Path) -> Any:
    if not isinstance(base, dict) or not isinstance(over, dict):
        return base if over is None else over
    if "driver" in base and "driver" in over and base["driver"] != over["driver"]:
        return over
    return _merge_mappings(base, over, path)


def _merge_key_values(base: Any, over: Any, path: Path) -> Any:
    """environment, labels, ...: a mapping, base keys first, override values win."""
    if over is None:
        return base
    if base is None:
        return over
    out = _kv_mapping(base)
    for k, v in _kv_mapping(over).items():
        out[k] = v
    return out


def _kv_mapping(value: Any) -> LocMap:
    if isinstance(value, dict):
        return copy_map(value)
    out = LocMap(loc=getattr(value, "loc", None))
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list):
        for item, loc in zip(value, _locs(value), strict=True):
            text = item if isinstance(item, str) else go_str(item)
            key, eq, val = text.partition("=")
            out[key] = val if eq else None
            if loc is not None:
                out.locs[key] = loc
    return out


def _merge_to_sequence(base: Any, over: Any, path: Path) -> Any:
    if over is None:
        return base
    if base is None:
        return over
    return _concat(_as_sequence(base), _as_sequence(over))


def _merge_extra_hosts(base: Any, over: Any, path: Path) -> Any:
    if over is None:
        return base
    if base is None:
        return over
    b, o = _as_sequence(base), _as_sequence(over)
    seen = {_hashable(x) for x in b}
    keep = LocList(loc=o.loc)
    for item, loc in zip(o, _locs(o), strict=True):
        if _hashable(item) not in seen:
            keep.append(item)
            keep.locs.append(loc)
    return _concat(b, keep)


def _as_sequence(value: Any) -> LocList:
    """compose-go ``convertIntoSequence``: string -> [string], mapping -> sorted ``k=v``."""
    loc = getattr(value, "loc", None)
    if isinstance(value, list):
        return value if isinstance(value, LocList) else LocList(value, loc=loc)
    if isinstance(value, dict):
        items: list[str] = []
        for k, v in value.items():
            if v is None:
                items.append(k)
            elif isinstance(v, list):
                items.extend(f"{k}={go_str(x)}" for x in v)
            else:
                items.append(f"{k}={go_str(v)}")
        return LocList(sorted(items), loc=loc)
    if isinstance(value, str):
        return LocList([value], loc=loc)
    return LocList(loc=loc)


def _merge_ipam_config(base: Any, over: Any, path: Path) -> Any:
    """compose-go ``mergeIPAMConfig``, ported with its aliasing so quirky inputs match."""
    if not isinstance(base, list) or not isinstance(over, list):
        if over is None:
            return base
        raise _cannot_override(path, over)
    result: list[Any] = []
    lefts = [x if isinstance(x, dict) else LocMap() for x in over]
    for original in base:
        right = copy_map(original) if isinstance(original, dict) else LocMap()
        for left in lefts:
            if left.get("subnet") != right.get("subnet") and not any(
                c.get("subnet") == left.get("subnet") for c in result
            ):
                result.append(left)
                continue
            for k, v in left.items():  # in place, as Go does
                right[k] = _merge(right[k], v, (*path, k)) if k in right else v
            idx = next(
                (i for i, c in enumerate(result) if c.get("subnet") == right.get("subnet")), -1
            )
            if idx >= 0:
                result[idx] = right
            else:
                result.append(right)
    return LocList(result, loc=getattr(base, "loc", None))


# --- path -> rule ----------------------------------------------------------------------------

_SERVICE_RULES: dict[Path, Merger] = {
    ("annotations",): _merge_key_values,
    ("build",): _merge_build,
    ("build", "args"): _merge_key_values,
    ("build", "additional_contexts"): _merge_key_values,
    ("build", "extra_hosts"): _merge_extra_hosts,
    ("build", "labels"): _merge_key_values,
    ("command",): _replace,
    ("depends_on",): _merge_depends_on,
    ("deploy", "labels"): _merge_key_values,
    ("dns",): _merge_to_sequence,
    ("dns_opt",): _merge_to_sequence,
    ("dns_search",): _merge_to_sequence,
    ("entrypoint",): _replace,
    ("env_file",): _merge_to_sequence,
    ("label_file",): _merge_to_sequence,
    ("environment",): _merge_key_values,
    ("extra_hosts",): _merge_extra_hosts,
    ("healthcheck", "test"): _replace,
    ("labels",): _merge_key_values,
    ("logging",): _merge_logging,
    ("models",): _merge_named,
    ("networks",): _merge_named,
    ("sysctls",): _merge_key_values,
    ("tmpfs",): _merge_to_sequence,
}

_RESOURCE_RULES: dict[tuple[str, Path], Merger] = {
    ("networks", ("ipam", "config")): _merge_ipam_config,
    ("networks", ("labels",)): _merge_key_values,
    ("volumes", ("labels",)): _merge_key_values,
}


def _rule_for(path: Path) -> Merger | None:
    if len(path) < 3:
        return None
    rest = path[2:]
    if path[0] == "services":
        if len(rest) == 2 and rest[0] == "ulimits":
            return _replace
        return _SERVICE_RULES.get(rest)
    return _RESOURCE_RULES.get((path[0], rest))


# --- small helpers ---------------------------------------------------------------------------


def _concat(a: list[Any], b: list[Any]) -> LocList:
    out = LocList(a, loc=getattr(a, "loc", None) or getattr(b, "loc", None))
    out.extend(b)
    out.locs = _locs(a) + _locs(b)
    return out


def _locs(value: list[Any]) -> list[Location | None]:
    """Per-item locations of a list, padded to its length."""
    locs: list[Location | None] = list(getattr(value, "locs", ()))
    if len(locs) == len(value):
        return locs
    if len(locs) < len(value):
        locs.extend([None] * (len(value) - len(locs)))
    return locs[: len(value)]


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return ("\0map", tuple((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("\0seq", tuple(_hashable(v) for v in value))
    return (type(value).__name__, value)


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        out = LocMap(loc=getattr(value, "loc", None))
        for k, v in value.items():
            out[k] = _deep_copy(v)
        locs = getattr(value, "locs", None)
        if locs:
            out.locs = dict(locs)
        return out
    if isinstance(value, list):
        lst = LocList([_deep_copy(v) for v in value], loc=getattr(value, "loc", None))
        lst.locs = _locs(value)
        return lst
    return value
