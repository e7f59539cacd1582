"""Interpolation: the template grammar, tree walking and the casts after it.

Expected values were checked against Docker Compose (compose-go v2.9.1) with the oracle.
"""

from __future__ import annotations

import json
import logging
import subprocess
from pathlib import Path
from typing import Any

import pytest

from composedoc.compose.casts import cast_values
from composedoc.compose.interpolate import (
    InvalidTemplateError,
    MissingRequiredError,
    interpolate_tree,
    substitute,
)
from composedoc.compose.located import LocList, LocMap
from composedoc.compose.yaml import Override, Reset
from composedoc.errors import InterpolationError, Location

ENV = {"VAR": "val", "EMPTY": "", "lower": "LOW", "var": "lv", "_U": "uu", "A": "aa"}

TEMPLATES = [
    ("$$", "$"),
    ("$VAR", "val"),
    ("${VAR}", "val"),
    ("${UNSET}", ""),
    ("$UNSET", ""),
    ("${EMPTY:-d}", "d"),
    ("${EMPTY-d}", ""),
    ("${UNSET-d}", "d"),
    ("${UNSET:-d}", "d"),
    ("${VAR:-d}", "val"),
    ("${VAR-d}", "val"),
    ("${VAR:+alt}", "alt"),
    ("${VAR+alt}", "alt"),
    ("${EMPTY:+alt}", ""),
    ("${EMPTY+alt}", "alt"),
    ("${UNSET+alt}", ""),
    ("${UNSET:+alt}", ""),
    ("${A-x:-y}", "aa"),
    ("${UNSET-x:-y}", "x:-y"),
    ("${UNSET:-x-y}", "x-y"),
    ("${UNSET:-a:b}", "a:b"),
    ("${UNSET:-{x}}", "{x}"),
    ("${UNSET:-}x}", "x}"),
    ("${UNSET:-{}}", "{}"),
    ("${UNSET:-x}${VAR}", "xval"),
    ("${VAR}${VAR}", "valval"),
    ("a ${UNSET:-x} b ${VAR} c", "a x b val c"),
    ("${UNSET:-${UNSET2:-deep-${VAR}}}", "deep-val"),
    ("${VAR?${UNSET}}", "val"),
    ("cost $5 and $ alone and $-x", "cost $5 and $ alone and $-x"),
    ("$$VAR and $${VAR}", "$VAR and ${VAR}"),
    ("${var}", "lv"),
    ("${lower:-lc}", "LOW"),
    ("$VAR-suffix", "val-suffix"),
    ("${VAR}}", "val}"),
    ("{${VAR}}", "{val}"),
    ("$", "$"),
    ("end$", "end$"),
    ("$$$VAR", "$val"),
    ("$$$$", "$$"),
    ("${_U:-u}", "uu"),
    ("${UNSET:-$VAR}", "val"),
    ("${UNSET:-$$}", "$"),
    ("${UNSET:-a}b}", "ab}"),
    ("${UNSET:-{a}b}c", "{a}bc"),
    ("${UNSET-${UNSET2-x}}y", "xy"),
    ("${VAR:+${UNSET:-z}}", "z"),
    ("${UNSET:-x} ${UNSET:-y}", "x y"),
    ("x${VAR:-}y", "xvaly"),
    ("${UNSET:-a${VAR}b}rest${VAR}", "avalbrestval"),
    ("${VAR:?}", "val"),
    ("${VAR?}", "val"),
    ("${EMPTY?ok}", ""),
    ("${UNSET:-x:-y}", "x:-y"),
    ("${UNSET+x-y}", ""),
    ("${UNSET:-a}${UNSET:-b}", "ab"),
    ("${UNSET:-{}", "{"),
    ("$VAR$VAR", "valval"),
    ("${VAR-}", "val"),
    ("${UNSET-}", ""),
    ("${UNSET:+}", ""),
    ("${VAR:+}", ""),
    ("${UNSET:-a\tb}", "a\tb"),
    ("${UNSET:-é}", "é"),
    ("${VAR:-${UNSET-{x}}}z", "valz"),
    ("${UNSET:-${VAR}}}", "val}"),
    ("${UNSET:-}}", "}"),
]


