"""``composedoc inject`` and ``composedoc diff`` end to end (exit codes, bytes on disk)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from composedoc.ci.inject import BEGIN, END
from composedoc.cli.commands import main

STACKS = Path(__file__).resolve().parents[2] / "site_examples" / "stacks"
CORPUS_STACKS = [
    "dockersamples__example-voting-app/docker-compose.yml",
    "netbox-community__netbox-docker/docker-compose.yml",
    "awesome-compose/nginx-nodejs-redis/compose.yaml",
]
README = f"\ufeff# Stack\r\n\r\nIntro.\r\n{BEGIN}\r\nstale\r\n{END}\r\nFooter, no final newline"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    # stdout_bytes: click's .stdout turns CRLF into LF, and CRLF must be visible here.
    return result.exit_code, result.stdout_bytes.decode(), result.stderr


@pytest.fixture
def stack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "voting"
    shutil.copytree(STACKS / "voting", folder)
    (folder / "README.md").write_bytes(README.encode())
    (tmp_path / ".git").mkdir()  # config discovery stops here
    monkeypatch.chdir(folder)
    return folder


def test_inject_check_then_write_then_clean(stack: Path) -> None:
    before = (stack / "README.md").read_bytes()
    code, out, err = _run("inject", "README.md", "--check")
    assert code == 1
    assert out.startswith("--- a/README.md\n+++ b/README.md\n")
    assert "-stale\r\n" in out
    assert "+```mermaid\r\n" in out
    assert "README.md: out of date" in err
    assert (stack / "README.md").read_bytes() == before  # --check writes nothing

    code, _, err = _run("inject", "README.md")
    assert code == 0
    assert "updated README.md" in err
    after = (stack / "README.md").read_bytes()
    head, tail = before.split(b"stale\r\n")
    assert after.startswith(head)
    assert after.endswith(tail)
    assert b"| redis | `redis:7-alpine` |" in after
    assert b"\n" not in after.replace(b"\r\n", b"")

    assert _run("inject", "README.md", "--check")[0] == 0
    assert _run("inject", "README.md")[0] == 0
    assert (stack / "README.md").read_bytes() == after


def test_inject_sections_and_config(stack: Path) -> None:
    (stack / ".composedoc.yaml").write_text("inject:\n  file: README.md\n  sections: [services]\n")
    assert _run("inject")[0] == 0
    text = (stack / "README.md").read_text(encoding="utf-8")
    assert "```mermaid" not in text
    assert "| Service |" in text
    assert _run("inject", "--section", "diagram")[0] == 0
    assert "```mermaid" in (stack / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("# no markers\n", "no <!-- BEGIN_COMPOSEDOC -->"),
        (f"{BEGIN}\n{BEGIN}\n{END}\n", "README.md:2:1: duplicated BEGIN_COMPOSEDOC"),
        (f"{END}\n{BEGIN}\n", "README.md:1:1: <!-- END_COMPOSEDOC --> (line 1) comes before"),
    ],
)
def test_inject_marker_errors_exit_1(stack: Path, content: str, message: str) -> None:
    (stack / "README.md").write_text(content)
    code, _, err = _run("inject", "README.md")
    assert code == 1
    assert message in err
    assert (stack / "README.md").read_text() == content


def test_inject_usage_errors(stack: Path) -> None:
    assert _run("inject")[0] == 2  # no FILE and no config
    (stack / ".composedoc.yaml").write_text("diagram:\n  theme: blue\n")
    code, _, err = _run("inject", "README.md")
    assert code == 2
    assert ".composedoc.yaml:2:10: diagram.theme must be one of light, dark" in err
    (stack / ".composedoc.yaml").unlink()
    code, _, err = _run("inject", "missing.md")
    assert (code, err) == (1, "missing.md: cannot read: No such file or directory\n")


@pytest.mark.parametrize("path", CORPUS_STACKS)
def test_inject_check_on_corpus(shared_dir: Path, tmp_path: Path, path: str) -> None:
    compose = shared_dir / "corpus" / path
    readme = tmp_path / "README.md"
    readme.write_text(f"# Docs\n\n{BEGIN}\n{END}\n")
    args = ["-f", str(compose), "-p", "corpus"]
    assert _run("inject", str(readme), *args, "--check")[0] == 1
    assert _run("inject", str(readme), *args)[0] == 0
    assert _run("inject", str(readme), *args, "--check") == (0, "", "")
    text = readme.read_text()
    assert text.startswith(f"# Docs\n\n{BEGIN}\n```mermaid\nflowchart LR\n")
    assert text.endswith(f"\n{END}\n")


def test_diff_folders_markdown_json_and_diagram(stack: Path, tmp_path: Path) -> None:
    new = tmp_path / "new" / "voting"
    shutil.copytree(stack, new)
    compose = new / "compose.yaml"
    compose.write_text(compose.read_text().replace("redis:7-alpine", "redis:8-alpine"))
    code, out, _ = _run("diff", str(stack), str(new))
    assert code == 0
    assert "- **image bumped** `redis`: `7-alpine` → `8-alpine`\n" in out
    assert "```mermaid" not in out
    code, out, _ = _run("diff", str(stack), str(new), "--diagram")
    assert "  class service__redis changed\n" in out
    code, out, _ = _run("diff", str(stack), str(new), "--format", "json", "--exit-code")
    assert code == 0  # --exit-code fails on risky changes only
    assert json.loads(out)["summary"] == [
        {"change": "image bumped", "risky": False, "services": ["redis"]}
    ]
    text = compose.read_text()
    compose.write_text(text.replace('- "db-data:/var/lib/postgresql/data"', "", 1))
    code, out, _ = _run("diff", str(stack), str(new), "--exit-code")
    assert code == 1, out
    assert "⚠️ **volume removed** `db-data`: was `/var/lib/postgresql/data`" in out
    code, out, _ = _run("diff", ".", str(stack), "--exit-code")
    assert code == 0
    assert "No change" in out


def test_diff_usage_errors(stack: Path) -> None:
    code, _, err = _run("diff", "nope", ".")
    assert code == 2
    assert "nope: no such file or folder" in err
    code, _, err = _run("diff", "git:-x:.", ".")
    assert code == 2


@pytest.mark.parametrize("name", sorted(p.name for p in STACKS.iterdir() if p.is_dir()))
def test_diff_own_stacks_against_themselves(name: str) -> None:
    code, out, _ = _run("diff", str(STACKS / name), str(STACKS / name), "--exit-code")
    assert (code, "No change" in out) == (0, True)


def test_inject_through_a_symlink_keeps_the_link(stack: Path) -> None:
    (stack / "docs").mkdir()
    (stack / "README.md").rename(stack / "docs" / "index.md")
    (stack / "README.md").symlink_to("docs/index.md")
    assert _run("inject", "README.md")[0] == 0
    assert (stack / "README.md").is_symlink()
    assert "```mermaid" in (stack / "docs" / "index.md").read_text(encoding="utf-8")
