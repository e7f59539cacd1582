"""Values interpolated from ``.env`` or the environment are shown as written."""

from __future__ import annotations

from pathlib import Path

from composedoc.compose.project import load_project
from composedoc.compose.types import LoadOptions
from composedoc.graph.build import build_graph, graph_to_json
from composedoc.mask.policy import MaskPolicy
from composedoc.mask.project import mask_project
from composedoc.mask.provenance import _Unwriter
from composedoc.model.bind import bind_project

COMPOSE = """\
services:
  web:
    image: "nginx:${DB_PASSWORD}"
    container_name: "web-${GITHUB_TOKEN}"
    ports: ["${HOST_PORT}:80"]
    volumes: ["./${DATA_DIR}:/data", "dbdata:/db"]
    labels: {note: "label ${DB_PASSWORD}"}
    x-composedoc: {description: "pw ${DB_PASSWORD}"}
  db:
    image: "postgres:${PG_TAG:-16}"
volumes:
  dbdata:
    name: "vol-${DB_PASSWORD}"
"""
LEAKS = ("hunter2", "ghs_live", "18080", "secretdir")


def _graph(tmp_path: Path, policy: MaskPolicy) -> str:
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    (tmp_path / ".env").write_text("DB_PASSWORD=hunter2\nHOST_PORT=18080\nDATA_DIR=secretdir\n")
    environ = {"HOME": "/nowhere", "GITHUB_TOKEN": "ghs_live0123"}
    loaded = load_project(LoadOptions(working_dir=str(tmp_path), environ=environ))
    return graph_to_json(build_graph(mask_project(bind_project(loaded), policy)))


def test_every_field_shows_the_written_form(tmp_path: Path) -> None:
    text = _graph(tmp_path, MaskPolicy())
    assert [leak for leak in LEAKS if leak in text] == []
    for shown in (
        "nginx:${DB_PASSWORD}",
        "web-${GITHUB_TOKEN}",
        "vol-${DB_PASSWORD}",
        "pw ${DB_PASSWORD}",
        "./${DATA_DIR}",
        '"${HOST_PORT}"',
        "postgres:16",  # a default written in the file is not a secret
    ):
        assert shown in text, shown


def test_show_values_prints_the_values(tmp_path: Path) -> None:
    text = _graph(tmp_path, MaskPolicy(show_values=True))
    assert all(leak in text for leak in LEAKS)


def test_inner_values_are_found_in_linear_time() -> None:
    values = {"a" * 5 + str(i): "${V" + str(i) + "}" for i in range(2000)}
    unwriter = _Unwriter({}, values)
    text = "a" * 1_000_000
    assert unwriter.text(text) == text
    assert unwriter.text("x-aaaaa7-y") == "x-${V7}-y"
    assert unwriter.text("aaaaa1999") == "${V1999}"  # the longest value wins


def test_short_values_only_replace_whole_fields() -> None:
    unwriter = _Unwriter({}, {"80": "${PORT}"})
    assert unwriter.text("80") == "${PORT}"
    assert unwriter.text("redis:8.0.1") == "redis:8.0.1"


def test_a_value_holding_another_wins() -> None:
    unwriter = _Unwriter({}, {"hunter2": "${A}", "xhunter2y": "${B}"})
    assert unwriter.text("zxhunter2yz hunter2") == "z${B}z ${A}"
