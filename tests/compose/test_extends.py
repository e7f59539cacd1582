"""extends.py: long chains resolve without recursion (Compose accepts thousands of links)."""

from __future__ import annotations

import time
from pathlib import Path

from composedoc.compose.project import load_project
from composedoc.compose.types import LoadOptions

N = 5_000


def test_chain_of_5000_extends(tmp_path: Path) -> None:
    lines = ["services:", "  s0: {image: x, environment: {A: '0'}}"]
    lines += [f"  s{i}: {{extends: s{i - 1}, hostname: h{i}}}" for i in range(1, N)]
    (tmp_path / "compose.yaml").write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    services = load_project(LoadOptions(working_dir=str(tmp_path), environ={})).model["services"]
    assert time.perf_counter() - start < 10  # linear: each link merged once
    last = services[f"s{N - 1}"]
    assert last["image"] == "x" and last["environment"] == {"A": "0"}
    assert last["hostname"] == f"h{N - 1}"
    assert "extends" not in last


def test_chain_across_files_keeps_order_and_paths(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "base.yaml").write_text(
        "services:\n  root: {image: x, env_file: r.env}\n  mid: {extends: root, command: m}\n"
    )
    (tmp_path / "sub" / "r.env").write_text("R=1\n")
    (tmp_path / "compose.yaml").write_text(
        "services:\n  top: {extends: {file: sub/base.yaml, service: mid}}\n"
        "  top2: {extends: top, command: t}\n"
    )
    services = load_project(LoadOptions(working_dir=str(tmp_path), environ={})).model["services"]
    assert services["top"]["command"] == ["m"]
    assert services["top"]["environment"] == {"R": "1"}
    assert services["top2"]["command"] == ["t"]
