"""diff: graph-level changes between two projects, as Markdown, JSON and Mermaid."""

from __future__ import annotations

import json
import shutil
import subprocess
from contextlib import ExitStack
from pathlib import Path

import networkx as nx
import pytest

from composedoc.ci.diff import (
    diff_graphs,
    graph_of,
    load_options_for,
    relocate,
    relocate_project,
    side_graph,
    side_project,
)
from composedoc.ci.diff_items import Item
from composedoc.ci.diff_render import diff_to_json, diff_to_markdown, diff_to_mermaid
from composedoc.ci.diff_review import Review, review_projects
from composedoc.ci.gitsource import materialize, parse_spec
from composedoc.errors import ComposeFileError, UsageError
from composedoc.mask.policy import MaskPolicy
from composedoc.model.project import Project

STACKS = Path(__file__).resolve().parents[2] / "site_examples" / "stacks"
CORPUS_PAIRS = [
    # (folder, old file, new file): real variants of one project in the shared corpus.
    ("dockersamples__example-voting-app", "docker-compose.yml", "docker-compose.images.yml"),
    ("netbox-community__netbox-docker", "docker-compose.yml", "docker-compose.test.yml"),
]


def _graph(
    nodes: dict[str, dict[str, object]], edges: list[tuple[str, str, str, dict[str, object]]]
) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="p", files=["compose.yaml"], profiles=[])
    graph.add_nodes_from(sorted(nodes.items()))
    graph.add_edges_from(edges)
    return graph


def _load(folder: Path, name: str = "compose.yaml", project: str | None = None) -> nx.MultiDiGraph:
    return graph_of(
        load_options_for(name, working_dir=str(folder), environ={}, project_name=project)
    )


def _project(folder: Path, name: str = "compose.yaml") -> Project:
    with ExitStack() as resources:
        return side_project(name, resources, working_dir=str(folder), environ={}, project_name="p")[
            0
        ]


def test_added_removed_changed_nodes_and_edges() -> None:
    old = _graph(
        {
            "service:web": {"kind": "service", "image": "nginx:1.25", "build": None},
            "service:db": {"kind": "service", "image": "postgres:15", "build": None},
            "port:8080/tcp": {"kind": "port", "published": "8080"},
        },
        [
            ("service:web", "port:8080/tcp", "publish:80", {"kind": "publish", "target": 80}),
            ("service:web", "service:db", "depends_on", {"kind": "depends_on", "condition": "a"}),
        ],
    )
    new = _graph(
        {
            "service:web": {"kind": "service", "image": "nginx:1.27", "build": None},
            "service:db": {"kind": "service", "image": "postgres:15", "build": None},
            "service:cache": {"kind": "service", "image": "redis", "build": None},
            "port:8081/tcp": {"kind": "port", "published": "8081"},
        },
        [
            ("service:web", "port:8081/tcp", "publish:80", {"kind": "publish", "target": 80}),
            ("service:web", "service:db", "depends_on", {"kind": "depends_on", "condition": "b"}),
        ],
    )
    diff = diff_graphs(old, new)
    assert [(n.id, n.status) for n in diff.nodes] == [
        ("service:cache", "added"),
        ("service:web", "changed"),
        ("port:8080/tcp", "removed"),
        ("port:8081/tcp", "added"),
    ]
    web = diff.nodes[1]
    assert [(c.attr, c.old, c.new) for c in web.changes] == [("image", "nginx:1.25", "nginx:1.27")]
    assert [(e.target, e.status) for e in diff.edges] == [
        ("port:8080/tcp", "removed"),
        ("port:8081/tcp", "added"),
        ("service:db", "changed"),
    ]
    assert diff.counts() == {"added": 3, "removed": 2, "changed": 2}
    assert diff_graphs(old, old).empty


def test_nested_attributes_are_dotted() -> None:
    old = _graph({"service:a": {"kind": "service", "build": {"context": ".", "target": "x"}}}, [])
    new = _graph({"service:a": {"kind": "service", "build": None, "image": "a"}}, [])
    changes = diff_graphs(old, new).nodes[0].changes
    assert [c.attr for c in changes] == ["build.context", "build.target", "image"]


