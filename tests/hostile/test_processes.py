"""``kill -9`` of a render takes its ``dot`` child down with it (no orphan layouts)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from runner import _executable, clean_env


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux /proc")
def test_dot_dies_with_a_killed_render(tmp_path: Path) -> None:
    """About 45 s (the layout must be long enough to kill it midway): COMPOSEDOC_BIG=1."""
    if not os.environ.get("COMPOSEDOC_BIG"):
        pytest.skip("about 45 s: set COMPOSEDOC_BIG=1 to run it")
    if shutil.which("dot") is None:
        pytest.skip("Graphviz dot is not available")
    project = tmp_path / "proj"
    project.mkdir()
    services = "".join(
        f"  s{i}:\n    image: nginx\n"
        + (f"    depends_on: [s{i // 2}, s{i // 3}, s{(i * 7) % i}]\n" if i > 3 else "")
        for i in range(1900)
    )
    (project / "compose.yaml").write_text("services:\n" + services)
    proc = subprocess.Popen(
        [*_executable(), "render", "-o", "../out", "--format", "svg"],
        cwd=project,
        env=clean_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    dots: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while not dots and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            dots = _children(proc.pid)
        if not dots:
            pytest.skip("the render finished before dot could be seen")
        time.sleep(1.0)  # dot has read its input and is laying out (it would exit on EOF)
        if proc.poll() is not None:
            pytest.skip("the layout finished before the kill")
        assert any(
            "dot" in Path(f"/proc/{d}/cmdline").read_bytes().decode(errors="replace") for d in dots
        ), dots
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 5
        while any(_alive(d) for d in dots) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(d) for d in dots), "dot outlived the killed render"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in dots:  # an orphan left by a failure: only the ones this test started
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
