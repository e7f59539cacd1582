"""The config file: ``.composedoc.yaml`` (or ``[tool.composedoc]`` in ``pyproject.toml``).

Discovery starts in the working folder and walks up through its parents, stopping after the
folder that holds ``.git`` (the repository root) so a checkout never picks up a config from
outside it. In each folder ``.composedoc.yaml`` wins over ``.composedoc.yml``, which wins over
``pyproject.toml``. Paths in the file are relative to the file's folder. Command-line flags
override the file: :func:`pick` is the one rule every command uses. Bad values raise a
:class:`UsageError` that names ``file:line:col`` (TOML: the key path).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from composedoc.compose.types import LoadOptions
from composedoc.errors import ComposedocError, Location, UsageError
from composedoc.options import FORMAT_ALIASES, OPTIONS, Option, ViewOptions, view_options
from composedoc.settings.reader import Reader

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

CONFIG_NAMES = (".composedoc.yaml", ".composedoc.yml")
SECTIONS = ("diagram", "services")
T = TypeVar("T")


@dataclass(frozen=True)
class StackSettings:
    """One stack: the LOAD flags, with paths already made absolute."""

    name: str
    files: tuple[str, ...] = ()
    project_directory: str | None = None
    project_name: str | None = None
    profiles: tuple[str, ...] = ()
    env_files: tuple[str, ...] = ()
    output: str | None = None


@dataclass(frozen=True)
class DiagramSettings:
    """The ``diagram:`` section: one value per declared option the file sets
    (:data:`composedoc.options.OPTIONS`); an absent key leaves the renderer's default."""

    values: Mapping[str, object] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        """The file's value of option ``name``, or ``None`` when it does not set it."""
        return self.values.get(name)

    @property
    def split(self) -> bool | None:
        return self.get("split")  # type: ignore[no-any-return]

    def view_options(self) -> ViewOptions:
        """The renderer's ``ViewOptions`` with these settings (unset ones at their default)."""
        return view_options(self.values)


@dataclass(frozen=True)
class MaskSettings:
    """Masking rules for documents (see composedoc.mask.policy.MaskPolicy).

    ``level`` is ``all``, ``sensitive`` or ``none`` when the file sets it (``show_values:
    true`` is ``none``), else ``None``: a flag or the default decides.
    """

    show_values: bool = False
    sensitive_patterns: tuple[str, ...] = ()
    level: str | None = None

    def policy(self, level: str | None = None) -> Any:
        """The ``MaskPolicy`` these settings describe; ``level`` (a flag) wins."""
        from composedoc.mask.policy import MaskPolicy

        chosen = level or self.level or ("none" if self.show_values else "all")
        return MaskPolicy(level=chosen, extra_key_patterns=self.sensitive_patterns)


@dataclass(frozen=True)
class InjectSettings:
    """``composedoc inject``: the file to update and what goes between the markers."""

    file: str | None = None
    sections: tuple[str, ...] = SECTIONS


@dataclass(frozen=True)
class DiffSettings:
    """``composedoc diff``: output format and the coloured diagram."""

    format: str | None = None
    diagram: bool | None = None
    only_changed: bool | None = None


@dataclass(frozen=True)
class Settings:
    """Everything a config file can say; ``source`` is ``None`` when there is no file."""

    source: Path | None = None
    stacks: tuple[StackSettings, ...] = ()
    formats: tuple[str, ...] = ()
    output: str | None = None
    name: str | None = None
    diagram: DiagramSettings = field(default_factory=DiagramSettings)
    mask: MaskSettings = field(default_factory=MaskSettings)
    inject: InjectSettings = field(default_factory=InjectSettings)
    diff: DiffSettings = field(default_factory=DiffSettings)

    def stack(self, name: str | None) -> StackSettings | None:
        """The stack called ``name``; with no name, the only stack (or ``None``)."""
        if name is None:
            if len(self.stacks) > 1:
                names = ", ".join(s.name for s in self.stacks)
                raise UsageError(
                    f"{self.source}: several stacks ({names}); choose one with --stack"
                )
            return self.stacks[0] if self.stacks else None
        for stack in self.stacks:
            if stack.name == name:
                return stack
        known = ", ".join(s.name for s in self.stacks) or "none"
        raise UsageError(f"no stack {name!r} in the config (stacks: {known})")


def pick(flag: T | None, configured: T | None, default: T) -> T:
    """A flag given on the command line wins, then the config file, then the default."""
    if flag is not None and flag != ():
        return flag
    if configured is not None and configured != ():
        return configured
    return default


def find_config(start: Path) -> Path | None:
    """The nearest config file from ``start`` up to the repository root (or ``/``)."""
    folder = start.resolve()
    while True:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent


def _has_tool_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "composedoc" in tool


