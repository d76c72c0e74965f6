"""SPARQL: named queries, name resolution, bindings, time limits, formats, safe reading."""

from __future__ import annotations

import json
import multiprocessing
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from actorgraph.extractors.records import Article, Edge, Entity, Evidence, KnowledgeGraph
from actorgraph.graph.cli import main
from actorgraph.graph.core.formats import export
from actorgraph.graph.core.graphfile import load_graph
from actorgraph.graph.core.iri import fact_iri
from actorgraph.graph.core.rdf import to_rdf
from actorgraph.graph.core.serialize import write_turtle
from actorgraph.graph.errors import GraphFileError, QueryError
from actorgraph.graph.sparql.engines import RdflibBackend
from actorgraph.graph.sparql.named_queries import (
    bind_free,
    bind_named,
    get_query,
    library,
    resolve_entity,
    resolve_relation,
)
from actorgraph.graph.sparql.results import format_outcome
from actorgraph.graph.sparql.text import query_form, refuse_network, sparql_term, with_values
from actorgraph.ontology import AG

BASE = "https://example.org/id/"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
NAMED = {
    "who-backs",
    "backed-by",
    "members-of",
    "everything-about",
    "paths",
    "evidence-for",
    "single-source",
    "most-connected",
    "facts-by-relation",
    "search",
}


def _entity(slug: str, label: str, etype: str, *aliases: str) -> Entity:
    return Entity(BASE + "entity/" + slug, slug, label, etype, aliases, 2, ("a.txt",))


def _edge(s: Entity, rel: str, o: Entity, start: int) -> Edge:
    ev = Evidence("a.txt", "a" * 64, f"{s.label} {rel} {o.label}.", start, start + 20, "test", 0.8)
    return Edge(str(fact_iri(BASE, s.id, rel, o.id)), s.id, rel, o.id, (ev,))


@pytest.fixture(scope="module")
def small() -> Graph:
    """Five entities, three facts, one article; 'Badr' and 'Hizb' test name resolution."""
    kh = _entity("kh", "Kataib Hezbollah", "ArmedGroup", "KH", "Hizb")
    pmf = _entity("pmf", "Popular Mobilization Forces", "ArmedGroup", "PMF", "PMU")
    iran = _entity("iran", "Iran", "Country", "Badr")
    badr = _entity("badr", "Badr", "ArmedGroup")
    hzb = _entity("hezbollah", "Hezbollah", "ArmedGroup", "Hizb")
    entities = {e.id: e for e in (kh, pmf, iran, badr, hzb)}
    edges = (
        _edge(kh, "partOf", pmf, 0),
        _edge(kh, "backedBy", iran, 30),
        _edge(badr, "partOf", pmf, 60),
    )
    art = Article("a.txt", "a.txt", "", "a" * 64)
    return to_rdf(KnowledgeGraph(entities, edges, (art,)), base=BASE)


@pytest.fixture(scope="module")
def backend(small: Graph) -> RdflibBackend:
    return RdflibBackend(small, timeout=20)


def _run(backend: RdflibBackend, name: str, **raw: str) -> list[dict[str, str]]:
    query = get_query(name)
    outcome = backend.query(query.text, bind_named(query, raw, backend))
    return [
        {n: str(v) for n, v in zip(outcome.variables, row, strict=True) if v is not None}
        for row in outcome.rows
    ]


# --------------------------------------------------------------------------- library


def test_library_has_every_named_query_with_descriptions():
    queries = library()
    assert set(queries) >= NAMED
    for q in queries.values():
        assert q.description and "SELECT" in q.text
    assert [p.name for p in queries["paths"].params] == ["from", "to", "hops"]
    out = CliRunner().invoke(main, ["query", "--list"]).output
    for name in NAMED:
        assert name in out
    assert "paths from=NAME to=NAME [hops=1..4, default 3]" in out


def test_name_resolution_is_case_insensitive_and_prefers_labels(backend: RdflibBackend):
    kh = URIRef(BASE + "entity/kh")
    assert resolve_entity(backend, "kataib HEZBOLLAH") == kh
    assert resolve_entity(backend, "KH") == kh  # an alias
    assert resolve_entity(backend, "  Kataib   Hezbollah ") == kh
    assert resolve_entity(backend, "Badr") == URIRef(BASE + "entity/badr")  # label beats alias
    assert resolve_entity(backend, f"<{kh}>") == kh
    with pytest.raises(QueryError, match="names 2 entities"):
        resolve_entity(backend, "hizb")
    with pytest.raises(QueryError, match="did you mean 'Kataib Hezbollah'"):
        resolve_entity(backend, "Kataib Hizbolah")


