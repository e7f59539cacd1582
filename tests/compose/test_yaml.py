"""The YAML reader: go-yaml v3 scalars, locations, merge keys, errors and safety limits.

Expected values were checked against Docker Compose v2.40.3 (the oracle) on the same input.
"""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from composedoc.compose.gostr import go_string
from composedoc.compose.located import LocList, LocMap, plain
from composedoc.compose.yaml import (
    Override,
    Reset,
    YamlLimits,
    parse_documents,
    parse_located_documents,
)
from composedoc.errors import (
    ComposedocError,
    ComposeFileError,
    LimitError,
    Location,
    SchemaError,
)


def one(text: str | bytes, **kw: Any) -> Any:
    docs = parse_documents(text, "c.yaml", **kw)
    assert len(docs) == 1
    return docs[0]


def scalar(src: str) -> Any:
    return one(f"v: {src}\n")["v"]


SCALARS = [
    # the §9 table
    ("22:22", "22:22"),
    ("8080:80", "8080:80"),
    ("1:30:00", "1:30:00"),
    ("yes", "yes"),
    ("on", "on"),
    ("off", "off"),
    ("y", "y"),
    ("0755", 493),
    ("0o755", 493),
    ("1_000", 1000),
    ("1e3", 1000.0),
    ("08", 8.0),
    ("09.5", 9.5),
    ("1000000.0", 1000000.0),
    ("=", "="),
    # booleans and nulls: only the YAML 1.2 core spellings
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("tRue", "tRue"),
    ("false", False),
    ("FALSE", False),
    ("~", None),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("nULL", "nULL"),
    ("", None),
    # integers: Go ParseInt base 0, then ParseUint
    ("0", 0),
    ("-0", 0),
    ("+12", 12),
    ("12", 12),
    ("0x1F", 31),
    ("0XAB", 171),
    ("0b101", 5),
    ("-0o17", -15),
    ("0x_1F", 31),
    ("1_", 1),
    ("_1", "_1"),
    ("0o8", "0o8"),
    ("0x", "0x"),
    ("9223372036854775807", 9223372036854775807),
    ("-9223372036854775808", -9223372036854775808),
    ("18446744073709551615", 18446744073709551615),
    ("+18446744073709551615", 1.8446744073709552e19),
    ("99999999999999999999", 1e20),
    ("0x1FFFFFFFFFFFFFFFF", "0x1FFFFFFFFFFFFFFFF"),
    # floats: go-yaml's regex, Go range errors keep the string
    ("1.", 1.0),
    (".5", 0.5),
    ("+.5e-3", 0.0005),
    ("1_0.5", 10.5),
    ("1e400", "1e400"),
    ("12e", "12e"),
    (".inf", math.inf),
    ("+.Inf", math.inf),
    ("-.INF", -math.inf),
    (".inF", ".inF"),
    ("NaN", "NaN"),
    ("Infinity", "Infinity"),
    # quoted and block scalars are strings
    ('"0755"', "0755"),
    ("'true'", "true"),
    ('"~"', "~"),
    ("|\n  12\n", "12\n"),
    # explicit tags
    ("!!str 0755", "0755"),
    ('!!int "12"', 12),
    ("!!float 3", 3.0),
    ('!!float "1e3"', 1000.0),
    ("!!binary aGVsbG8=", "hello"),
    ('!!bool "true"', True),
    ('!!null ""', None),
    ("! 12", "12"),
    ("!foo 12", "12"),
    # timestamps that Go's time.Parse refuses stay strings
    ("2024-02-30", "2024-02-30"),
    ("2024-13-01", "2024-13-01"),
    ("2024-01-01T25:00:00Z", "2024-01-01T25:00:00Z"),
    ("2024-01-01T10:00:00+0200", "2024-01-01T10:00:00+0200"),
]


