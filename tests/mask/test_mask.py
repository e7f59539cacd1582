"""Masking rules: keys, contents, values as written, commands and whole projects."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from composedoc.mask.policy import (
    MASK,
    MASK_LEVELS,
    MaskPolicy,
    is_sensitive_key,
    looks_secret,
    mask_argv,
    mask_env_value,
    mask_text,
    mask_url_credentials,
    mask_written,
    mask_written_argv,
    template_refs,
)
from composedoc.mask.project import mask_project
from composedoc.model.project import Annotation, Build, Healthcheck, Project, Service


@pytest.mark.parametrize(
    "key",
    [
        "DB_PASSWORD",
        "MYSQL_ROOT_PASSWORD",
        "passwd",
        "apiKey",
        "API_KEY",
        "AWS_SECRET_ACCESS_KEY",
        "GITHUB_TOKEN",
        "oauthClientSecret",
        "PRIVATE_KEY",
        "GOOGLE_CREDENTIALS",
        "requirepass",
        "traefik.http.middlewares.auth.basicauth.users",
        "SENTRY_DSN",
        "SESSION_COOKIE",
    ],
)
def test_sensitive_keys(key: str) -> None:
    assert is_sensitive_key(key)


@pytest.mark.parametrize(
    "key",
    ["MYSQL_HOST", "PORT", "KEYCLOAK_URL", "LOG_LEVEL", "com.docker.compose.project", "MONKEY"],
)
def test_plain_keys(key: str) -> None:
    assert not is_sensitive_key(key)


def test_extra_key_patterns() -> None:
    policy = MaskPolicy(extra_key_patterns=(r"^ACME_",))
    assert is_sensitive_key("ACME_ID", policy)
    assert not is_sensitive_key("ACME_ID")


@pytest.mark.parametrize(
    ("key", "written", "shown"),
    [
        ("MYSQL_PASSWORD", "${MYSQL_PASSWORD:-secret}", "${MYSQL_PASSWORD:-•••}"),
        ("HOST", "${DB_PASSWORD:-secret}", "${DB_PASSWORD:-•••}"),
        ("HOST", "${DB_PASSWORD-secret}", "${DB_PASSWORD-•••}"),
        ("HOST", "${DB_PASSWORD:+secret}", "${DB_PASSWORD:+•••}"),
        ("PORT", "${PORT:-8080}", "${PORT:-8080}"),
        ("DB_PASSWORD", "${DB_PASSWORD}", "${DB_PASSWORD}"),
        ("DB_PASSWORD", "$DB_PASSWORD", "$DB_PASSWORD"),
        ("DB_PASSWORD", "hunter2", MASK),
        ("DB_PASSWORD", "pre-${A}", MASK + "${A}"),
        ("API_KEY", "${A:-${B:-x}}", "${A:-${B:-•••}}"),
        ("NEED", "${X:?X must be set}", "${X:?X must be set}"),
        ("URL", "postgres://app:hunter2@db:5432/x", "postgres://app:•••@db:5432/x"),
        ("NONCE", "Zq8xN3vLkP2mR7tYcA9wE4jH6sD1cnry", MASK),
        ("PATH_LIKE", "/usr/local/share/some/longish/path/file", None),
        ("POSTGRES_PASSWORD_FILE", "/run/secrets/db_password", None),
        ("ESCAPED", "$$HOME and $${X}", None),
        ("BROKEN", "${UNCLOSED", None),
        ("EMPTY", "", None),
    ],
)
def test_env_values_as_written(key: str, written: str, shown: str | None) -> None:
    assert mask_env_value(key, written) == (written if shown is None else shown)


def test_show_values_keeps_everything() -> None:
    policy = MaskPolicy(show_values=True)
    assert mask_env_value("DB_PASSWORD", "hunter2", policy) == "hunter2"
    assert mask_text("postgres://a:b@c", policy) == "postgres://a:b@c"
    assert mask_argv(("--password", "x"), policy) == ("--password", "x")
    project = Project("p", services=(Service("s", environment=(("A", "1"),)),))
    assert mask_project(project, policy) is project


def test_free_text() -> None:
    assert mask_text("redis-server --requirepass hunter2 --port 6379") == (
        "redis-server --requirepass ••• --port 6379"
    )
    assert mask_text('sh -c "PGPASSWORD=foo psql"') == 'sh -c "PGPASSWORD=••• psql"'
    assert mask_text("token: $$TOKEN") == "token: $$TOKEN"
    assert mask_text("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----") == MASK
    assert mask_text("sha256:" + "ab" * 4) == "sha256:abababab"
    assert mask_url_credentials("https://x-access-token:t0k@github.com/a/b.git") == (
        "https://x-access-token:•••@github.com/a/b.git"
    )
    assert mask_url_credentials("ssh://git@github.com/a/b") == "ssh://git@github.com/a/b"


def test_argv() -> None:
    assert mask_argv(("serve", "--api-token", "abc", "--port", "80")) == (
        "serve",
        "--api-token",
        MASK,
        "--port",
        "80",
    )
    assert mask_argv(("--password=abc",)) == ("--password=•••",)
    assert mask_written_argv(("run", "--token", "${TOKEN}")) == ("run", "--token", "${TOKEN}")
    assert mask_written_argv(("run", "--token", "lit")) == ("run", "--token", MASK)
    assert mask_written_argv("run --secret abc ${X:-y}") == "run --secret ••• ${X:-y}"


def test_template_refs() -> None:
    assert template_refs("a ${A} $B ${C:-${D}} $$E") == ["A", "B", "C", "D"]


def test_looks_secret() -> None:
    assert looks_secret("ghp_a8Fk2LmQ9xZr7TbV3nWcY1pD6sE0uHjK")
    assert not looks_secret("registry.example.com/builds/api:1.4")
    assert not looks_secret("hello world")


def test_mask_project_hides_values_that_may_come_from_files() -> None:
    service = Service(
        "web",
        image="https://u:p@reg/x",
        build=Build("https://u:tok@github.com/x.git", args=(("TOKEN", "t"), ("EMPTY", None))),
        command=("--password", "p"),
        environment=(("LOG", "debug"), ("UNSET", None)),
        labels=(("auth.users", "admin:x"), ("plain", "ok")),
        healthcheck=Healthcheck(test=("CMD", "curl", "http://a:b@h/")),
        annotation=Annotation(description="see https://u:secretpw@host/"),
    )
    masked = mask_project(Project("p", services=(service,), disabled_services=(service,)))
    for s in (masked.services[0], masked.disabled_services[0]):
        assert s.environment == (("LOG", MASK), ("UNSET", None))
        assert s.build is not None and s.build.args == (("TOKEN", MASK), ("EMPTY", None))
        assert s.build.context == "https://u:•••@github.com/x.git"
        assert s.command == ("--password", MASK)
        assert s.labels == (("auth.users", MASK), ("plain", "ok"))
        assert s.healthcheck is not None and s.healthcheck.test[2] == "http://a:•••@h/"
        assert s.annotation.description == "see https://u:•••@host/"


@given(st.text(max_size=60))
def test_masking_never_raises_and_never_grows_a_secret(text: str) -> None:
    out = mask_written(text, sensitive=True)
    assert isinstance(out, str)
    # A space keeps the secret out of a `$name` reference that ``text`` may end with:
    # references are shown as written on purpose, literal text is what gets masked.
    assert "hunter2" not in mask_written(text + " hunter2", sensitive=True)
    assert isinstance(mask_text(text), str)


def test_mask_levels_on_interpolated_values(tmp_path: Path) -> None:
    """``sensitive`` shows what a harmless variable put into the model (an image tag, a
    host name) and keeps the value of a sensitive one as written; ``all`` shows neither."""
    project_module = pytest.importorskip("composedoc.compose.project")
    from composedoc.compose.types import LoadOptions
    from composedoc.docs.masked_view import masked_view
    from composedoc.graph.build import graph_to_json

    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  web:\n"
        "    image: nginx:${TAG}\n"
        "    container_name: ${DB_PASSWORD}-web\n"
        "    environment:\n"
        "      CACHE: ${CACHE_HOST}\n"
        "      DB_PASSWORD: ${DB_PASSWORD}\n"
    )
    (tmp_path / ".env").write_text(
        "TAG=1.25.3-alpine\nCACHE_HOST=redis.internal\nDB_PASSWORD=hunter2hunter2\n"
    )
    options = LoadOptions(working_dir=str(tmp_path), environ={})
    loaded = project_module.load_project(options)
    views = {level: masked_view(loaded, MaskPolicy(level=level)) for level in MASK_LEVELS}
    shown = {level: graph_to_json(view.graph) for level, view in views.items()}
    assert "nginx:${TAG}" in shown["all"] and "1.25.3" not in shown["all"]
    assert "nginx:1.25.3-alpine" in shown["sensitive"]
    assert "${DB_PASSWORD}-web" in shown["sensitive"] and "hunter2" not in shown["sensitive"]
    assert "hunter2hunter2-web" in shown["none"]
    env = {level: dict(view.project.services[0].environment) for level, view in views.items()}
    assert env["all"] == {"CACHE": "•••", "DB_PASSWORD": "•••"}
    assert env["sensitive"] == {"CACHE": "redis.internal", "DB_PASSWORD": "•••"}
    assert env["none"] == {"CACHE": "redis.internal", "DB_PASSWORD": "hunter2hunter2"}
    with pytest.raises(ValueError, match="unknown mask level"):
        MaskPolicy(level="some")
    assert MaskPolicy(show_values=True).level == "none"
