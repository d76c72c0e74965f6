"""The merged graph as RDF: entities, facts as plain triples, and their provenance.

Model (prefix ``ag:`` is the actorgraph ontology)::

    <entity/kataib-hezbollah> a ag:ArmedGroup ; skos:prefLabel "Kataib Hezbollah"@en ;
        skos:altLabel "KH"@en ; ag:mentionCount 7 ; ag:mentionedIn <article/...> .
    <entity/kataib-hezbollah> ag:partOf <entity/popular-mobilization-forces> .

    <fact/...> a ag:Fact ; rdf:subject <entity/kataib-hezbollah> ;
        rdf:predicate ag:partOf ; rdf:object <entity/popular-mobilization-forces> ;
        ag:confidence 0.85 ; ag:supportCount 2 ; ag:articleCount 1 ; ag:evidence <evidence/...> .
    <evidence/...> a ag:Evidence ; ag:article <article/...> ; ag:sentence "..." ;
        ag:startOffset 120 ; ag:endOffset 210 ; ag:extractor "copula_part" ; ag:confidence 0.85 .
    <article/...> a ag:Article ; ag:fileName "000.txt" ; ag:sha256 "..." .

Provenance as named graphs (:func:`article_graphs`, exported as TriG / N-Quads and
pushed to SPARQL stores): the merged graph above stays the *default graph*, and
each article also gets a *named graph* whose name is the article IRI, holding what
that article supports:

* the article node itself (``a ag:Article``, file names, hash, title, date);
* every ``ag:Evidence`` read from it, with all its properties;
* every fact it supports: ``a ag:Fact``, ``rdf:subject`` / ``rdf:predicate`` /
  ``rdf:object``, the ``ag:evidence`` links to *this article's* evidence, and the
  plain relation triple;
* every entity it mentions or that one of its facts uses: type, ``skos:prefLabel``,
  ``skos:altLabel`` and ``ag:mentionedIn`` this article.

Counts and scores that add up several articles (``ag:confidence``,
``ag:supportCount``, ``ag:articleCount`` of facts, ``ag:mentionCount``) are in the
default graph only. Every named graph is a subset of the default graph, so a store
that unions its graphs sees exactly ``graph.ttl``; ``GRAPH ?article { ... }``
asks which articles say something.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS, XSD
from rdflib.term import Node

from actorgraph.extractors.records import Article, Edge, Entity, Evidence, KnowledgeGraph
from actorgraph.ontology import AG

from .iri import DEFAULT_BASE, article_iri, evidence_iri

#: prefixes predefined in queries and used by the writers, prefix -> namespace IRI
PREFIXES: dict[str, str] = {
    "ag": str(AG._NS),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


_Triple = tuple[Node, Node, Node]


@functools.lru_cache(maxsize=4096, typed=True)
def _dec(x: float) -> Literal:
    return Literal(Decimal(str(round(x, 3))), datatype=XSD.decimal)


@functools.lru_cache(maxsize=4096, typed=True)
def _int(n: int) -> Literal:
    return Literal(n)


@functools.lru_cache(maxsize=1024)
def _plain(text: str) -> Literal:
    return Literal(text)


def bind_prefixes(g: Graph, base: str = DEFAULT_BASE) -> Graph:
    """Bind actorgraph's prefixes (and ``agid:`` for the data IRIs) on a graph."""
    g.bind("ag", AG._NS)
    g.bind("skos", SKOS)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)
    g.bind("agid", Namespace(base))
    return g


#: characters not allowed in XML 1.0: all but tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD
#: and U+10000 up
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _safe_text(text: str) -> str:
    """Drop characters that are not allowed in XML 1.0 (RDF/XML, TriX would choke)."""
    return _NOT_XML.sub("", text)


def to_rdf(kg: KnowledgeGraph, *, base: str = DEFAULT_BASE) -> Graph:
    """Build the RDF graph of a knowledge graph."""
    g = bind_prefixes(Graph(), base)
    for triple in rdf_triples(kg, base=base):
        g.add(triple)
    return g


def ntriples_lines(kg: KnowledgeGraph, *, base: str = DEFAULT_BASE) -> list[str]:
    """The graph of :func:`to_rdf` as sorted, distinct N-Triples lines, without building an
    rdflib graph (its per-triple indexing is most of the cost on large graphs)."""
    return sorted({ntriple(t) for t in rdf_triples(kg, base=base)})


