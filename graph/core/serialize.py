"""Deterministic RDF writers: Turtle, TriG, N-Triples, N-Quads and JSON-LD.

Every writer here sorts what it writes, so the same graph always gives the same
bytes, whatever the Python hash seed or rdflib version: subjects, predicates
(``rdf:type`` first) and objects are ordered by their N-Triples form, blank
nodes (actorgraph makes none) are relabelled canonically first, and only the
prefixes a file uses are declared.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import XSD
from rdflib.term import Node

from actorgraph.extractors.records import KnowledgeGraph
from actorgraph.graph.outputs import atomic_write_text

from .iri import DEFAULT_BASE
from .rdf import PREFIXES, to_rdf

__all__ = [
    "jsonld_text",
    "nquads_text",
    "nt_iri",
    "nt_string",
    "nt_term",
    "ntriples_text",
    "term_key",
    "trig_text",
    "turtle_text",
    "write_turtle",
]

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
