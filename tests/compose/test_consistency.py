"""Consistency checks: Compose's messages, deterministic order, and our locations."""

from __future__ import annotations

from typing import Any

import pytest

from composedoc.compose.consistency import check_consistency, validate_model
from composedoc.compose.dependencies import check_container_names
from composedoc.compose.located import LocMap
from composedoc.errors import ConsistencyError, Location


def _check(services: dict[str, Any], disabled: dict[str, Any] | None = None, **top: Any) -> None:
    check_consistency({"services": services, **top}, disabled or {})


@pytest.mark.parametrize(
    ("services", "top", "message"),
    [
        ({"a": {}}, {}, 'service "a" has neither an image nor a build context specified'),
        (
            {"a": {"image": "x", "networks": {"n": None}}},
            {},
            'service "a" refers to undefined network n',
        ),
        (
            {"a": {"image": "x", "network_mode": "host", "networks": {"n": None}}},
            {"networks": {"n": {}}},
            "service a declares mutually exclusive `network_mode` and `networks`",
        ),
        (
            {"a": {"image": "x", "volumes": [{"type": "volume", "source": "v", "target": "/v"}]}},
            {},
            'service "a" refers to undefined volume v',
        ),
        (
            {"a": {"image": "x", "secrets": [{"source": "s", "target": "/run/secrets/s"}]}},
            {},
            'service "a" refers to undefined secret s',
        ),
        (
            {"a": {"image": "x", "configs": [{"source": "c"}]}},
            {},
            'service "a" refers to undefined config c',
        ),
        (
            {"a": {"image": "x", "healthcheck": {"test": ["BAD"]}}},
            {},
            'healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"',
        ),
        (
            {"a": {"image": "x", "scale": 2, "container_name": "c"}},
            {},
            "services.scale: can't set container_name and a as container name must be unique",
        ),
        (
            {"a": {"image": "x", "tmpfs": ["/t"], "volumes": [{"type": "tmpfs", "target": "/t"}]}},
            {},
            "services.a.volumes[0]: target /t already mounted as services.a.tmpfs[0]",
        ),
        (
            {
                "a": {
                    "image": "x",
                    "mem_limit": "10",
                    "deploy": {"resources": {"limits": {"memory": "20"}}},
                }
            },
            {},
            "can't set distinct values on 'mem_limit' and 'deploy.resources.limits.memory'",
        ),
        ({"a": {"image": "x"}}, {"secrets": {"s": {"name": "p_s"}}}, 'secret "s" must declare'),
    ],
)
def test_messages(services: dict[str, Any], top: dict[str, Any], message: str) -> None:
    with pytest.raises(ConsistencyError) as info:
        _check(services, **top)
    assert message in str(info.value)


def test_depends_on_disabled() -> None:
    dep = {"dbg": {"condition": "service_started", "required": True}}
    with pytest.raises(ConsistencyError, match='depends on undefined service "dbg"'):
        _check({"a": {"image": "x", "depends_on": dep}}, {"dbg": {"image": "x"}})
    optional = {"dbg": {"condition": "service_started", "required": False}}
    _check({"a": {"image": "x", "depends_on": optional}}, {"dbg": {"image": "x"}})


def test_cycle_first_in_name_order() -> None:
    def dep(*names: str) -> dict[str, Any]:
        return {n: {"condition": "service_started", "required": True} for n in names}

    services = {
        "c": {"image": "x", "depends_on": dep("d")},
        "d": {"image": "x", "depends_on": dep("c")},
        "a": {"image": "x", "depends_on": dep("b")},
        "b": {"image": "x", "depends_on": dep("a")},
        "s": {"image": "x", "depends_on": dep("s")},
    }
    with pytest.raises(ConsistencyError, match="dependency cycle detected: a -> b -> a"):
        _check(services)
    with pytest.raises(ConsistencyError, match="dependency cycle detected: s -> s"):
        _check({"s": services["s"]})


def test_location_is_reported() -> None:
    services = LocMap({"a": {}}, loc=Location("f.yaml", 1, 1))
    services.locs["a"] = Location("f.yaml", 2, 3)
    with pytest.raises(ConsistencyError) as info:
        _check(services)
    assert str(info.value).startswith("f.yaml:2:3: ")


def test_validate_model() -> None:
    with pytest.raises(ConsistencyError, match='conflicting parameters "external" and "driver"'):
        validate_model({"volumes": {"v": {"external": True, "driver": "x"}}})
    with pytest.raises(ConsistencyError, match=r"file\|environment attributes are mutually"):
        validate_model({"secrets": {"s": {"file": "a", "environment": "B"}}})
    with pytest.raises(ConsistencyError, match=r"invalid ip address: 1\.2\.3"):
        validate_model({"services": {"s": {"ports": [{"host_ip": "1.2.3", "target": 1}]}}})
    validate_model({"configs": {"c": {"content": "x"}}, "volumes": {"v": None}})


def test_container_names() -> None:
    with pytest.raises(ConsistencyError, match='container name "c" is already in use by service a'):
        check_container_names({"a": {"container_name": "c"}, "b": {"container_name": "c"}})


def _chain(n: int, back_to: int | None = None) -> dict[str, Any]:
    started = {"condition": "service_started", "required": True}
    services: dict[str, Any] = {f"s{i:05d}": {"image": "x"} for i in range(n)}
    for i in range(n - 1):
        services[f"s{i:05d}"]["depends_on"] = {f"s{i + 1:05d}": started}
    if back_to is not None:
        services[f"s{n - 1:05d}"]["depends_on"] = {f"s{back_to:05d}": started}
    return services


def test_chain_of_5000_dependencies_has_no_recursion() -> None:
    _check(_chain(5_000))
    with pytest.raises(ConsistencyError) as info:
        _check(_chain(5_000, back_to=4_997))
    assert str(info.value) == "dependency cycle detected: s04997 -> s04998 -> s04999 -> s04997"


def test_chain_of_5000_network_mode_services(tmp_path: Any) -> None:
    from composedoc.compose.project import load_project
    from composedoc.compose.types import LoadOptions

    lines = ["services:", "  s0: {image: x}"]
    lines += [f"  s{i}: {{image: x, network_mode: 'service:s{i - 1}'}}" for i in range(1, 5_000)]
    (tmp_path / "compose.yaml").write_text("\n".join(lines) + "\n")
    model = load_project(LoadOptions(working_dir=str(tmp_path), environ={})).model
    assert list(model["services"]["s4999"]["depends_on"]) == ["s4998"]
