"""Icon choice: image names, build contexts, overrides; every table entry is a real icon."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from composedoc.diagram.icon_table import BASE_LANGUAGE_ICONS, FRAMEWORK_MARKERS, IMAGE_ICONS
from composedoc.diagram.icons import (
    build_icons,
    icon_for_image,
    image_name,
    resolve_override,
    resources_dir,
    service_icon,
    sniff_build_icon,
)


@pytest.mark.parametrize(
    ("reference", "name"),
    [
        ("postgres", "postgres"),
        ("postgres:16-alpine", "postgres"),
        ("library/redis:7", "redis"),
        ("docker.io/library/nginx:1.27", "nginx"),
        ("localhost:5000/acme/api:1.2", "acme/api"),
        ("registry.example.com:5000/edge/traefik:v3@sha256:abc", "edge/traefik"),
        ("ghcr.io/Org/App@sha256:0123", "org/app"),
        ("mcr.microsoft.com/mssql/server:2019-latest", "mssql/server"),
    ],
)
def test_image_name_drops_registry_tag_and_digest(reference: str, name: str) -> None:
    assert image_name(reference) == name


def test_table_has_sixty_distinct_images_and_every_icon_exists() -> None:
    assert len(IMAGE_ICONS) >= 60
    assert len(set(IMAGE_ICONS.values())) >= 60
    icons = [*IMAGE_ICONS.values(), *BASE_LANGUAGE_ICONS.values()]
    icons += [icon for _, _, icon in FRAMEWORK_MARKERS]
    missing = [icon for icon in icons if not (resources_dir() / icon).is_file()]
    assert missing == []


@pytest.mark.parametrize(
    ("reference", "icon"),
    [
        ("postgres:16", "onprem/database/postgresql.png"),
        ("bitnami/postgresql:16", "onprem/database/postgresql.png"),
        (
            "docker.elastic.co/elasticsearch/elasticsearch:8.15.0",
            "elastic/elasticsearch/elasticsearch.png",
        ),
        ("confluentinc/cp-kafka:7.6.0", "onprem/queue/kafka.png"),
        ("prom/node-exporter", "onprem/monitoring/prometheus.png"),
        ("grafana/loki:3", "onprem/logging/loki.png"),
        ("jaegertracing/all-in-one:1.56", "onprem/tracing/jaeger.png"),
        ("mcr.microsoft.com/mssql/server:2019-latest", "onprem/database/mssql.png"),
        ("rabbitmq:3-management", "onprem/queue/rabbitmq.png"),
        ("redis-stack-server:latest", "onprem/inmemory/redis.png"),
        ("nginx@sha256:0123", "onprem/network/nginx.png"),
    ],
)
def test_icon_for_image(reference: str, icon: str) -> None:
    assert icon_for_image(reference) == icon


def _expected_icons() -> list[tuple[str, str]]:
    table = Path(__file__).with_name("icons_expected.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in table.splitlines() if line and not line.startswith("#")]
    return [(reference, icon) for reference, icon in rows]


EXPECTED_ICONS = _expected_icons()


def test_expected_table_covers_three_hundred_images_with_real_icons() -> None:
    references = [reference for reference, _ in EXPECTED_ICONS]
    assert len(set(references)) == len(references) >= 300
    icons = {icon for _, icon in EXPECTED_ICONS if icon != "-"}
    assert sorted(icon for icon in icons if not (resources_dir() / icon).is_file()) == []


@pytest.mark.parametrize(("reference", "icon"), EXPECTED_ICONS)
def test_expected_icon_per_common_image(reference: str, icon: str) -> None:
    """A generic icon rather than a misleading one: exporters are not their database."""
    expected = "onprem/container/docker.png" if icon == "-" else icon
    assert service_icon(reference, None, None) == expected


def test_unknown_or_interpolated_images_have_no_table_icon() -> None:
    assert icon_for_image("acme/billing-service:1") is None
    assert icon_for_image("${IMAGE:-postgres}") is None
    assert service_icon("acme/billing:1", None, None) == "onprem/container/docker.png"


def test_build_context_language_and_framework(tmp_path: Path) -> None:
    (tmp_path / "py").mkdir()
    (tmp_path / "py" / "Dockerfile").write_text(
        "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\n"
    )
    assert sniff_build_icon(tmp_path / "py") == "programming/language/python.png"
    (tmp_path / "py" / "requirements.txt").write_text("Flask==3.0\n")
    assert sniff_build_icon(tmp_path / "py") == "programming/framework/flask.png"
    multi = tmp_path / "web"
    multi.mkdir()
    (multi / "web.Dockerfile").write_text(
        "FROM --platform=$BUILDPLATFORM node:22 AS build\nFROM build AS test\nFROM nginx:1.27\n"
    )
    assert sniff_build_icon(multi, "web.Dockerfile") == "programming/language/nodejs.png"
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "Dockerfile").write_text("FROM alpine:3.20\nRUN true\n")
    assert sniff_build_icon(plain) is None
    assert sniff_build_icon(tmp_path / "absent") is None


def test_build_icons_reads_contexts_of_the_graph(tmp_path: Path) -> None:
    import networkx as nx

    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "Dockerfile").write_text("FROM golang:1.23 AS b\nFROM scratch\n")
    graph = nx.MultiDiGraph()
    graph.add_node("service:api", kind="service", build={"context": "./api", "dockerfile": None})
    graph.add_node("service:git", kind="service", build={"context": "https://x/y.git"})
    graph.add_node("service:db", kind="service", build=None, image="postgres")
    assert build_icons(graph, str(tmp_path)) == {"service:api": "programming/language/go.png"}


def test_overrides(caplog: pytest.LogCaptureFixture) -> None:
    assert (
        resolve_override("diagrams.onprem.database.PostgreSQL") == "onprem/database/postgresql.png"
    )
    assert resolve_override("onprem.network.Bind9") == "onprem/network/bind-9.png"
    assert resolve_override("onprem/inmemory/redis.png") == "onprem/inmemory/redis.png"
    assert resolve_override("mongo") == "onprem/database/mongodb.png"
    assert resolve_override("../../etc/passwd.png") is None
    assert resolve_override("/abs/icon.png") is None
    with caplog.at_level(logging.WARNING, logger="composedoc"):
        assert service_icon("redis", None, "no.such.Icon") == "onprem/inmemory/redis.png"
    assert "not a diagrams icon" in caplog.text
    assert service_icon("redis", None, "onprem/database/mysql.png") == "onprem/database/mysql.png"
    assert service_icon(None, "programming/language/go.png", None) == "programming/language/go.png"
