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


#: acts whose report "according to X" is X's charge against the doer (GUIDELINES: a third
#: party's allegation that Y attacked is accused, speaker -> Y)
_CHARGED = frozenset({"attacked", "backedBy", "trained"})


def _sources(according: Token, reader: SentenceReader) -> list[Arg]:
    return [
        a
        for to in according.children
        if to.lower_ == "to"
        for p in to.children
        if p.dep_ == "pobj"
        for a in reader.actors(p)
    ]


#: sources that report their own side's operations: commands, ministries, places
_OWN_REPORTERS = frozenset({"MilitaryForce", "GovernmentBody", "Place", "Facility"})


def _same_side(source: Arg, doer: Arg, reader: SentenceReader) -> bool:
    """ "US strikes ..., according to US officials": a state's forces are its own side."""
    entities = reader.doc._.actor_entities or {}
    src = entities.get(source.span.kb_id_)
    act = entities.get(doer.span.kb_id_)
    return src is not None and act is not None and act.label.startswith(src.label)


def attributed_acts(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Iran, which arms and trains the Houthis according to Washington and UN experts",
    "X shelled Y, according to Z": the source accuses the doer (the act itself is only
    the source's claim, so no other fact comes of it)."""
    for verb in sent:
        if verb.pos_ != "VERB" or _VERB_RELATIONS.get(verb.lemma_.lower()) not in _CHARGED:
            continue
        heads = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
        sources = [
            a
            for h in heads
            for c in h.children
            if c.dep_ == "prep" and c.lower_ == "according"
            for a in _sources(c, reader)
        ]
        if not sources:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        for s in sources:
            if s.span.label_ in _OWN_REPORTERS:
                continue  # "struck 60 targets, according to US Central Command": its own report
            for a in agents:
                if s.span.kb_id_ != a.span.kb_id_ and not _same_side(s, a, reader):
                    yield Candidate(s, "accused", a, "attributed_act")


CONFIDENCE = {"claimed_attack": 0.75, "attributed_act": 0.7}

PATTERNS = (claimed_attacks, attributed_acts)
