"""A build's query store is loaded a slice of graph.ttl at a time (memory does not grow with
the graph), and holds what loading the file whole gives: the same triples, the same answers.
Files that cannot be cut safely are loaded whole.  No model: the build takes its results
from the cache (see test_incremental_merge).
"""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_incremental_merge import Corpus

from actorgraph.graph.build import write
from actorgraph.graph.build.cache import CACHE_DIR
from actorgraph.graph.sparql import named_queries, oxstore
from actorgraph.graph.sparql.answers import FOLDER
from actorgraph.graph.sparql.engines import OxigraphBackend, build_store
from actorgraph.graph.sparql.limits import run_isolated
from actorgraph.graph.sparql.named_queries import library, run_named
from actorgraph.graph.sparql.oxstore import load_in_slices, load_into, query_db, triple_changes

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


@pytest.mark.parametrize("text", [b"", PREFIX, PREFIX + b"\n", b"\n\n"])
def test_a_graph_without_triples_is_one_empty_slice(text: bytes, tmp_path: Path) -> None:
    """(A build of no article writes an empty graph.ttl.)"""
    path = tmp_path / "g.ttl"
    path.write_bytes(text)
    assert _memory(path, "turtle", 8) == (1, set())
    assert _load(tmp_path / "db", path, 8) == []


def test_n_triples_are_cut_at_any_line(built: Corpus, tmp_path: Path) -> None:
    nt = tmp_path / "g.nt"
    whole = _whole(built.out / "graph.ttl")
    ox.serialize((q.triple for q in whole), output=str(nt), format=ox.RdfFormat.N_TRIPLES)
    count, quads = _memory(nt, "nt", 500)
    assert count > 100 and quads == whole == _whole(nt, ox.RdfFormat.N_TRIPLES)


def _build_copy(built: Corpus, out: Path) -> Path:
    """A full build of the corpus into a new folder (its cached results copied there)."""
    shutil.copytree(built.out / CACHE_DIR / "v1", out / CACHE_DIR / "v1")
    assert not built.build(out).incremental
    return out / "graph.ttl"


def test_a_large_graph_is_loaded_from_a_fresh_process(
    built: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above write.FRESH_LOAD_BYTES the build loads its store from a new interpreter: the
    store then holds the graph, with the whole-graph answers kept."""
    monkeypatch.setattr(write, "FRESH_LOAD_BYTES", 0)
    graph = _build_copy(built, tmp_path / "out")
    backend = OxigraphBackend(graph, build_store(graph) or tmp_path)
    assert backend.ensure_loaded() is False  # loaded by the build
    kept = sorted(p.stem for p in (backend.store_dir / FOLDER).iterdir())
    assert kept == sorted(n for n, q in library().items() if not q.params)
    assert len(backend.query(EVERYTHING).rows) == len(_whole(graph))


def test_a_large_graph_s_store_is_patched_by_a_fresh_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same in an incremental build: the patch (the Turtle before and after, sent to
    the new interpreter) brings the store to the new graph."""
    monkeypatch.setattr(write, "FRESH_LOAD_BYTES", 0)
    corpus = Corpus(tmp_path)
    for i in range(40):
        corpus.write(f"a{i:04d}.txt")
    corpus.build()
    graph = corpus.out / "graph.ttl"
    backend = OxigraphBackend(graph, build_store(graph) or tmp_path)
    corpus.edit(remove=2, change=2, add=3, tag="p")
    assert corpus.build().incremental
    assert backend.ensure_loaded() is False  # the store holds the new graph.ttl ...
    patched = run_isolated(functools.partial(_stored, backend.db), timeout=60)
    assert patched == _load(tmp_path / "fresh", graph, 1 << 30)  # ... all of it


def test_answers_too_large_to_keep_are_made_when_asked(
    built: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole-graph answer that needs more than named_queries.KEEP_MEMORY is not kept by
    the build, which goes on; asking the query answers it."""
    monkeypatch.setattr(named_queries, "KEEP_MEMORY", 1)
    graph = _build_copy(built, tmp_path / "out")
    backend = OxigraphBackend(graph, build_store(graph) or tmp_path)
    assert backend.ensure_loaded() is False
    assert not list((backend.store_dir / FOLDER).glob("*.json"))
    most = run_named(library()["most-connected"], backend)
    assert most.rows


def test_a_fresh_worker_holds_none_of_this_process_s_memory() -> None:
    """What makes a fresh worker worth its start: a forked one is counted with every page
    this process holds (here 256 MB more), a fresh one is a new interpreter."""
    ballast = bytearray(b"x") * (256 << 20)
    statm = functools.partial(Path.read_text, Path("/proc/self/statm"))  # read by the worker
    forked, fresh = (
        int(run_isolated(statm, timeout=60, fresh=new).split()[1]) * os.sysconf("SC_PAGE_SIZE")
        for new in (False, True)
    )
    assert forked > len(ballast) > 2 * fresh


def _blocks(graph: Path) -> list[bytes]:
    """graph.ttl's subject blocks, each with the prefixes (as a build's pieces are)."""
    text = graph.read_bytes()
    head_end = text.index(b"\n\n") + 1
    head, body = text[:head_end], text[head_end:].lstrip(b"\n")
    return [head + block + b"\n" for block in body.rstrip(b"\n").split(b"\n\n")]


def test_a_patch_walks_two_blocks_side_by_side(built: Corpus) -> None:
    """triple_changes keeps only what differs between two pieces of Turtle, and gives
    what sets of both would give, in order or not."""
    blocks = _blocks(built.out / "graph.ttl")
    big = max(blocks, key=len)  # the subject with the most triples
    triples = list(ox.parse(big, format=ox.RdfFormat.TURTLE))
    assert len(triples) > 10

    def turtle(ts: list[ox.Triple]) -> bytes:
        out = ox.serialize(ts, format=ox.RdfFormat.TURTLE, prefixes={"ag": AG_NS})
        assert out is not None
        return out

    before = turtle(triples[:5] + triples[6:])  # without the 6th triple
    after = turtle(triples[:7] + triples[8:])  # without the 8th
    cases = [(big, big), (before, big), (big, after), (before, after), (blocks[0], big)]
    cases.append((b"".join(reversed(blocks[:3])), b"".join(blocks[1:4])))  # out of order
    for old, new in cases:
        gone, came = triple_changes(old, new)
        olds = set(ox.parse(old, format=ox.RdfFormat.TURTLE))
        news = set(ox.parse(new, format=ox.RdfFormat.TURTLE))
        assert (set(gone), set(came)) == (olds - news, news - olds)
        assert len(gone) == len(olds - news) and len(came) == len(news - olds)
    assert triple_changes(before, after) == ([triples[7]], [triples[5]])
    # a build's own blocks are in order: walked side by side, not made into sets
    assert oxstore._walk_changes(big, before) == ([triples[5]], [])
    assert triple_changes(big, big) == ([], [])


AG_NS = "https://w3id.org/actorgraph/ns#"
