"""``extends`` the way compose-go v2.9.1 resolves it (loader/extends.go).

Runs per YAML document, right after interpolation and before ``!reset`` is applied to the
model so far. A base in the same document is the raw (interpolated) service, resolved one
link after the other; a base in another file comes from that file loaded on its own (same
environment, no include, its own extends resolved, relative paths made absolute against *its*
folder). The
base's ``depends_on``, volumes, networks... are copied, never imported.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from composedoc.compose.located import loc_of
from composedoc.compose.merge import extend_service
from composedoc.compose.yaml import Override, Reset
from composedoc.errors import ComposeFileError, Location

# (absolute file, working dir for relative paths, the extends entry) -> services of that
# file, fully loaded.
LoadBase = Callable[[str, str, Location | None], dict[str, Any]]


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


def _cycle_error(
    chain: list[tuple[str, str]], last: tuple[str, str], where: Any, display: Callable[[str], str]
) -> Exception:
    lines = ["Circular reference:", f"  {chain[0][1]} in {display(chain[0][0])}"]
    lines += [
        f"  extends {service} in {display(filename)}" for filename, service in [*chain[1:], last]
    ]
    return ComposeFileError("\n".join(lines), where)


def apply_extends(doc: dict[str, Any], ctx: ExtendsContext) -> None:
    """Resolve ``extends`` of every service of ``doc`` in place."""
    services = doc.get("services")
    if services is None:
        return
    if not isinstance(services, dict):
        raise ComposeFileError("services must be a mapping", loc_of(doc, "services"))
    for name in list(services):
        value = services[name]
        if isinstance(value, Reset):
            continue  # a removed service (compose-go drops !reset nodes while decoding)
        resolved = _resolve(name, services, ctx, ctx.filename, ctx.working_dir)
        if isinstance(value, Override):
            resolved = Override(resolved, value.loc)
        services[name] = resolved


def _absent(services: dict[str, Any], name: str) -> bool:
    return name not in services or isinstance(services[name], Reset)


def _service(services: dict[str, Any], name: str) -> Any:
    """The service as written: ``!override`` unwrapped, ``!reset`` as absent."""
    value = services.get(name)
    if isinstance(value, Override):
        return value.value
    return None if isinstance(value, Reset) else value


def _resolve(
    name: str, services: dict[str, Any], ctx: ExtendsContext, filename: str, working_dir: str
) -> Any:
    """Follow ``extends`` down to a service without one, then merge back up.

    A loop with an explicit list, not recursion: Compose accepts chains of thousands of
    links. A base in the same mapping is replaced by its resolved form on the way up, so a
    later service extending it does not walk the chain again.
    """
    # (service name, its mapping, the service, the mapping its base lives in)
    links: list[tuple[str, dict[str, Any], dict[str, Any], dict[str, Any]]] = []
    chain: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    result: Any = None
    while True:
        service = _service(services, name)
        if service is None:
            break
        where = loc_of(services, name)
        if not isinstance(service, dict):
            raise ComposeFileError(f"services.{name} must be a mapping", where)
        result = service
        extends = service.get("extends")
        if extends is None:
            break
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
            break

        base_services = services
        base_dir = working_dir
        if file is not None:
            ref_path = str(file)
            absolute = (
                ref_path if ref_path.startswith("/") else posixpath.join(working_dir, ref_path)
            )
            absolute = posixpath.normpath(absolute)
            base_services = ctx.load_base(absolute, posixpath.dirname(absolute), where)
            if _absent(base_services, ref):
                raise ComposeFileError(
                    f'cannot extend service "{name}" in {ctx.display(filename)}: service "{ref}" '
                    f"not found in {ref_path}",
                    where,
                )
            filename = absolute
            base_dir = posixpath.dirname(absolute)
        elif _absent(services, ref):
            raise ComposeFileError(
                f'cannot extend service "{name}" in {ctx.display(filename)}: service "{ref}" '
                "not found",
                where,
            )

        entry = (filename, name)
        if entry in seen:
            raise _cycle_error(chain, entry, where, ctx.display)
        seen.add(entry)
        chain.append(entry)
        links.append((name, services, service, base_services))
        name, services, working_dir = ref, base_services, base_dir
        result = None
    for name, own, service, base_services in reversed(links):
        if result is None:
            result = service
            continue
        merged = extend_service(result, service)
        merged.pop("extends", None)
        if isinstance(merged, dict) and hasattr(merged, "locs"):
            merged.locs.pop("extends", None)
        if base_services is own:
            own[name] = (
                Override(merged, own[name].loc) if isinstance(own[name], Override) else merged
            )
        result = merged
    return result
