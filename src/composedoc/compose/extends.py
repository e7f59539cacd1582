"""``extends`` the way compose-go v2.9.1 resolves it (loader/extends.go).

Runs per YAML document, right after interpolation and before ``!reset`` is applied to the
model so far. A base in the same document is the raw (interpolated) service, resolved
recursively; a base in another file comes from that file loaded on its own (same environment,
no include, its own extends resolved, relative paths made absolute against *its* folder). The
base's ``depends_on``, volumes, networks... are copied, never imported.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from composedoc.compose.located import loc_of
from composedoc.compose.merge import extend_service
from composedoc.errors import ComposeFileError

# (absolute file, working dir for relative paths) -> services of that file, fully loaded.
LoadBase = Callable[[str, str], dict[str, Any]]


@dataclass
class ExtendsContext:
    """Where the document being loaded lives and how to load another file's services."""

    filename: str
    """Absolute path of the file holding the services being resolved."""
    working_dir: str
    """Folder that relative ``extends.file`` paths start from."""
    load_base: LoadBase
    display: Callable[[str], str]
    chain: list[tuple[str, str]] = field(default_factory=list)


def _cycle_error(chain: list[tuple[str, str]], last: tuple[str, str], where: Any) -> Exception:
    lines = ["Circular reference:", f"  {chain[0][1]} in {chain[0][0]}"]
    lines += [f"  extends {service} in {filename}" for filename, service in [*chain[1:], last]]
    return ComposeFileError("\n".join(lines), where)


def apply_extends(doc: dict[str, Any], ctx: ExtendsContext) -> None:
    """Resolve ``extends`` of every service of ``doc`` in place."""
    services = doc.get("services")
    if services is None:
        return
    if not isinstance(services, dict):
        raise ComposeFileError("services must be a mapping", loc_of(doc, "services"))
    for name in list(services):
        services[name] = _resolve(name, services, ctx, ctx.filename, ctx.working_dir, [])


def _resolve(
    name: str,
    services: dict[str, Any],
    ctx: ExtendsContext,
    filename: str,
    working_dir: str,
    chain: list[tuple[str, str]],
) -> Any:
    service = services.get(name)
    if service is None:
        return None
    where = loc_of(services, name)
    if not isinstance(service, dict):
        raise ComposeFileError(f"services.{name} must be a mapping", where)
    extends = service.get("extends")
    if extends is None:
        return service
    where = loc_of(service, "extends") or where
    file: Any = None
    if isinstance(extends, dict):
        ref = extends.get("service")
        if not isinstance(ref, str):
            raise ComposeFileError(f"extends.{name}.service is required", where)
        file = extends.get("file")
    elif isinstance(extends, str):
        ref = extends
    else:
        return service

    base_services = services
    base_dir = working_dir
    if file is not None:
        ref_path = str(file)
        absolute = ref_path if ref_path.startswith("/") else posixpath.join(working_dir, ref_path)
        absolute = posixpath.normpath(absolute)
        if not Path(absolute).is_file():
            raise ComposeFileError(f"open {absolute}: no such file or directory", where)
        base_services = ctx.load_base(absolute, posixpath.dirname(absolute))
        if ref not in base_services:
            raise ComposeFileError(
                f'cannot extend service "{name}" in {filename}: service "{ref}" not found in '
                f"{ref_path}",
                where,
            )
        filename = absolute
        base_dir = posixpath.dirname(absolute)
    elif ref not in services:
        raise ComposeFileError(
            f'cannot extend service "{name}" in {filename}: service "{ref}" not found', where
        )

    entry = (filename, name)
    if entry in chain:
        raise _cycle_error(chain, entry, where)
    base = _resolve(ref, base_services, ctx, filename, base_dir, [*chain, entry])
    if base is None:
        return service
    merged = extend_service(base, service)
    merged.pop("extends", None)
    if isinstance(merged, dict) and hasattr(merged, "locs"):
        merged.locs.pop("extends", None)
    if base_services is services:
        services[name] = merged
    return merged
