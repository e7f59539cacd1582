"""Masking applied to the whole typed project: every service's environment, command, labels
and names, by the rules of :mod:`composedoc.mask.policy`.

Split from the rules so the rules stay small; :mod:`composedoc.docs.masked_view` calls
:func:`mask_project` once per project.
"""

from __future__ import annotations

from dataclasses import replace

from composedoc.mask.policy import (
    DEFAULT_POLICY,
    MaskPolicy,
    is_sensitive_key,
    looks_secret,
    mask_argv,
    mask_env_value,
    mask_text,
    mask_url_credentials,
    reveal_value,
)
from composedoc.mask.provenance import unwrite_project
from composedoc.model.project import Project, Service

__all__ = ["mask_project"]


def _pairs(pairs: tuple[tuple[str, str], ...], policy: MaskPolicy) -> tuple[tuple[str, str], ...]:
    return tuple((k, mask_env_value(k, v, policy) or "") for k, v in pairs)


def _hidden(
    pairs: tuple[tuple[str, str | None], ...], policy: MaskPolicy
) -> tuple[tuple[str, str | None], ...]:
    """Interpolated values may come from ``.env`` or an ``env_file``: shown as the level
    allows (:func:`reveal_value`)."""
    return tuple((k, reveal_value(k, v, policy)) for k, v in pairs)


def _service(service: Service, policy: MaskPolicy) -> Service:
    build = service.build
    if build is not None:
        build = replace(
            build, context=mask_url_credentials(build.context), args=_hidden(build.args, policy)
        )
    health = service.healthcheck
    if health is not None:
        health = replace(health, test=mask_argv(health.test, policy))
    ann = service.annotation
    return replace(
        service,
        image=mask_url_credentials(service.image) if service.image else service.image,
        build=build,
        command=None if service.command is None else mask_argv(service.command, policy),
        entrypoint=None if service.entrypoint is None else mask_argv(service.entrypoint, policy),
        environment=_hidden(service.environment, policy),
        labels=_pairs(service.labels, policy),
        healthcheck=health,
        annotation=replace(
            ann,
            description=None if ann.description is None else mask_text(ann.description, policy),
        ),
    )


def mask_project(project: Project, policy: MaskPolicy = DEFAULT_POLICY) -> Project:
    """The project with every shown value masked; build the graph from this one.

    Values interpolated from a variable are first shown as written (``${DB_PASSWORD}``,
    :mod:`composedoc.mask.provenance`). The typed project is interpolated, so
    ``environment`` and build ``args`` values (which may come from ``.env`` or an
    ``env_file``) become ``•••``; labels, commands and descriptions keep what does not
    look sensitive. At the level ``sensitive`` only the values of sensitive variables are
    put back as written, and environment values are shown unless they look sensitive.
    """
    if policy.show_values:
        return project
    if policy.level == "sensitive":
        project = unwrite_project(project, lambda name, value: _secret_var(name, value, policy))
    else:
        project = unwrite_project(project)
    return replace(
        project,
        services=tuple(_service(s, policy) for s in project.services),
        disabled_services=tuple(_service(s, policy) for s in project.disabled_services),
    )


def _secret_var(name: str, value: str, policy: MaskPolicy) -> bool:
    """A variable whose value must not be shown at the level ``sensitive``."""
    return is_sensitive_key(name, policy) or looks_secret(value, policy)
