"""Markdown reference pages: one page per stack, one Jinja2 template per section.

Every ``{{ expression }}`` a template prints is escaped as Markdown/HTML text unless a filter
already made it safe (``code``, ``codes``, ``link``), so a template (ours or one from
``--template-dir``) cannot let a name or a label break the page. The templates only see the
rows :mod:`composedoc.docs.md_view` builds from a :class:`composedoc.docs.masked_view.MaskedView`
(masked once, for every output; nothing here masks again). The page renders in GitHub and in
Material for MkDocs (Mermaid needs ``pymdownx.superfences`` with the ``mermaid`` custom fence
there).
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from composedoc.docs import md_escape
from composedoc.docs.masked_view import MaskedView
from composedoc.docs.md_shared import share_rows
from composedoc.docs.md_stack import stack_view
from composedoc.docs.md_view import page_view
from composedoc.docs.template_cache import template_cache
from composedoc.errors import Location, UsageError
from composedoc.model.project import paused_gc

__all__ = [
    "DIAGRAM_MODES",
    "TEMPLATES",
    "MarkdownOptions",
    "render_markdown",
    "render_section",
]

TEMPLATES = Path(__file__).resolve().parent / "templates"
DIAGRAM_MODES = ("mermaid", "svg", "none")


@dataclass(frozen=True)
class MarkdownOptions:
    """How to render a page.

    ``diagram`` is ``mermaid`` (embedded: ``mermaid_text``, the ``.mmd`` drawn from the
    view's graph with the page's view options, else drawn from that graph with the default
    ones), ``svg`` (an image ``svg_name`` next to the page) or ``none``.
    """

    diagram: str = "mermaid"
    mermaid_text: str | None = None
    svg_name: str | None = None
    template_dir: Path | None = None


class Md(str):
    """Text that is already valid Markdown; printed as is."""

    __slots__ = ()


def _finalize(value: Any) -> str:
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return md_escape.text(value)


def _code(value: Any) -> Md:
    return Md(md_escape.code(value))


def _codes(values: Iterable[Any] | None, sep: str = ", ") -> Md:
    items = [md_escape.code(v) for v in values or ()]
    return Md(sep.join(items) if items else "—")


def _link(label: Any, anchor: str | None, as_code: bool = False) -> Md:
    shown = md_escape.code(label) if as_code else md_escape.text(label)
    if not anchor:
        return Md(shown)
    return Md(f"[{shown}](#{md_escape.slug(anchor)})")


def _anchor(anchor: str) -> Md:
    return Md(f'<a id="{md_escape.slug(anchor)}"></a>')


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja2 as is, with ``row.name`` on a view row (a ``dict``) read without first
    failing on ``getattr``: the same result (a dict has no attribute but its methods), about
    a quarter less template time on a 1,000-service page."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def _multiline(value: Any) -> bool:
    """A value that a code span would join into one line (a final newline does not count)."""
    return isinstance(value, str) and any(c in value.strip() for c in "\r\n")


def _environment(template_dir: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise UsageError(f"template folder not found: {template_dir}")
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
    env = _Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=template_cache(),
        auto_reload=False,  # one environment per page: no stat per include (9,000 per page)
        extensions=["jinja2.ext.do"],
    )
    env.tests["multiline"] = _multiline
    env.filters.update(
        code=_code,
        codes=_codes,
        link=_link,
        anchor=_anchor,
        plural=_plural,
        md=Md,
        fenced=lambda value: Md(md_escape.fenced(value)),
    )
    return env


def _mermaid(view: MaskedView, options: MarkdownOptions) -> str | None:
    if options.diagram != "mermaid":
        return None
    if options.mermaid_text is not None:
        return options.mermaid_text
    from composedoc.diagram.mermaid import scene_to_mermaid
    from composedoc.diagram.scene import build_scene

    return scene_to_mermaid(build_scene(view.graph))


def render_markdown(view: MaskedView, *, options: MarkdownOptions) -> str:
    """The reference page of one stack (deterministic: same input, same text), drawn from
    the masked ``view`` that every other output of the stack uses too."""
    if options.diagram not in DIAGRAM_MODES:
        raise UsageError(f"unknown diagram mode {options.diagram!r}; use one of {DIAGRAM_MODES}")
    with paused_gc():  # rows and text only: at 20,000 services the collector took a third
        page = page_view(view.project, view.facts, view.masked)
        share_rows(page)
        page["stack"] = stack_view(view.project, view.facts, page["anchors"]["service"])
        page["diagram"] = {
            "mode": options.diagram,
            "mermaid": _mermaid(view, options),
            "svg": options.svg_name,
        }
        return _render(options.template_dir, "page.md.j2", page)


def render_section(
    view: MaskedView,
    template: str,
    *,
    template_dir: Path | None = None,
) -> str:
    """One section of the page (``services_table.md.j2``) on its own, for another document.

    The section is the page's own template, so a README block and the reference page show
    ports (host IP included) and names the same way. There is no page around it: links to
    service sections are dropped and ``page.embedded`` tells the template to skip its heading.
    """
    page = page_view(view.project, view.facts, view.masked)
    share_rows(page)
    for service in page["services"]:
        service["anchor"] = None
        for dep in service["depends_on"]:
            dep["anchor"] = None
    page["embedded"] = True
    return _render(template_dir, template, page)


def _render(template_dir: Path | None, template: str, view: dict[str, Any]) -> str:
    env = _environment(template_dir)
    view.setdefault("embedded", False)
    try:
        text = env.get_template(template).render(page=view)
    except jinja2.TemplateSyntaxError as error:
        where = Location(error.filename or error.name or "<template>", error.lineno or 0, 1)
        raise UsageError(f"template error: {error.message}", where) from None
    except jinja2.TemplateError as error:
        raise UsageError(f"template error: {error}") from None
    except Exception as error:  # noqa: BLE001 - a user template may raise anything (1/0)
        raise UsageError(
            f"template error: {type(error).__name__}: {error}", _template_frame(error)
        ) from None
    return _tidy(text)


def _template_frame(error: BaseException) -> Location | None:
    """Where in a template the error was raised (jinja2 maps its frames to template lines)."""
    found = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith((".j2", ".jinja", ".md", ".html")):
            found = Location(Path(frame.filename).name, frame.lineno or 0, 1)
    return found


def _tidy(text: str) -> str:
    """At most one blank line in a row, one newline at the end (stable diffs)."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if line == "" and (not lines or lines[-1] == ""):
            continue
        lines.append(line)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