def load_settings(explicit: str | None, start: Path, display: str | None = None) -> Settings:
    """Read ``explicit`` (``--config``) or the discovered file; defaults when there is none."""
    path = Path(start, explicit) if explicit else find_config(start)
    if path is None:
        return Settings()
    shown = display or _shown(path, start)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read config: {error.strerror}", Location(shown)) from None
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise UsageError(f"invalid TOML: {error}", Location(shown)) from None
        table = data.get("tool", {}).get("composedoc", {})
        return parse_settings(table, shown, path, "tool.composedoc")
    from composedoc.compose.yaml import parse_documents

    try:
        docs = parse_documents(raw, shown)
    except ComposedocError as error:
        raise UsageError(error.message, error.location) from None
    if len(docs) > 1:
        raise UsageError("the config file must hold one YAML document", Location(shown))
    return parse_settings(docs[0] if docs and docs[0] is not None else {}, shown, path)


def _shown(path: Path, start: Path) -> str:
    try:
        return path.resolve().relative_to(start.resolve()).as_posix()
    except ValueError:
        return str(path)


def parse_settings(data: Any, file: str, path: Path, prefix: str = "") -> Settings:
    """Validate a config mapping; relative paths are made absolute from ``path``'s folder."""
    top = Reader(
        data,
        file,
        prefix,
        ("stacks", "formats", "output", "name", "diagram", "mask", "inject", "diff"),
    )
    from composedoc.docs.documents import ALL_FORMATS

    base = path.resolve().parent

    def absolute(value: str | None) -> str | None:
        return None if value is None else str(base / value)

    stacks_data = top.data.get("stacks") or {}
    if not isinstance(stacks_data, Mapping):
        raise top.fail("stacks", "a mapping of stack name to its options")
    stacks = []
    for name in stacks_data:
        if not isinstance(name, str) or not name:
            raise top.fail("stacks", "a mapping with non-empty string names")
        stack = Reader(
            stacks_data[name] or {},
            file,
            top.path(f"stacks.{name}"),
            ("files", "project_directory", "project_name", "profiles", "env_files", "output"),
        )
        stacks.append(
            StackSettings(
                name=name,
                files=tuple(str(base / f) for f in stack.get_strs("files")),
                project_directory=absolute(stack.get_str("project_directory")),
                project_name=stack.get_str("project_name"),
                profiles=stack.get_strs("profiles"),
                env_files=tuple(str(base / f) for f in stack.get_strs("env_files")),
                output=absolute(stack.get_str("output")),
            )
        )
    diagram = [o for o in OPTIONS if "config" in o.fronts and o.config is None]
    view = top.sub("diagram", tuple(o.name for o in diagram))
    mask = top.sub("mask", ("level", "show_values", "sensitive_patterns"))
    inject = top.sub("inject", ("file", "sections"))
    diff = top.sub("diff", ("format", "diagram", "only_changed"))
    return Settings(
        source=path,
        stacks=tuple(stacks),
        formats=tuple(
            FORMAT_ALIASES.get(f, f)
            for f in top.get_strs("formats", (*ALL_FORMATS, *FORMAT_ALIASES))
        ),
        output=absolute(top.get_str("output")),
        name=top.get_str("name"),
        diagram=DiagramSettings(
            {o.name: value for o in diagram if (value := _read(view, o)) not in (None, ())}
        ),
        mask=_mask(mask),
        inject=InjectSettings(
            file=absolute(inject.get_str("file")),
            sections=inject.get_strs("sections", SECTIONS) or SECTIONS,
        ),
        diff=DiffSettings(
            format=diff.get_str("format", ("md", "json")),
            diagram=diff.get_bool("diagram"),
            only_changed=diff.get_bool("only_changed"),
        ),
    )


def _read(section: Reader, option: Option) -> object:
    """The value of a declared option, checked against its type and allowed values."""
    if option.type == "bool":
        return section.get_bool(option.name)
    if option.type == "int":
        return section.get_int(option.name)
    if option.type == "strs":
        return section.get_strs(option.name, option.choices)
    return section.get_str(option.name, option.choices)


def _mask(mask: Reader) -> MaskSettings:
    from composedoc.mask_levels import MASK_LEVELS

    show = bool(mask.get_bool("show_values"))
    level = mask.get_str("level", MASK_LEVELS)
    if show and level not in (None, "none"):
        raise mask.fail("show_values", f"left out with level: {level} (show_values is level none)")
    if show:
        level = "none"
    return MaskSettings(show_values=show, sensitive_patterns=_patterns(mask), level=level)


def _patterns(mask: Reader) -> tuple[str, ...]:
    patterns = mask.get_strs("sensitive_patterns")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise mask.fail("sensitive_patterns", f"regular expressions ({error})") from None
    return patterns


def stack_load_options(
    stack: StackSettings | None,
    flags: LoadOptions,
) -> LoadOptions:
    """LOAD options from the command line, completed by the stack where a flag is absent."""
    if stack is None:
        return flags
    return replace(
        flags,
        files=pick(flags.files, stack.files, ()),
        project_name=pick(flags.project_name, stack.project_name, None),
        profiles=pick(flags.profiles, stack.profiles, ()),
        env_files=pick(flags.env_files, stack.env_files, ()),
        project_directory=pick(flags.project_directory, stack.project_directory, None),
    )
