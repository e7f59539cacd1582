"""Pick the ``diagrams`` icon of a service: from its image, its build context, or an override.

Icons are named by their path under the ``resources`` folder of the ``diagrams`` package
(``onprem/database/postgresql.png``), never by an absolute path, so that DOT output is the same
on every machine; :func:`resources_dir` says where those files are for Graphviz.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from functools import cache
from pathlib import Path

from composedoc.diagram.icon_table import (
    BASE_LANGUAGE_ICONS,
    EXPORTER_ICON,
    FRAMEWORK_MARKERS,
    GENERIC_CONTAINER,
    IMAGE_ICONS,
    ORG_ICONS,
    SUFFIX_PRODUCTS,
    VARIANT_WORDS,
)

log = logging.getLogger("composedoc")

_READ_LIMIT = 256 * 1024
_FROM = re.compile(
    r"^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*(\S+)(?:[ \t]+AS[ \t]+(\S+))?", re.IGNORECASE | re.MULTILINE
)


@cache
def resources_dir() -> Path:
    """The folder holding the icon PNGs of ``diagrams`` (found without importing it)."""
    spec = importlib.util.find_spec("diagrams")
    if spec is None or spec.origin is None:
        return Path("resources")
    return Path(spec.origin).parent.parent / "resources"


def image_name(reference: str) -> str:
    """``registry:5000/org/app:1.2@sha256:..`` -> ``org/app`` (``library/`` dropped)."""
    ref = reference.strip().lower().split("@", 1)[0]
    parts = ref.split("/")
    if parts and ":" in parts[-1]:
        parts[-1] = parts[-1].split(":", 1)[0]
    first = parts[0]
    if len(parts) > 1 and ("." in first or ":" in first or first == "localhost"):
        parts = parts[1:]
    if len(parts) > 1 and parts[0] == "library":
        parts = parts[1:]
    return "/".join(parts)


def _words(component: str) -> list[str]:
    return [word for word in re.split(r"[-_.]", component) if word]


def _is_variant(word: str) -> bool:
    """A word that names a flavour of the same product (``server``, ``alpine``, ``16``)."""
    return word in VARIANT_WORDS or re.fullmatch(r"v?\d+[a-z]?", word) is not None


def _lookup(name: str, table: dict[str, str]) -> str | None:
    """Full path, shorter paths, then the name less its flavour words, then its last product word.

    ``valkey-cluster`` is Valkey and ``rs-mysql-db`` is a MySQL database, but
    ``postgres-backup`` or ``redis-commander`` are other programs: a word that is not a
    flavour (``backup``, ``commander``, ``ui``) stops the match, so they get a generic icon.
    """
    parts = name.split("/")
    for start in range(len(parts)):
        hit = table.get("/".join(parts[start:]))
        if hit:
            return hit
    words = _words(parts[-1])
    for end in range(len(words) - 1, 0, -1):
        if all(_is_variant(word) for word in words[end:]):
            hit = table.get("-".join(words[:end]))
            if hit:
                return hit
    core = [word for word in words if not _is_variant(word)]
    if len(core) > 1:
        return table.get(core[-1]) if core[-1] in SUFFIX_PRODUCTS else None
    return None


def icon_for_image(reference: str) -> str | None:
    """The icon matching an image reference, or None when the table has no entry for it."""
    if not reference or "$" in reference:
        return None
    name = image_name(reference)
    parts = name.split("/")
    if "exporter" in _words(parts[-1]):
        return EXPORTER_ICON  # a Prometheus exporter, not the database it watches
    found = _lookup(name, IMAGE_ICONS)
    if found is None and len(parts) > 1:
        found = ORG_ICONS.get(parts[-2])
    return found


def _read_small(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(_READ_LIMIT).decode("utf-8", "replace")
    except OSError:
        return ""


def sniff_build_icon(context: Path, dockerfile: str | None = None) -> str | None:
    """Language or framework icon of a build context: its manifests, then its ``FROM`` lines.

    Framework files (requirements.txt, package.json, pom.xml, ...) say more than the base
    image; among the ``FROM`` lines a language base image wins over the final runtime stage
    (``FROM node AS build`` + ``FROM nginx`` is a Node app).
    """
    if not context.is_dir():
        return None
    for filename, marker, icon in FRAMEWORK_MARKERS:
        if marker in _read_small(context / filename).lower():
            return icon
    text = _read_small(context / (dockerfile or "Dockerfile"))
    stages: set[str] = set()
    fallback: str | None = None
    for match in _FROM.finditer(text):
        base, alias = match.group(1), match.group(2)
        if alias:
            stages.add(alias.lower())
        if base.lower() in stages or "$" in base:
            continue
        name = image_name(base)
        language = _lookup(name, BASE_LANGUAGE_ICONS)
        if language:
            return language
        found = _lookup(name, IMAGE_ICONS)
        if found and not found.startswith("generic/os/"):
            fallback = fallback or found  # a bare OS base image says nothing: keep looking
    return fallback


def _class_icon(path: str) -> str | None:
    """``diagrams.onprem.database.PostgreSQL`` -> ``onprem/database/postgresql.png``."""
    parts = path.removeprefix("diagrams.").split(".")
    if len(parts) < 2:
        return None
    folder = resources_dir().joinpath(*parts[:-1])
    wanted = parts[-1].lower()
    if not folder.is_dir():
        return None
    for candidate in sorted(folder.glob("*.png")):
        if candidate.stem.replace("-", "").lower() == wanted:
            return "/".join([*parts[:-1], candidate.name])
    return None


def resolve_override(value: str) -> str | None:
    """An icon override: a resource path, a ``diagrams`` class path, or an image name."""
    value = value.strip()
    if value.endswith(".png") and ".." not in value and not value.startswith("/"):
        if (resources_dir() / value).is_file():
            return value
        return None
    if "." in value and "/" not in value and value[:1].islower():
        found = _class_icon(value)
        if found:
            return found
    return icon_for_image(value)


def service_icon(image: str | None, build_icon: str | None, override: str | None) -> str:
    """Override, then image table, then the build context's icon, then a generic container."""
    if override:
        found = resolve_override(override)
        if found:
            return found
        log.warning("icon %r is not a diagrams icon; using the image's icon", override)
    if image:
        found = icon_for_image(image)
        if found:
            return found
    return build_icon or GENERIC_CONTAINER


def build_icons(graph: object, project_dir: str) -> dict[str, str]:
    """Service node id -> icon sniffed from its local build context (URLs are skipped)."""
    found: dict[str, str] = {}
    nodes = getattr(graph, "nodes", None)
    if nodes is None:
        return found
    base = Path(project_dir)
    for node_id, data in sorted(nodes(data=True)):
        build = data.get("build") if data.get("kind") == "service" else None
        if not isinstance(build, dict) or not build.get("context"):
            continue
        context = str(build["context"])
        if "://" in context or context.startswith(("git@", "github.com/")):
            continue
        path = Path(context).expanduser() if context.startswith("~") else base / context
        dockerfile = build.get("dockerfile")
        icon = sniff_build_icon(path, str(dockerfile) if dockerfile else None)
        if icon:
            found[node_id] = icon
    return found
