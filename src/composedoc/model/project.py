"""The typed project: small frozen dataclasses that graphs, diagrams and docs read.

The loader gives plain dicts (``docker compose config --format json``); renderers want
names they can rely on. Everything here is immutable and hashable (tuples, not lists), and
no path is absolute inside the project directory: paths read ``./web`` or ``.``, or start
with ``~`` for the home folder, so outputs are the same on every machine. Binding lives in
:mod:`composedoc.model.bind`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from composedoc.model.paths import PathShower, home_dir, is_absolute, namespace_target, paused_gc

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
    "home_dir",
    "is_absolute",
    "namespace_target",
    "paused_gc",
]

Pairs = tuple[tuple[str, str], ...]
"""A mapping as sorted ``(key, value)`` pairs: hashable and ordered."""


@dataclass(frozen=True)
class Build:
    """How an image is built. ``context`` is ``./dir``, ``.``, ``~/...`` or a URL."""

    context: str
    dockerfile: str | None = None
    dockerfile_inline: bool = False
    target: str | None = None
    args: tuple[tuple[str, str | None], ...] = ()
    additional_contexts: Pairs = ()
    secrets: tuple[ResourceRef, ...] = ()

    @property
    def context_services(self) -> tuple[tuple[str, str], ...]:
        """``(context name, service)`` for each ``service:x`` additional context."""
        return tuple(
            (name, value[len("service:") :])
            for name, value in self.additional_contexts
            if value.startswith("service:")
        )


@dataclass(frozen=True)
class Port:
    """One canonical port entry. ``published`` is a string (``"8080"`` or ``"8500-8600"``)."""

    target: int
    published: str | None = None
    host_ip: str | None = None
    protocol: str = "tcp"
    mode: str = "ingress"
    app_protocol: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Mount:
    """A service volume entry. ``source`` is a volume key, a shown path or an image."""

    type: str
    target: str
    source: str | None = None
    read_only: bool = False
    options: Pairs = ()
    """Flattened extras, e.g. ``("bind.propagation", "rshared")``, ``("volume.subpath", "x")``."""


@dataclass(frozen=True)
class NetworkAttachment:
    """A service joining a network (the key in ``networks:``)."""

    network: str
    aliases: tuple[str, ...] = ()
    ipv4_address: str | None = None
    ipv6_address: str | None = None
    priority: int | None = None
    mac_address: str | None = None


@dataclass(frozen=True)
class Dependency:
    """A ``depends_on`` entry; ``implicit`` when Compose added it (links, volumes_from,
    ``service:`` modes) rather than the user writing it."""

    service: str
    condition: str = "service_started"
    required: bool = True
    restart: bool = False
    implicit: bool = False


@dataclass(frozen=True)
class Link:
    """``links: [svc]`` or ``[svc:alias]``."""

    service: str
    alias: str | None = None


@dataclass(frozen=True)
class VolumesFrom:
    """``volumes_from``: a service or (``kind == "container"``) an outside container."""

    source: str
    kind: str = "service"
    read_only: bool = False


@dataclass(frozen=True)
class ResourceRef:
    """A service's grant of a secret or config."""

    source: str
    target: str | None = None
    uid: str | None = None
    gid: str | None = None
    mode: str | None = None


SecretRef = ResourceRef
ConfigRef = ResourceRef


@dataclass(frozen=True)
class Healthcheck:
    """The container health test; ``disable`` when switched off."""

    test: tuple[str, ...] = ()
    interval: str | None = None
    timeout: str | None = None
    start_period: str | None = None
    start_interval: str | None = None
    retries: int | None = None
    disable: bool = False


@dataclass(frozen=True)
class ResourceLimits:
    """CPU, memory (bytes as Compose prints them) and pids of ``deploy.resources``."""

    cpus: str | None = None
    memory: str | None = None
    pids: int | None = None


@dataclass(frozen=True)
class Deploy:
    """The parts of ``deploy`` docs show."""

    mode: str | None = None
    replicas: int | None = None
    limits: ResourceLimits | None = None
    reservations: ResourceLimits | None = None
    restart_policy: str | None = None


