"""merge_models / extend_service / strip_markers against compose-go's merge rules.

Each case is (base, override, expected) as YAML text; `!reset` and `!override` tags build the
same marker objects the YAML reader produces. Expected values were checked against Docker
Compose (`config --no-normalize`) where the output is not canonicalised away.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from composedoc.compose.located import LocList, LocMap, plain
from composedoc.compose.merge import (
    Override,
    Reset,
    enforce_unicity,
    extend_service,
    merge_models,
    strip_markers,
)
from composedoc.errors import ComposeFileError, Location


class _Loader(yaml.SafeLoader):
    pass


def _reset(loader: yaml.SafeLoader, node: yaml.Node) -> Reset:
    return Reset(_node_value(loader, node), Location("o.yaml", node.start_mark.line + 1, 1))


def _override(loader: yaml.SafeLoader, node: yaml.Node) -> Override:
    return Override(_node_value(loader, node), Location("o.yaml", node.start_mark.line + 1, 1))


def _node_value(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node) or None  # type: ignore[arg-type]


_Loader.add_constructor("!reset", _reset)
_Loader.add_constructor("!override", _override)


def y(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)


def svc(text: str) -> str:
    """Indent a service body under services.web."""
    body = "\n".join("    " + line for line in text.strip("\n").splitlines())
    return f"services:\n  web:\n{body}\n"


def merged(base: str, override: str) -> Any:
    return plain(enforce_unicity(merge_models(y(base), y(override))))


# (id, base service body, override service body, expected service body)
SERVICE_CASES: list[tuple[str, str, str, str]] = [
    ("scalar-replaced", "image: a", "image: b", "image: b"),
    ("new-key-added", "image: a", "user: me", "image: a\nuser: me"),
    ("null-override-keeps", "image: a", "image: null", "image: a"),
    ("command-replaced", "command: [a, b]", "command: c", "command: c"),
    ("command-null-replaces", "command: [a]", "command: null", "command: null"),
    ("entrypoint-replaced", "entrypoint: [a, b]", "entrypoint: [c]", "entrypoint: [c]"),
    (
        "healthcheck-test-replaced-rest-merged",
        "healthcheck: {test: [CMD, a], interval: 5s}",
        "healthcheck: {test: [CMD, b], retries: 3}",
        "healthcheck: {test: [CMD, b], interval: 5s, retries: 3}",
    ),
    (
        "build-string-to-map",
        "build: ./ctx",
        "build: {dockerfile: D}",
        "build: {context: ./ctx, dockerfile: D}",
    ),
    (
        "build-map-then-string",
        "build: {context: a, dockerfile: D}",
        "build: b",
        "build: {context: b, dockerfile: D}",
    ),
    (
        "build-args-mixed-forms",
        "build: {args: [A=1, B]}",
        "build: {args: {B: 2, C: 3}}",
        "build: {args: {A: '1', B: 2, C: 3}}",
    ),
    (
        "depends-on-list-to-map",
        "depends_on: [db]",
        "depends_on: {cache: {condition: service_healthy}}",
        "depends_on: {db: {condition: service_started, required: true},"
        " cache: {condition: service_healthy}}",
    ),
    (
        "depends-on-merge-condition",
        "depends_on: [db]",
        "depends_on: {db: {condition: service_healthy}}",
        "depends_on: {db: {condition: service_healthy, required: true}}",
    ),
    (
        "networks-list-to-map",
        "networks: [a, b]",
        "networks: {b: {aliases: [x]}, c: null}",
        "networks: {a: null, b: {aliases: [x]}, c: null}",
    ),
    ("networks-both-lists", "networks: [a]", "networks: [b, a]", "networks: {a: null, b: null}"),
    (
        "networks-null-override-keeps-config",
        "networks: {a: {aliases: [x]}}",
        "networks: [a]",
        "networks: {a: {aliases: [x]}}",
    ),
    (
        "models-list-to-map",
        "models: [m1]",
        "models: {m2: {endpoint_var: U}}",
        "models: {m1: null, m2: {endpoint_var: U}}",
    ),
    (
        "environment-list-and-map-gives-a-sequence",
        "environment: [A=1, B=2]",
        "environment: {B: '3', C: null}",
        "environment: [A=1, B=3, C]",
    ),
    (
        "environment-override-null-wins",
        "environment: {A: x}",
        "environment: [A]",
        "environment: [A]",
    ),
    (
        "environment-only-base-list-deduped",
        "environment: [A=1, B=2, A=3]",
        "image: x",
        "environment: [A=3, B=2]\nimage: x",
    ),
    (
        "environment-float-formatted-like-go",
        "environment: {X: 1.5e+6, T: true}",
        "environment: {Y: 1}",
        "environment: [T=true, X=1.5e+06, Y=1]",
    ),
    (
        "labels-map-and-list",
        "labels: {a: '1', b: '2'}",
        "labels: [b=3, c]",
        "labels: {a: '1', b: '3', c: null}",
    ),
    (
        "sysctls-merge",
        "sysctls: {net.a: 1}",
        "sysctls: [net.b=2]",
        "sysctls: {net.a: 1, net.b: '2'}",
    ),
    ("annotations-merge", "annotations: [a=1]", "annotations: [a=2]", "annotations: {a: '2'}"),
    (
        "deploy-labels",
        "deploy: {labels: [a=1], replicas: 2}",
        "deploy: {labels: {b: c}}",
        "deploy: {labels: {a: '1', b: c}, replicas: 2}",
    ),
    ("dns-string-and-list", "dns: 8.8.8.8", "dns: [1.1.1.1, 8.8.8.8]", "dns: [8.8.8.8, 1.1.1.1]"),
    ("dns-search-appended", "dns_search: a.com", "dns_search: b.com", "dns_search: [a.com, b.com]"),
    ("tmpfs-string-and-list", "tmpfs: /t1", "tmpfs: [/t1, /t2]", "tmpfs: [/t1, /t2]"),
    (
        "env-file-dedupe-by-path",
        "env_file: [a.env, {path: b.env, required: false}]",
        "env_file: b.env",
        "env_file: [a.env, b.env]",
    ),
    ("label-file-appended", "label_file: a", "label_file: [b]", "label_file: [a, b]"),
    (
        "extra-hosts-exact-dups",
        "extra_hosts: ['a:1', 'b:2']",
        "extra_hosts: ['b:2', 'c:3', 'a:9']",
        "extra_hosts: ['a:1', 'b:2', 'c:3', 'a:9']",
    ),
    (
        "extra-hosts-map-form",
        "extra_hosts: {h1: 1.1.1.1}",
        "extra_hosts: ['h1=1.1.1.1', 'h2:2']",
        "extra_hosts: ['h1=1.1.1.1', 'h2:2']",
    ),
    (
        "logging-same-driver-merges",
        "logging: {driver: json-file, options: {a: '1'}}",
        "logging: {driver: json-file, options: {b: '2'}}",
        "logging: {driver: json-file, options: {a: '1', b: '2'}}",
    ),
    (
        "logging-other-driver-replaces",
        "logging: {driver: json-file, options: {a: '1'}}",
        "logging: {driver: syslog, options: {b: '2'}}",
        "logging: {driver: syslog, options: {b: '2'}}",
    ),
    (
        "logging-no-driver-merges",
        "logging: {driver: json-file, options: {a: '1'}}",
        "logging: {options: {b: '2'}}",
        "logging: {driver: json-file, options: {a: '1', b: '2'}}",
    ),
    (
        "ulimits-replaced",
        "ulimits: {nofile: {soft: 1, hard: 2}, nproc: 5}",
        "ulimits: {nofile: {soft: 3, hard: 4}, nproc: {soft: 1, hard: 2}}",
        "ulimits: {nofile: {soft: 3, hard: 4}, nproc: {soft: 1, hard: 2}}",
    ),
    (
        "ulimits-int-replaces-map",
        "ulimits: {nofile: {soft: 1, hard: 2}}",
        "ulimits: {nofile: 7}",
        "ulimits: {nofile: 7}",
    ),
    (
        "ports-appended-raw-dedupe",
        "ports: ['8080:80', '9090:90']",
        "ports: ['8080:80', '1:1']",
        "ports: ['8080:80', '9090:90', '1:1']",
    ),
    (
        "volumes-same-target",
        "volumes: ['./a:/data', 'vol:/other:ro']",
        "volumes: ['./b:/data']",
        "volumes: ['./b:/data', 'vol:/other:ro']",
    ),
    (
        "volumes-long-and-short",
        "volumes: [{type: bind, source: ./a, target: /data}]",
        "volumes: ['vol:/data']",
        "volumes: ['vol:/data']",
    ),
    ("profiles-appended", "profiles: [a, b]", "profiles: [b, c]", "profiles: [a, b, c]"),
    ("profiles-empty-keeps", "profiles: [a]", "profiles: []", "profiles: [a]"),
    (
        "cap-add-dedupe",
        "cap_add: [NET_ADMIN]",
        "cap_add: [NET_ADMIN, SYS_TIME]",
        "cap_add: [NET_ADMIN, SYS_TIME]",
    ),
    (
        "secrets-by-target",
        "secrets: [s1, {source: s2, target: /run/secrets/s1}]",
        "image: x",
        "secrets: [{source: s2, target: /run/secrets/s1}]\nimage: x",
    ),
    (
        "configs-by-target",
        "configs: [c1]",
        "configs: [{source: c2, target: /c1}]",
        "configs: [{source: c2, target: /c1}]",
    ),
    (
        "devices-by-container-path",
        "devices: ['/dev/a:/dev/x']",
        "devices: ['/dev/b:/dev/x:rwm']",
        "devices: ['/dev/b:/dev/x:rwm']",
    ),
    ("expose-int-and-string", "expose: [80, '90']", "expose: ['80']", "expose: ['80', '90']"),
    (
        "links-by-raw-value",
        "links: ['db:alias', 'x=1']",
        "links: [db, 'x=2']",
        "links: ['db:alias', 'x=2', db]",
    ),
    (
        "nested-mapping-merge",
        "deploy: {resources: {limits: {cpus: '1'}}}",
        "deploy: {resources: {limits: {memory: 1g}, reservations: {cpus: '0.5'}}}",
        "deploy: {resources: {limits: {cpus: '1', memory: 1g}, reservations: {cpus: '0.5'}}}",
    ),
    (
        "service-networks-aliases-dedupe",
        "networks: {n: {aliases: [a]}}",
        "networks: {n: {aliases: [a, b]}}",
        "networks: {n: {aliases: [a, b]}}",
    ),
    # !reset / !override
    ("reset-scalar", "image: a\nuser: me", "user: !reset null", "image: a"),
    ("reset-missing-key-is-noop", "image: a", "user: !reset", "image: a"),
    ("reset-list", "profiles: [a]", "profiles: !reset []", "{}"),
    (
        "reset-nested-env-map",
        "environment: {A: '1', B: '2'}",
        "environment: {A: !reset null}",
        "environment: [B=2]",
    ),
    (
        "reset-nested-env-list-base-kept",
        "environment: [A=1, B=2]",
        "environment: {A: !reset null, C: '3'}",
        "environment: [A=1, B=2, C=3]",
    ),
    (
        "override-ports",
        "ports: ['5432:5432', '1:1']",
        "ports: !override ['15432:5432']",
        "ports: ['15432:5432']",
    ),
    (
        "override-mapping-not-merged",
        "environment: {A: '1'}",
        "environment: !override {B: '2'}",
        "environment: {B: '2'}",
    ),
    (
        "override-depends-on-kept-as-list",
        "depends_on: {db: {condition: service_healthy}}",
        "depends_on: !override [cache]",
        "depends_on: [cache]",
    ),
    (
        "override-nested-value",
        "environment: {A: '1', B: '2'}",
        "environment: {B: !override '3'}",
        "environment: [A=1, B=3]",
    ),
    (
        "reset-sequence-item-dropped",
        "volumes: ['/a:/data']",
        "volumes: [!reset '/b:/other', '/c:/c']",
        "volumes: ['/a:/data', '/c:/c']",
    ),
    (
        "override-sequence-item-unwrapped",
        "volumes: ['/a:/data']",
        "volumes: [!override '/c:/c']",
        "volumes: ['/a:/data', '/c:/c']",
    ),
]


@pytest.mark.parametrize(
    ("base", "override", "expected"),
    [pytest.param(b, o, e, id=i) for i, b, o, e in SERVICE_CASES],
)
def test_service_merge(base: str, override: str, expected: str) -> None:
    got = merged(svc(base), svc(override))
    assert got == {"services": {"web": y(expected)}}


def test_ipam_config_merged_per_subnet() -> None:
    base = "networks:\n  n:\n    ipam:\n      config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1}]\n"
    override = (
        "networks:\n  n:\n    ipam:\n      config: [{subnet: 10.0.0.0/24, ip_range: 10.0.0.0/25},"
        " {subnet: 10.9.0.0/24}]\n"
    )
    got = merged(base, override)["networks"]["n"]["ipam"]["config"]
    assert got == [
        {"subnet": "10.0.0.0/24", "gateway": "10.0.0.1", "ip_range": "10.0.0.0/25"},
        {"subnet": "10.9.0.0/24"},
    ]


def test_ipam_config_quirk_matches_compose_go() -> None:
    """compose-go's in-place merge rewrites subnets; Docker Compose 2.40 prints exactly this."""
    base = y(
        "networks:\n  n1:\n    ipam:\n      config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1},"
        " {subnet: 10.1.0.0/24}]\n"
    )
    override = y(
        "networks:\n  n1:\n    ipam:\n      config: [{subnet: 10.1.0.0/24, gateway: 10.1.0.1},"
        " {subnet: 10.3.0.0/24}]\n"
    )
    got = plain(merge_models(base, override))["networks"]["n1"]["ipam"]["config"]
    assert got == [{"subnet": "10.3.0.0/24", "gateway": "10.1.0.1"}, {"subnet": "10.3.0.0/24"}]