def test_relations_resolve_from_any_spelling():
    for text in ("partOf", "part of", "PART-OF", "ag:partOf", f"<{AG.partOf}>"):
        assert resolve_relation(text) == AG.partOf
    with pytest.raises(QueryError, match="unknown relation"):
        resolve_relation("owns")


def test_named_queries_on_a_small_graph(backend: RdflibBackend):
    assert [r["backer"] for r in _run(backend, "who-backs", actor="kh")] == ["Iran"]
    assert [r["client"] for r in _run(backend, "backed-by", actor="Iran")] == ["Kataib Hezbollah"]
    members = _run(backend, "members-of", group="PMU")
    assert {(r["member"], r["relation"]) for r in members} == {
        ("Kataib Hezbollah", "partOf"),
        ("Badr", "partOf"),
    }
    paths = _run(backend, "paths", **{"from": "Iran", "to": "Badr"})
    assert [r["path"] for r in paths] == [
        "Iran <-backedBy- Kataib Hezbollah -partOf-> Popular Mobilization Forces <-partOf- Badr"
    ]
    assert _run(backend, "paths", **{"from": "Iran", "to": "Badr", "hops": "2"}) == []
    evidence = _run(backend, "evidence-for", subject="KH", relation="part of", object="PMF")
    assert [r["sentence"] for r in evidence] == [
        "Kataib Hezbollah partOf Popular Mobilization Forces."
    ]
    assert evidence[0]["file"] == "a.txt"
    assert len(_run(backend, "single-source")) == 3
    assert _run(backend, "most-connected")[0]["entity"] in {"Kataib Hezbollah"}
    assert {r["subject"] for r in _run(backend, "facts-by-relation", relation="partOf")} == {
        "Kataib Hezbollah",
        "Badr",
    }
    assert {r["entity"] for r in _run(backend, "search", text="HEZ")} == {
        "Kataib Hezbollah",
        "Hezbollah",
    }


def test_parameters_are_checked(backend: RdflibBackend):
    paths = get_query("paths")
    with pytest.raises(QueryError, match="needs --bind to=NAME"):
        bind_named(paths, {"from": "KH"}, backend)
    with pytest.raises(QueryError, match="from 1 to 4"):
        bind_named(paths, {"from": "KH", "to": "Iran", "hops": "7"}, backend)
    with pytest.raises(QueryError, match="has no parameter 'actr'"):
        bind_named(get_query("who-backs"), {"actr": "KH"}, backend)
    with pytest.raises(QueryError, match="did you mean who-backs"):
        get_query("who-back")


def test_bindings_never_enter_the_query_text(backend: RdflibBackend, small: Graph):
    hostile = 'x" } UNION { ?s ?p ?o } #'
    with pytest.raises(QueryError, match="no entity is named"):
        resolve_entity(backend, hostile)
    q = "SELECT ?s WHERE { ?s skos:prefLabel ?label }"
    assert backend.query(q, {"label": Literal(hostile)}).rows == ()
    # the VALUES block used for Oxigraph and endpoints escapes every term
    text = with_values(q, {"label": Literal(hostile)})
    assert 'VALUES (?label) { ("x\\" } UNION { ?s ?p ?o } #") }' in text
    with pytest.raises(QueryError, match="not a valid IRI"):
        sparql_term(URIRef("http://x/> } ; DROP ALL"))
    with pytest.raises(QueryError, match="escapes"):
        sparql_term(Literal("\\u0022"))


def test_values_go_into_the_outer_where_clause():
    q = (
        "# WHERE { in a comment\n"
        'SELECT ?x WHERE { ?x ag:sentence "WHERE { x" . { SELECT ?y WHERE { ?y ?p ?o } } }'
    )
    out = with_values(q, {"x": URIRef("http://e/x")})
    assert out.index("VALUES (?x)") == q.index("WHERE { ?x ag:sentence") + len("WHERE {") + 1
    assert with_values("ASK { ?x ?p ?o }", {"x": URIRef("http://e/x")}).startswith("ASK { VALUES")
    with pytest.raises(QueryError, match="no WHERE"):
        with_values("CONSTRUCT { ?x ?p ?o } { ?x ?p ?o }", {"x": URIRef("http://e/x")})


