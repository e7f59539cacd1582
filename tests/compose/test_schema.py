"""Schema validation: what Docker Compose's schema accepts and refuses, located errors."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from composedoc.compose.located import LocList, LocMap
from composedoc.compose.schema import validate
from composedoc.errors import Location, SchemaError

FILE = "compose.yaml"


class _Loader(yaml.SafeLoader):
    """PyYAML loader building LocMap/LocList (a stand-in for the project's YAML reader)."""


def _loc(node: yaml.Node) -> Location:
    return Location(FILE, node.start_mark.line + 1, node.start_mark.column + 1)


def _map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LocMap:
    loader.flatten_mapping(node)
    out = LocMap(loc=_loc(node))
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[key] = loader.construct_object(value_node, deep=True)
        out.locs[key] = _loc(key_node)
    return out


def _seq(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LocList:
    out = LocList((loader.construct_object(n, deep=True) for n in node.value), loc=_loc(node))
    out.locs = [_loc(n) for n in node.value]
    return out


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    """``!reset`` / ``!override``: keep the plain value (merging is not this module's job)."""
    if isinstance(node, yaml.MappingNode):
        return _map(loader, node)
    if isinstance(node, yaml.SequenceNode):
        return _seq(loader, node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:map", _map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _seq)
_Loader.add_multi_constructor("!", _tagged)


def load(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)


def error_of(text: str) -> SchemaError:
    with pytest.raises(SchemaError) as info:
        validate(load(text))
    return info.value


# --- accepted -------------------------------------------------------------------------------

FULL = """
version: "3.9"
name: demo
x-common: &common {restart: always}
include:
  - other.yaml
  - path: [a.yaml, b.yaml]
    env_file: a.env
    project_directory: ..
services:
  web:
    <<: *common
    image: nginx:1.27
    build:
      context: .
      dockerfile: Dockerfile
      args: {A: 1, B: null}
      ssh: [default]
      cache_from: [a]
      additional_contexts: {base: "service:db"}
      extra_hosts: {host: [1.2.3.4, "::1"]}
      no_cache: "${NO_CACHE}"
      shm_size: 1g
      ulimits: {nofile: {soft: 1, hard: 2}, nproc: 5}
      secrets: [s1, {source: s1, target: x, mode: 0o400}]
      platforms: [linux/amd64]
      entitlements: [network.host]
      x-note: anything
    ports: [80, "443:443", {target: 80, published: "8080", protocol: tcp, x-a: 1}]
    expose: [1, "2"]
    volumes:
      - data:/data
      - {type: bind, source: ., target: /src, bind: {create_host_path: true, selinux: z}}
      - {type: volume, source: data, target: /v, volume: {nocopy: true, subpath: a}}
      - {type: tmpfs, target: /t, tmpfs: {size: 1000, mode: 0o1777}}
      - {type: image, source: img, target: /i, image: {subpath: x}}
    depends_on:
      db: {condition: service_healthy, restart: true, required: false}
    healthcheck: {test: [CMD, "true"], interval: 10s, retries: 3, disable: false}
    deploy:
      replicas: 2
      resources:
        limits: {cpus: "0.5", memory: 512M, pids: 10}
        reservations:
          devices: [{capabilities: [gpu], count: all}]
          generic_resources: [{discrete_resource_spec: {kind: ssd, value: 1}}]
      restart_policy: {condition: on-failure, max_attempts: 3}
      placement: {constraints: [a], preferences: [{spread: x}], max_replicas_per_node: 1}
      update_config: {parallelism: 2, order: start-first}
    develop:
      watch:
        - {path: ./src, action: sync, target: /src, ignore: [a], initial_sync: true}
        - {path: ., action: sync+exec, exec: {command: [ls]}}
    logging: {driver: json-file, options: {max-size: 10m, max-file: 3}}
    networks:
      front: {aliases: [a], ipv4_address: 10.0.0.2, priority: 10}
      back:
    environment: [A=1, B]
    labels: {a: b}
    ulimits: {nofile: 10}
    blkio_config: {weight: 10, device_read_bps: [{path: /dev/sda, rate: 12mb}]}
    cpu_count: 2
    cpu_percent: 50
    oom_score_adj: -500
    cpus: 1.5
    privileged: true
    scale: 2.0
    pid: null
    command: null
    entrypoint: [a, b]
    env_file: [a.env, {path: b.env, required: false}]
    extends: {service: base, file: base.yaml}
    post_start: [{command: echo hi, user: root}]
    models: {llm: {endpoint_var: URL}, other:}
    gpus: all
    pull_policy: every_12h
    container_name: web-1
    storage_opt: {size: 1G}
    x-anything: [1, 2]
  db:
    image: postgres
    provider: {type: model, options: {a: [1, "b"], c: true}}
    networks: [back]
    secrets: [s1]
    configs: [{source: c1, target: /c}]
    devices: ["/dev/a:/dev/a", {source: /dev/b, target: /dev/b}]
networks:
  front: {driver: bridge, ipam: {config: [{subnet: 10.0.0.0/24}]}, external: false}
  back:
volumes:
  data: {driver_opts: {type: none, o: bind}, external: {name: d}}
  other:
secrets:
  s1: {file: ./s, external: {name: x, foo: 1}}
configs:
  c1: {content: "hello"}
models:
  llm: {model: ai/llama, context_size: 4096, runtime_flags: [--a]}
x-top: 1
"""


def test_full_featured_file_is_accepted() -> None:
    validate(load(FULL))


def test_empty_sections_and_plain_dicts_are_accepted() -> None:
    validate({"services": {}, "networks": {"n": None}})
    validate(load("networks:\n  n:\n"))


# --- refused (each verdict checked against Docker Compose v2.40.3) ------------------------

SVC = "services:\n  web:\n    image: a\n"
INVALID: list[tuple[str, str]] = [
    ("foo: 1\n", "top-level object additional properties 'foo' not allowed"),
    ("version: 3\n", "version must be a string (got number 3)"),
    ("name: 1\n", "name must be a string"),
    ("services: null\n", "services must be a mapping"),
    ("services:\n  web: null\n", "services.web must be a mapping"),
    (
        SVC + "    foo: 1\n    bar: 2\n",
        "services.web additional properties 'foo', 'bar' not allowed",
    ),
    ("services:\n  w@b:\n    image: a\n", "services additional properties 'w@b' not allowed"),
    ("services:\n  web:\n    image: 1.0\n", "services.web.image must be a string (got number 1.0)"),
    ("services:\n  web:\n    image: true\n", "services.web.image must be a string"),
    (SVC + "    ports:\n      - target: 80\n        foo: 1\n", "services.web.ports.0 additional"),
    (SVC + "    ports:\n      - [1]\n", "services.web.ports.0 must be a mapping, number or string"),
    (SVC + '    ports: "80"\n', "services.web.ports must be a array"),
    (
        SVC + "    depends_on:\n      db:\n        condition: foo\n",
        "services.web.depends_on.db.condition value must be one of 'service_started'",
    ),
    (SVC + "    depends_on:\n      db:\n        required: true\n", "missing property 'condition'"),
    (SVC + "    depends_on: [b, b]\n", "services.web.depends_on items at 0 and 1 are equal"),
    (SVC + "    healthcheck:\n      retries: [1]\n", "retries must be a number or string"),
    (SVC + "    healthcheck:\n      interval: 10\n", "interval must be a string"),
    (SVC + "    healthcheck: null\n", "services.web.healthcheck must be a mapping"),
    (SVC + "    healthcheck:\n      foo: 1\n", "healthcheck additional properties 'foo'"),
    (SVC + "    cpus: true\n", "services.web.cpus must be a number or string"),
    (SVC + "    privileged: 1\n", "services.web.privileged must be a boolean or string"),
    (SVC + "    scale: 1.5\n", "services.web.scale must be a integer or string"),
    (SVC + "    cpu_percent: 200\n", "must be less than or equal to 100"),
    (SVC + "    oom_score_adj: -2000\n", "must be greater than or equal to -1000"),
    (SVC + '    container_name: "-"\n', "'-' does not match pattern"),
    (SVC + "    pull_policy: foo\n", "pull_policy 'foo' does not match pattern"),
    (SVC + "    deploy:\n      resources:\n        limits:\n          foo: 1\n", "limits addit"),
    (SVC + "    deploy:\n      resources:\n        limits:\n          memory: 512\n", "memory"),
    (SVC + "    deploy:\n      restart_policy:\n        max_attempts: x\n        foo: 1\n", "foo"),
    (SVC + "    build:\n      context: .\n      foo: 1\n", "services.web.build additional"),
    (SVC + "    build: 1\n", "services.web.build must be a mapping or string"),
    (SVC + "    environment:\n      A: [1]\n", "environment.A must be a boolean, null, number or"),
    (SVC + "    security_opt: [a, a]\n", "security_opt items at 0 and 1 are equal"),
    (SVC + '    extra_hosts: ["a=1", "a=1"]\n', "extra_hosts items at 0 and 1 are equal"),
    (SVC + "    ulimits:\n      nofile: 1.5\n", "ulimits.nofile must be a integer, mapping or str"),
    (SVC + "    ulimits:\n      nofile: {soft: 1}\n", "nofile missing property 'hard'"),
    (SVC + "    networks:\n      n:\n        foo: 1\n", "services.web.networks.n additional"),
    (SVC + "    networks:\n      w@b: {}\n", "services.web.networks additional properties 'w@b'"),
    (SVC + "    volumes:\n      - {type: foo, target: /x}\n", "volumes.0.type value must be"),
    (SVC + "    volumes:\n      - {target: /x}\n", "volumes.0 missing property 'type'"),
    (SVC + "    volumes:\n      - {type: bind, bind: {foo: 1}}\n", "volumes.0.bind additional"),
    (SVC + "    secrets: [{source: s, foo: 1}]\n", "services.web.secrets.0 additional"),
    (SVC + "    develop:\n      watch:\n        - path: .\n", "watch.0 missing property 'action'"),
    (SVC + "    develop:\n      watch:\n        - {path: ., action: foo}\n", "value must be"),
    (SVC + "    post_start:\n      - user: root\n", "post_start.0 missing property 'command'"),
    (SVC + "    logging:\n      driver: x\n      opts: {}\n", "logging additional properties"),
    (
        SVC + "    deploy:\n      resources:\n        reservations:\n          devices: [{}]\n",
        "cap",
    ),
    (SVC + "    blkio_config:\n      x-a: 1\n", "blkio_config additional properties 'x-a'"),
    (SVC + "    use_api_socket: 'true'\n", "use_api_socket must be a boolean"),
    ("models:\n  m: {name: x}\n", "models.m missing property 'model'"),
    ("models:\n  m: {model: x, context_size: '1'}\n", "models.m.context_size must be a integer"),
    ("networks:\n  n1:\n    foo: 1\n", "networks.n1 additional properties 'foo' not allowed"),
    ("networks: null\n", "networks must be a mapping"),
    ("networks:\n  s: {external: {name: x, foo: 1}}\n", "networks.s.external additional"),
    ("volumes:\n  w@b: {}\n", "volumes additional properties 'w@b' not allowed"),
    ("secrets:\n  s: null\n", "secrets.s must be a mapping"),
    ("configs:\n  s: null\n", "configs.s must be a mapping"),
]

# Accepted by Docker Compose's schema although they may look wrong.
VALID: list[str] = [
    SVC + "    scale: 2.0\n",
    SVC + "    dns_opt: [a, a]\n    links: [a, a]\n    profiles: [p, p]\n    expose: [1, 1]\n",
    SVC + "    labels: [a=1, a=1]\n    environment: [A, A]\n    group_add: [1, '1']\n",
    SVC + "    profiles: ['a b', '-x']\n",
    SVC + "    ulimits:\n      NOFILE: [anything]\n",
    SVC + "    gpus: [{foo: 1}]\n",
    SVC + "    models:\n      w@b: {}\n",
    SVC + "    ports: [1.5]\n",
    "networks:\n  w@b:\n    foo: 1\n",
    "secrets:\n  s: {external: {name: x, foo: 1}}\n",
    "services:\n  x-foo:\n    image: a\n",
]


@pytest.mark.parametrize(("text", "expected"), INVALID)
def test_invalid_snippets_are_refused(text: str, expected: str) -> None:
    assert expected in error_of(text).message


@pytest.mark.parametrize("text", VALID)
def test_lenient_snippets_are_accepted(text: str) -> None:
    validate(load(text))


@pytest.mark.oracle
def test_verdicts_match_docker_compose(shared_dir: Path, tmp_path: Path) -> None:
    oracle = shared_dir / "tools" / "compose-oracle"
    (tmp_path / "other.yaml").write_text("services: {}\n")
    cases = [(t, False) for t, _ in INVALID] + [(t, True) for t in VALID]
    for index, (text, ok) in enumerate(cases):
        path = tmp_path / f"c{index}.yaml"
        path.write_text(text)
        run = subprocess.run(
            [str(oracle), "-f", str(path), "config", "-q"],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )
        if ok:
            assert run.returncode == 0 or "validating" not in run.stderr, (text, run.stderr)
        else:
            assert run.returncode != 0, text


# --- locations ------------------------------------------------------------------------------


def test_unknown_key_is_located_at_the_key() -> None:
    err = error_of("services:\n  web:\n    image: a\n    foo: 1\n")
    assert err.location == Location(FILE, 4, 5, "services.web.foo")
    assert str(err) == "compose.yaml:4:5: services.web additional properties 'foo' not allowed"


def test_wrong_type_is_located_at_the_value_path() -> None:
    err = error_of("services:\n  web:\n    image: a\n    ports:\n      - 80\n      - [1]\n")
    assert err.location is not None
    assert (err.location.line, err.location.column) == (6, 9)
    assert err.location.path == "services.web.ports[1]"


def test_duplicate_item_is_located_at_the_second_item() -> None:
    err = error_of("services:\n  web:\n    image: a\n    volumes_from: [a, b, a]\n")
    assert err.message == "services.web.volumes_from items at 0 and 2 are equal"
    assert err.location is not None
    assert err.location.path == "services.web.volumes_from[2]"
    assert err.location.column == 26


def test_missing_property_is_located_at_the_mapping() -> None:
    err = error_of("services:\n  web:\n    image: a\n    extends:\n      file: x.yaml\n")
    assert err.message == "services.web.extends missing property 'service'"
    assert err.location is not None
    assert err.location.line == 4


def test_plain_dicts_give_an_unlocated_error() -> None:
    with pytest.raises(SchemaError) as info:
        validate({"services": {"web": {"image": 1}}})
    assert info.value.location is None
    assert str(info.value) == "services.web.image must be a string (got number 1)"


def test_top_level_must_be_a_mapping() -> None:
    with pytest.raises(SchemaError, match="top-level object must be a mapping"):
        validate([])  # type: ignore[arg-type]


# --- real files and speed -------------------------------------------------------------------

# Refused by Docker Compose's schema too.
SCHEMA_INVALID_CORPUS = {"docker__compose/pkg/e2e/fixtures/wrong-composefile/compose.yaml"}


def _real_files(shared: Path) -> list[Path]:
    lines = (shared / "corpus" / "MANIFEST.tsv").read_text().splitlines()[1:]
    files = [shared / "corpus" / line.split("\t")[0] for line in lines]
    return files + sorted((shared / "conformance" / "cases").glob("*/*.y*ml"))


def test_real_files_are_accepted(shared_dir: Path) -> None:
    checked = 0
    for path in _real_files(shared_dir):
        try:
            docs = [d for d in yaml.load_all(path.read_text(), Loader=_Loader) if d is not None]
        except yaml.YAMLError:
            continue  # duplicate keys and the like: not the schema's business
        rel = path.relative_to(shared_dir / "corpus").as_posix() if "corpus" in path.parts else ""
        for doc in docs:
            if rel in SCHEMA_INVALID_CORPUS:
                with pytest.raises(SchemaError):
                    validate(doc)
            else:
                validate(doc)
        checked += 1
    assert checked > 120
