"""The Compose file structure as data: allowed keys and types, written for composedoc.

Mirrors what Docker Compose v2.40 (compose-go v2.9.1) enforces. Many boolean and number fields
also accept strings, because they may hold ``${VAR}``. Lists that Compose de-duplicates before
validating (``EnforceUnicity``: environment, labels, ports, volumes, ...) are not checked for
unique items; the other ``uniqueItems`` lists are.
"""

from __future__ import annotations

from composedoc.compose.schema_spec import ANY, Choice, Dict, Seq, Spec, Val

NAME = r"^[a-zA-Z0-9._-]+$"

STR = Val("string")
INT = Val("integer")
NUM = Val("number")
BOOL = Val("boolean")
BOOL_S = Val("boolean", "string")
NUM_S = Val("number", "string")
INT_S = Val("integer", "string")
STRS = Seq(STR)
LIST_OF_STRINGS = Seq(STR, unique=True)
STRING_OR_LIST = Choice(STR, LIST_OF_STRINGS)
STRING_OR_LIST_DEDUPED = Choice(STR, STRS)
DICT_VALUE = Val("string", "number", "boolean", "null")
LIST_OR_DICT = Choice(Dict(names=(".+", DICT_VALUE), x=False), LIST_OF_STRINGS)
# The same, for lists Compose de-duplicates by key before validating.
LIST_OR_DICT_DEDUPED = Choice(Dict(names=(".+", DICT_VALUE), x=False), STRS)
DRIVER_OPTS = Dict(names=("^.+$", NUM_S), extra=ANY, x=False)
COMMAND = Choice(Val("null"), STR, STRS)
EXTRA_HOSTS = Choice(Dict(names=(".+", Choice(STR, STRS)), x=False), LIST_OF_STRINGS)


def _obj(props: dict[str, Spec], *, required: tuple[str, ...] = (), x: bool = True) -> Dict:
    """A closed mapping (``additionalProperties: false``), ``x-*`` allowed unless x=False."""
    return Dict(props, required=required, x=x)


def _nullable(spec: Spec) -> Spec:
    return Choice(spec, Val("null"))


ULIMITS = Dict(
    names=(
        "^[a-z]+$",
        Choice(INT_S, _obj({"hard": INT_S, "soft": INT_S}, required=("soft", "hard"))),
    ),
    extra=ANY,
    x=False,
)

SERVICE_HOOK = _obj(
    {
        "command": COMMAND,
        "user": STR,
        "privileged": BOOL_S,
        "working_dir": STR,
        "environment": LIST_OR_DICT,
    },
    required=("command",),
)

CONFIG_OR_SECRET_REFS = Seq(
    Choice(
        STR,
        _obj({"source": STR, "target": STR, "uid": STR, "gid": STR, "mode": NUM_S}),
    )
)

DEVICE_REQUEST_PROPS: dict[str, Spec] = {
    "capabilities": LIST_OF_STRINGS,
    "count": INT_S,
    "device_ids": LIST_OF_STRINGS,
    "driver": STR,
    "options": LIST_OR_DICT,
}

DEVICE_REQUESTS = Seq(_obj(DEVICE_REQUEST_PROPS, required=("capabilities",)))

# gpus items are open mappings in the schema (its additionalProperties sits beside oneOf).
GPUS = Choice(Val("string", enum=("all",)), Seq(Dict(DEVICE_REQUEST_PROPS, extra=ANY)))

UPDATE_CONFIG = _obj(
    {
        "parallelism": INT_S,
        "delay": STR,
        "failure_action": STR,
        "monitor": STR,
        "max_failure_ratio": NUM_S,
        "order": Val("string", enum=("start-first", "stop-first")),
    }
)

DEPLOY = _nullable(
    _obj(
        {
            "mode": STR,
            "endpoint_mode": STR,
            "replicas": INT_S,
            "labels": LIST_OR_DICT_DEDUPED,
            "rollback_config": UPDATE_CONFIG,
            "update_config": UPDATE_CONFIG,
            "resources": _obj(
                {
                    "limits": _obj({"cpus": NUM_S, "memory": STR, "pids": INT_S}),
                    "reservations": _obj(
                        {
                            "cpus": NUM_S,
                            "memory": STR,
                            "generic_resources": Seq(
                                _obj(
                                    {"discrete_resource_spec": _obj({"kind": STR, "value": NUM_S})}
                                )
                            ),
                            "devices": DEVICE_REQUESTS,
                        }
                    ),
                }
            ),
            "restart_policy": _obj(
                {"condition": STR, "delay": STR, "max_attempts": INT_S, "window": STR}
            ),
            "placement": _obj(
                {
                    "constraints": STRS,
                    "preferences": Seq(_obj({"spread": STR})),
                    "max_replicas_per_node": INT_S,
                }
            ),
        }
    )
)

