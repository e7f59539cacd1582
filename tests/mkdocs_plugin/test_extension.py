"""The fence as a plain Python-Markdown extension (no MkDocs plugin), and fence parsing."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import markdown
import pytest
import yaml

from mkdocs_composedoc.fence import FenceError, find_fences, parse_fence

STACKS = Path(__file__).resolve().parents[2] / "site_examples" / "stacks"


def convert(text: str, **config: object) -> str:
    return str(
        markdown.markdown(
            text, extensions=["composedoc", "tables"], extension_configs={"composedoc": config}
        )
    )


def test_entry_point_name_and_mermaid_output() -> None:
    html = convert(
        "# T\n\n```composedoc\nfiles: todo/compose.yaml\n```\n",
        base_dir=str(STACKS),
        diagram="mermaid",
    )
    assert '<pre class="mermaid"><code>flowchart LR' in html
    assert "service__app" in html


def test_sections_without_mkdocs() -> None:
    text = "```composedoc\nfiles: voting/compose.yaml\nshow: services\n```\n"
    html = convert(text, base_dir=str(STACKS), diagram="mermaid")
    assert "<table>" in html and "<td>vote</td>" in html
    assert 'href="#' not in html, "no section of the page to link to: names stay text"
    text = "```composedoc\nfiles: voting/compose.yaml\nshow: env\n```\n"
    assert "POSTGRES_PASSWORD" in convert(text, base_dir=str(STACKS), diagram="mermaid")


def test_errors_raise_with_the_fence_line() -> None:
    with pytest.raises(FenceError, match=r"<markdown>:3: composedoc fence needs 'files'"):
        convert("x\n\n```composedoc\nshow: diagram\n```\n")


def test_find_fences_skips_nested_and_other_languages() -> None:
    lines = [
        "````md",
        "```composedoc",
        "files: a.yaml",
        "```",
        "````",
        "~~~ composedoc",
        "files: b.yaml",
        "~~~",
        "```python",
        "x = 1",
        "```",
    ]
    fences = find_fences(lines)
    assert [(f.start, f.end, f.body) for f in fences] == [(5, 8, "files: b.yaml")]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("files: [1]", "'files' must be a string or a list of strings"),
        ("files: a.yaml\nshow: everything", "show: 'everything' is not one of"),
        ("files: a.yaml\ndiagram: png", "diagram: must be auto, svg or mermaid"),
        ("files: a.yaml\ncolour: red", "unknown key 'colour' (valid: diagram, direction"),
        ("file: a.yaml", "unknown key 'file' (did you mean 'files'?)"),
        ("files: a.yaml\ntitle: [x]", "title: must be a string"),
        ("files: [a.yaml", "not valid YAML (line 1 of the fence)"),
        ("just text", "needs options"),
    ],
)
def test_parse_fence_errors(body: str, message: str) -> None:
    with pytest.raises(FenceError, match=r"^p\.md:7: ") as caught:
        parse_fence(body, "p.md:7")
    assert message in str(caught.value)


def test_parse_fence_defaults() -> None:
    spec = parse_fence("files: a.yaml\nprofiles: dev", "p.md:1")
    assert spec.files == ("a.yaml",) and spec.profiles == ("dev",) and spec.show == "diagram"
    assert parse_fence("files: a.yaml\nshow: service:web", "p.md:1").show == "service:web"


def test_standalone_svg_brings_its_css_once() -> None:
    fence = "```composedoc\nfiles: todo/compose.yaml\n```\n"
    text = fence + "\n" + fence + "\n" + fence.replace("```\n", "show: services\n```\n", 1)
    text += "\n" + FENCE.format(stack="todo", show="service:app")
    html = convert(text, base_dir=str(STACKS), diagram="svg")
    assert html.count("<style>/* composedoc") == 1
    assert html.count("<script>/* composedoc: pan and zoom") == 1, "pan/zoom, no CDN"
    assert "https://" not in html.split("<script>", 1)[1].split("</script>", 1)[0]
    assert html.count('<div class="composedoc-dark"><svg') == 2
    ids = [line for line in html.split('id="') if line.startswith("service-app")]
    assert len(ids) == 1, "inline SVG ids are prefixed: the section's anchor is the only one"
    assert 'xlink:href="#service-app"' in html, "node links are not prefixed: they go to the page"
    assert 'xlink:href="#service-mysql"' not in html, "mysql has no section on this page"
    assert '<a href="#service-app">app</a>' in html, "the services table links to the section"
    assert "composedoc-node-" not in html


def test_auto_draws_mermaid_with_one_warning_without_graphviz(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from mkdocs_composedoc import present

    # A CLI test earlier in the process may have quieted "composedoc" (-q) and stopped its
    # records at the CLI's own handler: capture them on that logger, at WARNING.
    caplog.set_level(logging.WARNING, logger="composedoc")
    settings = present.Settings(diagram="auto")
    monkeypatch.setattr(present, "graphviz_available", lambda: False)
    assert settings.mode() == "mermaid" and settings.mode() == "mermaid"
    assert [r.getMessage() for r in caplog.records if "Graphviz" in r.getMessage()] == [
        "composedoc: Graphviz 'dot' not found, drawing Mermaid diagrams"
    ]
    monkeypatch.setattr(present, "graphviz_available", lambda: True)
    assert present.Settings(diagram="auto").mode() == "svg"
    assert settings.mode("mermaid") == "mermaid"


def test_fence_direction_is_used() -> None:
    """The fence's ``direction:`` reaches the diagram (it used to be validated, then ignored)."""
    fence = "```composedoc\nfiles: todo/compose.yaml\ndirection: {}\n```\n"
    for direction in ("TB", "BT", "LR"):
        html = convert(fence.format(direction), base_dir=str(STACKS), diagram="mermaid")
        assert f'<pre class="mermaid"><code>flowchart {direction}' in html


