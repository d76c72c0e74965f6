"""The persistent Oxigraph store gives the same answers as rdflib, and is reloaded when stale."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from actorgraph.graph.cli import main
from actorgraph.graph.core.formats import export
from actorgraph.graph.core.graphfile import load_graph
from actorgraph.graph.core.rdf import article_graphs
from actorgraph.graph.core.serialize import term_key
from actorgraph.graph.errors import GraphFileError, QueryError
from actorgraph.graph.sparql.engines import (
    OxigraphBackend,
    OxigraphMemoryBackend,
    RdflibBackend,
    build_store,
    open_backend,
)
from actorgraph.graph.sparql.named_queries import bind_named, library, run_named
from actorgraph.graph.sparql.results import QueryOutcome

pytestmark = pytest.mark.model

#: bindings that give every named query a non-empty answer on the seeds
ARGS = {
    "who-backs": {"actor": "Kataib Hezbollah"},
    "backed-by": {"actor": "Iran"},
    "members-of": {"group": "PMF"},
    "everything-about": {"actor": "kataib hezbollah"},
    "paths": {"from": "Kataib Hezbollah", "to": "United States", "hops": "3"},
    "evidence-for": {"subject": "KH", "relation": "part of", "object": "PMF"},
    "single-source": {},
    "most-connected": {},
    "facts-by-relation": {"relation": "attacked"},
    "search": {"text": "hezb"},
}
AG_NS = "https://w3id.org/actorgraph/ns#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def rdflib_backend(seeds: Path) -> RdflibBackend:
    return RdflibBackend.from_file(seeds)


@pytest.fixture(scope="module")
def oxigraph_backend(seeds: Path, tmp_path_factory) -> OxigraphBackend:  # type: ignore[no-untyped-def]
    backend = OxigraphBackend(seeds, tmp_path_factory.mktemp("store") / "ox")
    assert backend.ensure_loaded() is True
    return backend


def _rows(outcome: QueryOutcome) -> Counter[tuple[tuple[str, ...], ...]]:
    """Result rows as a multiset of value keys (stores may spell 1.0 as 1)."""
    return Counter(tuple(term_key(v) for v in row) for row in outcome.rows)


@pytest.mark.parametrize("engine", ["store", "memory", "default"])
def test_every_named_query_gives_the_same_answers(rdflib_backend, oxigraph_backend, seeds, engine):
    other = {
        "store": oxigraph_backend,
        "memory": OxigraphMemoryBackend.from_file(seeds),
        "default": open_backend(seeds),
    }[engine]
    assert set(ARGS) == set(library())
    for name, query in library().items():
        a = rdflib_backend.query(query.text, bind_named(query, ARGS[name], rdflib_backend))
        b = other.query(query.text, bind_named(query, ARGS[name], other))
        assert a.variables == b.variables, name
        assert a.rows, f"{name} found nothing on the seeds"
        assert _rows(a) == _rows(b), name


def test_the_default_engine_is_the_store_the_build_left(seeds: Path, tmp_path: Path):
    """A build leaves an Oxigraph store beside graph.ttl; queries use it, not rdflib."""
    folder = build_store(seeds)
    assert folder is not None and (folder / "db").is_dir()
    backend = open_backend(seeds)
    assert isinstance(backend, OxigraphBackend) and backend.store_dir == folder
    assert backend.ensure_loaded() is False  # the build loaded it already
    assert isinstance(open_backend(seeds, store="rdflib"), RdflibBackend)
    copy = tmp_path / "graph.ttl"  # a graph file outside a build is read into memory
    copy.write_bytes(seeds.read_bytes())
    assert build_store(copy) is None
    assert isinstance(open_backend(copy), OxigraphMemoryBackend)
    assert list(tmp_path.iterdir()) == [copy]  # nothing written beside it


def test_free_queries_ask_construct_and_bindings_agree(rdflib_backend, oxigraph_backend):
    kh = URIRef("https://w3id.org/actorgraph/id/entity/kataib-hezbollah")
    select = "SELECT ?o ?c WHERE { ?f rdf:subject ?s ; rdf:object ?o ; ag:confidence ?c }"
    for backend in (rdflib_backend, oxigraph_backend):
        assert backend.query("ASK { ?s ag:partOf ?o }").boolean is True
    a, b = (x.query(select, {"s": kh}) for x in (rdflib_backend, oxigraph_backend))
    assert _rows(a) == _rows(b) and len(a.rows) >= 3
    construct = "CONSTRUCT { ?s ag:relation ?o } WHERE { ?s ag:partOf ?o }"
    ta, tb = (x.query(construct).triples for x in (rdflib_backend, oxigraph_backend))
    assert set(ta) == set(tb) and ta
    label = {"l": Literal("Kataib Hezbollah", lang="en")}
    q = "SELECT ?s WHERE { ?s skos:prefLabel ?l }"
    assert [r[0] for r in oxigraph_backend.query(q, label).rows] == [kh]


def test_named_graphs_of_a_trig_file_are_queryable(seeds: Path, tmp_path: Path):
    trig = export(load_graph(seeds), "trig", tmp_path / "graph.trig")[0]
    query = """
        SELECT ?article ?sentence WHERE {
          ?s skos:prefLabel "Kataib Hezbollah"@en .
          ?o skos:prefLabel "Popular Mobilization Forces"@en .
          GRAPH ?article {
            ?f rdf:subject ?s ; rdf:predicate ag:partOf ; rdf:object ?o ; ag:evidence ?e .
            ?e ag:sentence ?sentence } }"""
    a = RdflibBackend.from_file(trig).query(query)
    b = OxigraphBackend(trig, tmp_path / "store").query(query)
    assert a.rows and _rows(a) == _rows(b)
    assert all(str(row[0]).startswith("https://w3id.org/actorgraph/id/article/") for row in a.rows)


def test_the_store_is_reused_and_reloaded_when_the_graph_changes(seeds: Path, tmp_path: Path):
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(seeds.read_bytes())
    backend = OxigraphBackend(graph, tmp_path / "store")
    assert backend.ensure_loaded() is True
    assert backend.ensure_loaded() is False
    assert OxigraphBackend(graph, tmp_path / "store").ensure_loaded() is False  # a later run
    extra = '<https://e/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "Newcomer"@en .\n'
    graph.write_text(graph.read_text(encoding="utf-8") + extra, encoding="utf-8")
    later = time.time() + 5
    os.utime(graph, (later, later))
    q = "ASK { ?x skos:prefLabel 'Newcomer'@en }"
    assert backend.query(q).boolean is True  # reloaded before answering
    assert backend.ensure_loaded() is False


def test_a_folder_that_is_not_a_store_is_refused(seeds: Path, tmp_path: Path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(GraphFileError, match="not an actorgraph store"):
        OxigraphBackend(seeds, tmp_path).ensure_loaded()
    with pytest.raises(QueryError, match="unknown --store"):
        open_backend(seeds, store="sqlite:x")


def test_a_slow_oxigraph_query_is_stopped(oxigraph_backend: OxigraphBackend, seeds: Path):
    slow = OxigraphBackend(seeds, oxigraph_backend.store_dir, timeout=1)
    started = time.monotonic()
    with pytest.raises(QueryError, match="timed out after 1 s"):
        slow.query(SLOW)
    assert time.monotonic() - started < 6
    assert multiprocessing.active_children() == []
    assert slow.query("ASK { ?s ag:partOf ?o }").boolean is True


def test_network_is_refused_on_oxigraph_too(oxigraph_backend: OxigraphBackend, seeds: Path):
    for backend in (oxigraph_backend, OxigraphMemoryBackend.from_file(seeds)):
        with pytest.raises(QueryError, match="SERVICE"):
            backend.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/q> { ?s ?p ?o } }")
        with pytest.raises(QueryError, match="SERVICE"):
            backend.query(r"SELECT * WHERE { SERV\u0049CE <http://127.0.0.1:9/q> { ?s ?p ?o } }")


def test_query_command_with_the_oxigraph_store(seeds: Path, tmp_path: Path):
    store = f"oxigraph:{tmp_path / 'store'}"
    runner = CliRunner()
    args = ["query", "--graph", str(seeds), "--store", store, "-n", "who-backs", "-b", "actor=KH"]
    res = runner.invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "Iran" in res.output and (tmp_path / "store" / "db").is_dir()
    res = runner.invoke(
        main, [*args[:5], "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "tsv"]
    )
    assert res.exit_code == 0 and res.output.splitlines()[0] == "?n"


def test_fact_article_counts_are_their_evidence_articles(rdflib_backend: RdflibBackend):
    """single-source reads ag:articleCount: it must be the number of distinct articles of
    the fact's evidence, as a build writes it."""
    counted = """
        SELECT ?fact ?count (COUNT(DISTINCT ?a) AS ?n) WHERE {
          ?fact a ag:Fact ; ag:articleCount ?count ; ag:evidence/ag:article ?a }
        GROUP BY ?fact ?count"""
    rows = rdflib_backend.query(counted).rows
    assert len(rows) == len(rdflib_backend.query("SELECT ?f WHERE { ?f a ag:Fact }").rows)
    assert all(int(count) == int(n) for _, count, n in rows)
    assert any(int(n) > 1 for _, _, n in rows)


