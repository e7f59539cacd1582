"""What changed between two projects, computed on their graphs (ARCHITECTURE.md, graph contract).

Nodes and edges are compared as sets keyed by their stable ids (edges by source, target and
key), then attribute by attribute. Working on the graph keeps the diff faithful to what the
diagrams show and free of secrets: the graph never holds a secret's content or an
environment value. Results are sorted so the same two inputs always give the same report.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from composedoc.compose.types import LoadOptions
from composedoc.errors import Location, UsageError

if TYPE_CHECKING:
    from composedoc.mask.policy import MaskPolicy
    from composedoc.model.project import Project

__all__ = [
    "KIND_ORDER",
    "Change",
    "EdgeDiff",
    "GraphDiff",
    "NodeDiff",
    "diff_graphs",
    "graph_from_side",
    "graph_of",
    "load_options_for",
    "relocate",
    "relocate_project",
    "side_graph",
    "side_project",
]

Status = Literal["added", "removed", "changed"]
KIND_ORDER = ("service", "port", "volume", "bind", "network", "secret", "config", "container")
_GRAPH_ATTRS = ("name", "profiles")
# Variables that name what to load: OLD and NEW say that explicitly, so these must not.
_LOAD_VARIABLES = ("COMPOSE_FILE", "COMPOSE_PATH_SEPARATOR", "COMPOSE_PROJECT_NAME")


@dataclass(frozen=True)
class Change:
    """One attribute that differs; a missing attribute reads as ``None``."""

    attr: str
    old: Any
    new: Any


@dataclass(frozen=True)
class NodeDiff:
    """A node added, removed or changed; ``attrs`` is the node's newest attribute set."""

    id: str
    kind: str
    status: Status
    changes: tuple[Change, ...] = ()
    attrs: Mapping[str, Any] | None = None

    @property
    def name(self) -> str:
        return self.id.partition(":")[2]


@dataclass(frozen=True)
class EdgeDiff:
    """An edge added, removed or changed, keyed like the graph: source, target, key."""

    source: str
    target: str
    key: str
    kind: str
    status: Status
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class GraphDiff:
    """Everything that differs between the OLD and NEW graphs, in a stable order."""

    nodes: tuple[NodeDiff, ...]
    edges: tuple[EdgeDiff, ...]
    graph: tuple[Change, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.nodes or self.edges or self.graph)

    def counts(self) -> dict[str, int]:
        """``{"added": n, "removed": n, "changed": n}`` over nodes and edges."""
        totals = {"added": 0, "removed": 0, "changed": 0}
        for status in [n.status for n in self.nodes] + [e.status for e in self.edges]:
            totals[status] += 1
        return totals

    def nodes_of(self, kinds: tuple[str, ...]) -> list[NodeDiff]:
        return [n for n in self.nodes if n.kind in kinds]


def _attr_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], prefix: str = ""
) -> tuple[Change, ...]:
    """Differing attributes; nested mappings (``build``) as dotted names (``build.target``)."""
    changes: list[Change] = []
    for key in sorted((set(old) | set(new)) - {"kind"}):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if isinstance(before, Mapping | None) and isinstance(after, Mapping | None):
            changes += _attr_changes(before or {}, after or {}, f"{prefix}{key}.")
        else:
            changes.append(Change(prefix + key, before, after))
    return tuple(changes)


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def diff_graphs(old: Any, new: Any) -> GraphDiff:
    """Compare two graphs from :func:`composedoc.graph.build.build_graph`."""
    old_nodes: dict[str, dict[str, Any]] = dict(old.nodes(data=True))
    new_nodes: dict[str, dict[str, Any]] = dict(new.nodes(data=True))
    nodes: list[NodeDiff] = []
    for node_id in sorted(set(old_nodes) | set(new_nodes)):
        before, after = old_nodes.get(node_id), new_nodes.get(node_id)
        if before is None and after is not None:
            nodes.append(NodeDiff(node_id, str(after.get("kind")), "added", (), after))
        elif after is None and before is not None:
            nodes.append(NodeDiff(node_id, str(before.get("kind")), "removed", (), before))
        elif before is not None and after is not None:
            changes = _attr_changes(before, after)
            if changes:
                nodes.append(NodeDiff(node_id, str(after.get("kind")), "changed", changes, after))
    nodes.sort(key=lambda n: (_kind_rank(n.kind), n.id))

    def edge_map(graph: Any) -> dict[tuple[str, str, str], dict[str, Any]]:
        return {(s, t, str(k)): d for s, t, k, d in graph.edges(keys=True, data=True)}

    old_edges, new_edges = edge_map(old), edge_map(new)
    edges: list[EdgeDiff] = []
    for ident in sorted(set(old_edges) | set(new_edges)):
        e_before, e_after = old_edges.get(ident), new_edges.get(ident)
        if e_before is None and e_after is not None:
            edges.append(EdgeDiff(*ident, str(e_after.get("kind")), "added"))
        elif e_after is None and e_before is not None:
            edges.append(EdgeDiff(*ident, str(e_before.get("kind")), "removed"))
        elif e_before is not None and e_after is not None:
            changes = _attr_changes(e_before, e_after)
            if changes:
                edges.append(EdgeDiff(*ident, str(e_after.get("kind")), "changed", changes))
    graph_changes = tuple(
        Change(attr, old.graph.get(attr), new.graph.get(attr))
        for attr in _GRAPH_ATTRS
        if old.graph.get(attr) != new.graph.get(attr)
    )
    return GraphDiff(tuple(nodes), tuple(edges), graph_changes)