def test_resource_labels_merge_as_mappings() -> None:
    base = y("volumes:\n  v: {labels: [a=1]}\nnetworks:\n  n: {labels: {x: '1'}}\n")
    override = y("volumes:\n  v: {labels: {b: '2'}}\nnetworks:\n  n: {labels: [x=2]}\n")
    got = plain(merge_models(base, override))
    assert got["volumes"]["v"]["labels"] == {"a": "1", "b": "2"}
    assert got["networks"]["n"]["labels"] == {"x": "2"}


def test_top_level_sections_merge() -> None:
    base = y("name: a\nservices:\n  s1: {image: x}\nvolumes: {v1: {}}\nx-meta: {a: 1}\n")
    override = y("name: b\nservices:\n  s2: {image: y}\nvolumes: {v2: null}\nx-meta: {b: 2}\n")
    got = plain(merge_models(base, override))
    assert got == {
        "name": "b",
        "services": {"s1": {"image": "x"}, "s2": {"image": "y"}},
        "volumes": {"v1": {}, "v2": None},
        "x-meta": {"a": 1, "b": 2},
    }


def test_reset_whole_service_and_top_level() -> None:
    base = y("services:\n  a: {image: x}\n  b: {image: y}\nvolumes: {v: {}}\n")
    override = y("services:\n  a: !reset\nvolumes: !reset\n")
    assert plain(merge_models(base, override)) == {"services": {"b": {"image": "y"}}}


