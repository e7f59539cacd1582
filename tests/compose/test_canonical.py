"""canonicalize(): short syntax to the long syntax Docker Compose's ``config --format json`` prints.

Expected values were taken from the oracle (Docker Compose v2.40.3); paths stay relative here
(normalize resolves them).
"""

from __future__ import annotations

import json
import logging
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from composedoc.compose.canonical import apply_build_defaults, canonicalize, decode_services
from composedoc.compose.gotypes import format_duration, parse_duration, shell_split
from composedoc.compose.located import LocList, LocMap, plain
from composedoc.errors import Location, SchemaError


def located(value: Any, line: int = 1) -> Any:
    """LocMap/LocList tree from plain data, each value at a made-up location."""
    if isinstance(value, dict):
        out = LocMap(loc=Location("c.yaml", line, 1))
        for i, (k, v) in enumerate(value.items()):
            out[str(k)] = located(v, line + i + 1)
            out.locs[str(k)] = Location("c.yaml", line + i + 1, 3)
        return out
    if isinstance(value, list):
        lst = LocList(
            (located(v, line + i) for i, v in enumerate(value)), loc=Location("c.yaml", line, 1)
        )
        lst.locs = [Location("c.yaml", line + i, 5) for i in range(len(value))]
        return lst
    return value


def svc(text: str) -> Any:
    """Canonical form of one service written in YAML (keys of service ``s``)."""
    model = located({"services": {"s": yaml.safe_load(text)}})
    return plain(canonicalize(model)["services"]["s"])


