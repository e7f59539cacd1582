"""``git:REV:path`` diff sides: the project as it was at a revision, copied to a temp folder.

Git runs without a shell, with a revision first resolved to a commit id (so a revision can
never be read as an option) and paths checked to stay inside the repository and the temp
folder. Copied: the compose files in the project folder, its ``.env``, and what they name
(``include``, ``extends.file``, ``env_file``, ``label_file``), followed recursively. The
folder keeps its path below a folder named like the repository, so the project name and
relative paths come out as they would in a checkout.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from composedoc.errors import ComposedocError, ComposeFileError, UsageError

__all__ = ["Checkout", "GitSpec", "is_git_spec", "materialize", "parse_spec"]

PREFIX = "git:"
_REV = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./@{}~^+-]*")
_COMPOSE_NAMES = re.compile(r"^(docker-)?compose(\.[^/]*)?\.ya?ml$")
_MAX_FILES = 200
_MAX_BYTES = 8 * 1024 * 1024
_TIMEOUT = 60


@dataclass(frozen=True)
class GitSpec:
    """``rev`` as typed and ``path`` relative to the working folder (``.`` for it)."""

    rev: str
    path: str


def is_git_spec(value: str) -> bool:
    return value.startswith(PREFIX)


def parse_spec(value: str) -> GitSpec:
    """``git:REV:path`` (``git:REV`` means the working folder at REV)."""
    rest = value[len(PREFIX) :]
    rev, _, path = rest.partition(":")
    if not _REV.fullmatch(rev):
        raise UsageError(f"{value}: {rev!r} is not a revision git:REV:path accepts")
    if "\0" in path or path.startswith(("/", "\\")):
        raise UsageError(f"{value}: the path must be relative to the working folder")
    return GitSpec(rev, path or ".")


def _git(cwd: Path, *args: str) -> bytes:
    try:
        proc = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, timeout=_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise UsageError("git:REV:path needs git on PATH") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} timed out") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return proc.stdout


class _Repo:
    """One repository at one commit: lists trees and reads blobs, nothing else."""

    def __init__(self, cwd: Path, rev: str) -> None:
        self.cwd = cwd
        self.top = Path(_git(cwd, "rev-parse", "--show-toplevel").decode().strip())
        self.prefix = _git(cwd, "rev-parse", "--show-prefix").decode().strip()
        out = _git(cwd, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
        self.commit = out.decode().strip()
        if not re.fullmatch(r"[0-9a-f]{40,64}", self.commit):
            raise UsageError(f"git:{rev}: not a commit")

    def entry(self, path: str) -> tuple[str, str] | None:
        """``(mode, type)`` of a repository path at the commit, ``None`` when absent."""
        out = _git(self.top, "ls-tree", "-z", self.commit, "--", path or ".")
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, name = record.partition(b"\t")
            mode, kind, _ = meta.decode().split(" ")
            if name.decode("utf-8", "surrogateescape") == path:
                return mode, kind
        return None

    def children(self, folder: str) -> list[str]:
        """Blob paths directly inside ``folder`` (repository-relative)."""
        spec = f"{folder}/" if folder else "."
        out = _git(self.top, "ls-tree", "-z", self.commit, "--", spec)
        names = []
        for record in out.split(b"\0"):
            meta, _, name = record.partition(b"\t")
            if record and meta.split(b" ")[1] == b"blob":
                names.append(name.decode("utf-8", "surrogateescape"))
        return sorted(names)

    def read(self, path: str) -> bytes:
        data = _git(self.top, "cat-file", "blob", f"{self.commit}:{path}")
        if len(data) > _MAX_BYTES:
            raise UsageError(f"git:{path}: larger than {_MAX_BYTES} bytes")
        return data


def _repo_path(repo: _Repo, base: str, relative: str) -> str | None:
    """``relative`` (written in a file under ``base``) as a repository path, or ``None``."""
    if "$" in relative or relative.startswith(("/", "~", "\\")) or "\0" in relative:
        return None
    joined = posixpath.normpath(posixpath.join(base, relative))
    if joined == ".." or joined.startswith("../"):
        return None
    return "" if joined == "." else joined


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        path = value.get("path")
        return _strings(path)
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _references(data: bytes, name: str) -> list[str]:
    """Files a compose file names: include paths and env files, extends files, env/label files."""
    from composedoc.compose.yaml import parse_documents

    try:
        docs = parse_documents(data, name)
    except ComposedocError:  # an unparsable file is reported by the loader later
        return []
    found: list[str] = []
    for doc in docs:
        if not isinstance(doc, dict):
            continue
        for item in doc.get("include") or []:
            found += _strings(item)
            if isinstance(item, dict):
                found += _strings(item.get("env_file"))
        services = doc.get("services")
        for service in (services or {}).values() if isinstance(services, dict) else ():
            if not isinstance(service, dict):
                continue
            extends = service.get("extends")
            if isinstance(extends, dict):
                found += _strings(extends.get("file"))
            found += _strings(service.get("env_file")) + _strings(service.get("label_file"))
    return found


def _env_compose_files(data: bytes) -> list[str]:
    """Compose files a ``.env`` names through ``COMPOSE_FILE`` (plain values only)."""
    values: dict[str, str] = {}
    for line in data.decode("utf-8", "replace").splitlines():
        key, sep, value = line.strip().removeprefix("export ").partition("=")
        if sep and key.strip() in ("COMPOSE_FILE", "COMPOSE_PATH_SEPARATOR"):
            values[key.strip()] = value.strip().strip("'\"")
    separator = values.get("COMPOSE_PATH_SEPARATOR") or ":"
    return [f for f in values.get("COMPOSE_FILE", "").split(separator) if f]


def _write(root: Path, repo_path: str, data: bytes) -> None:
    target = (root / repo_path).resolve()
    if not target.is_relative_to(root.resolve()):
        raise UsageError(f"git: refusing to write {repo_path!r} outside the temp folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _copy(repo: _Repo, root: Path, start: list[str]) -> None:
    queue = list(start)
    done: set[str] = set()
    while queue:
        path = queue.pop(0)
        if path in done:
            continue
        done.add(path)
        if len(done) > _MAX_FILES:
            raise UsageError(f"git: more than {_MAX_FILES} files to copy; narrow the path")
        entry = repo.entry(path)
        if entry is None or entry[1] != "blob":
            continue
        data = repo.read(path)
        if entry[0] == "120000":  # a symlink: follow it once inside the repository
            linked = _repo_path(repo, posixpath.dirname(path), data.decode("utf-8", "replace"))
            if linked is None or linked in done:
                continue
            if (link_entry := repo.entry(linked)) is None or link_entry[1] != "blob":
                continue
            data = repo.read(linked)
        _write(root, path, data)
        base = posixpath.dirname(path)
        refs = _env_compose_files(data) if path.endswith(".env") else _references(data, path)
        for ref in refs:
            found = _repo_path(repo, base, ref)
            if found is not None:
                queue.append(found)


@dataclass(frozen=True)
class Checkout:
    """``path`` to load (file or folder) inside ``root``, the temp stand-in for ``top``."""

    path: Path
    root: Path
    top: Path


@contextlib.contextmanager
def materialize(spec: GitSpec, cwd: Path) -> Iterator[Checkout]:
    """A temp copy of the project at ``spec.rev``, removed when the context ends."""
    repo = _Repo(cwd, spec.rev)
    target = _repo_path(repo, repo.prefix.rstrip("/"), spec.path)
    if target is None:
        raise UsageError(f"git:{spec.rev}:{spec.path}: the path leaves the repository")
    entry = repo.entry(target) if target else ("040000", "tree")
    if entry is None:
        raise ComposeFileError(f"git:{spec.rev}:{spec.path}: no such path at {spec.rev}")
    with tempfile.TemporaryDirectory(prefix="composedoc-git-") as temp:
        root = Path(temp) / (repo.top.name or "repo")
        root.mkdir()
        if entry[1] == "tree":
            folder = target
            start = [p for p in repo.children(folder) if _is_project_file(p)]
        else:
            folder = posixpath.dirname(target)
            dotenv = [p for p in repo.children(folder) if posixpath.basename(p) == ".env"]
            start = [target, *dotenv]
        _copy(repo, root, start)
        (root / folder).mkdir(parents=True, exist_ok=True)
        yield Checkout(root / target if target else root, root, repo.top)


def _is_project_file(path: str) -> bool:
    name = posixpath.basename(path)
    return name == ".env" or bool(_COMPOSE_NAMES.match(name))