def test_type_mismatch_is_an_error() -> None:
    with pytest.raises(ComposeFileError, match=r"cannot override services\.web\.volumes"):
        merge_models(y(svc("volumes: [a:/b]")), y(svc("volumes: {a: b}")))


def test_inputs_are_not_modified() -> None:
    base = y(svc("environment: [A=1]\nports: ['1:1']\nlabels: {a: b}"))
    override = y(svc("environment: {B: '2'}\nports: ['2:2']\nlabels: {a: !reset null}"))
    before_base, before_override = repr(base), repr(override)
    merge_models(base, override)
    assert repr(base) == before_base
    assert repr(override) == before_override


def test_documents_merge_in_order() -> None:
    docs = [y(svc("ports: ['1:1']")), y(svc("ports: ['2:2']")), y(svc("ports: ['1:1']"))]
    model: LocMap = LocMap()
    for doc in docs:
        model = enforce_unicity(merge_models(model, doc))
    assert plain(model) == {"services": {"web": {"ports": ["1:1", "2:2"]}}}


# --- strip_markers -------------------------------------------------------------------------


def test_strip_markers_first_file() -> None:
    tree = y(svc("image: a\nuser: !reset x\nports: !override ['1:1']\nvolumes: [!reset a, b]"))
    assert plain(strip_markers(tree)) == {
        "services": {"web": {"image": "a", "ports": ["1:1"], "volumes": ["b"]}}
    }


