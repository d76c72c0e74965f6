"""The actorgraph ontology (Turtle, shipped as package data), its namespace and the gazetteer."""

from .namespace import AG, ENTITY_TYPES, NS_IRI, ORGANIZATION_TYPES, RELATIONS
from .schema import RelationSpec, Schema, load_ontology, load_schema, ontology_text

__all__ = [
    "AG",
    "ENTITY_TYPES",
    "NS_IRI",
    "ORGANIZATION_TYPES",
    "RELATIONS",
    "RelationSpec",
    "Schema",
    "load_ontology",
    "load_schema",
    "ontology_text",
]
