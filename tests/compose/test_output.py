"""``dump_config``: Compose's key order, quoting, ``$`` escaping, unused resources, JSON."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml

from composedoc.compose.goyaml import to_yaml
from composedoc.compose.output import dump_config
from composedoc.compose.types import LoadedProject


def _project(model: dict[str, Any]) -> LoadedProject:
    return LoadedProject(name=model["name"], working_dir="/p", files=[], model=model)


MODEL: dict[str, Any] = {
    "name": "p",
    "services": {
        "web": {
            "x-note": "kept in yaml",
            "image": "nginx",
            "environment": {"B": "2", "A": "$HOME", "N": None},
            "ports": [{"target": 80, "published": "8080", "protocol": "tcp", "mode": "ingress"}],
            "networks": {"front": None},
            "depends_on": {
                "db": {"condition": "service_started", "required": True, "restart": False}
            },
            "privileged": False,
            "init": False,
            "command": [],
        },
        "db": {"image": "postgres", "networks": {"default": None}},
    },
    "networks": {
        "front": {"name": "p_front"},
        "default": {"name": "p_default"},
        "unused": {"name": "u"},
    },
    "volumes": {"unused": {"name": "p_unused"}},
    "x-top": {"b": 1, "a": 2},
}


def test_yaml_order_zero_values_and_escaping() -> None:
    text = dump_config(_project(MODEL))
    assert text.startswith("name: p\nservices:\n  db:\n")
    web = text[text.index("  web:") : text.index("\nnetworks:")]
    keys = [ln.split(":")[0].strip() for ln in web.splitlines() if re.match(r"^    \w", ln)]
    assert keys == [
        "command",
        "depends_on",
        "environment",
        "image",
        "init",
        "networks",
        "ports",
        "x-note",
    ]
    assert "privileged" not in text and "restart: false" not in text
    assert "A: $$HOME" in text
    assert "unused" not in text
    assert "      - mode: ingress\n        target: 80\n" in text
    data = yaml.safe_load(text)
    assert data["services"]["web"]["environment"]["N"] is None
    assert list(data) == ["name", "services", "networks", "x-top"]


def test_all_resources() -> None:
    text = dump_config(_project(MODEL), all_resources=True)
    assert "  unused:\n    name: u\n" in text
    assert "volumes:\n  unused:\n    name: p_unused\n" in text


def test_json_flavour() -> None:
    data = json.loads(dump_config(_project(MODEL), fmt="json"))
    web = data["services"]["web"]
    assert "x-note" not in web
    assert web["entrypoint"] is None and web["command"] == []
    assert data["networks"]["front"]["ipam"] == {}
    assert data["x-top"] == {"b": 1, "a": 2}
    assert list(data) == sorted(data)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("plain", "plain"),
        ("yes", '"yes"'),
        ("y", '"y"'),
        ("1", '"1"'),
        ("1.0", '"1.0"'),
        ("22:22", '"22:22"'),
        ("", '""'),
        ("null", '"null"'),
        ("[]", "'[]'"),
        ("{x}", "'{x}'"),
        ("a: b", "'a: b'"),
        ("-p", "-p"),
        ("c 1:3 mr", "c 1:3 mr"),
        ("tab\there", '"tab\\there"'),
        ("03:00", '"03:00"'),  # go-yaml's sexagesimal float pattern, leading zero or not
        ("0:0", '"0:0"'),
        ("09:59", '"09:59"'),
        ("-03:00", '"-03:00"'),
        ("05:5", '"05:5"'),
        ("1:2.5", '"1:2.5"'),
        ("1:60", "1:60"),
        ("03:00 UTC", "03:00 UTC"),
    ],
)
def test_scalar_quoting(value: str, written: str) -> None:
    """Checked against Docker Compose v2.40.3's `config` output; PyYAML reads it back."""
    assert to_yaml({"k": value}) == f"k: {written}\n"
    assert yaml.safe_load(to_yaml({"k": value})) == {"k": value}


@pytest.mark.parametrize("value", ["=", "<<"])
def test_yaml11_indicators_are_plain_like_go_yaml(value: str) -> None:
    """go-yaml writes ``=`` and ``<<`` bare (PyYAML, a YAML 1.1 reader, cannot load them)."""
    assert to_yaml({"k": value}) == f"k: {value}\n"


def test_literal_blocks_and_numbers() -> None:
    text = to_yaml({"m": {"s": "l1\nl2", "t": "end\n", "f": 1e6, "i": 3, "b": True}})
    assert "  s: |-\n    l1\n    l2\n" in text
    assert "  t: |\n    end\n" in text
    assert "f: 1e+06" in text
    assert yaml.safe_load(text)["m"]["t"] == "end\n"


def test_natural_key_order() -> None:
    model = {"name": "p", "services": {f"s{i}": {"image": "x"} for i in (10, 2, 1)}}
    text = dump_config(_project(model))
    assert text.index("s1:") < text.index("s2:") < text.index("s10:")


def test_plain_copy_has_no_depth_limit() -> None:
    """_plain is a loop: a tree far deeper than the recursion limit prints."""
    from composedoc.compose.output import _plain

    deep: Any = 1
    for i in range(5_000):
        deep = {"b": [deep], "a": i}
    out = _plain(deep)
    assert list(out) == ["a", "b"]
    for _ in range(5_000):
        out = out["b"][0]
    assert out == 1


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("x\x7fy", '"x\\x7Fy"'),  # DEL: PyYAML cannot even read it raw
        ("tab\there\x01", '"tab\\there\\x01"'),
        ('q"b\\s', 'q"b\\s'),  # quotes and backslashes alone stay plain
        ("s\u2028\x85\ufeff", '"s\\L\\N\\uFEFF"'),
        ("x\U0001f600", '"x\\U0001F600"'),  # past the BMP: go-yaml escapes it
        ("caf\u00e9 \u00a0x", "café \u00a0x"),
        ("\x1b[0m", '"\\e[0m"'),
    ],
)
def test_double_quoted_escapes_like_go_yaml(value: str, written: str) -> None:
    """Checked against Docker Compose v2.40.3's `config` output."""
    assert to_yaml({"k": value}) == f"k: {written}\n"
    assert yaml.safe_load(to_yaml({"k": value}))["k"] == value


def test_complex_keys_like_go_yaml() -> None:
    """Keys with a line break or over 128 bytes are ``? key`` / ``: value`` (checked against
    Docker Compose v2.40.3's `config` output)."""
    long = "k" * 130
    text = to_yaml({"x-a": {"a\nb": {"m": 1, "n": [1, 2]}, long: [{"z": 1}], "e": {"f\n": "x"}}})
    assert text == (
        'x-a:\n  ? |-\n    a\n    b\n  : m: 1\n    "n":\n      - 1\n      - 2\n'
        f"  ? {long}\n  : - z: 1\n  e:\n    ? |\n      f\n    : x\n"
    )


def test_literal_after_line_separator_glues_the_next_line() -> None:
    """go-yaml writes no line feed after a block ending in U+2028 (its column is 0 there)."""
    assert to_yaml({"a": "x\ny\u2028", "b": 1}) == "a: |\n  x\n  y\u2028b: 1\n"
