"""Verbs and light-verb phrases, active and passive: "X bombed Y", "Y was attacked by X",
"held X responsible", "vowed revenge"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import (
    EVENT_NOUNS,
    FORCE_NOUNS,
    LIGHT_VERB_PHRASES,
    PLACE_VERBS,
    REVERSED_VERBS,
    VERB_RELATIONS,
)
from .assertion import assertion_factor
from .sentence import (
    _ACTORS,
    _PLACES,
    _VERB_PREPS,
    _VERBAL_ATTACKS,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
)


def verbs(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        lemma = verb.lemma_.lower()
        light = _light_relation(verb)
        relation = light or VERB_RELATIONS.get(lemma)
        if relation is None:
            continue
        if lemma == "warn" and any(c.dep_ == "xcomp" for c in verb.children):
            continue  # "warned the BBC to steer away": advice, not a threat
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            patients = [a for c in verb.children if c.dep_ == "nsubjpass" for a in reader.actors(c)]
        else:
            patients = [
                a
                for c in verb.children
                if c.dep_ in {"dobj", "dative"}
                for a in reader.actors(c, sites=relation == "attacked")
            ]
        # "fired at X", "strikes on X" are attacks; other relations take "against" only
        preps = _VERB_PREPS.get(relation, set())
        patients += [a for p in _pobjs(verb, preps) for a in reader.actors(p, sites=True)]
        if not patients and relation in {"condemned", "accused", "threatened"}:
            patients = _event_agents(verb, reader)
        extractor = "light_verb" if light else ("passive" if passive else "verb")
        if lemma in PLACE_VERBS and relation == "presentIn":
            places = [
                a
                for p in _pobjs(verb, {"in", "to", "at", "into"})
                for a in reader.actors(p)
                if a.span.label_ in _PLACES
            ]
            objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
            military = any(o.lower_ in FORCE_NOUNS or o.lemma_ in FORCE_NOUNS for o in objs) or any(
                p.span.label_ in {"MilitaryForce", "Weapon"} for p in patients
            )
            if lemma in {"send", "dispatch"} and not military:
                continue
            troops = [p for p in patients if p.span.label_ in _ACTORS]
            who = troops or agents
            for t in who:
                for pl in places:
                    yield Candidate(t, "presentIn", pl, extractor, factor)
            continue
        for a in agents:
            for p in patients:
                if (
                    relation == "attacked"
                    and lemma in _VERBAL_ATTACKS
                    and a.span.label_ == p.span.label_ == "Person"
                ):
                    continue  # "Fox attacked Blair" in politics is criticism
                if lemma in REVERSED_VERBS and not light:
                    yield Candidate(
                        p, relation, a, "host" if relation == "presentIn" else extractor, factor
                    )
                else:
                    yield Candidate(a, relation, p, extractor, factor)


def _event_agents(verb: Token, reader: SentenceReader) -> list[Arg]:
    """Who did the act a verb condemns: "slammed the US attack", "condemned it".

    The event's own agent when it has one ("the US attack", "Israel's strikes"),
    else the latest attacker read earlier in the article (event coreference).
    """
    for obj in verb.children:
        if obj.dep_ not in {"dobj", "nsubjpass"}:
            continue
        event = obj.lemma_.lower() in EVENT_NOUNS or obj.lower_ in EVENT_NOUNS
        if not event and not (obj.lower_ == "it" and obj.pos_ == "PRON"):
            continue
        own = [
            reader.arg(m)
            for c in obj.children
            if c.dep_ in {"poss", "compound", "amod"}
            for m in [reader.named_or_demonym(c)]
            if m is not None
        ]
        if own:
            return own
        if reader.last_attacker is not None:
            return [Arg(reader.last_attacker.span, 0.7 * reader.last_attacker.factor)]
    return []


def _light_relation(verb: Token) -> str | None:
    """ "vowed revenge", "held X responsible", "identified as being responsible"."""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        # "as being responsible": look a few levels down a preposition
        words = [w for w in c.subtree if w.i - c.i <= 3] if c.dep_ == "prep" else [c]
        for w in words:
            rel = LIGHT_VERB_PHRASES.get((lemma, w.lower_)) or LIGHT_VERB_PHRASES.get(
                (lemma, w.lemma_.lower())
            )
            if rel:
                return rel
    return None


PATTERNS = (verbs,)
