"""How the typed project writes paths (relative to the project folder, ``~`` for home) and
small helpers the model shares: the collector pause and namespace modes.

Split from :mod:`composedoc.model.project`, which holds the dataclasses.
"""

from __future__ import annotations

import gc
import posixpath
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from composedoc.compose.shown_paths import shown_outside, under_home

_URL_PREFIXES = ("https://", "http://", "git://", "ssh://", "github.com/", "git@")


class PathShower:
    """Show absolute paths relative to the project folder, as every machine would.

    Inside the project: ``.``/``./x``. Outside, a path the files wrote relative reads
    ``../x``; one they wrote absolute (``absolute``, from the loader) reads ``~/x`` under the
    home folder, else as written. When the loader's record is not known (``absolute`` is
    ``None``), :func:`shown_outside` guesses from where the path leads.
    """

    def __init__(
        self, project_dir: str, home: str | None, absolute: Iterable[str] | None = None
    ) -> None:
        self.project_dir = _clean(project_dir)
        self.home = _clean(home) if home and is_absolute(home) else None
        self.absolute = None if absolute is None else frozenset(_clean(p) for p in absolute)
        self._relative: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        if not is_absolute(path) or _is_url(path):
            return path
        clean = _clean(path)
        root = self.project_dir
        if root != "/":
            if clean == root:
                return "."
            if clean.startswith(root + "/"):
                return "." + clean[len(root) :]
        if self.absolute is None:
            return shown_outside(clean, root, self.home)
        if self._written_absolute(clean) or root == "/" or not clean.startswith("/"):
            return under_home(clean, self.home)
        return posixpath.relpath(clean, root)

    def _written_absolute(self, clean: str) -> bool:
        """Written absolute, or inside a folder written absolute (a context's Dockerfile)
        that does not hold the project (a bind of ``/`` or of the home folder)."""
        assert self.absolute is not None
        if clean in self.absolute:
            return True
        parent = posixpath.dirname(clean)
        while parent != clean and not self.project_dir.startswith(parent.rstrip("/") + "/"):
            if parent in self.absolute:
                return True
            clean, parent = parent, posixpath.dirname(parent)
        return False

    def relative(self, path: str) -> str:
        """A compose file relative to the project dir (``compose.yaml``, ``../x.yml``)."""
        if not is_absolute(path):
            return path
        found = self._relative.get(path)
        if found is None:  # every service of a file asks: 100,000 relpath calls took 1.8 s
            found = self._relative[path] = posixpath.relpath(_clean(path), self.project_dir)
        return found


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a large acyclic structure is built.

    Binding and graphing 100,000 services allocates millions of objects, and every few
    thousand allocations Python scans all of them for cycles: about a third of the time.
    Reference counting still frees everything; the collector resumes (if it ran) after.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def home_dir() -> str | None:
    """The user's home folder, if there is one."""
    try:
        return str(Path.home())
    except RuntimeError:  # no HOME and no passwd entry
        return None


def _clean(path: str) -> str:
    """``posixpath.normpath`` with ``/`` separators; skipped on the (usual) clean paths."""
    if "\\" in path:
        path = path.replace("\\", "/")
    if "//" in path or "/." in path or (path.endswith("/") and len(path) > 1):
        return posixpath.normpath(path)
    return path


def is_absolute(path: str) -> bool:
    """POSIX or Windows-drive absolute path."""
    return path.startswith("/") or (len(path) > 2 and path[1] == ":" and path[2] in "/\\")


def _is_url(value: str) -> bool:
    return "://" in value or value.startswith(_URL_PREFIXES)


def namespace_target(mode: str | None) -> tuple[str, str] | None:
    """``service:x`` -> ``("service", "x")``, ``container:y`` -> ``("container", "y")``.

    Plain values (``host``, ``none``, ``private``, ...) and ``None`` give ``None``: they
    point at nothing in the project.
    """
    if mode:
        for prefix in ("service", "container"):
            if mode.startswith(prefix + ":"):
                return prefix, mode[len(prefix) + 1 :]
    return None
