"""The view the Markdown templates see: masked, display-ready rows, nothing else.

Templates (built-in or a user's ``--template-dir``) only get what this module builds from a
:class:`composedoc.docs.masked_view.MaskedView` (project and facts already masked), so no template
can print a value that masking did not see; nothing here masks again. Strings stay raw here;
escaping happens when a template prints them (see :mod:`composedoc.docs.markdown`).
"""

from __future__ import annotations

from typing import Any

from composedoc.docs.facts import DocFacts, EnvEntry
from composedoc.docs.md_escape import anchor_slugs
from composedoc.model.project import Mount, Port, Project, ResourceLimits, Service

__all__ = ["page_view"]

Row = dict[str, Any]
_SOURCE_NAMES = {".env": ".env file", "shell": "shell environment", "unset": "unset"}


def port_text(port: Port) -> str:
    """``127.0.0.1:3000 → 3000/tcp``; without a host port Docker picks an ephemeral one:
    ``ephemeral → 9555/tcp`` (``127.0.0.1:ephemeral → 9101/tcp`` keeps the host IP)."""
    inside = f"{port.target}/{port.protocol}"
    ip = port.host_ip
    host = f"[{ip}]:" if ip and ":" in ip else (f"{ip}:" if ip else "")
    return f"{host}{port.published or 'ephemeral'} → {inside}"


def _persists(mount: Mount, external: set[str]) -> str:
    if mount.type == "volume" and mount.source:
        return "yes, external volume" if mount.source in external else "yes, named volume"
    if mount.type == "volume":
        return "no, anonymous volume"
    if mount.type in ("bind", "npipe"):
        return "on the host"
    if mount.type == "tmpfs":
        return "no, in memory"
    return "no"


def _mount_kind(mount: Mount) -> str:
    if mount.type == "volume":
        return "named volume" if mount.source else "anonymous volume"
    return {"bind": "bind mount", "tmpfs": "tmpfs", "image": "image", "npipe": "named pipe"}.get(
        mount.type, mount.type
    )


def shell_join(argv: tuple[str, ...]) -> str:
    """A list command as one line, quoting items with spaces or quotes."""
    return " ".join(a if a and not any(c in a for c in " \t\n'\"") else _quote(a) for a in argv)