def test_the_build_keeps_the_whole_graph_answers_in_its_store(seeds: Path):
    folder = build_store(seeds)
    assert folder is not None
    kept = {p.name for p in (folder / "answers").iterdir()}
    assert kept == {"single-source.json", "most-connected.json"}
    assert {q.name for q in library().values() if not q.params} == {
        "single-source",
        "most-connected",
    }


def test_a_kept_answer_is_read_back_until_the_graph_changes(
    seeds: Path, rdflib_backend: RdflibBackend, tmp_path: Path
):
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(seeds.read_bytes())
    backend = OxigraphBackend(graph, tmp_path / "store")
    query = library()["single-source"]
    first = run_named(query, backend)
    assert _rows(first) == _rows(rdflib_backend.query(query.text))
    path = tmp_path / "store" / "answers" / "single-source.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert len(doc["rows"]) == len(first.rows)

    # what is kept is what a later run answers (one row changed here to tell)
    doc["rows"] = doc["rows"][:1]
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert run_named(query, backend).rows == first.rows[:1]
    assert run_named(query, backend, limit=0).rows == ()

    # a damaged answer is not used: the query runs again and keeps a good one
    path.write_text('{"format": 1, "rows": [[7]]', encoding="utf-8")
    assert run_named(query, backend).rows == first.rows
    doc["rows"], doc["variables"] = [[7, 8, 9, 10, 11]], doc["variables"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert run_named(query, backend).rows == first.rows

    # a new fact resting on one article: the store is reloaded and answers again
    base = "https://w3id.org/actorgraph/id/"
    article = str(first.rows[0][4]).replace("/fact/", "/article/")  # any IRI will do
    extra = f"""
<{base}fact/new> a <{AG_NS}Fact> ; <{RDF_NS}subject> <{base}entity/iran> ;
    <{RDF_NS}predicate> <{AG_NS}opposes> ; <{RDF_NS}object> <{base}entity/iraq> ;
    <{AG_NS}articleCount> 1 ; <{AG_NS}evidence> <{base}evidence/new> .
<{base}evidence/new> <{AG_NS}article> <{article}> .
"""
    graph.write_text(graph.read_text(encoding="utf-8") + extra, encoding="utf-8")
    later = time.time() + 5
    os.utime(graph, (later, later))
    again = run_named(query, backend)
    assert len(again.rows) == len(first.rows) + 1
    assert URIRef(f"{base}fact/new") in {row[4] for row in again.rows}
    assert len(json.loads(path.read_text(encoding="utf-8"))["rows"]) == len(again.rows)


def test_queries_with_parameters_and_other_engines_keep_nothing(seeds: Path, tmp_path: Path):
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(seeds.read_bytes())
    backend = OxigraphBackend(graph, tmp_path / "store")
    who = library()["who-backs"]
    assert run_named(who, backend, bind_named(who, {"actor": "KH"}, backend)).rows
    memory = OxigraphMemoryBackend.from_file(graph)
    assert run_named(library()["most-connected"], memory).rows
    assert not (tmp_path / "store" / "answers").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl", "store"]


def _article_quads(backend: OxigraphBackend | OxigraphMemoryBackend) -> set[tuple[object, ...]]:
    """The quads of every named graph of a store (read in a query worker: a test process
    that opened a RocksDB store itself would leave forked workers without its threads)."""
    rows = backend.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    return {tuple(row) for row in rows}


def test_a_store_derives_the_article_graphs_export_writes(seeds: Path, tmp_path: Path):
    """The named graphs a store adds for GRAPH queries (SPARQL over the merged graph) are
    the ones ``article_graphs`` makes in rdflib, quad for quad, and the default graph
    stays graph.ttl."""
    expected = {
        (name, *triple)
        for name, graph in article_graphs(load_graph(seeds)).items()
        for triple in graph
    }
    assert len({q[0] for q in expected}) == 5
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(seeds.read_bytes())
    backend = OxigraphBackend(graph, tmp_path / "store")
    assert backend.add_article_graphs() is True
    assert backend.add_article_graphs() is False  # once per loaded graph
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert int(backend.query(count).rows[0][0]) == len(load_graph(seeds))  # type: ignore[arg-type]
    assert _article_quads(backend) == expected
    memory = OxigraphMemoryBackend.from_file(graph)
    assert _article_quads(memory) == set()
    memory.add_article_graphs()
    assert _article_quads(memory) == expected


def test_the_readme_named_graph_example_runs_on_a_build(seeds: Path, tmp_path: Path):
    """The README's query over the per-article named graphs, on a build's graph.ttl through
    the CLI: answered by the build's Oxigraph store, as rdflib answers it."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("The same over the per-article named graphs", 1)[1]
    query = "\n".join(
        line.strip() for line in block.split("\n\n")[1].splitlines() if line.startswith("    ")
    )
    assert "GRAPH ?a" in query
    out = tmp_path / "out"  # a copy: the session's build is shared and never written to
    shutil.copytree(
        seeds.parent, out, symlinks=True, ignore=shutil.ignore_patterns(".actorgraph-store")
    )
    runner = CliRunner()
    answers = {}
    for store in ("oxigraph", "rdflib"):
        res = runner.invoke(
            main, ["query", query, "--graph", str(out), "-f", "csv", "--store", store]
        )
        assert res.exit_code == 0, res.output
        answers[store] = sorted(res.output.splitlines()[1:])
    assert answers["oxigraph"] == answers["rdflib"]
    assert len(answers["oxigraph"]) > 20
    assert any(
        row.startswith("Kataib Hezbollah,partOf,Popular Mobilization Forces,")
        for row in answers["oxigraph"]
    )
    store_dir = out / ".actorgraph-store" / "graph.ttl"
    assert (store_dir / "article-graphs.json").is_file()  # the default engine did it
