"""Project-wide checks on the active services: dependency cycles and container names.

Split from :mod:`composedoc.compose.consistency` (per-service checks). ``check_cycles`` is
compose-go ``graph.CheckCycle``; ``check_container_names`` is what ``docker compose config``
adds. Services are visited in name order so the reported error is deterministic.
"""

from __future__ import annotations

from typing import Any

from composedoc.compose.located import loc_of
from composedoc.errors import ConsistencyError, Location

__all__ = ["INVALID", "check_container_names", "check_cycles", "fail"]

INVALID = "invalid compose project"


def fail(message: str, where: Location | None) -> ConsistencyError:
    return ConsistencyError(message, where)


def check_cycles(services: dict[str, Any], disabled: dict[str, Any]) -> None:
    """``graph.CheckCycle``: first cycle found walking names in sorted order."""
    children: dict[str, list[str]] = {}
    for name, service in services.items():
        deps = service.get("depends_on") or {}
        kids = []
        for dep, cfg in deps.items():
            if dep in services:
                kids.append(dep)
            elif (cfg or {}).get("required", True):
                if dep in disabled:
                    profiles = " ".join(disabled[dep].get("profiles") or [])
                    raise fail(
                        f'service "{dep}" is required by "{name}" but is disabled. Can be '
                        f"enabled by profiles [{profiles}]",
                        loc_of(deps, dep),
                    )
                raise fail(f'service "{name}" depends on unknown service "{dep}"', None)
        children[name] = sorted(kids)

    done: set[str] = set()
    for name in sorted(children):
        if name not in done:
            _search(name, children, done, services)


def _search(
    start: str, children: dict[str, list[str]], done: set[str], services: dict[str, Any]
) -> None:
    """Depth-first from ``start`` with an explicit stack (chains of thousands of services
    are valid Compose: no recursion), children in sorted order, first cycle reported."""
    path = [start]
    on_path = {start}
    pending = [iter(children[start])]
    while pending:
        child = next(pending[-1], None)
        if child is None:
            pending.pop()
            on_path.discard(path[-1])
            done.add(path.pop())
            continue
        if child in on_path:
            cycle = path[path.index(child) :]
            where = loc_of(services[path[-1]].get("depends_on"), child)
            raise fail(
                f"dependency cycle detected: {' -> '.join(cycle)} -> {child}",
                where or loc_of(services, path[-1]),
            )
        if child in done:
            continue
        path.append(child)
        on_path.add(child)
        pending.append(iter(children[child]))


def check_container_names(services: dict[str, Any]) -> None:
    """``CheckContainerNameUnicity`` as ``docker compose config`` runs it."""
    seen: dict[str, str] = {}
    for name in sorted(services):
        container = services[name].get("container_name")
        if container:
            if container in seen:
                raise fail(
                    f'services.{name}: container name "{container}" is already in use by '
                    f'service {seen[container]}"',
                    loc_of(services[name], "container_name"),
                )
            seen[container] = name
