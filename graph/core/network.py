"""The actor network of an RDF graph: one node per entity, one edge per relation triple.

As tables (:func:`network_tables`), a networkx multigraph, GraphML and GEXF for
Gephi, and ``nodes.csv`` / ``edges.csv`` for spreadsheets (:data:`NODE_COLUMNS`,
:data:`EDGE_COLUMNS`); a text cell starting with ``=``, ``+``, ``-`` or ``@`` gets
a leading ``'`` so that spreadsheets show it as text, never run it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from actorgraph.ontology import AG, ENTITY_TYPES, RELATIONS

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "ALIAS_SEPARATOR",
    "EDGE_COLUMNS",
    "NODE_COLUMNS",
    "EdgeRow",
    "NodeRow",
    "csv_tables",
    "gexf_text",
    "graphml_text",
    "network_graph",
    "network_tables",
]

#: columns of nodes.csv, in order
NODE_COLUMNS = ("id", "label", "type", "aliases", "mentions", "articles")
#: columns of edges.csv, in order
EDGE_COLUMNS = (
    "source",
    "source_label",
    "relation",
    "target",
    "target_label",
    "confidence",
    "support",
    "articles",
    "fact",
)
#: how aliases are joined into one cell / attribute
ALIAS_SEPARATOR = " | "


@dataclass(frozen=True, slots=True)
class NodeRow:
    """One entity of the actor network."""

    id: str
    label: str
    type: str
    aliases: tuple[str, ...]
    mentions: int
    articles: int


@dataclass(frozen=True, slots=True)
class EdgeRow:
    """One relation triple of the actor network, with its fact's support."""

    source: str
    relation: str
    target: str
    confidence: float
    support: int
    articles: int
    fact: str


_ENTITY_CLASSES = {AG[t]: t for t in ENTITY_TYPES}
_RELATION_IRIS = {AG[r]: r for r in RELATIONS}


def network_tables(graph: Graph) -> tuple[list[NodeRow], list[EdgeRow]]:
    """Entities and relation triples of an RDF graph, sorted by IRI.

    Nodes are the subjects typed with an entity class, plus any other node a
    relation touches (typed ``""``, labelled with its IRI). Edges are the plain
    relation triples; confidence, support and article count come from the
    reified ``ag:Fact`` of each (0 when a graph has no fact for it).
    """
    facts = _fact_index(graph)
    edges = []
    for s, p, o in graph:
        if p in _RELATION_IRIS and not isinstance(o, Literal):
            conf, support, arts, fact = facts.get((s, p, o), (0.0, 0, 0, ""))
            edges.append(EdgeRow(str(s), _RELATION_IRIS[p], str(o), conf, support, arts, fact))
    edges.sort(key=lambda e: (e.source, e.relation, e.target))
    ids = {s for s, _, o in graph.triples((None, RDF.type, None)) if o in _ENTITY_CLASSES}
    ids |= {URIRef(e.source) for e in edges} | {URIRef(e.target) for e in edges}
    nodes = [_node_row(graph, n) for n in sorted(ids, key=str)]
    return nodes, edges


def _fact_index(graph: Graph) -> dict[tuple[Node, Node, Node], tuple[float, int, int, str]]:
    out = {}
    for fact in graph.subjects(RDF.type, AG.Fact):
        s, p, o = (graph.value(fact, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        if s is None or p is None or o is None:
            continue
        out[(s, p, o)] = (
            _float(graph.value(fact, AG.confidence)),
            _int(graph.value(fact, AG.supportCount)),
            _int(graph.value(fact, AG.articleCount)),
            str(fact),
        )
    return out


def _int(node: Node | None) -> int:
    try:
        return int(str(node)) if node is not None else 0
    except ValueError:
        return 0


def _float(node: Node | None) -> float:
    try:
        return float(str(node)) if node is not None else 0.0
    except ValueError:
        return 0.0


def _node_row(graph: Graph, node: Node) -> NodeRow:
    types = sorted(
        _ENTITY_CLASSES[t] for t in graph.objects(node, RDF.type) if t in _ENTITY_CLASSES
    )
    labels = sorted(str(x) for x in graph.objects(node, SKOS.prefLabel))
    aliases = tuple(sorted({str(x) for x in graph.objects(node, SKOS.altLabel)}))
    return NodeRow(
        id=str(node),
        label=labels[0] if labels else _local_name(str(node)),
        type=types[0] if types else "",
        aliases=aliases,
        mentions=_int(graph.value(node, AG.mentionCount)),
        articles=len(set(graph.objects(node, AG.mentionedIn))),
    )


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def network_graph(graph: Graph) -> nx.MultiDiGraph:
    """The actor network as a networkx multigraph (one edge per relation triple).

    Node attributes: ``label``, ``type``, ``aliases`` (joined with `` | ``),
    ``mentions``, ``articles``; edge attributes: ``relation``, ``confidence``,
    ``support``, ``articles``; the edge key is the fact IRI.
    """
    import networkx as nx

    nodes, edges = network_tables(graph)
    g = nx.MultiDiGraph()
    x = _xml_text  # GraphML and GEXF are XML: characters XML 1.0 forbids are left out
    for n in nodes:
        g.add_node(
            x(n.id),
            label=x(n.label),
            type=n.type,
            aliases=x(ALIAS_SEPARATOR.join(n.aliases)),
            mentions=n.mentions,
            articles=n.articles,
        )
    for e in edges:
        g.add_edge(
            x(e.source),
            x(e.target),
            key=x(e.fact or f"{e.source} {e.relation} {e.target}"),
            relation=e.relation,
            confidence=e.confidence,
            support=e.support,
            articles=e.articles,
        )
    return g


def graphml_text(graph: Graph) -> str:
    """The actor network as GraphML."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(network_graph(graph))) + "\n"


def gexf_text(graph: Graph) -> str:
    """The actor network as GEXF 1.2 (without the writer's date, so it is reproducible)."""
    import networkx as nx

    text = "\n".join(nx.generate_gexf(network_graph(graph))) + "\n"
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)


def csv_tables(graph: Graph) -> tuple[str, str]:
    """``nodes.csv`` and ``edges.csv`` texts (UTF-8, header row, RFC 4180 quoting)."""
    nodes, edges = network_tables(graph)
    labels = {n.id: n.label for n in nodes}
    node_rows = (
        [n.id, n.label, n.type, ALIAS_SEPARATOR.join(n.aliases), n.mentions, n.articles]
        for n in nodes
    )
    edge_rows = (
        [
            e.source,
            labels.get(e.source, ""),
            e.relation,
            e.target,
            labels.get(e.target, ""),
            e.confidence,
            e.support,
            e.articles,
            e.fact,
        ]
        for e in edges
    )
    return _csv(NODE_COLUMNS, node_rows), _csv(EDGE_COLUMNS, edge_rows)


def _csv(header: Iterable[str], rows: Iterator[list[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows([_cell(c) for c in row] for row in rows)
    return buf.getvalue()


#: a cell starting with one of these is read as a formula by spreadsheets
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: a string that starts like a formula
    (``=``, ``+``, ``-``, ``@``, tab, CR) gets a leading ``'`` (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 does not allow (C0 controls, lone surrogates)."""
    return _NOT_XML.sub("", text)
