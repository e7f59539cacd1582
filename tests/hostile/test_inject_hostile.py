"""``inject`` on hostile projects and targets."""

from __future__ import annotations

import shutil
from pathlib import Path

from runner import clean_env, run_cli

HERE = Path(__file__).resolve().parent
MARKERS = "# x\n<!-- BEGIN_COMPOSEDOC -->\n<!-- END_COMPOSEDOC -->\n"


def _project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    proj = tmp_path / "proj"
    proj.mkdir()
    shutil.copyfile(HERE / "corpus" / "mount-twice.yaml", proj / "compose.yaml")
    return proj, clean_env(tmp_path)


def test_one_source_mounted_twice(tmp_path: Path) -> None:
    proj, env = _project(tmp_path)
    (proj / "README.md").write_text(MARKERS)
    for section in ("diagram", "services"):
        result = run_cli(["inject", "README.md", "--section", section], proj, env)
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        assert result.code == 0, result.stderr
    assert "`80 → 80/udp`" in (proj / "README.md").read_text()


def test_never_writes_through_a_symlink_outside(tmp_path: Path) -> None:
    proj, env = _project(tmp_path)
    victim = tmp_path / "victim.md"
    victim.write_text(MARKERS)
    (proj / "README.md").symlink_to(victim)
    result = run_cli(["inject", "README.md"], proj, env)
    assert result.code == 1
    assert result.message.startswith("README.md: README.md is a symlink"), result.message
    assert "Traceback" not in result.stderr and len(result.message.splitlines()) == 1
    assert victim.read_text() == MARKERS
    assert str(tmp_path) not in result.stderr


def test_a_raising_template_gives_one_line(tmp_path: Path) -> None:
    proj, env = _project(tmp_path)
    (proj / "tpl").mkdir()
    (proj / "tpl" / "page.md.j2").write_text("# {{ page }}\n{{ 1 // 0 }}\n")
    result = run_cli(
        ["render", "-o", "../out", "--format", "md", "--template-dir", "tpl"], proj, env
    )
    assert "Traceback" not in result.stderr
    assert result.code in (1, 2)
    assert result.message == (
        "page.md.j2:2:1: template error: ZeroDivisionError: integer division or modulo by zero"
    )