@pytest.mark.parametrize(("template", "expected"), TEMPLATES)
def test_substitute(template: str, expected: str) -> None:
    assert substitute(template, ENV.get) == expected


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("${VAR/foo/bar}", 'Invalid template: "${VAR/foo/bar}"'),
        ("${VAR:x}", 'Invalid template: "${VAR:x}"'),
        ("${}", 'Invalid template: "${}"'),
        ("${", 'Invalid template: "${"'),
        ("${ VAR}", 'Invalid template: "${ VAR}"'),
        ("${1}", 'Invalid template: "${1}"'),
        ("${VAR}${", 'Invalid template: "${VAR}${"'),
        # the innermost template is named, as Compose does
        ("x ${VAR:-${}}", 'Invalid template: "${}"'),
        ("${UNSET:-x\ny}", 'Invalid template: "${UNSET:-x\\ny}"'),
    ],
)
def test_invalid_template(template: str, message: str) -> None:
    with pytest.raises(InvalidTemplateError) as info:
        substitute(template, ENV.get)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("${UNSET:?must}", "required variable UNSET is missing a value: must"),
        ("${EMPTY:?must}", "required variable EMPTY is missing a value: must"),
        ("${UNSET?must}", "required variable UNSET is missing a value: must"),
        ("${UNSET:?}", "required variable UNSET is missing a value"),
        ("${UNSET:?a ${VAR} b}", "required variable UNSET is missing a value: a val b"),
        # eager defaults (oracle v2.9.1): the default fails although VAR is set
        ("${VAR:-${NOPE?boom}}", "required variable NOPE is missing a value: boom"),
        ("${VAR:?${NOPE:?inner}}", "required variable NOPE is missing a value: inner"),
        ("ok ${VAR} ${NOPE?e1} ${X/y}", "required variable NOPE is missing a value: e1"),
    ],
)
def test_missing_required(template: str, message: str) -> None:
    with pytest.raises(MissingRequiredError) as info:
        substitute(template, ENV.get)
    assert str(info.value) == message


def test_empty_is_enough_for_plain_required() -> None:
    assert substitute("${EMPTY?x}", ENV.get) == ""


def test_unset_warning_text_and_dedupe(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="composedoc")
    assert substitute("${NOPE}-$NOPE", ENV.get) == "-"
    texts = [r.getMessage() for r in caplog.records]
    assert texts == ['The "NOPE" variable is not set. Defaulting to a blank string.'] * 2
    caplog.clear()
    warned: set[str] = set()
    substitute("${NOPE}$NOPE${OTHER}", ENV.get, warned=warned)
    substitute("$NOPE", ENV.get, warned=warned)
    assert len(caplog.records) == 2
    assert warned == {"NOPE", "OTHER"}


def test_defaults_do_not_warn_but_eager_defaults_do(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="composedoc")
    substitute("${NOPE:-x}${NOPE-y}${NOPE:+z}", ENV.get)
    assert caplog.records == []
    substitute("${VAR:-${NOPE}}", ENV.get)
    assert [r.getMessage() for r in caplog.records] == [
        'The "NOPE" variable is not set. Defaulting to a blank string.'
    ]


def test_lookup_not_called_without_dollar() -> None:
    def boom(name: str) -> str | None:
        raise AssertionError(name)

    assert substitute("plain text {x}", boom) == "plain text {x}"


# --- trees -------------------------------------------------------------------------------


def _located() -> LocMap:
    image_loc = Location("compose.yaml", 3, 12)
    env = LocMap({"X": "${VAR}", "KEY_${VAR}": "v"}, loc=Location("compose.yaml", 4, 7))
    env.locs = {"X": Location("compose.yaml", 5, 10), "KEY_${VAR}": Location("compose.yaml", 6, 10)}
    cmd = LocList(["echo", "${VAR:-x}", 3], loc=Location("compose.yaml", 7, 14))
    cmd.locs = [Location("compose.yaml", 7, 15), Location("compose.yaml", 7, 23), None]
    svc = LocMap(
        {"image": "img:${VAR}", "environment": env, "command": cmd, "tty": True, "n": None},
        loc=Location("compose.yaml", 3, 5),
    )
    svc.locs = {"image": image_loc, "environment": env.loc, "command": cmd.loc}  # type: ignore[dict-item]
    services = LocMap({"s": svc}, loc=Location("compose.yaml", 2, 3))
    services.locs = {"s": Location("compose.yaml", 3, 5)}
    root = LocMap({"services": services}, loc=Location("compose.yaml", 1, 1))
    root.locs = {"services": Location("compose.yaml", 2, 3)}
    return root


def test_interpolate_tree_values_only_and_locations_kept() -> None:
    tree = _located()
    out = interpolate_tree(tree, ENV.get)
    svc = out["services"]["s"]
    assert svc["image"] == "img:val"
    assert dict(svc["environment"]) == {"X": "val", "KEY_${VAR}": "v"}
    assert list(svc["command"]) == ["echo", "val", 3]
    assert svc["tty"] is True and svc["n"] is None
    assert isinstance(svc, LocMap) and isinstance(svc["command"], LocList)
    assert svc.loc == Location("compose.yaml", 3, 5)
    assert svc.locs["image"] == Location("compose.yaml", 3, 12)
    assert svc["command"].locs[1] == Location("compose.yaml", 7, 23)
    assert svc["environment"].locs["X"] == Location("compose.yaml", 5, 10)
    # the input is not modified
    assert tree["services"]["s"]["image"] == "img:${VAR}"


