"""Binding the canonical project (``docker compose config --format json``) to the typed model."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any

import pytest

from composedoc.compose.types import LoadedProject
from composedoc.model.bind import bind_project
from composedoc.model.project import (
    Dependency,
    Link,
    Mount,
    PathShower,
    Port,
    VolumesFrom,
)

PROJECT_DIR = "/home/ada/src/shop"
HOME = "/home/ada"


def make_project(
    services: dict[str, Any], disabled: dict[str, Any] | None = None, **top: Any
) -> LoadedProject:
    """A loaded project as the loader gives it: canonical dicts, absolute paths."""
    model: dict[str, Any] = {"name": "shop", "services": services, **top}
    return LoadedProject(
        name="shop",
        working_dir=PROJECT_DIR,
        files=[f"{PROJECT_DIR}/compose.yaml", f"{PROJECT_DIR}/deploy/override.yaml"],
        model=model,
        disabled_services=disabled or {},
        profiles=["web", "debug"],
        environment={"HOME": HOME},
    )


def dep(restart: bool | None = None, **extra: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {"condition": "service_started", "required": True, **extra}
    if restart is not None:
        spec["restart"] = restart
    return spec


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        (PROJECT_DIR, "."),
        (PROJECT_DIR + "/", "."),
        (PROJECT_DIR + "/web", "./web"),
        (PROJECT_DIR + "/a/../b", "./b"),
        (PROJECT_DIR + "-old/x", "../shop-old/x"),
        ("/home/ada/x", "~/x"),
        (HOME, "~"),
        (HOME + "/.ssh", "~/.ssh"),
        ("/home/adam/x", "/home/adam/x"),
        ("/var/run/docker.sock", "/var/run/docker.sock"),
        ("https://github.com/x/y.git#main", "https://github.com/x/y.git#main"),
        ("git@github.com:x/y.git", "git@github.com:x/y.git"),
        ("service:base", "service:base"),
        ("relative/dir", "relative/dir"),
    ],
)
def test_paths_are_shown_relative_to_project_or_home(path: str, shown: str) -> None:
    assert PathShower(PROJECT_DIR, HOME)(path) == shown


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        (PROJECT_DIR + "/web", "./web"),
        ("/home/ada/src/shared/data", "../shared/data"),  # written ../shared/data
        ("/home/ada/.cache", "../../.cache"),  # written ../../.cache
        ("/home/ada/cache", "~/cache"),  # written ~/cache
        ("/etc/hostname", "/etc/hostname"),  # written absolute
        ("/srv/app/Dockerfile", "/srv/app/Dockerfile"),  # in a context written absolute
        ("/home/ada/src/other", "../other"),  # under a bind of the home folder: not absolute
        ("/opt/tool", "../../../../opt/tool"),  # written relative, however far
    ],
)
def test_paths_written_absolute_are_the_only_absolute_ones(path: str, shown: str) -> None:
    absolute = ["/home/ada/cache", "/etc/hostname", "/srv/app", "/home/ada", "/"]
    assert PathShower(PROJECT_DIR, HOME, absolute)(path) == shown


def test_root_home_does_not_swallow_every_path() -> None:
    assert PathShower("/srv/app", "/")("/etc/x") == "/etc/x"


def test_project_level_fields() -> None:
    project = bind_project(make_project({"web": {"image": "nginx"}}))
    assert project.name == "shop"
    assert project.files == ("compose.yaml", "deploy/override.yaml")
    assert project.profiles == ("debug", "web")
    assert [s.name for s in project.services] == ["web"]


def test_service_fields_are_bound_with_display_paths() -> None:
    web = {
        "image": "example/web:1",
        "build": {
            "context": PROJECT_DIR + "/web",
            "dockerfile": "Dockerfile.dev",
            "target": "dev",
            "args": {"NODE": "20", "EMPTY": None},
            "additional_contexts": {"base": "service:base", "assets": PROJECT_DIR + "/assets"},
        },
        "command": ["npm", "start"],
        "entrypoint": None,
        "environment": {"B": "2", "A": None},
        "env_file": [{"path": PROJECT_DIR + "/web.env", "required": False}],
        "labels": {"z": "1", "a": "2"},
        "ports": [
            {"mode": "ingress", "target": 80, "published": "8080", "protocol": "tcp"},
            {"mode": "ingress", "host_ip": "::1", "target": 9229, "protocol": "tcp"},
        ],
        "expose": ["3000"],
        "volumes": [
            {
                "type": "bind",
                "source": PROJECT_DIR + "/web",
                "target": "/app",
                "read_only": True,
                "bind": {"create_host_path": True, "propagation": "rshared"},
            },
            {"type": "volume", "source": "data", "target": "/data", "volume": {"subpath": "x"}},
            {"type": "volume", "target": "/anon", "volume": {}},
        ],
        "tmpfs": ["/run"],
        "networks": {
            "front": {"aliases": ["www"], "ipv4_address": "10.0.0.2", "priority": 5},
            "back": None,
        },
        "healthcheck": {"test": ["CMD", "true"], "interval": "5s", "retries": 3},
        "restart": "always",
        "deploy": {
            "replicas": 2,
            "resources": {"limits": {"cpus": 0.5, "memory": "52428800", "pids": 10}},
        },
        "profiles": ["web"],
        "container_name": "shop-web",
    }
    service = bind_project(make_project({"web": web})).services[0]
    assert service.build is not None
    assert service.build.context == "./web"
    assert service.build.dockerfile == "Dockerfile.dev"
    assert service.build.target == "dev"
    assert service.build.args == (("EMPTY", None), ("NODE", "20"))
    assert service.build.additional_contexts == (("assets", "./assets"), ("base", "service:base"))
    assert service.build.context_services == (("base", "base"),)
    assert service.command == ("npm", "start")
    assert service.entrypoint is None
    assert service.environment == (("A", None), ("B", "2"))
    assert service.env_files == (("./web.env", False),)
    assert service.labels == (("a", "2"), ("z", "1"))
    assert service.ports == (
        Port(target=80, published="8080"),
        Port(target=9229, host_ip="::1"),
    )
    assert service.mounts[0] == Mount(
        type="bind",
        target="/app",
        source="./web",
        read_only=True,
        options=(("bind.create_host_path", "true"), ("bind.propagation", "rshared")),
    )
    assert service.mounts[1].source == "data"
    assert service.mounts[1].options == (("volume.subpath", "x"),)
    assert service.mounts[2].source is None
    assert service.tmpfs == ("/run",)
    assert [n.network for n in service.networks] == ["back", "front"]
    front = service.networks[1]
    assert (front.aliases, front.ipv4_address, front.priority) == (("www",), "10.0.0.2", 5)
    assert service.healthcheck is not None
    assert service.healthcheck.test == ("CMD", "true")
    assert service.deploy is not None
    assert service.deploy.replicas == 2
    assert service.deploy.limits is not None
    assert service.deploy.limits.cpus == "0.5"
    assert service.deploy.limits.pids == 10
    assert service.profiles == ("web",)
    assert service.container_name == "shop-web"
    assert service.restart == "always"


def test_model_is_frozen_and_hashable() -> None:
    project = bind_project(make_project({"web": {"image": "nginx", "command": ["a"]}}))
    assert hash(project) == hash(
        bind_project(make_project({"web": {"image": "nginx", "command": ["a"]}}))
    )
    with pytest.raises(FrozenInstanceError):
        project.services[0].image = "other"  # type: ignore[misc]


def test_links_volumes_from_and_namespace_modes() -> None:
    services = {
        "app": {
            "image": "x",
            "links": ["db", "cache:redis"],
            "external_links": ["mail:smtp"],
            "volumes_from": ["db:ro", "cache", "container:agent:rw"],
            "network_mode": "service:db",
            "ipc": "shareable",
            "pid": "container:tracer",
        },
        "db": {"image": "x"},
        "cache": {"image": "x"},
    }
    app = bind_project(make_project(services)).services[0]
    assert app.links == (Link("db"), Link("cache", "redis"))
    assert app.external_links == ("mail:smtp",)
    assert app.volumes_from == (
        VolumesFrom("db", read_only=True),
        VolumesFrom("cache"),
        VolumesFrom("agent", kind="container"),
    )
    assert (app.network_mode, app.ipc, app.pid, app.uts) == (
        "service:db",
        "shareable",
        "container:tracer",
        None,
    )


def _deps(project: LoadedProject, name: str) -> dict[str, Dependency]:
    for service in bind_project(project).services:
        if service.name == name:
            return {d.service: d for d in service.depends_on}
    raise AssertionError(name)


def test_implicit_depends_on_is_told_from_written() -> None:
    # Canonical output as Compose v2.40 prints it (see the report): links and service: modes
    # add {started, required, restart: true}; volumes_from adds {started, required}.
    services = {
        "a": {"image": "x"},
        "o": {"image": "x"},
        "only_link": {"image": "x", "links": ["a"], "depends_on": {"a": dep(True)}},
        "link_and_written": {"image": "x", "links": ["a"], "depends_on": {"a": dep()}},
        "healthy_link": {
            "image": "x",
            "links": ["a"],
            "depends_on": {"a": dep(condition="service_healthy")},
        },
        "only_vf": {"image": "x", "volumes_from": ["o:ro"], "depends_on": {"o": dep()}},
        "optional": {"image": "x", "links": ["o"], "depends_on": {"o": dep(required=False)}},
        "ns": {"image": "x", "network_mode": "service:a", "depends_on": {"a": dep(True)}},
        "plain": {"image": "x", "depends_on": {"a": dep(True), "o": dep()}},
    }
    project = make_project(services)
    assert _deps(project, "only_link")["a"].implicit
    assert not _deps(project, "link_and_written")["a"].implicit
    assert not _deps(project, "healthy_link")["a"].implicit
    assert _deps(project, "only_vf")["o"].implicit
    assert not _deps(project, "optional")["o"].implicit
    assert _deps(project, "ns")["a"].implicit
    assert not any(d.implicit for d in _deps(project, "plain").values())
    healthy = _deps(project, "healthy_link")["a"]
    assert (healthy.condition, healthy.required, healthy.restart) == (
        "service_healthy",
        True,
        False,
    )


def test_written_depends_on_from_the_loader_wins_over_the_guess() -> None:
    services = {
        "a": {"image": "x"},
        "s": {"image": "x", "links": ["a"], "depends_on": {"a": dep(True)}},
        "t": {"image": "x", "links": ["a"], "depends_on": {"a": dep(True)}},
    }
    project = make_project(services)
    project.written_depends_on = {"s": frozenset({"a"})}
    assert not _deps(project, "s")["a"].implicit
    assert _deps(project, "t")["a"].implicit
    service = bind_project(project).services[1]
    assert service.written_depends_on == service.depends_on


def test_annotation_from_extension_and_labels() -> None:
    services = {
        "a": {
            "image": "x",
            "labels": {"composedoc.icon": "redis", "composedoc.hidden": "true"},
            "x-composedoc": {"icon": "postgres", "group": "data", "description": "The DB"},
        },
        "b": {"image": "x", "labels": {"composedoc.group": "edge"}},
    }
    a, b = bind_project(make_project(services)).services
    assert (a.annotation.icon, a.annotation.group, a.annotation.description) == (
        "postgres",
        "data",
        "The DB",
    )
    assert a.annotation.hidden
    assert b.annotation.group == "edge"
    assert not b.annotation.hidden


def test_hide_is_an_alias_of_hidden() -> None:
    services = {
        "a": {"image": "x", "x-composedoc": {"hide": True}},
        "b": {"image": "x", "labels": {"composedoc.hide": "yes"}},
        "c": {"image": "x", "x-composedoc": {"hide": False}, "labels": {"composedoc.hide": "1"}},
    }
    a, b, c = bind_project(make_project(services)).services
    assert (a.annotation.hidden, b.annotation.hidden, c.annotation.hidden) == (True, True, False)


def test_resources_keep_source_kind_but_never_content() -> None:
    project = bind_project(
        make_project(
            {"s": {"image": "x"}},
            networks={
                "back": {
                    "name": "shop_back",
                    "driver": "bridge",
                    "internal": True,
                    "ipam": {"config": [{"subnet": "10.1.0.0/24"}]},
                },
                "outside": {"name": "corp", "external": True},
            },
            volumes={
                "data": {"name": "shop_data"},
                "host": {
                    "name": "shop_host",
                    "driver": "local",
                    "driver_opts": {"type": "none", "o": "bind", "device": PROJECT_DIR + "/d"},
                },
            },
            secrets={
                "pw": {"name": "shop_pw", "file": PROJECT_DIR + "/secrets/pw.txt"},
                "key": {"name": "shop_key", "environment": "API_KEY"},
                "tls": {"name": "tls", "external": True},
            },
            configs={"banner": {"name": "shop_banner", "content": "hunter2-top-secret"}},
        )
    )
    back, outside = project.networks
    assert (back.name, back.driver, back.internal, back.subnets) == (
        "shop_back",
        "bridge",
        True,
        ("10.1.0.0/24",),
    )
    assert outside.external
    assert dict(project.volumes[1].driver_opts)["device"] == "./d"
    kinds = {s.key: (s.source, s.file, s.environment) for s in project.secrets}
    assert kinds == {
        "key": ("environment", None, "API_KEY"),
        "pw": ("file", "./secrets/pw.txt", None),
        "tls": ("external", None, None),
    }
    assert project.configs[0].source == "content"
    assert "hunter2" not in repr(project)


def test_disabled_services_are_bound_apart() -> None:
    project = bind_project(
        make_project({"web": {"image": "x"}}, disabled={"seed": {"image": "y", "profiles": ["s"]}})
    )
    assert [s.name for s in project.services] == ["web"]
    assert [s.name for s in project.disabled_services] == ["seed"]
    assert project.service("seed") is None
    assert project.service("web") is not None


def test_services_sorted_whatever_the_input_order() -> None:
    names = ["zeta", "alpha", "mid"]
    project = bind_project(make_project({n: {"image": "x"} for n in names}))
    assert [s.name for s in project.services] == sorted(names)


def test_relative_file_names_are_computed_once_per_file() -> None:
    show = PathShower("/srv/app", "/home/me")
    assert show.relative("/srv/app/compose.yaml") == "compose.yaml"
    assert show.relative("/srv/other/x.yml") == "../other/x.yml"
    assert show.relative("/srv/app/compose.yaml") == "compose.yaml"
    assert show.relative("rel.yaml") == "rel.yaml"


def test_paused_gc_restores_the_previous_state() -> None:
    import gc

    from composedoc.model.project import paused_gc

    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
