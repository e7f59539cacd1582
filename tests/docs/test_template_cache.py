"""The compiled-template cache: a hit gives the same page, a broken cache is only a miss."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from composedoc.compose.project import load_project
from composedoc.compose.types import LoadOptions
from composedoc.docs import markdown
from composedoc.docs import template_cache as cache_module
from composedoc.docs.documents import DocumentOptions, render_documents

VOTING = Path(__file__).resolve().parent.parent / "stacks" / "voting"


def _page(monkeypatch: pytest.MonkeyPatch, folder: Path | None) -> bytes:
    cache = cache_module._QuietCache(str(folder)) if folder else None
    monkeypatch.setattr(markdown, "template_cache", lambda: cache)
    options = LoadOptions(working_dir=str(VOTING), environ=dict(os.environ))
    loaded = load_project(options)
    return render_documents(loaded, DocumentOptions(formats=("md",)), options)["voting.md"]


def test_cached_templates_give_the_same_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncached = _page(monkeypatch, None)
    assert _page(monkeypatch, tmp_path) == uncached
    stored = sorted(tmp_path.iterdir())
    assert stored, "compiled code is stored"
    mtimes = [p.stat().st_mtime_ns for p in stored]
    assert _page(monkeypatch, tmp_path) == uncached
    assert [p.stat().st_mtime_ns for p in stored] == mtimes  # read, not written again


def test_a_corrupt_or_missing_cache_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncached = _page(monkeypatch, None)
    _page(monkeypatch, tmp_path)
    for entry in tmp_path.iterdir():
        entry.write_bytes(b"not bytecode")
    assert _page(monkeypatch, tmp_path) == uncached
    assert _page(monkeypatch, tmp_path / "missing" / "folder") == uncached


def test_turned_off_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    cache_module.template_cache.cache_clear()
    monkeypatch.setenv("COMPOSEDOC_NO_TEMPLATE_CACHE", "1")
    try:
        assert cache_module.template_cache() is None
    finally:
        cache_module.template_cache.cache_clear()
