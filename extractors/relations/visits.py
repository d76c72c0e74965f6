"""Where actors go and act: visits and trips ("Blinken visited Kyiv", "X arrived in Y",
"a planned trip to Y"), meetings ("X met Y in Z", "talks in Z between X and Y", "a summit
in Z"), and acting from a place ("fired rockets from Y", "a speech from Y", "X spoke from
Y")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from .assertion import assertion_factor
from .places import _place_args
from .presence import _TARGET_PLACES, _from_places, _pronoun, _realised
from .sentence import (
    _ACTORS,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
)

#: "X visited Y", "X toured Y": the object is the place
VISIT_VERBS = frozenset("visit tour".split())


#: "X arrived in Y", "X landed at Y", "X travelled to Y": the preposition's object
ARRIVAL_VERBS: dict[str, frozenset[str]] = {
    "arrive": frozenset({"in", "at"}),
    "land": frozenset({"in", "at"}),
    "travel": frozenset({"to"}),
    "fly": frozenset({"to", "into"}),
}


#: who visits besides people: organisations, not states ("Americans who visit Cuba")
_VISITORS = _ACTORS - {"Country", "Person"}


_VISIT_NOUNS = frozenset({"visit", "trip"})


_PLANNED = frozenset(
    "planned upcoming proposed possible future forthcoming expected scheduled "
    "postponed cancelled canceled".split()
)


def visits(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X visited Cairo", "X arrived in Baghdad", "X landed at Y", "X was invited to Y",
    "X's visit to Y" -> X presentIn the place (per the guidelines, visiting is presence)."""
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        invited = lemma == "invite" and any(c.dep_ == "auxpass" for c in verb.children)
        if lemma not in VISIT_VERBS and lemma not in ARRIVAL_VERBS and not invited:
            continue
        factor = _realised(verb)
        if factor == 0:
            continue
        if lemma in VISIT_VERBS:
            objs = [c for c in verb.children if c.dep_ == "dobj"]
        else:
            preps = {"to"} if invited else ARRIVAL_VERBS[lemma]
            objs = list(_pobjs(verb, preps))
        places = [a for o in objs for a in _place_args(o, reader, _TARGET_PLACES)]
        if not places:
            continue
        if invited:
            agents = [a for c in verb.children if c.dep_ == "nsubjpass" for a in reader.actors(c)]
            factor *= 0.8
        else:
            agents, passive = agents_of(verb, reader)
            if passive:
                continue
            # "X visited Cairo with Y": the companions went too
            agents += [
                a
                for p in _pobjs(verb, {"with"})
                for a in reader.actors(p)
                if a.span.label_ == "Person"
            ]
        for a in agents:
            if a.span.label_ == "Person" or (a.span.label_ in _VISITORS and not _pronoun(a)):
                for pl in places:
                    if a.span.kb_id_ != pl.span.kb_id_:
                        yield Candidate(a, "presentIn", pl, "visit", factor)
    for noun in sent:  # "Pompeo's visit to Baghdad", "a visit by Pompeo to Baghdad"
        if noun.lower_ not in _VISIT_NOUNS or noun.pos_ != "NOUN":
            continue
        if any(c.lower_ in _PLANNED for c in noun.children):
            continue
        if noun.head.pos_ == "VERB" and _realised(noun.head) == 0:
            continue
        visitors = [a for c in noun.children if c.dep_ == "poss" for a in reader.actors(c)] + [
            a for p in _pobjs(noun, {"by"}) for a in reader.actors(p)
        ]
        places = [a for p in _pobjs(noun, {"to"}) for a in _place_args(p, reader, _TARGET_PLACES)]
        for a in visitors:  # "his visit": a possessive pronoun is too often someone else
            if a.span.label_ in _VISITORS | {"Person"} and not _pronoun(a):
                for pl in places:
                    yield Candidate(a, "presentIn", pl, "visit")


#: "X launched attacks from Y", "X masterminded operations from Y": acting from a place
_ACT_FROM_VERBS = frozenset(
    "launch fire mastermind direct operate command orchestrate coordinate plot "
    "attack strike shell broadcast".split()
)


#: "in a speech from Najaf, X said": a speaker's own address
_SPEECH_NOUNS = frozenset("speech address sermon broadcast".split())


_MEETING_NOUNS = frozenset("meeting meetings talks summit".split())


