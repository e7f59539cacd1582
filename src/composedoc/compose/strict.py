"""``--strict-paths``: refuse files and bind sources that resolve outside the project folder.

By default paths load as Docker Compose loads them: ``include: ../other.yaml``, an
``env_file`` symlinked to ``~/.aws/credentials`` or a bind of ``/`` are all accepted. In CI,
on files from a pull request, ``--strict-paths`` refuses every ``include``/``extends`` file,
``env_file``, ``label_file``, secret/config ``file:``, bind source, build context, Dockerfile,
compose file and ``.env``/``--env-file`` whose real path (symlinks followed) is not the
project folder or inside it, naming the entry's ``file:line:col``.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from typing import Any

from composedoc.compose.located import loc_of
from composedoc.errors import ComposeFileError, Location

__all__ = ["PathGuard", "check_model_paths"]


class PathGuard:
    """Checks paths against one project folder (a no-op unless ``enabled``)."""

    def __init__(self, project_dir: str, display: Callable[[str], str], *, enabled: bool) -> None:
        self.enabled = enabled
        self.display = display
        self.root = os.path.realpath(project_dir)

    def inside(self, path: str) -> bool:
        """Whether ``path`` (absolute) resolves to the project folder or below it."""
        real = os.path.realpath(path)
        return real == self.root or real.startswith(self.root.rstrip("/") + "/")

    def check(self, path: str, where: Location | None) -> None:
        """Raise when strict and ``path`` resolves outside the project folder."""
        if self.enabled and not self.inside(path):
            raise ComposeFileError(
                f"{self.display(path)} is outside the project (--strict-paths)", where
            )


def check_model_paths(model: dict[str, Any], guard: PathGuard) -> None:
    """Every ``env_file``, ``label_file``, bind source and secret/config ``file`` of a
    normalised model (absolute paths), in file order of services then resources."""
    if not guard.enabled:
        return
    services = model.get("services")
    if isinstance(services, dict):
        for name, service in services.items():
            if isinstance(service, dict):
                _service_paths(service, guard, loc_of(services, name))
    for kind in ("secrets", "configs"):
        resources = model.get(kind)
        if not isinstance(resources, dict):
            continue
        for name, resource in resources.items():
            if isinstance(resource, dict) and isinstance(resource.get("file"), str):
                where = loc_of(resource, "file") or loc_of(resources, name)
                guard.check(resource["file"], where)


def _service_paths(service: dict[str, Any], guard: PathGuard, where: Location | None) -> None:
    for key in ("env_file", "label_file"):
        files = service.get(key)
        if not isinstance(files, list):
            continue
        for i, item in enumerate(files):
            path = item.get("path") if isinstance(item, dict) else item
            if isinstance(path, str):
                guard.check(path, loc_of(files, i) or loc_of(service, key) or where)
    build = service.get("build")
    if isinstance(build, dict):
        _build_paths(build, guard, loc_of(service, "build") or where)
    volumes = service.get("volumes")
    if isinstance(volumes, list):
        for i, volume in enumerate(volumes):
            if not isinstance(volume, dict) or volume.get("type") != "bind":
                continue
            source = volume.get("source")
            if isinstance(source, str) and source.startswith("/"):
                guard.check(source, loc_of(volumes, i) or loc_of(service, "volumes") or where)


def _build_paths(build: dict[str, Any], guard: PathGuard, where: Location | None) -> None:
    """A local build context, its Dockerfile (a symlink is followed) and local additional
    contexts; Git and URL contexts are not files."""
    context = build.get("context")
    if not isinstance(context, str) or not context.startswith("/"):
        return
    guard.check(context, loc_of(build, "context") or where)
    dockerfile = build.get("dockerfile")
    if build.get("dockerfile_inline") is None:
        name = dockerfile if isinstance(dockerfile, str) and dockerfile else "Dockerfile"
        path = name if name.startswith("/") else posixpath.join(context, name)
        guard.check(path, loc_of(build, "dockerfile") or where)
    extra = build.get("additional_contexts")
    if isinstance(extra, dict):
        for key, value in extra.items():
            if isinstance(value, str) and value.startswith("/"):
                guard.check(value, loc_of(extra, key) or where)
