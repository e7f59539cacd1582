"""Automatic abstraction of large scenes: fewer, richer cards instead of many thin arcs.

A real 57-service stack drew 25 workers of one image, each with its own edges to the same
dependencies and 106 labelled arcs to 4 shared mounts: 22 crossings per edge. Above
:data:`ABSTRACT_AT` services in view (``--no-abstract`` turns it off):

* a bind of one file (``./nginx.conf``) used by one service is a line on its card;
* a volume, bind, secret or config used by :data:`SHARED_AT` services or more is a line on
  each user's card (``mounts: certs``) instead of one arc per user;
* equivalent services (same image or build, same dependencies, same networks and box, same
  mounts shape) become one stacked card ``N x image`` listing every member; the edges to and
  from them are drawn once, with a count.

Everything is keyed by sorted ids, so the same scene always abstracts the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from composedoc.render.scene import EDGE_ORDER, Scene, SEdge, SNode, service_name

ABSTRACT_AT = 12
"""Services in view above which a scene is abstracted by default."""

SHARED_AT = 3
"""A resource with this many users or more is written on their cards, not drawn."""

HUB_SHARE = 0.4
"""A service that this share of the others (and at least :data:`SHARED_AT`) depends on is a
hub: its dependents say ``needs: <hub>`` on their cards instead of drawing an arc each."""

STACK_MIN = 2
"""Equivalent services drawn as one card when at least this many."""

_CARD_KINDS = {"volume": "mounts", "bind": "mounts", "secret": "secrets", "config": "configs"}
_MEMBERS_PER_LINE = 3
_CARD_LINE_MAX = 3


def should_abstract(scene: Scene, limit: int = ABSTRACT_AT) -> bool:
    """More services than a plain picture keeps legible."""
    return sum(1 for n in scene.nodes.values() if n.kind == "service") > limit


def abstract_scene(scene: Scene) -> Scene:
    """Fold, summarise and stack (in place; see the module docstring)."""
    notes: dict[str, list[str]] = {}
    users = _users(scene)
    folded: set[str] = set()
    for resource, owners in sorted(users.items()):
        node = scene.nodes[resource]
        if len(owners) == 1 and node.kind == "bind":
            what = "files" if _is_file(node.label) else "binds"
            _fold(scene, resource, owners, notes, what, _tail(node.label))
            folded.add(resource)
        elif len(owners) >= SHARED_AT and node.kind in _CARD_KINDS:
            _fold(scene, resource, owners, notes, _CARD_KINDS[node.kind], _short(node))
            folded.add(resource)
    if folded:  # their edges go in one pass (one pass per resource was quadratic)
        scene.edges = [e for e in scene.edges if e.source not in folded and e.target not in folded]
    _hubs(scene, notes)
    _stack(scene, notes)
    for service, lines in sorted(notes.items()):
        node = scene.nodes[service]
        text = _card_lines(lines)
        node.sublabel = "\n".join(p for p in (node.sublabel, text) if p)
        node.tooltip += "\n" + "\n".join(sorted(set(lines)))
    return scene


def _users(scene: Scene) -> dict[str, set[str]]:
    """Resource id -> the services whose edges reach it."""
    users: dict[str, set[str]] = {}
    for edge in scene.edges:
        for mine, other in ((edge.source, edge.target), (edge.target, edge.source)):
            kind = scene.nodes[mine].kind
            if (kind in _CARD_KINDS or kind == "port") and scene.nodes[other].kind == "service":
                users.setdefault(mine, set()).add(other)
    return users


def _is_file(path: str) -> bool:
    """``./conf/nginx.conf`` and ``/var/run/docker.sock`` are files; ``./data`` is not sure."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    stem, dot, suffix = last.rpartition(".")
    return bool(dot and stem and suffix and suffix.isalnum() and len(suffix) <= 8)


