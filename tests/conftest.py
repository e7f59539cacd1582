"""Shared fixtures: the ../shared folder (skip cleanly without it) and paths."""

from __future__ import annotations

import os
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


def _hypothesis_profiles() -> None:
    """CI runs property tests derandomized, so a red run is reproducible from its log."""
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
    settings.register_profile("dev", deadline=None)
    settings.load_profile("ci" if os.environ.get("CI") else "dev")


_hypothesis_profiles()
