"""Fights named as campaigns: "the force that spearheaded the battle for Mosul" (it
attacked Mosul and fought there) and attacks said to recur ("has staged frequent bombings
against the Houthis", "repeatedly carried out raids on Y": a campaign against Y, so
``fightsAgainst`` beside the attacks the event patterns read)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from .agents import attack_targets
from .assertion import assertion_factor
from .events import ATTACK_NOUNS, _event_owners
from .places import _place_args
from .sentence import Arg, Candidate, SentenceReader, _pobjs, agents_of

CONFIDENCE = {"battle_for": 0.75, "recurring_attacks": 0.75}

#: armed bodies and states that fight battles and campaigns
_ARMED = frozenset({"ArmedGroup", "MilitaryForce", "Coalition", "Country"})

#: nouns of a fight over a place: "the battle for Mosul", "the offensive for Raqqa"
_BATTLE_NOUNS = frozenset("battle battles fight offensive assault push campaign".split())
#: verbs whose subject fights the battle it names: "led the battle for Mosul"
_LEADING_VERBS = frozenset(
    "lead spearhead win wage wag fight launch join command direct begin start mount".split()
)


def battles_for(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Iraq's Counter-Terrorism Service, the force that spearheaded the battle for
    Mosul" -> attacked Mosul and presentIn Mosul."""
    for noun in sent:
        if noun.lower_ not in _BATTLE_NOUNS or noun.dep_ != "dobj":
            continue
        verb = noun.head
        if verb.lemma_.lower() not in _LEADING_VERBS:
            continue
        places = [
            a for p in _pobjs(noun, {"for"}) for a in _place_args(p, reader, {"Place", "Facility"})
        ]
        if not places:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        for a in [] if passive else agents:
            if a.span.label_ not in _ARMED:
                continue
            for pl in places:
                yield Candidate(a, "attacked", pl, "battle_for", factor)
                yield Candidate(a, "presentIn", pl, "battle_for", factor)


#: words that make attacks a campaign: "frequent bombings", "repeated raids"
_RECURRING = frozenset(
    "frequent repeated regular constant persistent continual relentless daily "
    "nightly incessant".split()
)
_RECURRING_ADVERBS = frozenset("repeatedly frequently regularly routinely constantly".split())
#: verbs that carry out attacks: "staged frequent bombings", "carried out repeated raids"
_DOING = frozenset("stage stag carry conduct launch mount".split())


def recurring_attacks(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "AQAP, which has staged frequent bombings against the Houthis", "X has repeatedly
    carried out raids on Y's positions" -> X fightsAgainst Y."""
    for noun in sent:
        if noun.tag_ != "NNS" or (noun.lower_ not in ATTACK_NOUNS):
            continue
        verb = noun.head if noun.dep_ == "dobj" else None
        recurring = any(c.lower_ in _RECURRING for c in noun.children if c.dep_ == "amod")
        if verb is not None and verb.lemma_.lower() not in _DOING:
            verb = None
        if verb is not None:
            recurring = recurring or any(
                c.dep_ == "advmod" and c.lower_ in _RECURRING_ADVERBS for c in verb.children
            )
        if not recurring:
            continue
        aims = [*_pobjs(noun, {"against", "on"})]
        if verb is not None:
            aims += _pobjs(verb, {"against", "on"})
        foes = [
            a
            for p in aims
            for a in attack_targets(p, reader)
            if a.span.label_ not in {"Place", "Facility"}
        ]
        if not foes:
            continue
        factor = assertion_factor(verb) if verb is not None else 1.0
        if factor == 0:
            continue
        agents: list[Arg] = _event_owners(noun, reader)
        if not agents and verb is not None:
            found, passive = agents_of(verb, reader)
            agents = [] if passive else found
        for a in agents:
            if a.span.label_ not in _ARMED:
                continue
            for f in foes:
                if a.span.kb_id_ != f.span.kb_id_:
                    yield Candidate(a, "fightsAgainst", f, "recurring_attacks", factor)


PATTERNS = (battles_for, recurring_attacks)
