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

Representation decision for the key/value attributes (``labels``, ``annotations``,
``sysctls``, ``build.args``, ``build.labels``, ``build.additional_contexts``, ``deploy.labels``,
``networks.*.labels``, ``volumes.*.labels``): compose-go turns both sides into ``k=v``
sequences, appends them and dedupes by key (first position, last value). We instead produce a
**mapping** when both sides define the attribute: a list side is parsed (``K=V`` -> ``K: "V"``,
``K`` -> ``K: None``), base keys first, override values win, new keys appended. That is the
same final map Docker Compose prints, and value types are kept (so canonicalisation formats
``1.5e6`` Go-style exactly as for a single file). When only one side defines the attribute it
is left as written (list or mapping): canonicalisation must accept both forms anyway, and must
treat a ``None`` label value as ``""``.

``environment`` is the exception: merged like compose-go, into a ``k=v`` sequence (a null
map value becomes a bare ``K``; unicity then dedupes by key). The difference shows in an
included project, where compose-go resolves bare ``K`` entries from that project's own
``.env`` but leaves null map values to the parent project's environment.

``!reset``/``!override`` (``Reset``/``Override`` from the YAML reader) in the override are
applied first (:mod:`merge_markers`); the side conversions are in :mod:`merge_convert`.

Inputs are not mutated; results may share unmerged subtrees with ``override`` and ``base``
(:func:`extend_service` deep-copies its base, since one base can be extended many times).
Locations: a merged container keeps the base's ``.loc``; a replaced value takes the
override's location.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from composedoc.compose.located import LocList, LocMap
from composedoc.compose.merge_convert import (
    as_build,
    as_mapping,
    as_sequence,
    concat,
    deep_copy,
    hashable,
    item_locs,
    kv_mapping,
)
from composedoc.compose.merge_markers import Override, Reset, apply_resets, strip_markers
from composedoc.compose.unicity import copy_map, enforce_unicity
from composedoc.errors import ComposeFileError, Location

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
    base_copy = deep_copy(base) if isinstance(base, dict) else LocMap()
    if not isinstance(local, dict):
        return base_copy
    return _merge_marked(base_copy, local, ("services", "x"))


def _merge_marked(base: dict[str, Any], override: dict[str, Any], path: Path) -> LocMap:
    stripped = strip_markers(override)
    if stripped is not override:  # some !reset/!override: apply them to the base first
        base = apply_resets(base, override)
    return _merge_mappings(base, stripped, path)


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
        return concat(base, over)
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
    b, o = as_build(base), as_build(over)
    if b is None:
        return over if o is None else o
    if o is None:
        return b
    return _merge_mappings(b, o, path)


def _merge_depends_on(base: Any, over: Any, path: Path) -> Any:
    return _merge_converted(as_mapping(base, True), as_mapping(over, True), path)


def _merge_named(base: Any, over: Any, path: Path) -> Any:
    return _merge_converted(as_mapping(base, False), as_mapping(over, False), path)


def _merge_converted(b: LocMap | None, o: LocMap | None, path: Path) -> Any:
    if b is None:
        return o
    if o is None:
        return b
    return _merge_mappings(b, o, path)


def _merge_logging(base: Any, over: Any, path: Path) -> Any:
    if not isinstance(base, dict) or not isinstance(over, dict):
        return base if over is None else over
    if "driver" in base and "driver" in over and base["driver"] != over["driver"]:
        return over
    return _merge_mappings(base, over, path)


def _merge_key_values(base: Any, over: Any, path: Path) -> Any:
    """labels, args, ...: a mapping, base keys first, override values win."""
    if over is None:
        return base
    if base is None:
        return over
    out = kv_mapping(base)
    for k, v in kv_mapping(over).items():
        out[k] = v
    return out


def _merge_to_sequence(base: Any, over: Any, path: Path) -> Any:
    if over is None:
        return base
    if base is None:
        return over
    return concat(as_sequence(base), as_sequence(over))


def _merge_extra_hosts(base: Any, over: Any, path: Path) -> Any:
    if over is None:
        return base
    if base is None:
        return over
    b, o = as_sequence(base), as_sequence(over)
    seen = {hashable(x) for x in b}
    keep = LocList(loc=o.loc)
    for item, loc in zip(o, item_locs(o), strict=True):
        if hashable(item) not in seen:
            keep.append(item)
            keep.locs.append(loc)
    return concat(b, keep)


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
    ("environment",): _merge_to_sequence,  # see the module docstring
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