def test_marked_groups_get_the_values_too():
    q = "SELECT ?x WHERE { { #@values\n ?x ?p ?o FILTER(?o = ?v) } UNION { ?x ?p ?v } }"
    out = with_values(q, {"v": Literal(1)})
    assert out.count("VALUES (?v)") == 2
    inner = out.index("{", out.index("WHERE {") + 7)  # the marked group's brace
    assert out.index("VALUES", inner) < out.index("#@values") < out.index("FILTER(?o = ?v)")


def test_network_keywords_are_found_outside_strings_iris_and_comments():
    for safe in (
        'SELECT ?service WHERE { ?service ag:sentence "SERVICE FROM" } # SERVICE',
        "SELECT ?x WHERE { ?x a <http://e/SERVICE> ; ex:from ?y }",
    ):
        refuse_network(safe)
        assert query_form(safe) == "SELECT"
    with pytest.raises(QueryError, match="SERVICE"):
        refuse_network("ASK { service <http://127.0.0.1:9/q> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="FROM"):
        refuse_network("SELECT * from <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }")


def test_free_bindings(backend: RdflibBackend):
    got = bind_free(
        {"a": "<http://e/x>", "b": "ag:partOf", "c": "42", "d": '"Iran"@en', "e": "pmu"},
        backend,
    )
    assert got["a"] == URIRef("http://e/x") and got["b"] == AG.partOf
    assert got["c"] == Literal(42) and got["d"] == Literal("Iran", lang="en")
    assert got["e"] == URIRef(BASE + "entity/pmf")
    q = "SELECT ?s WHERE { ?s ?rel ?o }"
    rows = backend.query(q, {"rel": got["b"], "o": got["e"]}).rows
    assert {str(r[0]) for r in rows} == {BASE + "entity/kh", BASE + "entity/badr"}


# --------------------------------------------------------------------------- output formats


def test_output_formats(backend: RdflibBackend):
    outcome = backend.query(
        "SELECT ?s ?label WHERE { ?s ag:partOf ?o ; skos:prefLabel ?label } ORDER BY ?label"
    )
    doc = json.loads(format_outcome(outcome, "json"))
    assert doc["head"]["vars"] == ["s", "label"]
    first = doc["results"]["bindings"][0]
    assert first["s"] == {"type": "uri", "value": BASE + "entity/badr"}
    assert first["label"] == {"type": "literal", "value": "Badr", "xml:lang": "en"}
    assert format_outcome(outcome, "csv").split("\r\n")[:2] == [
        "s,label",
        BASE + "entity/badr,Badr",
    ]
    tsv = format_outcome(outcome, "tsv").splitlines()
    assert tsv[:2] == ["?s\t?label", f'<{BASE}entity/badr>\t"Badr"@en']
    assert "(2 rows)" in format_outcome(outcome, "table")
    with pytest.raises(QueryError, match="CONSTRUCT"):
        format_outcome(outcome, "turtle")
    graph = backend.query("CONSTRUCT { ?o ag:relation ?s } WHERE { ?s ag:partOf ?o }")
    ttl = format_outcome(graph, "turtle")
    assert ttl.startswith("@prefix ag:") and "ag:relation" in ttl
    assert len(Graph().parse(data=ttl, format="turtle")) == 2
    assert json.loads(format_outcome(backend.query("ASK { ?s ag:partOf ?o }"), "json")) == {
        "head": {},
        "boolean": True,
    }


# --------------------------------------------------------------------------- time limits, safety


def test_a_slow_query_is_stopped_at_its_time_limit(small: Graph):
    slow = RdflibBackend(small, timeout=1)
    started = time.monotonic()
    with pytest.raises(
        QueryError, match=r"query timed out after 1 s; narrow it or raise --timeout"
    ):
        slow.query(SLOW)
    assert time.monotonic() - started < 6
    assert multiprocessing.active_children() == []  # the worker was killed and reaped
    assert slow.query("ASK { ?s ?p ?o }").boolean is True  # the backend still works


def test_query_command_timeout_and_refusals(small: Graph, tmp_path: Path):
    path = write_turtle(small, tmp_path / "g.ttl")
    runner = CliRunner()
    res = runner.invoke(main, ["query", SLOW, "--graph", str(path), "--timeout", "1"])
    assert res.exit_code == 4 and "timed out after 1 s" in res.output
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    res = runner.invoke(main, ["query", service, "--graph", str(path)])
    assert res.exit_code == 4 and "SERVICE" in res.output
    res = runner.invoke(
        main, ["query", "--name", "who-backs", "-b", "actor=KH", "--graph", str(path)]
    )
    assert res.exit_code == 0 and "Iran" in res.output
    res = runner.invoke(main, ["query", "--graph", str(path)])
    assert res.exit_code == 4 and "--name" in res.output


def test_jsonld_with_a_remote_context_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was used")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    doc = {"@id": "http://e/x", "http://e/p": "v"}
    for context in (
        "http://127.0.0.1:9/context.jsonld",
        ["http://127.0.0.1:9/c", {"ag": "http://e/"}],
        {"@import": "http://127.0.0.1:9/c"},
    ):
        path = tmp_path / "remote.jsonld"
        path.write_text(json.dumps({"@context": context, "@graph": [doc]}), encoding="utf-8")
        with pytest.raises(GraphFileError, match="remote @context"):
            load_graph(path)
    nested = {"@context": {"p": {"@id": "http://e/p", "@context": "http://127.0.0.1:9/c"}}}
    path.write_text(json.dumps(nested), encoding="utf-8")
    with pytest.raises(GraphFileError, match="remote @context"):
        load_graph(path)


def test_jsonld_and_trig_exports_read_back(small: Graph, tmp_path: Path):
    for fmt in ("jsonld", "trig", "nq", "nt"):
        path = export(small, fmt, tmp_path / f"g.{fmt}")[0]
        back = load_graph(path)
        assert set(back) == set(small), fmt


def test_xml_entities_are_refused(tmp_path: Path):
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">'
        '<rdf:Description rdf:about="http://e/x"><e:p>&b;</e:p></rdf:Description></rdf:RDF>',
        encoding="utf-8",
    )
    with pytest.raises(GraphFileError, match="entity"):
        load_graph(bomb)
    plain = tmp_path / "plain.rdf"
    plain.write_text(
        '<?xml version="1.0"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">'
        '<rdf:Description rdf:about="http://e/x"><e:p>v</e:p></rdf:Description></rdf:RDF>',
        encoding="utf-8",
    )
    assert set(load_graph(plain)) == {(URIRef("http://e/x"), URIRef("http://e/p"), Literal("v"))}


