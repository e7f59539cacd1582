"""Cut the library's reference page into the parts a fence can ``show:``.

The page from ``composedoc.docs.markdown`` has fixed ``## Variables`` / ``## Endpoints`` /
``## How to run`` (``docs/templates/stack.md.j2``) and ``## Services`` / ``## Networks`` /
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
_SHARED = re.compile(r'^<a id="(shared-[a-z]+-[0-9]+)"></a>\s*$')
_SHARES = "- **Shared with other services:**"
_END_OF_TABLE = ("**", "</details>", "<a id=")
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
    """``{"services": table, "networks": ..., "service:<name>": section, "env": ...}``.

    Blocks of rows several services share (``<a id="shared-...">`` under ``## Shared
    settings``) are kept as ``shared:<id>``; the environment part lists them too.
    """
    parts: dict[str, list[str]] = {}
    current: str | None = None
    pending: list[str] = []
    for line in page.splitlines():
        if line.startswith("## "):
            current = _H2.get(line.strip())
            if current is not None:
                parts[current] = [line]
            continue
        shared = _SHARED.match(line)
        if shared:
            current = f"shared:{shared.group(1)}"
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
    """Each service's environment (a table, or one list item when short) and links to the
    environment it shares, under the service's name; then the shared environment blocks."""
    blocks = ["## Environment", ""]
    for key in sorted(k for k in parts if k.startswith("service:")):
        lines = parts[key].splitlines()
        links = [line for line in lines if line.startswith(_SHARES)]
        short = [line for line in lines if line.startswith("- **Environment**")]
        env = [i for i, line in enumerate(lines) if line.startswith("**Environment**")]
        if not env and not short and not any("(#shared-environment-" in x for x in links):
            continue
        blocks += [f"### {key[len('service:') :]}", "", *short]
        if env:
            end = env[0] + 1
            while end < len(lines) and not lines[end].startswith(_END_OF_TABLE):
                end += 1
            blocks += [lines[env[0]][len("**Environment**") :].strip(), *lines[env[0] + 1 : end]]
        blocks += [*links, ""]
    for key in sorted(k for k in parts if k.startswith("shared:shared-environment-")):
        blocks += [*parts[key].splitlines(), ""]
    return "\n".join(blocks).strip() + "\n" if len(blocks) > 2 else ""
