"""Attacks said with a phrase rather than an attack verb: "X opened fire on Y('s
positions)", "X dropped bombs on Y", "X blew up Y", "raids against Y's infrastructure"
(``attacked``)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .agents import (
    _STRUCTURES,
    _struck_thing,
    alleged_by,
    attack_targets,
    speaker_pronoun,
    subject_fallback,
)
from .assertion import assertion_factor
from .sentence import (
    _ACTORS,
    _PLACES,
    _SITE_NOUNS,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
)
from .verbs import _ARMED_LABELS, BOMBARD_VERBS

CONFIDENCE = {
    "fire_on": 0.8,
    "blew_up": 0.8,
    "raid_against": 0.75,
    "launch": 0.85,
    "incursion": 0.75,
    "strike_in": 0.75,
}

_TARGETS = _ACTORS | {"Place", "Facility"}
#: what is dropped or fired on a target: "dropped bombs on Y", "opened fire on Y"
_MUNITIONS = frozenset(
    "fire bomb bombs missile missiles shell shells rocket rockets barrel explosives".split()
)
#: what an attack aims at and whose it is: "Hezbollah infrastructure", "X's positions"
_ASSET_NOUNS = _SITE_NOUNS | frozenset({"infrastructure", "targets", "target", "assets"})
_RAID_NOUNS = frozenset("raid raids strike strikes airstrike airstrikes attacks attack".split())


def _targets(noun: Token, reader: SentenceReader) -> list[Arg]:
    """The actors or places a phrase names as hit: "Israeli positions" -> Israel."""
    found = [a for a in reader.actors(noun, sites=True) if a.span.label_ in _TARGETS]
    if not found and noun.lower_ in _ASSET_NOUNS:
        found = [a for a in reader.site_owners(noun) if a.span.label_ in _TARGETS]
        found += [  # "Israeli positions": the demonym's state
            reader.arg(d)
            for c in noun.children
            if c.dep_ in {"amod", "compound"} and c.i in reader.demonyms
            for d in [reader.demonyms[c.i]]
            if d.label_ == "Country"
        ]
    return found


def _attackers(verb: Token, reader: SentenceReader) -> list[Arg]:
    agents, passive = agents_of(verb, reader)
    return [] if passive else [a for a in agents if a.span.label_ in _ACTORS]


def _attacks(
    verb: Token, targets: list[Arg], extractor: str, reader: SentenceReader
) -> Iterator[Candidate]:
    """The verb's doers attacked the targets, when the clause asserts it."""
    factor = assertion_factor(verb) if targets else 0.0
    if factor == 0:
        return
    for a in _attackers(verb, reader):
        for t in targets:
            if a.span.kb_id_ != t.span.kb_id_:
                yield Candidate(a, "attacked", t, extractor, factor)


