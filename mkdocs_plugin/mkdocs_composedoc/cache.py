"""Content-hash cache of rendered stacks, on disk and in memory.

A stack's entries are found by the hash of its options (stack config, view, versions); each
entry is valid while every input file it recorded (compose files, included files, ``.env``,
env_files, Dockerfiles) still has the same SHA-256. Up to :data:`VERSIONS` entries are kept
per stack, so reverting an edit under ``mkdocs serve`` finds the earlier contents again
instead of rendering. The in-memory level lives in the module: an edit re-renders only the
stack whose files changed.
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

SCHEMA = 4
VERSIONS = 4
Entry = tuple[dict[str, str], StackResult]
_MEMORY: dict[str, list[Entry]] = {}
# Hits and misses of this process, by kind (``stack`` of mkdocs.yml or ``fence`` of a page).
STATS: dict[str, int] = {}


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


class StackCache:
    """Get and put rendered stacks; ``directory=None`` keeps them in memory only."""

    def __init__(self, directory: Path | None, kind: str = "stack") -> None:
        self.directory = directory
        self.kind = kind

    def get(self, key: str) -> StackResult | None:
        entries = _MEMORY.get(key) or self._read(key)
        hashes: dict[str, str] = {}  # each file read once, whatever the number of entries

        def current(path: str) -> str:
            if path not in hashes:
                hashes[path] = file_hash(path)
            return hashes[path]

        for index, (recorded, result) in enumerate(entries):
            if all(current(path) == digest for path, digest in recorded.items()):
                # The hit goes first: the next get finds it at once.
                _MEMORY[key] = [entries[index], *entries[:index], *entries[index + 1 :]]
                count(self.kind, "hits")
                return result
        count(self.kind, "misses")
        return None

    def put(self, key: str, result: StackResult) -> None:
        recorded = {path: file_hash(path) for path in result.inputs}
        older = [e for e in _MEMORY.get(key) or self._read(key) if e[0] != recorded]
        entries = [(recorded, result), *older][:VERSIONS]
        _MEMORY[key] = entries
        if self.directory is None:
            return
        data = [{"inputs": e[0], "result": e[1].to_json()} for e in entries]
        atomic_write(self.directory / f"{key}.json", json.dumps(data, sort_keys=True))

    def _read(self, key: str) -> list[Entry]:
        if self.directory is None:
            return []
        try:
            data: Any = json.loads((self.directory / f"{key}.json").read_text("utf-8"))
            return [(dict(e["inputs"]), StackResult.from_json(e["result"])) for e in data]
        except (OSError, ValueError, KeyError, TypeError):
            return []


def count(kind: str, outcome: str) -> None:
    """One more hit or miss of ``kind`` (``stack`` or ``fence``)."""
    name = f"{kind}_{outcome}"
    STATS[name] = STATS.get(name, 0) + 1


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
    STATS.clear()
