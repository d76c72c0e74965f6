"""A build's query store is loaded a slice of graph.ttl at a time (memory does not grow with
the graph), and holds what loading the file whole gives: the same triples, the same answers.
Files that cannot be cut safely are loaded whole.  No model: the build takes its results
from the cache (see test_incremental_merge).
"""

from __future__ import annotations

import functools
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_incremental_merge import Corpus

from actorgraph.graph.sparql.limits import run_isolated
from actorgraph.graph.sparql.named_queries import library
from actorgraph.graph.sparql.oxstore import load_in_slices, load_into, query_db

EVERYTHING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    corpus = Corpus(tmp_path_factory.mktemp("corpus"))
    for i in range(60):
        corpus.write(f"a{i:04d}.md", title=f"Title {i}") if i % 7 == 0 else corpus.write(
            f"a{i:04d}.txt"
        )
    corpus.build()
    return corpus


def _memory(path: Path, fmt: str, slice_bytes: int) -> tuple[int, set[ox.Quad]]:
    """Slices loaded into an in-memory store, and what it holds then."""
    store = ox.Store()
    return load_in_slices(store, path, fmt, slice_bytes), set(store)


def _whole(path: Path, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> set[ox.Quad]:
    store = ox.Store()
    store.load(path=str(path), format=fmt)
    return set(store)


def _stored(db: Path) -> list[tuple[str, str, str]]:
    """(Worker) The triples of a store on disk, as text."""
    store = ox.Store.read_only(str(db))
    return sorted((str(q.subject), str(q.predicate), str(q.object)) for q in store)


def _load(db: Path, path: Path, slice_bytes: int) -> list[tuple[str, str, str]]:
    """Load a Turtle file into a store on disk as a build does (a worker process), with
    slices of ``slice_bytes``; what the store holds then."""
    run_isolated(functools.partial(load_into, db, path, "turtle", slice_bytes), timeout=60)
    return run_isolated(functools.partial(_stored, db), timeout=60)


def _answers(db: Path) -> dict[str, object]:
    """The rows of every whole-graph named query on a store on disk."""
    return {
        name: run_isolated(functools.partial(query_db, db, query.text), timeout=60).rows
        for name, query in library().items()
        if not query.params
    }


def test_graph_ttl_loads_in_slices_with_the_same_contents(built: Corpus) -> None:
    graph = built.out / "graph.ttl"
    size = graph.stat().st_size
    whole = _whole(graph)
    assert len(whole) > 1000
    count, sliced = _memory(graph, "turtle", 2000)
    assert count > size // 4000 and sliced == whole  # many small slices, the same triples
    assert _memory(graph, "turtle", 2 * size) == (1, whole)  # one slice when it all fits


def test_the_store_holds_the_same_triples_and_answers_whatever_the_slices(
    built: Corpus, tmp_path: Path
) -> None:
    graph = built.out / "graph.ttl"
    small = _load(tmp_path / "small", graph, 1000)
    one = _load(tmp_path / "one", graph, 1 << 30)
    assert len(small) == len(_whole(graph)) and small == one
    assert _answers(tmp_path / "small") == _answers(tmp_path / "one")


PREFIX = b"@prefix ex: <http://ex/> .\n"


@pytest.mark.parametrize(
    ("why", "text"),
    [
        # a blank node label in two slices: one node, not two
        ("blank node", PREFIX + b"_:x ex:p ex:o .\n\n<http://ex/a> ex:q _:x .\n"),
        # a prefix declared again half way: later statements use the new one
        (
            "prefix",
            PREFIX + b"<http://ex/a> ex:p ex:o .\n\n@prefix ex: <http://other/> .\n"
            b"<http://ex/b> ex:p ex:o .\n",
        ),
        # a line that starts with an IRI inside a statement: no place to cut there
        ("mid-statement", PREFIX + b"<http://ex/a> ex:p\n<http://ex/b> ,\n<http://ex/c> .\n"),
    ],
)
def test_files_that_cannot_be_cut_are_loaded_whole(why: str, text: bytes, tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_bytes(text)
    assert _memory(path, "turtle", 8)[0] == 0, why
    stored = _load(tmp_path / "db", path, 8)
    assert len(stored) == 2, why
    if why == "blank node":
        assert stored[0][0] == stored[1][2] or stored[1][0] == stored[0][2]  # one node
    else:
        expected = sorted((str(q.subject), str(q.predicate), str(q.object)) for q in _whole(path))
        assert stored == expected, why


def test_n_triples_are_cut_at_any_line(built: Corpus, tmp_path: Path) -> None:
    nt = tmp_path / "g.nt"
    whole = _whole(built.out / "graph.ttl")
    ox.serialize((q.triple for q in whole), output=str(nt), format=ox.RdfFormat.N_TRIPLES)
    count, quads = _memory(nt, "nt", 500)
    assert count > 100 and quads == whole == _whole(nt, ox.RdfFormat.N_TRIPLES)