@pytest.mark.parametrize(("src", "expected"), SCALARS)
def test_scalars_resolve_like_go_yaml(src: str, expected: Any) -> None:
    got = scalar(src)
    assert type(got) is type(expected)
    if isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == expected


def test_nan() -> None:
    assert math.isnan(scalar(".nan")) and math.isnan(scalar(".NaN"))


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("2024-01-01", "2024-01-01T00:00:00Z"),
        ("2024-1-1", "2024-01-01T00:00:00Z"),
        ("2024-01-01t1:2:3Z", "2024-01-01T01:02:03Z"),
        ("2024-01-01T10:00:00.123456789Z", "2024-01-01T10:00:00.123456789Z"),
        ("2024-01-01T10:00:00.50Z", "2024-01-01T10:00:00.5Z"),
        ("2024-01-01T10:00:00+02:00", "2024-01-01T10:00:00+02:00"),
        ("2024-01-01  10:00:00", "2024-01-01T10:00:00Z"),
        ("0000-01-01", "0000-01-01T00:00:00Z"),
    ],
)
def test_timestamps_in_extensions_print_like_go(src: str, expected: str) -> None:
    assert one(f"x-a:\n  t: {src}\n  l: [{src}]\n")["x-a"] == {"t": expected, "l": [expected]}


def test_timestamp_outside_extensions_is_a_schema_error() -> None:
    src = "services:\n  a:\n    environment:\n      A: 2024-01-01\n"
    with pytest.raises(SchemaError) as err:
        parse_documents(src, "c.yaml")
    assert err.value.message == "services.a.environment.A invalid jsonType time.Time"
    assert err.value.location == Location("c.yaml", 4, 10)
    with pytest.raises(SchemaError, match=r"services.a.labels\[1\] invalid"):
        parse_documents("services:\n  a:\n    labels: [x, 2024-01-01]\n", "c.yaml")


def test_locations_of_nested_values() -> None:
    doc = one("services:\n  web:\n    image: nginx\n    ports:\n      - 80:80\n      - '443'\n")
    services = doc["services"]
    assert isinstance(services, LocMap)
    assert doc.loc == Location("c.yaml", 1, 1)
    assert doc.locs["services"] == Location("c.yaml", 2, 3)
    web = services["web"]
    assert web.locs["image"] == Location("c.yaml", 3, 12)
    ports = web["ports"]
    assert isinstance(ports, LocList)
    assert ports == ["80:80", "443"]
    assert ports.loc == Location("c.yaml", 5, 7)
    assert ports.locs == [Location("c.yaml", 5, 9), Location("c.yaml", 6, 9)]
    flow = one("a: {b: [1, {c: x}]}\n")
    assert flow["a"]["b"].locs[1] == Location("c.yaml", 1, 12)
    assert flow["a"]["b"][1].locs["c"] == Location("c.yaml", 1, 16)


def test_every_value_has_a_location() -> None:
    def walk(v: Any) -> int:
        if isinstance(v, LocMap):
            assert set(v.locs) == set(v) and v.loc is not None
            return 1 + sum(walk(x) for x in v.values())
        if isinstance(v, LocList):
            assert len(v.locs) == len(v) and all(v.locs) and v.loc is not None
            return 1 + sum(walk(x) for x in v)
        return 1

    src = "x: &a {k: [1, 2, {z: ~}]}\ny:\n  <<: *a\n  m: [*a, 'q']\n"
    assert walk(one(src)) > 10


def test_merge_keys_explicit_wins_and_first_source_wins() -> None:
    src = (
        "x-a: &a\n  A: a1\n  B: a2\n"
        "x-b: &b\n  B: b2\n  C: b3\n"
        "env:\n  C: own\n  <<: [*a, *b]\n  D: d\n"
    )
    env = one(src)["env"]
    assert env == {"C": "own", "A": "a1", "B": "a2", "D": "d"}
    assert list(env) == ["C", "A", "B", "D"]  # merged keys take the place of `<<`
    assert env.locs["A"] == Location("c.yaml", 2, 6)  # where the merged value was written
    assert env.locs["C"] == Location("c.yaml", 8, 6)
    single = one("x: &x {a: 1, b: 2}\ny:\n  b: 3\n  <<: *x\n")["y"]
    assert single == {"b": 3, "a": 1}
    inline = one("y:\n  <<: {a: 1}\n")["y"]
    assert inline == {"a": 1}
    assert one('y:\n  "<<": 1\n')["y"] == {"<<": 1}  # quoted: an ordinary key