def ntriple(triple: _Triple) -> str:
    """One triple as an N-Triples line, without the newline."""
    s, p, o = triple
    return f"{_nt(s)} {_nt(p)} {_nt(o)} ."


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(term: Node) -> str:
    """One term in N-Triples syntax (actorgraph mints no blank nodes)."""
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_NT_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    return f"<{term}>"


def rdf_triples(kg: KnowledgeGraph, *, base: str = DEFAULT_BASE) -> Iterator[_Triple]:
    """Every triple of a knowledge graph's RDF form (see the module doc); may repeat one."""
    art_iri: dict[str, URIRef] = {}
    for a in kg.articles:
        node = article_iri(base, a.sha256)
        for name in (a.name, *a.also_named):
            art_iri[name] = node
        yield from article_triples(a, base)
    for e in kg.entities.values():
        yield from entity_triples(e, (art_iri[n] for n in e.articles if n in art_iri))
    for edge in kg.edges:
        yield from edge_triples(
            edge, base, lambda ev: art_iri.get(ev.article, article_iri(base, ev.article_sha256))
        )


def article_triples(a: Article, base: str = DEFAULT_BASE) -> Iterator[_Triple]:
    """The triples of one article node."""
    node = article_iri(base, a.sha256)
    for name in (a.name, *a.also_named):
        yield (node, AG.fileName, Literal(_safe_text(name)))
    yield (node, RDF.type, AG.Article)
    yield (node, AG.sha256, Literal(a.sha256))
    if a.title:
        yield (node, DCTERMS.title, Literal(_safe_text(a.title)))
    if a.date:
        yield (node, DCTERMS.date, Literal(_safe_text(a.date)))


def entity_triples(e: Entity, articles: Iterable[URIRef]) -> Iterator[_Triple]:
    """The triples of one entity node; ``articles``: the nodes of the articles naming it."""
    node = URIRef(e.id)
    yield (node, RDF.type, AG[e.type])
    yield (node, SKOS.prefLabel, Literal(_safe_text(e.label), lang="en"))
    for alias in e.aliases:
        yield (node, SKOS.altLabel, Literal(_safe_text(alias), lang="en"))
    yield (node, AG.mentionCount, _int(e.mentions))
    for article in articles:
        yield (node, AG.mentionedIn, article)


def edge_triples(
    edge: Edge, base: str, article_of: Callable[[Evidence], URIRef]
) -> Iterator[_Triple]:
    """The plain triple of one fact, its reification and its evidence nodes."""
    s, o, prop = URIRef(edge.subject), URIRef(edge.object), AG[edge.relation]
    yield (s, prop, o)
    fact = URIRef(edge.id)
    yield (fact, RDF.type, AG.Fact)
    yield (fact, RDF.subject, s)
    yield (fact, RDF.predicate, prop)
    yield (fact, RDF.object, o)
    yield (fact, AG.confidence, _dec(edge.confidence))
    support = _evidence_nodes(edge.id, edge.evidence, base)
    yield (fact, AG.supportCount, _int(len(support)))
    yield (fact, AG.articleCount, _int(len(edge.articles)))
    for node, ev in support.items():
        yield (fact, AG.evidence, node)
        yield (node, RDF.type, AG.Evidence)
        yield (node, AG.article, article_of(ev))
        yield (node, AG.sentence, Literal(_safe_text(ev.sentence)))
        yield (node, AG.startOffset, _int(ev.start))
        yield (node, AG.endOffset, _int(ev.end))
        yield (node, AG.extractor, _plain(ev.extractor))
        yield (node, AG.confidence, _dec(ev.confidence))


def _evidence_nodes(fact: str, evidence: tuple[Evidence, ...], base: str) -> dict[URIRef, Evidence]:
    """Evidence by IRI; two records that differ only in confidence (one IRI) keep the higher."""
    out: dict[URIRef, Evidence] = {}
    for ev in evidence:
        node = evidence_iri(base, fact, ev.article_sha256, ev.start, ev.end, ev.extractor)
        if node not in out or ev.confidence > out[node].confidence:
            out[node] = ev
    return out