def test_markdown_escapes_and_summarises() -> None:
    review = Review((Item("a|b", "image changed", "", "x|y", "<b>z</b>"),))
    text = diff_to_markdown(review, "old", "new")
    assert text.startswith(
        "### composedoc: Compose changes\n\n`old` → `new`: No risky change, 1 service touched."
    )
    assert "<code>x&#124;y</code>" in text  # a pipe cannot break the line's markup
    assert "<code>a&#124;b</code>" in text
    assert "`<b>z</b>`" in text  # markup only ever inside a code span: shown, not applied
    assert "<b>z" not in text.replace("`<b>z</b>`", "")
    assert "No change" in diff_to_markdown(Review(()))


def test_mermaid_colours_changes() -> None:
    old = _graph({"service:a": {"kind": "service"}, "service:b": {"kind": "service"}}, [])
    new = _graph(
        {"service:a": {"kind": "service", "image": "n"}, "service:c": {"kind": "service"}},
        [("service:c", "service:a", "depends_on", {"kind": "depends_on"})],
    )
    diff = diff_graphs(old, new)
    chart = diff_to_mermaid(old, new, diff)
    assert chart.startswith("flowchart LR\n")
    assert "  classDef added " in chart
    assert "  class service__c added\n" in chart
    assert "  class service__b removed\n" in chart
    assert "  class service__a changed\n" in chart
    assert "linkStyle 0 stroke:#1A7F37" in chart
    assert chart == diff_to_mermaid(old, new, diff)


@pytest.mark.parametrize("stack", sorted(p.name for p in STACKS.iterdir() if p.is_dir()))
def test_own_stacks_identity_and_edit(stack: str, tmp_path: Path) -> None:
    """A stack against itself is empty; a copy with one new service shows exactly that."""
    copy = tmp_path / stack
    shutil.copytree(STACKS / stack, copy)
    base = _load(STACKS / stack)
    assert diff_graphs(base, _load(copy)).empty
    compose = copy / "compose.yaml"
    text = compose.read_text()
    compose.write_text(
        text.replace("services:\n", "services:\n  added-svc:\n    image: busybox\n", 1)
    )
    diff = diff_graphs(base, _load(copy))
    added = [n.id for n in diff.nodes if n.status == "added"]
    assert "service:added-svc" in added
    assert not [n for n in diff.nodes if n.status == "removed"]
    review = review_projects(_project(STACKS / stack), _project(copy))
    data = json.loads(diff_to_json(review, "a", "b"))
    assert data["summary"][0] == {
        "change": "service added",
        "risky": False,
        "services": ["added-svc"],
    }
    assert review_projects(_project(STACKS / stack), _project(STACKS / stack)).empty


@pytest.mark.parametrize(("folder", "old", "new"), CORPUS_PAIRS)
def test_corpus_variants(shared_dir: Path, folder: str, old: str, new: str) -> None:
    root = shared_dir / "corpus" / folder
    before, after = _load(root, old, "p"), _load(root, new, "p")
    diff = diff_graphs(before, after)
    assert not diff.empty
    assert diff_graphs(after, after).empty
    # Reversing the sides swaps added and removed, nothing else.
    back = diff_graphs(after, before)
    assert back.counts()["added"] == diff.counts()["removed"]
    assert back.counts()["changed"] == diff.counts()["changed"]
    review = review_projects(_project(root, old), _project(root, new))
    assert not review.empty
    assert review_projects(_project(root, new), _project(root, new)).empty
    text = diff_to_markdown(review, old, new)
    again = review_projects(_project(root, old), _project(root, new))
    assert text == diff_to_markdown(again, old, new)
    assert "service:" not in text and "port:" not in text
    reverse = review_projects(_project(root, new), _project(root, old))
    swapped = {"service added": "service removed", "service removed": "service added"}
    assert sorted(swapped.get(i.label, "") for i in reverse.items) == sorted(
        "" if i.label not in swapped else i.label for i in review.items
    )


def test_corpus_voting_builds_become_images(shared_dir: Path) -> None:
    root = shared_dir / "corpus" / "dockersamples__example-voting-app"
    diff = diff_graphs(
        _load(root, "docker-compose.yml", "v"), _load(root, "docker-compose.images.yml", "v")
    )
    vote = next(n for n in diff.nodes if n.id == "service:vote")
    attrs = {c.attr: (c.old, c.new) for c in vote.changes}
    assert attrs["image"] == (None, "dockersamples/examplevotingapp_vote")
    assert attrs["build.context"][1] is None


