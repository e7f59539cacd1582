"""Defaults, path resolution, environment resolution and normalisation of the merged model."""

from __future__ import annotations

from typing import Any

from composedoc.compose.located import LocList, LocMap, plain
from composedoc.compose.normalize import (
    expand_user,
    normalize,
    resolve_environment,
    resolve_relative_paths,
    set_default_values,
)


def test_defaults() -> None:
    model: dict[str, Any] = {
        "services": {
            "s": {
                "build": {"dockerfile": "D"},
                "secrets": [{"source": "a"}, {"source": "b", "target": "t"}],
                "ports": [{"target": 80}],
                "gpus": [{"driver": "nvidia"}, {"count": 2}, {"device_ids": ["0"]}],
            }
        }
    }
    set_default_values(model)
    s = model["services"]["s"]
    assert s["build"]["context"] == "."
    assert [x["target"] for x in s["secrets"]] == ["/run/secrets/a", "t"]
    assert s["ports"][0] == {"target": 80, "protocol": "tcp", "mode": "ingress"}
    # the default is "all", bound to -1 (canonical converts counts that were written)
    assert [g.get("count") for g in s["gpus"]] == [-1, 2, None]


def test_relative_paths() -> None:
    model: dict[str, Any] = {
        "services": {
            "s": {
                "build": {
                    "context": "./app",
                    "additional_contexts": {"a": "service:x", "b": "../lib", "c": "git@h:r"},
                    "ssh": ["default", "key=./id"],
                },
                "env_file": [{"path": "a.env", "required": True}],
                "volumes": [
                    {"type": "bind", "source": "./data", "target": "/d"},
                    {"type": "volume", "source": "named", "target": "/n"},
                    {"type": "bind", "source": "~/h", "target": "/h"},
                ],
                "develop": {"watch": [{"path": "src", "action": "sync"}]},
            },
            "u": {"build": {"context": "https://example.com/r.git"}},
        },
        "secrets": {"s": {"file": "./s.txt"}},
        "volumes": {"v": {"driver": "local", "driver_opts": {"o": "bind", "device": "./dev"}}},
    }
    resolve_relative_paths(model, "/p", "/home/u")
    s = model["services"]["s"]
    assert s["build"]["context"] == "/p/app"
    assert s["build"]["additional_contexts"] == {"a": "service:x", "b": "/lib", "c": "git@h:r"}
    assert s["build"]["ssh"] == ["default", "key=/p/id"]
    assert s["env_file"][0]["path"] == "/p/a.env"
    assert [v["source"] for v in s["volumes"]] == ["/p/data", "named", "/home/u/h"]
    assert s["develop"]["watch"][0]["path"] == "/p/src"
    assert model["services"]["u"]["build"]["context"] == "https://example.com/r.git"
    assert model["secrets"]["s"]["file"] == "/p/s.txt"
    assert model["volumes"]["v"]["driver_opts"]["device"] == "/p/dev"


def test_expand_user() -> None:
    assert expand_user("~", "/h") == "/h"
    assert expand_user("~/x/../y", "/h") == "/h/y"
    assert expand_user("/abs", "/h") == "/abs"


def test_environment_resolution() -> None:
    model = LocMap(
        {
            "services": LocMap(
                {
                    "s": LocMap({"environment": LocList(["A", "B", "C=1"])}),
                    "m": LocMap({"environment": LocMap({"A": None})}),
                }
            )
        }
    )
    before = plain(model)
    out = resolve_environment(model, {"A": "a"})
    assert out["services"]["s"]["environment"] == ["A=a", "B", "C=1"]
    # a mapping-form null is left to the project-wide resolution (compose-go)
    assert out["services"]["m"]["environment"] == {"A": None}
    assert plain(model) == before  # copy on write: cached documents and aliases stay intact
    assert resolve_environment(model, {}) is model


def test_normalize_networks_depends_on_names() -> None:
    model: dict[str, Any] = {
        "services": {
            "a": {"image": "x"},
            "b": {"image": "x", "network_mode": "service:a", "links": ["a:al"]},
            "c": {"image": "x", "networks": {"front": None}, "volumes_from": ["a", "container:z"]},
            "d": {"image": "x", "provider": {"type": "t"}},
            "e": {
                "image": "x",
                "environment": {"K": None, "U": None},
                "pull_policy": "if_not_present",
            },
            "f": {"build": {"context": "/c", "args": {"ARG": None, "MISSING": None}}},
        },
        "networks": {"front": {}, "ext": {"external": True}},
        "volumes": {"v": None, "named": {"name": "mine"}},
    }
    normalize(model, {"K": "k", "ARG": "arg"}, "proj")
    s = model["services"]
    assert s["a"]["networks"] == {"default": None}
    assert "networks" not in s["b"] and "networks" not in s["d"]
    assert s["b"]["depends_on"] == {
        "a": {"condition": "service_started", "restart": True, "required": True}
    }
    assert s["c"]["depends_on"]["a"]["restart"] is False
    assert "z" not in s["c"]["depends_on"]
    assert s["e"]["environment"] == {"K": "k", "U": None}
    assert s["e"]["pull_policy"] == "missing"
    assert s["f"]["build"] == {"context": "/c", "args": {"ARG": "arg"}, "dockerfile": "Dockerfile"}
    assert model["networks"]["default"] == {"name": "proj_default"}
    assert model["networks"]["front"]["name"] == "proj_front"
    assert model["networks"]["ext"]["name"] == "ext"
    assert model["volumes"] == {"v": {"name": "proj_v"}, "named": {"name": "mine"}}


def test_no_default_network_when_unused() -> None:
    model: dict[str, Any] = {"services": {"a": {"image": "x", "network_mode": "host"}}}
    normalize(model, {}, "p")
    assert "networks" not in model
