"""``composedoc render``: writes only into -o DIR, same bytes on a rerun, usage errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from composedoc.cli.commands import main

TESTS = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "voting"
    shutil.copytree(TESTS / "stacks/voting", work)
    monkeypatch.chdir(work)
    return work


def test_render_writes_every_format_into_dir_only(project: Path, tmp_path: Path) -> None:
    before = snapshot(project)
    out = tmp_path / "out" / "diagrams"
    result = CliRunner().invoke(main, ["render", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert snapshot(project) == before
    assert sorted(p.name for p in out.iterdir()) == [
        "voting.dot",
        "voting.json",
        "voting.md",
        "voting.mmd",
        "voting.png",
        "voting.svg",
    ]
    first = snapshot(out)
    formats = "svg,png,dot,mmd,md,json"
    again = CliRunner().invoke(main, ["render", "-o", str(out), "--format", formats])
    assert again.exit_code == 0, again.output
    assert snapshot(out) == first
    assert not [p for p in tmp_path.rglob(".composedoc-*")]


def test_render_options(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "focus"
    args = [
        "render",
        "-o",
        str(out),
        "--format",
        "dot",
        "--focus",
        "worker",
        "--depth",
        "1",
        "--hide",
        "volumes",
        "--direction",
        "TB",
        "--name",
        "worker-view",
        "--no-legend",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    dot = (out / "worker-view.dot").read_text()
    assert '"service:vote"' not in dot and '"service:db"' in dot
    assert "volume:" not in dot and "legend" not in dot and 'rankdir="TB"' in dot


@pytest.mark.parametrize(
    "args",
    [
        ["render"],
        ["render", "-o", "x", "--format", "gif"],
        ["render", "-o", "x", "--hide", "everything"],
        ["render", "-o", "x", "--focus", "nope"],
    ],
)
def test_usage_errors_exit_2(project: Path, args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert not (project / "x").exists()


def test_render_check_reports_a_stale_folder_with_a_diff_and_changes_nothing(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "docs"
    args = ["render", "-o", str(out), "--format", "md,mermaid,json"]
    assert CliRunner().invoke(main, args).exit_code == 0
    clean = CliRunner().invoke(main, [*args, "--check"])
    assert clean.exit_code == 0, clean.output
    page = out / "voting.md"
    page.write_text(page.read_text(encoding="utf-8") + "edited by hand\n", encoding="utf-8")
    before = snapshot(out)
    stale = CliRunner().invoke(main, [*args, "--check"])
    assert stale.exit_code == 1
    assert "-edited by hand" in stale.output
    assert "out of date" in stale.output
    assert snapshot(out) == before


def test_render_reads_output_and_formats_from_the_config_file(project: Path) -> None:
    (project / ".composedoc.yaml").write_text(
        "output: site/diagrams\nformats: [mermaid, md]\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["render"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "site/diagrams").iterdir()) == [
        "voting.md",
        "voting.mmd",
    ]


def test_render_usage_errors_exit_2(project: Path, tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["render"]).exit_code == 2  # no -o and no config
    bad = CliRunner().invoke(main, ["render", "-o", str(tmp_path), "--format", "gif"])
    assert bad.exit_code == 2
    assert "unknown format: gif" in bad.output


def test_render_says_on_stderr_why_it_split_or_not_and_inject_stays_quiet(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", "-o", str(out), "--format", "dot"])
    assert result.exit_code == 0, result.output
    assert "one diagram" not in result.stderr  # a small stack drawn whole is no news
    verbose = CliRunner().invoke(main, ["render", "-v", "-o", str(out), "--format", "dot"])
    assert "voting: one diagram (5 cards, at most 12 fit)" in verbose.stderr
    split = CliRunner().invoke(main, ["render", "-o", str(out), "--format", "dot", "--no-split"])
    assert "voting: one diagram (--no-split)" in split.stderr
    readme = project / "README.md"
    readme.write_text("<!-- BEGIN_COMPOSEDOC -->\n<!-- END_COMPOSEDOC -->\n", encoding="utf-8")
    quiet = CliRunner().invoke(main, ["inject", str(readme)])
    assert quiet.exit_code == 0, quiet.output
    assert "one diagram" not in quiet.stderr


def test_md_diagram_uses_the_view_options_with_or_without_mermaid_file(
    project: Path, tmp_path: Path
) -> None:
    """``--format md --exclude worker`` used to embed a chart that still drew ``worker``."""
    pages = []
    for formats in ("md", "md,mermaid"):
        out = tmp_path / formats.replace(",", "-")
        args = ["render", "-q", "-o", str(out), "--format", formats, "--exclude", "worker"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        pages.append((out / "voting.md").read_text(encoding="utf-8"))
        assert sorted(p.name for p in out.iterdir()) == sorted(
            {"md": ["voting.md"], "md,mermaid": ["voting.md", "voting.mmd"]}[formats]
        )
    assert pages[0] == pages[1]
    assert "service__worker" not in pages[0] and "worker (--exclude)" in pages[0]
