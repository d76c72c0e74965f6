"""The layout holds: imports go one way, from the command line down to the ontology.

Every import statement of the package's modules is read with ``ast`` (also those
inside functions and under ``TYPE_CHECKING``). An import names the module it reads
from: a package's ``__init__`` when it imports a name the package exports.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest
from conftest import ROOT

#: source folder -> the package it installs as
PACKAGES = {
    "graph": "actorgraph.graph",
    "extractors": "actorgraph.extractors",
    "ontology": "actorgraph.ontology",
}

#: layers, highest first: a module may import its own layer and the layers below it
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("command line", ("actorgraph.graph.cli",)),
    (
        "stages",
        (
            "actorgraph.graph.build",
            "actorgraph.graph.sparql",
            "actorgraph.graph.explorer",
            "actorgraph.graph.evaluation",
        ),
    ),
    ("graph core", ("actorgraph.graph.core", "actorgraph.graph.read")),
    ("graph base", ("actorgraph.graph.errors", "actorgraph.graph.outputs", "actorgraph.graph")),
    ("extractors", ("actorgraph.extractors",)),
    ("ontology", ("actorgraph.ontology",)),
]

#: source files allowed over the length limit (none)
KNOWN_LONG: set[str] = set()
MAX_LINES = 600

Graph = Mapping[str, set[str]]


def _sources() -> dict[str, Path]:
    """Module name -> file, for every module of the package."""
    out = {}
    for folder, package in PACKAGES.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join((package, *parts))] = path
    return out


SOURCES = _sources()


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def imports_of(module: str, tree: ast.AST, package: str, known: Iterable[str]) -> set[str]:
    """The actorgraph modules that ``module`` imports (relative imports resolved)."""
    known = set(known)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("actorgraph"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            if not base.startswith("actorgraph"):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    found.discard(module)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the actorgraph modules it imports, for the whole package."""
    return {
        module: imports_of(
            module, ast.parse(path.read_text(encoding="utf-8")), _package_of(module, path), SOURCES
        )
        for module, path in SOURCES.items()
    }


def layer_of(module: str) -> int:
    """Index in :data:`LAYERS` of the longest prefix naming ``module`` (0 is the top)."""
    best = (-1, -1)
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                best = max(best, (len(prefix), index))
    if best[1] < 0:
        raise LookupError(f"{module} is in no layer; add it to LAYERS")
    return best[1]


def upward_imports(graph: Graph) -> list[str]:
    """``a -> b`` for every import of a module from a higher layer."""
    return [
        f"{a} ({LAYERS[layer_of(a)][0]}) -> {b} ({LAYERS[layer_of(b)][0]})"
        for a in sorted(graph)
        for b in sorted(graph[a])
        if layer_of(b) < layer_of(a)
    ]


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def unit_of(module: str) -> str:
    """The stage package or top-level module a module belongs to (``actorgraph.graph.build``)."""
    parts = module.split(".")
    return ".".join(parts[:3])


def unit_graph(graph: Graph) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a, targets in graph.items():
        out.setdefault(unit_of(a), set()).update(
            unit_of(b) for b in targets if unit_of(b) != unit_of(a)
        )
    return out


# --------------------------------------------------------------------------- the package


def test_every_import_names_a_module_that_exists():
    missing = [f"{a} -> {b}" for a, bs in import_graph().items() for b in bs if b not in SOURCES]
    assert missing == []


def test_every_module_is_in_a_layer():
    for module in SOURCES:
        layer_of(module)


def test_no_import_goes_up_a_layer():
    assert upward_imports(import_graph()) == []


def test_no_two_modules_import_each_other():
    assert cycles(import_graph()) == []


def test_no_two_packages_import_each_other():
    """Stages may use each other (the build writes the explorer's page), in one direction."""
    assert cycles(unit_graph(import_graph())) == []


def test_no_source_file_over_600_lines():
    lengths = {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in SOURCES.values()
    }
    long = {name: n for name, n in lengths.items() if n > MAX_LINES and name not in KNOWN_LONG}
    assert long == {}


def test_every_package_says_what_it_takes_and_gives():
    for module, path in SOURCES.items():
        if (
            path.name == "__init__.py"
            and module.count(".") == 2
            and module.startswith("actorgraph.graph.")
        ):
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
            assert doc and "->" in doc and "\n" not in doc, module


# --------------------------------------------------------------------------- the checks


def _parsed(module: str, text: str, package: str) -> set[str]:
    known = {"actorgraph.graph.core.iri", "actorgraph.graph.core", "actorgraph.graph.cli.main"}
    return imports_of(module, ast.parse(text), package, known)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from .iri import slug", {"actorgraph.graph.core.iri"}),
        ("from . import iri", {"actorgraph.graph.core.iri"}),
        ("from .. import core", {"actorgraph.graph.core"}),
        ("from ..cli.main import main", {"actorgraph.graph.cli.main"}),
        ("def f():\n    import actorgraph.graph.cli.main", {"actorgraph.graph.cli.main"}),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..cli import count",
            {"actorgraph.graph.cli"},
        ),
        ("import json\nfrom rdflib import Graph", set()),
    ],
)
def test_imports_are_read_with_relative_and_lazy_ones(text: str, expected: set[str]):
    assert _parsed("actorgraph.graph.core.merge", text, "actorgraph.graph.core") == expected


def test_an_upward_import_is_found():
    graph = {"actorgraph.graph.core.merge": {"actorgraph.graph.cli.main"}}
    assert upward_imports(graph) == [
        "actorgraph.graph.core.merge (graph core) -> actorgraph.graph.cli.main (command line)"
    ]
    assert upward_imports({"actorgraph.graph.cli.main": {"actorgraph.graph.core.merge"}}) == []


def test_a_cycle_is_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
