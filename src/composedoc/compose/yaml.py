"""Read Compose YAML the way Docker Compose (go-yaml v3) does, with locations and limits.

PyYAML's loaders speak YAML 1.1 (``22:22`` is 1342, ``yes`` is True, no ``!reset``), reject
redefined anchors and build no locations, so we drive libyaml's event stream ourselves and
build :class:`LocMap`/:class:`LocList` directly (no node tree: about 3x faster than
``CSafeLoader``). Scalars resolve by go-yaml v3's rules (reference §9). The reader is also the
first line of defence against hostile input: size, depth and alias-expansion limits.

Decisions the callers rely on:

* every document is returned, an empty one (``---`` alone) as ``None``; a file without any
  document (empty, comments only) gives ``[]`` (the caller says "empty compose file");
* anchors stay defined across the documents of one file (go-yaml does the same), and a
  later ``&name`` replaces an earlier one;
* aliased values are *shared* objects: treat the tree as immutable;
* a timestamp (``2024-01-01``) is an error (Compose: ``invalid jsonType time.Time``) except
  under an ``x-`` key, where Compose keeps it and prints it in RFC 3339: we return that string.
"""

from __future__ import annotations

import re
from typing import Any, NoReturn

import yaml as _pyyaml
import yaml.events as _ev

from composedoc.compose.located import LocList, LocMap
from composedoc.compose.yaml_scalars import (
    PLAIN_HINT,
    Timestamp,
    go_key_repr,
    resolve_plain,
    resolve_tagged,
)
from composedoc.compose.yaml_types import Override, Reset, YamlLimits
from composedoc.errors import ComposeFileError, LimitError, Location, SchemaError
from composedoc.limits import active

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader as _PyReader
    from yaml.scanner import Scanner as _PyScanner

    class _Parser(_PyReader, _PyScanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream: bytes) -> None:
            _PyReader.__init__(self, stream)
            _PyScanner.__init__(self)
            _PyParser.__init__(self)


__all__ = ["Override", "Reset", "YamlLimits", "parse_documents", "parse_located_documents"]


_MISSING: Any = object()
_IN_PROGRESS: Any = object()
_MERGE: Any = object()
_new = object.__new__


class _Frame:
    """A mapping or sequence being built, with what an error message needs."""

    __slots__ = ("anchor", "box", "key", "keylines", "loc", "merge_at", "merges", "start", "tag")

    def __init__(
        self, box: Any, loc: Location, anchor: str | None, tag: str | None, start: int
    ) -> None:
        self.box = box
        self.loc = loc
        self.anchor = anchor
        self.tag = tag
        self.key: Any = _MISSING  # mapping: key waiting for its value
        self.keylines: dict[str, int] = {}
        self.merges: list[LocMap] | None = None
        self.merge_at = 0
        self.start = start  # node count when this container started (for its size)