DEVELOP = _nullable(
    _obj(
        {
            "watch": Seq(
                _obj(
                    {
                        "ignore": STRING_OR_LIST,
                        "include": STRING_OR_LIST,
                        "path": STR,
                        "action": Val(
                            "string",
                            enum=("rebuild", "sync", "restart", "sync+restart", "sync+exec"),
                        ),
                        "target": STR,
                        "exec": SERVICE_HOOK,
                        "initial_sync": BOOL,
                    },
                    required=("path", "action"),
                )
            )
        }
    )
)

HEALTHCHECK = _obj(
    {
        "disable": BOOL_S,
        "interval": STR,
        "retries": NUM_S,
        "test": Choice(STR, STRS),
        "timeout": STR,
        "start_period": STR,
        "start_interval": STR,
    }
)

BLKIO_LIMITS = Seq(_obj({"path": STR, "rate": INT_S}, x=False))

BLKIO_CONFIG = _obj(
    {
        "device_read_bps": BLKIO_LIMITS,
        "device_read_iops": BLKIO_LIMITS,
        "device_write_bps": BLKIO_LIMITS,
        "device_write_iops": BLKIO_LIMITS,
        "weight": INT_S,
        "weight_device": Seq(_obj({"path": STR, "weight": INT_S}, x=False)),
    },
    x=False,
)

BUILD = Choice(
    STR,
    _obj(
        {
            "context": STR,
            "dockerfile": STR,
            "dockerfile_inline": STR,
            "entitlements": STRS,
            "args": LIST_OR_DICT_DEDUPED,
            "ssh": LIST_OR_DICT,
            "labels": LIST_OR_DICT_DEDUPED,
            "cache_from": STRS,
            "cache_to": STRS,
            "no_cache": BOOL_S,
            "additional_contexts": LIST_OR_DICT_DEDUPED,
            "network": STR,
            "provenance": BOOL_S,
            "sbom": BOOL_S,
            "pull": BOOL_S,
            "target": STR,
            "shm_size": INT_S,
            "extra_hosts": EXTRA_HOSTS,
            "isolation": STR,
            "privileged": BOOL_S,
            "secrets": CONFIG_OR_SECRET_REFS,
            "tags": STRS,
            "ulimits": ULIMITS,
            "platforms": STRS,
        }
    ),
)

PORTS = Seq(
    Choice(
        NUM,
        STR,
        _obj(
            {
                "name": STR,
                "mode": STR,
                "host_ip": STR,
                "target": INT_S,
                "published": INT_S,
                "protocol": STR,
                "app_protocol": STR,
            }
        ),
    )
)

SERVICE_VOLUMES = Seq(
    Choice(
        STR,
        _obj(
            {
                "type": Val(
                    "string", enum=("bind", "volume", "tmpfs", "cluster", "npipe", "image")
                ),
                "source": STR,
                "target": STR,
                "read_only": BOOL_S,
                "consistency": STR,
                "bind": _obj(
                    {
                        "propagation": STR,
                        "create_host_path": BOOL_S,
                        "recursive": Val(
                            "string", enum=("enabled", "disabled", "writable", "readonly")
                        ),
                        "selinux": Val("string", enum=("z", "Z")),
                    }
                ),
                "volume": _obj({"labels": LIST_OR_DICT, "nocopy": BOOL_S, "subpath": STR}),
                "tmpfs": _obj({"size": Choice(Val("integer", minimum=0), STR), "mode": NUM_S}),
                "image": _obj({"subpath": STR}),
            },
            required=("type",),
        ),
    )
)

SERVICE_NETWORKS = Choice(
    LIST_OF_STRINGS,
    Dict(
        names=(
            NAME,
            _nullable(
                _obj(
                    {
                        "aliases": STRS,
                        "interface_name": STR,
                        "ipv4_address": STR,
                        "ipv6_address": STR,
                        "link_local_ips": STRS,
                        "mac_address": STR,
                        "driver_opts": DRIVER_OPTS,
                        "priority": NUM,
                        "gw_priority": NUM,
                    }
                )
            ),
        ),
        x=False,
    ),
)

