"""Thousands of odd strings, as values and as keys, printed by Docker Compose and by composedoc:
the same bytes in ``config`` (go-yaml's styles, escapes, block indicators, ``? key`` forms)
and in ``config --format json`` (Go's escapes). One oracle run per format; skips without it.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

from composedoc.compose.output import dump_config
from composedoc.compose.project import load_project
from composedoc.compose.types import LoadOptions

PIECES = [
    *" \t\n:#-?0159abex'\"_.+TZ=<~!&*|>%@`,[]{}\\<>",
    "\u2028", "\u2029", "\x85", "\r", "\x01", "\x7f", "\ufeff", "\u00a0", "\u00e9",
    "\U0001f600", "null", "true", "0x", "0o", "0b", "---", "...", "inf", "2024-01-02",
    "12:30", "0:0", "-03:00", "  ", "\n\n",
]  # fmt: skip
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/oracle"}


def _strings(count: int) -> list[str]:
    rng = random.Random(12)
    out = set()
    while len(out) < count:
        size = rng.choice([1, 1, 2, 2, 3, 4, 6, 10])
        out.add("".join(rng.choice(PIECES) for _ in range(size)))
    return sorted(out)


def _yaml_text(doc: object) -> str:
    """JSON is YAML; characters YAML forbids raw are escaped."""
    text = json.dumps(doc, ensure_ascii=False)
    for char in ("\x7f", "\x85", "\ufeff", "\u2028", "\u2029"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


@pytest.mark.oracle
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_strings_print_like_docker_compose(shared_dir: Path, tmp_path: Path, fmt: str) -> None:
    strings = _strings(1500)
    labels = {f"k{i:04d}": s for i, s in enumerate(strings)}
    keys = {s: i for i, s in enumerate(strings)}
    doc = {"services": {"s": {"image": "x", "labels": labels}}, "x-keys": keys}
    (tmp_path / "compose.yaml").write_text(_yaml_text(doc).replace("$", "$$"), encoding="utf-8")
    done = subprocess.run(
        [str(shared_dir / "tools" / "compose-oracle"), "config", "--format", fmt],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    project = load_project(LoadOptions(working_dir=str(tmp_path), environ=dict(ENV)))
    mine = dump_config(project, fmt=fmt)
    theirs = done.stdout.decode("utf-8")
    assert mine == theirs, next(
        (a, b) for a, b in zip(mine.split("\n"), theirs.split("\n"), strict=False) if a != b
    )
