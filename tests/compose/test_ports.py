"""Short and long port syntax (loader spec §6.1), checked against Docker Compose's output."""

from __future__ import annotations

from typing import Any

import pytest

from composedoc.compose.located import LocMap
from composedoc.compose.ports import long_port, parse_port
from composedoc.errors import Location, SchemaError


def p(target: int, published: str | None = None, ip: str = "", proto: str = "tcp") -> Any:
    out: dict[str, Any] = {"mode": "ingress"}
    if ip:
        out["host_ip"] = ip
    out["target"] = target
    if published is not None:
        out["published"] = published
    out["protocol"] = proto
    return out


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("3000", [p(3000)]),
        (3000, [p(3000)]),
        ("3002-3004", [p(3002), p(3003), p(3004)]),
        ("8000:8000", [p(8000, "8000")]),
        ("9090-9091:8080-8081", [p(8080, "9090"), p(8081, "9091")]),
        ("8500-8600:85", [p(85, "8500-8600")]),
        ("1.2.3.4:80-81:90", [p(90, "80-81", "1.2.3.4")]),
        ("127.0.0.1:8001:8001", [p(8001, "8001", "127.0.0.1")]),
        ("::1:6000:6000", [p(6000, "6000", "::1")]),
        ("[::1]:6001:6001", [p(6001, "6001", "::1")]),
        ("::1::80", [p(80, None, "::1")]),
        ("6060:6060/udp", [p(6060, "6060", proto="udp")]),
        ("6061:6061/SCTP", [p(6061, "6061", proto="sctp")]),
        ("80:80/", [p(80, "80")]),
        ("127.0.0.1::7000", [p(7000, None, "127.0.0.1")]),
        # string sort of "port/proto": 1000, 1001, 998, 999 (oracle)
        (
            "998-1001:998-1001",
            [p(1000, "1000"), p(1001, "1001"), p(998, "998"), p(999, "999")],
        ),
    ],
)
def test_short_syntax(spec: str | int, expected: list[dict[str, Any]]) -> None:
    assert parse_port(spec) == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("127.0.1:8080:80", "invalid IP address: 127.0.1"),
        ("1:30:00", "invalid IP address: 1"),
        ("80:80:80:80", "invalid IP address: 80:80"),
        ("fe80::1%eth0:80:80", "invalid IP address: fe80::1%eth0"),
        ("[::1:80:80", "invalid IP address [::1: address [::1:: missing ']' in address"),
        ("80/xyz", "invalid proto: xyz"),
        ("", "invalid proto: "),
        ("abc", "invalid containerPort: abc"),
        ("8080:abc", "invalid containerPort: abc"),
        ("70000", "invalid containerPort: 70000"),
        ("1-0", "invalid containerPort: 1-0"),
        ("abc:80", "invalid hostPort: abc"),
        ("80-81:90-92", "invalid ranges specified for container and host Ports: 90-92 and 80-81"),
    ],
)
def test_errors_are_located(spec: str, message: str) -> None:
    where = Location("compose.yaml", 7, 9)
    with pytest.raises(SchemaError) as info:
        parse_port(spec, where)
    assert info.value.message == message
    assert info.value.location == where


def test_long_syntax_defaults_and_published_string() -> None:
    assert long_port(LocMap({"target": 80, "published": 8080})) == {
        "mode": "ingress",
        "target": 80,
        "published": "8080",
        "protocol": "tcp",
    }


def test_long_syntax_kept_in_go_field_order() -> None:
    src = LocMap(
        {"app_protocol": "http", "protocol": "UDP", "target": 81, "published": "8081"},
        loc=Location("f", 3, 7),
    )
    src["name"], src["mode"], src["host_ip"] = "web", "host", "::1"
    src.locs["target"] = Location("f", 4, 9)
    out = long_port(src)
    assert list(out) == [
        "name",
        "mode",
        "host_ip",
        "target",
        "published",
        "protocol",
        "app_protocol",
    ]
    assert out["protocol"] == "UDP"  # kept as written (oracle)
    assert out.loc == Location("f", 3, 7)
    assert out.loc_of("target") == Location("f", 4, 9)


def test_long_syntax_string_target_becomes_int() -> None:
    assert long_port(LocMap({"target": "80"}))["target"] == 80