@dataclass(frozen=True)
class Annotation:
    """What the author told composedoc: ``x-composedoc`` (wins) or ``composedoc.*`` labels."""

    icon: str | None = None
    group: str | None = None
    description: str | None = None
    hidden: bool = False


@dataclass(frozen=True)
class Service:
    """One service, every field bound from the canonical model."""

    name: str
    image: str | None = None
    build: Build | None = None
    command: tuple[str, ...] | None = None
    entrypoint: tuple[str, ...] | None = None
    environment: tuple[tuple[str, str | None], ...] = ()
    env_files: tuple[tuple[str, bool], ...] = ()
    labels: Pairs = ()
    ports: tuple[Port, ...] = ()
    expose: tuple[str, ...] = ()
    mounts: tuple[Mount, ...] = ()
    tmpfs: tuple[str, ...] = ()
    networks: tuple[NetworkAttachment, ...] = ()
    network_mode: str | None = None
    ipc: str | None = None
    pid: str | None = None
    uts: str | None = None
    cgroup: str | None = None
    links: tuple[Link, ...] = ()
    external_links: tuple[str, ...] = ()
    volumes_from: tuple[VolumesFrom, ...] = ()
    depends_on: tuple[Dependency, ...] = ()
    secrets: tuple[ResourceRef, ...] = ()
    configs: tuple[ResourceRef, ...] = ()
    healthcheck: Healthcheck | None = None
    restart: str | None = None
    deploy: Deploy | None = None
    profiles: tuple[str, ...] = ()
    container_name: str | None = None
    hostname: str | None = None
    user: str | None = None
    working_dir: str | None = None
    platform: str | None = None
    annotation: Annotation = field(default_factory=Annotation)
    file: str | None = None

    @property
    def written_depends_on(self) -> tuple[Dependency, ...]:
        """The ``depends_on`` entries the user wrote (not the ones Compose added)."""
        return tuple(d for d in self.depends_on if not d.implicit)


@dataclass(frozen=True)
class Network:
    """A top-level network. ``name`` is the engine name (``<project>_<key>`` by default)."""

    key: str
    name: str
    driver: str | None = None
    external: bool = False
    internal: bool = False
    attachable: bool = False
    enable_ipv6: bool = False
    subnets: tuple[str, ...] = ()
    labels: Pairs = ()


@dataclass(frozen=True)
class Volume:
    """A top-level named volume."""

    key: str
    name: str
    driver: str | None = None
    external: bool = False
    driver_opts: Pairs = ()
    labels: Pairs = ()


@dataclass(frozen=True)
class Grant:
    """A top-level secret or config: where it comes from, never what it contains."""

    key: str
    name: str
    source: str | None = None
    file: str | None = None
    environment: str | None = None
    external: bool = False


@dataclass(frozen=True)
class Secret(Grant):
    """A top-level secret; ``source`` is ``file``, ``environment``, ``external`` or ``None``."""


@dataclass(frozen=True)
class Config(Grant):
    """A top-level config; like :class:`Secret` plus ``content`` as a source kind."""


@dataclass(frozen=True)
class Project:
    """A whole project. ``services`` are the active ones, sorted by name."""

    name: str
    files: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    services: tuple[Service, ...] = ()
    disabled_services: tuple[Service, ...] = ()
    networks: tuple[Network, ...] = ()
    volumes: tuple[Volume, ...] = ()
    secrets: tuple[Secret, ...] = ()
    configs: tuple[Config, ...] = ()
    interpolated: Pairs = field(default=(), compare=False, repr=False)
    """Resolved string -> text as written, where a variable's value went in (provenance)."""
    variable_values: Pairs = field(default=(), compare=False, repr=False)
    """A variable's value -> ``${NAME}``: never shown unless masking is off."""

    @cached_property
    def _by_name(self) -> dict[str, Service]:
        return {service.name: service for service in self.services}

    def service(self, name: str) -> Service | None:
        """The active service called ``name``, if any (a dict lookup, built once)."""
        return self._by_name.get(name)