def test_strip_markers_unchanged_tree_is_shared() -> None:
    tree = {"a": 1, "b": "x"}
    assert strip_markers(tree) is tree


# --- extends -------------------------------------------------------------------------------


def test_extend_service_local_wins_and_sequences_append() -> None:
    base = y(
        "image: base\ncommand: [a]\nports: ['80:80']\nvolumes: ['data:/var/lib/backup/data']\n"
        "environment: {A: '1'}\nprofiles: [never]\ndepends_on: [db]\n"
    )
    local = y(
        "command: [b]\nports: ['81:81']\nvolumes: ['cli-volume:/var/lib/backup/data:ro']\n"
        "environment: [B=2]\nextends: web\n"
    )
    got = plain(enforce_unicity({"services": {"x": extend_service(base, local)}}))["services"]["x"]
    assert got == {
        "image": "base",
        "command": ["b"],
        "ports": ["80:80", "81:81"],
        "volumes": ["cli-volume:/var/lib/backup/data:ro"],
        "environment": ["A=1", "B=2"],
        "profiles": ["never"],
        "depends_on": ["db"],
        "extends": "web",
    }


def test_extend_service_reset_removes_inherited() -> None:
    base = y("image: base\ncommand: [a]\ndepends_on: [db]\n")
    local = y("command: !reset\ndepends_on: !reset []\n")
    assert plain(extend_service(base, local)) == {"image": "base"}


