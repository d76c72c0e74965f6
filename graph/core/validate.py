"""Check a graph against actorgraph's SHACL shapes (``ontology/shapes.ttl``) with pyshacl.

The shapes say what every built graph holds: each entity has one type among the
ontology's entity classes and one preferred label; each fact its subject,
relation and object, a support count >= 1, a confidence in (0, 1] and evidence;
each piece of evidence its article, sentence, offsets (start < end), extractor
and confidence; and the subject and object of each relation triple fit the
relation's domain and range. The ontology is mixed into the data for the check,
so ``sh:class`` follows ``rdfs:subClassOf``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH, SKOS, XSD
from rdflib.term import BNode, Node

from actorgraph.graph.errors import GraphFileError
from actorgraph.ontology import AG, load_ontology

from .graphfile import load_graph
from .rdf import bind_prefixes

__all__ = ["ValidationReport", "Violation", "load_shapes", "validate_file", "validate_graph"]

_DATA_IRI = re.compile(r"^.*/((?:entity|fact|evidence|article)/[^/]+)$")
_PLAIN = {XSD.integer, XSD.decimal, XSD.double, XSD.boolean}


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result, ready to print."""

    focus: str  #: the node that fails, shortened (``entity/kataib-hezbollah``)
    label: str  #: what the node is, in words (an entity's label, a fact as "S rel O"), or ""
    path: str  #: the property (``ag:partOf``, ``^ag:evidence``), or "" for the node itself
    message: str
    value: str  #: the offending value, or ""
    severity: str  #: Violation, Warning or Info

    def line(self) -> str:
        """One readable line: focus (label): path: message [value]."""
        who = f'{self.focus} "{self.label}"' if self.label else self.focus
        where = f": {self.path}" if self.path else ""
        what = f" [value: {self.value}]" if self.value else ""
        kind = "" if self.severity == "Violation" else f"{self.severity.lower()}: "
        return f"{kind}{who}{where}: {self.message}{what}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of a validation: whether it conforms and every result, sorted."""

    conforms: bool
    violations: tuple[Violation, ...]

    def lines(self) -> list[str]:
        """One line per result."""
        return [v.line() for v in self.violations]


def shapes_text() -> str:
    """The shapes as Turtle text (package data)."""
    return (files("actorgraph.ontology") / "shapes.ttl").read_text(encoding="utf-8")


