"""Read a local Dockerfile for the docs: stages, base images, ``EXPOSE`` and the stage that ships.

This is a reader, not a builder: nothing is executed, nothing is fetched, ``ARG`` values are
not substituted (``FROM node:${NODE}`` is shown as written). Input is untrusted: the text is
size-capped, odd bytes are replaced, heredocs are skipped and unknown instructions ignored;
the parser never raises on content, it records a note instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = ["MAX_BYTES", "DockerfileInfo", "Stage", "parse_dockerfile", "read_dockerfile"]

MAX_BYTES = 1_000_000
MAX_STAGES = 200
_DIRECTIVE = re.compile(r"#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$")
_HEREDOC = re.compile(r"<<-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1")
_FLAG = re.compile(r"--([a-z-]+)(?:=(\S*))?")


@dataclass(frozen=True)
class Stage:
    """One ``FROM``. ``base_stage`` is set when ``base`` names an earlier stage."""

    index: int
    base: str
    line: int
    name: str | None = None
    platform: str | None = None
    base_stage: str | None = None
    expose: tuple[str, ...] = ()
    copies_from: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The stage's name, or its index as Docker numbers unnamed stages."""
        return self.name if self.name is not None else str(self.index)


@dataclass(frozen=True)
class DockerfileInfo:
    """What a Dockerfile says about the image it builds."""

    path: str
    stages: tuple[Stage, ...] = ()
    target: str | None = None
    syntax: str | None = None
    truncated: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def multi_stage(self) -> bool:
        return len(self.stages) > 1

    @property
    def final(self) -> Stage | None:
        """The stage that ships: ``build.target`` when it names one, else the last."""
        if not self.stages:
            return None
        if self.target is not None:
            for stage in self.stages:
                if stage.name is not None and stage.name.lower() == self.target.lower():
                    return stage
        return self.stages[-1]

    def chain(self) -> tuple[Stage, ...]:
        """The shipped stage and the stages it is built ``FROM``, base first."""
        by_name = {s.name.lower(): s for s in self.stages if s.name}
        out: list[Stage] = []
        stage = self.final
        while stage is not None and stage not in out:
            out.append(stage)
            stage = by_name.get(stage.base_stage.lower()) if stage.base_stage else None
        return tuple(reversed(out))

    def base_images(self) -> tuple[str, ...]:
        """Images pulled from a registry (``scratch`` and stage names left out), sorted."""
        return tuple(
            sorted({s.base for s in self.stages if s.base_stage is None and s.base != "scratch"})
        )


def _logical_lines(text: str, escape: str) -> list[tuple[int, str]]:
    """Join continuation lines, drop comments and heredoc bodies; (first line number, text)."""
    out: list[tuple[int, str]] = []
    lines = text.splitlines()
    i = 0
    buf: list[str] = []
    start = 0
    while i < len(lines):
        raw = lines[i]
        i += 1
        stripped = raw.strip()
        if not buf and (not stripped or stripped.startswith("#")):
            continue
        if buf and stripped.startswith("#"):
            continue  # comment lines inside a continuation are dropped
        if not buf:
            start = i
        if stripped.endswith(escape) and not stripped.endswith(escape * 2):
            buf.append(stripped[: -len(escape)])
            continue
        buf.append(stripped)
        joined = " ".join(buf)
        buf = []
        out.append((start, joined))
        for match in _HEREDOC.finditer(joined):
            end = match.group(2)
            while i < len(lines) and lines[i].strip() != end:
                i += 1
            i += 1
    if buf:
        out.append((start, " ".join(buf)))
    return out


def _directives(text: str) -> dict[str, str]:
    """Parser directives at the very top (``# syntax=``, ``# escape=``)."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        match = _DIRECTIVE.match(line.strip())
        if not match:
            break
        found.setdefault(match.group(1).lower(), match.group(2))
    return found


def parse_dockerfile(
    text: str, path: str = "Dockerfile", target: str | None = None, truncated: bool = False
) -> DockerfileInfo:
    """Parse Dockerfile text; never raises on odd content. ``truncated``: the caller cut it."""
    notes: list[str] = []
    if len(text) > MAX_BYTES:
        text, truncated = text[:MAX_BYTES], True
    if truncated:
        notes.append(f"only the first {MAX_BYTES} bytes were read")
    directives = _directives(text)
    escape = directives.get("escape", "\\")
    if escape not in ("\\", "`"):
        escape = "\\"
    stages: list[Stage] = []
    for line_no, line in _logical_lines(text, escape):
        word, _, rest = line.partition(" ")
        instruction = word.upper()
        if instruction == "FROM":
            if len(stages) >= MAX_STAGES:
                notes.append(f"more than {MAX_STAGES} stages; the rest were skipped")
                break
            stage = _from(rest, len(stages), line_no, {s.name.lower() for s in stages if s.name})
            if stage is None:
                notes.append(f"line {line_no}: FROM without an image")
            else:
                stages.append(stage)
        elif not stages:
            continue
        elif instruction == "EXPOSE":
            stages[-1] = replace(stages[-1], expose=(*stages[-1].expose, *rest.split()))
        elif instruction in ("COPY", "ADD", "RUN"):
            for flag, value in _FLAG.findall(rest):
                if (flag == "from" and instruction != "RUN") or (
                    flag == "mount" and "from=" in value
                ):
                    source = value if flag == "from" else _mount_from(value)
                    if source and source not in stages[-1].copies_from:
                        copies = (*stages[-1].copies_from, source)
                        stages[-1] = replace(stages[-1], copies_from=copies)
    if not stages:
        notes.append("no FROM instruction")
    return DockerfileInfo(
        path=path,
        stages=tuple(stages),
        target=target,
        syntax=directives.get("syntax"),
        truncated=truncated,
        notes=tuple(notes),
    )


def _mount_from(value: str) -> str | None:
    for part in value.split(","):
        key, _, found = part.partition("=")
        if key == "from":
            return found or None
    return None


def _from(rest: str, index: int, line: int, names: set[str]) -> Stage | None:
    """A ``FROM [--platform=P] image [AS name]``; ``names`` are the earlier stages' names."""
    words = rest.split()
    platform = None
    while words and words[0].startswith("--"):
        flag = words.pop(0)
        if flag.startswith("--platform="):
            platform = flag.split("=", 1)[1]
    if not words:
        return None
    base = words[0]
    name = words[2] if len(words) >= 3 and words[1].lower() == "as" else None
    base_stage = base if base.lower() in names else None
    return Stage(index, base, line, name, platform, base_stage)


def read_dockerfile(path: Path, shown: str, target: str | None = None) -> DockerfileInfo | None:
    """Read at most :data:`MAX_BYTES` of a local Dockerfile; ``None`` if it cannot be read."""
    try:
        if not path.is_file():
            return None
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    text = data[:MAX_BYTES].decode("utf-8", "replace")
    return parse_dockerfile(text, shown, target, truncated=len(data) > MAX_BYTES)