def test_fence_and_extension_mask_levels() -> None:
    """``mask:`` in a fence wins over the extension's ``mask`` (and its ``show_values``)."""
    canaries = Path(__file__).resolve().parents[1] / "stacks" / "md-env"
    fence = "```composedoc\nfiles: compose.yaml\nshow: env\n{}```\n"
    plain, secret = "canary-envfile-plain-5", "canary-envfile-secret-6"

    def shown(body: str, **config: object) -> set[str]:
        html = convert(fence.format(body), base_dir=str(canaries), diagram="mermaid", **config)
        return {value for value in (plain, secret) if value in html}

    assert shown("") == set()
    assert shown("mask: sensitive\n") == {plain}
    assert shown("", mask="sensitive") == {plain}
    assert shown("", show_values=True) == {plain, secret}
    assert shown("mask: all\n", show_values=True) == set()
    assert shown("mask: none\n") == {plain, secret}
    with pytest.raises(FenceError, match="mask: must be all, sensitive or none"):
        parse_fence("files: a.yaml\nmask: some", "p.md:1")
    with pytest.raises(FenceError, match="mask: 'some' is not one of all, sensitive, none"):
        convert(fence.format(""), base_dir=str(canaries), mask="some")


SHARED = Path(__file__).resolve().parents[1] / "stacks" / "md-shared"


def test_env_section_keeps_shared_blocks_and_folded_details_render() -> None:
    """``show: env`` lists each service's own variables, its links to the environment it
    shares and the shared blocks; ``show: reference`` folds details that render as HTML
    (md_in_html is turned on by the extension), not as raw table text."""
    fence = "```composedoc\nfiles: compose.yaml\nshow: {}\n```\n"
    env = convert(fence.format("env"), base_dir=str(SHARED), diagram="mermaid")
    assert "<h3>mail</h3>" in env and "<code>mail</code>" in env
    assert 'href="#shared-environment-1"' in env and 'id="shared-environment-1"' in env
    assert "<code>amqp://broker:5672</code>" in env and "<code>FEATURE_FLAGS</code>" in env
    page = markdown.markdown(
        fence.format("reference"),
        extensions=["composedoc", "tables", "fenced_code"],
        extension_configs={"composedoc": {"base_dir": str(SHARED), "diagram": "mermaid"}},
    )
    assert "<details>" in page and "| Variable |" not in page
    assert "<pre><code>python -c &quot;\nimport sys, urllib.request\n" in page


FENCE = "```composedoc\nfiles: {stack}/compose.yaml\nshow: {show}\n```\n\n"


def _hrefs(html: str) -> set[str]:
    return set(re.findall(r'(?:xlink:)?href="(#[^"]*)"', html))


def _ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")
def test_standalone_links_only_to_sections_on_the_page() -> None:
    """Without the plugin a node or a section links to a section this page holds, or nowhere."""
    alone = convert(FENCE.format(stack="voting", show="diagram"), base_dir=str(STACKS))
    assert "composedoc-node" not in alone
    assert not any(h.startswith("#service-") for h in _hrefs(alone)), "no section to go to"
    assert alone.count('class="composedoc-unlinked"') == 10, "5 services, light and dark"
    page = "".join(
        FENCE.format(stack="voting", show=show) for show in ("diagram", "service:vote", "networks")
    )
    html = convert(page, base_dir=str(STACKS))
    links = {h for h in _hrefs(html) if h.startswith(("#service-", "#network-", "#volume-"))}
    assert links == {"#service-vote", "#network-back-tier", "#network-front-tier"}
    assert links <= {f"#{i}" for i in _ids(html)}, "every link resolves on the page"
    assert '<td>result, <a href="#service-vote">vote</a></td>' in html, "result stays text"


def test_every_link_of_a_reference_fence_resolves() -> None:
    for stack in ("todo", "voting", "shop"):
        html = convert(FENCE.format(stack=stack, show="reference"), base_dir=str(STACKS))
        hrefs = {h[1:] for h in _hrefs(html) if not h.startswith("#composedoc")}
        assert len(hrefs) > 3 and hrefs <= _ids(html), stack


@pytest.mark.parametrize("show", ["variables", "endpoints", "run"])
def test_stack_level_sections(show: str) -> None:
    html = convert(FENCE.format(stack="shop", show=show), base_dir=str(STACKS), diagram="mermaid")
    heading = {"variables": "Variables", "endpoints": "Endpoints", "run": "How to run"}[show]
    assert f"<h2>{heading}</h2>" in html and html.count("<h2>") == 1
    assert "<table>" in html
    assert 'href="#' not in html


def test_the_zensical_page_config_is_accepted_as_written() -> None:
    """The migration snippet of docs/zensical.md: every option it lists is accepted."""
    page = (STACKS.parent / "docs/zensical.md").read_text("utf-8")
    block = page.split("```yaml\n", 1)[1].split("```", 1)[0]
    extensions = yaml.safe_load(textwrap.dedent(block))["markdown_extensions"]
    names = [next(iter(e)) if isinstance(e, dict) else e for e in extensions]
    configs = {next(iter(e)): e[next(iter(e))] for e in extensions if isinstance(e, dict)}
    assert names == ["tables", "toc", "composedoc"]
    configs["composedoc"]["base_dir"] = str(STACKS.parent)  # `..` from site_examples/zensical
    html = markdown.markdown(
        FENCE.format(stack="stacks/todo", show="reference"),
        extensions=names,
        extension_configs=configs,
    )
    assert '<a id="service-mysql"></a>' in html and 'href="#service-mysql"' in html
