"""Variables, Endpoints and How to run at the top of the reference page (issue 11, item 1)."""

from __future__ import annotations

from pathlib import Path

from composedoc.docs.facts import DocFacts
from composedoc.docs.masked_view import mask_facts
from composedoc.docs.md_stack import endpoint_reach, stack_view
from composedoc.docs.stackfacts import Variable
from composedoc.mask.policy import MASK, MaskPolicy
from composedoc.model.project import Port, Project, Service

from .test_markdown import page

STACK = Path(__file__).resolve().parents[1] / "stacks" / "md-operator"


def _section(text: str, title: str) -> str:
    start = text.index(f"## {title}\n")
    return text[start : text.index("\n## ", start + 1)]


def test_sections_come_before_the_services() -> None:
    text = page(STACK)
    order = [text.index(f"## {t}\n") for t in ("Variables", "Endpoints", "How to run", "Services")]
    assert order == sorted(order)
    assert "canary" not in text


def test_variables_say_what_to_set_and_mask_values() -> None:
    text = _section(page(STACK), "Variables")
    assert "**2 variables to set:** `MAIL_HOSTNAME`, `RELAY_PASSWORD`." in text
    assert "| `MYSQL_TAG` | required | — | .env file | `•••` | `db: image` |" in text
    assert "| `MAIL_TAG` | optional (has a default) | `14` | not set | — | `mail: image` |" in text
    assert "| `DB_PASS` | optional (has a default) | `•••` | .env file | `•••` |" in text
    shown = _section(page(STACK, show_values=True), "Variables")
    assert "| `DB_PASS` | optional (has a default) | `canary-default-operator` | .env file" in shown
    assert "`canary-dotenv-operator`" in shown


def test_endpoints_ephemeral_and_loopback_in_words() -> None:
    text = _section(page(STACK), "Endpoints")
    assert (
        "| `127.0.0.1` | `ephemeral` | tcp | [db](#service-db) | `3306` | "
        "loopback only (this machine) |" in text
    )
    assert (
        "| — | `ephemeral` | tcp | [mail](#service-mail) | `9555` | "
        "all interfaces (reachable from other machines) |" in text
    )
    assert "| `::1` | `9229` |" not in text  # debug's profile is not active
    with_debug = _section(page(STACK, profiles=("debug",)), "Endpoints")
    assert "| `::1` | `9229` | tcp | [debug](#service-debug) | `9229` | loopback only" in with_debug


def test_how_to_run_lists_profiles_and_sibling_files() -> None:
    text = _section(page(STACK), "How to run")
    assert "`docker compose -f compose.yaml up -d`" in text
    assert "| `debug` | `debug` | `docker compose -f compose.yaml --profile debug up -d` |" in text
    assert "`docker-compose.observability.yml`" in text
    assert "notes.yaml" not in text
    active = _section(page(STACK, profiles=("debug",)), "How to run")
    assert "`docker compose -f compose.yaml --profile debug up -d`" in active.splitlines()[2]


def test_unset_required_variable_is_flagged() -> None:
    facts = DocFacts(variables=(Variable("X", "required", ("web: image",)),))
    (row,) = stack_view(Project("p"), mask_facts(facts, MaskPolicy()), {})["variables"]
    assert row["flag"] == "unset: Compose stops with an error"
    assert row["value"] is None
    facts = DocFacts(variables=(Variable("X", "default", ("a",), 0, ("pw",), ".env", "v"),))
    (row,) = stack_view(Project("p"), mask_facts(facts, MaskPolicy()), {})["variables"]
    assert (row["flag"], row["value"]) == (None, MASK)


def test_reach_words() -> None:
    assert endpoint_reach(Port(80, "80")).startswith("all interfaces")
    assert endpoint_reach(Port(80, "80", "0.0.0.0")).startswith("all interfaces")
    assert endpoint_reach(Port(80, "80", "::1")).startswith("loopback only")
    assert endpoint_reach(Port(80, "80", "192.168.1.5")) == "only on 192.168.1.5"
    view = stack_view(Project("p", services=(Service("s", ports=(Port(9555),)),)), DocFacts(), {})
    assert view["endpoints"][0]["host_port"] == "ephemeral"
