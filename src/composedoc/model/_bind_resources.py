"""Bind the top-level networks, volumes, secrets and configs of the canonical project."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from composedoc.model._bind_values import opt_text, pairs, text
from composedoc.model.project import Network, PathShower, Volume


def bind_network(key: str, raw: Mapping[str, Any] | None) -> Network:
    raw = raw or {}
    ipam = raw.get("ipam") or {}
    return Network(
        key=key,
        name=str(raw.get("name") or key),
        driver=opt_text(raw.get("driver")),
        external=bool(raw.get("external", False)),
        internal=bool(raw.get("internal", False)),
        attachable=bool(raw.get("attachable", False)),
        enable_ipv6=bool(raw.get("enable_ipv6", False)),
        subnets=tuple(
            str(c["subnet"])
            for c in ipam.get("config") or ()
            if isinstance(c, Mapping) and c.get("subnet")
        ),
        labels=pairs(raw.get("labels")),
    )


def bind_volume(key: str, raw: Mapping[str, Any] | None, show: PathShower) -> Volume:
    raw = raw or {}
    opts = raw.get("driver_opts") or {}
    return Volume(
        key=key,
        name=str(raw.get("name") or key),
        driver=opt_text(raw.get("driver")),
        external=bool(raw.get("external", False)),
        driver_opts=tuple(
            sorted(
                (str(k), show(str(v)) if k == "device" else text(v) or "") for k, v in opts.items()
            )
        ),
        labels=pairs(raw.get("labels")),
    )


def grant_source(key: str, raw: Mapping[str, Any] | None, show: PathShower) -> dict[str, Any]:
    """Fields shared by secrets and configs; ``content`` is reduced to its kind."""
    raw = raw or {}
    external = bool(raw.get("external", False))
    file = opt_text(raw.get("file"))
    environment = opt_text(raw.get("environment"))
    source = None
    if external:
        source = "external"
    elif file is not None:
        source = "file"
    elif environment is not None:
        source = "environment"
    elif raw.get("content") is not None:
        source = "content"
    return {
        "key": key,
        "name": str(raw.get("name") or key),
        "source": source,
        "file": show(file) if file is not None else None,
        "environment": environment,
        "external": external,
    }
