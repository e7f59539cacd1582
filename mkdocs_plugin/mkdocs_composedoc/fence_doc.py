"""The fence's option table for the docs, made from the declaration so it cannot drift.

``site_examples/docs/plugin.md`` holds it between ``<!-- fence-options -->`` markers;
``tests/mkdocs_plugin/test_fence_doc.py`` fails when the page and this table differ
(``COMPOSEDOC_UPDATE_GOLDENS=1`` rewrites the block).
"""

from __future__ import annotations

from composedoc.options import Option
from mkdocs_composedoc.fence import DECLARED, SHOWS, STACK_KEYS

__all__ = ["END", "START", "fence_options_table"]

START = "<!-- fence-options: generated from composedoc.options, do not edit -->"
END = "<!-- /fence-options -->"


def _values(option: Option) -> str:
    if option.name == "show":
        return ", ".join(f"`{s}`" for s in (*SHOWS, "service:<name>"))
    if option.choices:
        return ", ".join(f"`{c}`" for c in option.choices)
    return {"strs": "a string or a list", "int": "an integer", "bool": "`true`, `false`"}.get(
        option.type, "a string"
    )


def _default(option: Option) -> str:
    if option in DECLARED:
        return f"the plugin's `{option.name}`" if "plugin" in option.fronts else "none"
    return f"`{option.default}`" if option.default is not None else "none"


def fence_options_table() -> str:
    """One row per fence key: values, default, what it does and an example."""
    rows = [
        "| Key | Values | Default | What it does | Example |",
        "| --- | --- | --- | --- | --- |",
    ]
    for option in (*STACK_KEYS, *DECLARED):
        help_text = option.help.replace("|", "\\|")
        example = f"`{option.name}: {option.example}`"
        rows.append(
            f"| `{option.name}` | {_values(option)} | {_default(option)} | {help_text}"
            f" | {example} |"
        )
    return "\n".join([START, "", *rows, "", END])
