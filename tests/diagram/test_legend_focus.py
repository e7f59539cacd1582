"""What a picture says about itself: a legend of the kinds it draws, the services it leaves
out, and the focus service standing out."""

from __future__ import annotations

from composedoc.diagram.scene import ViewOptions, build_scene
from composedoc.diagram.styled_dot import FOCUS_COLOR, scene_to_dot

from .test_scene import stack


def legend_of(dot: str) -> str:
    return dot.split("  legend [", 1)[1].split("\n", 1)[0] if "  legend [" in dot else ""


def test_legend_lists_only_the_edge_kinds_drawn() -> None:
    dot = scene_to_dot(build_scene(stack()))
    legend = legend_of(dot)
    for present in ("depends_on (started)", "depends_on (healthy)", "optional dependency"):
        assert present in legend
    assert "published port" in legend and "volume / bind" in legend
    for absent in ("secret", "config", "network_mode", "depends_on (completed)", "each one"):
        assert absent not in legend, absent
    # without published ports and volumes their rows go too
    lean = legend_of(scene_to_dot(build_scene(stack(), ViewOptions(hide=frozenset({"ports"})))))
    assert "published port" not in lean and "volume / bind" in lean


def test_subtitle_names_the_services_not_drawn_and_why() -> None:
    view = ViewOptions(exclude=("work*",), inactive=("admin", "mail"))
    scene = build_scene(stack(), view)
    said = "not drawn: admin, mail (profiles); worker (--exclude); tool (hidden)"
    assert scene.note.endswith(said)
    assert "not drawn: admin, mail (profiles)" in scene_to_dot(scene)
    many = build_scene(stack(), ViewOptions(inactive=tuple(f"s{i:02}" for i in range(11))))
    assert "s00, s01, s02, s03, s04, s05, s06, s07 and 3 more (profiles)" in many.note
    assert "not drawn: tool (hidden)" in build_scene(stack()).note


def test_focus_service_has_a_thick_accent_border() -> None:
    scene = build_scene(stack(), ViewOptions(focus=("api",)))
    assert [n.label for n in scene.nodes.values() if "focus" in n.flags] == ["api"]
    dot = scene_to_dot(scene)
    lines = {line.split(" [", 1)[0].strip(): line for line in dot.splitlines() if " [" in line}
    assert f'color="{FOCUS_COLOR}"' in lines['"service:api"']
    assert 'penwidth="3"' in lines['"service:api"'] and "bold" in lines['"service:api"']
    assert FOCUS_COLOR not in lines['"service:db"']
    assert FOCUS_COLOR not in scene_to_dot(build_scene(stack()))