CASES: list[tuple[str, dict[str, Any]]] = [
    ("expose: [5000, '5000-5002/udp']", {"expose": ["5000", "5000-5002/udp"]}),
    ("tmpfs: /run", {"tmpfs": ["/run"]}),
    ("tmpfs: ['/a:size=10m', /b]", {"tmpfs": ["/a:size=10m", "/b"]}),
    (
        "depends_on: [db]",
        {"depends_on": {"db": {"condition": "service_started", "required": True}}},
    ),
    (
        "depends_on: {b: {condition: service_healthy, restart: true}}",
        {"depends_on": {"b": {"condition": "service_healthy", "restart": True, "required": True}}},
    ),
    ("networks: [front, back]", {"networks": {"front": None, "back": None}}),
    (
        "networks: {front: {aliases: [x]}, back: }",
        {"networks": {"front": {"aliases": ["x"]}, "back": None}},
    ),
    (
        "secrets: [s1, {source: s2, target: custom, mode: 0o440},"
        " {source: s3, mode: '440', uid: '1'}]",
        {
            "secrets": [
                {"source": "s1", "target": "/run/secrets/s1"},
                {"source": "s2", "target": "custom", "mode": "0440"},
                {"source": "s3", "target": "/run/secrets/s3", "mode": "0440", "uid": "1"},
            ]
        },
    ),
    (
        "configs: [c1, {source: c1, mode: '0440'}]",
        {"configs": [{"source": "c1"}, {"source": "c1", "mode": "0440"}]},
    ),
    ("build: ./ctx", {"build": {"context": "./ctx", "dockerfile": "Dockerfile"}}),
    (
        "build: {context: ., dockerfile_inline: FROM x, args: [a=1, b]}",
        {"build": {"context": ".", "dockerfile_inline": "FROM x", "args": {"a": "1", "b": None}}},
    ),
    (
        "build: {context: ., args: {x: 1, f: 1.0}, ssh: {default: null, id: /p}, "
        "additional_contexts: [a=b], "
        "extra_hosts: ['a:1.2.3.4']}",
        {
            "build": {
                "context": ".",
                "dockerfile": "Dockerfile",
                "args": {"x": "1", "f": "1"},
                "ssh": ["default", "id=/p"],
                "additional_contexts": {"a": "b"},
                "extra_hosts": ["a=1.2.3.4"],
            }
        },
    ),
    ("env_file: .env2", {"env_file": [{"path": ".env2", "required": True}]}),
    (
        "env_file: [{path: a, required: false}, b]",
        {"env_file": [{"path": "a", "required": False}, {"path": "b", "required": True}]},
    ),
    ("label_file: lab.env", {"label_file": ["lab.env"]}),
    (
        "healthcheck: {test: curl -f http://x, interval: 30s, timeout: 1m30s,"
        " start_period: 90s, retries: 3}",
        {
            "healthcheck": {
                "test": ["CMD-SHELL", "curl -f http://x"],
                "interval": "30s",
                "timeout": "1m30s",
                "start_period": "1m30s",
                "retries": 3,
            }
        },
    ),
    (
        "healthcheck: {test: [NONE], disable: true, interval: 1500ms, timeout: 2h,"
        " start_interval: '0'}",
        {
            "healthcheck": {
                "test": ["NONE"],
                "disable": True,
                "interval": "1.5s",
                "timeout": "2h0m0s",
                "start_interval": "0s",
            }
        },
    ),
    ("command: echo \"hi there\" 'a b' c\\ d", {"command": ["echo", "hi there", "a b", "c d"]}),
    ("command: ''", {"command": []}),
    ("command: null", {"command": None}),
    ("command: [x]", {"command": ["x"]}),
    ("entrypoint: /c", {"entrypoint": ["/c"]}),
    ("dns: 8.8.8.8", {"dns": ["8.8.8.8"]}),
    ("dns: []", {}),
    ("dns_search: example.com", {"dns_search": ["example.com"]}),
    ("dns_opt: use-vc", {"dns_opt": ["use-vc"]}),
    (
        "environment: [A=1, B, C=, D=x=y]",
        {"environment": {"A": "1", "B": None, "C": "", "D": "x=y"}},
    ),
    (
        "environment: {N: 1, F: 1.5, T: true, E: 1000000.0, NUL: null}",
        {"environment": {"N": "1", "F": "1.5", "T": "true", "E": "1e+06", "NUL": None}},
    ),
    ("labels: [x=y, z]", {"labels": {"x": "y", "z": ""}}),
    ("labels: {n: null, b: true}", {"labels": {"n": "", "b": "true"}}),
    ("annotations: [k]", {"annotations": {"k": ""}}),
    ("sysctls: [net.core.somaxconn=1024]", {"sysctls": {"net.core.somaxconn": "1024"}}),
    ("sysctls: {a: 1}", {"sysctls": {"a": "1"}}),
    (
        "extra_hosts: ['somehost:162.242.195.82', 'other=1.2.3.4', 'v6:::1']",
        {"extra_hosts": ["other=1.2.3.4", "somehost=162.242.195.82", "v6=::1"]},
    ),
    (
        "extra_hosts: ['h=[::1]', 'h2:[::2]']",
        {"extra_hosts": ["h2=::2", "h=::1"]},
    ),
    (
        "extra_hosts: {h: 1.2.3.4, multi: [1.1.1.1, 2.2.2.2]}",
        {"extra_hosts": ["h=1.2.3.4", "multi=1.1.1.1", "multi=2.2.2.2"]},
    ),
    (
        "ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}",
        {"ulimits": {"nproc": 65535, "nofile": {"soft": 20000, "hard": 40000}}},
    ),
    (
        "ulimits: {nofile: '100', nproc: {soft: '1', hard: 2}}",
        {"ulimits": {"nofile": 100, "nproc": {"soft": 1, "hard": 2}}},
    ),
    ("healthcheck: {test: ''}", {"healthcheck": {"test": ["CMD-SHELL", ""]}}),
    ("pull_policy: if_not_present", {"pull_policy": "missing"}),
    ("pull_policy: always", {"pull_policy": "always"}),
    (
        "{mem_limit: 512m, shm_size: 1gb, memswap_limit: 1g, mem_reservation: 1000}",
        {
            "mem_limit": "536870912",
            "shm_size": "1073741824",
            "memswap_limit": "1073741824",
            "mem_reservation": "1000",
        },
    ),
    ("stop_grace_period: 1m", {"stop_grace_period": "1m0s"}),
    ("restart: always", {"restart": "always"}),
    ("cpus: 0.5", {"cpus": 0.5}),
    ("cpus: '2'", {"cpus": 2}),
    (
        "logging: {driver: json-file, options: {max-size: 10m, n: 1}}",
        {"logging": {"driver": "json-file", "options": {"max-size": "10m", "n": "1"}}},
    ),
    (
        "blkio_config: {weight: 300, device_read_bps: [{path: /dev/sda, rate: 12mb}],"
        " device_write_iops: [{path: /d, rate: 5}]}",
        {
            "blkio_config": {
                "weight": 300,
                "device_read_bps": [{"path": "/dev/sda", "rate": "12582912"}],
                "device_write_iops": [{"path": "/d", "rate": "5"}],
            }
        },
    ),
    (
        "deploy: {resources: {limits: {cpus: '0.5', memory: 50M}, reservations: {memory: '1000'}}, "
        "restart_policy: {condition: on-failure, delay: 5s}, update_config: {monitor: 90s}}",
        {
            "deploy": {
                "resources": {
                    "limits": {"cpus": 0.5, "memory": "52428800"},
                    "reservations": {"memory": "1000"},
                },
                "restart_policy": {"condition": "on-failure", "delay": "5s"},
                "update_config": {"monitor": "1m30s"},
            }
        },
    ),
    (
        "ports: ['80:80', {target: 81, published: 8081}]",
        {
            "ports": [
                {"mode": "ingress", "target": 80, "published": "80", "protocol": "tcp"},
                {"mode": "ingress", "target": 81, "published": "8081", "protocol": "tcp"},
            ]
        },
    ),
    (
        "volumes: ['data:/d', {type: tmpfs, target: /t, tmpfs: {size: 10m}}]",
        {
            "volumes": [
                {"type": "volume", "source": "data", "target": "/d", "volume": {}},
                {"type": "tmpfs", "target": "/t", "tmpfs": {"size": "10485760"}},
            ]
        },
    ),
    ("models: [llm]", {"models": {"llm": None}}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_service_attribute(text: str, expected: dict[str, Any]) -> None:
    assert svc("{image: x}") == {"image": "x"}
    got = svc(text)
    assert got == expected
    assert list(got) == list(expected)


def test_key_order_of_generated_maps() -> None:
    out = svc("secrets: [{mode: 0o400, source: a}]")
    assert list(out["secrets"][0]) == ["mode", "source", "target"]
    deps = svc("depends_on: {b: {required: false, restart: true, condition: service_healthy}}")
    assert list(deps["depends_on"]["b"]) == ["condition", "restart", "required"]
    assert list(svc("build: {args: {a: 1}, context: .}")["build"]) == [
        "args",
        "context",
        "dockerfile",
    ]


def test_locations_are_kept() -> None:
    model = located(
        {"services": {"s": {"ports": ["80:80"], "environment": ["A=1"], "depends_on": ["db"]}}}
    )
    out = canonicalize(model)
    s = out["services"]["s"]
    assert s.loc == model["services"]["s"].loc
    assert s["ports"].loc == model["services"]["s"]["ports"].loc
    assert s["ports"][0].loc == model["services"]["s"]["ports"].locs[0]
    assert s["environment"].loc_of("A") == model["services"]["s"]["environment"].locs[0]
    assert s["depends_on"]["db"].loc == model["services"]["s"]["depends_on"].locs[0]


def test_input_is_not_mutated() -> None:
    model = located({"services": {"s": {"command": "a b", "ports": ["80"]}}})
    before = plain(model)
    canonicalize(model)
    assert plain(model) == before


def test_located_errors() -> None:
    model = located({"services": {"s": {"ports": ["127.0.1:8080:80"]}}})
    with pytest.raises(SchemaError) as info:
        canonicalize(model)
    assert info.value.message == "invalid IP address: 127.0.1"
    assert info.value.location == model["services"]["s"]["ports"].locs[0]
    with pytest.raises(SchemaError, match=r"'services\[s\].command' invalid command line string"):
        decode_services(canonicalize(located({"services": {"s": {"command": 'a "b'}}})))
    with pytest.raises(SchemaError, match=r'time: invalid duration "ten"'):
        decode_services(canonicalize(located({"services": {"s": {"stop_grace_period": "ten"}}})))


def test_decoded_values_fail_only_once_merged() -> None:
    """One file's transform keeps a command or duration that does not parse as written:
    Compose refuses it when it decodes the merged project, not while a later file may still
    remove the service."""
    out = plain(canonicalize(located({"services": {"s": {"command": 'a "b', "cpus": "x"}}})))
    assert out == {"services": {"s": {"command": 'a "b', "cpus": "x"}}}


def test_top_level_resources(caplog: pytest.LogCaptureFixture) -> None:
    model = located(
        {
            "networks": {
                "front": None,
                "ext": {"external": {"name": "real"}},
                "l": {"labels": ["a=1"]},
            },
            "volumes": None,
            "secrets": {"s": {"file": "./s"}},
            "configs": {"c": {"external": True}},
            "x-any": {"k": 1},
        }
    )
    with caplog.at_level(logging.WARNING, logger="composedoc"):
        out = plain(canonicalize(model))
    assert out == {
        "networks": {
            "front": {},
            "ext": {"name": "real", "external": True},
            "l": {"labels": {"a": "1"}},
        },
        "volumes": {},
        "secrets": {"s": {"file": "./s"}},
        "configs": {"c": {"external": True}},
        "x-any": {"k": 1},
    }
    assert (
        "networks.ext: external.name is deprecated. Please set name and external: true"
        in caplog.text
    )


def test_apply_build_defaults() -> None:
    assert apply_build_defaults("dir") == {"context": "dir", "dockerfile": "Dockerfile"}
    assert apply_build_defaults({"context": ".", "dockerfile": "x"}) == {
        "context": ".",
        "dockerfile": "x",
    }
    assert apply_build_defaults({"dockerfile_inline": "FROM a"}) == {"dockerfile_inline": "FROM a"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("echo a; echo b", ["echo", "a"]),
        ("echo a | b", ["echo", "a"]),
        ("a >out", ["a"]),
        ("a 2>out", ["a"]),
        ("echo `x`", ["echo", "`x`"]),
        ("a 'b\\c'", ["a", "b\\c"]),
        ('a "b\\"c" "d\\\\e" x\\\\y', ["a", 'b"c', "d\\e", "x\\y"]),
        ("a   b\tc", ["a", "b", "c"]),
        (" ", []),
        ("", []),
        ("a #b", ["a", "#b"]),
        ("a $(x y)", ["a", "$(x y)"]),
        ("a \\\nb", ["a", "\nb"]),
        ("sh -c 'echo $HOME' \"x\\\"y\" ''", ["sh", "-c", "echo $HOME", 'x"y', ""]),
    ],
)
def test_shell_split_like_go_shellwords(line: str, expected: list[str]) -> None:
    assert shell_split(line) == expected


@pytest.mark.parametrize("line", ['a "b', "a 'b", "a (b)", "a)", "a\\"])
def test_shell_split_errors(line: str) -> None:
    with pytest.raises(ValueError, match="invalid command line string"):
        shell_split(line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30s", "30s"),
        ("90s", "1m30s"),
        ("1m", "1m0s"),
        ("2h", "2h0m0s"),
        ("1500ms", "1.5s"),
        ("1.5s", "1.5s"),
        ("100us", "100µs"),
        ("1h1m0.5s", "1h1m0.5s"),
        ("0", "0s"),
        ("0s", "0s"),
        ("1.5h", "1h30m0s"),
        ("500ns", "500ns"),
        ("-1s", "-1s"),
        ("1m30s", "1m30s"),
        ("2.25ms", "2.25ms"),
    ],
)
def test_go_durations(text: str, expected: str) -> None:
    assert format_duration(parse_duration(text)) == expected