def _basename(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def _tail(path: str) -> str:
    """A file by its name, a folder by its last two parts (``http/log``)."""
    if _is_file(path):
        return _basename(path)
    parts = [p for p in path.rstrip("/").split("/") if p not in ("", ".", "…")]
    return "/".join(parts[-2:]) or path


def _short(node: SNode) -> str:
    return _tail(node.label) if node.kind == "bind" else node.label


def _fold(
    scene: Scene,
    resource: str,
    owners: Iterable[str],
    notes: dict[str, list[str]],
    what: str,
    name: str,
) -> None:
    """Drop the resource (the caller drops its edges); each owner's card says
    ``what: name``."""
    for owner in sorted(owners):
        notes.setdefault(owner, []).append(f"{what}: {name}")
    del scene.nodes[resource]


def _hubs(scene: Scene, notes: dict[str, list[str]]) -> None:
    """Plain ``depends_on`` arcs into a hub become a ``needs:`` line on each dependent."""
    services = [n.id for n in scene.nodes.values() if n.kind == "service"]
    into: dict[str, set[str]] = {}
    for edge in scene.edges:
        if edge.kind == "depends_on" and scene.nodes[edge.source].kind == "service":
            into.setdefault(edge.target, set()).add(edge.source)
    at = max(SHARED_AT, round(HUB_SHARE * len(services)))
    hubs = {hub for hub, users in into.items() if len(users) >= at}
    if not hubs:
        return
    kept = []
    for edge in scene.edges:
        if edge.kind == "depends_on" and edge.target in hubs and edge.source not in hubs:
            notes.setdefault(edge.source, []).append(f"needs: {scene.nodes[edge.target].label}")
        else:
            kept.append(edge)
    scene.edges = kept
    for hub in sorted(hubs):
        node = scene.nodes[hub]
        node.sublabel = "\n".join(p for p in (node.sublabel, f"needed by {len(into[hub])}") if p)
        node.tooltip += "\nneeded by: " + ", ".join(sorted(service_name(u) for u in into[hub]))


def _card_lines(lines: list[str]) -> str:
    """``files: a.conf, b.yml`` one line per kind, at most a few names then ``+N``."""
    by_kind: dict[str, list[str]] = {}
    for line in sorted(set(lines)):
        what, _, name = line.partition(": ")
        by_kind.setdefault(what, []).append(name)
    out = []
    for what, names in sorted(by_kind.items()):
        shown = ", ".join(names[:_CARD_LINE_MAX])
        more = f" +{len(names) - _CARD_LINE_MAX}" if len(names) > _CARD_LINE_MAX else ""
        out.append(f"{what}: {shown}{more}")
    return "\n".join(out)


def _stack(scene: Scene, notes: dict[str, list[str]]) -> None:
    """Equivalent services into one card (the first member's id stays the card's id)."""
    users = _users(scene)
    private = {r for r, owners in users.items() if len(owners) == 1}
    out: dict[str, list[SEdge]] = {}
    for edge in scene.edges:
        out.setdefault(edge.source, []).append(edge)
        if edge.target in private or edge.source in private:
            out.setdefault(edge.target, []).append(edge)
    signatures: dict[tuple[object, ...], list[str]] = {}
    for node in scene.nodes.values():
        if node.kind != "service":
            continue
        signatures.setdefault(_signature(scene, node, out, private, notes), []).append(node.id)
    rename: dict[str, str] = {}
    for members in signatures.values():
        if len(members) < STACK_MIN:
            continue
        members.sort()
        rep = members[0]
        for member in members:
            rename[member] = rep
        _merge_private(scene, members, out, private, rename)
        _stack_card(scene, members, notes)
    if rename:
        _remap_edges(scene, rename)


def _signature(
    scene: Scene,
    node: SNode,
    out: dict[str, list[SEdge]],
    private: set[str],
    notes: dict[str, list[str]],
) -> tuple[object, ...]:
    """What must be equal for two services to share a card (never the name)."""
    shape = []
    for edge in out.get(node.id, ()):
        other = edge.target if edge.source == node.id else edge.source
        look = (edge.kind, edge.label, edge.style, edge.tone, edge.source == node.id)
        if other in private:
            kind = scene.nodes[other].kind
            shape.append((kind, *look) if kind != "port" else ("port",))
        elif other == node.id:
            shape.append(("self", *look))
        else:
            shape.append((other, *look))
    own = ("files: ", "binds: ")
    shared = sorted(line for line in notes.get(node.id, ()) if not line.startswith(own))
    return (
        node.sublabel,
        node.icon,
        node.cluster,
        node.networks,
        tuple(scene.memberships.get(node.id, ())),
        tuple(sorted(shape)),
        tuple(shared),
        tuple(sorted(node.flags)),
    )


def _merge_private(
    scene: Scene,
    members: list[str],
    out: dict[str, list[SEdge]],
    private: set[str],
    rename: dict[str, str],
) -> None:
    """The members' own resources of one shape become one node listing them all."""
    slots: dict[tuple[object, ...], list[str]] = {}
    for member in members:
        for edge in sorted(out.get(member, ()), key=EDGE_ORDER):
            other = edge.target if edge.source == member else edge.source
            if other in private:
                kind = scene.nodes[other].kind
                look = (kind, edge.kind, edge.label, edge.source == member)
                slots.setdefault(look if kind != "port" else ("port",), []).append(other)
                if kind == "port":  # ports of all members in one box, each saying whose
                    port = scene.nodes[other]
                    whose = f"{edge.label} ({service_name(member)})".strip()
                    lines = port.label.split("\n")
                    port.label = "\n".join(f"{line} {whose}" for line in lines)
    for ids in slots.values():
        first = scene.nodes[ids[0]]
        first.label = "\n".join(scene.nodes[i].label for i in ids)
        first.tooltip = "\n".join(scene.nodes[i].tooltip for i in ids)
        for other in ids[1:]:
            rename[other] = ids[0]
            del scene.nodes[other]


def _stack_card(scene: Scene, members: list[str], notes: dict[str, list[str]]) -> None:
    """``N x image`` and the member names, a few per line (all of them in the tooltip too)."""
    rep = scene.nodes[members[0]]
    names = [service_name(m) for m in members]
    image = rep.sublabel or "same build"
    lines = [", ".join(names[i : i + _MEMBERS_PER_LINE]) for i in range(0, len(names), 3)]
    rep.label = f"{len(members)} x {image}"
    rep.sublabel = "\n".join(lines)
    rep.tooltip = (
        f"{len(members)} services, same image, dependencies, networks and mounts:\n"
        + "\n".join(names)
        + "\n"
        + rep.tooltip.split("\n", 1)[-1]
    )
    rep.flags = rep.flags | {"stack"}
    rep.members = tuple(names)
    for member in members[1:]:
        for line in notes.pop(member, []):
            if line not in notes.setdefault(members[0], []):
                notes[members[0]].append(line)
        if member in scene.files and members[0] in scene.files:
            del scene.files[member]
        scene.memberships.pop(member, None)
        del scene.nodes[member]


def _remap_edges(scene: Scene, rename: dict[str, str]) -> None:
    """Edges of stacked members once each; between services with ``xN`` when several."""
    counts: Counter[SEdge] = Counter()
    stacks = set(rename.values())
    for edge in scene.edges:
        moved = replace(
            edge,
            source=rename.get(edge.source, edge.source),
            target=rename.get(edge.target, edge.target),
        )
        if moved.kind == "publish" and moved.target in stacks:
            moved = replace(moved, label="")  # the port box says where each one goes
        counts[moved] += 1
    edges = []
    for edge, count in counts.items():
        both = scene.nodes[edge.source].kind == "service" == scene.nodes[edge.target].kind
        if count > 1 and both:
            edge = replace(edge, label=f"{edge.label} x{count}".strip())
        edges.append(edge)
    scene.edges = sorted(edges, key=EDGE_ORDER)
