"""What a packager and a new user see: metadata, floors, LICENSE, README, start-up imports."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import composedoc

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def _floors(requirements: list[str]) -> dict[str, str]:
    floors = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^]]*])?>=([0-9.]+)", requirement)
        if match:
            floors[match.group(1).lower()] = _release(match.group(2))
    return floors


def _release(version: str) -> str:
    """``1.6.0`` and ``1.6`` are the same floor."""
    parts = version.split(".")
    while len(parts) > 1 and parts[-1] == "0":
        parts.pop()
    return ".".join(parts)


def test_lowest_constraints_pin_exactly_the_floors() -> None:
    text = (ROOT / "constraints" / "lowest.txt").read_text(encoding="utf-8")
    lines = (raw.split("#")[0].strip() for raw in text.splitlines())
    pins = {name: _release(pin) for name, pin in (line.split("==") for line in lines if line)}
    extras = PROJECT["optional-dependencies"]
    floors = _floors(PROJECT["dependencies"] + extras["mkdocs"])
    floors["mkdocs-material"] = _floors(extras["dev"])["mkdocs-material"]
    assert pins == floors


def test_core_install_is_the_cli_and_mkdocs_is_an_extra() -> None:
    core = {re.split(r"[<>=\[]", r)[0].lower() for r in PROJECT["dependencies"]}
    assert core == {"pyyaml", "networkx", "diagrams", "click", "jinja2"}
    assert _floors(PROJECT["optional-dependencies"]["mkdocs"])["mkdocs"] == "1.6"
    assert "composedoc[mkdocs]" in PROJECT["optional-dependencies"]["dev"]
    entry = PROJECT["entry-points"]["mkdocs.plugins"]["composedoc"]
    assert entry == "mkdocs_composedoc.entry:ComposedocPlugin"


def test_version_is_written_once() -> None:
    assert "version" not in PROJECT and PROJECT["dynamic"] == ["version"]
    attr = PYPROJECT["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "composedoc.__version__"
    assert re.fullmatch(r"\d+\.\d+\.\d+", composedoc.__version__)


def test_license_metadata_and_file() -> None:
    assert PROJECT["license"] == "Apache-2.0" and PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text
    assert any(
        c.startswith("Programming Language :: Python :: 3.11") for c in PROJECT["classifiers"]
    )
    assert {"Homepage", "Source", "Issues"} <= set(PROJECT["urls"])


def test_readme_reads_right_on_a_package_index() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"!\[[^]]*]\(([^)\s]+)", text) + re.findall(
        r'<img[^>]+src="([^"]+)"', text
    )
    assert targets, "the README shows the voting diagram"
    assert all(t.startswith("https://") for t in targets), targets
    links = re.findall(r"(?<!!)\[[^]]*]\(([^)\s]+)", text)
    assert all(t.startswith(("https://", "#")) for t in links), links
    assert "pip install composedoc" in text and "pip install 'composedoc[mkdocs]'" in text
    assert "--direction auto|LR|TB|RL|BT" in text and "_COMPOSEDOC_COMPLETE" in text


def _imported_by(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT / "tests" / "stacks" / "voting",
    )
    return set(done.stdout.split())


HEAVY = {"networkx", "jinja2", "diagrams", "mkdocs", "markdown", "composedoc.graph.build"}


def test_cli_and_config_import_nothing_heavy() -> None:
    assert not HEAVY & _imported_by("import composedoc.cli.commands")
    config = (
        "import contextlib, io\n"
        "from composedoc.cli.commands import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['config'])"
    )
    modules = _imported_by(config)
    assert "composedoc.compose.project" in modules
    assert not HEAVY & modules


def test_docker_image_is_pinned_by_digest_and_compiles_bytecode() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^ARG PYTHON_IMAGE=python:[\w.-]+@sha256:[0-9a-f]{64}$", text, re.M)
    assert re.findall(r"^FROM (\S+)", text, re.M) == ["${PYTHON_IMAGE}", "${PYTHON_IMAGE}"]
    assert "python -m compileall" in text and "--no-compile" not in text
    assert "__pycache__" not in text
