"""The plugin's typed configuration (``plugins: - composedoc: {...}`` in ``mkdocs.yml``).

MkDocs validates every option and prints ``Config value 'plugins': Plugin 'composedoc'
option 'stacks': ...`` on a mistake, so users get the offending key without a traceback.
The view and docs options come from the declaration (:data:`composedoc.options.OPTIONS`,
``plugin`` front end); an unknown key is an error that names the closest valid one.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from composedoc.mask_levels import MASK_LEVELS
from composedoc.options import VIEW_OPTIONS, Option, declared, unknown_key

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class _StackName(c.Type[str]):
    """A stack name becomes a URL and a file name: lower-case letters, digits, ``-`` ``_``."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not _NAME.match(text):
            raise ValidationError(
                f"stack name {text!r} must be lower-case letters, digits, '-' or '_'"
            )
        return text


class _StringList(c.ListOfItems[str]):
    """A list of strings that also accepts one string (``files: compose.yaml``)."""

    def __init__(self, default: list[str] | None = None) -> None:
        super().__init__(c.Type(str), default=default if default is not None else [])

    def run_validation(self, value: object) -> list[str]:
        if isinstance(value, str):
            value = [value]
        return super().run_validation(value)


def config_option(option: Option) -> Any:
    """A declared option as an MkDocs config option (same name, type, values, default)."""
    if option.choices and option.type == "str":
        return c.Choice(option.choices, default=option.default)
    if option.type == "strs":
        return _StringList()
    kind = {"str": str, "int": int, "bool": bool, "dir": str}[option.type]
    if option.default is None:
        return c.Optional(c.Type(kind))
    return c.Type(kind, default=option.default)


def _unknown_keys(config: base.Config, failed: list[Any], warnings: list[Any]) -> list[Any]:
    """MkDocs only warns about an unknown key: make it an error naming the closest key."""
    valid = {name for name, _ in config._schema}
    for key in sorted(set(config.keys()) - valid):
        failed.append((key, ValidationError(unknown_key(key, valid))))
    return [(k, w) for k, w in warnings if k in valid]


class StackConfig(base.Config):  # type: ignore[no-untyped-call]
    """One documented Compose project; paths are relative to ``mkdocs.yml``."""

    name = _StackName()
    files = _StringList()
    profiles = _StringList()
    env_files = _StringList()
    project_directory = c.Optional(c.Type(str))
    title = c.Optional(c.Type(str))
    description = c.Optional(c.Type(str))

    def validate(self) -> tuple[list[Any], list[Any]]:
        failed, warnings = super().validate()
        warnings = _unknown_keys(self, failed, warnings)
        if not failed and not self.files and not self.project_directory:
            failed.append(("files", ValidationError("give 'files' or 'project_directory'")))
        return failed, warnings


_Declared: type[base.Config] = type(
    "_Declared", (base.Config,), {o.name: config_option(o) for o in declared("plugin")}
)


class ComposedocConfig(_Declared):  # type: ignore[valid-type,misc]
    """Every option of the ``composedoc`` plugin: the declared ones (``_Declared``) and
    the plugin's own below."""

    diagram: str
    show_values: bool

    enabled = c.Type(bool, default=True)
    stacks = c.ListOfItems(c.SubConfig(StackConfig), default=[])
    nav_section = c.Type(str, default="Stacks")
    pages_dir = c.Type(str, default="stacks")
    service_pages = c.Type(bool, default=False)
    mask = c.Choice(MASK_LEVELS, default="all")
    mask_patterns = _StringList()
    use_os_environment = c.Type(bool, default=False)
    strict_paths = c.Type(bool, default=False)
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/composedoc")
    # A local mermaid.min.js the site serves itself (offline): no CDN request for Mermaid.
    mermaid_js = c.Type(str, default="")

    def view_values(self) -> dict[str, Any]:
        """The declared view options (``ViewOptions`` field names) and their values."""
        return {o.name: self[o.name] for o in declared("plugin", VIEW_OPTIONS)}

    def validate(self) -> tuple[list[Any], list[Any]]:
        failed, warnings = super().validate()
        warnings = _unknown_keys(self, failed, warnings)
        if failed:
            return failed, warnings
        seen: set[str] = set()
        for stack in self.stacks:
            if stack.name in seen:
                failed.append(("stacks", ValidationError(f"duplicate stack {stack.name!r}")))
            seen.add(stack.name)
        for pattern in self.mask_patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                message = f"mask pattern {pattern!r} is not a regular expression: {error}"
                failed.append(("mask_patterns", ValidationError(message)))
        if self.pages_dir.strip("/") != self.pages_dir or ".." in self.pages_dir.split("/"):
            failed.append(("pages_dir", ValidationError("must be a relative folder")))
        return failed, warnings
