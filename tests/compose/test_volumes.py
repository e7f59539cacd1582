"""Short and long volume syntax (loader spec §6.2), checked against Docker Compose's output."""

from __future__ import annotations

from typing import Any

import pytest

from composedoc.compose.gotypes import parse_bytes
from composedoc.compose.located import LocMap
from composedoc.compose.volumes import go_path_clean, long_volume, parse_volume
from composedoc.errors import Location, SchemaError

CHP = {"create_host_path": True}


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("/x", {"type": "volume", "target": "/x"}),  # <= 2 chars: early return, no volume {}
        ("/anon", {"type": "volume", "target": "/anon", "volume": {}}),
        ("/anon2/", {"type": "volume", "target": "/anon2", "volume": {}}),
        (
            "./data:/data:ro,z",
            {
                "type": "bind",
                "source": "./data",
                "target": "/data",
                "read_only": True,
                "bind": {"selinux": "z", "create_host_path": True},
            },
        ),
        (
            "data:/d2:nocopy",
            {"type": "volume", "source": "data", "target": "/d2", "volume": {"nocopy": True}},
        ),
        ("data:/d3", {"type": "volume", "source": "data", "target": "/d3", "volume": {}}),
        ("vol:/v:rw", {"type": "volume", "source": "vol", "target": "/v", "volume": {}}),
        ("data/sub:/x", {"type": "volume", "source": "data/sub", "target": "/x", "volume": {}}),
        ("/x:/y", {"type": "bind", "source": "/x", "target": "/y", "bind": CHP}),
        ("/x:/y:bogus", {"type": "bind", "source": "/x", "target": "/y", "bind": CHP}),
        ("/x:/a/../b/", {"type": "bind", "source": "/x", "target": "/b", "bind": CHP}),
        (
            "~/home:/home:rshared",
            {
                "type": "bind",
                "source": "~/home",
                "target": "/home",
                "bind": {"propagation": "rshared", **CHP},
            },
        ),
        ("../up:/up", {"type": "bind", "source": "../up", "target": "/up", "bind": CHP}),
        ("\\\\pipe\\x:/p", {"type": "bind", "source": "\\\\pipe\\x", "target": "/p", "bind": CHP}),
        ("C:\\x:/win", {"type": "bind", "source": "C:\\x", "target": "/win", "bind": CHP}),
        ("C:\\x:D:\\y", {"type": "bind", "source": "C:\\x", "target": "D:\\y", "bind": CHP}),
        ("a:b:c:d", {"type": "bind", "source": "a:b", "target": "c:d", "bind": CHP}),
        ("c:/x", {"type": "volume", "target": "c:/x", "volume": {}}),
        (
            "x:/y:ro:z",
            {"type": "bind", "source": "x:/y", "target": "ro", "bind": {"selinux": "z", **CHP}},
        ),
        ("./x:rel", {"type": "bind", "source": "./x", "target": "rel", "bind": CHP}),
        (
            "/a:/b:Z,shared,nocopy",
            {
                "type": "bind",
                "source": "/a",
                "target": "/b",
                "bind": {"selinux": "Z", "propagation": "shared", **CHP},
                "volume": {"nocopy": True},
            },
        ),
        ("${SRC:-/x}:/y", {"type": "volume", "source": "${SRC:-/x}", "target": "/y", "volume": {}}),
        (
            "${A}:${B:-/b}:ro",
            {
                "type": "volume",
                "source": "${A}",
                "target": "${B:-/b}",
                "read_only": True,
                "volume": {},
            },
        ),
    ],
)
def test_short_syntax(spec: str, expected: dict[str, Any]) -> None:
    assert parse_volume(spec) == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "invalid empty volume spec"),
        (":/x", "invalid spec: :/x: empty section between colons"),
        ("/x::ro", "invalid spec: /x::ro: empty section between colons"),
        ("/x:", "invalid spec: /x:: empty section between colons"),
        ("/x:/y:ro:extra", "invalid spec: /x:/y:ro:extra: too many colons"),
    ],
)
def test_errors_are_located(spec: str, message: str) -> None:
    where = Location("compose.yaml", 3, 9)
    with pytest.raises(SchemaError) as info:
        parse_volume(spec, where)
    assert (info.value.message, info.value.location) == (message, where)


def test_long_syntax_kept_target_cleaned_tmpfs_size_in_bytes() -> None:
    tmpfs = LocMap({"size": "10m", "mode": 1023}, loc=Location("f", 9, 9))
    mount = LocMap({"type": "tmpfs", "target": "/t/", "tmpfs": tmpfs}, loc=Location("f", 8, 9))
    out = long_volume(mount)
    assert out == {"type": "tmpfs", "target": "/t", "tmpfs": {"size": "10485760", "mode": 1023}}
    assert out.loc == Location("f", 8, 9)
    assert out["tmpfs"].loc == Location("f", 9, 9)
    assert tmpfs["size"] == "10m"  # input not mutated


def test_long_bind_gets_no_create_host_path() -> None:
    out = long_volume(LocMap({"type": "bind", "source": "./b", "target": "/b/"}))
    assert out == {"type": "bind", "source": "./b", "target": "/b"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1000, 1000),
        ("1000", 1000),
        ("10m", 10485760),
        ("512m", 536870912),
        ("1gb", 1073741824),
        ("12mb", 12582912),
        ("1.5k", 1536),
        ("50M", 52428800),
        ("64 KiB", 65536),
    ],
)
def test_parse_bytes(value: Any, expected: int) -> None:
    assert parse_bytes(value) == expected


def test_parse_bytes_error() -> None:
    with pytest.raises(SchemaError, match="invalid size: 'ten'"):
        parse_bytes("ten")


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/a/../b/", "/b"), ("//x", "/x"), ("rel/", "rel"), ("c:d", "c:d"), ("/", "/")],
)
def test_go_path_clean(path: str, expected: str) -> None:
    assert go_path_clean(path) == expected