# --------------------------------------------------------------------------- seeds


@pytest.mark.model
def test_named_queries_on_the_seeds(seeds: Path):
    backend = RdflibBackend.from_file(seeds)
    assert {r["backer"] for r in _run(backend, "who-backs", actor="Kataib Hezbollah")} == {"Iran"}
    members = _run(backend, "members-of", group="Popular Mobilization Forces")
    assert ("Kataib Hezbollah", "partOf") in {(r["member"], r["relation"]) for r in members}
    sentences = _run(
        backend, "evidence-for", subject="Kataib Hezbollah", relation="partOf", object="PMF"
    )
    assert sentences and all("Kataib Hezbollah" in r["sentence"] for r in sentences)
    paths = _run(backend, "paths", **{"from": "Kataib Hezbollah", "to": "Iran", "hops": "2"})
    assert "Kataib Hezbollah -backedBy-> Iran" in {r["path"] for r in paths}
    assert all(int(r["length"]) <= 2 for r in paths)
    single = {r["fact"] for r in _run(backend, "single-source")}
    g = load_graph(seeds)
    assert single == {str(f) for f in g.subjects(AG.articleCount, Literal(1))}
    top = _run(backend, "most-connected")
    assert int(top[0]["facts"]) >= int(top[-1]["facts"]) and len(top) > 20
    about = _run(backend, "everything-about", actor="KH")
    assert {"partOf", "backedBy"} <= {r["relation"] for r in about}


@pytest.mark.model
def test_query_command_on_the_seeds(seeds: Path):
    runner = CliRunner()
    args = ["query", "--graph", str(seeds), "--name", "most-connected", "--limit", "3", "-f", "csv"]
    res = runner.invoke(main, args)
    assert res.exit_code == 0, res.output
    assert len(res.output.strip().splitlines()) == 4  # header + 3 rows
    for value in ("KATAIB hezbollah", '"Kataib Hezbollah"'):  # quotes a shell would have eaten
        res = runner.invoke(
            main, ["query", "--graph", str(seeds), "-n", "who-backs", "-b", f"actor={value}"]
        )
        assert res.exit_code == 0 and "Iran" in res.output, res.output
    res = runner.invoke(
        main, ["query", "--graph", str(seeds), "-n", "who-backs", "-b", "actor=Nobody"]
    )
    assert res.exit_code == 4 and "no entity is named 'Nobody'" in res.output