class _Builder:
    """Turns the libyaml event stream of one file into Python values."""

    def __init__(self, filename: str, limits: YamlLimits) -> None:
        self.file = filename
        self.limits = limits
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.alias_nodes = 0
        self.roots: list[Location] = []  # where each document's root node starts

    def path(self) -> str:
        """Compose-style path of the value being built (``services.web.ports[1]``)."""
        out = ""
        for fr in self.stack[1:]:
            if isinstance(fr.box, LocList):
                out += f"[{len(fr.box)}]"
            elif fr.key is not _MISSING:
                out += f".{fr.key}" if out else str(fr.key)
        return out

    def fail(
        self, msg: str, loc: Location | None, cls: type[ComposeFileError] = ComposeFileError
    ) -> NoReturn:
        raise cls(msg, loc)

    def loc(self, mark: Any) -> Location:
        """A Location without the frozen-dataclass ``__init__`` (4x faster; hot path)."""
        loc: Location = _new(Location)
        d = loc.__dict__
        d["file"] = self.file
        d["line"] = mark.line + 1
        d["column"] = mark.column + 1
        d["path"] = ""
        return loc

    def run(self, parser: Any) -> list[Any]:
        """Consume every event; return the documents."""
        stack, anchors, limits, make_loc = self.stack, self.anchors, self.limits, self.loc
        get, file, new, loc_cls, hints = parser.get_event, self.file, _new, Location, PLAIN_HINT
        scalar_ev, alias_ev = _ev.ScalarEvent, _ev.AliasEvent
        map_ev, seq_ev = _ev.MappingStartEvent, _ev.SequenceStartEvent
        end_evs = (_ev.MappingEndEvent, _ev.SequenceEndEvent)
        docs: list[Any] = []
        stack.append(_Frame(docs, Location(self.file), None, None, 0))
        count = 0  # nodes so far, aliases counted expanded: sizes of anchored nodes
        while (ev := get()) is not None:
            cls = ev.__class__
            if cls is scalar_ev:
                count += 1
                fr = stack[-1]
                text = ev.value
                box = fr.box
                if ev.tag is None and ev.anchor is None and box.__class__ is not list:
                    # Fast path: an untagged key or value in a container (most of a file).
                    mark = ev.start_mark
                    plain = not ev.style
                    key = fr.key
                    if key is _MISSING and box.__class__ is LocMap:
                        if plain and text == "<<":
                            key = _MERGE
                        elif not plain or text[:1] not in hints:
                            key = text
                        else:
                            key = resolve_plain(text)
                            if key.__class__ is not str:
                                self.bad_key(key, make_loc(mark))
                        if text in fr.keylines:
                            self.duplicate(text, fr.keylines[text], make_loc(mark))
                        fr.keylines[text] = mark.line + 1
                        fr.key = key
                        continue
                    loc = new(loc_cls)  # inlined make_loc: this runs for every value
                    d = loc.__dict__
                    d["file"] = file
                    d["line"] = mark.line + 1
                    d["column"] = mark.column + 1
                    d["path"] = ""
                    if not plain or text[:1] not in hints:
                        value = text
                    else:
                        value = resolve_plain(text)
                        if value.__class__ is Timestamp:
                            value = self.timestamp(value, loc)
                    if box.__class__ is LocList:
                        box.append(value)
                        box.locs.append(loc)
                    elif key is _MERGE:
                        fr.key = _MISSING
                        self.merge_value(fr, value, loc)
                    else:
                        fr.key = _MISSING
                        box[key] = value
                        box.locs[key] = loc
                    continue
                loc = make_loc(ev.start_mark)
                tag = ev.tag
                if tag is None:
                    value = resolve_plain(text) if not ev.style else text
                else:
                    try:
                        value = resolve_tagged(tag, text)
                    except ValueError as exc:
                        self.fail(str(exc), loc)
                    if tag == "!reset":
                        value = Reset(value, loc)
                    elif tag == "!override":
                        value = Override(value, loc)
                if ev.anchor is not None:
                    anchors[ev.anchor] = (value, 1)
                self.add(value, loc, tag is None and text == "<<" and not ev.style, text)
            elif cls is map_ev or cls is seq_ev:
                count += 1
                loc = make_loc(ev.start_mark)
                if len(stack) > limits.max_depth:
                    self.fail(f"nesting deeper than {limits.max_depth}", loc, LimitError)
                cont = LocMap(loc=loc) if cls is map_ev else LocList(loc=loc)
                if ev.anchor is not None:
                    anchors[ev.anchor] = (_IN_PROGRESS, 0)
                stack.append(_Frame(cont, loc, ev.anchor, ev.tag, count))
            elif cls in end_evs:
                fr = stack.pop()
                if fr.merges is None and fr.tag is None and fr.anchor is None:
                    up = stack[-1]  # fast path: a plain container into its parent
                    box, key = up.box, up.key
                    if box.__class__ is LocList:
                        box.append(fr.box)
                        box.locs.append(fr.loc)
                        continue
                    if box.__class__ is LocMap and key is not _MISSING and key is not _MERGE:
                        up.key = _MISSING
                        box[key] = fr.box
                        box.locs[key] = fr.loc
                        continue
                value = self.finish(fr) if fr.merges else fr.box
                if fr.tag == "!reset":
                    value = Reset(value, fr.loc)
                elif fr.tag == "!override":
                    value = Override(value, fr.loc)
                if fr.anchor is not None:
                    anchors[fr.anchor] = (value, count - fr.start + 1)
                self.add(value, fr.loc, False, None)
            elif cls is alias_ev:
                loc = make_loc(ev.start_mark)
                value, size = anchors.get(ev.anchor, (_MISSING, 0))
                if value is _MISSING:
                    self.fail(f"unknown anchor '{ev.anchor}' referenced", loc)
                if value is _IN_PROGRESS:
                    where = self.path() or "top level"
                    msg = f"cycle detected: alias *{ev.anchor} at {where} is inside its anchor"
                    self.fail(msg, loc)
                count += size
                self.alias_nodes += size
                if self.alias_nodes > limits.max_alias_nodes:
                    self.fail(
                        f"aliases expand to more than {limits.max_alias_nodes} nodes (alias bomb?)",
                        loc,
                        LimitError,
                    )
                self.add(value, loc, False, None)
        return docs

    def add(self, value: Any, loc: Location, merge: bool, text: str | None) -> None:
        """Put a finished value into the container on top of the stack."""
        fr = self.stack[-1]
        box = fr.box
        if value.__class__ is Timestamp and (box.__class__ is LocList or fr.key is not _MISSING):
            value = self.timestamp(value, loc)
        if box.__class__ is LocList:
            box.append(value)
            box.locs.append(loc)
            return
        if box.__class__ is not LocMap:  # the document list
            box.append(value.rfc3339() if value.__class__ is Timestamp else value)
            self.roots.append(loc)
            return
        key = fr.key
        if key is _MISSING:  # this value is a key
            raw = text if text is not None else value
            if isinstance(raw, str) and raw in fr.keylines:
                self.duplicate(raw, fr.keylines[raw], loc)
            if isinstance(raw, str):
                fr.keylines[raw] = loc.line
            if merge:
                fr.key = _MERGE
            elif value.__class__ is str:
                fr.key = value
            else:
                self.bad_key(value, loc)
            return
        fr.key = _MISSING
        if key is _MERGE:
            self.merge_value(fr, value, loc)
            return
        box[key] = value
        box.locs[key] = loc

    def merge_value(self, fr: _Frame, value: Any, loc: Location) -> None:
        """``<<: *a`` / ``<<: [*a, *b]`` / ``<<: {...}``: remembered, applied at the end."""
        sources = value if isinstance(value, LocList) else [value]
        if not sources or not all(isinstance(s, LocMap) for s in sources):
            self.fail("map merge requires map or sequence of maps as the value", loc)
        fr.merges = list(sources)
        fr.merge_at = len(fr.box)

    def finish(self, fr: _Frame) -> LocMap:
        """Apply merge keys: explicit keys win, then the first source that has the key."""
        own: LocMap = fr.box
        out = LocMap(loc=own.loc)
        items = list(own.items())
        for k, v in items[: fr.merge_at]:
            out[k] = v
            out.locs[k] = own.locs[k]
        for src in fr.merges or ():
            for k, v in src.items():
                if k not in own and k not in out:
                    out[k] = v
                    out.locs[k] = src.locs[k]
        for k, v in items[fr.merge_at :]:
            out[k] = v
            out.locs[k] = own.locs[k]
        return out

    def timestamp(self, ts: Timestamp, loc: Location) -> str:
        """Compose keeps timestamps only in extensions (``x-*``); elsewhere they fail schema."""
        path = self.path()
        if any(p.startswith("x-") for p in re.split(r"[.\[]", path)):
            return ts.rfc3339()
        raise SchemaError(f"{path} invalid jsonType time.Time", loc)

    def duplicate(self, key: str, first: int, loc: Location) -> NoReturn:
        self.fail(f"mapping key {_go_q(key)} already defined at line {first}", loc)

    def bad_key(self, value: Any, loc: Location) -> NoReturn:
        """compose-go's wording; the path is the mapping's (its pending key is unset)."""
        where = self.path()
        place = f"in {where}" if where else "at top level"
        at = Location(loc.file, loc.line, loc.column, where)
        self.fail(f"non-string key {place}: {go_key_repr(value)}", at)


