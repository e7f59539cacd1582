"""A 301-character service name (valid for Compose) builds a site with service pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from runner import clean_env


def test_service_pages_with_a_301_character_name(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs_composedoc")
    long = "s" * 301
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "stack").mkdir()
    (tmp_path / "stack" / "compose.yaml").write_text(
        f"services:\n  {long}:\n    image: nginx\n  web:\n    image: nginx\n"
        f"    depends_on: [{long}]\n"
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - composedoc:\n      service_pages: true\n"
        "      stacks:\n        - name: long\n          files: stack/compose.yaml\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=tmp_path,
        env={**clean_env(tmp_path), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "is not found among documentation files" not in done.stderr
    names = [p.name for p in (tmp_path / "site" / "stacks" / "long").iterdir()]
    assert max(len(n.encode()) for n in names) <= 100, names
    assert any(n.startswith("s" * 80) and len(n) < 120 for n in names), names