def acts_from(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X launched attacks on Israel from Lebanon", "X operates from Y", "in a televised
    speech from Najaf, X said" -> X presentIn the place it acts from."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ACT_FROM_VERBS:
            continue
        factor = _realised(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        places = _from_places(verb, reader)
        for a in agents:
            if a.span.label_ in _ACTORS - {"Country"} and not _pronoun(a):
                for pl in places:
                    if a.span.kb_id_ != pl.span.kb_id_:
                        yield Candidate(a, "presentIn", pl, "acts_from", factor)
    for noun in sent:
        if noun.lower_ not in _SPEECH_NOUNS or noun.pos_ != "NOUN":
            continue
        places = [
            a
            for p in _pobjs(noun, {"from", "in", "at"})
            for a in _place_args(p, reader, {"Place", "Facility"})
        ]
        if not places:
            continue
        speakers = [a for c in noun.children if c.dep_ == "poss" for a in reader.actors(c)]
        prep = noun.head
        if noun.dep_ == "pobj" and prep.lower_ in {"in", "during"} and prep.head.pos_ == "VERB":
            verb = prep.head  # "In a speech from Najaf, Sadr said"
            if assertion_factor(verb) == 0:
                continue
            speakers += [a for c in verb.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        for a in speakers:
            if a.span.label_ == "Person":
                for pl in places:
                    yield Candidate(a, "presentIn", pl, "acts_from")


def meetings(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X met Y in Cairo", "X and other jihadists meeting in Ajdabiya", "X held talks with
    Y in Moscow" -> the people and groups who met are present there."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        talks = lemma in {"hold", "attend"} and any(
            c.dep_ == "dobj" and c.lower_ in _MEETING_NOUNS for c in verb.children
        )
        if verb.pos_ != "VERB" or (lemma not in {"meet", "gather", "inspect"} and not talks):
            continue
        factor = _realised(verb)
        if factor == 0:
            continue
        heads = [verb] + [
            c
            for c in verb.children
            if c.dep_ == "dobj" and (c.lower_ in _MEETING_NOUNS or lemma == "inspect")
        ]  # "inspected troops inside the Green Zone"
        places = [
            a
            for h in heads
            for p in _pobjs(h, {"in", "at", "inside"})
            for a in _place_args(p, reader, _TARGET_PLACES)
        ]
        if not places:
            continue
        if verb.dep_ in {"xcomp", "acl"} and verb.tag_ == "VBG":
            # "targeted X and other jihadists meeting in Y", "leaders meeting in Y"
            host = verb.head if verb.dep_ == "acl" else None
            if verb.dep_ == "xcomp":
                host = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            people = reader.actors(host) if host is not None else []
        else:
            people, passive = agents_of(verb, reader)
            if passive:
                continue
            if lemma == "inspect":
                people = [a for a in people if a.span.label_ == "Person"]
            if lemma == "meet":
                people += [a for c in verb.children if c.dep_ == "dobj" for a in reader.actors(c)]
            people += [a for h in heads for p in _pobjs(h, {"with"}) for a in reader.actors(p)]
        for a in people:
            if a.span.label_ in _ACTORS - {"Country"} and not _pronoun(a):
                for pl in places:
                    if a.span.kb_id_ != pl.span.kb_id_:
                        yield Candidate(a, "presentIn", pl, "meeting", factor)


def meeting_nouns(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Putin's meeting with Erdogan in Sochi", "X joined Y during meetings with Z in
    Damascus" -> the people at the meeting are present where it was held."""
    for noun in sent:
        if noun.lower_ not in _MEETING_NOUNS or noun.pos_ != "NOUN":
            continue
        if any(c.lower_ in _PLANNED for c in noun.children):
            continue
        withs = list(_pobjs(noun, {"with"}))
        places = [
            a
            for h in [noun, *withs]
            for p in _pobjs(h, {"in", "at"})
            for a in _place_args(p, reader, _TARGET_PLACES)
        ]
        if not places:
            continue
        people = [a for c in noun.children if c.dep_ == "poss" for a in reader.actors(c)]
        people += [a for p in withs for a in reader.actors(p)]
        prep = noun.head
        if noun.dep_ == "pobj" and prep.lower_ in {"during", "at", "after"}:
            verb = prep.head
            if verb.pos_ != "VERB" or _realised(verb) == 0:
                continue
            people += [
                a
                for c in verb.children
                if c.dep_ in {"nsubj", "dobj"}
                for a in reader.actors(c)
                if a.span.label_ == "Person"
            ]
        elif noun.head.pos_ in {"VERB", "AUX"} and _realised(noun.head) == 0:
            continue
        for a in people:
            if a.span.label_ in _ACTORS - {"Country"} and not _pronoun(a):
                for pl in places:
                    if a.span.kb_id_ != pl.span.kb_id_:
                        yield Candidate(a, "presentIn", pl, "meeting")


PATTERNS = (visits, acts_from, meetings, meeting_nouns)
CONFIDENCE = {
    "visit": 0.8,
    "acts_from": 0.75,
    "meeting": 0.75,
}
