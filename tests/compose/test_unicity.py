"""enforce_unicity and the short-volume target parser (compose-go uncity.go / ParseVolume)."""

from __future__ import annotations

from typing import Any

import pytest

from composedoc.compose.located import LocList, LocMap, plain
from composedoc.compose.unicity import enforce_unicity, volume_target
from composedoc.errors import ComposeFileError, Location


def web(**attrs: Any) -> dict[str, Any]:
    return {"services": {"web": attrs}}


@pytest.mark.parametrize(
    ("spec", "target"),
    [
        ("/data", "/data"),
        ("ab", "ab"),
        ("vol:/data", "/data"),
        ("./a:/b:ro", "/b"),
        ("v:/data", "v:/data"),  # one letter before ':' reads as a Windows drive
        ("C:\\x:/y", "/y"),
        ("${A:-x}:/t", "/t"),
        ("/a:${T:-/t}:rw", "${T:-/t}"),
    ],
)
def test_volume_target(spec: str, target: str) -> None:
    assert volume_target(spec) == target


@pytest.mark.parametrize(
    ("spec", "message"),
    [("", "empty volume"), ("ab::c", "empty section"), ("/a:/b:ro:z", "too many colons")],
)
def test_volume_target_errors(spec: str, message: str) -> None:
    with pytest.raises(ComposeFileError, match=message):
        volume_target(spec)


@pytest.mark.parametrize(
    ("attr", "entries", "expected"),
    [
        ("ports", ["80:80", "80:80", "81:81"], ["80:80", "81:81"]),
        (
            "ports",
            [
                {"target": 80, "published": "8080"},
                {"target": 80, "published": "8080", "host_ip": "0.0.0.0", "protocol": "tcp"},
            ],
            [{"target": 80, "published": "8080", "host_ip": "0.0.0.0", "protocol": "tcp"}],
        ),
        (
            "ports",
            [{"target": 80, "published": 8080}, {"target": 80, "published": "8080"}],
            [{"target": 80, "published": 8080}, {"target": 80, "published": "8080"}],
        ),
        ("ports", [80, "80"], ["80"]),
        (
            "volumes",
            ["vol:/d", {"type": "volume", "source": "b", "target": "/d"}, "/x"],
            [{"type": "volume", "source": "b", "target": "/d"}, "/x"],
        ),
        (
            "secrets",
            ["s", {"source": "t", "target": "/run/secrets/s"}],
            [{"source": "t", "target": "/run/secrets/s"}],
        ),
        (
            "configs",
            ["c", {"source": "c"}, {"source": "d", "target": "/c"}],
            [{"source": "d", "target": "/c"}],
        ),
        (
            "env_file",
            ["a", {"path": "a", "required": False}, "b"],
            [{"path": "a", "required": False}, "b"],
        ),
        (
            "devices",
            ["/dev/a", "/dev/b:/dev/a", "/dev/c:/dev/c"],
            ["/dev/b:/dev/a", "/dev/c:/dev/c"],
        ),
        ("expose", [80, "80", "81"], ["80", "81"]),
        ("environment", ["A=1", "B", "A=2", "B=3"], ["A=2", "B=3"]),
        ("cap_add", ["X", "Y", "X"], ["X", "Y"]),
        ("profiles", ["a", "b", "a"], ["a", "b"]),
        ("label_file", ["a", "a"], ["a", "a"]),  # not deduplicated by compose-go
    ],
)
def test_service_sequences(attr: str, entries: list[Any], expected: list[Any]) -> None:
    assert plain(enforce_unicity(web(**{attr: entries}))) == web(**{attr: expected})


def test_nested_sequences() -> None:
    model = {
        "services": {
            "web": {
                "build": {"args": ["A=1", "A=2"], "tags": ["t", "t"]},
                "deploy": {"labels": ["x=1", "x=2"]},
                "networks": {"n": {"aliases": ["a", "a"]}, "m": None},
            }
        },
        "networks": {"n": {"labels": ["l=1", "l=2"], "ipam": {"options": ["o=1", "o=2"]}}},
    }
    assert plain(enforce_unicity(model)) == {
        "services": {
            "web": {
                "build": {"args": ["A=2"], "tags": ["t"]},
                "deploy": {"labels": ["x=2"]},
                "networks": {"n": {"aliases": ["a"]}, "m": None},
            }
        },
        "networks": {"n": {"labels": ["l=2"], "ipam": {"options": ["o=2"]}}},
    }


def test_mapping_forms_and_other_paths_untouched() -> None:
    model = {
        "services": {"web": {"environment": {"A": "1"}, "command": ["a", "a"]}},
        "volumes": {"v": {"labels": ["a=1", "a=2"]}},
    }
    assert enforce_unicity(model) is model


def test_input_not_modified_and_locations_follow_last_value() -> None:
    ports = LocList(["1:1", "2:2", "1:1"], loc=Location("f", 3, 5))
    ports.locs = [Location("f", 4, 9), Location("f", 5, 9), Location("g", 2, 9)]
    service = LocMap({"ports": ports})
    model = LocMap({"services": LocMap({"web": service})})
    got = enforce_unicity(model)
    assert list(ports) == ["1:1", "2:2", "1:1"]
    out = got["services"]["web"]["ports"]
    assert isinstance(out, LocList)
    assert out == ["1:1", "2:2"]
    assert out.loc == Location("f", 3, 5)
    assert out.locs == [Location("g", 2, 9), Location("f", 5, 9)]


def test_errors_name_the_path_and_location() -> None:
    vols = LocList(["/a", {"source": "x"}])
    vols.locs = [Location("f", 4, 9), Location("f", 5, 9)]
    model = {"services": {"web": {"volumes": vols}}}
    with pytest.raises(ComposeFileError) as err:
        enforce_unicity(model)
    assert err.value.message == "service volume services.web.volumes.[1] is missing a mount target"
    assert err.value.location == Location("f", 5, 9)


@pytest.mark.parametrize(
    ("attr", "entry", "message"),
    [
        ("ports", {"published": "80"}, "missing a target port"),
        ("env_file", {"required": True}, "environment path attribute"),
        ("expose", 1.5, "unsupported expose value"),
        ("environment", {"A": 1}, "unexpected type"),
        ("volumes", "ab::c", "empty section"),
    ],
)
def test_indexer_errors(attr: str, entry: Any, message: str) -> None:
    with pytest.raises(ComposeFileError, match=message):
        enforce_unicity(web(**{attr: [entry, entry]}))
