"""Run the real ``composedoc`` CLI on untrusted input, under the limits the issue sets.

Each run is a subprocess with a 2 GB address-space limit (``RLIMIT_AS``), a CPU-time limit
and a wall-clock timeout; the CPU seconds it used (children included: ``dot``) are measured
with ``getrusage`` so that a busy test machine does not make the time bound flaky.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMPOSEDOC = ROOT / ".venv" / "bin" / "composedoc"
MEMORY_BYTES = 2 * 1024**3
CPU_SECONDS = 20.0
WALL_SECONDS = 120.0


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str
    cpu: float
    wall: float

    @property
    def message(self) -> str:
        """stderr without the ``WARN`` lines: the error, if any."""
        return "\n".join(
            line for line in self.stderr.splitlines() if not line.startswith("WARN ")
        ).strip()


def _executable() -> list[str]:
    if COMPOSEDOC.exists():
        return [str(COMPOSEDOC)]
    return [sys.executable, "-m", "composedoc"]


def _limit(memory: int, cpu: float) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    seconds = int(cpu) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))


def run_cli(
    args: Sequence[str],
    cwd: Path,
    env: dict[str, str],
    *,
    memory: int = MEMORY_BYTES,
    cpu: float = CPU_SECONDS,
) -> Result:
    """``composedoc ARGS`` in ``cwd``; output decoded leniently (it may hold anything)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run(
        [*_executable(), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=WALL_SECONDS,
        preexec_fn=lambda: _limit(memory, cpu),
        check=False,
    )
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Result(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
        used,
        wall,
    )


def clean_env(home: Path) -> dict[str, str]:
    """A small environment: no host variables leak into interpolation."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
    }
