"""Safety limits for untrusted Compose files, in one place.

composedoc runs in CI on files from pull requests, so every input may be hostile. Each limit
here turns a potential hang, crash or memory blow-up into a fast, clear error (``LimitError``
or ``InterpolationError`` naming ``file:line:col``). The defaults are far above what real
projects use (see site_examples/docs/security.md for the figures) and can be changed:

* in code: ``Limits(max_depth=...)`` passed where a loader step takes one;
* from the environment: ``COMPOSEDOC_LIMIT_MAX_DEPTH=200`` and so on (``from_environ``),
  one variable per field, upper-cased field name after ``COMPOSEDOC_LIMIT_``.

``max_depth`` stays well below Python's recursion limit (1000 frames): the loader's tree
walkers recurse once or twice per level, so a deeper tree would turn into a RecursionError.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from composedoc.errors import UsageError

__all__ = ["DEFAULT_LIMITS", "ENV_PREFIX", "Limits", "active", "from_environ"]

ENV_PREFIX = "COMPOSEDOC_LIMIT_"


@dataclass(frozen=True)
class Limits:
    """Upper bounds on what one load may read or build.

    ``max_file_bytes``: size of one Compose, env or included file;
    ``max_alias_nodes``: nodes that YAML aliases expand to, summed over a file (compose-go
    HEAD caps at 100,000 node visits; Docker Compose v2.40 has no cap);
    ``max_depth``: nesting of mappings and sequences in one file;
    ``max_interpolation_depth``: ``${A:-${B:-...}}`` nesting in one value;
    ``max_services``: services in the merged project (5,000: 10,000 realistic services took
    20 CPU s for ``render --format md``, 100,000 small ones 42 s, 199,999 ``graph`` 32 s);
    ``max_files``: files read through ``include`` and ``extends`` in one load;
    ``max_output_bytes``: size of one generated file (SVG, Markdown, ...);
    ``max_layout_nodes``: nodes of one diagram (after splitting) laid out as SVG or PNG
    (Graphviz needs minutes past a few thousand);
    ``max_ports``: port entries the project's ``ports`` ranges expand to, counted before
    expansion (``"1-65535:1-65535"`` is 65,535 entries; six took 20 s and 1.5 GB);
    ``max_env_file_bytes``: size of one ``.env``/``--env-file``/``env_file``;
    ``max_env_vars``: variables one env file sets (a 1M-variable env_file took 49 s).
    """

    max_file_bytes: int = 64 * 1024 * 1024
    max_alias_nodes: int = 100_000
    max_depth: int = 100
    max_interpolation_depth: int = 100
    max_services: int = 5_000
    max_files: int = 1_000
    max_output_bytes: int = 256 * 1024 * 1024
    max_layout_nodes: int = 2_000
    max_ports: int = 20_000
    max_env_file_bytes: int = 4 * 1024 * 1024
    max_env_vars: int = 50_000

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise UsageError(f"limit {f.name} must be a positive integer, not {value!r}")


DEFAULT_LIMITS = Limits()


def from_environ(environ: Mapping[str, str] | None = None) -> Limits:
    """Defaults, changed by ``COMPOSEDOC_LIMIT_<FIELD>`` variables (``_`` or ``,`` in numbers)."""
    env = os.environ if environ is None else environ
    changes: dict[str, int] = {}
    for f in fields(Limits):
        raw = env.get(ENV_PREFIX + f.name.upper())
        if raw is None or not raw.strip():
            continue
        try:
            changes[f.name] = int(raw.strip().replace("_", "").replace(",", ""))
        except ValueError:
            raise UsageError(
                f"{ENV_PREFIX}{f.name.upper()}={raw!r}: expected a positive integer"
            ) from None
    return replace(DEFAULT_LIMITS, **changes) if changes else DEFAULT_LIMITS


def active() -> Limits:
    """The limits of this process: defaults plus ``COMPOSEDOC_LIMIT_*`` from ``os.environ``."""
    return from_environ(None)
