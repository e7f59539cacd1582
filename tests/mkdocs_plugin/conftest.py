"""Real ``mkdocs build`` runs in temporary folders, and the example site as a fixture."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from mkdocs_composedoc import pagecache
from mkdocs_composedoc.cache import clear_memory

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site_examples"
ARTIFACTS = ROOT / "test-artifacts"


@dataclass
class Build:
    """The outcome of one ``mkdocs build``."""

    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text("utf-8")


def run_mkdocs(folder: Path, *args: str) -> Build:
    """``mkdocs build`` in a fresh process (as a user runs it), output captured."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],  # no -q: it hides warnings
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(folder)},
        check=False,
    )
    return Build(done.returncode, done.stdout + done.stderr, folder / "site")


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """Write a small MkDocs project: ``mkdocs.yml`` + pages + the test stacks."""
    clear_memory()
    pagecache.clear_memory()

    def make(config: str, pages: dict[str, str] | None = None, stacks: bool = True) -> Path:
        (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(config), "utf-8")
        docs = tmp_path / "docs"
        docs.mkdir(exist_ok=True)
        for name, text in (pages or {"index.md": "# Home\n"}).items():
            (docs / name).parent.mkdir(parents=True, exist_ok=True)
            (docs / name).write_text(textwrap.dedent(text), "utf-8")
        if stacks and not (tmp_path / "stacks").exists():
            shutil.copytree(SITE / "stacks", tmp_path / "stacks")
        return tmp_path

    return make


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """site_examples copied to a temporary folder and built with ``--strict``."""
    folder = tmp_path_factory.mktemp("site_examples")
    for part in ("docs", "stacks"):
        shutil.copytree(SITE / part, folder / part)
    shutil.copy(SITE / "mkdocs.yml", folder / "mkdocs.yml")
    build = run_mkdocs(folder, "--strict")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def fences_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """site_examples/zensical (the Markdown extension only, as Zensical runs it) built with
    MkDocs ``--strict``, from its own folder as its ``base_dir`` expects."""
    folder = tmp_path_factory.mktemp("site_fences")
    shutil.copytree(SITE / "stacks", folder / "stacks")
    shutil.copytree(SITE / "zensical", folder / "zensical", ignore=shutil.ignore_patterns("site"))
    build = run_mkdocs(folder / "zensical", "--strict")
    assert build.returncode == 0, build.output
    return build
