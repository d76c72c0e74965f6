"""SPARQL safety and formats; scoring against gold."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from actorgraph.graph.errors import QueryError
from actorgraph.graph.evaluate import load_gold, score
from actorgraph.graph.query import format_result, prepare, run_query
from actorgraph.ontology import AG

KH = URIRef("https://example.org/entity/kh")
PMF = URIRef("https://example.org/entity/pmf")


@pytest.fixture
def graph() -> Graph:
    g = Graph()
    g.add((KH, SKOS.prefLabel, Literal("Kataib Hezbollah", lang="en")))
    g.add((PMF, SKOS.prefLabel, Literal("Popular Mobilization Forces", lang="en")))
    g.add((KH, AG.partOf, PMF))
    return g


def test_select_with_bindings(graph: Graph):
    q = "SELECT ?whole WHERE { ?part ag:partOf ?whole }"
    rows = list(run_query(graph, q, bindings={"part": KH}))
    assert [r[0] for r in rows] == [PMF]  # type: ignore[index]


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_formats(graph: Graph, fmt: str):
    q = "SELECT ?s ?o WHERE { ?s ag:partOf ?o }"
    out = format_result(run_query(graph, q), fmt, graph)
    assert "pmf" in out
    if fmt == "json":
        assert json.loads(out)["results"]["bindings"][0]["o"]["value"] == str(PMF)


def test_ask_and_construct(graph: Graph):
    assert format_result(run_query(graph, "ASK { ?s ag:partOf ?o }"), "table", graph) == "true"
    ttl = format_result(
        run_query(
            graph,
            "CONSTRUCT { ?o ag:hasPart ?s } WHERE { ?s ag:partOf ?o }".replace(
                "ag:hasPart", "ag:relation"
            ),
        ),
        "turtle",
        graph,
    )
    assert "relation" in ttl


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT ?s WHERE { ?s ?p }", "malformed SPARQL"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * FROM <http://example.org/g.ttl> WHERE { ?s ?p ?o }", "FROM"),
        ("LOAD <http://example.org/g.ttl>", "malformed SPARQL"),
    ],
)
def test_refused_and_malformed_queries(query: str, message: str):
    with pytest.raises(QueryError, match=message):
        prepare(query)


def test_service_allowed_only_on_request():
    q = prepare(
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", allow_network=True
    )
    assert q is not None


@pytest.fixture
def gold_dir(tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "entities.jsonl").write_text(
        '{"name": "Kataib Hezbollah", "type": "ArmedGroup", "aliases": ["KH"]}\n'
        '{"name": "Popular Mobilization Forces", "type": "ArmedGroup", "aliases": ["PMF", "PMU"]}\n'
        '{"name": "Iran", "type": "Country", "aliases": ["Iranian"]}\n'
        '{"name": "United States", "type": "Country", "aliases": ["US"]}\n'
    )
    (tmp_path / "001_a.jsonl").write_text(
        '{"article": "a.txt", "s": "Kataib Hezbollah", "r": "partOf", '
        '"o": "Popular Mobilization Forces"}\n'
        '{"article": "a.txt", "s": "Iran", "r": "opposes", "o": "United States"}\n'
    )
    return tmp_path


def test_score_counts_typed_untyped_and_symmetry(gold_dir):  # type: ignore[no-untyped-def]
    gold = load_gold(gold_dir)
    triples = [
        {"article": "a.txt", "subject": "KH", "relation": "partOf", "object": "PMU"},
        {"article": "a.txt", "subject": "US", "relation": "opposes", "object": "Iran"},  # symmetric
        {"article": "a.txt", "subject": "Iran", "relation": "backedBy", "object": "KH"},  # wrong
    ]
    s = score(triples, gold)
    assert (s.typed.tp, s.typed.fp, s.typed.fn) == (2, 1, 0)
    assert (s.untyped.tp, s.untyped.fp) == (2, 1)


def test_entity_resolution_figures(gold_dir):  # type: ignore[no-untyped-def]
    gold = load_gold(gold_dir)
    ents = [
        {"label": "Kataib Hezbollah", "aliases": [], "articles": ["a.txt"]},
        {"label": "KH", "aliases": [], "articles": ["a.txt"]},  # split
        {"label": "Iran", "aliases": ["US"], "articles": ["a.txt"]},  # merges two
    ]
    s = score([], gold, entities=ents)
    assert s.split_entities == {"Kataib Hezbollah": ["KH", "Kataib Hezbollah"]}
    assert s.merged_nodes == {"Iran": ["Iran", "United States"]}