def load_shapes(path: str | Path | None = None) -> Graph:
    """The shapes graph: actorgraph's own, or a Turtle file of your own.

    Raises:
        GraphFileError: the file is missing or does not parse.
    """
    if path is not None:
        return load_graph(path)
    g = Graph()
    g.parse(data=shapes_text(), format="turtle")
    return g


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate a graph against the shapes (actorgraph's by default).

    Args:
        data: the graph to check; it is not modified.
        shapes: a shapes graph; default :func:`load_shapes`.

    Returns:
        Conformance and the results, sorted by focus node, path and message.
    """
    import pyshacl

    try:
        conforms, results, _ = pyshacl.validate(
            _comparable(data),
            shacl_graph=shapes if shapes is not None else load_shapes(),
            ont_graph=load_ontology(),
            inference="none",
            abort_on_first=False,
            allow_warnings=False,
            meta_shacl=False,
            advanced=False,
        )
    except (ArithmeticError, RecursionError, TypeError, ValueError) as exc:
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise GraphFileError(
            f"the graph cannot be checked: {detail}; look for malformed literals"
        ) from None
    assert isinstance(results, Graph)
    found = {_violation(results, r, data) for r in results.subjects(RDF.type, SH.ValidationResult)}
    ordered = tuple(sorted(found, key=lambda v: (v.focus, v.path, v.message, v.value)))
    return ValidationReport(conforms=bool(conforms), violations=ordered)


def _comparable(data: Graph) -> Graph:
    """``data``, with every numeric literal that has no number value made a plain string.

    ``"NaN"^^xsd:decimal`` (or ``"abc"^^xsd:integer``) cannot be compared with the
    shapes' bounds (pyshacl raises); as a string it is reported as a value of the
    wrong datatype instead.  ``data`` itself is not modified.
    """
    bad = [
        (s, p, o)
        for s, p, o in data
        if isinstance(o, Literal) and o.datatype in _PLAIN and not _has_number(o)
    ]
    if not bad:
        return data
    copy = Graph()
    for t in data:
        copy.add(t)
    for s, p, o in bad:
        copy.remove((s, p, o))
        copy.add((s, p, Literal(str(o))))
    return copy


def _has_number(lit: Literal) -> bool:
    if lit.ill_typed:
        return False
    value = lit.toPython()
    if lit.datatype == XSD.decimal:
        return isinstance(value, Decimal) and value.is_finite()
    return not isinstance(value, Literal)


def validate_file(path: str | Path, shapes: str | Path | None = None) -> ValidationReport:
    """Validate a graph file (any format :func:`~actorgraph.graph.core.graphfile.load_graph` reads).

    Raises:
        GraphFileError: the graph or shapes file is missing or does not parse.
    """
    data = load_graph(path)
    return validate_graph(data, load_shapes(shapes))


def _violation(results: Graph, result: Node, data: Graph) -> Violation:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    severity = results.value(result, SH.resultSeverity)
    return Violation(
        focus=_short(focus, data),
        label=_describe(data, focus),
        path=_path_text(results, path, data),
        message=messages[0] if messages else _component(results, result),
        value="" if value == focus else _value_text(data, value),
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
    )


def _component(results: Graph, result: Node) -> str:
    comp = results.value(result, SH.sourceConstraintComponent)
    return str(comp).rsplit("#", 1)[-1] if comp is not None else "constraint not met"


def _short(node: Node | None, data: Graph) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        m = _DATA_IRI.match(str(node))
        if m:
            return m.group(1)
        return str(node.n3(bind_prefixes(Graph()).namespace_manager))
    if isinstance(node, BNode):
        return f"_:{node}"
    return node.n3()


def _path_text(results: Graph, path: Node | None, data: Graph) -> str:
    if path is None:
        return ""
    if isinstance(path, BNode):
        inverse = results.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _short(inverse, data)
        return "(complex path)"
    return _short(path, data)


def _value_text(data: Graph, value: Node | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Literal):
        text = str(value)
        return (
            text
            if value.datatype in _PLAIN
            else repr(text[:60] + ("..." if len(text) > 60 else ""))
        )
    label = _describe(data, value)
    short = _short(value, data)
    return f'{short} "{label}"' if label else short


def _first(data: Graph, node: Node, prop: URIRef) -> Node | None:
    """The smallest value of a property (deterministic when there are several)."""
    values = sorted(data.objects(node, prop), key=str)
    return values[0] if values else None


def _describe(data: Graph, node: Node | None) -> str:
    """A node in words: an entity's label, a fact as ``S relation O``, an article's file."""
    if node is None:
        return ""
    label = _first(data, node, SKOS.prefLabel)
    if label is not None:
        return str(label)
    if (node, RDF.type, AG.Fact) in data:
        s, p, o = (_first(data, node, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        rel = str(p).rsplit("#", 1)[-1] if p is not None else "?"
        return f"{_label_or_short(data, s)} {rel} {_label_or_short(data, o)}"
    name = _first(data, node, AG.fileName)
    if name is not None:
        return str(name)
    article = _first(data, node, AG.article)
    if article is not None:
        start = _first(data, node, AG.startOffset)
        return f"{_describe(data, article) or _short(article, data)} @{start}"
    return ""


def _label_or_short(data: Graph, node: Node | None) -> str:
    if node is None:
        return "?"
    label = _first(data, node, SKOS.prefLabel)
    return str(label) if label is not None else _short(node, data)
