"""End-to-end loader tests: our golden cases (oracle output committed), plus a few direct ones.

``COMPOSEDOC_UPDATE_GOLDENS=1 pytest tests/compose/test_project.py`` re-runs Docker Compose
(``../shared/tools/compose-oracle``) on every case and rewrites ``expected*.json`` and
``expected*.yaml``; both are compared byte for byte.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from compose_golden import Run, normalise, ours, placeholders, runs, update, yaml_golden

from composedoc.compose.project import load_project
from composedoc.compose.types import LoadOptions
from composedoc.errors import ComposedocError

RUNS = runs()
UPDATE = os.environ.get("COMPOSEDOC_UPDATE_GOLDENS") == "1"


def test_enough_cases() -> None:
    assert len({r.case for r in RUNS}) >= 40
    assert sum(1 for r in RUNS if r.error) >= 10


@pytest.mark.parametrize("run", RUNS, ids=[r.id for r in RUNS])
def test_case(run: Run, request: pytest.FixtureRequest) -> None:
    if UPDATE:
        shared = request.getfixturevalue("shared_dir")
        update(run, shared / "tools" / "compose-oracle")
    if run.error is not None:
        assert not run.golden.exists(), "an ERROR case must be refused by the oracle too"
        with pytest.raises(ComposedocError) as info:
            ours(run)
        assert run.error in str(info.value)
        return
    assert run.golden.exists(), f"no golden for {run.id}: run with COMPOSEDOC_UPDATE_GOLDENS=1"
    expected = run.golden.read_text()
    mine = ours(run)
    assert normalise(mine, run) == json.loads(expected)  # the readable diff first
    assert placeholders(mine, run) == expected
    assert placeholders(ours(run, "yaml"), run) == yaml_golden(run).read_text()


def _write(tmp_path: Path, text: str, name: str = "compose.yaml") -> None:
    (tmp_path / name).write_text(text)


def test_disabled_services_kept_aside(tmp_path: Path) -> None:
    _write(tmp_path, "services:\n  a: {image: x}\n  b: {image: x, profiles: [p]}\n")
    project = load_project(LoadOptions(working_dir=str(tmp_path), environ={}))
    assert list(project.model["services"]) == ["a"]
    assert list(project.disabled_services) == ["b"]
    assert project.service_locations["a"].line == 2


def test_all_resources_kept_in_model(tmp_path: Path) -> None:
    _write(tmp_path, "services:\n  a: {image: x}\nvolumes:\n  unused: {}\n")
    project = load_project(LoadOptions(working_dir=str(tmp_path), environ={}))
    assert project.model["volumes"]["unused"]["name"] == f"{tmp_path.name.lower()}_unused"


def test_no_interpolation_keeps_templates(tmp_path: Path) -> None:
    _write(tmp_path, 'services:\n  a: {image: "x:${TAG:-1}"}\n')
    opts = LoadOptions(working_dir=str(tmp_path), environ={"TAG": "2"}, interpolate=False)
    assert load_project(opts).model["services"]["a"]["image"] == "x:${TAG:-1}"


def test_aliases_are_not_mutated_across_services(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "x-dep: &dep {b: {condition: service_started}}\n"
        "services:\n"
        "  a: {image: x, depends_on: *dep, links: [c]}\n"
        "  b: {image: x}\n"
        "  c: {image: x, depends_on: *dep}\n",
    )
    project = load_project(LoadOptions(working_dir=str(tmp_path), environ={}))
    assert set(project.model["services"]["a"]["depends_on"]) == {"b", "c"}
    assert set(project.model["services"]["c"]["depends_on"]) == {"b"}


def test_error_names_the_file_and_line(tmp_path: Path) -> None:
    _write(tmp_path, "services:\n  a:\n    image: x\n    depends_on: [nope]\n")
    with pytest.raises(ComposedocError) as info:
        load_project(LoadOptions(working_dir=str(tmp_path), environ={}))
    assert str(info.value).startswith("compose.yaml:4:")
    assert 'service "a" depends on undefined service "nope"' in str(info.value)


def test_no_interpolation_tolerates_unparsable_templates(tmp_path: Path) -> None:
    _write(
        tmp_path,
        'services:\n  a:\n    image: x\n    ports: ["${PORT:-80}:80"]\n'
        '    volumes: ["${DATA:-./d}:/d"]\n  b: {image: y, ports: ["81:81"]}\n',
    )
    opts = LoadOptions(working_dir=str(tmp_path), environ={}, interpolate=False)
    services = load_project(opts).model["services"]
    assert services["a"]["ports"] == ["${PORT:-80}:80"]
    assert services["b"]["ports"][0]["published"] == "81"


TEMPLATED = """\
services:
  web:
    image: "nginx:${TAG:-latest}"
    ports: ["${PORT:-8080}:80", "${HOST_IP}:${P2:-9000}:9000/udp", "443:443"]
    volumes: ["${DATA:-./data}:/data", "cache:/c"]
    environment: ["FOO=${FOO:-1}", BAR]
    depends_on: [db]
    command: echo "${MSG:-hi}"
    healthcheck: {test: curl x, interval: "${INT:-30s}", retries: "${RETRIES:-3}"}
    mem_limit: ${MEM:-512m}
    cpus: ${CPUS:-0.5}
    stop_grace_period: ${GRACE:-10s}
    deploy: {replicas: "${REPLICAS:-2}", resources: {limits: {memory: "${LIM:-1g}"}}}
    extra_hosts: ["${H:-host}:${IP:-::1}"]
    gpus: [{count: "${N:-1}"}]
    post_start: [{command: 'echo "${X'}]
    secrets: [{source: s, mode: "${SMODE:-0440}"}]
    scale: ${SCALE:-1}
  db:
    image: postgres
    ports: ["5432"]
