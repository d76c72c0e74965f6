"""Deterministic RDF writers and the exports of a built graph.

Every writer here sorts what it writes, so the same graph always gives the same
bytes, whatever the Python hash seed or rdflib version: subjects, predicates
(``rdf:type`` first) and objects are ordered by their N-Triples form, blank
nodes (actorgraph makes none) are relabelled canonically first, and only the
prefixes a file uses are declared.

Formats (:data:`EXPORT_FORMATS`):

* ``ttl`` Turtle, ``nt`` N-Triples, ``jsonld`` JSON-LD with its ``@context``
  inline: the merged graph (``graph.ttl``);
* ``trig`` TriG, ``nq`` N-Quads: the merged graph as the default graph plus one
  named graph per article (see :func:`actorgraph.graph.rdf.article_graphs`);
* ``graphml``, ``gexf``: the actor network for Gephi / networkx;
* ``csv``: ``nodes.csv`` and ``edges.csv`` for spreadsheets (:data:`NODE_COLUMNS`,
  :data:`EDGE_COLUMNS`); a text cell starting with ``=``, ``+``, ``-`` or ``@``
  gets a leading ``'`` so that spreadsheets show it as text, never run it.

All of them are computed from an RDF graph, so they work on any built graph file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import SKOS, XSD
from rdflib.term import Node

from actorgraph.extractors.records import KnowledgeGraph
from actorgraph.ontology import AG, ENTITY_TYPES, RELATIONS

from .errors import OutputError
from .iri import DEFAULT_BASE
from .outputs import atomic_write_text
from .rdf import PREFIXES, article_graphs, to_rdf

if TYPE_CHECKING:
    import networkx as nx

#: every format ``actorgraph export`` writes, with a one-line description
EXPORT_FORMATS: dict[str, str] = {
    "ttl": "Turtle: the merged graph",
    "trig": "TriG: the merged graph as default graph + one named graph per article",
    "nt": "N-Triples: the merged graph, one sorted triple per line",
    "nq": "N-Quads: like trig, one sorted quad per line",
    "jsonld": "JSON-LD with its @context inline: the merged graph",
    "graphml": "GraphML actor network (Gephi, networkx, yEd)",
    "gexf": "GEXF actor network (Gephi, networkx)",
    "csv": "nodes.csv + edges.csv in a folder (spreadsheets)",
}

#: file suffix -> export format
SUFFIX_FORMATS = {
    ".ttl": "ttl",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nq",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".graphml": "graphml",
    ".gexf": "gexf",
}

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

_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_BAD = re.compile(r'[\\"\x00-\x1f\x7f]')
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_BNODE_BAD = re.compile(r"[^A-Za-z0-9_]")
_TURTLE_NUMBER = {
    XSD.integer: re.compile(r"[+-]?[0-9]+"),
    XSD.decimal: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD.boolean: re.compile(r"true|false"),
}
_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean}
_INDENT = "    "

# --------------------------------------------------------------------------- terms


def nt_iri(iri: str) -> str:
    """An IRI in N-Triples syntax; characters IRIs may not hold are ``\\u``-escaped."""
    return "<" + _IRI_BAD.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"


def nt_string(text: str) -> str:
    """A quoted string with the N-Triples / Turtle / SPARQL escapes (never ``\\u`` for quotes)."""
    return '"' + _STRING_BAD.sub(_escape_char, text) + '"'


def _escape_char(m: re.Match[str]) -> str:
    c = m.group()
    return _ECHAR.get(c) or f"\\u{ord(c):04X}"


def nt_term(term: Node) -> str:
    """Any RDF term in N-Triples syntax."""
    if isinstance(term, Literal):
        text = nt_string(str(term))
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{nt_iri(term.datatype)}"
        return text
    if isinstance(term, BNode):
        return "_:" + (_BNODE_BAD.sub("_", str(term)) or "b")
    return nt_iri(str(term))


def term_key(term: Node | None) -> tuple[str, ...]:
    """A key equal for two terms that mean the same value.

    Literals of numeric and boolean types compare by value (``"1.0"^^xsd:decimal``
    and ``"1"^^xsd:decimal`` are one key: stores such as Oxigraph rewrite lexical
    forms), plain literals equal ``xsd:string`` ones, IRIs and blank nodes by text.
    """
    if term is None:
        return ("unbound",)
    if isinstance(term, Literal):
        if term.language:
            return ("lit", str(term), "@" + term.language.lower())
        dt = term.datatype or XSD.string
        return ("lit", _value_text(str(term), dt), str(dt))
    if isinstance(term, BNode):
        return ("bnode", str(term))
    return ("iri", str(term))


def _value_text(lexical: str, datatype: URIRef) -> str:
    if datatype not in _NUMERIC:
        return lexical
    if datatype == XSD.boolean:
        return "true" if lexical.strip() in {"true", "1"} else "false"
    try:
        value = Decimal(lexical.strip())
    except InvalidOperation:
        return lexical
    if not value.is_finite():
        return lexical
    return format(value.normalize(), "f") if value else "0"


# --------------------------------------------------------------------------- Turtle / TriG


class _Namer:
    """Writes terms in Turtle syntax and remembers which prefixes it used."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self._by_length = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.used: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        for prefix, ns in self._by_length:
            if iri.startswith(ns) and _LOCAL_NAME.fullmatch(iri[len(ns) :]):
                self.used[prefix] = ns
                return f"{prefix}:{iri[len(ns) :]}"
        return nt_iri(iri)

    def term(self, term: Node) -> str:
        if isinstance(term, Literal):
            return self.literal(term)
        if isinstance(term, BNode):
            return nt_term(term)
        return self.iri(str(term))

    def literal(self, lit: Literal) -> str:
        if lit.language:
            return f"{nt_string(str(lit))}@{lit.language}"
        dt = lit.datatype
        if dt is None or dt == XSD.string:
            return nt_string(str(lit))
        shorthand = _TURTLE_NUMBER.get(dt)
        if shorthand is not None and shorthand.fullmatch(str(lit)):
            return str(lit)
        return f"{nt_string(str(lit))}^^{self.iri(str(dt))}"

    def header(self) -> str:
        return "".join(f"@prefix {p}: {nt_iri(ns)} .\n" for p, ns in sorted(self.used.items()))


