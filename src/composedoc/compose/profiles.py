"""Profiles: which services are active (compose-go ``WithProfiles`` / ``HasProfile``).

A service without profiles is always on; one with profiles is on when one of them is active or
when ``*`` is active. Disabled services leave ``services`` but are kept aside, so that checks can
tell "disabled" from "undefined" and ``config --profiles`` could list them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def has_profile(service: Any, active: Iterable[str]) -> bool:
    """True when the service has no profiles or one of them is active (``*`` = all)."""
    declared = service.get("profiles") if isinstance(service, dict) else None
    if not declared:
        return True
    # With no profile given Compose's list is [""] (an empty COMPOSE_PROFILES split on commas),
    # so a service that declares the profile "" is on until a profile is named.
    return any(profile == "*" or profile in declared for profile in (list(active) or [""]))


def split_services(
    services: dict[str, Any], active: list[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(enabled, disabled) services for the active profiles, keys kept in order."""
    enabled: dict[str, Any] = type(services)() if isinstance(services, dict) else {}
    disabled: dict[str, Any] = {}
    locs = getattr(services, "locs", None)
    for name, service in services.items():
        if has_profile(service, active):
            enabled[name] = service
            if locs is not None and name in locs:
                enabled.locs[name] = locs[name]  # type: ignore[attr-defined]
        else:
            disabled[name] = service
    if locs is not None:
        enabled.loc = services.loc  # type: ignore[attr-defined]
    return enabled, disabled
