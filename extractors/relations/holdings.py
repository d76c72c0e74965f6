"""Ground a group holds or held, told by a noun or a departure: seats ("Y, a stronghold of
X", "Y, the headquarters of X", "Y is the de facto capital of X") and departures ("French
forces left Mali", "the last British troops left Kabul"), missions named after their place
("the UN mission in Congo, known as MONUSCO"): X presentIn Y; and the towns
a taken plural names ("seized several towns, including A and B").

The patterns are listed in ``presence.PATTERNS``."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .assertion import assertion_factor
from .places import PLACE_NOUNS, TERRITORY_NOUNS, _place_args
from .sentence import (
    _DEPLOYABLE,
    _ORG_TYPES,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
)

_PLACES = frozenset({"Place", "Facility", "Country"})

#: shares of what was taken: "four of the five state capitals", "most of the towns"
_SHARE_WORDS = frozenset("all some several many few one two three four five six".split())


def _examples(tok: Token, reader: SentenceReader, *, regions: bool = True) -> list[Arg]:
    """Named towns a taken plural gives: "several towns, including A and B", "four of the
    five state capitals in Darfur, including A" (Darfur, A)."""
    out: list[Arg] = []
    nouns = [tok]
    if tok.lower_ in _SHARE_WORDS | TERRITORY_NOUNS:
        nouns += _pobjs(tok, {"of"})
    for t in nouns:
        if t.lower_ not in PLACE_NOUNS | {"capitals"} or t.tag_ != "NNS":
            continue
        for inc in _pobjs(t, {"including"}):
            out += _place_args(inc, reader, _PLACES)
        if t is not tok and regions:  # "most of the towns in Borno": held, not all attacked
            out += [a for p in _pobjs(t, {"in"}) for a in _place_args(p, reader, _PLACES)]
    return out


#: "Y, a stronghold of X", "Y, the headquarters of X", "Y, the de facto capital of X"
_SEAT_NOUNS = frozenset(
    "stronghold strongholds bastion heartland headquarters capital base hub hideout".split()
)

#: who holds a seat: armed actors ("the birthplace of X" is not a seat noun)
_OWNERS = _DEPLOYABLE
#: seats only an armed group holds
_HELD_ONLY = frozenset("stronghold strongholds bastion heartland hideout".split())


def _owners_of(noun: Token, reader: SentenceReader) -> list[Arg]:
    """The armed group after "of": "a stronghold of the separatist alliance known as X"."""
    # only armed groups have strongholds: a name the model left untyped holds one too
    owners = _OWNERS | {"Organization"} if noun.lower_ in _HELD_ONLY else _OWNERS
    out: list[Arg] = []
    for p in _pobjs(noun, {"of"}):
        found = [a for a in reader.actors(p) if a.span.label_ in owners]
        if not found:  # "the alliance known as X"
            found = [
                a
                for c in p.children
                if c.dep_ == "acl" and c.lower_ == "known"
                for q in _pobjs(c, {"as"})
                for a in reader.actors(q)
            ]
        out += [a for a in found if a.span.label_ in owners]
    # "Saada, the Houthis' northern stronghold"
    out += [
        a
        for c in noun.children
        if c.dep_ == "poss"
        for a in reader.actors(c)
        if a.span.label_ in owners and c.pos_ != "PRON"
    ]
    return out


