"""The typed project: frozen dataclasses bound from the loader's canonical dicts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composedoc._lazy import lazy_exports

if TYPE_CHECKING:
    from composedoc.model.bind import bind_project
    from composedoc.model.project import (
        Annotation,
        Build,
        Config,
        ConfigRef,
        Dependency,
        Deploy,
        Healthcheck,
        Link,
        Mount,
        Network,
        NetworkAttachment,
        PathShower,
        Port,
        Project,
        ResourceLimits,
        ResourceRef,
        Secret,
        SecretRef,
        Service,
        Volume,
        VolumesFrom,
        namespace_target,
    )

__all__ = [
    "Annotation",
    "Build",
    "Config",
    "ConfigRef",
    "Dependency",
    "Deploy",
    "Healthcheck",
    "Link",
    "Mount",
    "Network",
    "NetworkAttachment",
    "PathShower",
    "Port",
    "Project",
    "ResourceLimits",
    "ResourceRef",
    "Secret",
    "SecretRef",
    "Service",
    "Volume",
    "VolumesFrom",
    "bind_project",
    "namespace_target",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "Annotation": "composedoc.model.project",
        "Build": "composedoc.model.project",
        "Config": "composedoc.model.project",
        "ConfigRef": "composedoc.model.project",
        "Dependency": "composedoc.model.project",
        "Deploy": "composedoc.model.project",
        "Healthcheck": "composedoc.model.project",
        "Link": "composedoc.model.project",
        "Mount": "composedoc.model.project",
        "Network": "composedoc.model.project",
        "NetworkAttachment": "composedoc.model.project",
        "PathShower": "composedoc.model.project",
        "Port": "composedoc.model.project",
        "Project": "composedoc.model.project",
        "ResourceLimits": "composedoc.model.project",
        "ResourceRef": "composedoc.model.project",
        "Secret": "composedoc.model.project",
        "SecretRef": "composedoc.model.project",
        "Service": "composedoc.model.project",
        "Volume": "composedoc.model.project",
        "VolumesFrom": "composedoc.model.project",
        "bind_project": "composedoc.model.bind",
        "namespace_target": "composedoc.model.project",
    },
)
