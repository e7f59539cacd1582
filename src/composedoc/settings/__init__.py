"""The config file (``.composedoc.yaml`` / ``[tool.composedoc]``) and how flags override it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composedoc._lazy import lazy_exports

if TYPE_CHECKING:
    from composedoc.settings.file import (
        CONFIG_NAMES,
        DiagramSettings,
        DiffSettings,
        InjectSettings,
        MaskSettings,
        Settings,
        StackSettings,
        find_config,
        load_settings,
        parse_settings,
        pick,
        stack_load_options,
    )

__all__ = [
    "CONFIG_NAMES",
    "DiagramSettings",
    "DiffSettings",
    "InjectSettings",
    "MaskSettings",
    "Settings",
    "StackSettings",
    "find_config",
    "load_settings",
    "parse_settings",
    "pick",
    "stack_load_options",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "CONFIG_NAMES": "composedoc.settings.file",
        "DiagramSettings": "composedoc.settings.file",
        "DiffSettings": "composedoc.settings.file",
        "InjectSettings": "composedoc.settings.file",
        "MaskSettings": "composedoc.settings.file",
        "Settings": "composedoc.settings.file",
        "StackSettings": "composedoc.settings.file",
        "find_config": "composedoc.settings.file",
        "load_settings": "composedoc.settings.file",
        "parse_settings": "composedoc.settings.file",
        "pick": "composedoc.settings.file",
        "stack_load_options": "composedoc.settings.file",
    },
)