def test_anchors_are_shared_redefinable_and_span_documents() -> None:
    docs = parse_documents("a: &x [1]\nb: *x\n---\nc: *x\nd: &x 2\ne: *x\n", "c.yaml")
    assert docs[0]["a"] is docs[0]["b"]
    assert docs[0]["b"] is docs[1]["c"]
    assert docs[1]["e"] == 2
    assert docs[0].locs["b"] == Location("c.yaml", 2, 4)  # where the alias is used


def test_reset_and_override() -> None:
    doc = one("a: !reset []\nb: !override\n  k: 0755\nc: !override 0755\nd: !reset\n")
    assert doc["a"] == Reset(LocList(), Location("c.yaml", 1, 4))
    assert isinstance(doc["b"], Override) and doc["b"].value == {"k": 493}
    assert doc["b"].loc == Location("c.yaml", 2, 4)
    # a tagged scalar keeps its text, as go-yaml does for any non-core tag (oracle: "0755")
    assert doc["c"] == Override("0755", Location("c.yaml", 4, 4))
    assert doc["d"] == Reset("", Location("c.yaml", 5, 4))
    items = one("l: [!reset x, y]\n")["l"]
    assert isinstance(items[0], Reset) and items[1] == "y"


@pytest.mark.parametrize(
    ("src", "docs"),
    [
        ("", []),
        ("# only a comment\n", []),
        ("---\n", [None]),
        ("a: 1\n---\nb: 2\n", [{"a": 1}, {"b": 2}]),
        ("a: 1\n---\n", [{"a": 1}, None]),
        ("---\na: 1\n...\n", [{"a": 1}]),
        ("hello\n", ["hello"]),
    ],
)
def test_documents(src: str, docs: list[Any]) -> None:
    assert plain(parse_documents(src, "c.yaml")) == docs


def test_bom_and_encodings() -> None:
    assert one(b"\xef\xbb\xbfa: 1\n") == {"a": 1}
    assert one("\ufeffa: \u00e9\n") == {"a": "\u00e9"}
    with pytest.raises(ComposeFileError) as err:
        parse_documents(b"a: 1\nb: \xff\n", "c.yaml")
    assert err.value.location == Location("c.yaml", 2, 4)
    assert "UTF-8" in err.value.message
    with pytest.raises(ComposeFileError) as err:
        parse_documents(b"a: 1\nb: x\x00\n", "c.yaml")
    assert err.value.location == Location("c.yaml", 2, 5)
    assert err.value.message == "control characters are not allowed"