volumes:
  cache: {name: "${VOL:-cache}"}
secrets:
  s: {file: "${SECRET_FILE:-./s.txt}"}
"""


def test_no_interpolation_never_crashes_and_keeps_values_as_written(tmp_path: Path) -> None:
    from composedoc.compose.output import dump_config
    from composedoc.graph.build import build_graph, graph_to_json
    from composedoc.model.bind import bind_project

    _write(tmp_path, TEMPLATED)
    opts = LoadOptions(working_dir=str(tmp_path), environ={}, interpolate=False)
    project = load_project(opts)
    web = project.model["services"]["web"]
    # an entry that cannot be parsed stays as written; its neighbours are canonical
    assert web["ports"][:2] == ["${PORT:-8080}:80", "${HOST_IP}:${P2:-9000}:9000/udp"]
    assert web["ports"][2]["published"] == "443"
    assert web["volumes"][0]["source"] == "${DATA:-./data}"
    assert web["environment"] == {"FOO": "${FOO:-1}", "BAR": None}
    assert web["healthcheck"]["interval"] == "${INT:-30s}"
    assert web["mem_limit"] == "${MEM:-512m}"
    assert web["cpus"] == "${CPUS:-0.5}"
    assert web["stop_grace_period"] == "${GRACE:-10s}"
    assert web["deploy"]["replicas"] == "${REPLICAS:-2}"
    assert web["extra_hosts"] == ["${H:-host}:${IP:-::1}"]
    assert web["gpus"] == [{"count": "${N:-1}"}]
    assert web["post_start"] == [{"command": 'echo "${X'}]
    assert web["secrets"][0]["mode"] == "${SMODE:-0440}"
    assert web["depends_on"]["db"]["condition"] == "service_started"
    assert project.model["services"]["db"]["ports"][0]["target"] == 5432
    assert "${PORT:-8080}:80" in dump_config(project)
    assert "${PORT:-8080}:80" in dump_config(project, fmt="json")
    typed = bind_project(project)
    service = next(s for s in typed.services if s.name == "web")
    assert [p.published for p in service.ports] == ["443"]
    assert graph_to_json(build_graph(typed))
    # with interpolation the same file is refused (the hook command is not a valid template)
    with pytest.raises(ComposedocError, match=r"invalid interpolation format .*post_start"):
        load_project(LoadOptions(working_dir=str(tmp_path), environ={}))


def test_sources_lists_every_file_read(tmp_path: Path) -> None:
    (tmp_path / "inc").mkdir()
    (tmp_path / "ext").mkdir()
    _write(tmp_path, "A=1\n", ".env")
    _write(tmp_path, "B=2\n", "extra.env")
    _write(tmp_path, "FOO=bar\n", "svc.env")
    _write(tmp_path, "l=1\n", "svc.labels")
    _write(tmp_path, "I=1\n", "inc/.env")
    _write(tmp_path, "services:\n  inc: {image: i}\n", "inc/compose.yaml")
    _write(tmp_path, "services:\n  base: {image: b}\n", "ext/base.yaml")
    _write(tmp_path, "services:\n  a: {environment: [X=1]}\n", "compose.override.yaml")
    _write(
        tmp_path,
        "include: [inc/compose.yaml]\n"
        "services:\n"
        "  a:\n"
        "    extends: {file: ext/base.yaml, service: base}\n"
        "    env_file: [svc.env, {path: missing.env, required: false}]\n"
        "    label_file: svc.labels\n"
        "  b: {image: x, env_file: svc.env}\n",
    )
    opts = LoadOptions(working_dir=str(tmp_path), environ={}, env_files=(".env", "extra.env"))
    project = load_project(opts)
    names = [
        ".env",
        "compose.override.yaml",
        "compose.yaml",
        "ext/base.yaml",
        "extra.env",
        "inc/.env",
        "inc/compose.yaml",
        "svc.env",
        "svc.labels",
    ]
    assert project.sources == [str(tmp_path / n) for n in names]
    # without interpolation env_file and label_file are only named, not read
    plain_opts = LoadOptions(working_dir=str(tmp_path), environ={}, interpolate=False)
    sources = load_project(plain_opts).sources
    assert str(tmp_path / "svc.env") not in sources
    assert str(tmp_path / ".env") in sources
    assert sources == sorted(set(sources))


def test_include_chain_room_is_given_back(tmp_path: Path) -> None:
    """A 300-file include chain loads (Compose accepts it); the recursion limit is restored."""
    import sys

    for i in range(300):
        name = "compose.yaml" if i == 0 else f"f{i}.yaml"
        include = f"include: [f{i + 1}.yaml]\n" if i < 299 else ""
        _write(tmp_path, include + f"services:\n  s{i}:\n    image: x\n", name)
    before = sys.getrecursionlimit()
    project = load_project(LoadOptions(working_dir=str(tmp_path), environ={}))
    assert len(project.model["services"]) == 300
    assert sys.getrecursionlimit() == before
