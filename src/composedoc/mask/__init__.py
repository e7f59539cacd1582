"""What outputs may show: one masked view of the typed project, by provenance and name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composedoc._lazy import lazy_exports

if TYPE_CHECKING:
    from composedoc.mask.policy import (
        DEFAULT_POLICY,
        MASK,
        MaskPolicy,
        is_sensitive_key,
        looks_secret,
        mask_argv,
        mask_env_value,
        mask_text,
        mask_url_credentials,
        mask_written,
        mask_written_argv,
        template_refs,
    )
    from composedoc.mask.project import mask_project

__all__ = [
    "DEFAULT_POLICY",
    "MASK",
    "MaskPolicy",
    "is_sensitive_key",
    "looks_secret",
    "mask_argv",
    "mask_env_value",
    "mask_project",
    "mask_text",
    "mask_url_credentials",
    "mask_written",
    "mask_written_argv",
    "template_refs",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "DEFAULT_POLICY": "composedoc.mask.policy",
        "MASK": "composedoc.mask.policy",
        "MaskPolicy": "composedoc.mask.policy",
        "is_sensitive_key": "composedoc.mask.policy",
        "looks_secret": "composedoc.mask.policy",
        "mask_argv": "composedoc.mask.policy",
        "mask_env_value": "composedoc.mask.policy",
        "mask_project": "composedoc.mask.project",
        "mask_text": "composedoc.mask.policy",
        "mask_url_credentials": "composedoc.mask.policy",
        "mask_written": "composedoc.mask.policy",
        "mask_written_argv": "composedoc.mask.policy",
        "template_refs": "composedoc.mask.policy",
    },
)