ERRORS = [
    (
        "services:\n  a:\n    image: x\n    image: y\n",
        'mapping key "image" already defined at line 3',
        (4, 5),
    ),
    ("a: 1\n'a': 2\n", 'mapping key "a" already defined at line 1', (2, 1)),
    ("y:\n  <<: {a: 1}\n  <<: {b: 1}\n", 'mapping key "<<" already defined at line 2', (3, 3)),
    ("services:\n  1:\n    image: x\n", "non-string key in services: 1", (2, 3)),
    ("1: x\n", "non-string key at top level: 1", (1, 1)),
    ("s:\n  a:\n    e:\n      true: x\n", "non-string key in s.a.e: true", (4, 7)),
    ("l:\n  - {~: x}\n", "non-string key in l[0]: <nil>", (2, 6)),
    ("l:\n  1.5: x\n", "non-string key in l: 1.5", (2, 3)),
    ("l:\n  .inf: x\n", "non-string key in l: +Inf", (2, 3)),
    ("l:\n  0x1F: x\n", "non-string key in l: 31", (2, 3)),
    (
        "l:\n  2024-01-01: x\n",
        "non-string key in l: time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)",
        (2, 3),
    ),
    ("y:\n  <<: 5\n", "map merge requires map or sequence of maps as the value", (2, 7)),
    (
        "x: &x [1]\ny:\n  <<: *x\n",
        "map merge requires map or sequence of maps as the value",
        (3, 7),
    ),
    ("a: *nope\n", "unknown anchor 'nope' referenced", (1, 4)),
    ("a: !!int 1.5\n", "cannot decode !!float `1.5` as a !!int", (1, 4)),
    ("a: !!bool yes\n", "cannot decode !!str `yes` as a !!bool", (1, 4)),
    ("a: !!binary '%%%'\n", "!!binary value contains invalid base64 data", (1, 4)),
    ("a: [x\n", "did not find expected ',' or ']' (while parsing a flow sequence)", (2, 1)),
    ("a:\n  b: c: d\n", "mapping values are not allowed in this context", (2, 7)),
    ("a:\n\tb: 1\n", "found character that cannot start any token", (2, 1)),
]


@pytest.mark.parametrize(("src", "message", "where"), ERRORS)
def test_errors_are_located(src: str, message: str, where: tuple[int, int]) -> None:
    with pytest.raises(ComposeFileError) as err:
        parse_documents(src, "c.yaml")
    assert err.value.message.startswith(message)
    assert err.value.location is not None
    assert (err.value.location.file, err.value.location.line, err.value.location.column) == (
        "c.yaml",
        *where,
    )
    assert "Traceback" not in str(err.value) and "\n" not in str(err.value)


def test_duplicate_key_message_is_one_line() -> None:
    with pytest.raises(ComposeFileError) as err:
        parse_documents('"a\\nb": 1\n"a\\nb": 2\n', "c.yaml")
    assert err.value.message == 'mapping key "a\\nb" already defined at line 1'


