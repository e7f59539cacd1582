"""The looks of a diagram: fonts, light and dark palettes, edge colours, resource shapes and
the legend's rows. Data only, so a change of colour never touches the DOT writer.
"""

from __future__ import annotations

from typing import Final

FONT: Final = "Helvetica,Arial,sans-serif"
ARROW_FONT: Final = "DejaVu Sans"
"""Liberation Sans (what fontconfig gives for Helvetica on Linux) draws ``→`` at half size."""

THEMES: Final[dict[str, dict[str, str]]] = {
    "light": {
        "bg": "white",
        "text": "#2D3436",
        "muted": "#636E72",
        "cluster": "#EAF4FB",
        "cluster_line": "#90A4AE",
        "internal": "#FDF2E9",
        "external": "#F1F1F1",
        "group": "#F3EFFA",
        "card": "none",
        "edge": "#78909C",
    },
    "dark": {
        "bg": "#0D1117",
        "text": "#E6EDF3",
        "muted": "#9DA7B3",
        "cluster": "#15202B",
        "cluster_line": "#3D4B59",
        "internal": "#2A1E12",
        "external": "#1C1F24",
        "group": "#211A2E",
        "card": "#E6EDF3",
        "edge": "#8B949E",
    },
}

NETWORK_TEXT: Final = "#558B2F"
FOCUS_COLOR: Final = "#3F51B5"
EDGE_COLORS: Final[dict[str, str]] = {
    "started": "#546E7A",
    "healthy": "#2E7D32",
    "completed": "#7B1FA2",
    "publish": "#E65100",
    "mount": "#1565C0",
    "network": "#9E9E9E",
    "link": "#37474F",
    "secret": "#C62828",
    "config": "#B08900",
    "share": "#00838F",
    "build_context": "#6D4C41",
}

DARK_EDGES: Final[dict[str, str]] = {
    "#546E7A": "#8B949E",
    "#2E7D32": "#57AB5A",
    "#7B1FA2": "#B083F0",
    "#1565C0": "#539BF5",
    "#37474F": "#8B949E",
    "#C62828": "#F47067",
    "#00838F": "#39C5CF",
    "#6D4C41": "#A1887F",
}
"""Lighter twins of the edge colours on the dark background (the light ones were at 2:1 to
3.7:1 contrast on #0D1117; these are above 5.7:1)."""

RESOURCE_LOOK: Final[dict[str, dict[str, str]]] = {
    "port": {"shape": "box", "fillcolor": "#FFE0B2", "color": "#E65100", "style": "rounded"},
    "volume": {"shape": "cylinder", "fillcolor": "#E3F2FD", "color": "#1565C0"},
    "bind": {"shape": "folder", "fillcolor": "#FFF8E1", "color": "#8D6E63"},
    "secret": {"shape": "hexagon", "fillcolor": "#FFEBEE", "color": "#C62828"},
    "config": {"shape": "note", "fillcolor": "#FFFDE7", "color": "#B08900"},
    "container": {"shape": "box3d", "fillcolor": "#ECEFF1", "color": "#546E7A"},
    "hostnet": {"shape": "tab", "fillcolor": "#E0F7FA", "color": "#00838F"},
    "group": {"shape": "box", "fillcolor": "#EAF4FB", "color": "#5D8AA8", "style": "rounded"},
    "ghost": {
        "shape": "box",
        "fillcolor": "#FAFAFA",
        "color": "#90A4AE",
        "style": "rounded,dashed",
    },
}

LEGEND_ROWS: Final = (
    ("started", "solid", "depends_on (started)"),
    ("healthy", "solid", "depends_on (healthy)"),
    ("completed", "solid", "depends_on (completed)"),
    ("started", "dashed", "optional dependency"),
    ("publish", "bold", "published port"),
    ("mount", "solid", "volume / bind (dashed: ro)"),
    ("secret", "dotted", "secret"),
    ("config", "dotted", "config"),
    ("share", "dashed", "network_mode / ipc / pid"),
)
