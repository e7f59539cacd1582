"""Hypothesis strategies that build Compose projects: valid ones and near-valid ones.

A project is built as plain Python data (so the oracle comparison knows what it asked for),
then written as YAML. Near-valid projects come from three kinds of damage: a value replaced
by one of the wrong type or an odd string, an unknown key, and text-level damage to the YAML
(a byte cut, doubled or inserted, a line dropped). The vocabulary is small on purpose so that
references (depends_on, networks, volumes, extends) often hit and sometimes miss.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import strategies as st

NAMES = ["web", "db", "api", "cache", "worker", "a.b", "x_y", "Web", "1st"]
NETWORKS = ["front", "back", "default"]
VOLUMES = ["data", "logs"]
SECRETS = ["token", "cert"]
ODD = [
    "",
    " ",
    "${",
    "${X",
    "${X:?boom}",
    "${X:-d}",
    "${Y-}",
    "$$",
    "$",
    "${X:+set}",
    "\u00e9\u4e2d",
    "a\nb",
    '"',
    "'",
    "<script>x</script>",
    "](javascript:alert(1))",
    "%%{init: {}}%%",
    "-> {a}; b [label=x]",
    "22:22",
    "0755",
    "yes",
    "1e3",
    "2024-01-01",
    "~",
    "null",
    "-1",
    "99999999999999999999999",
    "..",
    "/etc/passwd",
    "~/x",
]

scalars: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(ODD),
    st.integers(min_value=-(2**65), max_value=2**65),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=8),
)
wrong: st.SearchStrategy[Any] = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(st.sampled_from(["a", "b", "x-c", "1"]), scalars, max_size=3),
)

ports = st.one_of(
    st.sampled_from(
        ["80", "8080:80", "127.0.0.1:8080:80", "[::1]:81:80", "9000-9001:9000-9001", "53:53/udp"]
    ),
    st.sampled_from(["::80", "80-70:80", "a:b", "65536:80", "1:2:3:4", "8080:80/xyz", "0:0"]),
    st.integers(min_value=-1, max_value=70000),
    st.fixed_dictionaries(
        {"target": st.integers(min_value=0, max_value=70000)},
        optional={
            "published": st.one_of(st.sampled_from(["8080", "8080-8081", "x"]), st.integers()),
            "protocol": st.sampled_from(["tcp", "udp", "sctp", "TCP", "icmp"]),
            "host_ip": st.sampled_from(["127.0.0.1", "::1", "bad"]),
            "mode": st.sampled_from(["ingress", "host", "?"]),
        },
    ),
)
volume_specs = st.one_of(
    st.sampled_from(
        [
            "data:/data",
            "./src:/src:ro",
            "/var/run/docker.sock:/var/run/docker.sock",
            "~/cfg:/cfg",
            "../outside:/o",
            "logs:/logs:rw,z",
            "/anon",
            "missing:/m",
            "data:relative",
            "data:/d:bogus",
            "::",
            "",
        ]
    ),
    st.fixed_dictionaries(
        {"type": st.sampled_from(["volume", "bind", "tmpfs", "npipe", "weird"])},
        optional={
            "source": st.sampled_from(["data", "./x", "/abs", "nope"]),
            "target": st.sampled_from(["/t", "t", ""]),
            "read_only": st.sampled_from([True, "yes", 1]),
        },
    ),
)
durations = st.sampled_from(["10s", "1m30s", "1h", "0", "10", "-5s", "1x", "", "1.5s"])
env_value = st.one_of(st.sampled_from(ODD), st.integers(), st.booleans(), st.none())


@st.composite
def service(draw: st.DrawFn, others: list[str]) -> dict[str, Any]:
    """One service; references point at names that may or may not exist."""
    svc: dict[str, Any] = {}
    if draw(st.booleans()):
        svc["image"] = draw(st.sampled_from(["nginx:1.27", "postgres", "${IMG:-redis}", "a b"]))
    else:
        svc["build"] = draw(st.sampled_from([".", "./app", {"context": ".", "target": "t"}]))
    keys = st.sampled_from(
        [
            "ports",
            "volumes",
            "environment",
            "depends_on",
            "networks",
            "labels",
            "healthcheck",
            "command",
            "restart",
            "profiles",
            "secrets",
            "deploy",
            "extends",
            "x-meta",
            "stop_grace_period",
            "mem_limit",
            "network_mode",
            "links",
            "container_name",
        ]
    )
    for key in draw(st.lists(keys, max_size=6, unique=True)):
        svc[key] = draw(_attribute(key, others))
    return svc


def _attribute(key: str, others: list[str]) -> st.SearchStrategy[Any]:
    name = st.sampled_from([*others, "ghost"])
    table: dict[str, st.SearchStrategy[Any]] = {
        "ports": st.lists(ports, max_size=3),
        "volumes": st.lists(volume_specs, max_size=3),
        "environment": st.one_of(
            st.dictionaries(st.sampled_from(["A", "B", "PATH", "X"]), env_value, max_size=3),
            st.lists(st.sampled_from(["A=1", "B", "C=${X}", "=bad", "D=$$E"]), max_size=3),
        ),
        "depends_on": st.one_of(
            st.lists(name, max_size=2, unique=True),
            st.dictionaries(
                name,
                st.fixed_dictionaries(
                    {},
                    optional={
                        "condition": st.sampled_from(["service_started", "service_healthy", "x"]),
                        "required": st.booleans(),
                    },
                ),
                max_size=2,
            ),
        ),
        "networks": st.one_of(
            st.lists(st.sampled_from([*NETWORKS, "nowhere"]), max_size=2, unique=True),
            st.dictionaries(
                st.sampled_from(NETWORKS),
                st.one_of(st.none(), st.fixed_dictionaries({"aliases": st.lists(name)})),
                max_size=2,
            ),
        ),
        "labels": st.one_of(
            st.dictionaries(st.sampled_from(["a", "com.x", "z"]), env_value, max_size=3),
            st.lists(st.sampled_from(["a=1", "b", "c=<b>x</b>"]), max_size=3),
        ),
        "healthcheck": st.fixed_dictionaries(
            {},
            optional={
                "test": st.one_of(
                    st.just("curl -f http://x"), st.lists(st.sampled_from(["CMD", "x", "NONE"]))
                ),
                "interval": durations,
                "retries": st.one_of(st.integers(min_value=-1, max_value=5), st.just("3")),
                "disable": st.booleans(),
            },
        ),
        "command": st.one_of(st.sampled_from(['sh -c "echo hi"', "a 'b", ""]), st.lists(scalars)),
        "restart": st.sampled_from(["always", "no", "on-failure:3", "sometimes"]),
        "profiles": st.lists(st.sampled_from(["debug", "prod", "*", ""]), max_size=2),
        "secrets": st.lists(st.sampled_from([*SECRETS, "nosecret"]), max_size=2),
        "deploy": st.fixed_dictionaries(
            {},
            optional={
                "replicas": st.integers(min_value=-1, max_value=3),
                "resources": st.just({"limits": {"memory": "512m", "cpus": "0.5"}}),
            },
        ),
        "extends": st.one_of(name, st.fixed_dictionaries({"service": name})),
        "x-meta": wrong,
        "stop_grace_period": durations,
        "mem_limit": st.sampled_from(["512m", "1g", "1.5gb", "lots", 1024, "-1"]),
        "network_mode": st.one_of(
            st.sampled_from(["host", "none", "bridge"]), name.map("service:{}".format)
        ),
        "links": st.lists(name.map(lambda n: f"{n}:alias"), max_size=2),
        "container_name": st.sampled_from(["c1", "bad name", "${N}"]),
    }
    return table[key]


@st.composite
def project(draw: st.DrawFn) -> dict[str, Any]:
    """A whole Compose model, mostly valid: names, services and top-level resources."""
    names = draw(st.lists(st.sampled_from(NAMES), min_size=0, max_size=4, unique=True))
    model: dict[str, Any] = {}
    if draw(st.booleans()):
        model["name"] = draw(st.sampled_from(["demo", "My Proj", "${P:-x}", "_", "p" * 70]))
    model["services"] = {n: draw(service([m for m in names if m != n])) for n in names}
    if draw(st.booleans()):
        model["networks"] = {
            n: draw(st.one_of(st.none(), st.just({"external": True}), st.just({"driver": "x"})))
            for n in draw(st.lists(st.sampled_from(NETWORKS), unique=True, max_size=3))
        }
    if draw(st.booleans()):
        model["volumes"] = {
            v: draw(st.one_of(st.none(), st.just({"name": "real"}), st.just({"external": True})))
            for v in draw(st.lists(st.sampled_from(VOLUMES), unique=True, max_size=2))
        }
    if draw(st.booleans()):
        model["secrets"] = {
            s: draw(st.sampled_from([{"file": "./s.txt"}, {"environment": "A"}, {}]))
            for s in draw(st.lists(st.sampled_from(SECRETS), unique=True, max_size=2))
        }
    return model


@st.composite
def damaged(draw: st.DrawFn, model: dict[str, Any]) -> dict[str, Any]:
    """The model with one value of the wrong type or one unknown key."""
    path: list[Any] = []
    node: Any = model
    while isinstance(node, dict) and node and draw(st.integers(0, 3)) > 0:
        key = draw(st.sampled_from(sorted(node, key=str)))
        path.append(key)
        node = node[key]
    if not path:
        model["unknown_top"] = draw(wrong)
        return model
    parent: Any = model
    for key in path[:-1]:
        parent = parent[key]
    if draw(st.booleans()):
        parent[path[-1]] = draw(wrong)
    elif isinstance(parent[path[-1]], dict):
        parent[path[-1]]["bogus_key"] = draw(scalars)
    else:
        parent[path[-1]] = draw(wrong)
    return model


def to_yaml(model: dict[str, Any]) -> bytes:
    """Block-style YAML, UTF-8, keys in the order they were built."""
    return yaml.safe_dump(model, sort_keys=False, allow_unicode=True).encode("utf-8")


@st.composite
def text_damage(draw: st.DrawFn, data: bytes) -> bytes:
    """Cut, double or insert bytes, or drop a line: YAML errors and odd scalars."""
    if not data:
        return data
    kind = draw(st.sampled_from(["cut", "insert", "drop_line", "dup_line", "truncate"]))
    at = draw(st.integers(0, len(data) - 1))
    if kind == "cut":
        return data[:at] + data[at + 1 :]
    if kind == "insert":
        piece = draw(
            st.sampled_from([b":", b"-", b"&a ", b"*a", b"\t", b"\xff", b"{", b"'", b"!!"])
        )
        return data[:at] + piece + data[at:]
    if kind == "truncate":
        return data[:at]
    lines = data.split(b"\n")
    i = at % len(lines)
    if kind == "drop_line":
        return b"\n".join(lines[:i] + lines[i + 1 :])
    return b"\n".join(lines[: i + 1] + lines[i:])


@st.composite
def compose_file(draw: st.DrawFn) -> tuple[str, dict[str, Any] | None, bytes]:
    """(kind, model or None, bytes): kind is ``valid``, ``typed`` or ``text``."""
    model = draw(project())
    kind = draw(st.sampled_from(["valid", "valid", "typed", "text"]))
    if kind == "typed":
        model = draw(damaged(model))
    data = to_yaml(model)
    if kind == "text":
        return kind, None, draw(text_damage(data))
    return kind, model, data
