"""Cut the library's reference page into the parts a fence can ``show:``.

The page from ``composedoc.render.markdown`` has fixed ``## Variables`` / ``## Endpoints`` /
``## How to run`` (``render/templates/stack.md.j2``) and ``## Services`` / ``## Networks`` /
``## Volumes`` / ``## Secrets`` / ``## Profiles`` headings and one ``<a id="service-...">``
anchor per service section; cutting at those marks keeps the library the only renderer.
"""

from __future__ import annotations

import re

# An id in HTML (``<a id="service-web">``, ``<h3 id="...">``): what a link can land on.
HTML_ID = re.compile(r'\sid="([^"]+)"')
# A Markdown link to an anchor of the same page: ``](#service-web)``.
LOCAL_LINK = re.compile(r"\]\(#([A-Za-z0-9_-]+)\)")
_SERVICE = re.compile(r'^<a id="service-[^"]*"></a>\s*$')
_HEADING = re.compile(r"^### (.*\S)")  # ``(.+?)\s*$`` is quadratic on blanks
_H2 = {
    "## Variables": "variables",
    "## Endpoints": "endpoints",
    "## How to run": "run",
    "## Services": "services",
    "## Networks": "networks",
    "## Volumes": "volumes",
    "## Secrets": "secrets",
    "## Profiles": "profiles",
}


def split_page(page: str) -> dict[str, str]:
    """``{"services": table, "networks": ..., "service:<name>": section, "env": ...}``."""
    parts: dict[str, list[str]] = {}
    current: str | None = None
    pending: list[str] = []
    for line in page.splitlines():
        if line.startswith("## "):
            current = _H2.get(line.strip())
            if current is not None:
                parts[current] = [line]
            continue
        if _SERVICE.match(line):
            current = None
            pending = [line]
            continue
        heading = _HEADING.match(line)
        if pending and heading:
            current = f"service:{heading.group(1)}"
            parts[current] = [*pending, line]
            pending = []
            continue
        if pending:
            pending.append(line)
        elif current is not None:
            parts[current].append(line)
    out = {key: "\n".join(lines).strip() + "\n" for key, lines in parts.items()}
    env = _environment(out)
    if env:
        out["env"] = env
    return out


def _environment(parts: dict[str, str]) -> str:
    """Each service's **Environment** table under the service's name."""
    blocks = ["## Environment", ""]
    for key in sorted(k for k in parts if k.startswith("service:")):
        lines = parts[key].splitlines()
        try:
            start = lines.index("**Environment**")
        except ValueError:
            continue
        end = start + 1
        while end < len(lines) and not lines[end].startswith("**"):
            end += 1
        blocks += [f"### {key[len('service:') :]}", "", *lines[start + 1 : end], ""]
    return "\n".join(blocks).strip() + "\n" if len(blocks) > 2 else ""
