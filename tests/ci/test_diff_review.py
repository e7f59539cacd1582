"""diff in reviewer terms: golden Markdown and JSON for realistic before/after stacks.

Each folder of tests/diff_scenarios/ holds ``before/`` and ``after/`` and the expected
``expected.md`` and ``expected.json``; ``COMPOSEDOC_UPDATE_GOLDENS=1`` rewrites them.
Values planted as ``canary`` in .env, env files, secret files and commands must never show.
"""

from __future__ import annotations

import json
import os
from contextlib import ExitStack
from pathlib import Path

import pytest

from composedoc.ci.diff import side_project
from composedoc.ci.diff_items import Item
from composedoc.ci.diff_render import diff_to_json, diff_to_markdown
from composedoc.ci.diff_review import Review, review_projects

SCENARIOS = Path(__file__).resolve().parents[1] / "diff_scenarios"
UPDATE = os.environ.get("COMPOSEDOC_UPDATE_GOLDENS") == "1"
NAMES = sorted(p.name for p in SCENARIOS.iterdir() if p.is_dir())


def _review(folder: Path) -> Review:
    with ExitStack() as resources:
        sides = [
            side_project(side, resources, working_dir=str(folder), environ={}, project_name="shop")[
                0
            ]
            for side in ("before", "after")
        ]
    return review_projects(sides[0], sides[1])


def _check(path: Path, text: str) -> None:
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path} differs (see the golden)"


def test_enough_scenarios() -> None:
    assert len(NAMES) >= 12


@pytest.mark.parametrize("name", NAMES)
def test_scenario_golden(name: str) -> None:
    folder = SCENARIOS / name
    review = _review(folder)
    md = diff_to_markdown(review, "before", "after")
    js = diff_to_json(review, "before", "after")
    _check(folder / "expected.md", md)
    _check(folder / "expected.json", js)
    assert "canary" not in md + js
    assert "service:" not in md and "port:" not in md  # no internal graph ids
    assert md == diff_to_markdown(_review(folder), "before", "after")  # deterministic


def _labels(name: str) -> set[tuple[str, str, bool]]:
    return {(i.service, i.label, i.risky) for i in _review(SCENARIOS / name).items}


def test_reviewer_terms() -> None:
    assert ("web", "port changed", False) in _labels("port-changed")
    assert ("api", "exposure widened", True) in _labels("exposure-widened")
    assert ("db", "exposure narrowed", False) in _labels("exposure-narrowed")
    assert ("db", "volume removed", True) in _labels("volume-removed")
    assert ("db", "environment changed", False) in _labels("password-changed")
    assert ("monitor", "network mode changed", True) in _labels("host-network")
    assert ("app", "depends_on changed", False) in _labels("depends-on-changed")
    assert ("app", "depends_on removed", False) in _labels("depends-on-changed")
    assert _labels("unchanged") == set()


def test_port_change_names_the_ports() -> None:
    (item,) = _review(SCENARIOS / "port-changed").items
    assert (item.subject, item.old, item.new) == ("80/tcp", "8080", "8090")
    wide = [i for i in _review(SCENARIOS / "exposure-widened").items if i.risky]
    assert [(i.old, i.new, i.note) for i in wide] == [
        ("127.0.0.1:9229", "0.0.0.0:9229", "now on all interfaces")
    ]


def test_image_bump_keeps_repository() -> None:
    items = _review(SCENARIOS / "image-bumped").items
    assert Item("cache", "image bumped", "redis", "7", "8") in items
    assert any(i.label == "image changed" and i.service == "proxy" for i in items)


def test_risky_first_in_markdown_and_json() -> None:
    review = _review(SCENARIOS / "service-added")
    md = diff_to_markdown(review)
    assert md.index("Risky changes") < md.index("<details>")
    data = json.loads(diff_to_json(review))
    assert data["risky"] == 1
    assert data["summary"][0] == {
        "change": "exposure widened",
        "risky": True,
        "services": ["adminer"],
    }
    assert data["services"][0]["service"] == "adminer"
