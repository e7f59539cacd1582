"""Bind the canonical project (plain dicts) to :mod:`composedoc.model.project`.

The input is what ``docker compose config --format json`` prints, so values already have
their long form; binding only picks fields, turns lists into tuples and rewrites absolute
paths for display. It also tells the ``depends_on`` entries the user wrote from the ones
Compose adds for links, ``volumes_from`` and ``service:`` namespace modes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from composedoc.compose.types import NAMESPACE_KEYS, LoadedProject
from composedoc.invisible import escape_invisible
from composedoc.model._bind_resources import bind_network, bind_volume, grant_source
from composedoc.model._bind_values import argv, env_pairs, opt_int, opt_text, pairs, strings, text
from composedoc.model.project import (
    Annotation,
    Build,
    Config,
    Dependency,
    Deploy,
    Healthcheck,
    Link,
    Mount,
    NetworkAttachment,
    PathShower,
    Port,
    Project,
    ResourceLimits,
    ResourceRef,
    Secret,
    Service,
    VolumesFrom,
    home_dir,
    is_absolute,
    namespace_target,
    paused_gc,
)

_NO_ANNOTATION = Annotation()


def bind_project(project: LoadedProject) -> Project:
    """The typed :class:`~composedoc.model.project.Project` of a loaded project; bidi and
    zero-width characters written ``\u202e`` in every string (outputs show what the file
    holds, not what a browser makes of it)."""
    with paused_gc():
        bound = _bind_project(project)
        return _visible(bound) if project.invisible else bound


def _visible(value: Any) -> Any:
    """``value`` with :func:`~composedoc.invisible.escape_invisible` applied to every string,
    the same object where nothing changed (the walk is skipped unless the loader saw such a
    character; it costs about 0.3 s per 20,000 services)."""
    kind = type(value)
    if kind is str:
        return escape_invisible(value)
    if kind is tuple:
        items = tuple(_visible(v) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    names = _FIELDS.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    changes = {}
    for name in names:
        old = getattr(value, name)
        if old is None or type(old) in _PLAIN:
            continue
        new = _visible(old)
        if new is not old:
            changes[name] = new
    return dataclasses.replace(value, **changes) if changes else value


_FIELDS: dict[type, tuple[str, ...]] = {}
_PLAIN = frozenset({int, bool, float})


def _bind_project(project: LoadedProject) -> Project:
    model = project.model
    home = project.environment.get("HOME") or home_dir()
    show = PathShower(project.working_dir, home, project.absolute_paths)
    written: Mapping[str, Any] | None = project.written_depends_on
    services = model.get("services") or {}
    return Project(
        name=str(model.get("name") or project.name),
        files=tuple(show.relative(f) for f in project.files),
        profiles=tuple(sorted(project.profiles)),
        services=_services(services, show, written, project.service_files),
        disabled_services=_services(
            project.disabled_services or {}, show, written, project.service_files
        ),
        networks=tuple(
            bind_network(k, v) for k, v in sorted((model.get("networks") or {}).items())
        ),
        volumes=tuple(
            bind_volume(k, v, show) for k, v in sorted((model.get("volumes") or {}).items())
        ),
        secrets=tuple(
            Secret(**grant_source(k, v, show))
            for k, v in sorted((model.get("secrets") or {}).items())
        ),
        configs=tuple(
            Config(**grant_source(k, v, show))
            for k, v in sorted((model.get("configs") or {}).items())
        ),
        interpolated=tuple(sorted(project.interpolated.items())),
        variable_values=tuple(sorted(project.variable_values.items())),
    )


def _services(
    services: Mapping[str, Any],
    show: PathShower,
    written: Mapping[str, Any] | None,
    files: Mapping[str, str],
) -> tuple[Service, ...]:
    return tuple(
        bind_service(
            name,
            services[name] or {},
            show,
            None if written is None else written.get(name, ()),
            show.relative(files[name]) if name in files else None,
        )
        for name in sorted(services)
    )


def bind_service(
    name: str,
    raw: Mapping[str, Any],
    show: PathShower,
    written: Any = None,
    file: str | None = None,
) -> Service:
    """One service. ``written`` is the set of depends_on targets the user wrote, if known;
    ``file`` the compose file that defines it, as shown."""
    links = tuple(_link(spec) for spec in raw.get("links") or ())
    volumes_from = tuple(_volumes_from(spec) for spec in raw.get("volumes_from") or ())
    modes = {key: opt_text(raw.get(key)) for key in NAMESPACE_KEYS}
    restart_sources = {link.service for link in links}
    for mode in modes.values():
        target = namespace_target(mode)
        if target and target[0] == "service":
            restart_sources.add(target[1])
    plain_sources = {v.source for v in volumes_from if v.kind == "service"}
    deps = tuple(
        _dependency(
            target,
            spec or {},
            restart_sources,
            plain_sources,
            None if written is None else target in written,
        )
        for target, spec in sorted((raw.get("depends_on") or {}).items())
    )
    build = raw.get("build")
    return Service(
        name=name,
        image=opt_text(raw.get("image")),
        build=_build(build, show) if isinstance(build, Mapping) else None,
        command=argv(raw.get("command")),
        entrypoint=argv(raw.get("entrypoint")),
        environment=env_pairs(raw.get("environment")),
        env_files=tuple(_env_file(e, show) for e in raw.get("env_file") or ()),
        labels=pairs(raw.get("labels")),
        ports=tuple(_port(p) for p in raw.get("ports") or () if isinstance(p, Mapping)),
        expose=strings(raw.get("expose")),
        mounts=tuple(_mount(m, show) for m in raw.get("volumes") or () if isinstance(m, Mapping)),
        tmpfs=strings(raw.get("tmpfs")),
        networks=tuple(_attachment(k, v) for k, v in sorted((raw.get("networks") or {}).items())),
        links=links,
        external_links=strings(raw.get("external_links")),
        volumes_from=volumes_from,
        depends_on=deps,
        secrets=tuple(_ref(r) for r in raw.get("secrets") or ()),
        configs=tuple(_ref(r) for r in raw.get("configs") or ()),
        healthcheck=_healthcheck(raw.get("healthcheck")),
        restart=opt_text(raw.get("restart")),
        deploy=_deploy(raw.get("deploy")),
        profiles=tuple(sorted(strings(raw.get("profiles")))),
        container_name=opt_text(raw.get("container_name")),
        hostname=opt_text(raw.get("hostname")),
        user=opt_text(raw.get("user")),
        working_dir=opt_text(raw.get("working_dir")),
        platform=opt_text(raw.get("platform")),
        annotation=_annotation(raw),
        file=file,
        **modes,
    )


def _dependency(
    target: str,
    spec: Mapping[str, Any],
    restart_sources: set[str],
    plain_sources: set[str],
    was_written: bool | None,
) -> Dependency:
    """A depends_on entry, flagged implicit when Compose (not the user) added it.

    Without the loader's record of what was written, an entry is implicit when it is
    exactly what Compose would add for a link/``service:`` mode (started, required,
    restart) or a ``volumes_from`` (started, required, no restart). Compose never
    overwrites a written entry, so a written entry that differs keeps its own values.
    """
    condition = str(spec.get("condition") or "service_started")
    required = bool(spec.get("required", True))
    restart = bool(spec.get("restart", False))
    if was_written is not None:
        implicit = not was_written
    elif condition != "service_started" or not required:
        implicit = False
    elif target in restart_sources:
        implicit = restart
    else:
        implicit = target in plain_sources and not restart
    return Dependency(target, condition, required, restart, implicit)


def _link(spec: str) -> Link:
    service, _, alias = str(spec).partition(":")
    return Link(service, alias or None)


def _volumes_from(spec: str) -> VolumesFrom:
    parts = str(spec).split(":")
    kind = "service"
    if parts[0] == "container" and len(parts) > 1:
        kind, parts = "container", parts[1:]
    read_only = len(parts) > 1 and parts[1] == "ro"
    return VolumesFrom(parts[0], kind, read_only)


def _build(raw: Mapping[str, Any], show: PathShower) -> Build:
    context = str(raw.get("context") or ".")
    dockerfile = opt_text(raw.get("dockerfile"))
    if dockerfile is not None and is_absolute(dockerfile):
        dockerfile = show(dockerfile)
    return Build(
        context=show(context),
        dockerfile=dockerfile,
        dockerfile_inline=raw.get("dockerfile_inline") is not None,
        target=opt_text(raw.get("target")),
        args=env_pairs(raw.get("args")),
        additional_contexts=tuple(
            sorted(
                (str(k), show(str(v))) for k, v in (raw.get("additional_contexts") or {}).items()
            )
        ),
        secrets=tuple(_ref(r) for r in raw.get("secrets") or ()),
    )


def _env_file(raw: Any, show: PathShower) -> tuple[str, bool]:
    if isinstance(raw, Mapping):
        return show(str(raw.get("path"))), bool(raw.get("required", True))
    return show(str(raw)), True


def _port(raw: Mapping[str, Any]) -> Port:
    return Port(
        target=int(raw.get("target") or 0),
        published=opt_text(raw.get("published")),
        host_ip=opt_text(raw.get("host_ip")),
        protocol=str(raw.get("protocol") or "tcp"),
        mode=str(raw.get("mode") or "ingress"),
        app_protocol=opt_text(raw.get("app_protocol")),
        name=opt_text(raw.get("name")),
    )


def _mount(raw: Mapping[str, Any], show: PathShower) -> Mount:
    kind = str(raw.get("type") or "volume")
    source = opt_text(raw.get("source"))
    if source is not None and kind in ("bind", "npipe"):
        source = show(source)
    options: list[tuple[str, str]] = []
    for group in ("bind", "volume", "tmpfs", "image"):
        sub = raw.get(group)
        if isinstance(sub, Mapping):
            options.extend((f"{group}.{k}", text(v) or "") for k, v in sub.items())
    if raw.get("consistency"):
        options.append(("consistency", str(raw["consistency"])))
    return Mount(
        type=kind,
        target=str(raw.get("target") or ""),
        source=source,
        read_only=bool(raw.get("read_only", False)),
        options=tuple(sorted(options)),
    )


def _attachment(key: str, raw: Mapping[str, Any] | None) -> NetworkAttachment:
    raw = raw or {}
    return NetworkAttachment(
        network=key,
        aliases=strings(raw.get("aliases")),
        ipv4_address=opt_text(raw.get("ipv4_address")),
        ipv6_address=opt_text(raw.get("ipv6_address")),
        priority=opt_int(raw.get("priority")),
        mac_address=opt_text(raw.get("mac_address")),
    )


def _ref(raw: Any) -> ResourceRef:
    if not isinstance(raw, Mapping):
        return ResourceRef(str(raw))
    return ResourceRef(
        source=str(raw.get("source")),
        target=opt_text(raw.get("target")),
        uid=text(raw.get("uid")),
        gid=text(raw.get("gid")),
        mode=opt_text(raw.get("mode")),
    )


def _healthcheck(raw: Any) -> Healthcheck | None:
    if not isinstance(raw, Mapping):
        return None
    return Healthcheck(
        test=strings(raw.get("test")),
        interval=opt_text(raw.get("interval")),
        timeout=opt_text(raw.get("timeout")),
        start_period=opt_text(raw.get("start_period")),
        start_interval=opt_text(raw.get("start_interval")),
        retries=opt_int(raw.get("retries")),
        disable=bool(raw.get("disable", False)),
    )


def _limits(raw: Any) -> ResourceLimits | None:
    if not isinstance(raw, Mapping) or not raw:
        return None
    return ResourceLimits(
        cpus=text(raw.get("cpus")),
        memory=text(raw.get("memory")),
        pids=opt_int(raw.get("pids")),
    )


def _deploy(raw: Any) -> Deploy | None:
    if not isinstance(raw, Mapping):
        return None
    resources = raw.get("resources") or {}
    policy = raw.get("restart_policy") or {}
    return Deploy(
        mode=opt_text(raw.get("mode")),
        replicas=opt_int(raw.get("replicas")),
        limits=_limits(resources.get("limits")),
        reservations=_limits(resources.get("reservations")),
        restart_policy=text(policy.get("condition")),
    )


def _annotation(raw: Mapping[str, Any]) -> Annotation:
    """``x-composedoc`` keys win over ``composedoc.<key>`` labels; ``hide`` means ``hidden``."""
    ext = raw.get("x-composedoc") or {}
    if not ext and not raw.get("labels"):
        return _NO_ANNOTATION
    labels = dict(raw.get("labels") or {})
    if not isinstance(ext, Mapping):
        ext = {}
    ext = {("hidden" if key == "hide" else key): value for key, value in ext.items()}
    if "composedoc.hide" in labels:
        labels.setdefault("composedoc.hidden", labels["composedoc.hide"])
    values: dict[str, Any] = {}
    for key in ("icon", "group", "description", "hidden"):
        if key in ext:
            values[key] = ext[key]
        elif f"composedoc.{key}" in labels:
            values[key] = labels[f"composedoc.{key}"]
    hidden = values.get("hidden", False)
    if isinstance(hidden, str):
        hidden = hidden.strip().lower() in ("1", "true", "yes", "on")
    return Annotation(
        icon=text(values.get("icon")),
        group=text(values.get("group")),
        description=text(values.get("description")),
        hidden=bool(hidden),
    )