def test_interpolate_tree_plain_containers() -> None:
    out = interpolate_tree({"a": ["${VAR}", {"b": "$$x"}]}, ENV.get)
    assert out == {"a": ["val", {"b": "$x"}]}


def test_tree_invalid_template_names_path_and_location() -> None:
    tree = _located()
    tree["services"]["s"]["image"] = "img:${VAR/foo/bar}"
    with pytest.raises(InvalidTemplateError) as info:
        interpolate_tree(tree, ENV.get)
    err = info.value
    assert err.message == (
        "invalid interpolation format for services.s.image.\n"
        "You may need to escape any $ with another $.\n"
        "img:${VAR/foo/bar}"
    )
    assert err.location == Location("compose.yaml", 3, 12, "services.s.image")
    assert str(err).startswith("compose.yaml:3:12: invalid interpolation format")


def test_tree_list_item_path_uses_compose_wording() -> None:
    tree = _located()
    tree["services"]["s"]["command"][1] = "${X/y}"
    with pytest.raises(InvalidTemplateError) as info:
        interpolate_tree(tree, ENV.get)
    assert info.value.message.startswith("invalid interpolation format for services.s.command.[].")
    assert info.value.location == Location("compose.yaml", 7, 23, "services.s.command[1]")


def test_tree_required_error_wording() -> None:
    tree = _located()
    tree["services"]["s"]["environment"]["X"] = "${MUST:?you must set MUST}"
    with pytest.raises(MissingRequiredError) as info:
        interpolate_tree(tree, ENV.get)
    assert info.value.message == (
        "error while interpolating services.s.environment.X: "
        "required variable MUST is missing a value: you must set MUST"
    )
    assert info.value.location == Location("compose.yaml", 5, 10, "services.s.environment.X")
    assert isinstance(info.value, InterpolationError)


def test_tree_path_prefix_and_dotted_keys() -> None:
    with pytest.raises(MissingRequiredError) as info:
        interpolate_tree({"a.b": "${N?no}"}, ENV.get, path="services.s.labels")
    assert info.value.message.startswith("error while interpolating services.s.labels.a.b:")


def test_tree_passes_reset_and_override_through() -> None:
    loc = Location("c.yaml", 2, 3)
    tree = {"image": Override("${VAR}", loc), "ports": Reset(["${VAR}"], None)}
    out = interpolate_tree(tree, ENV.get)
    assert out["image"] == Override("val", loc)
    assert out["ports"] == Reset(["val"], None)


def test_cast_looks_through_override() -> None:
    out = cast_values({"services": {"s": {"privileged": Override("true", None)}}})
    assert out["services"]["s"]["privileged"] == Override(True, None)


# --- casts -------------------------------------------------------------------------------


def _model(**service: Any) -> dict[str, Any]:
    return {"services": {"s": dict(service)}}


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        ("privileged", "true", True),
        ("privileged", "FALSE", False),
        ("init", "TRUE", True),
        ("tty", "Off", False),
        ("read_only", "y", True),
        ("stdin_open", "no", False),
        ("scale", "+3", 3),
        ("pids_limit", "-1", -1),
        ("cpus", "0.5", 0.5),
        ("cpu_percent", "1e2", 100.0),
        ("cpu_shares", "512", 512),
        ("oom_score_adj", "-500", -500),
    ],
)
def test_cast_service_scalars(key: str, raw: str, expected: Any) -> None:
    out = cast_values(_model(**{key: raw}))
    value = out["services"]["s"][key]
    assert value == expected and type(value) is type(expected)