def fire_on(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X opened fire on Y", "X dropped dozens of bombs on Y's headquarters"."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in {"open", "drop", "rain"}:
            continue
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        munitions = [
            o
            for o in objs
            if o.lower_ in _MUNITIONS or any(p.lower_ in _MUNITIONS for p in _pobjs(o, {"of"}))
        ]
        if not munitions or (lemma == "open" and not any(m.lower_ == "fire" for m in munitions)):
            continue
        aims = [p for h in (verb, *munitions) for p in _pobjs(h, {"on", "at", "upon"})]
        # "dropped bombs on the group's headquarters in the Dahiyeh": where the site is
        aims += [
            q
            for p in aims
            if p.lower_ in _ASSET_NOUNS or p.lemma_.lower() in _STRUCTURES
            for q in _pobjs(p, {"in"})
        ]
        targets = [a for p in aims for a in _targets(p, reader)]
        yield from _attacks(verb, targets, "fire_on", reader)


def blew_up(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "The militants blew up the al-Nuri mosque"."""
    for verb in sent:
        if verb.lemma_.lower() != "blow" or not any(
            c.dep_ == "prt" and c.lower_ == "up" for c in verb.children
        ):
            continue
        targets = [a for c in verb.children if c.dep_ == "dobj" for a in _targets(c, reader)]
        yield from _attacks(verb, targets, "blew_up", reader)


def raids_against(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X's raids against Hezbollah infrastructure", "strikes on X's positions" by a
    named attacker: the owner of what was hit is attacked."""
    for noun in sent:
        if noun.lower_ not in _RAID_NOUNS or noun.pos_ != "NOUN":
            continue
        assets = [
            p
            for p in _pobjs(noun, {"against", "on"})
            if p.lower_ in _ASSET_NOUNS and reader.mention(p) is None
        ]
        owners = [a for p in assets for a in reader.site_owners(p) if a.span.label_ in _ACTORS]
        if not owners:
            continue
        raiders = [
            reader.arg(m)
            for c in noun.children
            if c.dep_ in {"poss", "compound", "amod", "nmod"}
            for m in [reader.named_or_demonym(c)]
            if m is not None and m.label_ in _ACTORS
        ]
        node = noun
        while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
            node = node.head
        factor = assertion_factor(node) if node.pos_ in {"VERB", "AUX"} else 1.0
        if factor == 0:
            continue
        for r in raiders:
            for o in owners:
                if r.span.kb_id_ != o.span.kb_id_:
                    yield Candidate(r, "attacked", o, "raid_against", factor)


#: moving into a place by force: "pushed into Mosul", "advanced into the town"
_INCURSION_VERBS = frozenset(
    "push advance sweep storm roll march smash break race pour surge cross rampage".split()
)
#: moving through places by force: "swept south through Hama and Homs"
_THROUGH_VERBS = frozenset({"sweep", "rampage", "storm", "smash", "roll", "push", "tear"})

#: what is launched at a target: "fired rockets at X", "launched drones towards Y"
PROJECTILE_NOUNS = frozenset(
    "rocket rockets missile missiles drone drones mortar mortars shell shells bomb bombs "
    "projectile projectiles salvo salvoes barrage grenade grenades teargas bullets artillery "
    "munitions volley".split()
)
_LAUNCH_VERBS = frozenset("fire launch lob send aim hurl shoot".split())
#: firearms and shots fired at someone: "fired a rifle at X", "fired two shots at Y"
_FIREARM_NOUNS = frozenset(
    "rifle rifles gun guns pistol pistols revolver revolvers shot shots round rounds "
    "bullet bullets weapon weapons shotgun".split()
)
_LAUNCH_PREPS = frozenset({"at", "on", "into", "towards", "toward", "against"})


def launches(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hamas fired rockets at Israel", "the Houthis launched drones towards X"."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _LAUNCH_VERBS:
            continue
        objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        gun = verb.lemma_.lower() in {"fire", "shoot"} and (
            # "fired at X" (not "fired back at critics"), "fired a rifle at X"
            all(o.lemma_.lower() in _FIREARM_NOUNS for o in objs)
            and not any(c.lower_ == "back" for c in verb.children)
        )
        if not gun and not any(
            o.lower_ in PROJECTILE_NOUNS or o.lemma_ in PROJECTILE_NOUNS for o in objs
        ):
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        aims = [p for h in [verb, *objs] for p in _pobjs(h, _LAUNCH_PREPS)]
        targets = [a for p in aims for a in attack_targets(p, reader)]
        # "fired rockets at Israeli positions in the Shebaa Farms": where the sites are
        targets += [
            a
            for p in aims
            if _struck_thing(p, reader) or p.lower_ in _SITE_NOUNS
            for q in _pobjs(p, {"in"})
            for a in reader.actors(q)
            if a.span.label_ in {"Place", "Facility"}
        ]
        agents, passive = agents_of(verb, reader)
        agents = speaker_pronoun(verb, reader) or agents
        agents = agents or subject_fallback(verb, reader, passive=passive)
        if alleged_by(verb, agents, reader):
            continue  # another's report: the allegation pattern has it
        for a in agents:
            for t in targets:
                yield Candidate(a, "attacked", t, "launch", factor)


def incursions(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Islamic State pushed into Mosul", "the army advanced into Ramadi", "troops crossed
    into southern Lebanon" -> attacked, and presentIn where they went."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _INCURSION_VERBS:
            continue
        preps = {"into", "through"} if verb.lemma_.lower() in _THROUGH_VERBS else {"into"}
        places = [
            a for p in _pobjs(verb, preps) for a in reader.actors(p) if a.span.label_ in _PLACES
        ]
        if not places:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        agents = agents or subject_fallback(verb, reader, passive=passive)
        for a in agents:
            if a.span.label_ not in _ARMED_LABELS:
                continue  # "protesters pushed into the square", "the minister swept into Paris"
            for pl in places:
                yield Candidate(a, "attacked", pl, "incursion", factor)
                yield Candidate(a, "presentIn", pl, "incursion", factor)  # they got there


def strikes_in(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Israel struck back with artillery in southern Lebanon", "Turkish jets bombed
    across northern Iraq": a bombardment with no object hits the place it falls in."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in BOMBARD_VERBS:
            continue
        if any(c.dep_ in {"dobj", "nsubjpass"} for c in verb.children):
            continue  # "bombed X in Y" is read by the verb patterns
        weapons = list(_pobjs(verb, {"with"}))  # "with artillery and a drone strike in Y"
        heads = [verb, *weapons, *(c for w in weapons for c in w.conjuncts)]
        places = [
            a
            for h in heads
            for p in _pobjs(h, {"in", "across", "throughout"})
            for a in reader.actors(p)
            if a.span.label_ in {"Place", "Country"}
        ]
        if not places:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        for a in agents:
            if a.span.label_ in _ARMED_LABELS:
                for pl in places:
                    yield Candidate(a, "attacked", pl, "strike_in", factor)


PATTERNS = (fire_on, blew_up, raids_against, launches, incursions, strikes_in)
