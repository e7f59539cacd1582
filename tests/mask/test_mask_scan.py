"""The hand-written scanners find what the regular expressions they replace found, in
linear time on the texts that made those expressions take minutes."""

from __future__ import annotations

import random
import re
import time

import pytest

from composedoc.docs import md_escape
from composedoc.mask.policy import mask_argv, mask_text, mask_written
from composedoc.mask.scan import assignment_spans, url_password_spans

# The former expressions: right on short texts, quadratic on long words.
ASSIGN = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_.\-]*)(?P<sep>\s*[=:]\s*)(?P<value>[^\s&;,'\"]+)")
URL = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s/:@]*:)[^\s/@]+@")


def test_same_spans_as_the_regular_expressions() -> None:
    rng = random.Random(13)
    alphabet = "aZ1_.-=: \n&;,'\"/@+x"
    for _ in range(30_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        text = text.replace("x", "://") if rng.random() < 0.3 else text
        assert list(assignment_spans(text)) == [
            (m.group("key"), m.start("value"), m.end("value")) for m in ASSIGN.finditer(text)
        ], text
        assert list(url_password_spans(text)) == [
            (m.end("head"), m.end() - 1) for m in URL.finditer(text)
        ], text


MB = 1024 * 1024
ADVERSARIAL = {
    "letters": "a" * MB,
    "dotted": "a." * (MB // 2),
    "blanks then =": "a" + " " * MB + "x",
    "schemes": "a+" * (MB // 2) + "://",
    "url users": "a://" + "b" * MB,
    "keys": "password " * (MB // 9),
    "flags": "-p " * (MB // 3),
    "pem": "-----BEGIN " * (MB // 11),
    "newlines in blanks": (" " * 1000 + "\n") * (MB // 1001),
    "references": "$a" * (MB // 2),
}


@pytest.mark.parametrize("kind", sorted(ADVERSARIAL))
def test_one_megabyte_under_one_second(kind: str) -> None:
    text = ADVERSARIAL[kind]
    for function in (
        mask_text,
        lambda t: mask_written(t, sensitive=False),
        lambda t: mask_argv(("sh", "-c", t)),
        md_escape.text,
    ):
        start = time.process_time()
        function(text)
        seconds = time.process_time() - start
        assert seconds < 1.0, f"{seconds:.2f} CPU s"


def test_credentials_are_still_masked() -> None:
    assert mask_text("postgres://app:hunter2@db/x") == "postgres://app:•••@db/x"
    assert mask_text("DB_PASSWORD=hunter2 user=app") == "DB_PASSWORD=••• user=app"


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (("redis-cli", "-a", "pw1", "ping"), ("redis-cli", "-a", "•••", "ping")),
        (("mysqladmin", "ping", "-ppw2"), ("mysqladmin", "ping", "-p•••")),
        (("curl", "-u", "admin:pw3", "x"), ("curl", "-u", "admin:•••", "x")),
        (("curl", "--user", "admin:pw4"), ("curl", "--user", "admin:•••")),
        (
            ("sh", "-c", "curl -H 'Authorization: Bearer pw5' x"),
            ("sh", "-c", "curl -H 'Authorization: Bearer •••' x"),
        ),
        (("curl", "http://x/h?token=pw6&a=b"), ("curl", "http://x/h?token=•••&a=b")),
        (("redis-cli", "-a", "${REDIS_PASSWORD}"), ("redis-cli", "-a", "${REDIS_PASSWORD}")),
        (("python", "-u", "app.py", "-p", "8080"), ("python", "-u", "app.py", "-p", "8080")),
    ],
)
def test_command_credential_shapes(argv: tuple[str, ...], shown: tuple[str, ...]) -> None:
    assert mask_argv(argv) == shown
    assert mask_text(" ".join(argv)) == " ".join(shown)