def test_cast_nested_paths() -> None:
    model: dict[str, Any] = {
        "services": {
            "s": {
                "deploy": {"replicas": "2", "restart_policy": {"max_attempts": "3"}},
                "healthcheck": {"retries": "4", "disable": "on"},
                "ports": [{"target": "80"}, "8080:80"],
                "ulimits": {"nofile": {"soft": "100", "hard": "200"}, "nproc": "50"},
                "volumes": [{"read_only": "yes", "volume": {"nocopy": "true"}}],
                "environment": {"privileged": "yes"},
            }
        },
        "networks": {"n": {"external": "true", "internal": "no"}},
        "volumes": {"v": {"external": "false"}},
        "secrets": {"x": {"external": "True"}},
        "configs": {"c": {"external": True}},
    }
    s = cast_values(model)["services"]["s"]
    assert s["deploy"] == {"replicas": 2, "restart_policy": {"max_attempts": 3}}
    assert s["healthcheck"] == {"retries": 4, "disable": True}
    assert s["ports"] == [{"target": 80}, "8080:80"]
    assert s["ulimits"] == {"nofile": {"soft": 100, "hard": 200}, "nproc": 50}
    assert s["volumes"] == [{"read_only": True, "volume": {"nocopy": True}}]
    assert s["environment"] == {"privileged": "yes"}  # not a cast path
    assert model["networks"]["n"] == {"external": True, "internal": False}
    assert model["volumes"]["v"]["external"] is False
    assert model["secrets"]["x"]["external"] is True


def test_cast_yaml11_words_warn(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="composedoc")
    cast_values(_model(privileged="yes", tty="Off", init="true"))
    assert sorted(r.getMessage() for r in caplog.records) == [
        '"Off" for boolean is not supported by YAML 1.2, please use `false`',
        '"yes" for boolean is not supported by YAML 1.2, please use `true`',
    ]


@pytest.mark.parametrize(
    ("service", "message"),
    [
        (
            {"privileged": "maybe"},
            "error while interpolating services.s.privileged: "
            "failed to cast to expected type: invalid boolean: maybe",
        ),
        (
            {"ports": [{"target": "abc"}]},
            "error while interpolating services.s.ports.[].target: "
            'failed to cast to expected type: strconv.Atoi: parsing "abc": invalid syntax',
        ),
        (
            {"scale": "1.5"},
            "error while interpolating services.s.scale: "
            'failed to cast to expected type: strconv.Atoi: parsing "1.5": invalid syntax',
        ),
        (
            {"cpus": "x"},
            "error while interpolating services.s.cpus: "
            'failed to cast to expected type: strconv.ParseFloat: parsing "x": invalid syntax',
        ),
        (
            {"cpu_count": "1_000"},
            "error while interpolating services.s.cpu_count: "
            'failed to cast to expected type: strconv.ParseInt: parsing "1_000": invalid syntax',
        ),
        (
            {"ulimits": {"nofile": "99999999999999999999"}},
            "error while interpolating services.s.ulimits.nofile: failed to cast to expected "
            'type: strconv.Atoi: parsing "99999999999999999999": value out of range',
        ),
        (
            {"cpus": "1e40"},
            "error while interpolating services.s.cpus: failed to cast to expected "
            'type: strconv.ParseFloat: parsing "1e40": value out of range',
        ),
    ],
)
def test_cast_errors(service: dict[str, Any], message: str) -> None:
    with pytest.raises(InterpolationError) as info:
        cast_values(_model(**service))
    assert info.value.message == message


def test_cast_error_is_located() -> None:
    svc = LocMap({"privileged": "maybe"}, loc=Location("c.yaml", 3, 5))
    svc.locs = {"privileged": Location("c.yaml", 4, 17)}
    with pytest.raises(InterpolationError) as info:
        cast_values({"services": {"s": svc}})
    assert info.value.location == Location("c.yaml", 4, 17, "services.s.privileged")
    assert str(info.value).startswith("c.yaml:4:17: error while interpolating")


def test_cast_leaves_non_strings_and_tolerates_odd_shapes() -> None:
    model: dict[str, Any] = {
        "services": {"s": {"privileged": True, "ports": "x"}},
        "networks": None,
    }
    assert cast_values(model) == {
        "services": {"s": {"privileged": True, "ports": "x"}},
        "networks": None,
    }


# --- oracle ------------------------------------------------------------------------------


@pytest.mark.oracle
def test_against_oracle(shared_dir: Path, tmp_path: Path) -> None:
    """A handful of templates through Docker Compose itself."""
    picked = TEMPLATES[:30]
    env_lines = "\n".join(f"      K{i}: {json.dumps(t)}" for i, (t, _) in enumerate(picked))
    (tmp_path / "compose.yaml").write_text(
        f"services:\n  s:\n    image: x\n    environment:\n{env_lines}\n"
    )
    (tmp_path / ".env").write_text("".join(f"{k}={v}\n" for k, v in ENV.items()))
    proc = subprocess.run(
        [str(shared_dir / "tools" / "compose-oracle"), "config", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
    )
    if proc.returncode != 0:
        pytest.skip(f"oracle unavailable: {proc.stderr[:200]}")
    got = json.loads(proc.stdout)["services"]["s"]["environment"]
    for i, (_, expected) in enumerate(picked):
        assert got[f"K{i}"].replace("$$", "$") == expected
