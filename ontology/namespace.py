"""The closed Python namespace of the actorgraph ontology.

Mirrors ``actorgraph.ttl``; ``tests/test_ontology.py`` fails if they drift apart.
A misspelt term raises ``AttributeError`` instead of minting a new IRI.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

NS_IRI = "https://w3id.org/actorgraph/ns#"


class AG(DefinedNamespace):
    _NS = Namespace(NS_IRI)
    _fail = True

    # classes
    Entity: URIRef
    Actor: URIRef
    Collective: URIRef
    Person: URIRef
    Organization: URIRef
    ArmedGroup: URIRef
    MilitaryForce: URIRef
    GovernmentBody: URIRef
    PoliticalGroup: URIRef
    Coalition: URIRef
    InternationalOrganization: URIRef
    MediaOrganization: URIRef
    Location: URIRef
    Country: URIRef
    Place: URIRef
    Facility: URIRef
    Weapon: URIRef
    Article: URIRef
    Fact: URIRef
    Evidence: URIRef

    # relations
    relation: URIRef
    partOf: URIRef
    memberOf: URIRef
    leaderOf: URIRef
    affiliatedWith: URIRef
    backedBy: URIRef
    alliedWith: URIRef
    opposes: URIRef
    fightsAgainst: URIRef
    attacked: URIRef
    threatened: URIRef
    accused: URIRef
    condemned: URIRef
    sanctioned: URIRef
    trained: URIRef
    locatedIn: URIRef
    presentIn: URIRef

    # provenance
    evidence: URIRef
    article: URIRef
    mentionedIn: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    extractor: URIRef
    confidence: URIRef
    supportCount: URIRef
    articleCount: URIRef
    mentionCount: URIRef
    fileName: URIRef
    sha256: URIRef


#: The 16 relations of the core vocabulary, in the order the guidelines give them.
RELATIONS: tuple[str, ...] = (
    "partOf",
    "memberOf",
    "leaderOf",
    "affiliatedWith",
    "backedBy",
    "alliedWith",
    "opposes",
    "fightsAgainst",
    "attacked",
    "threatened",
    "accused",
    "condemned",
    "sanctioned",
    "trained",
    "locatedIn",
    "presentIn",
)

#: Entity classes a node can be typed with (most specific ones).
ENTITY_TYPES: tuple[str, ...] = (
    "Person",
    "Country",
    "ArmedGroup",
    "MilitaryForce",
    "GovernmentBody",
    "PoliticalGroup",
    "Coalition",
    "InternationalOrganization",
    "MediaOrganization",
    "Organization",
    "Place",
    "Facility",
    "Weapon",
)

#: The organisation classes: Organization and its sub-classes (a test checks the Turtle).
ORGANIZATION_TYPES: frozenset[str] = frozenset(
    {
        "Organization",
        "ArmedGroup",
        "MilitaryForce",
        "GovernmentBody",
        "PoliticalGroup",
        "Coalition",
        "InternationalOrganization",
        "MediaOrganization",
    }
)
