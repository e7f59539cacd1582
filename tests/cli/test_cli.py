"""Command-line conventions: help for every option, -h, quiet by default, -o -, completion."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from composedoc import __version__
from composedoc.cli.commands import main
from composedoc.cli.progress import progress

TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture
def voting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "voting"
    shutil.copytree(TESTS / "stacks/voting", work)
    monkeypatch.chdir(work)
    return work


def _commands() -> list[click.Command]:
    assert isinstance(main, click.Group)
    return [main, *main.commands.values()]


@pytest.mark.parametrize("command", _commands(), ids=lambda c: c.name or "composedoc")
def test_every_option_has_help_and_no_rst_markup(command: click.Command) -> None:
    assert command.help and "``" not in command.help
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{command.name} {param.opts} has no help"
            assert "``" not in param.help and ":func:" not in param.help


@pytest.mark.parametrize("args", [["-h"], ["render", "-h"], ["config", "-h"], ["diff", "-h"]])
def test_dash_h_is_help(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and result.output.startswith("Usage: ")


def test_help_names_allowed_values() -> None:
    text = CliRunner().invoke(main, ["render", "--help"]).output
    for value in ("LR|TB|RL|BT", "light|dark", "mermaid|svg|none", "svg, png, dot, mermaid"):
        assert value in " ".join(text.split())
    assert "DIR is out of date" not in text and "output folder is out of date" in text


def test_version_is_the_package_version() -> None:
    assert CliRunner().invoke(main, ["--version"]).output == f"composedoc, version {__version__}\n"


def test_default_is_one_summary_line_verbose_lists_quiet_is_silent(voting: Path) -> None:
    args = ["render", "-o", "out", "--format", "md,mermaid"]
    default = CliRunner().invoke(main, args)
    assert default.exit_code == 0
    assert default.stderr == "wrote 2 files to out\n" and default.stdout == ""
    verbose = CliRunner().invoke(main, [*args, "-v"])
    assert verbose.stderr.splitlines() == [
        "voting: one diagram (5 cards, at most 12 fit)",
        "out/voting.md",
        "out/voting.mmd",
        "wrote 2 files to out",
    ]
    quiet = CliRunner().invoke(main, [*args, "-q"])
    assert quiet.exit_code == 0 and quiet.output == ""
    check = CliRunner().invoke(main, [*args, "--check"])
    assert check.exit_code == 0 and check.output == ""


def test_quiet_still_prints_errors(voting: Path) -> None:
    result = CliRunner().invoke(main, ["render", "-q", "-o", "out", "-f", "missing.yaml"])
    assert result.exit_code == 1 and "missing.yaml" in result.stderr


def test_dash_o_dash_writes_one_format_to_stdout(voting: Path) -> None:
    result = CliRunner().invoke(main, ["render", "-o", "-", "--format", "mermaid"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("flowchart LR") and result.stderr == ""
    assert not (voting / "-").exists()
    several = CliRunner().invoke(main, ["render", "-o", "-", "--format", "md,json"])
    assert several.exit_code == 2 and "one format" in several.stderr
    assert not (voting / "-").exists()


def test_unknown_format_lists_the_valid_ones(voting: Path) -> None:
    result = CliRunner().invoke(main, ["render", "-o", "out", "--format", "svgz"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "unknown format: svgz (valid: svg, png, dot, mermaid, md, json, mmd)"
    )


def test_shell_completion_completes_commands() -> None:
    env = {
        **os.environ,
        "_COMPOSEDOC_COMPLETE": "bash_complete",
        "COMP_WORDS": "composedoc ren",
        "COMP_CWORD": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "composedoc"], env=env, capture_output=True, text=True, check=False
    )
    assert done.stdout.split() == ["plain,render"]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_only_on_a_terminal_after_the_delay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    fast = _Tty()
    with progress("rendering", stream=fast, delay=5.0):
        pass
    assert fast.getvalue() == ""
    pipe = io.StringIO()
    with progress("rendering", stream=pipe, delay=0.0):
        time.sleep(0.1)
    assert pipe.getvalue() == ""
    tty = _Tty()
    with progress("rendering", stream=tty, delay=0.0):
        time.sleep(0.1)
    assert "rendering 0 s" in tty.getvalue() and tty.getvalue().endswith("\r\x1b[2K")
    quiet = _Tty()
    with progress("rendering", stream=quiet, delay=0.0, enabled=False):
        time.sleep(0.1)
    assert quiet.getvalue() == ""


def test_progress_honours_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    tty = _Tty()
    with progress("rendering", stream=tty, delay=0.0):
        time.sleep(0.1)
    assert "\x1b" not in tty.getvalue() and tty.getvalue().endswith(" \r")
