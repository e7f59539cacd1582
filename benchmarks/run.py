"""`make bench`: run every benchmark in turn and fail when one misses its target."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Run each bench_*.py with this interpreter; exit 1 if any failed."""
    status = 0
    for bench in sorted(HERE.glob("bench_*.py")):
        print(f"== {bench.stem}", flush=True)
        status |= subprocess.run([sys.executable, str(bench)], check=False).returncode
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main())
