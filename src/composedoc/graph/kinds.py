"""The node and edge kinds of the project graph, declared once.

They are ``StrEnum`` members, so they compare equal to (and serialise as) the plain strings
of the graph JSON contract: ``NodeKind.SERVICE == "service"``. Code that reads a graph back
from JSON sees plain strings and still matches them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from composedoc.compose.types import NAMESPACE_KEYS

__all__ = ["NAMESPACE_KINDS", "SHARE_KINDS", "EdgeKind", "NodeKind", "node_id"]


class NodeKind(StrEnum):
    """What a node stands for; its id is ``<kind>:<key>``."""

    SERVICE = "service"
    NETWORK = "network"
    VOLUME = "volume"
    BIND = "bind"
    PORT = "port"
    SECRET = "secret"
    CONFIG = "config"
    CONTAINER = "container"


class EdgeKind(StrEnum):
    """What an edge (always starting at a service) means."""

    DEPENDS_ON = "depends_on"
    LINK = "link"
    NETWORK_MODE = "network_mode"
    IPC = "ipc"
    PID = "pid"
    UTS = "uts"
    CGROUP = "cgroup"
    VOLUMES_FROM = "volumes_from"
    BUILD_CONTEXT = "build_context"
    NETWORK = "network"
    MOUNT = "mount"
    PUBLISH = "publish"
    SECRET = "secret"
    CONFIG = "config"


NAMESPACE_KINDS: Final = tuple(EdgeKind(key) for key in NAMESPACE_KEYS)
"""Edges from `network_mode`, `ipc`, `pid`, `uts`, `cgroup` set to `service:x` or `container:x`."""

SHARE_KINDS: Final = frozenset((*NAMESPACE_KINDS, EdgeKind.VOLUMES_FROM))
"""Edges that share a namespace or the mounts of another service: drawn alike."""


def node_id(kind: NodeKind, key: str) -> str:
    """``service:web``, ``volume:db-data``: the stable id of a node."""
    return f"{kind}:{key}"