def article_graphs(g: Graph) -> dict[URIRef, Graph]:
    """Split a merged graph into one provenance graph per article (see the module doc).

    Works on any graph built by :func:`to_rdf` (or read back from ``graph.ttl``).

    Returns:
        Article IRI -> the triples that article supports; articles without an IRI
        (blank nodes) are skipped.
    """
    out: dict[URIRef, Graph] = {}
    for article in sorted(g.subjects(RDF.type, AG.Article), key=str):
        if isinstance(article, URIRef):
            out[article] = _article_graph(g, article)
    return out


_ARTICLE = "?g a ag:Article . FILTER(isIRI(?g)) "

#: :func:`article_graphs` as SPARQL, for a store that holds the merged graph (prefixes
#: ``ag:``, ``rdf:``, ``skos:``): each query gives named graph ``?g`` and triple
#: ``?s ?p ?o``, in the order of the module doc (same quads on the seeds, tested)
ARTICLE_GRAPH_QUERIES = (
    "SELECT ?g ?s ?p ?o WHERE { ?g a ag:Article ; ?p ?o . FILTER(isIRI(?g)) BIND(?g AS ?s) }",
    "SELECT ?g ?s ?p ?o WHERE { " + _ARTICLE + "?s ag:article ?g ; ?p ?o }",
    "SELECT ?g ?s ?p ?o WHERE { "
    + _ARTICLE
    + "?o ag:article ?g . ?s ag:evidence ?o . BIND(ag:evidence AS ?p) }",
    "SELECT ?g ?s ?p ?o WHERE { "
    + _ARTICLE
    + "?e ag:article ?g . ?s ag:evidence ?e ; ?p ?o . "
    + "FILTER(?p IN (rdf:type, rdf:subject, rdf:predicate, rdf:object)) }",
    "SELECT ?g ?s ?p ?o WHERE { "
    + _ARTICLE
    + "?e ag:article ?g . ?f ag:evidence ?e ; rdf:subject ?s ; rdf:predicate ?p ; "
    + "rdf:object ?o . ?s ?p ?o }",
    "SELECT ?g ?s ?p ?o WHERE { "
    + _ARTICLE
    + "?s ag:mentionedIn ?g ; ?p ?o . "
    + "FILTER(?p IN (rdf:type, skos:prefLabel, skos:altLabel) || ?p = ag:mentionedIn && ?o = ?g) }",
    *(
        "SELECT ?g ?s ?p ?o WHERE { "
        + _ARTICLE
        + f"?e ag:article ?g . ?f ag:evidence ?e ; {side} ?s . ?s ?p ?o . "
        + "FILTER(?p IN (rdf:type, skos:prefLabel, skos:altLabel)) }"
        for side in ("rdf:subject", "rdf:object")
    ),
)

_LABELS = (RDF.type, SKOS.prefLabel, SKOS.altLabel)


def _article_graph(g: Graph, article: URIRef) -> Graph:
    part = Graph()
    for p, o in g.predicate_objects(article):
        part.add((article, p, o))
    entities: set[Node] = set(g.subjects(AG.mentionedIn, article))
    for ev in g.subjects(AG.article, article):
        for p, o in g.predicate_objects(ev):
            part.add((ev, p, o))
        for fact in g.subjects(AG.evidence, ev):
            part.add((fact, AG.evidence, ev))
            entities |= _add_fact_core(g, part, fact)
    for entity in entities:
        for p in _LABELS:
            for o in g.objects(entity, p):
                part.add((entity, p, o))
        if (entity, AG.mentionedIn, article) in g:
            part.add((entity, AG.mentionedIn, article))
    return part


def _add_fact_core(g: Graph, part: Graph, fact: Node) -> set[Node]:
    """Copy a fact's type, subject, predicate, object and plain triple; return its entities."""
    for prop in (RDF.type, RDF.subject, RDF.predicate, RDF.object):
        for value in g.objects(fact, prop):
            part.add((fact, prop, value))
    s, p, o = (g.value(fact, x) for x in (RDF.subject, RDF.predicate, RDF.object))
    if s is not None and p is not None and o is not None and (s, p, o) in g:
        part.add((s, p, o))
    return {x for x in (s, o) if x is not None}