@pytest.mark.parametrize("text", ["", "ten", "1", "1x", "s", ".s", "1.2.3s"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def _oracle_services(shared: Path, case: Path) -> dict[str, Any]:
    tool = shared / "tools" / "compose-oracle"
    cached = Path.home() / ".cache" / "compose-oracle" / "docker-compose"
    if not cached.exists():
        pytest.skip("compose oracle binary not cached")
    done = subprocess.run(
        [str(tool), "-f", str(case), "config", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=case.parent,
    )
    services: dict[str, Any] = json.loads(done.stdout)["services"]
    return services


@pytest.mark.parametrize("case", ["09-ports", "10-volumes"])
def test_matches_oracle_on_conformance_cases(shared_dir: Path, case: str) -> None:
    """Service-level shapes equal Docker Compose's, except path resolution (normalize's job)."""
    yaml_mod = pytest.importorskip("composedoc.compose.yaml")
    path = shared_dir / "conformance" / "cases" / case / "compose.yaml"
    (doc,) = yaml_mod.parse_documents(path.read_bytes(), "compose.yaml")
    mine = plain(canonicalize(doc))["services"]
    oracle = _oracle_services(shared_dir, path)
    for name, service in oracle.items():
        for key in ("ports", "expose", "tmpfs"):
            assert mine[name].get(key) == service.get(key), (name, key)
        for got, want in zip(
            mine[name].get("volumes", []), service.get("volumes", []), strict=True
        ):
            if want.get("type") == "bind":  # sources are made absolute later; Go omits false
                got = {**got, "source": want["source"]}
                got["bind"] = {k: v for k, v in got["bind"].items() if v is not False}
            assert got == want, name
