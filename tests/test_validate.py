"""SHACL validation: the build conforms, and each kind of damage is reported in one line."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS

from actorgraph.graph.cli import main
from actorgraph.graph.core.graphfile import load_graph
from actorgraph.graph.core.serialize import write_turtle
from actorgraph.graph.core.validate import load_shapes, validate_graph
from actorgraph.ontology import AG, RELATIONS, load_schema

BASE = "https://w3id.org/actorgraph/id/"
KH = URIRef(BASE + "entity/kataib-hezbollah")
PMF = URIRef(BASE + "entity/popular-mobilization-forces")
BAGHDAD = URIRef(BASE + "entity/baghdad")


@pytest.fixture(scope="module")
def graph(seeds: Path) -> Graph:
    return load_graph(seeds)


def _fact(g: Graph, s: URIRef, rel: str, o: URIRef) -> URIRef:
    fact = next(
        f
        for f in g.subjects(RDF.subject, s)
        if (f, RDF.predicate, AG[rel]) in g and (f, RDF.object, o) in g
    )
    assert isinstance(fact, URIRef)
    return fact


def _evidence(g: Graph) -> URIRef:
    ev = sorted(g.subjects(RDF.type, AG.Evidence), key=str)[0]
    assert isinstance(ev, URIRef)
    return ev


# --------------------------------------------------------------------------- the build conforms


@pytest.mark.model
def test_the_build_conforms(graph: Graph, seeds: Path):
    report = validate_graph(graph)
    assert report.conforms, "\n".join(report.lines())
    res = CliRunner().invoke(main, ["validate", str(seeds)])
    assert res.exit_code == 0 and "conforms" in res.output


def test_relation_shapes_mirror_the_ontology():
    shapes = load_shapes()

    def classes(node: object) -> set[str]:
        direct = {str(c).rsplit("#", 1)[-1] for c in shapes.objects(node, SH["class"])}
        for union in shapes.objects(node, SH["or"]):
            for alt in Collection(shapes, union):
                direct |= {str(c).rsplit("#", 1)[-1] for c in shapes.objects(alt, SH["class"])}
        return direct

    schema = load_schema()
    for rel in RELATIONS:
        shape = shapes.value(predicate=SH.targetSubjectsOf, object=AG[rel])
        assert shape is not None, rel
        prop = next(
            p for p in shapes.objects(shape, SH.property) if (p, SH.path, AG[rel]) in shapes
        )
        assert classes(shape) == set(schema.relations[rel].domain), rel
        assert classes(prop) == set(schema.relations[rel].range), rel


# --------------------------------------------------------------------------- each kind of damage


def _no_type(g: Graph) -> None:
    g.remove((KH, RDF.type, None))


def _two_types(g: Graph) -> None:
    g.add((KH, RDF.type, AG.Person))


def _two_labels(g: Graph) -> None:
    g.add((KH, SKOS.prefLabel, Literal("KH again", lang="en")))


def _zero_confidence(g: Graph) -> None:
    g.set((_fact(g, KH, "partOf", PMF), AG.confidence, Literal(Decimal("0.0"))))


def _high_confidence(g: Graph) -> None:
    g.set((_evidence(g), AG.confidence, Literal(Decimal("1.5"))))


def _no_support(g: Graph) -> None:
    g.set((_fact(g, KH, "partOf", PMF), AG.supportCount, Literal(0)))


def _no_evidence(g: Graph) -> None:
    g.remove((_fact(g, KH, "partOf", PMF), AG.evidence, None))


def _bad_offsets(g: Graph) -> None:
    ev = _evidence(g)
    g.set((ev, AG.startOffset, Literal(10**7)))


def _no_article(g: Graph) -> None:
    g.remove((_evidence(g), AG.article, None))


def _domain(g: Graph) -> None:
    g.add((BAGHDAD, AG.partOf, PMF))


def _range(g: Graph) -> None:
    g.add((KH, AG.memberOf, BAGHDAD))


def _lost_triple(g: Graph) -> None:
    g.remove((KH, AG.partOf, PMF))


DAMAGE: list[tuple[Callable[[Graph], None], str]] = [
    (_no_type, 'entity/kataib-hezbollah "Kataib Hezbollah": rdf:type: an entity needs exactly one'),
    (
        _two_types,
        'entity/kataib-hezbollah "Kataib Hezbollah": rdf:type: an entity needs exactly one',
    ),
    (
        _two_labels,
        'entity/kataib-hezbollah "KH again": skos:prefLabel: an entity needs exactly one',
    ),
    (
        _zero_confidence,
        "ag:confidence: a fact needs exactly one ag:confidence, a decimal in (0, 1]",
    ),
    (_high_confidence, "ag:confidence: evidence needs exactly one ag:confidence"),
    (
        _no_support,
        "ag:supportCount: a fact needs exactly one ag:supportCount, an integer >= 1 [value: 0]",
    ),
    (
        _no_evidence,
        'Kataib Hezbollah partOf Popular Mobilization Forces": ag:evidence: a fact needs',
    ),
    (
        _bad_offsets,
        "ag:startOffset: ag:startOffset must be less than ag:endOffset [value: 10000000]",
    ),
    (_no_article, "ag:article: evidence needs exactly one ag:article"),
    (_domain, 'entity/baghdad "Baghdad": the subject of ag:partOf must be an ag:Organization'),
    (
        _range,
        'entity/kataib-hezbollah "Kataib Hezbollah": ag:memberOf: the object of ag:memberOf must '
        'be an ag:Organization (the relation\'s range) [value: entity/baghdad "Baghdad"]',
    ),
    (_lost_triple, "the fact's triple is not asserted"),
]


@pytest.mark.model
@pytest.mark.parametrize(("damage", "expected"), DAMAGE, ids=[d.__name__ for d, _ in DAMAGE])
def test_damage_is_reported(graph: Graph, damage: Callable[[Graph], None], expected: str):
    broken = Graph()
    for t in graph:
        broken.add(t)
    damage(broken)
    report = validate_graph(broken)
    assert not report.conforms
    lines = report.lines()
    assert any(expected in line for line in lines), "\n".join(lines)
    if damage is not _no_type:  # an untyped entity also breaks its relations' domains
        assert len(lines) <= 2, "\n".join(lines)  # one problem, not a cascade


@pytest.mark.model
def test_validate_command_exit_codes(graph: Graph, tmp_path: Path):
    broken = Graph()
    for t in graph:
        broken.add(t)
    _domain(broken)
    _bad_offsets(broken)
    path = write_turtle(broken, tmp_path / "broken.ttl")
    res = CliRunner().invoke(main, ["validate", str(path)])
    assert res.exit_code == 1
    lines = [line for line in res.output.splitlines() if line.startswith(("entity/", "evidence/"))]
    assert len(lines) == 2
    assert "does not conform: 2 results" in res.output
    res = CliRunner().invoke(main, ["validate", str(tmp_path / "missing.ttl")])
    assert res.exit_code == 6 and "not found" in res.output