DEPENDS_ON = Choice(
    LIST_OF_STRINGS,
    Dict(
        names=(
            NAME,
            _obj(
                {
                    "restart": BOOL_S,
                    "required": BOOL,
                    "condition": Val(
                        "string",
                        enum=(
                            "service_started",
                            "service_healthy",
                            "service_completed_successfully",
                        ),
                    ),
                },
                required=("condition",),
            ),
        ),
        x=False,
    ),
)

ENV_FILE = Choice(
    STR,
    Seq(
        Choice(
            STR,
            _obj({"path": STR, "format": STR, "required": BOOL_S}, required=("path",), x=False),
        )
    ),
)

PROVIDER_VALUE = Val("string", "number", "boolean")

SERVICE = _obj(
    {
        "develop": DEVELOP,
        "deploy": DEPLOY,
        "annotations": LIST_OR_DICT_DEDUPED,
        "attach": BOOL_S,
        "build": BUILD,
        "blkio_config": BLKIO_CONFIG,
        "cap_add": STRS,
        "cap_drop": STRS,
        "cgroup": Val("string", enum=("host", "private")),
        "cgroup_parent": STR,
        "command": COMMAND,
        "configs": CONFIG_OR_SECRET_REFS,
        "container_name": Val("string", pattern="[a-zA-Z0-9][a-zA-Z0-9_.-]+"),
        "cpu_count": Choice(STR, Val("integer", minimum=0)),
        "cpu_percent": Choice(STR, Val("integer", minimum=0, maximum=100)),
        "cpu_shares": NUM_S,
        "cpu_quota": NUM_S,
        "cpu_period": NUM_S,
        "cpu_rt_period": NUM_S,
        "cpu_rt_runtime": NUM_S,
        "cpus": NUM_S,
        "cpuset": STR,
        "credential_spec": _obj({"config": STR, "file": STR, "registry": STR}),
        "depends_on": DEPENDS_ON,
        "device_cgroup_rules": LIST_OF_STRINGS,
        "devices": Seq(
            Choice(
                STR,
                _obj({"source": STR, "target": STR, "permissions": STR}, required=("source",)),
            )
        ),
        "dns": STRING_OR_LIST_DEDUPED,
        "dns_opt": STRS,
        "dns_search": STRING_OR_LIST_DEDUPED,
        "domainname": STR,
        "entrypoint": COMMAND,
        "env_file": ENV_FILE,
        "label_file": Choice(STR, STRS),
        "environment": LIST_OR_DICT_DEDUPED,
        "expose": Seq(Val("string", "number")),
        "extends": Choice(STR, _obj({"service": STR, "file": STR}, required=("service",), x=False)),
        "provider": _obj(
            {
                "type": STR,
                "options": Dict(
                    names=("^.+$", Choice(PROVIDER_VALUE, Seq(PROVIDER_VALUE))),
                    extra=ANY,
                    x=False,
                ),
            },
            required=("type",),
        ),
        "external_links": LIST_OF_STRINGS,
        "extra_hosts": EXTRA_HOSTS,
        "gpus": GPUS,
        "group_add": Seq(Val("string", "number"), unique=True),
        "healthcheck": HEALTHCHECK,
        "hostname": STR,
        "image": STR,
        "init": BOOL_S,
        "ipc": STR,
        "isolation": STR,
        "labels": LIST_OR_DICT_DEDUPED,
        "links": STRS,
        "logging": _obj(
            {
                "driver": STR,
                "options": Dict(
                    names=("^.+$", Val("string", "number", "null")), extra=ANY, x=False
                ),
            }
        ),
        "mac_address": STR,
        "mem_limit": NUM_S,
        "mem_reservation": INT_S,
        "mem_swappiness": INT_S,
        "memswap_limit": NUM_S,
        "network_mode": STR,
        "models": Choice(
            LIST_OF_STRINGS,
            Dict(
                names=(NAME, _nullable(_obj({"endpoint_var": STR, "model_var": STR}))),
                extra=ANY,
                x=False,
            ),
        ),
        "networks": SERVICE_NETWORKS,
        "oom_kill_disable": BOOL_S,
        "oom_score_adj": Choice(STR, Val("integer", minimum=-1000, maximum=1000)),
        "pid": Val("string", "null"),
        "pids_limit": NUM_S,
        "platform": STR,
        "ports": PORTS,
        "post_start": Seq(SERVICE_HOOK),
        "pre_stop": Seq(SERVICE_HOOK),
        "privileged": BOOL_S,
        "profiles": STRS,
        "pull_policy": Val(
            "string",
            pattern="always|never|build|if_not_present|missing|refresh|daily|weekly"
            "|every_([0-9]+[wdhms])+",
        ),
        "pull_refresh_after": STR,
        "read_only": BOOL_S,
        "restart": STR,
        "runtime": STR,
        "scale": INT_S,
        "security_opt": LIST_OF_STRINGS,
        "shm_size": NUM_S,
        "secrets": CONFIG_OR_SECRET_REFS,
        "sysctls": LIST_OR_DICT_DEDUPED,
        "stdin_open": BOOL_S,
        "stop_grace_period": STR,
        "stop_signal": STR,
        "storage_opt": Dict(extra=ANY),
        "tmpfs": STRING_OR_LIST_DEDUPED,
        "tty": BOOL_S,
        "ulimits": ULIMITS,
        "use_api_socket": BOOL,
        "user": STR,
        "uts": STR,
        "userns_mode": STR,
        "volumes": SERVICE_VOLUMES,
        "volumes_from": LIST_OF_STRINGS,
        "working_dir": STR,
    }
)