def _quote(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _argv_text(
    loaded: tuple[str, ...] | None,
    written: str | tuple[str, ...] | None,
    test: bool = False,
) -> str | None:
    """Command, entrypoint or healthcheck test as written when known (both masked already)."""
    if loaded is None and written is None:
        return None
    shown: str | tuple[str, ...] = written if written is not None else (loaded or ())
    if isinstance(shown, str):
        return shown
    if test and shown[:1] in (("CMD",), ("CMD-SHELL",)):
        shown = shown[1:] if shown[0] == "CMD" or len(shown) != 2 else (shown[1],)
        if len(shown) == 1:
            return shown[0]
    return shell_join(shown)


def size_text(value: str | None) -> str | None:
    """Bytes as Compose prints them -> ``256 MiB``; other text is kept."""
    if value is None or not value.isdigit():
        return value
    number = int(value)
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if number >= size and number % size == 0:
            return f"{number // size} {unit}"
    return f"{number} B"


def _resources(limits: ResourceLimits | None) -> dict[str, Any] | None:
    if limits is None:
        return None
    pids = None if limits.pids is None else str(limits.pids)
    return {"cpus": limits.cpus, "memory": size_text(limits.memory), "pids": pids}


def _env_rows(entries: tuple[EnvEntry, ...]) -> list[Row]:
    rows = []
    for e in entries:
        value = e.written if e.written is not None else e.value
        uses = [{"name": n, "origin": _SOURCE_NAMES.get(o, o)} for n, o in e.refs]
        if e.source == "compose":
            where = e.origin or "compose file"
        elif e.source == "env_file":
            where = f"env_file {e.origin}"
        elif e.source in _SOURCE_NAMES:
            where = _SOURCE_NAMES[e.source]
        else:
            where = "compose file (through extends or include)"
        rows.append({"name": e.name, "value": value, "source": where, "uses": uses})
    return rows


def _fallback_env(service: Service) -> list[Row]:
    """Without facts: the loaded values (masked with the project)."""
    return [
        {
            "name": k,
            "value": v,
            "source": "compose or env_file",
            "uses": [],
        }
        for k, v in service.environment
    ]


def _service_view(s: Service, external: set[str], facts: DocFacts, anchors: dict[str, str]) -> Row:
    info = facts.dockerfiles.get(s.name)
    final = info.final if info else None
    chain = {st.index for st in info.chain()} if info else set()
    # Labels as written where the files say so; the rest (from extends/include) as loaded.
    as_written = dict(facts.labels.get(s.name, ()))
    labels = [(k, as_written.get(k, v)) for k, v in s.labels]
    written = facts.argv.get(s.name, {})
    health = s.healthcheck
    limits = s.deploy.limits if s.deploy else None
    reservations = s.deploy.reservations if s.deploy else None
    return {
        "name": s.name,
        "anchor": anchors[s.name],
        "description": s.annotation.description or None,
        "defined_at": facts.defined_at.get(s.name),
        "image": s.image or None,
        "build": None
        if s.build is None
        else {
            "context": s.build.context,
            "dockerfile": "(inline)" if s.build.dockerfile_inline else s.build.dockerfile,
            "target": s.build.target,
        },
        "dockerfile": None
        if info is None
        else {
            "path": info.path,
            "multi_stage": info.multi_stage,
            "syntax": info.syntax,
            "final": final.label if final else None,
            "base_images": list(info.base_images()),
            "notes": list(info.notes),
            "stages": [
                {
                    "label": st.label,
                    "base": st.base,
                    "platform": st.platform,
                    "expose": list(st.expose),
                    "copies_from": list(st.copies_from),
                    "ships": final is not None and st.index == final.index,
                    "in_chain": st.index in chain,
                    "line": st.line,
                }
                for st in info.stages
            ],
        },
        "command": _argv_text(s.command, written.get("command")),
        "entrypoint": _argv_text(s.entrypoint, written.get("entrypoint")),
        "ports": [
            {
                "text": port_text(pt),
                "published": "yes" if pt.published else "yes, on an ephemeral port",
                "mode": pt.mode,
            }
            for pt in s.ports
        ],
        "expose": list(s.expose),
        "mounts": [
            {
                "kind": _mount_kind(m),
                "source": m.source,
                "volume": m.source if m.type == "volume" and m.source else None,
                "target": m.target,
                "read_only": m.read_only,
                "persists": _persists(m, external),
            }
            for m in s.mounts
        ]
        + [
            {"kind": "tmpfs", "source": None, "volume": None, "target": t.split(":", 1)[0]}
            | {"read_only": False, "persists": "no, in memory"}
            for t in s.tmpfs
        ],
        "networks": [
            {
                "name": n.network,
                "aliases": list(n.aliases),
                "ipv4": n.ipv4_address,
                "ipv6": n.ipv6_address,
            }
            for n in s.networks
        ],
        "network_mode": s.network_mode,
        "depends_on": [
            {
                "name": d.service,
                "anchor": anchors.get(d.service),
                "condition": d.condition,
                "required": d.required,
                "restart": d.restart,
            }
            for d in s.written_depends_on
        ],
        "environment": _env_rows(facts.env[s.name]) if s.name in facts.env else _fallback_env(s),
        "secrets": [
            {"source": r.source, "target": r.target or f"/run/secrets/{r.source}", "mode": r.mode}
            for r in s.secrets
        ],
        "configs": [
            {"source": r.source, "target": r.target or f"/{r.source}", "mode": r.mode}
            for r in s.configs
        ],
        "healthcheck": None
        if health is None
        else {
            "disabled": health.disable or health.test[:1] == ("NONE",),
            "test": _argv_text(health.test, written.get("healthcheck"), test=True),
            "interval": health.interval,
            "timeout": health.timeout,
            "retries": health.retries,
            "start_period": health.start_period,
        },
        "restart": s.restart or (s.deploy.restart_policy if s.deploy else None),
        "deploy": None
        if s.deploy is None
        else {
            "mode": s.deploy.mode,
            "replicas": s.deploy.replicas,
            "limits": _resources(limits),
            "reservations": _resources(reservations),
        },
        "labels": [{"key": k, "value": v} for k, v in labels],
        "profiles": list(s.profiles),
        "container_name": s.container_name,
        "user": s.user,
        "working_dir": s.working_dir,
    }


def page_view(project: Project, facts: DocFacts, masked: bool) -> dict[str, Any]:
    """Everything a page shows (``project`` and ``facts`` masked, ``masked`` says whether
    anything was); anchors are stable slugs."""
    services = list(project.services)
    external = {v.key for v in project.volumes if v.external}  # once, not per service
    anchors = anchor_slugs([s.name for s in services], "service")
    net_users: dict[str, list[Row]] = {}
    vol_users: dict[str, list[Row]] = {}
    grant_users: dict[tuple[str, str], list[Row]] = {}
    for s in services:
        for n in s.networks:
            net_users.setdefault(n.network, []).append(
                {"service": s.name, "anchor": anchors[s.name], "aliases": list(n.aliases)}
            )
        for m in s.mounts:
            if m.type == "volume" and m.source:
                vol_users.setdefault(m.source, []).append(
                    {"service": s.name, "anchor": anchors[s.name], "target": m.target}
                )
        for kind, refs in (("secret", s.secrets), ("config", s.configs)):
            for r in refs:
                grant_users.setdefault((kind, r.source), []).append(
                    {"service": s.name, "anchor": anchors[s.name], "target": r.target}
                )
    profiles: dict[str, list[str]] = {}
    for s in (*services, *project.disabled_services):
        for prof in s.profiles:
            profiles.setdefault(prof, []).append(s.name)
    res_anchor = {
        kind: anchor_slugs([r.key for r in items], kind)
        for kind, items in (
            ("network", project.networks),
            ("volume", project.volumes),
            ("secret", project.secrets),
            ("config", project.configs),
        )
    }
    external = {v.key for v in project.volumes if v.external}  # once, not once per service
    return {
        "name": project.name,
        "files": list(project.files),
        "active_profiles": list(project.profiles),
        "disabled_services": sorted(s.name for s in project.disabled_services),
        "services": [_service_view(s, external, facts, anchors) for s in services],
        "networks": [
            vars(n) | {"anchor": res_anchor["network"][n.key], "users": net_users.get(n.key, [])}
            for n in project.networks
        ],
        "volumes": [
            vars(v) | {"anchor": res_anchor["volume"][v.key], "users": vol_users.get(v.key, [])}
            for v in project.volumes
        ],
        "secrets": _grants("secret", project.secrets, grant_users, res_anchor["secret"]),
        "configs": _grants("config", project.configs, grant_users, res_anchor["config"]),
        "profiles": [
            {
                "name": name,
                "active": name in project.profiles,
                "services": sorted(names),
                "anchors": anchors,
            }
            for name, names in sorted(profiles.items())
        ],
        "anchors": {"service": anchors, **res_anchor},
        "masked": masked,
    }


def _grants(
    kind: str, items: Any, users: dict[tuple[str, str], list[Row]], anchors: dict[str, str]
) -> list[Row]:
    """Secrets or configs: where they come from (a file path, a variable name), never content."""
    rows = []
    for r in items:
        where = {
            "file": r.file,
            "environment": r.environment,
            "external": r.name if r.external else None,
        }.get(r.source or "")
        rows.append(
            {
                "key": r.key,
                "name": r.name,
                "anchor": anchors[r.key],
                "source_kind": r.source or "unknown",
                "source": where,
                "users": users.get((kind, r.key), []),
            }
        )
    return rows
