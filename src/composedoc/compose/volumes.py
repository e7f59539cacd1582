"""Service ``volumes``: short syntax to long syntax, plus Go-style byte sizes and path cleaning.

The short-syntax parser is a port of compose-go ``format.ParseVolume`` (v2.9.1), including its
quirks: a one-letter section followed by ``:`` is a Windows drive and is not split, so
``c:/x`` is one field (an anonymous volume with target ``c:/x``).
"""

from __future__ import annotations

import posixpath
from typing import Any

from composedoc.compose.gotypes import parse_bytes
from composedoc.compose.located import LocMap
from composedoc.errors import Location, SchemaError

_BIND_OPTIONS = frozenset({"shared", "slave", "private", "rshared", "rslave", "rprivate", "z", "Z"})


def go_path_clean(path: str) -> str:
    """Go ``path.Clean``: like ``posixpath.normpath`` but ``//x`` becomes ``/x``."""
    cleaned = posixpath.normpath(path)
    if cleaned.startswith("//"):
        cleaned = "/" + cleaned.lstrip("/")
    return cleaned


def _is_drive(buffer: list[str], char: str) -> bool:
    return char == ":" and len(buffer) == 1 and buffer[0].isalpha()


def _is_file_path(source: str) -> bool:
    if not source:
        return False
    if source[0] in "./~" or source.startswith("\\\\"):
        return True
    return len(source) > 1 and _is_drive([source[0]], source[1])


def _split_spec(spec: str) -> list[str]:
    """Sections of a short spec; ``${...}`` and drive letters are not split."""
    sections: list[str] = []
    buffer: list[str] = []
    depth = 0
    for i, char in enumerate(spec):
        if char == "$" and spec[i + 1 : i + 2] == "{":
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
        elif char == ":" and depth == 0 and not _is_drive(buffer, char):
            sections.append("".join(buffer))
            buffer = []
            continue
        buffer.append(char)
    sections.append("".join(buffer))
    return sections


def parse_volume(spec: str, loc: Location | None = None) -> dict[str, Any]:
    """Parse ``SOURCE:TARGET[:OPTS]`` or ``TARGET`` into the long syntax compose-go prints."""
    if not spec:
        raise SchemaError("invalid empty volume spec", loc)
    if len(spec) <= 2:
        return {"type": "volume", "target": spec}
    sections = _split_spec(spec)
    for section in sections[:3]:
        if not section:
            raise SchemaError(f"invalid spec: {spec}: empty section between colons", loc)
    if len(sections) > 3:
        raise SchemaError(f"invalid spec: {spec}: too many colons", loc)
    source = sections[0] if len(sections) > 1 else ""
    target = sections[1] if len(sections) > 1 else sections[0]
    read_only = False
    bind: dict[str, Any] | None = None
    volume: dict[str, Any] | None = None
    if len(sections) == 3:
        for option in sections[2].split(","):
            if option == "ro":
                read_only = True
            elif option == "rw":
                read_only = False
            elif option == "nocopy":
                volume = {"nocopy": True}
            elif option in _BIND_OPTIONS:
                bind = bind if bind is not None else {}
                bind["selinux" if option in ("z", "Z") else "propagation"] = option
    out: dict[str, Any] = {}
    if _is_file_path(source):
        out["type"] = "bind"
        bind = bind if bind is not None else {}
        bind["create_host_path"] = True
    else:
        out["type"] = "volume"
        volume = volume if volume is not None else {}
    if source:
        out["source"] = source
    out["target"] = go_path_clean(target)
    if read_only:
        out["read_only"] = True
    if bind is not None:
        out["bind"] = bind
    if volume is not None:
        out["volume"] = volume
    return out


def long_volume(mount: LocMap) -> LocMap:
    """Long syntax kept; target cleaned and ``tmpfs.size`` turned into a byte string."""
    out = LocMap(mount, loc=mount.loc)
    out.locs.update(mount.locs)
    target = out.get("target")
    if isinstance(target, str) and target:
        out["target"] = go_path_clean(target)
    tmpfs = out.get("tmpfs")
    if isinstance(tmpfs, dict) and "size" in tmpfs:
        new = LocMap(tmpfs, loc=getattr(tmpfs, "loc", None))
        new.locs.update(getattr(tmpfs, "locs", {}))
        new["size"] = str(parse_bytes(tmpfs["size"], new.loc_of("size")))
        out["tmpfs"] = new
    return out
