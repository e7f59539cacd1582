"""Atomic writes into one folder: nothing outside it, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from composedoc.cli.output import check_name, write_outputs
from composedoc.errors import OutputError


def test_writes_files_and_creates_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b"
    paths = write_outputs(out, {"x.svg": b"<svg/>", "x.dot": b"digraph {}"})
    assert [p.name for p in paths] == ["x.dot", "x.svg"]
    assert (out / "x.svg").read_bytes() == b"<svg/>"
    assert sorted(p.name for p in out.iterdir()) == ["x.dot", "x.svg"]
    mode = (out / "x.svg").stat().st_mode & 0o777
    assert mode & 0o600 == 0o600 and not mode & 0o111


@pytest.mark.parametrize("name", ["../x.svg", "a/b.svg", "/etc/x", ".hidden", "..", "", "a\\b"])
def test_refuses_names_that_leave_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError):
        check_name(name)
    with pytest.raises(OutputError):
        write_outputs(tmp_path / "out", {"ok.svg": b"1", name: b"2"})
    assert not (tmp_path / "out" / "ok.svg").exists()


def test_symlink_at_a_name_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.svg").symlink_to(outside)
    write_outputs(out, {"x.svg": b"new"})
    assert outside.read_text() == "keep"
    assert not (out / "x.svg").is_symlink()
    assert (out / "x.svg").read_bytes() == b"new"


def test_error_leaves_old_files_and_no_temporaries(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.svg").write_bytes(b"old")
    (out / "b.svg").mkdir()  # cannot be replaced by a file
    with pytest.raises(OutputError):
        write_outputs(out, {"a.svg": b"new", "b.svg": b"new"})
    assert (out / "a.svg").read_bytes() == b"old"
    assert sorted(p.name for p in out.iterdir()) == ["a.svg", "b.svg"]


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    with pytest.raises(OutputError):
        write_outputs(tmp_path / "f", {"x.svg": b""})


def test_prune_removes_only_group_files_of_the_stem_no_longer_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_outputs(
        out, {f"shop.{g}.{e}": b"old" for g in ("a", "b-2", "c_3") for e in ("svg", "png")}
    )
    others = {
        "shop.svg": b"overview",  # the stem's own file stays (it is rewritten or not ours)
        "shop.md": b"page",
        "shop.x.md": b"not a diagram",
        "shop.x.y.svg": b"two dots",
        "Shop.Up.svg": b"not a slug",
        "shopping.a.svg": b"other stem",
        "notes.txt": b"mine",
    }
    for name, data in others.items():
        (out / name).write_bytes(data)
    (out / "shop.dir.svg").mkdir()
    victim = tmp_path / "victim.svg"
    victim.write_bytes(b"keep me")
    (out / "shop.link.svg").symlink_to(victim)
    write_outputs(out, {"shop.svg": b"new", "shop.a.svg": b"new"}, prune_stem="shop")
    left = sorted(p.name for p in out.iterdir())
    kept_png = [f"shop.{g}.png" for g in ("a", "b-2", "c_3")]  # this run wrote no PNG
    assert left == sorted([*others, *kept_png, "shop.a.svg", "shop.dir.svg", "shop.link.svg"])
    assert victim.read_bytes() == b"keep me"
    assert (out / "shop.link.svg").is_symlink()


def test_no_prune_without_a_stem_and_no_prune_after_a_failed_write(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_outputs(out, {"s.old.svg": b"old"})
    write_outputs(out, {"s.new.svg": b"new"})
    assert (out / "s.old.svg").exists()
    (out / "s.dir.svg").mkdir()
    with pytest.raises(OutputError):
        write_outputs(out, {"s.new.svg": b"x", "s.dir.svg": b"x"}, prune_stem="s")
    assert (out / "s.old.svg").read_bytes() == b"old"
    write_outputs(out, {"s.new.svg": b"x"}, prune_stem="s")
    assert sorted(p.name for p in out.iterdir()) == ["s.dir.svg", "s.new.svg"]
