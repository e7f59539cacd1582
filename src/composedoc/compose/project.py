"""``load_project``: compose files in, the project ``docker compose config`` sees out.

Follows compose-go v2.9.1 (the version inside the oracle, Docker Compose v2.40.3). Per file
and per YAML document: parse, interpolate, cast, extends, ``!reset`` on the model so far,
include, merge, unicity, schema, canonical form, unicity. Then defaults, validation, paths,
environment, normalisation, profiles, consistency and the env_file / label_file folding.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from composedoc.compose import normalize as norm
from composedoc.compose.canonical import canonicalize, decode_services
from composedoc.compose.casts import cast_values
from composedoc.compose.consistency import check_consistency, validate_model
from composedoc.compose.dependencies import check_container_names
from composedoc.compose.envfiles import fold_env_files, fold_label_files
from composedoc.compose.extends import ExtendsContext, apply_extends
from composedoc.compose.files import read_regular_file
from composedoc.compose.include import apply_include
from composedoc.compose.include_depth import include_depth
from composedoc.compose.interpolate import interpolate_tree, substitute
from composedoc.compose.located import LocMap, loc_of
from composedoc.compose.merge import enforce_unicity, merge_models
from composedoc.compose.options import (
    ResolvedOptions,
    display_path,
    normalize_project_name,
    read_env_files,
    resolve_options,
)
from composedoc.compose.ports import port_count
from composedoc.compose.profiles import split_services
from composedoc.compose.provenance import Provenance
from composedoc.compose.schema import validate
from composedoc.compose.strict import PathGuard, check_model_paths
from composedoc.compose.types import LoadedProject, LoadOptions
from composedoc.compose.warn import warn
from composedoc.compose.yaml import parse_located_documents
from composedoc.errors import ComposeFileError, LimitError, Location
from composedoc.invisible import has_invisible
from composedoc.limits import active as active_limits


@dataclass
class _Context:
    """One loading scope: the main project, an included project or an extended file."""

    working_dir: str
    env: dict[str, str]
    chain: list[str]
    skip_include: bool = False
    skip_extends: bool = False
    skip_validation: bool = False
    where: Location | None = None
    """The ``include``/``extends`` entry that named the files of this scope."""


class _Loader:
    """Holds what every step of one ``load_project`` call shares."""

    def __init__(self, ro: ResolvedOptions, interpolate: bool, strict_paths: bool = False) -> None:
        self.ro = ro
        self.interpolate = interpolate
        self.home = ro.environment.get("HOME", "")
        self.guard = PathGuard(ro.working_dir, self.display, enabled=strict_paths)
        self.docs: dict[str, list[tuple[Any, Location]]] = {}
        self.bases: dict[str, dict[str, Any]] = {}
        self.version_warned: set[str] = set()
        self.warned: set[str] = set()
        self.sources: set[str] = set(ro.env_files)  # every file read, for LoadedProject
        self.provenance = Provenance()  # what came out of a variable, for the docs
        self.written_paths: dict[str, bool] = {}  # resolved path -> written absolute?
        self.invisible = False  # a file read holds a bidi or zero-width character
        self.ports = 0  # port entries the ranges read so far expand to

    def read_source(self, path: str) -> None:
        """Remember a file the loader read (absolute; ``-`` is standard input)."""
        if path != "-":
            self.sources.add(posixpath.normpath(posixpath.join(self.ro.cwd, path)))

    # ----------------------------------------------------------------- files
    def display(self, path: str) -> str:
        return display_path(path, self.ro.cwd, self.home)

    def documents(self, path: str, where: Location | None = None) -> list[tuple[Any, Location]]:
        """Parsed documents of a file with where each starts (parsed once per load, treated
        as immutable); ``where`` is the entry that named the file, for errors."""
        docs = self.docs.get(path)
        if docs is None:
            limit = active_limits().max_files
            if len(self.docs) >= limit:
                raise LimitError(
                    f"more than {limit} compose files in one project "
                    "(COMPOSEDOC_LIMIT_MAX_FILES raises the limit)",
                    where or Location(self.display(path)),
                )
            self.guard.check(path, where or Location(self.display(path)))
            data = read_regular_file(path, self.display(path), where)
            docs = parse_located_documents(data, self.display(path))
            if not self.invisible and not data.isascii():
                self.invisible = has_invisible(data.decode("utf-8", "replace"))
            self.docs[path] = docs
            self.read_source(path)
        return docs

    # ----------------------------------------------------------------- project name
    def project_name(self) -> str:
        if self.ro.imperative_name:
            return self.ro.imperative_name
        raw: Any = None
        named = False
        for path in self.ro.files:
            for doc, _ in self.documents(path):
                if isinstance(doc, dict) and doc.get("name"):
                    raw = doc["name"]
                    named = True
        if not named:
            return normalize_project_name(posixpath.basename(self.ro.working_dir))
        text = str(raw)
        if self.interpolate:
            text = substitute(text, self.ro.environment.get, warned=self.warned)
        name = normalize_project_name(text)
        if not name:
            raise ComposeFileError("project name must not be empty")
        return name

    # ----------------------------------------------------------------- per document
    def load_model(self, files: list[str], ctx: _Context) -> LocMap:
        """compose-go ``loadYamlModel``: every file, then defaults, validation, paths, env."""
        model = LocMap()
        for path in files:
            model = self.load_file(path, ctx, model)
        norm.set_default_values(model)
        validate_model(model)
        norm.resolve_relative_paths(model, ctx.working_dir, self.home, self.written_paths)
        return model

    def load_file(self, path: str, ctx: _Context, model: LocMap) -> LocMap:
        """compose-go ``loadYamlFile``: each YAML document merged like another file."""
        for doc, start in self.documents(path, ctx.where):
            model = self.load_document(doc, start, path, ctx, model)
        return model

    def load_document(
        self, doc: Any, start: Location, path: str, ctx: _Context, model: LocMap
    ) -> LocMap:
        if not isinstance(doc, dict):
            raise ComposeFileError("top-level object must be a mapping", start)
        if self.interpolate:
            lookup = self.provenance.lookup(ctx.env.get)
            doc = interpolate_tree(doc, lookup, warned=self.warned, record=self.provenance.record)
            doc = cast_values(doc)
        else:
            doc = _fresh(doc)
        self.count_ports(doc)
        if not ctx.skip_extends:
            apply_extends(doc, self._extends_context(path, ctx))
        if not ctx.skip_include:
            apply_include(
                doc,
                ctx.working_dir,
                ctx.env,
                [*ctx.chain, path],
                self._load_included,
                self._read_include_env,
                self.display,
            )
        model = merge_models(model, doc)
        model = enforce_unicity(model)
        if not ctx.skip_validation:
            validate(model)
            if "version" in model:
                if path not in self.version_warned:
                    warn(
                        "%s: the attribute `version` is obsolete, it will be ignored, please "
                        "remove it to avoid potential confusion",
                        self.display(path),  # Compose prints it absolute: CI logs are public
                    )
                    self.version_warned.add(path)
                del model["version"]
        model = norm.resolve_environment(model, ctx.env)  # while lists are still lists
        model = canonicalize(model, lenient=not self.interpolate)
        return enforce_unicity(model)  # type: ignore[no-any-return]

    def count_ports(self, doc: dict[str, Any]) -> None:
        """Port ranges counted before anything expands them, against ``max_ports``."""
        services = doc.get("services")
        if not isinstance(services, dict):
            return
        limit = active_limits().max_ports
        for service in services.values():
            ports = service.get("ports") if isinstance(service, dict) else None
            if not isinstance(ports, list):
                continue
            for i, spec in enumerate(ports):
                self.ports += port_count(spec)
                if self.ports > limit:
                    raise LimitError(
                        f"ports expand to more than {limit} entries "
                        "(COMPOSEDOC_LIMIT_MAX_PORTS raises the limit)",
                        loc_of(ports, i),
                    )

    # ----------------------------------------------------------------- include / extends
    def _read_include_env(
        self, files: list[str], env: dict[str, str], where: Location | None
    ) -> dict[str, str]:
        for path in files:
            self.guard.check(path, where)
        values, used = read_env_files(files, env, self.ro.cwd, where, self.home)
        for path in used:
            self.read_source(path)
        return values

    def _load_included(
        self,
        files: list[str],
        working_dir: str,
        env: dict[str, str],
        chain: list[str],
        where: Location | None,
    ) -> dict[str, Any]:
        for path in files:
            self.guard.check(path, where)
        ctx = _Context(working_dir=working_dir, env=env, chain=chain, where=where)
        return self.load_model(files, ctx)

    def _extends_context(self, path: str, ctx: _Context) -> ExtendsContext:
        def load_base(absolute: str, folder: str, where: Location | None) -> dict[str, Any]:
            self.guard.check(absolute, where)
            cached = self.bases.get(absolute)
            if cached is not None:
                return cached
            sub = _Context(
                working_dir=folder,
                env=ctx.env,
                chain=[],
                skip_include=True,
                skip_extends=True,
                skip_validation=True,
                where=where,
            )
            model = self.load_file(absolute, sub, LocMap())
            services = model.get("services")
            if services is None:
                raise ComposeFileError(
                    f"cannot extend service in {self.display(absolute)}: no services section",
                    where,
                )
            norm.resolve_relative_paths(model, folder, self.home, self.written_paths)
            self.bases[absolute] = services
            return services  # type: ignore[no-any-return]

        return ExtendsContext(
            filename=path,
            working_dir=ctx.working_dir,
            load_base=load_base,
            display=self.display,
        )


def _fresh(doc: dict[str, Any]) -> LocMap:
    """Copy the levels that extends/include edit, so cached parsed documents stay intact."""
    out = LocMap(doc, loc=getattr(doc, "loc", None))
    out.locs.update(getattr(doc, "locs", {}))
    for key in ("services", "networks", "volumes", "secrets", "configs", "models"):
        section = doc.get(key)
        if isinstance(section, LocMap):
            copy = LocMap(section, loc=section.loc)
            copy.locs.update(section.locs)
            out[key] = copy
    return out


def _service_locations(services: dict[str, Any]) -> dict[str, Location]:
    out: dict[str, Location] = {}
    for name in services:
        where = loc_of(services, name)
        if where is not None:
            out[name] = where
    return out


def _check_service_count(model: dict[str, Any], first_file: str) -> None:
    """A project past ``Limits.max_services`` fails before the per-service work starts."""
    services = model.get("services")
    limit = active_limits().max_services
    if isinstance(services, dict) and len(services) > limit:
        raise LimitError(
            f"{len(services)} services, more than the limit of {limit} "
            "(COMPOSEDOC_LIMIT_MAX_SERVICES raises it)",
            loc_of(services) or Location(first_file),
        )


def _service_files(locations: dict[str, Location], loader: _Loader) -> dict[str, str]:
    """Service -> absolute path of the file that defines it (locations show display paths)."""
    absolute = {loader.display(path): path for path in loader.docs}
    return {
        name: absolute[where.file] for name, where in locations.items() if where.file in absolute
    }


def load_project(opts: LoadOptions) -> LoadedProject:
    """Load a Compose project exactly as ``docker compose config`` does (v2.40.3)."""
    with include_depth():
        return _load_project(opts)


def _load_project(opts: LoadOptions) -> LoadedProject:
    ro = resolve_options(opts)
    loader = _Loader(ro, opts.interpolate, opts.strict_paths)
    for path in ro.env_files:  # read already (they set the environment): refused before use
        loader.guard.check(path, Location(loader.display(path)))
    name = loader.project_name()
    env = ro.environment
    env["COMPOSE_PROJECT_NAME"] = name
    ctx = _Context(working_dir=ro.working_dir, env=env, chain=[])
    model = loader.load_model(ro.files, ctx)
    decode_services(model, lenient=not opts.interpolate)
    if not model:
        raise ComposeFileError("empty compose file", Location(loader.display(ro.files[0])))
    model["name"] = name
    _check_service_count(model, loader.display(ro.files[0]))
    written = _written_depends_on(model.get("services"))
    norm.normalize(model, env, name)
    check_model_paths(model, loader.guard)
    services = model.get("services")
    if services is None:
        services = LocMap()
    enabled, disabled = split_services(services, ro.profiles)
    model["services"] = enabled
    locations = _service_locations(services)
    if opts.interpolate:
        check_consistency(model, disabled)
        for path in fold_env_files(enabled, env, loader.display):
            loader.read_source(path)
        for path in fold_label_files(enabled, loader.display):
            loader.read_source(path)
            loader.invisible = loader.invisible or _labels_invisible(enabled)
        check_container_names(enabled)
    # else: like ``config --no-interpolate`` (compose-go LoadModel): templates such as
    # ``${DATA}:/d`` would fail checks they pass once interpolated; env files stay listed.
    return LoadedProject(
        name=name,
        working_dir=ro.working_dir,
        files=list(ro.files),
        model=model,
        disabled_services=disabled,
        profiles=list(ro.profiles),
        environment=dict(env),
        service_locations=locations,
        service_files=_service_files(locations, loader),
        written_depends_on=written,
        sources=sorted(loader.sources),
        interpolated=dict(sorted(loader.provenance.written.items())),
        variable_values=dict(sorted(loader.provenance.values.items())),
        absolute_paths=sorted(p for p, absolute in loader.written_paths.items() if absolute),
        invisible=loader.invisible
        or any(has_invisible(v) for v in env.values())
        or any(has_invisible(v) for v in loader.provenance.values),  # include env_files too
        written={path: [doc for doc, _ in docs] for path, docs in loader.docs.items()},
    )


def _labels_invisible(services: Any) -> bool:
    """Whether a label (label files are read apart from compose files) holds a bidi or
    zero-width character."""
    return any(
        has_invisible(str(key)) or has_invisible(str(value))
        for service in services.values()
        for key, value in (service.get("labels") or {}).items()
    )


def _written_depends_on(services: Any) -> dict[str, frozenset[str]]:
    """The depends_on targets the files wrote, before Compose adds implicit ones."""
    out: dict[str, frozenset[str]] = {}
    if isinstance(services, dict):
        for name, service in services.items():
            targets = service.get("depends_on") if isinstance(service, dict) else None
            out[name] = frozenset(targets) if isinstance(targets, dict) else frozenset()
    return out


__all__ = ["load_project"]
