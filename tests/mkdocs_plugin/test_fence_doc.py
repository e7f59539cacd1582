"""The plugin docs page lists every fence key, generated from the declaration."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs_composedoc.fence import DECLARED, STACK_KEYS, parse_fence
from mkdocs_composedoc.fence_doc import END, START, fence_options_table

PAGE = Path(__file__).resolve().parents[2] / "site_examples" / "docs" / "plugin.md"


def test_page_holds_the_generated_table() -> None:
    text = PAGE.read_text(encoding="utf-8")
    block = text[text.index(START) : text.index(END) + len(END)]
    table = fence_options_table()
    if block != table and os.environ.get("COMPOSEDOC_UPDATE_GOLDENS"):
        PAGE.write_text(text.replace(block, table), encoding="utf-8")
        block = table
    assert block == table


def test_table_has_a_row_and_a_working_example_per_key() -> None:
    table = fence_options_table()
    for option in (*STACK_KEYS, *DECLARED):
        assert f"| `{option.name}` |" in table
        example = f"{option.name}: {option.example}"
        assert f"`{example}`" in table
        extra = "" if option.name in ("files", "project_directory") else "files: a.yaml\n"
        parse_fence(extra + example, "p.md:1")  # the example is a valid fence
