"""The pipeline reads top to bottom: no upward import and no import cycle, anywhere.

Every ``import`` is found with ``ast`` (function-level ones included, since a lazy import is
still a dependency); ``if TYPE_CHECKING:`` imports count for layering but not for cycles,
because they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "src", ROOT / "mkdocs_plugin")

# Lower layers never import higher ones. Same-layer imports are allowed (within a package).
LAYERS = (
    (
        "composedoc",
        "composedoc._lazy",
        "composedoc.errors",
        "composedoc.limits",
        "composedoc.options",
    ),
    ("composedoc.compose",),
    ("composedoc.model",),
    ("composedoc.mask",),
    ("composedoc.graph",),
    ("composedoc.diagram",),
    ("composedoc.docs",),
    ("composedoc.ci",),
    ("composedoc.settings",),
    ("composedoc.cli", "composedoc.__main__"),
    ("mkdocs_composedoc",),
)


def layer_of(module: str) -> int:
    """The index of the longest layer prefix naming ``module``."""
    best, depth = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > depth:
                best, depth = index, len(prefix)
    assert best >= 0, module
    return best


def module_name(path: Path, base: Path) -> str:
    parts = list(path.relative_to(base).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path, module: str) -> list[tuple[str, bool]]:
    """``(imported module, runs at run time)`` for every import statement in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.body:
                typing_only.update(id(inner) for inner in ast.walk(child))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        runtime = id(node) not in typing_only
        if isinstance(node, ast.Import):
            found += [(alias.name, runtime) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((base, runtime))
            # ``from pkg import sub`` imports the submodule ``pkg.sub`` when there is one.
            found += [(f"{base}.{alias.name}", runtime) for alias in node.names]
    return found


def project_modules() -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for base in SOURCES:
        for path in sorted(base.rglob("*.py")):
            modules[module_name(path, base)] = path
    return modules


def import_graph() -> tuple[nx.DiGraph, list[str]]:
    modules = project_modules()
    graph: nx.DiGraph = nx.DiGraph()
    upward: list[str] = []
    for name, path in modules.items():
        graph.add_node(name)
        for target, runtime in imports(path, name):
            if target not in modules or target == name:
                continue
            facade = path.name == "__init__.py" and not runtime  # re-exported names
            if layer_of(target) > layer_of(name) and not facade:
                upward.append(f"{name} imports {target}")
            if runtime and not (path.name == "__init__.py" and target.startswith(name + ".")):
                graph.add_edge(name, target)
    return graph, upward


def test_the_layers_name_every_module() -> None:
    for name in project_modules():
        layer_of(name)


def test_no_upward_import() -> None:
    _graph, upward = import_graph()
    assert upward == []


def test_no_import_cycle() -> None:
    graph, _upward = import_graph()
    cycles = sorted(sorted(cycle) for cycle in nx.simple_cycles(graph))
    assert cycles == []


@pytest.mark.parametrize(
    ("source", "target", "upward"),
    [
        ("composedoc.model.project", "composedoc.docs.facts", True),
        ("composedoc.cli", "composedoc.compose", False),
    ],
)
def test_the_check_sees_an_upward_import(source: str, target: str, upward: bool) -> None:
    assert (layer_of(target) > layer_of(source)) is upward


def test_function_level_and_typing_imports_are_seen(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from composedoc.docs import facts\n"
        "def f():\n    from composedoc.cli import commands\n",
        encoding="utf-8",
    )
    found = imports(source, "composedoc.model.mod")
    assert ("composedoc.docs.facts", False) in found
    assert ("composedoc.cli.commands", True) in found


FRONT_ENDS = ("composedoc.cli", "composedoc.__main__", "mkdocs_composedoc")


def _calls(path: Path) -> list[str]:
    """Dotted names of every call in ``path`` (``print``, ``sys.exit``, ``click.echo``)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func, parts = node.func, []
            while isinstance(func, ast.Attribute):
                parts.append(func.attr)
                func = func.value
            if isinstance(func, ast.Name):
                names.append(".".join([func.id, *reversed(parts)]))
    return names


def test_library_code_never_prints_or_exits() -> None:
    """Only front ends talk to the terminal; the library raises (ARCHITECTURE.md)."""
    found = []
    for name, path in project_modules().items():
        if name.startswith(FRONT_ENDS):
            continue
        if any(target.startswith("click") for target, _run in imports(path, name)):
            found.append(f"{name} imports click")
        bad = {"print", "sys.exit", "exit", "quit"} & set(_calls(path))
        found += [f"{name} calls {call}" for call in sorted(bad)]
    assert found == []


DATA_TABLES = frozenset({"composedoc.compose.schema_rules", "composedoc.diagram.icon_table"})
MOST_LINES = 400


def test_modules_stay_small() -> None:
    """About 400 lines at most (ARCHITECTURE.md); data tables are the exception."""
    long = {
        name: lines
        for name, path in project_modules().items()
        if name not in DATA_TABLES
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert long == {}
