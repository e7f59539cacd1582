"""Shorter pages, same facts: rows several services share are shown once.

Stacks repeat themselves: an ``x-`` anchor or one ``env_file`` gives twenty services the
same forty variables, and a page that prints them twenty times hides what differs. Here the
service rows of the page view (environment, labels, mounts) that the same set of services
all have become one shared block, which each of those services links to; a service keeps
only its own rows. Grouping is by the exact set of services holding a row, so a service that
overrides one variable of the anchor still shows its own value, and the anchor's value sits
in the block of the services that keep it. A block is made only when it saves lines.
It works on the masked view only: nothing is shown that the view did not already hold.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["KINDS", "share_rows"]

Row = dict[str, Any]

KINDS = (
    ("environment", "Environment", "variable"),
    ("labels", "Labels", "label"),
    ("mounts", "Mounts", "mount"),
)
"""(view key, title, what one row is) of the rows that may be shared."""


def _worth_it(rows: int, services: int) -> bool:
    """A block costs a heading, a table head and one link per service: share when the
    rows it saves outweigh that (3 rows over 3 services, 2 over 5, 5 over 2)."""
    return (rows - 1) * (services - 1) >= 4


def _key(row: Row) -> str:
    return json.dumps(row, sort_keys=True, default=str)


def _blocks_of(services: list[Row], kind: str) -> list[tuple[list[int], list[Row]]]:
    """``(service indexes, rows)`` per set of services sharing rows, first appearance first."""
    holders: dict[str, list[int]] = {}
    first: dict[str, Row] = {}
    for index, service in enumerate(services):
        for row in service[kind]:
            key = _key(row)
            owners = holders.setdefault(key, [])
            if not owners or owners[-1] != index:
                owners.append(index)
            first.setdefault(key, row)
    groups: dict[tuple[int, ...], list[Row]] = {}
    for key, owners in holders.items():
        if len(owners) >= 2:
            groups.setdefault(tuple(owners), []).append(first[key])
    ordered = sorted(groups.items(), key=lambda item: (item[0][0], -len(item[0]), item[0]))
    return [(list(owners), rows) for owners, rows in ordered if _worth_it(len(rows), len(owners))]


def share_rows(view: dict[str, Any]) -> None:
    """Put the rows several services share in ``view["shared"]`` (in place).

    Every service gets ``shared``, the blocks it uses (``id``, ``label``, ``count``), and
    ``own``: per kind, the rows no block holds, in their order. Its full lists stay as they
    were (the services table and other templates still see every mount).
    """
    services: list[Row] = view["services"]
    blocks: list[Row] = []
    for service in services:
        service["shared"] = []
        service["own"] = {kind: list(service[kind]) for kind, _title, _noun in KINDS}
    for kind, title, noun in KINDS:
        for number, (owners, rows) in enumerate(_blocks_of(services, kind), start=1):
            block_id = f"shared-{kind}-{number}"
            label = f"{title.lower()} {number}"
            blocks.append(
                {
                    "id": block_id,
                    "kind": kind,
                    "title": f"{title} {number}",
                    "noun": noun,
                    "rows": rows,
                    "users": [
                        {"name": services[i]["name"], "anchor": services[i]["anchor"]}
                        for i in owners
                    ],
                }
            )
            moved = {_key(row) for row in rows}
            for index in owners:
                service = services[index]
                own = service["own"]
                own[kind] = [row for row in own[kind] if _key(row) not in moved]
                service["shared"].append(
                    {"id": block_id, "kind": kind, "label": label, "count": len(rows), "noun": noun}
                )
    view["shared"] = blocks
    view["common_networks"] = _common_networks(services)


def _common_networks(services: list[Row]) -> list[str]:
    """The networks every service joins, when they all join the same ones (no aliases, no
    fixed address): said once at the top instead of once per service."""
    seen = {
        tuple(n["name"] for n in s["networks"])
        for s in services
        if not any(n["aliases"] or n["ipv4"] or n["ipv6"] for n in s["networks"])
    }
    if len(services) < 2 or len(seen) != 1 or any(s["network_mode"] for s in services):
        return []
    (names,) = seen
    plain = sum(1 for s in services if tuple(n["name"] for n in s["networks"]) == names)
    return list(names) if plain == len(services) else []
