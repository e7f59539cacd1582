"""Shared fixtures: the ../shared folder (skip cleanly without it) and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """The shared corpus and tools; tests that need it skip when it is absent."""
    if not (SHARED / "conformance").is_dir():
        pytest.skip("../shared is not present")
    return SHARED
