"""How a path outside the project folder is shown, so no output names this machine's folders.

Docs, graphs and messages are read in public CI logs and compared between machines
(``--check``): a path that leaves the project folder reads ``../shared`` when it stays near
it, ``~/x`` under the home folder, and absolute only when nothing else says where it is
(``/etc/hosts``). :class:`composedoc.model.project.PathShower` uses this when it does not
know how the files wrote a path; error messages use it relative to the working folder.
"""

from __future__ import annotations

import posixpath

__all__ = ["shown_outside", "under_home"]


def shown_outside(path: str, base: str, home: str | None) -> str:
    """A clean absolute ``path`` outside the folder ``base``: ``~/x`` under the home folder
    unless both share a folder below it, else ``../x`` when they share a folder below ``/``
    (below the home folder when ``base`` is in it), else absolute."""
    if not path.startswith("/") or not base.startswith("/") or base == "/":
        return under_home(path, home)
    common = posixpath.commonpath([path, base])
    if home and home != "/" and path.startswith(home + "/") and not common.startswith(home + "/"):
        return under_home(path, home)  # ~/x says more than ../../home/u/x
    floor = "/"
    if home and home != "/" and (base == home or base.startswith(home + "/")):
        floor = home
    if common != floor and (floor == "/" or common.startswith(floor + "/")):
        return posixpath.relpath(path, base)
    return under_home(path, home)


def under_home(path: str, home: str | None) -> str:
    """``~`` or ``~/x`` for the home folder and what it holds; any other path unchanged."""
    if home and home != "/":
        home = home.rstrip("/")
        if path == home:
            return "~"
        if path.startswith(home + "/"):
            return "~" + path[len(home) :]
    return path