TOKENS = ["a", "<<", "&x", "*x", "!reset", "!!int", "0755", "2024-01-01", "- ", ": ", "\n", "  "]
TOKENS += ["[", "]", "{", "}", ",", "'q'", '"\\t"', "~", "1e3", "x-k", "? ", "---\n", "#c", "\t"]


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=3), max_size=40))
def test_any_input_gives_values_or_a_composedoc_error(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        first = plain(parse_documents(text, "c.yaml"))
    except ComposedocError as error:
        assert error.location is not None and "\n" not in error.message
        return
    assert plain(parse_documents(text.encode("utf-8", "surrogatepass"), "c.yaml")) == first


@pytest.mark.parametrize("src", ["a: &a [*a]\n", "a: &a\n  b:\n    c: *a\n"])
def test_recursive_alias_errors(src: str) -> None:
    with pytest.raises(ComposeFileError, match="cycle detected"):
        parse_documents(src, "c.yaml")


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ['a: &a ["lol"' + ', "lol"' * (width - 1) + "]"]
    names = "abcdefghijklmnopqrstuvwxyz"
    for prev, name in itertools.pairwise(names[:levels]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_fails_fast() -> None:
    start = time.perf_counter()
    with pytest.raises(LimitError, match="aliases expand to more than 100000 nodes"):
        parse_documents(billion_laughs(), "bomb.yaml")
    assert time.perf_counter() - start < 1.0


def test_alias_limit_counts_expanded_nodes() -> None:
    src = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"  # each alias expands to 4 nodes
    assert one(src, limits=YamlLimits(max_alias_nodes=12))["b"][2] == [1, 2, 3]
    with pytest.raises(LimitError):
        parse_documents(src, "c.yaml", limits=YamlLimits(max_alias_nodes=11))
    merged = "a: &a {x: 1, y: 2}\nb:\n  <<: *a\n"
    with pytest.raises(LimitError):
        parse_documents(merged, "c.yaml", limits=YamlLimits(max_alias_nodes=4))


def test_depth_and_size_limits() -> None:
    deep = "a: " + "[" * 50 + "]" * 50 + "\n"
    assert one(deep, limits=YamlLimits(max_depth=51))
    with pytest.raises(LimitError, match="nesting deeper than 50"):
        parse_documents(deep, "c.yaml", limits=YamlLimits(max_depth=50))
    block = "".join("  " * i + f"k{i}:\n" for i in range(600))
    with pytest.raises(LimitError) as err:
        parse_documents(block, "c.yaml")
    assert err.value.location is not None and err.value.location.line == 101
    with pytest.raises(LimitError, match="more than the limit of 10"):
        parse_documents("a: 1\nb: 2\nc: 3\n", "c.yaml", limits=YamlLimits(max_bytes=10))
    with pytest.raises(ComposeFileError):  # libyaml's own guard
        parse_documents("[" * 100_000, "c.yaml")


def test_defaults() -> None:
    assert YamlLimits() == YamlLimits(max_alias_nodes=100_000, max_depth=100, max_bytes=64 << 20)


def test_default_limits_come_from_composedoc_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """One set of numbers: ``COMPOSEDOC_LIMIT_MAX_DEPTH`` moves the reader's depth too."""
    deep = "a: " + "[" * 60 + "]" * 60 + "\n"
    assert one(deep)
    monkeypatch.setenv("COMPOSEDOC_LIMIT_MAX_DEPTH", "40")
    with pytest.raises(LimitError, match="nesting deeper than 40"):
        parse_documents(deep, "c.yaml")


def test_deepest_accepted_tree_goes_through_every_walker() -> None:
    """The deepest tree the reader accepts is merged and printed without a RecursionError,
    even from a call stack already 600 frames deep (merge recurses twice per level)."""
    from composedoc.compose.merge import merge_models
    from composedoc.compose.output import _plain

    depth = YamlLimits().max_depth - 2
    text = "x-deep: " + "{a: " * depth + "1" + "}" * depth + "\n"
    doc = one(text)

    def nested(frames: int) -> Any:
        if frames:
            return nested(frames - 1)
        return _plain(merge_models(merge_models(LocMap(), doc), doc))

    out = nested(600)
    for _ in range(depth):
        out = out["a"] if "a" in out else out["x-deep"]
    assert out in (1, {"a": 1})


def test_located_documents_give_each_document_start() -> None:
    docs = parse_located_documents("services: {}\n---\n42\n---\n", "m.yaml")
    assert [d for d, _ in docs] == [{"services": {}}, 42, None]
    assert [(loc.line, loc.column) for _, loc in docs[:2]] == [(1, 1), (3, 1)]
    assert all(loc.file == "m.yaml" for _, loc in docs)


@pytest.mark.oracle
def test_scalars_match_the_oracle(shared_dir: Path, tmp_path: Path) -> None:
    """Every plain scalar of the table, as an env value, prints as Docker Compose prints it."""
    if not (Path.home() / ".cache" / "compose-oracle" / "docker-compose").exists():
        pytest.skip("compose oracle binary not cached")
    table = [(src, want) for src, want in SCALARS if "\n" not in src and src]
    lines = [f"      K{i:03d}: {src}" for i, (src, _) in enumerate(table)]
    path = tmp_path / "compose.yaml"
    path.write_text("services:\n  a:\n    image: x\n    environment:\n" + "\n".join(lines) + "\n")
    done = subprocess.run(
        [
            str(shared_dir / "tools" / "compose-oracle"),
            "-f",
            str(path),
            "config",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    oracle = json.loads(done.stdout)["services"]["a"]["environment"]
    mine = one(path.read_bytes())["services"]["a"]["environment"]
    assert {k: go_string(v) for k, v in mine.items()} == oracle