def _go_q(s: str) -> str:
    """Go's ``%#v``/``%q`` of a string, close enough for messages (one line, escaped)."""
    import json  # here: only this error message needs it

    return json.dumps(s, ensure_ascii=False)


def parse_located_documents(
    data: bytes | str, filename: str, *, limits: YamlLimits | None = None
) -> list[tuple[Any, Location]]:
    """:func:`parse_documents` with where each document's root node starts: a scalar document
    (``42``) has no location of its own, and its error must still say ``file:line:col``."""
    builder = _Builder(filename, limits or YamlLimits.from_limits(active()))
    docs = _run(builder, data)
    return list(zip(docs, builder.roots, strict=True))


def parse_documents(
    data: bytes | str, filename: str, *, limits: YamlLimits | None = None
) -> list[Any]:
    """Every YAML document of one file, ``None`` for an empty one, ``[]`` for no document.

    Mappings are :class:`LocMap`, sequences :class:`LocList` (locations are 1-based, ``file``
    is ``filename``); scalars are str/int/float/bool/None read as go-yaml v3 reads them;
    ``!reset``/``!override`` give :class:`Reset`/:class:`Override`. Raises
    :class:`ComposeFileError` (syntax, encoding, keys, tags), :class:`LimitError` (size,
    depth, aliases) or :class:`SchemaError` (a timestamp outside ``x-*``).
    """
    return _run(_Builder(filename, limits or YamlLimits.from_limits(active())), data)


def _run(builder: _Builder, data: bytes | str) -> list[Any]:
    filename, lim = builder.file, builder.limits
    if isinstance(data, str):
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ComposeFileError(
                f"invalid character at offset {exc.start}", Location(filename)
            ) from None
    else:
        raw = bytes(data)
    if len(raw) > lim.max_bytes:
        raise LimitError(
            f"file is {len(raw)} bytes, more than the limit of {lim.max_bytes}", Location(filename)
        )
    try:
        return builder.run(_Parser(raw))
    except _pyyaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(filename, mark.line + 1, mark.column + 1) if mark else Location(filename)
        msg = exc.problem or "invalid YAML"
        if exc.context:
            msg = f"{msg} ({exc.context})"
        raise ComposeFileError(msg, loc) from None
    except _pyyaml.reader.ReaderError as exc:
        raise ComposeFileError(exc.reason, _byte_location(raw, exc.position, filename)) from None


def _byte_location(raw: bytes, offset: int, filename: str) -> Location:
    """1-based line and column (in characters) of a byte offset."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", "replace")) + 1
    return Location(filename, raw.count(b"\n", 0, offset) + 1, column)
