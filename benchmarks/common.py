"""Helpers shared by the benchmarks: generated stacks, alternating timed runs, ratios.

Benchmarks compare against a reference run in the same process (Docker Compose's own
``config``, Graphviz's ``dot``, an MkDocs build without the plugin), alternating the two so
that machine noise hits both sides alike; they print medians and the ratio.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
VENV_BIN = Path(sys.executable).parent
COMPOSEDOC = str(VENV_BIN / "composedoc")


def require_shared() -> Path:
    """The shared tools (generator, oracle); benchmarks cannot run without them."""
    if not (SHARED / "tools" / "gen-compose").exists():
        sys.exit("benchmarks need ../shared (gen-compose, compose-oracle)")
    return SHARED


def generate_stack(services: int, workdir: Path) -> Path:
    """A realistic synthetic stack of ``services`` services, cached per size."""
    target = workdir / f"n{services}" / "compose.yaml"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        generator = str(SHARED / "tools" / "gen-compose")
        subprocess.run(
            [generator, str(services), "-o", str(target), "--no-version"],
            check=True,
            capture_output=True,
        )
    return target


def docker_compose_binary() -> str:
    """Docker Compose v2.40.3 (downloaded once by the shared oracle script)."""
    cache = Path(os.environ.get("COMPOSE_ORACLE_CACHE", Path.home() / ".cache/compose-oracle"))
    binary = cache / "docker-compose"
    if not binary.exists():
        subprocess.run([str(SHARED / "tools" / "compose-oracle"), "version"], capture_output=True)
    if not binary.exists():
        sys.exit("Docker Compose oracle binary is unavailable")
    return str(binary)


def clean_env() -> dict[str, str]:
    """The same small environment for every tool, like the fidelity checker uses."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(Path.home())}


def run_once(cmd: Sequence[str], cwd: Path) -> float:
    """Wall time of one run; fails loudly when the command fails."""
    start = time.perf_counter()
    proc = subprocess.run(list(cmd), cwd=cwd, env=clean_env(), capture_output=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"benchmark command failed: {' '.join(cmd)}\n{proc.stderr.decode()[-800:]}")
    return elapsed


def alternate(commands: dict[str, Sequence[str]], cwd: Path, repeat: int) -> dict[str, float]:
    """Median wall time of each command, run in turn ``repeat`` times (after one warm-up)."""
    for cmd in commands.values():
        run_once(cmd, cwd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            times[name].append(run_once(cmd, cwd))
    return {name: statistics.median(values) for name, values in times.items()}


def have(tool: str) -> bool:
    """Whether an external tool is on PATH."""
    return shutil.which(tool) is not None
