"""The stack-level sections of a page: Variables, Endpoints and How to run.

What an operator asks before reading any service: which variables must be set (and which
are unset now), which ports the stack opens on the host and to whom, and the command that
starts it with each profile. Rows are built here from facts already masked
(:mod:`composedoc.docs.masked_view`), so templates only print them.
"""

from __future__ import annotations

import shlex
from typing import Any

from composedoc.docs.facts import DocFacts
from composedoc.docs.stackfacts import Variable
from composedoc.model.project import Port, Project

__all__ = ["endpoint_reach", "stack_view"]

Row = dict[str, Any]
_NEED = {
    "required": "required",
    "plain": "no default (empty when unset)",
    "default": "optional (has a default)",
    "alternate": "optional (only used when set)",
}
_SET = {"shell": "environment", ".env": ".env file", "unset": "not set"}


def endpoint_reach(port: Port) -> str:
    """Who can connect, in words: every interface, loopback only, or one address."""
    ip = port.host_ip or ""
    if ip in ("", "0.0.0.0", "::", "[::]"):
        return "all interfaces (reachable from other machines)"
    if ip.startswith("127.") or ip in ("::1", "[::1]", "localhost"):
        return "loopback only (this machine)"
    return f"only on {ip}"


def _variable(var: Variable) -> Row:
    unset = var.origin == "unset"
    flag = None
    if unset and var.need == "required":
        flag = "unset: Compose stops with an error"
    elif unset and var.need == "plain":
        flag = "unset: read as an empty string"
    return {
        "name": var.name,
        "need": _NEED.get(var.need, var.need),
        "required": var.need in ("required", "plain"),
        "uses": list(var.uses),
        "more_uses": var.more_uses,
        "defaults": list(var.defaults),
        "set_in": _SET.get(var.origin, var.origin),
        "value": None if unset else var.value,
        "flag": flag,
    }


def _endpoints(project: Project, anchors: dict[str, str]) -> list[Row]:
    rows = []
    for service in project.services:
        for port in service.ports:
            rows.append(
                {
                    "service": service.name,
                    "anchor": anchors.get(service.name),
                    "host_ip": port.host_ip,
                    "host_port": port.published or "ephemeral",
                    "protocol": port.protocol,
                    "container_port": str(port.target),
                    "reach": endpoint_reach(port),
                }
            )
    return rows


def _command(files: list[str], profiles: list[str], tail: str) -> str:
    parts = ["docker", "compose"]
    for file in files:
        parts += ["-f", file]
    for profile in profiles:
        parts += ["--profile", profile]
    return shlex.join(parts) + " " + tail


def _run(project: Project, facts: DocFacts) -> Row:
    files = list(project.files)
    active = list(project.profiles)
    every: dict[str, list[str]] = {}
    for service in (*project.services, *project.disabled_services):
        for profile in service.profiles:
            every.setdefault(profile, []).append(service.name)
    return {
        "files": files,
        "up": _command(files, active, "up -d"),
        "profiles": [
            {
                "name": name,
                "services": sorted(names),
                "active": name in active,
                "command": _command(files, sorted({*active, name}), "up -d"),
            }
            for name, names in sorted(every.items())
        ],
        "siblings": [{"file": f} for f in facts.siblings],
    }


def stack_view(project: Project, facts: DocFacts, anchors: dict[str, str]) -> Row:
    """``variables``, ``endpoints`` and ``run`` for the page (``project`` and ``facts``
    already masked)."""
    return {
        "variables": [_variable(v) for v in facts.variables],
        "endpoints": _endpoints(project, anchors),
        "run": _run(project, facts),
    }
