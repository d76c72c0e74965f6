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
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from actorgraph.extractors.records import KnowledgeGraph
from actorgraph.ontology import AG

from .iri import DEFAULT_BASE, article_iri, evidence_iri


def _dec(x: float) -> Literal:
    return Literal(Decimal(str(round(x, 3))), datatype=XSD.decimal)


def bind_prefixes(g: Graph, base: str = DEFAULT_BASE) -> Graph:
    g.bind("ag", AG._NS)
    g.bind("skos", SKOS)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)
    g.bind("agid", Namespace(base))
    return g


def _safe_text(text: str) -> str:
    """Drop characters that are not allowed in XML 1.0 (RDF/XML, TriX would choke)."""
    return "".join(
        c
        for c in text
        if c in "\t\n\r"
        or ("\x20" <= c <= "\ud7ff")
        or ("\ue000" <= c <= "\ufffd")
        or c >= "\U00010000"
    )


def to_rdf(kg: KnowledgeGraph, *, base: str = DEFAULT_BASE) -> Graph:
    """Build the RDF graph of a knowledge graph."""
    g = bind_prefixes(Graph(), base)
    art_iri: dict[str, URIRef] = {}
    for a in kg.articles:
        node = article_iri(base, a.sha256)
        for name in (a.name, *a.also_named):
            art_iri[name] = node
            g.add((node, AG.fileName, Literal(_safe_text(name))))
        g.add((node, RDF.type, AG.Article))
        g.add((node, AG.sha256, Literal(a.sha256)))
        if a.title:
            g.add((node, DCTERMS.title, Literal(_safe_text(a.title))))
        if a.date:
            g.add((node, DCTERMS.date, Literal(_safe_text(a.date))))

    for e in kg.entities.values():
        node = URIRef(e.id)
        g.add((node, RDF.type, AG[e.type]))
        g.add((node, SKOS.prefLabel, Literal(_safe_text(e.label), lang="en")))
        for alias in e.aliases:
            g.add((node, SKOS.altLabel, Literal(_safe_text(alias), lang="en")))
        g.add((node, AG.mentionCount, Literal(e.mentions)))
        for name in e.articles:
            if name in art_iri:
                g.add((node, AG.mentionedIn, art_iri[name]))

    for edge in kg.edges:
        s, o, prop = URIRef(edge.subject), URIRef(edge.object), AG[edge.relation]
        g.add((s, prop, o))
        fact = URIRef(edge.id)
        g.add((fact, RDF.type, AG.Fact))
        g.add((fact, RDF.subject, s))
        g.add((fact, RDF.predicate, prop))
        g.add((fact, RDF.object, o))
        g.add((fact, AG.confidence, _dec(edge.confidence)))
        g.add((fact, AG.supportCount, Literal(len(edge.evidence))))
        g.add((fact, AG.articleCount, Literal(len(edge.articles))))
        for ev in edge.evidence:
            node = evidence_iri(base, edge.id, ev.article_sha256, ev.start, ev.end, ev.extractor)
            g.add((fact, AG.evidence, node))
            g.add((node, RDF.type, AG.Evidence))
            g.add((node, AG.article, art_iri.get(ev.article, article_iri(base, ev.article_sha256))))
            g.add((node, AG.sentence, Literal(_safe_text(ev.sentence))))
            g.add((node, AG.startOffset, Literal(ev.start)))
            g.add((node, AG.endOffset, Literal(ev.end)))
            g.add((node, AG.extractor, Literal(ev.extractor)))
            g.add((node, AG.confidence, _dec(ev.confidence)))
    return g
