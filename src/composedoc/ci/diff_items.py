"""One reviewer-level change (:class:`Item`) and the order changes are listed in.

Kept apart from :mod:`composedoc.ci.diff_review` (which finds the changes) so renderers and
tests can build items without loading projects.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LABELS", "STACK", "Item", "rank"]

STACK = ""
"""The ``service`` of items about the whole stack (top-level volumes, networks, name)."""

# Every label, in the order items of one service are listed (risky ones first anyway).
LABELS = (
    "service removed",
    "service added",
    "exposure widened",
    "volume removed",
    "volume changed",
    "network mode changed",
    "port changed",
    "port published",
    "port removed",
    "exposure narrowed",
    "image bumped",
    "image changed",
    "build changed",
    "environment changed",
    "environment added",
    "environment removed",
    "env_file changed",
    "depends_on added",
    "depends_on removed",
    "depends_on changed",
    "volume added",
    "bind mount added",
    "bind mount removed",
    "network joined",
    "network left",
    "secret granted",
    "secret revoked",
    "config granted",
    "config revoked",
    "command changed",
    "entrypoint changed",
    "healthcheck changed",
    "restart changed",
    "replicas changed",
    "profiles changed",
    "stack volume removed",
    "stack volume added",
    "stack network removed",
    "stack network added",
    "project renamed",
)


@dataclass(frozen=True)
class Item:
    """One change: ``label`` (reviewer words), the ``subject`` it is about (a port, a
    variable name, a volume), ``old``/``new`` values safe to show, a ``note`` in words."""

    service: str
    label: str
    subject: str = ""
    old: str | None = None
    new: str | None = None
    note: str = ""
    risky: bool = False

    def sort_key(self) -> tuple[bool, bool, str, int, str, str, str]:
        """Risky first, then by service (the stack last), label order, subject."""
        return (
            not self.risky,
            self.service == STACK,
            self.service,
            rank(self.label),
            self.subject,
            self.old or "",
            self.new or "",
        )


def rank(label: str) -> int:
    """A label's place in :data:`LABELS` (unknown labels last)."""
    return LABELS.index(label) if label in LABELS else len(LABELS)
