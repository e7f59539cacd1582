"""After the build: does every link composedoc wrote land, and what did the build render.

Links inside an inline SVG or in raw HTML are not checked by MkDocs, and the Markdown links
it checks only give INFO; composedoc checks its own against the converted pages, so a
dangling one is a WARNING and ``mkdocs build --strict`` fails.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from mkdocs.structure.files import Files

from mkdocs_composedoc.sections import HTML_ID


def unresolved(links: Iterable[tuple[str, str, str]], files: Files) -> list[str]:
    """One message per ``(page, target page, anchor)`` whose target lacks the anchor."""
    ids: dict[str, set[str] | None] = {}
    out = []
    for source, target, anchor in sorted(set(links)):
        if target not in ids:
            file = files.get_file_from_path(target)
            page = file.page if file is not None else None
            content = page.content if page is not None else None
            ids[target] = set(HTML_ID.findall(content)) if content is not None else None
        found = ids[target]
        if found is None:
            out.append(f"{source}: composedoc links to {target}#{anchor}, a page not built")
        elif anchor not in found:
            out.append(f"{source}: composedoc links to {target}#{anchor}, which is not there")
    return out


def build_summary(before: Mapping[str, int], after: Mapping[str, int]) -> str:
    """``3 stack(s): 2 rendered, 1 from the cache; 2 fence(s): 2 rendered, 0 from the cache``.

    A hit is a cache entry whose input files all have the recorded SHA-256.
    """
    parts = []
    for kind in ("stack", "fence"):
        hits, misses = (
            after.get(f"{kind}_{o}", 0) - before.get(f"{kind}_{o}", 0) for o in ("hits", "misses")
        )
        parts.append(f"{hits + misses} {kind}(s): {misses} rendered, {hits} from the cache")
    return "; ".join(parts)
