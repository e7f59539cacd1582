"""Hypothesis strategies for whole Compose projects of several files, written as YAML text.

A project is a folder: ``compose.yaml``, maybe an override (``compose.override.yaml`` found by
discovery, or ``override.yaml`` given with ``-f``) using ``!reset`` and ``!override``, a
``base.yaml`` that services extend, an included ``inc/compose.yaml``, a ``.env``, env files
named by ``env_file`` or by ``COMPOSE_ENV_FILES``. Values take the shapes Compose prints in
ways easy to get wrong: device short syntax, block scalars starting with spaces or line breaks
(written as literal and folded blocks too), time-like strings, ``&<>``, tabs, U+2028, a BOM.
The files are text, so the oracle comparison does not need to know what they mean.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

SERVICES = ["web", "db", "cache", "worker"]
SHAPES = [
    "03:00", "0:0", "09:59", "-03:00", "05:5", "1:30.5", "12:30:45", "1:60", "03:00 UTC",
    "  lead", "\n  x\nnext\n", "a\n\n", "\n", "\n\n", "x\n  y", "  two\n  lines\n", " tail\n",
    "a \nb", "a\n b \n", "a\nb\t\n", "\ta\nb", "<b>&amp;</b>", "a && b > c < d", "tab\there",
    "line\u2028sep", "\ufeffbom", "caf\u00e9 \u00a0x", "yes", "on", "N", "=", "<<", "1e3",
    "0x1F", "0o17", "1_000", "~", "", "null", "$$HOME", "${X}", "${UNSET:-def}", "#hash",
    "a #b", "- dash", "key: v", "[x]", "{y}", "'q'", '"dq"', " trail ", "0755", "2024-01-01",
    "2024-01-01 10:00:00", ".5", "+1", "-", "?", ":", "---", "...", "k" * 130,
]  # fmt: skip
ALPHABET = [*" \t\n:#-?0159abex'\"\u2028_.+TZ=<>&~|%@`,[]{}\\\u00e9", "12:30", "0:0"]


@dataclass(frozen=True)
class Tag:
    """A value written with a YAML tag (``!reset``, ``!override``)."""

    tag: str
    value: Any


@dataclass(frozen=True)
class Block:
    """A block scalar written as is: ``|`` or ``>`` with its indicators, then its lines."""

    header: str
    lines: tuple[str, ...]


@dataclass
class Project:
    """The files of a project folder, the flags and the environment to run it with."""

    files: dict[str, str] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        return {"files": self.files, "args": self.args, "env": self.env}


# ----------------------------------------------------------------------------- YAML text
def _string(text: str) -> str:
    """A double-quoted YAML string (JSON's escapes, none of the raw characters YAML forbids)."""
    out = json.dumps(text, ensure_ascii=False)
    for char in ("\x7f", "\x85", "\ufeff", "\u2028", "\u2029"):
        out = out.replace(char, f"\\u{ord(char):04x}")
    return out


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def to_text(node: Any, indent: str = "") -> str:
    """Block YAML for dicts, lists, scalars, :class:`Tag` and :class:`Block` values."""
    lines: list[str] = []
    _emit(node, indent, lines)
    return "\n".join(lines) + "\n"


def _inline(value: Any, indent: str, lines: list[str], head: str) -> None:
    """``head`` (``key:`` or ``-``) followed by ``value``, at ``indent``."""
    tag = ""
    if isinstance(value, Tag):
        tag, value = " " + value.tag, value.value
    if isinstance(value, Block):
        lines.append(f"{indent}{head}{tag} {value.header}")
        lines.extend(f"{indent}  {line}" if line else "" for line in value.lines)
    elif isinstance(value, (dict, list)) and value:
        lines.append(f"{indent}{head}{tag}")
        _emit(value, indent + "  ", lines)
    elif isinstance(value, (dict, list)):
        lines.append(f"{indent}{head}{tag} {'{}' if isinstance(value, dict) else '[]'}")
    elif tag and value is None:
        lines.append(f"{indent}{head}{tag}")
    else:
        lines.append(f"{indent}{head}{tag} {_scalar(value)}")


def _emit(node: Any, indent: str, lines: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _inline(value, indent, lines, _string(key) + ":")
    else:
        for item in node:
            _inline(item, indent, lines, "-")


# ----------------------------------------------------------------------------- values
shapes = st.one_of(
    st.sampled_from(SHAPES),
    st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=6).map("".join),
)


@st.composite
def blocks(draw: st.DrawFn) -> Block:
    """A literal or folded block: indicators, more-indented and empty lines, trailing blanks."""
    style = draw(st.sampled_from(["|", ">"]))
    hint = draw(st.sampled_from(["", "", "2"]))
    chomp = draw(st.sampled_from(["", "-", "+"]))
    words = st.sampled_from(["sh -c", '"echo hi"', "done", "a && b", "x: y", "# c", "03:00"])
    lines = draw(
        st.lists(
            st.tuples(st.sampled_from(["", "", " ", "  ", "    "]), words, st.booleans()),
            min_size=1,
            max_size=4,
        )
    )
    body = [("" if empty else pad + word) for pad, word, empty in lines]
    if not hint:  # the first line with text sets the indentation: none may have less
        first = next((i for i, line in enumerate(body) if line), None)
        if first is None:
            body.append("x")
        else:
            body[first] = body[first].lstrip()
    return Block(style + hint + chomp, tuple(body))


texts = st.one_of(shapes, shapes, blocks())
DEVICES = [
    "/dev/kfd", "/dev/dri:/dev/dri", "/dev/sda:/dev/xvda:r", "nvidia.com/gpu=all", "/dev/x:",
    ":/dev/y", "/dev/z::rw", "a:b:c:d", "/dev/t:/dev/same",
]  # fmt: skip
devices = st.one_of(
    st.sampled_from(DEVICES),
    st.fixed_dictionaries(
        {"source": st.just("/dev/a"), "target": st.sampled_from(["/dev/same", "/dev/c"])},
        optional={"permissions": st.sampled_from(["r", "rwm"])},
    ),
)
names = st.sampled_from(["A", "B", "X", "TZ", "CRON", "lower", "K_1"])


def _env(draw: st.DrawFn) -> Any:
    if draw(st.booleans()):
        return draw(st.dictionaries(names, st.one_of(texts, st.none(), st.integers()), max_size=3))
    return draw(st.lists(st.tuples(names, shapes).map("=".join), max_size=3))


@st.composite
def service(draw: st.DrawFn, others: list[str], files: list[str]) -> dict[str, Any]:
    """A service that Compose mostly accepts; some references (extends, depends_on) miss."""
    svc: dict[str, Any] = {"image": draw(st.sampled_from(["nginx", "redis:7", "app:${TAG:-1}"]))}
    table = {
        "environment": lambda: _env(draw),
        "labels": lambda: draw(st.dictionaries(st.sampled_from(["a", "com.x", "t"]), texts)),
        "command": lambda: draw(st.one_of(texts, st.lists(texts, max_size=3))),
        "entrypoint": lambda: draw(st.one_of(blocks(), st.lists(shapes, max_size=2))),
        "devices": lambda: draw(st.lists(devices, max_size=3)),
        "depends_on": lambda: draw(st.lists(st.sampled_from(others or ["db"]), unique=True)),
        "env_file": lambda: draw(st.sampled_from(files or ["app.env"])),
        "cpus": lambda: draw(st.sampled_from([0.5, 0.123456789, "1.5", 2, 0.000001234])),
        "ports": lambda: draw(st.lists(st.sampled_from(["80", "8080:80", "53:53/udp"]))),
        "x-meta": lambda: draw(st.one_of(texts, st.lists(texts, max_size=2))),
    }
    keys = sorted(table) if files else sorted(set(table) - {"env_file"})
    for key in draw(st.lists(st.sampled_from(keys), max_size=4, unique=True)):
        svc[key] = table[key]()
    return svc


@st.composite
def override_service(draw: st.DrawFn, others: list[str]) -> Any:
    """What an override file says about a service: reset it, override it, or merge into it."""
    kind = draw(st.sampled_from(["reset-null", "reset-map", "override", "merge", "merge"]))
    if kind == "reset-null":
        return Tag("!reset", None)
    if kind == "reset-map":
        return Tag("!reset", {})
    if kind == "override":
        return Tag("!override", draw(service(others, [])))
    part: dict[str, Any] = {}
    for key in draw(st.lists(st.sampled_from(["environment", "command", "devices", "ports"]))):
        value: Any = {
            "environment": draw(st.dictionaries(names, shapes, max_size=2)),
            "command": draw(st.lists(shapes, max_size=2)),
            "devices": draw(st.lists(devices, max_size=2)),
            "ports": ["9090:90"],
        }[key]
        marker = draw(st.sampled_from(["", "", "!reset", "!override"]))
        part[key] = Tag(marker, value) if marker else value
    return part


@st.composite
def projects(draw: st.DrawFn) -> Project:
    """A project folder of one to six files, its flags and its environment."""
    project = Project()
    env_lines = draw(st.lists(st.tuples(names, shapes), max_size=3))
    env_text = "".join(f"{k}={json.dumps(v)}\n" for k, v in env_lines if "\n" not in v)
    env_files = ["app.env"] if draw(st.booleans()) else []
    if env_files:
        project.files["app.env"] = env_text or "A=1\n"
    if draw(st.booleans()):
        project.files[".env"] = "TAG=2\nX=from-dotenv\n" + env_text
    names_ = draw(st.lists(st.sampled_from(SERVICES), min_size=1, max_size=3, unique=True))
    services = {n: draw(service([m for m in names_ if m != n], env_files)) for n in names_}
    model: dict[str, Any] = {"services": services}
    if draw(st.booleans()):  # extends across files
        project.files["base.yaml"] = to_text({"services": {"base": draw(service([], env_files))}})
        target = draw(st.sampled_from(names_))
        services[target]["extends"] = {"file": "base.yaml", "service": "base"}
    if draw(st.booleans()):
        inc = {"services": {"included": draw(service([], []))}}
        project.files["inc/compose.yaml"] = to_text(inc)
        model = {"include": ["inc/compose.yaml"], **model}
    if draw(st.booleans()):
        model["x-top"] = draw(texts)
    project.files["compose.yaml"] = to_text(model)
    if draw(st.booleans()):
        over = {n: draw(override_service(names_)) for n in draw(st.lists(st.sampled_from(names_)))}
        text = to_text({"services": over or {"extra": {"image": "busybox"}}})
        if draw(st.booleans()):
            project.files["compose.override.yaml"] = text
        else:
            project.files["override.yaml"] = text
            project.args = ["-f", "compose.yaml", "-f", "override.yaml"]
    if draw(st.integers(0, 4)) == 0:
        project.files["first.env"] = "X=first\nTAG=3\n"
        project.files["second.env"] = env_text or "B=second\n"
        project.env["COMPOSE_ENV_FILES"] = "first.env,second.env"
    return project
