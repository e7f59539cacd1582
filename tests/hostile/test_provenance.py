"""Values interpolated from ``.env`` or the environment never reach an output.

The provenance-canary case plants ``hunter2`` (``.env``), a port, a folder name and a
``ghs_`` token (process environment) in ten fields; every format, ``inject``, ``diff`` and
the MkDocs site must show ``${NAME}`` instead, while ``config`` prints the values as
Docker Compose does. It also writes passwords in healthchecks, commands and entrypoints
(``redis-cli -a``, ``mysqladmin -pX``, ``curl -u``, ``Bearer``, ``?token=``, ``--user``):
``cnrypw1``..``cnrypw7`` must not show either.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from runner import clean_env, run_cli

HERE = Path(__file__).resolve().parent
CASE = HERE / "corpus" / "provenance-canary"
CANARY = re.compile(r"hunter2|ghs_cnry\w*|18080|cnrydir|cnrypw\d")
TOKEN = "ghs_cnry0123456789abcdef"


def _stage(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    project = tmp_path / "proj"
    shutil.copytree(CASE, project)
    home = tmp_path / "home"
    home.mkdir()
    return project, {**clean_env(home), "GITHUB_TOKEN": TOKEN}


def _leaks(text: str) -> list[str]:
    return sorted(set(CANARY.findall(text)))


def test_no_output_shows_an_interpolated_value(tmp_path: Path) -> None:
    project, env = _stage(tmp_path)
    shown: dict[str, str] = {}
    graph = run_cli(["graph"], project, env)
    assert graph.code == 0, graph.stderr
    shown["graph"] = graph.stdout
    formats = "svg,dot,mermaid,md,json"
    render = run_cli(["render", "-o", "../out", "--format", formats], project, env)
    assert render.code == 0, render.stderr
    for path in sorted((tmp_path / "out").iterdir()):
        shown[path.name] = path.read_text("utf-8")
    (project / "README.md").write_text("# x\n<!-- BEGIN_COMPOSEDOC -->\n<!-- END_COMPOSEDOC -->\n")
    inject = run_cli(["inject", "README.md"], project, env)
    assert inject.code == 0, inject.stderr
    shown["inject"] = (project / "README.md").read_text("utf-8")
    other = tmp_path / "other"
    shutil.copytree(CASE, other)
    (other / "compose.yaml").write_text(
        (other / "compose.yaml").read_text().replace("nginx:", "httpd:")
    )
    diff = run_cli(["diff", "../proj", "../other"], project, env)
    assert diff.code in (0, 1), diff.stderr
    shown["diff"] = diff.stdout
    for name, text in shown.items():
        assert _leaks(text) == [], f"{name} shows {_leaks(text)}"
        assert "${" in text or name.endswith(".svg"), f"{name} shows no reference"
    assert "nginx:${DB_PASSWORD}" in shown["graph"]
    assert "web-${GITHUB_TOKEN}" in shown["graph"]
    assert "httpd:${DB_PASSWORD}" in shown["diff"]


def test_config_and_show_values_print_the_values(tmp_path: Path) -> None:
    project, env = _stage(tmp_path)
    config = run_cli(["config"], project, env)
    assert config.code == 0, config.stderr
    assert {"hunter2", TOKEN, "18080", "cnrypw1", "cnrypw7"} <= set(CANARY.findall(config.stdout))
    graph = run_cli(["graph", "--show-values"], project, env)
    assert "nginx:hunter2" in graph.stdout


def test_the_mkdocs_site_shows_no_interpolated_value(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs_composedoc")
    project, env = _stage(tmp_path)
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "index.md").write_text("# Home\n")
    shutil.move(str(project), site / "stack")
    (site / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - composedoc:\n      diagram: svg\n"
        "      service_pages: true\n      stacks:\n"
        "        - name: canary\n          files: stack/compose.yaml\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=site,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    pages = [p for p in (site / "site").rglob("*") if p.suffix in {".html", ".svg", ".json"}]
    assert any("canary" in str(p) for p in pages)
    for page in pages:
        text = page.read_text("utf-8", "replace")
        assert _leaks(text) == [], f"{page.relative_to(site)} shows {_leaks(text)}"
