"""Whether a clause asserts what it says: no facts from negations, conditionals,
hypotheticals, questions or somebody else's claim."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import CONDITIONAL_MARKS, HEDGE_MODALS, NEGATING_VERBS, WEAK_MODALS

#: verbs whose complement is somebody's claim, not the article's assertion
CLAIM_VERBS = frozenset("accuse blame charge suspect allege claim deny".split())


def assertion_factor(verb: Token) -> float:
    """0 when the clause is negated, conditional, hypothetical or a question."""
    sent = verb.sent
    if sent.text.rstrip().rstrip("\"”’'").endswith("?"):
        return 0.0
    factor = 1.0
    node = verb
    for _ in range(4):
        for c in node.children:
            if c.dep_ == "neg" or (
                c.lower_ in {"never", "not", "n't", "no"} and c.dep_ in {"neg", "advmod"}
            ):
                return 0.0
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                return 0.0
            if c.dep_ == "aux" and c.lower_ in HEDGE_MODALS:
                return 0.0
            if c.dep_ == "aux" and c.lower_ in WEAK_MODALS:
                factor = min(factor, 0.8)
        if node.dep_ in {"xcomp", "ccomp"} and node.head.lemma_ in NEGATING_VERBS:
            return 0.0
        # "blamed the US for supporting ISIS": what an accusation says is the accuser's
        # claim (an accused fact), not something the article asserts
        if node.dep_ == "pcomp" and node.head.head.lemma_ in CLAIM_VERBS:
            return 0.0
        if node.dep_ == "ccomp" and node.head.lemma_ in CLAIM_VERBS - {"accuse", "blame"}:
            return 0.0
        if node.dep_ not in {"xcomp", "conj", "aux"} or node.head == node:
            break
        node = node.head
    return factor
