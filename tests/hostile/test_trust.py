"""Outputs the same on every machine and showing what files hold (issue 13, items 5, 9, 10).

* outside-relative: a bind ``../shared:/s``, include, extends, build context, secret, config
  and env_file outside the project folder are shown ``../shared/...`` in every format,
  ``graph``, ``inject``, ``diff``, messages and the MkDocs site; copied under two different
  parent folders, the project renders byte for byte the same and ``--check`` agrees.
* bidi: bidi and zero-width characters planted in an image, a container name, a label, a
  description and network and volume names come out as ``\\u202e`` everywhere.
* long group: a 300-character ``x-composedoc`` group name renders (bounded file names).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from runner import Result, clean_env, run_cli

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
FORMATS = "svg,dot,mermaid,md,json"
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029\u2060]")


def _no_traceback(result: Result) -> None:
    assert "Traceback" not in result.stderr, result.stderr[-3000:]


def _shown(project: Path, env: dict[str, str], out: Path, other: Path) -> dict[str, str]:
    """What every command shows for ``project``: outputs, graph, inject, diff, messages."""
    shown: dict[str, str] = {}
    graph = run_cli(["graph"], project, env)
    _no_traceback(graph)
    assert graph.code == 0, graph.stderr
    shown["graph"] = graph.stdout
    rel_out = os.path.relpath(out, project)  # as a user types it: messages echo it back
    render = run_cli(["render", "-o", rel_out, "--format", FORMATS], project, env)
    _no_traceback(render)
    assert render.code == 0, render.stderr
    shown["render messages"] = render.stdout + render.stderr
    for path in sorted(out.iterdir()):
        shown[path.name] = path.read_text("utf-8")
    (project / "README.md").write_text("# x\n<!-- BEGIN_COMPOSEDOC -->\n<!-- END_COMPOSEDOC -->\n")
    inject = run_cli(["inject", "README.md"], project, env)
    assert inject.code == 0, inject.stderr
    shown["inject"] = (project / "README.md").read_text("utf-8")
    diff = run_cli(["diff", ".", os.path.relpath(other, project)], project, env)
    _no_traceback(diff)
    assert diff.code in (0, 1), diff.stderr
    shown["diff"] = diff.stdout + diff.stderr
    return shown


def _site(project_root: Path, compose: str, env: dict[str, str]) -> dict[str, str]:
    """The MkDocs site (service pages on) of ``compose`` under ``project_root``."""
    pytest.importorskip("mkdocs_composedoc")
    (project_root / "docs").mkdir()
    (project_root / "docs" / "index.md").write_text("# Home\n")
    (project_root / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - composedoc:\n      diagram: svg\n"
        "      service_pages: true\n      stacks:\n"
        f"        - name: trust\n          files: {compose}\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project_root,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    pages = [p for p in (project_root / "site").rglob("*") if p.suffix in {".html", ".svg"}]
    shown = {str(p.relative_to(project_root)): p.read_text("utf-8", "replace") for p in pages}
    ours = [ln for ln in (done.stdout + done.stderr).splitlines() if "composedoc" in ln]
    shown["plugin messages"] = "\n".join(ours)  # MkDocs itself names the site folder
    return shown


# ----------------------------------------------------------------------------- paths
def _copy_outside(parent: Path) -> tuple[Path, dict[str, str]]:
    shutil.copytree(CORPUS / "outside-relative", parent)
    home = parent.parent / "home"
    home.mkdir(exist_ok=True)
    return parent / "proj", clean_env(home)


def test_paths_outside_the_project_are_relative_in_every_output(tmp_path: Path) -> None:
    project, env = _copy_outside(tmp_path / "a" / "parent")
    other = tmp_path / "other"
    shutil.copytree(project, other)  # a diff side without the shared folder's neighbours
    shown = _shown(project, env, tmp_path / "out", other)
    shown.update(_site(project.parent, "proj/compose.yaml", env))
    for name, text in shown.items():
        assert str(tmp_path) not in text, f"{name} shows an absolute path of the machine"
    for name in ("graph", "proj.md", "proj.json", "proj.dot", "proj.mmd", "inject"):
        assert "../shared" in shown[name], f"{name} shows no ../shared path"
    md = shown["proj.md"]
    for path in ("../shared/ctx", "../shared/app.env", "../shared/token.txt", "../shared/cfg.txt"):
        assert path in md, path
    assert "../shared/included.yaml" in md and "/etc/hostname" in md and "~/cache" in md
    ids = set(re.findall(r'"id": "(bind:[^"]+)"', shown["graph"]))
    assert {"bind:../shared", "bind:../shared/data", "bind:~/cache", "bind:/etc/hostname"} <= ids


def test_messages_name_files_outside_relative(tmp_path: Path) -> None:
    project, env = _copy_outside(tmp_path / "parent")
    compose = project / "compose.yaml"
    compose.write_text(compose.read_text().replace("../shared/app.env", "../shared/gone.env"))
    result = run_cli(["graph"], project, env)
    _no_traceback(result)
    assert result.code == 1
    assert "../shared/gone.env" in result.stderr, result.stderr
    assert str(tmp_path) not in result.stderr
    compose.write_text(
        "version: '3'\nservices:\n  web:\n    image: nginx\n    volumes: [../shared:/s]\n"
    )
    strict = run_cli(["graph", "--strict-paths"], project, env)
    assert strict.code == 1
    assert "../shared is outside the project" in strict.stderr, strict.stderr
    assert str(tmp_path) not in strict.stderr


def test_same_project_under_two_parents_renders_the_same_bytes(tmp_path: Path) -> None:
    first, env1 = _copy_outside(tmp_path / "one" / "p")
    second, env2 = _copy_outside(tmp_path / "two" / "deeper" / "q")
    outs = []
    for project, env in ((first, env1), (second, env2)):
        out = project.parent / "docs"
        result = run_cli(["render", "-o", "../docs", "--format", FORMATS], project, env)
        assert result.code == 0, result.stderr
        outs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outs[0] == outs[1]
    shutil.rmtree(second.parent / "docs")
    shutil.copytree(first.parent / "docs", second.parent / "docs")
    check = run_cli(["render", "-o", "../docs", "--format", FORMATS, "--check"], second, env2)
    assert check.code == 0, check.stdout + check.stderr


# ----------------------------------------------------------------------------- bidi
BIDI_COMPOSE = (
    "services:\n"
    "  web:\n"
    '    image: "nginx\u202egnp.exe\u202c"\n'
    '    container_name: "web\u200bx"\n'
    "    labels:\n"
    '      "com.ex\u2066ample": "v\u2067al\u2069ue\ufeff"\n'
    "    x-composedoc:\n"
    '      description: "desc \u202a\u202b\u202d \u2028 \u2029 \u200f \u2060"\n'
    "    networks: [front]\n"
    "    volumes: [data:/d]\n"
    "networks:\n"
    "  front:\n"
    '    name: "front\u202e"\n'
    "volumes:\n"
    "  data:\n"
    '    name: "vol\u200d"\n'
)


def test_bidi_and_zero_width_characters_are_escaped_everywhere(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    project.mkdir()
    (project / "compose.yaml").write_text(BIDI_COMPOSE, "utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "compose.yaml").write_text("services:\n  web:\n    image: nginx\n")
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(home)
    shown = _shown(project, env, tmp_path / "out", other)
    shown.update(_site(tmp_path, "proj/compose.yaml", env))
    for name, text in shown.items():
        found = sorted({f"U+{ord(c):04X}" for c in INVISIBLE.findall(text)})
        assert not found, f"{name} shows raw {found}"
    for name in ("graph", "proj.md", "proj.json", "proj.dot", "proj.svg", "inject", "diff"):
        assert "u202egnp.exe" in shown[name], f"{name} does not show the escaped image"
    assert "nginx\\\\u202egnp.exe\\\\u202c" in shown["graph"]  # JSON of the text \u202e
    assert "front\\\\u202e" in shown["graph"] and "vol\\\\u200d" in shown["graph"]
    assert "com.ex&#92;u2066ample" in shown["proj.md"]
    assert any("u202egnp.exe" in t for n, t in shown.items() if n.endswith(".html"))


def test_messages_escape_bidi_characters(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    project.mkdir()
    (project / "compose.yaml").write_text(
        'services:\n  web:\n    image: a\n    depends_on: ["gh\u202eost"]\n', "utf-8"
    )
    result = run_cli(["graph"], project, clean_env(tmp_path))
    assert result.code == 1
    assert "gh\\u202eost" in result.stderr, result.stderr
    assert not INVISIBLE.search(result.stderr)


# ----------------------------------------------------------------------------- long group
def test_a_300_character_group_name_renders(tmp_path: Path) -> None:
    group = "g" * 300
    lines = ["services:"]
    for i in range(14):
        lines += [f"  svc{i}:", f"    image: acme/app{i}"]
        lines.append(f"    x-composedoc: {{group: {group if i < 7 else 'other'}}}")
    project = tmp_path / "proj"
    project.mkdir()
    (project / "compose.yaml").write_text("\n".join(lines) + "\n")
    args = ["render", "-o", "../out", "--format", "svg,dot,mermaid,md", "--split"]
    result = run_cli(args, project, clean_env(tmp_path))
    _no_traceback(result)
    assert result.code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert max(len(n.encode()) for n in names) <= 100, names
    assert len([n for n in names if n.startswith("proj.ggg") and n.endswith(".svg")]) == 1
    again = run_cli(args, project, clean_env(tmp_path))
    assert again.code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == names  # stable names
    overview = (tmp_path / "out" / "proj.svg").read_text("utf-8")
    linked = next(n for n in names if n.startswith("proj.ggg") and n.endswith(".svg"))
    assert f'href="{linked}"' in overview
