"""Claims of responsibility: "X claimed responsibility for the bombing at Y", "an attack
claimed by X", and a bare claim ("X claimed responsibility") tied to the latest attack
reported in its own sentence or the one before."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .assertion import assertion_factor
from .events import (
    ATTACK_NOUNS,
    _event_owners,
    _hit,
    _noun_targets,
)
from .sentence import (
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
)
from .verbs import _VERB_RELATIONS

#: verbs of owning an attack without naming it: "X claimed responsibility", "took credit"
_OWNING_VERBS = frozenset("claim take accept admit".split())


def claimed_attacks(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "A bomber attacked a mosque in X. Islamic State claimed responsibility.",
    "Gunmen stormed a hotel in Y; the Taliban claimed responsibility": a claim that names
    no attack owns the latest attack of its sentence or of the sentence before."""
    for tok in sent:
        if tok.lower_ not in {"responsibility", "credit"} or tok.dep_ != "dobj":
            continue
        verb = tok.head
        if verb.lemma_.lower() not in _OWNING_VERBS:
            continue
        owned = [*_pobjs(tok, {"for"}), *_pobjs(verb, {"for"})]
        if any(p.lower_ not in {"it", "this", "that"} for p in owned):
            continue  # "claimed responsibility for the bombing of X": attack_events reads it
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive or not agents:
            continue
        targets = _latest_attack(verb, agents, reader)
        for a in agents:
            for t in targets:
                if a.span.kb_id_ != t.span.kb_id_:
                    yield Candidate(a, "attacked", t, "claimed_attack", factor)


#: what a bomb does, in a report that a later claim owns: "a bomb exploded at a market"
_BLAST_VERBS = frozenset("explode detonate".split())


def _latest_attack(claim: Token, agents: list[Arg], reader: SentenceReader) -> list[Arg]:
    """What the latest attack before a claim struck, in the claim's sentence or the one
    before; nothing when that attack has a named doer other than the claimant."""
    doc = claim.doc
    start = claim.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    keys = {a.span.kb_id_ for a in agents}
    for i in range(claim.i - 1, start - 1, -1):
        tok = doc[i]
        if tok.pos_ == "NOUN" and tok.lower_ in ATTACK_NOUNS | {"blast", "explosion"}:
            doers = _event_owners(tok, reader)
            targets = _noun_targets(tok, list(_pobjs(tok, {"by"})), reader)
        elif tok.pos_ == "VERB" and (
            _VERB_RELATIONS.get(tok.lemma_.lower()) == "attacked"
            or tok.lemma_.lower() in _BLAST_VERBS
        ):
            # "Gunmen stormed X; Y claimed responsibility" is parsed as what Y claims
            if tok.head != claim and assertion_factor(tok) == 0:
                return []
            doers = [a for a in agents_of(tok, reader)[0] if a.span.label_ != "Person"]
            targets = _hit(tok, reader)
        else:
            continue
        if any(d.span.kb_id_ not in keys for d in doers):
            return []
        if targets or doers:
            return targets
        # "a blast at X killed 30 people": the verb names no site, its subject may
    return []


CONFIDENCE = {"claimed_attack": 0.75}

PATTERNS = (claimed_attacks,)