# `external: {name: ...}` (deprecated). Networks and volumes close it; secrets/configs do not.
EXTERNAL_CLOSED = Choice(BOOL_S, _obj({"name": STR}))
EXTERNAL_OPEN = Choice(BOOL_S, Dict({"name": STR}, extra=ANY))

NETWORK = _nullable(
    _obj(
        {
            "name": STR,
            "driver": STR,
            "driver_opts": DRIVER_OPTS,
            "ipam": _obj(
                {
                    "driver": STR,
                    "config": Seq(
                        _obj(
                            {
                                "subnet": STR,
                                "ip_range": STR,
                                "gateway": STR,
                                "aux_addresses": Dict(names=("^.+$", STR), x=False),
                            }
                        )
                    ),
                    "options": Dict(names=("^.+$", STR), x=False),
                }
            ),
            "external": EXTERNAL_CLOSED,
            "internal": BOOL_S,
            "enable_ipv4": BOOL_S,
            "enable_ipv6": BOOL_S,
            "attachable": BOOL_S,
            "labels": LIST_OR_DICT_DEDUPED,
        }
    )
)

VOLUME = _nullable(
    _obj(
        {
            "name": STR,
            "driver": STR,
            "driver_opts": DRIVER_OPTS,
            "external": EXTERNAL_CLOSED,
            "labels": LIST_OR_DICT,
        }
    )
)

SECRET = _obj(
    {
        "name": STR,
        "environment": STR,
        "file": STR,
        "external": EXTERNAL_OPEN,
        "labels": LIST_OR_DICT,
        "driver": STR,
        "driver_opts": DRIVER_OPTS,
        "template_driver": STR,
    }
)

CONFIG = _obj(
    {
        "name": STR,
        "content": STR,
        "environment": STR,
        "file": STR,
        "external": EXTERNAL_OPEN,
        "labels": LIST_OR_DICT,
        "template_driver": STR,
    }
)

MODEL = _obj(
    {"name": STR, "model": STR, "context_size": INT, "runtime_flags": STRS},
    required=("model",),
)

INCLUDE = Choice(
    STR,
    _obj(
        {"path": STRING_OR_LIST, "env_file": STRING_OR_LIST, "project_directory": STR},
        x=False,
    ),
)

ROOT = _obj(
    {
        "version": STR,
        "name": STR,
        "include": Seq(INCLUDE),
        "services": Dict(names=(NAME, SERVICE), x=False),
        "models": Dict(names=(NAME, MODEL), extra=ANY, x=False),
        "networks": Dict(names=(NAME, NETWORK), extra=ANY, x=False),
        "volumes": Dict(names=(NAME, VOLUME), x=False),
        "secrets": Dict(names=(NAME, SECRET), x=False),
        "configs": Dict(names=(NAME, CONFIG), x=False),
    }
)
