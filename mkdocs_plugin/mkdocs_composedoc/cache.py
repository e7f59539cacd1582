"""Content-hash cache of rendered stacks, on disk and in memory.

A stack's entry is found by the hash of its options (stack config, view, versions) and is
valid while every input file it recorded (compose files, included files, ``.env``,
env_files, Dockerfiles) still has the same SHA-256. ``mkdocs serve`` builds each time with a
fresh plugin, so the in-memory level lives in the module: an edit re-renders only the stack
whose files changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import asdict
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs_composedoc.stack import StackRequest, StackResult, ViewRequest

SCHEMA = 3
_MEMORY: dict[str, tuple[dict[str, str], StackResult]] = {}
# Hits and misses of this process (the plugin reports them after each build).
STATS = {"hits": 0, "misses": 0}


@lru_cache(maxsize=1)
def versions() -> str:
    """composedoc's version and which Graphviz: a new release or a new ``dot`` means new
    bytes. The ``dot`` binary is identified by path, size and mtime (no subprocess)."""
    try:
        own = metadata.version("composedoc")
    except metadata.PackageNotFoundError:
        own = "unknown"
    exe = shutil.which("dot")
    dot = "none"
    if exe is not None:
        real = Path(exe).resolve()
        info = real.stat()
        dot = f"{real}:{info.st_size}:{info.st_mtime_ns}"
    return f"{SCHEMA}|{own}|{dot}"


def cache_key(request: StackRequest, view: ViewRequest) -> str:
    """Hash of everything but the input files' contents."""
    payload = json.dumps(
        {"request": asdict(request), "view": asdict(view), "versions": versions()},
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def file_hash(path: str) -> str:
    """SHA-256 of a file's bytes, or ``missing`` (a file that appears later counts too)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _hashes(paths: list[str]) -> dict[str, str]:
    return {path: file_hash(path) for path in paths}


class StackCache:
    """Get and put rendered stacks; ``directory=None`` keeps them in memory only."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> StackResult | None:
        entry = _MEMORY.get(key) or self._read(key)
        if entry is None or _hashes(sorted(entry[0])) != entry[0]:
            self.misses += 1
            STATS["misses"] += 1
            return None
        _MEMORY[key] = entry
        self.hits += 1
        STATS["hits"] += 1
        return entry[1]

    def put(self, key: str, result: StackResult) -> None:
        entry = (_hashes(result.inputs), result)
        _MEMORY[key] = entry
        if self.directory is None:
            return
        data = {"inputs": entry[0], "result": result.to_json()}
        atomic_write(self.directory / f"{key}.json", json.dumps(data, sort_keys=True))

    def _read(self, key: str) -> tuple[dict[str, str], StackResult] | None:
        if self.directory is None:
            return None
        try:
            data: Any = json.loads((self.directory / f"{key}.json").read_text("utf-8"))
            return dict(data["inputs"]), StackResult.from_json(data["result"])
        except (OSError, ValueError, KeyError, TypeError):
            return None


def atomic_write(path: Path, text: str) -> None:
    """A build killed half-way never leaves a truncated entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def clear_memory() -> None:
    """Forget the in-memory level and the counters (tests; see also ``pagecache``)."""
    _MEMORY.clear()
    STATS.update(hits=0, misses=0)