def test_relocate_moves_temp_paths() -> None:
    graph = _graph(
        {"bind:/tmp/x/repo/data": {"kind": "bind", "path": "/tmp/x/repo/data"}},
        [],
    )
    moved = relocate(graph, "/tmp/x/repo", "~/src/repo")
    assert list(moved.nodes(data=True)) == [
        ("bind:~/src/repo/data", {"kind": "bind", "path": "~/src/repo/data"})
    ]


# --- git:REV:path ------------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@e", "-c", "user.name=t", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    shutil.copytree(STACKS / "voting", root / "voting")
    (root / "common").mkdir()
    (root / "common" / "app.env").write_text("LOG=1\n")
    compose = root / "voting" / "compose.yaml"
    text = compose.read_text().replace(
        "  worker:\n", "  worker:\n    env_file: ../common/app.env\n", 1
    )
    compose.write_text(text)
    (root / "voting" / ".env").write_text("UNUSED=1\n")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "one")
    return root


def test_git_side_matches_checkout(repo: Path) -> None:
    with ExitStack() as resources:
        then = side_graph("git:HEAD:voting", resources, working_dir=str(repo), environ={})
    now = side_graph("voting", ExitStack(), working_dir=str(repo), environ={})
    assert diff_graphs(then, now).empty
    compose = repo / "voting" / "compose.yaml"
    compose.write_text(compose.read_text().replace("redis:7-alpine", "redis:8-alpine"))
    now = side_graph("voting", ExitStack(), working_dir=str(repo), environ={})
    with ExitStack() as resources:
        then = side_graph("git:HEAD:voting", resources, working_dir=str(repo), environ={})
    diff = diff_graphs(then, now)
    assert [(n.id, n.changes[0].new) for n in diff.nodes] == [("service:redis", "redis:8-alpine")]


def test_git_copies_referenced_files_only(repo: Path) -> None:
    with materialize(parse_spec("git:HEAD:voting/compose.yaml"), repo) as checkout:
        root = checkout.root
        copied = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        assert checkout.path == root / "voting" / "compose.yaml"
        assert root.name == "repo"
    assert copied == ["common/app.env", "voting/.env", "voting/compose.yaml"]
    assert not root.exists()


@pytest.mark.parametrize(
    ("spec", "error"),
    [
        ("git:--upload-pack=x:voting", UsageError),
        ("git:HEAD:/etc", UsageError),
        ("git:HEAD:../..", UsageError),
        ("git:no-such-rev:voting", UsageError),
        ("git:HEAD:missing", ComposeFileError),
    ],
)
def test_git_specs_are_validated(repo: Path, spec: str, error: type[Exception]) -> None:
    with pytest.raises(error), materialize(parse_spec(spec), repo):
        pass


def test_git_follows_compose_file_from_dotenv(repo: Path) -> None:
    folder = repo / "voting"
    (folder / "compose.yaml").rename(folder / "stack.yml")
    (folder / ".env").write_text("COMPOSE_FILE=stack.yml\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "two")
    with ExitStack() as resources:
        then = side_graph("git:HEAD:voting", resources, working_dir=str(repo), environ={})
    assert "service:redis" in then.nodes


def test_sides_follow_the_mask_policy(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  a:\n    image: x\n"
        "    labels:\n      composedoc.description: house_code=1234\n"
    )

    def command(policy: MaskPolicy | None) -> object:
        graph = side_graph(".", ExitStack(), working_dir=str(tmp_path), environ={}, policy=policy)
        return graph.nodes["service:a"]["description"]

    assert "1234" in str(command(None))
    assert "1234" not in str(command(MaskPolicy(extra_key_patterns=("house",))))


def test_git_side_review_matches_checkout(repo: Path) -> None:
    """Paths outside the project (``../common``) read the same from a git side."""
    compose = repo / "voting" / "compose.yaml"
    compose.write_text(
        compose.read_text().replace("  worker:\n", "  worker:\n    volumes: [../common:/c]\n", 1)
    )
    _git(repo, "commit", "-qam", "bind outside")
    now = side_project("voting", ExitStack(), working_dir=str(repo), environ={})[0]
    with ExitStack() as resources:
        side = side_project("git:HEAD:voting", resources, working_dir=str(repo), environ={})
        then = relocate_project(*side)
    assert review_projects(then, now).items == ()
