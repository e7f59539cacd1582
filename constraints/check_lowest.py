"""Fail unless every package of a constraints file is installed at exactly its pinned version.

``pip install -c`` silently keeps a newer version that is already present; this makes sure
the lowest-versions run really runs the floors.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path


def main(path: str) -> int:
    """Compare ``name==version`` lines with what this interpreter has installed."""
    wrong = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, pinned = line.partition("==")
        found = metadata.version(name)
        if found != pinned:
            wrong.append(f"{name}: {found} installed, {pinned} pinned")
        else:
            print(f"{name}=={found}")
    for message in wrong:
        print(message, file=sys.stderr)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
