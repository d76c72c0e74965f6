"""``actor_relations``: subject-relation-object facts from the dependency parse.

Each pattern is a small function over one sentence that yields candidate facts
with the extractor's name and a confidence. Patterns live in one module per
family of constructions (``verbs``, ``attribution``, ``events``, ``claims``,
``killings``, ``assistance``, ``battles``, ``holdings``, ``captures``, ``titles``,
``leaders``, ``places``, ``regions``, ``presence``, ``visits``, ``datelines``,
``appositions``, ``alignment``, ``allies``, ``composition``, ``memberships``,
``stances``); what they read a sentence with is in ``sentence``, and who did an attack
and to what in ``agents``. The component (``component``) runs them, drops facts whose
argument types do not fit the relation's domain and range in the ontology, self-loops
and duplicates, and writes ``doc._.facts``.
"""

from .assertion import CLAIM_VERBS, assertion_factor
from .component import BASE_CONFIDENCE, PATTERNS, RelationExtractor, make_actor_relations
from .sentence import Arg, Candidate, SentenceReader

__all__ = [
    "BASE_CONFIDENCE",
    "CLAIM_VERBS",
    "PATTERNS",
    "Arg",
    "Candidate",
    "RelationExtractor",
    "SentenceReader",
    "assertion_factor",
    "make_actor_relations",
]
