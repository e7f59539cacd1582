"""The steps compose-go runs on the merged model once every file is loaded.

``set_default_values`` (transform/defaults.go), ``resolve_relative_paths`` (paths/),
``resolve_environment`` (loader/environment.go) and ``normalize`` (loader/normalize.go): the
implicit ``default`` network, implicit ``depends_on`` from links, ``volumes_from`` and
``service:`` namespaces, the build defaults, ``K``-only environment entries filled from the
project environment, and resource names ``<project>_<key>``. They edit the model in place
so that located containers keep their locations, except ``resolve_environment`` (it runs per
document, on containers that may be shared, and copies what it changes).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from typing import Any

from composedoc.compose.located import LocList, LocMap
from composedoc.compose.types import NAMESPACE_KEYS
from composedoc.compose.unicity import copy_map

SERVICE_PREFIX = "service:"
CONTAINER_PREFIX = "container:"
_REMOTE_CONTEXT = ("https://", "http://", "git://", "ssh://", "github.com/", "git@")
_NAMESPACES = NAMESPACE_KEYS


# --------------------------------------------------------------------------- defaults


def _device_request_defaults(requests: Any) -> None:
    """``count`` defaults to ``all``, which Go binds to -1 (canonical converts written counts)."""
    if not isinstance(requests, list):
        return
    for request in requests:
        if isinstance(request, dict) and "count" not in request and "device_ids" not in request:
            request["count"] = -1


def set_default_values(model: dict[str, Any]) -> None:
    """build.context ``.``, secret targets, port protocol/mode, device request count."""
    services = model.get("services")
    if not isinstance(services, dict):
        return
    for service in services.values():
        if not isinstance(service, dict):
            continue
        build = service.get("build")
        if isinstance(build, dict) and "context" not in build:
            build["context"] = "."
        secrets = service.get("secrets")
        if isinstance(secrets, list):
            for secret in secrets:
                if isinstance(secret, dict) and "target" not in secret:
                    secret["target"] = f"/run/secrets/{secret.get('source')}"
        ports = service.get("ports")
        if isinstance(ports, list):
            for port in ports:
                if isinstance(port, dict):
                    port.setdefault("protocol", "tcp")
                    port.setdefault("mode", "ingress")
        _device_request_defaults(service.get("gpus"))
        deploy = service.get("deploy")
        if isinstance(deploy, dict):
            resources = deploy.get("resources")
            if isinstance(resources, dict):
                reservations = resources.get("reservations")
                if isinstance(reservations, dict):
                    _device_request_defaults(reservations.get("devices"))


# --------------------------------------------------------------------------- paths


def expand_user(path: str, home: str) -> str:
    """``~`` and ``~/x`` become the home folder (Go ``filepath.Join(home, p[1:])``)."""
    if path.startswith("~"):
        return posixpath.normpath(posixpath.join(home, path[1:].lstrip("/"))) if home else path
    return path


def _is_windows_abs(path: str) -> bool:
    if path.startswith("\\\\"):
        return True
    return len(path) >= 3 and path[0].isalpha() and path[1] == ":" and path[2] in "\\/"


class PathResolver:
    """compose-go ``ResolveRelativePaths``: make every local path absolute against ``base``.

    ``written`` (when given) records, for each resolved path, whether the files wrote it
    absolute (or with ``~``): outputs show those as written and every other path relative
    to the project folder, so the docs are the same wherever the project is checked out.
    The first resolution wins: included and extended files are resolved in their own folder
    before their paths, absolute by then, pass through the including project's resolver.
    """

    def __init__(self, base: str, home: str, written: dict[str, bool] | None = None) -> None:
        self.base = base
        self.home = home
        self.written = written

    def _seen(self, value: str, absolute: bool) -> str:
        if self.written is not None:
            self.written.setdefault(value, absolute)
        return value

    def abs_path(self, value: str) -> str:
        value = expand_user(value, self.home)
        if value.startswith("/") or not value:
            return self._seen(value, True)
        return self._seen(posixpath.normpath(posixpath.join(self.base, value)), False)

    def maybe_unix_path(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = expand_user(value, self.home)
        if value.startswith("/") or _is_windows_abs(value):
            return self._seen(value, True)
        return self._seen(posixpath.normpath(posixpath.join(self.base, value)), False)

    def context_path(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if "://" in value or value.startswith(SERVICE_PREFIX) or value.startswith(_REMOTE_CONTEXT):
            return value
        return self.abs_path(value)

    def service(self, service: dict[str, Any]) -> None:
        """The service-level paths (also used for extended services of another file)."""
        build = service.get("build")
        if isinstance(build, dict):
            if "context" in build:
                build["context"] = self.context_path(build["context"])
            contexts = build.get("additional_contexts")
            if isinstance(contexts, dict):
                for key, value in contexts.items():
                    contexts[key] = self.context_path(value)
            ssh = build.get("ssh")
            if isinstance(ssh, list):
                # canonical ``id=path`` entries; only the path part is a path
                for i, value in enumerate(ssh):
                    if isinstance(value, str) and "=" in value:
                        key, _, path = value.partition("=")
                        ssh[i] = f"{key}={self.maybe_unix_path(path)}"
            elif isinstance(ssh, dict):
                for key, value in ssh.items():
                    ssh[key] = self.maybe_unix_path(value)
        env_files = service.get("env_file")
        if isinstance(env_files, list):
            for item in env_files:
                if isinstance(item, dict) and isinstance(item.get("path"), str):
                    item["path"] = self.abs_path(item["path"])
        label_files = service.get("label_file")
        if isinstance(label_files, list):
            for i, value in enumerate(label_files):
                if isinstance(value, str):
                    label_files[i] = self.abs_path(value)
        extends = service.get("extends")
        if isinstance(extends, dict) and isinstance(extends.get("file"), str):
            extends["file"] = self.abs_path(extends["file"])
        develop = service.get("develop")
        if isinstance(develop, dict) and isinstance(develop.get("watch"), list):
            for trigger in develop["watch"]:
                if isinstance(trigger, dict) and isinstance(trigger.get("path"), str):
                    trigger["path"] = self.abs_path(trigger["path"])
        volumes = service.get("volumes")
        if isinstance(volumes, list):
            for volume in volumes:
                if isinstance(volume, dict) and volume.get("type") == "bind" and "source" in volume:
                    volume["source"] = self.maybe_unix_path(volume["source"])

    def model(self, model: dict[str, Any]) -> None:
        services = model.get("services")
        if isinstance(services, dict):
            for service in services.values():
                if isinstance(service, dict):
                    self.service(service)
        for kind in ("configs", "secrets"):
            resources = model.get(kind)
            if isinstance(resources, dict):
                for resource in resources.values():
                    if isinstance(resource, dict) and "file" in resource:
                        resource["file"] = self.maybe_unix_path(resource["file"])
        volumes = model.get("volumes")
        if isinstance(volumes, dict):
            for volume in volumes.values():
                if not isinstance(volume, dict) or volume.get("driver") != "local":
                    continue
                opts = volume.get("driver_opts")
                if isinstance(opts, dict) and opts.get("o") == "bind" and "device" in opts:
                    opts["device"] = self.maybe_unix_path(opts["device"])


def resolve_relative_paths(
    model: dict[str, Any], base: str, home: str, written: dict[str, bool] | None = None
) -> None:
    """Make the model's local paths absolute against ``base`` (the project dir), recording in
    ``written`` whether each was written absolute (see :class:`PathResolver`)."""
    PathResolver(base, home, written).model(model)


# --------------------------------------------------------------------------- environment


def resolve_environment(model: LocMap, env: Mapping[str, str]) -> LocMap:
    """compose-go ``ResolveEnvironment``: bare ``- FOO`` entries of a *list*-form
    ``environment`` take ``FOO=value`` from this loading scope's env (an included project's
    own ``.env``); mapping-form null values are left for the project-wide resolution.

    Runs before canonicalisation turns the lists into mappings. Copy on write: the input
    may share containers with cached documents and YAML aliases.
    (compose-go also copies a config's ``environment`` value into ``content``, which
    ``config`` never prints; we leave it out so that no value read from the env leaks.)
    """
    services = model.get("services")
    if not isinstance(services, dict):
        return model
    new_services: LocMap | None = None
    for name, service in services.items():
        entries = service.get("environment") if isinstance(service, dict) else None
        if not isinstance(entries, list):
            continue
        resolved = [
            f"{e}={env[e]}" if isinstance(e, str) and "=" not in e and e in env else e
            for e in entries
        ]
        if resolved == entries:
            continue
        new_list = LocList(resolved, loc=getattr(entries, "loc", None))
        new_list.locs = list(getattr(entries, "locs", ()))
        new_service = copy_map(service)
        new_service["environment"] = new_list
        if new_services is None:
            new_services = copy_map(services)
        new_services[name] = new_service
    if new_services is None:
        return model
    out = copy_map(model)
    out["services"] = new_services
    return out


def _resolve_mapping(value: Any, env: Mapping[str, str], keep_empty: bool) -> Any:
    """compose-go ``resolve``: null map values and bare ``K`` entries read the project env."""
    if isinstance(value, list):
        out = type(value)()
        for item in value:
            if isinstance(item, str) and "=" not in item:
                if item in env:
                    out.append(f"{item}={env[item]}")
                elif keep_empty:
                    out.append(item)
            else:
                out.append(item)
        return out
    if isinstance(value, dict):
        for key in list(value):
            if value[key] is None:
                if key in env:
                    value[key] = env[key]
                elif not keep_empty:
                    del value[key]
        return value
    return value


# --------------------------------------------------------------------------- normalize


def _normalize_networks(model: dict[str, Any]) -> None:
    networks = model.get("networks")
    if not isinstance(networks, dict):
        networks = {}
    uses_default = False
    services = model.get("services")
    if isinstance(services, dict):
        for service in services.values():
            if not isinstance(service, dict):
                continue
            if "provider" in service or "network_mode" in service:
                continue
            nets = service.get("networks")
            if not nets:
                service["networks"] = {"default": None}
                uses_default = True
            elif isinstance(nets, dict) and "default" in nets:
                uses_default = True
    if "default" not in networks and uses_default:
        networks["default"] = None
    if networks:
        model["networks"] = networks


def _implicit(depends_on: dict[str, Any], name: str, restart: bool) -> None:
    if name not in depends_on:
        depends_on[name] = {"condition": "service_started", "restart": restart, "required": True}


def _clean_target(target: str) -> str:
    return posixpath.normpath(target) if target else "."


def normalize_service(service: dict[str, Any], env: Mapping[str, str]) -> None:
    """One service: pull_policy alias, build defaults, env resolution, implicit depends_on."""
    if service.get("pull_policy") == "if_not_present":
        service["pull_policy"] = "missing"
    build = service.get("build")
    if isinstance(build, dict):
        if build.get("context") is None:
            build["context"] = "."
        if build.get("dockerfile") is None and build.get("dockerfile_inline") is None:
            build["dockerfile"] = "Dockerfile"
        if "args" in build:
            build["args"] = _resolve_mapping(build["args"], env, keep_empty=False)
    if "environment" in service:
        service["environment"] = _resolve_mapping(service["environment"], env, keep_empty=True)

    depends_on = service.get("depends_on")
    if not isinstance(depends_on, dict):
        depends_on = {}
    links = service.get("links")
    if isinstance(links, list):
        for link in links:
            parts = str(link).split(":")
            _implicit(depends_on, parts[0] if len(parts) == 2 else str(link), True)
    for namespace in _NAMESPACES:
        ref = service.get(namespace)
        if isinstance(ref, str) and ref.startswith(SERVICE_PREFIX):
            _implicit(depends_on, ref[len(SERVICE_PREFIX) :], True)
    volumes = service.get("volumes")
    if isinstance(volumes, list):
        for volume in volumes:
            if isinstance(volume, dict) and isinstance(volume.get("target"), str):
                volume["target"] = _clean_target(volume["target"])
    volumes_from = service.get("volumes_from")
    if isinstance(volumes_from, list):
        for ref in volumes_from:
            if isinstance(ref, str) and not ref.startswith(CONTAINER_PREFIX):
                _implicit(depends_on, ref.split(":")[0], False)
    if depends_on:
        service["depends_on"] = depends_on


def set_names_from_keys(model: dict[str, Any], project: str) -> None:
    """Resources with no ``name`` are ``<project>_<key>``; external ones are ``<key>``."""
    for kind in ("networks", "volumes", "configs", "secrets"):
        resources = model.get(kind)
        if not isinstance(resources, dict):
            continue
        for key, resource in list(resources.items()):
            if resource is None:
                resource = {}
                resources[key] = resource
            if not isinstance(resource, dict):
                continue
            if resource.get("name") is None:
                if _is_true(resource.get("external")):
                    resource["name"] = key
                else:
                    resource["name"] = f"{project}_{key}"


def _is_true(value: Any) -> bool:
    return value is True or (
        isinstance(value, str) and value in ("1", "t", "T", "true", "TRUE", "True")
    )


def normalize(model: dict[str, Any], env: Mapping[str, str], project: str) -> None:
    """compose-go ``Normalize``, run on the whole model after all files are merged."""
    _normalize_networks(model)
    services = model.get("services")
    if isinstance(services, dict):
        for service in services.values():
            if isinstance(service, dict):
                normalize_service(service, env)
    set_names_from_keys(model, project)
