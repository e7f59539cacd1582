"""The one masked view of a project that every output is drawn from.

Graph JSON, DOT, Mermaid, SVG, the Markdown page, ``inject``, ``diff`` and the MkDocs plugin
all read a :class:`MaskedView`: the typed project masked once by one policy, the graph built
from it, and the docs facts (values as written, where they come from) masked by the same
policy. Renderers never call the masking functions themselves, so no output can show what
another one hides, and the page's diagram is drawn from the same graph as the ``.mmd`` file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from composedoc.compose.types import LoadedProject, LoadOptions
from composedoc.docs.facts import DocFacts, EnvEntry, collect_facts
from composedoc.docs.stackfacts import Variable
from composedoc.graph.build import build_graph
from composedoc.mask.policy import (
    DEFAULT_POLICY,
    MASK,
    MaskPolicy,
    is_sensitive_key,
    looks_secret,
    mask_env_value,
    mask_written,
    mask_written_argv,
    reveal_value,
)
from composedoc.mask.project import mask_project
from composedoc.model.bind import bind_project
from composedoc.model.project import Project, paused_gc

__all__ = ["MaskedView", "mask_facts", "masked_view", "view_of_project"]


@dataclass
class MaskedView:
    """What the outputs of one project may show, masked once by ``policy``.

    ``project`` is masked, ``graph`` is built from it; ``source`` is the project before
    masking (for ``diff``'s own comparisons, never printed). ``facts`` are read from the
    loaded project on first use (only the Markdown page needs them) and masked.
    """

    policy: MaskPolicy
    source: Project
    project: Project
    graph: Any
    loaded: LoadedProject | None = None
    load_options: LoadOptions | None = None
    _facts: DocFacts | None = field(default=None, repr=False)

    @property
    def facts(self) -> DocFacts:
        """Values as written and their origin, masked like the project."""
        if self._facts is None:
            with paused_gc():  # many small objects, no cycles
                raw = DocFacts()
                if self.loaded is not None:
                    raw = collect_facts(self.loaded, self.load_options)
                self._facts = mask_facts(raw, self.policy)
        return self._facts

    @property
    def masked(self) -> bool:
        """Whether anything is masked (the page says so)."""
        return not self.policy.show_values


def view_of_project(
    project: Project, policy: MaskPolicy = DEFAULT_POLICY, facts: DocFacts | None = None
) -> MaskedView:
    """The view of an already bound project (``facts`` as read, masked here)."""
    masked = mask_project(project, policy)
    view = MaskedView(policy, project, masked, build_graph(masked))
    if facts is not None:
        view._facts = mask_facts(facts, policy)
    return view


def masked_view(
    loaded: LoadedProject,
    policy: MaskPolicy = DEFAULT_POLICY,
    load_options: LoadOptions | None = None,
) -> MaskedView:
    """Bind, mask and build the graph of a loaded project: the one place that decides what
    the outputs may show."""
    view = view_of_project(bind_project(loaded), policy)
    view.loaded = loaded
    view.load_options = load_options
    return view


# --- the docs facts ------------------------------------------------------------------------


def mask_facts(facts: DocFacts, policy: MaskPolicy = DEFAULT_POLICY) -> DocFacts:
    """``facts`` with every value masked: as written (references kept) or as read."""
    if policy.show_values:
        return facts
    return replace(
        facts,
        env={name: tuple(_env(e, policy) for e in entries) for name, entries in facts.env.items()},
        labels={
            name: tuple((k, mask_env_value(k, v, policy) or "") for k, v in pairs)
            for name, pairs in facts.labels.items()
        },
        argv={
            name: {key: mask_written_argv(value, policy) for key, value in written.items()}
            for name, written in facts.argv.items()
        },
        variables=tuple(_variable(v, policy) for v in facts.variables),
    )


def _env(entry: EnvEntry, policy: MaskPolicy) -> EnvEntry:
    return replace(
        entry,
        written=mask_env_value(entry.name, entry.written, policy),
        value=reveal_value(entry.name, entry.value, policy),
    )


def _variable(var: Variable, policy: MaskPolicy) -> Variable:
    if var.origin == "unset":
        value = None
    elif policy.level == "all":
        value = MASK
    else:
        value = reveal_value(var.name, var.value, policy)
    return replace(var, defaults=tuple(_default(var, d, policy) for d in var.defaults), value=value)


def _default(var: Variable, text: str, policy: MaskPolicy) -> str:
    """A default as written: masked whole when the variable or the text looks secret."""
    hide = is_sensitive_key(var.name, policy) or looks_secret(text, policy)
    if hide and "$" not in text:
        return MASK
    return mask_written(text, sensitive=hide, policy=policy)
