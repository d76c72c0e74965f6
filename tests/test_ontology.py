"""The ontology Turtle is the source of truth; the Python namespace must agree with it."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, URIRef

from actorgraph.ontology import (
    AG,
    ENTITY_TYPES,
    NS_IRI,
    ORGANIZATION_TYPES,
    RELATIONS,
    load_ontology,
    load_schema,
)


@pytest.fixture(scope="module")
def onto():  # type: ignore[no-untyped-def]
    return load_ontology()


def _declared(onto) -> set[str]:  # type: ignore[no-untyped-def]
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {
        str(s)[len(NS_IRI) :]
        for k in kinds
        for s in onto.subjects(RDF.type, k)
        if isinstance(s, URIRef) and str(s).startswith(NS_IRI)
    }


def test_namespace_and_turtle_declare_the_same_terms(onto):  # type: ignore[no-untyped-def]
    in_python = {name for name in AG.__annotations__}
    assert in_python == _declared(onto)


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        AG.partof  # noqa: B018 - a misspelt term must fail, not mint an IRI


def test_sixteen_relations_with_domain_range_label_comment(onto):  # type: ignore[no-untyped-def]
    assert len(RELATIONS) == 16
    for name in RELATIONS:
        prop = AG[name]
        assert (prop, RDF.type, OWL.ObjectProperty) in onto
        assert onto.value(prop, RDFS.domain) is not None, name
        assert onto.value(prop, RDFS.range) is not None, name
        assert onto.value(prop, RDFS.label) is not None, name
        assert onto.value(prop, RDFS.comment) is not None, name


def test_symmetric_relations():
    schema = load_schema()
    assert {r for r, spec in schema.relations.items() if spec.symmetric} == {
        "alliedWith",
        "opposes",
    }


def test_entity_types_are_classes(onto):  # type: ignore[no-untyped-def]
    for t in ENTITY_TYPES:
        assert (AG[t], RDF.type, OWL.Class) in onto


@pytest.mark.parametrize(
    ("relation", "s", "o", "ok"),
    [
        ("leaderOf", "Person", "Country", True),
        ("leaderOf", "Country", "Person", False),
        ("partOf", "ArmedGroup", "ArmedGroup", True),
        ("partOf", "Person", "ArmedGroup", False),
        ("locatedIn", "Facility", "Place", True),
        ("locatedIn", "ArmedGroup", "Place", False),
        ("presentIn", "MilitaryForce", "Facility", True),
        ("attacked", "ArmedGroup", "Facility", True),
        ("threatened", "ArmedGroup", "Weapon", False),
    ],
)
def test_domain_and_range_checks(relation, s, o, ok):  # type: ignore[no-untyped-def]
    assert load_schema().fits(relation, s, o) is ok


def test_organization_types_are_the_turtle_subclasses_of_organization():
    ancestors = load_schema().ancestors
    assert {c for c, up in ancestors.items() if "Organization" in up} == ORGANIZATION_TYPES
