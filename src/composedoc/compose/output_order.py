"""Key order of the Go structs ``docker compose config`` marshals (compose-go v2.9.1 ``types``).

Read off the struct definitions and checked against the oracle. A spec is a dict: ``"#"`` the
field order, ``"!"`` fields printed even when zero (no ``omitempty``), ``"?"`` fields Go's JSON
encoder prints as null; a child spec says how to order the value under that key: a dict = a
struct, ``("list", spec)`` = a list of structs, ``("map", spec)`` = a Go map of structs.
"""

from __future__ import annotations

from typing import Any

Spec = dict[str, Any]

_PORT: Spec = {"#": "name mode host_ip target published protocol app_protocol"}
_FILE_REF: Spec = {"#": "source target uid gid mode", "!": "mode"}
_DEVICE_REQ: Spec = {"#": "capabilities driver count device_ids options"}
_ULIMIT: Spec = {"#": "single soft hard", "!": "soft hard"}
_HOOK: Spec = {"#": "command user privileged working_dir environment", "?": {"command": None}}
_VOLUME_MOUNT: Spec = {
    "#": "type source target read_only consistency bind volume tmpfs image",
    "!": "bind volume tmpfs image",
    "bind": {"#": "selinux propagation create_host_path recursive"},
    "volume": {"#": "labels nocopy subpath"},
    "tmpfs": {"#": "size mode"},
    "image": {"#": "subpath"},
}
_RESOURCE: Spec = {
    "#": "cpus memory pids devices generic_resources",
    "devices": ("list", _DEVICE_REQ),
    "generic_resources": (
        "list",
        {
            "#": "discrete_resource_spec",
            "!": "discrete_resource_spec",
            "discrete_resource_spec": {"#": "kind value", "!": "kind value"},
        },
    ),
}
_THROTTLE: Spec = {"#": "path rate", "!": "path rate"}
_UPDATE: Spec = {
    "#": "parallelism delay failure_action monitor max_failure_ratio order",
    "!": "parallelism",
}
_BUILD: Spec = {
    "#": "context dockerfile dockerfile_inline entitlements args provenance sbom ssh labels "
    "cache_from cache_to no_cache additional_contexts pull extra_hosts isolation network "
    "target secrets shm_size tags ulimits platforms privileged",
    "secrets": ("list", _FILE_REF),
    "ulimits": ("map", _ULIMIT),
}
SERVICE: Spec = {
    "#": "profiles annotations attach build develop blkio_config cap_add cap_drop "
    "cgroup_parent cgroup cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period "
    "cpu_rt_runtime cpus cpuset cpu_shares command configs container_name credential_spec "
    "depends_on deploy device_cgroup_rules devices dns dns_opt dns_search dockerfile "
    "domainname entrypoint provider environment env_file expose extends external_links "
    "extra_hosts group_add gpus hostname healthcheck image init ipc isolation labels "
    "label_file links logging log_driver log_opt mem_limit mem_reservation memswap_limit "
    "mem_swappiness mac_address models net network_mode networks oom_kill_disable "
    "oom_score_adj pid pids_limit platform ports privileged pull_policy read_only restart "
    "runtime scale secrets security_opt shm_size stdin_open stop_grace_period stop_signal "
    "storage_opt sysctls tmpfs tty ulimits use_api_socket user userns_mode uts volume_driver "
    "volumes volumes_from working_dir post_start pre_stop",
    "!": "attach build develop blkio_config credential_spec deploy provider extends healthcheck "
    "init logging scale stop_grace_period command entrypoint",
    "?": {"command": None, "entrypoint": None},
    "build": _BUILD,
    "develop": {
        "#": "watch",
        "watch": (
            "list",
            {
                "#": "path action target exec include ignore initial_sync",
                "!": "path action",
                "?": {"exec": {}},
                "exec": _HOOK,
            },
        ),
    },
    "blkio_config": {
        "#": "weight weight_device device_read_bps device_read_iops device_write_bps "
        "device_write_iops",
        "weight_device": ("list", {"#": "path weight", "!": "path weight"}),
        "device_read_bps": ("list", _THROTTLE),
        "device_read_iops": ("list", _THROTTLE),
        "device_write_bps": ("list", _THROTTLE),
        "device_write_iops": ("list", _THROTTLE),
    },
    "configs": ("list", _FILE_REF),
    "credential_spec": {"#": "config file registry"},
    "depends_on": ("map", {"#": "condition restart required", "!": "required"}),
    "deploy": {
        "#": "mode replicas labels update_config rollback_config resources restart_policy "
        "placement endpoint_mode",
        "!": "replicas update_config rollback_config restart_policy",
        "?": {"resources": {}, "placement": {}},
        "update_config": _UPDATE,
        "rollback_config": _UPDATE,
        "resources": {
            "#": "limits reservations",
            "!": "limits reservations",
            "limits": _RESOURCE,
            "reservations": _RESOURCE,
        },
        "restart_policy": {
            "#": "condition delay max_attempts window",
            "!": "delay max_attempts window",
        },
        "placement": {
            "#": "constraints preferences max_replicas_per_node",
            "preferences": ("list", {"#": "spread"}),
        },
    },
    "devices": ("list", {"#": "source target permissions"}),
    "provider": {"#": "type options"},
    "extends": {"#": "file service"},
    "gpus": ("list", _DEVICE_REQ),
    "healthcheck": {
        "#": "test timeout interval retries start_period start_interval disable",
        "!": "timeout interval retries start_period start_interval",
    },
    "logging": {"#": "driver options"},
    "models": ("map", {"#": "endpoint_var model_var"}),
    "networks": (
        "map",
        {
            "#": "aliases driver_opts gw_priority interface_name ipv4_address ipv6_address "
            "link_local_ips mac_address priority"
        },
    ),
    "ports": ("list", _PORT),
    "secrets": ("list", _FILE_REF),
    "ulimits": ("map", _ULIMIT),
    "volumes": ("list", _VOLUME_MOUNT),
    "post_start": ("list", _HOOK),
    "pre_stop": ("list", _HOOK),
}
NETWORK: Spec = {
    "#": "name driver driver_opts ipam external internal attachable labels enable_ipv4 enable_ipv6",
    "!": "enable_ipv4 enable_ipv6",
    "?": {"ipam": {}},
    "ipam": {
        "#": "driver config",
        "config": ("list", {"#": "subnet gateway ip_range aux_addresses"}),
    },
}
VOLUME: Spec = {"#": "name driver driver_opts external labels"}
FILE_OBJECT: Spec = {
    "#": "name file environment content external labels driver driver_opts template_driver"
}
MODEL: Spec = {"#": "name model context_size runtime_flags"}
TOP: Spec = {
    "#": "name services networks volumes secrets configs models",
    "services": ("map", SERVICE),
    "networks": ("map", NETWORK),
    "volumes": ("map", VOLUME),
    "secrets": ("map", FILE_OBJECT),
    "configs": ("map", FILE_OBJECT),
    "models": ("map", MODEL),
}


def _compile(spec: Spec) -> None:
    if isinstance(spec.get("#"), str):
        spec["#"] = {k: i for i, k in enumerate(spec["#"].split())}
        spec["!"] = frozenset(spec.get("!", "").split())
    for key, child in spec.items():
        if key in ("#", "!", "?"):
            continue
        if isinstance(child, tuple):
            child = child[1]
        if isinstance(child, dict):
            _compile(child)


_compile(TOP)
