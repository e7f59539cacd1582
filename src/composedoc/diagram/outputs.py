"""Diagrams of a project graph: DOT, SVG, PNG and Mermaid, as bytes keyed by file name.

``render_outputs`` is the one entry point front ends call; it never writes a file. Large
stacks come back as an overview (``<name>.<ext>``) plus one file per group
(``<name>.<group>.<ext>``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from composedoc.diagram.abstract import abstract_scene, should_abstract
from composedoc.diagram.communities import refine, structural_groups
from composedoc.diagram.fit import fit
from composedoc.diagram.grouping import GROUP_AT, SPLIT_AT, assign_groups, needs_split, split_scene
from composedoc.diagram.image import render_pngs, render_svgs
from composedoc.diagram.layout import adopt_bridges, tuck_resources, wrap_isolated
from composedoc.diagram.mermaid import scene_to_mermaid
from composedoc.diagram.scene import Scene, ViewOptions, build_scene
from composedoc.diagram.styled_dot import scene_to_dot
from composedoc.diagram.trial import TRIAL_MAX, try_layout
from composedoc.errors import LimitError
from composedoc.limits import Limits, active
from composedoc.model.project import paused_gc
from composedoc.options import FORMATS as DECLARED

__all__ = ["FORMATS", "ViewOptions", "render_outputs", "scenes_for"]

FORMATS = tuple(f.name for f in DECLARED if f.diagram)
LAYOUT_LOGGER = "composedoc.layout"
EXTENSIONS = {f.name: f.extension for f in DECLARED if f.diagram}


def _fitted(scenes: list[tuple[str, Scene]]) -> list[tuple[str, Scene]]:
    return [(name, fit(scene)) for name, scene in scenes]


def scenes_for(
    graph: Any,
    options: ViewOptions,
    build_icons: Mapping[str, str] | None = None,
    split: bool | None = None,
    overview_only: bool = False,
) -> list[tuple[str, Scene]]:
    """``[("", whole-or-overview), ("<group>", scene), ...]``; ``split=None`` decides alone.
    ``overview_only`` stops after the first scene (the same one, drawn the same way)."""
    with paused_gc():
        return _fitted(_scenes(graph, options, build_icons, split, overview_only))


def _scenes(
    graph: Any,
    options: ViewOptions,
    build_icons: Mapping[str, str] | None,
    split: bool | None,
    overview_only: bool = False,
) -> list[tuple[str, Scene]]:
    scene = build_scene(graph, options, build_icons)
    if options.abstract or (options.abstract is None and should_abstract(scene)):
        scene = abstract_scene(scene)
    scene = tuck_resources(adopt_bridges(scene))
    cards = sum(1 for n in scene.nodes.values() if n.kind == "service")
    if split is False or (split is None and not needs_split(scene)):
        why = "--no-split" if split is False else f"{cards} cards, at most {SPLIT_AT} fit"
        _say(f"{scene.title}: one diagram ({why})", small=split is None)
        return [("", wrap_isolated(scene))]
    if split is None and cards <= TRIAL_MAX:
        whole = fit(wrap_isolated(replace(scene, edges=list(scene.edges), same_rank=[])))
        trial = try_layout(whole)
        if trial is not None and trial.legible:
            _say(f"{scene.title}: one diagram ({cards} cards, laid out whole: {trial})")
            return [("", whole)]
        if trial is not None:
            _say(f"{scene.title}: laid out whole: {trial}; splitting")
    groups = assign_groups(scene, scene.memberships)
    how = "groups, files or networks"
    if len(set(groups.values())) < 2:
        groups = structural_groups(scene)
        how = "dependencies (one network, one file)"
    else:
        groups = refine(scene, groups, GROUP_AT)
    if len(set(groups.values())) < 2:  # one group is the whole stack again: draw it once
        _say(f"{scene.title}: one diagram ({cards} cards, nothing divides them)")
        return [("", wrap_isolated(scene))]
    why = "--split" if split else f"{cards} cards"
    _say(f"{scene.title}: overview + {len(set(groups.values()))} group diagrams, by {how} ({why})")
    parts = split_scene(scene, groups, with_parts=not overview_only)
    pictures = [(name, wrap_isolated(part)) for name, part in sorted(parts.groups.items())]
    return [("", wrap_isolated(parts.overview)), *pictures]


def _say(message: str, small: bool = False) -> None:
    """Why a stack was or was not split: INFO on ``composedoc.layout`` (the CLI prints it);
    a small stack drawn whole is no news, so DEBUG (``render -v`` prints it)."""
    logging.getLogger(LAYOUT_LOGGER).log(logging.DEBUG if small else logging.INFO, "%s", message)


def _linked(scene: Scene, name: str, ext: str) -> Scene:
    """Overview boxes link to their group's file (a relative name, never a path)."""
    if not any(n.kind == "group" for n in scene.nodes.values()):
        return scene
    nodes = {}
    for key, node in scene.nodes.items():
        slugs = [f[5:] for f in node.flags if f.startswith("slug:")]
        nodes[key] = replace(node, url=f"{name}.{slugs[0]}.{ext}") if slugs else node
    return replace(scene, nodes=nodes)


