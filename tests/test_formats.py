"""Deterministic writers, named graphs per article, and every export format read back."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import SEEDS
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS, XSD

from actorgraph.graph.build import BuildOptions, build
from actorgraph.graph.cli import main
from actorgraph.graph.core.formats import export, export_text
from actorgraph.graph.core.graphfile import load_graph
from actorgraph.graph.core.network import EDGE_COLUMNS, NODE_COLUMNS
from actorgraph.graph.core.rdf import article_graphs, to_rdf
from actorgraph.graph.core.serialize import term_key, turtle_text, write_turtle
from actorgraph.ontology import AG

BASE = "https://w3id.org/actorgraph/id/"
KH = URIRef(BASE + "entity/kataib-hezbollah")
PMF = URIRef(BASE + "entity/popular-mobilization-forces")
AGGREGATES = {AG.confidence, AG.supportCount, AG.articleCount, AG.mentionCount}


@pytest.fixture(scope="module")
def graph(seeds: Path) -> Graph:
    return load_graph(seeds)


def _ox_quads(path: Path) -> set[tuple[tuple[str, ...], ...]]:
    """Quads parsed by pyoxigraph (an independent parser), as comparable keys."""
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    assert fmt is not None
    out = set()
    for q in ox.parse(path=str(path), format=fmt):
        terms = [_rdflib(t) for t in (q.subject, q.predicate, q.object)]
        name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        out.add((*(term_key(t) for t in terms), (name,)))
    return out


def _rdflib(term: object) -> URIRef | Literal | BNode:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _keys(graph: Graph, name: str = "") -> set[tuple[tuple[str, ...], ...]]:
    return {(term_key(s), term_key(p), term_key(o), (name,)) for s, p, o in graph}


# --------------------------------------------------------------------------- determinism


@pytest.mark.model
def test_write_turtle_is_byte_identical_for_the_same_graph(seeds_build, tmp_path: Path):
    kg, out = seeds_build
    a, b = write_turtle(kg, tmp_path / "a.ttl"), write_turtle(kg, tmp_path / "b.ttl")
    assert a.read_bytes() == b.read_bytes()
    assert isomorphic(Graph().parse(a, format="turtle"), to_rdf(kg))
    from_file = write_turtle(load_graph(out / "graph.ttl"), tmp_path / "c.ttl")
    assert from_file.read_bytes() == a.read_bytes()  # the file round-trips to the same bytes


@pytest.mark.model
def test_turtle_is_identical_across_hash_seeds(seeds_build, tmp_path: Path):
    _, out = seeds_build
    script = (
        "import sys; from actorgraph.graph.core.serialize import write_turtle; "
        "from actorgraph.graph.core.graphfile import load_graph; "
        "write_turtle(load_graph(sys.argv[1]), sys.argv[2])"
    )
    texts = []
    for seed in ("1", "2"):
        dest = tmp_path / f"seed{seed}.ttl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, str(out / "graph.ttl"), str(dest)],
            check=True,
            env=env,
            timeout=120,
        )
        texts.append(dest.read_bytes())
    assert texts[0] == texts[1]
    assert len(texts[0]) > 10_000


@pytest.mark.model
def test_building_twice_gives_a_byte_identical_graph(seeds_build, tmp_path: Path, nlp):  # type: ignore[no-untyped-def]
    _, out = seeds_build
    build([SEEDS], tmp_path, BuildOptions(html=False), nlp=nlp)
    assert (tmp_path / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_turtle_writer_escapes_and_shortens_literals():
    s = URIRef("https://example.org/s")
    g = Graph()
    tricky = 'He said "no" \\ then\nleft\ttoday \u0001 \\u0022 é'
    g.add((s, AG.sentence, Literal(tricky)))
    g.add((s, SKOS.prefLabel, Literal("Kata'ib", lang="en")))
    g.add((s, AG.mentionCount, Literal(3)))
    g.add((s, AG.confidence, Literal("0.85", datatype=XSD.decimal)))
    g.add((s, AG.confidence, Literal("1", datatype=XSD.decimal)))  # not decimal shorthand
    g.add((s, AG.fileName, Literal("2020-01-01", datatype=XSD.date)))
    g.add((s, RDF.type, AG.Article))
    g.add((s, AG.article, BNode()))
    text = turtle_text(g)
    assert text == turtle_text(g)
    assert "ag:mentionCount 3" in text and "ag:confidence 0.85" in text
    assert '"1"^^xsd:decimal' in text and "\\u0001" in text and '\\"no\\"' in text
    assert text.index(" a ag:Article") < text.index("ag:article")  # rdf:type first
    back = Graph().parse(data=text, format="turtle")
    assert isomorphic(back, g)
    assert len(list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))) == len(g)


# --------------------------------------------------------------------------- named graphs


@pytest.mark.model
def test_article_graphs_are_the_provenance_of_each_article(graph: Graph):
    named = article_graphs(graph)
    articles = set(graph.subjects(RDF.type, AG.Article))
    assert set(named) == articles and len(named) == 5
    union = Graph()
    for name, part in named.items():
        assert (name, RDF.type, AG.Article) in part
        for ev in part.subjects(RDF.type, AG.Evidence):
            assert part.value(ev, AG.article) == name
        for t in part:
            assert t in graph  # every named graph is a subset of the merged graph
            union.add(t)
    leftover = {p for _, p, _ in set(graph) - set(union)}
    assert leftover <= AGGREGATES  # only cross-article counts stay out of the named graphs


@pytest.mark.model
def test_example_queries_over_the_named_graphs(seeds_build, graph: Graph, tmp_path: Path):
    trig = export(graph, "trig", tmp_path / "graph.trig")[0]
    ds = Dataset()
    ds.parse(trig, format="trig")
    store = ox.Store()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    prefixes = "PREFIX ag: <https://w3id.org/actorgraph/ns#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "  # noqa: E501
    sentences = (
        prefixes
        + """
        SELECT ?article ?sentence WHERE {
          ?s skos:prefLabel "Kataib Hezbollah"@en .
          ?o skos:prefLabel "Popular Mobilization Forces"@en .
          GRAPH ?article {
            ?f rdf:subject ?s ; rdf:predicate ag:partOf ; rdf:object ?o ; ag:evidence ?e .
            ?e ag:sentence ?sentence } }"""
    )
    single = (
        prefixes
        + """
        SELECT ?f WHERE { GRAPH ?g { ?f a ag:Fact } }
        GROUP BY ?f HAVING (COUNT(DISTINCT ?g) = 1)"""
    )
    rdflib_sentences = {(str(a), str(s)) for a, s in ds.query(sentences)}  # type: ignore[misc]
    ox_sentences = {(a.value, s.value) for a, s in store.query(sentences)}  # type: ignore[union-attr]
    assert rdflib_sentences == ox_sentences and rdflib_sentences
    assert all("Kataib Hezbollah" in s for _, s in rdflib_sentences)
    expected_single = {str(f) for f in graph.subjects(AG.articleCount, Literal(1))}
    assert {str(r[0]) for r in ds.query(single)} == expected_single  # type: ignore[index]
    assert {r[0].value for r in store.query(single)} == expected_single  # type: ignore[union-attr]
    assert 0 < len(expected_single) < len(set(graph.subjects(RDF.type, AG.Fact)))


# --------------------------------------------------------------------------- exports


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "trig", "nq"])
def test_rdf_exports_parse_back_with_pyoxigraph(graph: Graph, tmp_path: Path, fmt: str):
    path = export(graph, fmt, tmp_path / f"graph.{fmt}")[0]
    expected = _keys(graph)
    if fmt in {"trig", "nq"}:
        for name, part in article_graphs(graph).items():
            expected |= _keys(part, str(name))
    assert _ox_quads(path) == expected
    assert path.read_bytes() == export_text(graph, fmt).encode("utf-8")  # deterministic


@pytest.mark.model
def test_jsonld_embeds_its_context_and_reads_back(graph: Graph, tmp_path: Path):
    path = export(graph, "jsonld", tmp_path / "graph.jsonld")[0]
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(doc["@context"], dict)
    assert doc["@context"]["ag"] == "https://w3id.org/actorgraph/ns#"
    assert isomorphic(load_graph(path), graph)


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_read_back_with_networkx(graph: Graph, tmp_path: Path, fmt: str):
    path = export(graph, fmt, tmp_path / f"graph.{fmt}")[0]
    net = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    entities = {s for s, o in graph.subject_objects(RDF.type) if str(o).startswith(str(AG))}
    entities -= set(graph.subjects(RDF.type, AG.Fact)) | set(graph.subjects(RDF.type, AG.Evidence))
    entities -= set(graph.subjects(RDF.type, AG.Article))
    assert set(net.nodes) == {str(e) for e in entities}
    kh = net.nodes[str(KH)]
    assert kh["label"] == "Kataib Hezbollah" and kh["type"] == "ArmedGroup"
    assert "KH" in kh["aliases"].split(" | ") and int(kh["mentions"]) > 1
    edges = [d for _, o, d in net.out_edges(str(KH), data=True) if o == str(PMF)]
    assert any(d["relation"] == "partOf" for d in edges)
    part_of = next(d for d in edges if d["relation"] == "partOf")
    assert 0 < float(part_of["confidence"]) <= 1 and int(part_of["support"]) >= 1
    assert net.number_of_edges() == len(set(graph.subjects(RDF.type, AG.Fact)))
    assert path.read_text(encoding="utf-8") == export_text(graph, fmt)  # no dates inside


@pytest.mark.model
def test_csv_export_writes_nodes_and_edges(graph: Graph, tmp_path: Path):
    written = export(graph, "csv", tmp_path / "tables")
    assert [p.name for p in written] == ["nodes.csv", "edges.csv"]
    with (tmp_path / "tables" / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with (tmp_path / "tables" / "edges.csv").open(encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert tuple(nodes[0]) == NODE_COLUMNS and tuple(edges[0]) == EDGE_COLUMNS
    kh = next(n for n in nodes if n["id"] == str(KH))
    assert kh["label"] == "Kataib Hezbollah" and kh["type"] == "ArmedGroup"
    row = next(
        e
        for e in edges
        if e["source"] == str(KH)
        and e["relation"] == "partOf"
        and e["target_label"] == "Popular Mobilization Forces"
    )
    assert float(row["confidence"]) > 0 and int(row["support"]) >= 1
    assert len(edges) == len(set(graph.subjects(RDF.type, AG.Fact)))


@pytest.mark.model
def test_export_command(seeds_build, tmp_path: Path):
    _, out = seeds_build
    runner = CliRunner()
    graph_arg = ["--graph", str(out / "graph.ttl")]
    res = runner.invoke(main, ["export", *graph_arg, "-o", str(tmp_path / "g.trig")])
    assert res.exit_code == 0, res.output
    assert len(_ox_quads(tmp_path / "g.trig")) > len(load_graph(out / "graph.ttl"))
    res = runner.invoke(main, ["export", *graph_arg, "-f", "nt", "-o", "-"])
    assert res.exit_code == 0 and res.output.count(" .\n") == len(load_graph(out / "graph.ttl"))
    res = runner.invoke(main, ["export", *graph_arg, "-o", str(tmp_path / "graph.xyz")])
    assert res.exit_code == 2 and "--format" in res.output
    res = runner.invoke(main, ["export", "--graph", str(tmp_path / "nope.ttl"), "-o", "x.ttl"])
    assert res.exit_code == 6 and "not found" in res.output
    assert "nodes.csv" in runner.invoke(main, ["export", "--help"]).output