def _stable(graph: Graph) -> Graph:
    """The graph itself, or a canonical relabelling when it holds blank nodes."""
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        return to_canonical_graph(graph)
    return graph


def _predicate_key(p: Node) -> tuple[int, str]:
    return (0 if p == RDF.type else 1, nt_term(p))


def _blocks(graph: Graph, namer: _Namer, indent: str = "") -> list[str]:
    """One Turtle statement block per subject, sorted."""
    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in _stable(graph):
        by_subject[s][p].append(o)
    blocks = []
    for s in sorted(by_subject, key=nt_term):
        preds = by_subject[s]
        lines = []
        for p in sorted(preds, key=_predicate_key):
            verb = "a" if p == RDF.type else namer.iri(str(p))
            objs = [namer.term(o) for o in sorted(preds[p], key=nt_term)]
            lines.append(f"{verb} " + f",\n{indent}{_INDENT * 2}".join(objs))
        body = f" ;\n{indent}{_INDENT}".join(lines)
        blocks.append(f"{indent}{namer.term(s)} {body} .\n")
    return blocks


def turtle_text(graph: Graph, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """The graph as sorted, deterministic Turtle."""
    namer = _Namer(prefixes)
    body = "\n".join(_blocks(graph, namer))
    head = namer.header()
    return f"{head}\n{body}" if head and body else head + body


def trig_text(
    default: Graph, named: Mapping[URIRef, Graph], prefixes: Mapping[str, str] = PREFIXES
) -> str:
    """A dataset as sorted TriG: the default graph's triples first, then each named graph."""
    namer = _Namer(prefixes)
    parts = ["\n".join(_blocks(default, namer))] if len(default) else []
    for name in sorted(named, key=nt_term):
        inner = "\n".join(_blocks(named[name], namer, _INDENT))
        parts.append(f"{nt_iri(str(name))} {{\n{inner}}}\n")
    head = namer.header()
    return (head + "\n" if head else "") + "\n".join(parts)


def ntriples_text(graph: Graph) -> str:
    """The graph as sorted N-Triples."""
    lines = sorted(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in _stable(graph))
    return "".join(lines)


def nquads_text(default: Graph, named: Mapping[URIRef, Graph]) -> str:
    """A dataset as sorted N-Quads (default-graph triples have no fourth term)."""
    lines = [f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in _stable(default)]
    for name, g in named.items():
        gname = nt_iri(str(name))
        lines.extend(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {gname} .\n" for s, p, o in g)
    return "".join(sorted(lines))


def write_turtle(
    graph_or_kg: Graph | KnowledgeGraph, path: str | Path, *, base: str = DEFAULT_BASE
) -> Path:
    """Write a graph (or a knowledge graph, through :func:`to_rdf`) as deterministic Turtle.

    The same input always gives a byte-identical file; the file is replaced
    atomically.

    Args:
        graph_or_kg: an rdflib graph, or the merged result of a build.
        path: the file to write.
        base: base IRI for a knowledge graph's IRIs (ignored for an rdflib graph).

    Returns:
        The path written.

    Raises:
        OutputError: the file cannot be written.
    """
    graph = (
        to_rdf(graph_or_kg, base=base) if isinstance(graph_or_kg, KnowledgeGraph) else graph_or_kg
    )
    target = Path(path)
    atomic_write_text(target, turtle_text(graph))
    return target


# --------------------------------------------------------------------------- JSON-LD


def jsonld_text(graph: Graph, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """The graph as JSON-LD: sorted node objects, the ``@context`` inline (never a URL)."""
    namer = _Namer(prefixes)
    nodes: dict[Node, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in _stable(graph):
        if p == RDF.type and not isinstance(o, Literal):
            nodes[s]["@type"].append(_jsonld_type(o, namer))
        else:
            nodes[s][_jsonld_iri(str(p), namer)].append(_jsonld_value(o, namer))
    items = []
    for s in sorted(nodes, key=nt_term):
        obj: dict[str, object] = {"@id": _jsonld_id(s)}
        for key in sorted(nodes[s]):
            obj[key] = sorted(nodes[s][key], key=lambda v: json.dumps(v, sort_keys=True))
        items.append(obj)
    context = {p: ns for p, ns in sorted(namer.used.items())}
    doc = {"@context": context, "@graph": items}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _jsonld_id(node: Node) -> str:
    return f"_:{_BNODE_BAD.sub('_', str(node))}" if isinstance(node, BNode) else str(node)


def _jsonld_iri(iri: str, namer: _Namer) -> str:
    """A compact IRI (``ag:partOf``) where a prefix fits, else the full IRI."""
    compact = namer.iri(iri)
    return iri if compact.startswith("<") else compact


def _jsonld_type(node: Node, namer: _Namer) -> str:
    return _jsonld_id(node) if isinstance(node, BNode) else _jsonld_iri(str(node), namer)


def _jsonld_value(o: Node, namer: _Namer) -> dict[str, str]:
    if not isinstance(o, Literal):
        return {"@id": _jsonld_id(o)}
    if o.language:
        return {"@value": str(o), "@language": o.language}
    if o.datatype is None or o.datatype == XSD.string:
        return {"@value": str(o)}
    return {"@value": str(o), "@type": _jsonld_iri(str(o.datatype), namer)}


# --------------------------------------------------------------------------- actor network


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


# --------------------------------------------------------------------------- export


def export_text(graph: Graph, fmt: str) -> str:
    """One export format (not ``csv``) as text."""
    if fmt in {"trig", "nq"}:
        named = article_graphs(graph)
        return trig_text(graph, named) if fmt == "trig" else nquads_text(graph, named)
    writers: dict[str, Callable[[Graph], str]] = {
        "ttl": turtle_text,
        "nt": ntriples_text,
        "jsonld": jsonld_text,
        "graphml": graphml_text,
        "gexf": gexf_text,
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    return writers[fmt](graph)


def export(graph: Graph, fmt: str, dest: str | Path) -> list[Path]:
    """Write one export of a graph; ``csv`` writes ``nodes.csv`` and ``edges.csv`` into a folder.

    Args:
        graph: the RDF graph (``load_graph("out/graph.ttl")``).
        fmt: one of :data:`EXPORT_FORMATS`.
        dest: the file to write, or for ``csv`` the folder (created if missing).

    Returns:
        The files written.

    Raises:
        OutputError: the destination cannot be written.
    """
    target = Path(dest)
    if fmt == "csv":
        return _export_csv(graph, target)
    if target.is_dir():
        raise OutputError(f"'{target}' is a folder; give a file name such as {target}/graph.{fmt}")
    _ensure_parent(target)
    atomic_write_text(target, export_text(graph, fmt))
    return [target]


def _export_csv(graph: Graph, folder: Path) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"csv export writes a folder, and '{folder}' is a file; give a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create folder '{folder}': {exc.strerror}") from None
    nodes, edges = csv_tables(graph)
    atomic_write_text(folder / "nodes.csv", nodes)
    atomic_write_text(folder / "edges.csv", edges)
    return [folder / "nodes.csv", folder / "edges.csv"]


def _ensure_parent(target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create folder '{target.parent}': {exc.strerror}; choose another -o"
        ) from None


__all__ = [
    "EDGE_COLUMNS",
    "EXPORT_FORMATS",
    "NODE_COLUMNS",
    "EdgeRow",
    "NodeRow",
    "csv_tables",
    "export",
    "export_text",
    "gexf_text",
    "graphml_text",
    "jsonld_text",
    "network_graph",
    "network_tables",
    "nquads_text",
    "nt_term",
    "ntriples_text",
    "term_key",
    "trig_text",
    "turtle_text",
    "write_turtle",
]
