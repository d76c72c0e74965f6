"""Read the ontology Turtle (package data) into plain Python structures."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rdflib import OWL, RDF, RDFS, Graph
from rdflib.collection import Collection
from rdflib.term import BNode, Node, URIRef

from .namespace import NS_IRI, RELATIONS


def ontology_text() -> str:
    """The ontology as Turtle text."""
    return (files("actorgraph.ontology") / "actorgraph.ttl").read_text(encoding="utf-8")


def load_ontology() -> Graph:
    """The ontology as a fresh rdflib graph."""
    g = Graph()
    g.parse(data=ontology_text(), format="turtle")
    return g


def _local(iri: Node) -> str:
    return str(iri)[len(NS_IRI) :] if str(iri).startswith(NS_IRI) else str(iri)


@dataclass(frozen=True, slots=True)
class RelationSpec:
    """Domain, range and symmetry of one relation, as local class names."""

    name: str
    domain: frozenset[str]
    range: frozenset[str]
    symmetric: bool
    label: str
    comment: str


@dataclass(frozen=True, slots=True)
class Schema:
    """The parts of the ontology that extraction needs."""

    relations: dict[str, RelationSpec]
    #: class local name -> itself and all its super-classes (local names)
    ancestors: dict[str, frozenset[str]]

    def fits(self, relation: str, subject_type: str, object_type: str) -> bool:
        """Whether a fact's argument types fit the relation's domain and range."""
        spec = self.relations[relation]
        s_ok = bool(self.ancestors.get(subject_type, frozenset({subject_type})) & spec.domain)
        o_ok = bool(self.ancestors.get(object_type, frozenset({object_type})) & spec.range)
        return s_ok and o_ok


def _classes_of(g: Graph, node: Node) -> set[str]:
    if isinstance(node, BNode):
        union = g.value(node, OWL.unionOf)
        if union is not None:
            return {_local(c) for c in Collection(g, union)}
    return {_local(node)}


@cache
def load_schema() -> Schema:
    """Relations and class hierarchy from the ontology (parsed once per process)."""
    g = load_ontology()
    parents: dict[str, set[str]] = {}
    for cls in g.subjects(RDF.type, OWL.Class):
        if isinstance(cls, URIRef) and str(cls).startswith(NS_IRI):
            parents[_local(cls)] = {
                _local(p) for p in g.objects(cls, RDFS.subClassOf) if str(p).startswith(NS_IRI)
            }

    def closure(c: str) -> frozenset[str]:
        seen, todo = {c}, [c]
        while todo:
            for p in parents.get(todo.pop(), ()):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return frozenset(seen)

    ancestors = {c: closure(c) for c in parents}
    relations = {}
    for name in RELATIONS:
        prop = URIRef(NS_IRI + name)
        domain: set[str] = set()
        rng: set[str] = set()
        for d in g.objects(prop, RDFS.domain):
            domain |= _classes_of(g, d)
        for r in g.objects(prop, RDFS.range):
            rng |= _classes_of(g, r)
        relations[name] = RelationSpec(
            name=name,
            domain=frozenset(domain),
            range=frozenset(rng),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in g,
            label=str(g.value(prop, RDFS.label) or name),
            comment=str(g.value(prop, RDFS.comment) or ""),
        )
    return Schema(relations=relations, ancestors=ancestors)