def test_extend_service_deep_copies_base() -> None:
    base = y("environment: {A: '1'}\nports: ['1:1']\n")
    first = extend_service(base, y("image: a"))
    first["environment"]["A"] = "changed"
    first["ports"].append("9:9")
    assert plain(base) == {"environment": {"A": "1"}, "ports": ["1:1"]}


# --- locations -----------------------------------------------------------------------------


def _located(data: dict[str, Any], file: str) -> LocMap:
    out = LocMap(loc=Location(file, 1, 1))
    for i, (k, v) in enumerate(data.items(), start=2):
        if isinstance(v, dict):
            v = _located(v, file)
        elif isinstance(v, list):
            lst = LocList(v, loc=Location(file, i, 3))
            lst.locs = [Location(file, i, 5 + j) for j in range(len(v))]
            v = lst
        out[k] = v
        out.locs[k] = Location(file, i, 3)
    return out


def test_locations_follow_the_winning_side() -> None:
    base = _located({"services": {"web": {"image": "a", "ports": ["1:1"], "user": "u"}}}, "b")
    over = _located({"services": {"web": {"image": "b", "ports": ["2:2"]}}}, "o")
    got = merge_models(base, over)
    web = got["services"]["web"]
    assert web.loc == Location("b", 1, 1)
    assert web.locs["image"].file == "o"
    assert web.locs["user"].file == "b"
    assert isinstance(web["ports"], LocList)
    assert [loc.file if loc else None for loc in web["ports"].locs] == ["b", "o"]


def test_location_of_reset_marker_unused_and_override_used() -> None:
    base = y(svc("ports: ['1:1']"))
    over = y(svc("ports: !override ['2:2']"))
    web = merge_models(base, over)["services"]["web"]
    assert web.locs["ports"] == Location("o.yaml", 3, 1)


# --- performance ---------------------------------------------------------------------------