def load_options_for(
    target: str,
    *,
    working_dir: str,
    environ: Mapping[str, str],
    profiles: tuple[str, ...] = (),
    project_name: str | None = None,
) -> LoadOptions:
    """LOAD options for a diff side: a compose file, or a folder to discover files in."""
    env = {k: v for k, v in environ.items() if k not in _LOAD_VARIABLES}
    path = Path(working_dir, target)
    folder = path.is_dir()
    return LoadOptions(
        files=() if folder else (target,),
        working_dir=os.path.normpath(path) if folder else working_dir,
        environ=env,
        profiles=profiles,
        project_name=project_name,
    )


def graph_of(options: LoadOptions, policy: MaskPolicy | None = None) -> Any:
    """Load, bind, mask and build the graph of one side (heavy imports happen here)."""
    from composedoc.compose.project import load_project
    from composedoc.docs.masked_view import masked_view
    from composedoc.mask.policy import DEFAULT_POLICY

    return masked_view(load_project(options), policy or DEFAULT_POLICY).graph


def side_project(
    target: str,
    resources: contextlib.ExitStack,
    *,
    working_dir: str,
    environ: Mapping[str, str],
    profiles: tuple[str, ...] = (),
    project_name: str | None = None,
) -> tuple[Project, str | None, str | None]:
    """The raw (unmasked) typed project of one diff side: a file, a folder or
    ``git:REV:path``, with the temp and real checkout roots of a ``git:`` side (else None).
    A ``git:`` side is copied into a temp folder that lives as long as ``resources``.
    """
    from composedoc.ci.gitsource import is_git_spec, materialize, parse_spec
    from composedoc.compose.project import load_project
    from composedoc.model.bind import bind_project

    checkout = None
    if is_git_spec(target):
        checkout = resources.enter_context(materialize(parse_spec(target), Path(working_dir)))
        target = str(checkout.path)
    elif not Path(working_dir, target).exists():
        raise UsageError("no such file or folder", Location(target))
    options = load_options_for(
        target,
        working_dir=working_dir,
        environ=environ,
        profiles=profiles,
        project_name=project_name,
    )
    project = bind_project(load_project(options))
    if checkout is None:
        return project, None, None
    return project, str(checkout.root), _shown_top(checkout.top)


def graph_from_side(
    side: tuple[Project, str | None, str | None], policy: MaskPolicy | None = None
) -> Any:
    """The masked graph of a side from :func:`side_project` (paths moved out of a checkout)."""
    from composedoc.docs.masked_view import view_of_project
    from composedoc.mask.policy import DEFAULT_POLICY

    project, temp_root, real_root = side
    graph = view_of_project(project, policy or DEFAULT_POLICY).graph
    if temp_root is not None and real_root is not None:
        graph = relocate(graph, temp_root, real_root)
    return graph


def side_graph(
    target: str,
    resources: contextlib.ExitStack,
    *,
    policy: MaskPolicy | None = None,
    **load: Any,
) -> Any:
    """The graph of one diff side (``load`` as for :func:`side_project`), masked by ``policy``."""
    return graph_from_side(side_project(target, resources, **load), policy)


def relocate_project(project: Project, temp_root: str | None, real_root: str | None) -> Project:
    """A ``git:`` side's project with paths under ``temp_root`` moved to ``real_root`` (the
    typed twin of :func:`relocate`: mount sources, build contexts, env files, service files).
    """
    from dataclasses import fields, is_dataclass, replace

    if temp_root is None or real_root is None:
        return project

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            return _moved(value, temp_root, real_root)
        if isinstance(value, tuple):
            return tuple(fix(v) for v in value)
        if is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: fix(getattr(value, f.name)) for f in fields(value)}
            return replace(value, **changes)
        return value

    fixed: Project = fix(project)
    return fixed


def _moved(path: str, temp_root: str, real_root: str) -> str:
    """``path`` under ``temp_root`` moved to ``real_root``; any other string as it is."""
    if path == temp_root or path.startswith(temp_root + "/"):
        return real_root + path[len(temp_root) :]
    return path


def _shown_top(top: Path) -> str:
    """The real checkout folder as the graph would show it (``~`` for the home folder)."""
    from composedoc.model.project import PathShower, home_dir

    return PathShower("/", home_dir())(str(top))  # "/" as project dir: never shown as "."


def relocate(graph: Any, temp_root: str, real_root: str) -> Any:
    """The graph with paths under ``temp_root`` moved to ``real_root`` (ids and attributes).

    A ``git:`` side is loaded from a temp folder; paths that leave its project folder come
    out absolute and would differ from a checkout's for no reason.
    """
    import networkx as nx

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            return _moved(value, temp_root, real_root)
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        return value

    def fix_id(node: str) -> str:
        kind, _, rest = node.partition(":")
        return f"{kind}:{fix(rest)}"

    moved = nx.MultiDiGraph(**fix(dict(graph.graph)))
    moved.add_nodes_from((fix_id(n), fix(d)) for n, d in graph.nodes(data=True))
    moved.add_edges_from(
        (fix_id(s), fix_id(t), k, fix(d)) for s, t, k, d in graph.edges(keys=True, data=True)
    )
    return moved