def seats(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Kidal, a stronghold of the CSP", "Laiza, the headquarters of the KIA", "Raqqa is
    the de facto capital of Islamic State" -> the group presentIn the place."""
    for noun in sent:
        if noun.lower_ not in _SEAT_NOUNS or noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        places: list[Arg] = []
        factor = 1.0
        if noun.dep_ == "appos":
            places = _place_args(noun.head, reader, _PLACES)
        elif noun.dep_ == "attr" and noun.head.lemma_ == "be":
            factor = assertion_factor(noun.head)
            places = [
                a
                for c in noun.head.children
                if c.dep_ == "nsubj"
                for a in _place_args(c, reader, _PLACES)
            ]
        if not places or factor == 0:
            continue
        for o in _owners_of(noun, reader):
            for pl in places:
                if o.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(o, "presentIn", pl, "seat_of", factor)


#: the people of an armed force: "French forces left Mali"
_FORCE_PEOPLE = frozenset(
    "forces troops soldiers fighters militants units peacekeepers personnel contingent".split()
)


def _leavers(verb: Token, reader: SentenceReader) -> list[Arg]:
    agents, passive = agents_of(verb, reader)
    if passive:
        return []
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "xcomp":  # "troops are expected to leave Kabul"
        subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        agents = [a for c in subjects for a in reader.actors(c)]
    if not agents:  # "the last British troops left Kabul"
        agents = [
            reader.arg(m)
            for c in subjects
            if c.lower_ in _FORCE_PEOPLE
            for g in c.children
            if g.dep_ in {"poss", "compound", "amod", "nmod"}
            for m in [reader.named_or_demonym(g)]
            if m is not None
        ]
    return [a for a in agents if a.span.label_ in _DEPLOYABLE]


def departures(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "French forces, who left Mali in 2022", "the last British troops are expected to
    leave Kabul" -> the force presentIn the place it leaves (leaving presupposes being
    there, even when the departure is only planned). Armed forces only: a state that
    "left" a union or a body did not hold ground there."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() != "leave":
            continue
        if any(c.dep_ == "neg" for c in verb.children):
            continue  # "X has not left Y": still there, but not stated as a departure
        places = [
            a for c in verb.children if c.dep_ == "dobj" for a in _place_args(c, reader, _PLACES)
        ]
        if not places:
            continue
        for a in _leavers(verb, reader):
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "departure")


#: "the UN peacekeeping mission in Y, known as X": a mission named after its place
_MISSION_NOUNS = frozenset("mission force operation contingent".split())
_MISSION_TYPES = frozenset(
    {"InternationalOrganization", "MilitaryForce", "Coalition", "Organization"}
)


def missions(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "The U.N. peacekeeping mission in Congo, known as MONUSCO", "the AU mission in
    Somalia, AMISOM", "the UN mission in Mali (MINUSMA)" -> the named mission presentIn
    the place."""
    for noun in sent:
        if noun.lower_ not in _MISSION_NOUNS or noun.pos_ != "NOUN":
            continue
        where = list(_pobjs(noun, {"in"}))
        places = [a for p in where for a in _place_args(p, reader, _PLACES)]
        if not places:
            continue
        names = [  # "known as X", on the mission or (by the parse) on its place
            q
            for h in [noun, *where]
            for c in h.children
            if c.dep_ == "acl" and c.lower_ == "known"
            for q in _pobjs(c, {"as"})
        ]
        names += [c for c in noun.children if c.dep_ == "appos"]
        names += [c for p in where for c in p.children if c.dep_ == "appos"]  # "Mali (MINUSMA)"
        named = [a for t in names for a in reader.actors(t) if a.span.label_ in _MISSION_TYPES]
        for a in named:
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "mission_in")
    for m in reader.in_sentence(sent):  # "the African Union Transition Mission in Somalia"
        root = m[-1]
        if root.lower_ not in _MISSION_NOUNS or m.label_ not in _ORG_TYPES:
            continue
        if m.end >= sent.end or sent.doc[m.end].lower_ != "in":
            continue
        for p in _pobjs(sent.doc[m.end].head, {"in"}):
            for pl in _place_args(p, reader, _PLACES):
                if m.end < pl.span.start <= m.end + 3 and pl.span.kb_id_ != m.kb_id_:
                    yield Candidate(reader.arg(m), "presentIn", pl, "mission_in")


PATTERNS = (seats, departures, missions)
CONFIDENCE = {"seat_of": 0.8, "departure": 0.75, "mission_in": 0.8}
