"""Shared fixtures: the ../shared folder (skip cleanly without it) and paths."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

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


_CI_NEEDS = ("chromium", "mermaid", "playwright", "graphviz")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """On CI a test skipped for a missing tool fails: CI installs every tool the suite uses."""
    outcome = yield
    report = outcome.get_result()
    if not (os.environ.get("CI") and report.skipped and isinstance(report.longrepr, tuple)):
        return
    reason = str(report.longrepr[2]).lower()
    if any(need in reason for need in _CI_NEEDS):
        report.outcome = "failed"
        report.longrepr = f"skipped on CI, where the tool must be installed: {reason}"
