"""Binding-time forms in the canonical step: gpus, hook commands, device counts, provider options.

Expected values and messages are what Docker Compose v2.40.3 prints for the same input.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from composedoc.compose.canonical import canonicalize
from composedoc.compose.gotypes import device_count, multi_options
from composedoc.compose.located import LocMap, plain
from composedoc.compose.yaml import parse_documents
from composedoc.errors import Location, SchemaError


def located(model: dict[str, Any]) -> Any:
    """A located tree as the YAML reader builds it (JSON is YAML), file ``c.yaml``."""
    return parse_documents(json.dumps(model, indent=1), "c.yaml")[0]


def svc(service: dict[str, Any]) -> Any:
    out = canonicalize(located({"services": {"s": service}}))
    return plain(out["services"]["s"])


def test_gpus_all_is_one_request_for_every_device() -> None:
    assert svc({"gpus": "all"})["gpus"] == [{"count": -1}]


def test_device_counts_bind_to_go_ints() -> None:
    gpus = [{"count": "all"}, {"count": "ALL"}, {"count": "2"}, {"count": "+3"}, {"count": 4}]
    assert [g["count"] for g in svc({"gpus": gpus})["gpus"]] == [-1, -1, 2, 3, 4]
    deploy = {"resources": {"reservations": {"devices": [{"capabilities": ["gpu"], "count": "1"}]}}}
    out = svc({"deploy": deploy})["deploy"]
    assert out["resources"]["reservations"]["devices"] == [{"capabilities": ["gpu"], "count": 1}]


@pytest.mark.parametrize(
    ("service", "message"),
    [
        (
            {"gpus": [{"count": "abc"}]},
            "'services[s].gpus[0].count' invalid value \"abc\", "
            "the only value allowed is 'all' or a number",
        ),
        (
            {"deploy": {"resources": {"reservations": {"devices": [{}, {"count": " 2"}]}}}},
            "'services[s].deploy.resources.reservations.devices[1].count' invalid value \" 2\", "
            "the only value allowed is 'all' or a number",
        ),
        (
            {"pre_stop": [{"command": "ok"}, {"command": 'echo "hi'}]},
            "'services[s].pre_stop[1].command' invalid command line string",
        ),
    ],
)
def test_decoding_errors_name_the_path(service: dict[str, Any], message: str) -> None:
    model = located({"services": {"s": service}})
    with pytest.raises(SchemaError) as info:
        canonicalize(model)
    assert info.value.message == message
    assert info.value.location is not None and info.value.location.file == "c.yaml"


def test_hook_commands_are_shell_split() -> None:
    out = svc({"post_start": [{"command": 'echo "hi there" x', "user": "root"}]})
    assert out["post_start"] == [{"command": ["echo", "hi there", "x"], "user": "root"}]
    assert svc({"pre_stop": [{"command": ["a b"]}]})["pre_stop"] == [{"command": ["a b"]}]


def test_provider_options_are_lists_of_strings() -> None:
    out = svc({"provider": {"type": "t", "options": {"a": 1, "b": ["x", 2, True], "c": 1.5}}})
    assert out["provider"] == {
        "type": "t",
        "options": {"a": ["1"], "b": ["x", "2", "true"], "c": ["1.5"]},
    }


def test_idempotent_and_input_untouched() -> None:
    service = {
        "gpus": [{"count": "2"}],
        "post_start": [{"command": "a b"}],
        "provider": {"type": "t", "options": {"a": 1}},
        "deploy": {"resources": {"reservations": {"devices": [{"count": "all"}]}}},
    }
    model = located({"services": {"s": service}})
    before = plain(model)
    once = canonicalize(model)
    assert plain(model) == before
    assert plain(canonicalize(once)) == plain(once)


def test_locations_are_kept() -> None:
    model = located({"services": {"s": {"gpus": [{"count": "2"}]}}})
    out = canonicalize(model)
    assert isinstance(out["services"]["s"]["gpus"][0], LocMap)
    assert out["services"]["s"]["gpus"][0].loc == model["services"]["s"]["gpus"][0].loc


def test_go_type_helpers() -> None:
    assert device_count(3, "p", None) == 3
    assert device_count("-1", "p", None) == -1
    with pytest.raises(SchemaError, match="'p' invalid value \"2_0\""):
        device_count("2_0", "p", Location("f", 1, 1))
    assert multi_options(None) == [None]
    assert multi_options([1, "a"]) == ["1", "a"]


def test_lenient_keeps_what_cannot_be_converted() -> None:
    service = {
        "gpus": [{"count": "${N}"}],
        "pre_stop": [{"command": 'a "b'}],
        "provider": {"type": "t", "options": {"a": 1}},
        "ports": ["${P}:80", "81:81"],
        "command": 'x "y',
    }
    model = located({"services": {"s": service}})
    out = plain(canonicalize(model, lenient=True)["services"]["s"])
    assert out["gpus"] == [{"count": "${N}"}]
    assert out["pre_stop"] == [{"command": 'a "b'}]
    assert out["provider"]["options"] == {"a": ["1"]}  # converted: it does not fail
    assert out["ports"][0] == "${P}:80"
    assert out["ports"][1]["published"] == "81"
    assert out["command"] == 'x "y'
    with pytest.raises(SchemaError):
        canonicalize(model)