def render_outputs(
    graph: Any,
    formats: Iterable[str],
    name: str,
    options: ViewOptions | None = None,
    build_icons: Mapping[str, str] | None = None,
    split: bool | None = None,
    limits: Limits | None = None,
    overview_only: bool = False,
) -> dict[str, bytes]:
    """File name -> content for every asked format (deterministic: same graph, same bytes).

    ``overview_only`` draws the first diagram alone (the whole stack, or the overview of a
    split one): what a reference page embeds when no diagram file is asked.

    Images of all diagrams go through Graphviz in two batches run side by side: one ``dot``
    start-up per batch instead of one per diagram is what keeps large split stacks fast.
    A diagram above ``limits.max_layout_nodes`` is refused for images before any layout.
    """
    options = options or ViewOptions()
    wanted = [f for f in FORMATS if f in set(formats)]
    outputs: dict[str, bytes] = {}
    images: dict[str, list[tuple[str, str]]] = {"svg": [], "png": []}
    scenes = scenes_for(graph, options, build_icons, split, overview_only)
    image_formats = [f for f in wanted if f in images]
    if image_formats:
        _check_layout_size(scenes, image_formats, limits or active())
    for part, scene in scenes:
        stem = f"{name}.{part}" if part else name
        for fmt in wanted:
            target = f"{stem}.{EXTENSIONS[fmt]}"
            if fmt == "mermaid":
                outputs[target] = scene_to_mermaid(scene).encode("utf-8")
                continue
            dot_text = scene_to_dot(_linked(scene, name, EXTENSIONS[fmt]))
            if fmt == "dot":
                outputs[target] = dot_text.encode("utf-8")
            else:
                images[fmt].append((target, dot_text))
    batches = [(fmt, jobs[i::2]) for fmt, jobs in images.items() for i in range(2) if jobs[i::2]]
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [(jobs, pool.submit(_batch, fmt, [t for _, t in jobs])) for fmt, jobs in batches]
        for jobs, future in futures:
            for (target, _), data in zip(jobs, future.result(), strict=True):
                outputs[target] = data
    return dict(sorted(outputs.items()))


def _check_layout_size(scenes: list[tuple[str, Scene]], formats: list[str], limits: Limits) -> None:
    """Fail fast: Graphviz lays out 5,000 nodes in minutes and 100,000 never."""
    limit = limits.max_layout_nodes
    for part, scene in scenes:
        size = len(scene.nodes)
        if size > limit:
            which = f"group {part!r}" if part else "the diagram"
            raise LimitError(
                f"too many nodes to lay out as {'/'.join(formats)}: {which} has {size:,} nodes,"
                f" more than the limit of {limit:,} (COMPOSEDOC_LIMIT_MAX_LAYOUT_NODES)."
                " Draw a part with --focus or --exclude, split it into groups (--split,"
                " x-composedoc group), or write --format dot,mermaid"
            )


def _batch(fmt: str, dot_texts: list[str]) -> list[bytes]:
    if fmt == "svg":
        return [svg.encode("utf-8") for svg in render_svgs(dot_texts)]
    return render_pngs(dot_texts)
