"""Where an actor is, said plainly: "X was in Ankara", "troops remained in positions
inside Lebanon", "X operates the Hmeimim air base", "X told reporters in Tripoli"
(``presentIn``)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..records import ExtractedFact
from .assertion import assertion_factor
from .places import _place_args
from .sentence import (
    _ACTORS,
    _ORG_TYPES,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
)
from .sentence import (
    _SITE_NOUNS as _SITES,
)
from .stays import who_person

CONFIDENCE = {
    "being_in": 0.75,
    "operates_site": 0.8,
    "spoke_in": 0.7,
    "envoys_in": 0.75,
    "bases_in": 0.75,
}

_PLACES = frozenset({"Place", "Country", "Facility"})
#: verbs of being or staying somewhere
_BEING_VERBS = frozenset({"be", "remain", "stay"})
#: nouns between a staying verb and its place: "remained in positions inside Lebanon"
_POSITION_NOUNS = frozenset("positions position bases base posts post areas area".split())
#: verbs of running a site: "Russia operates the Hmeimim air base"
_OPERATING_VERBS = frozenset({"operate", "run", "maintain", "man"})
_SITE_NOUNS = frozenset("base bases airbase facility facilities port outpost outposts".split())


def _places_in(verb: Token, reader: SentenceReader) -> list[Arg]:
    out: list[Arg] = []
    for p in _pobjs(verb, {"in", "inside"}):
        found = _place_args(p, reader, _PLACES)
        if not found and p.lower_ in _POSITION_NOUNS:  # "in positions inside Lebanon"
            found = [
                a for q in _pobjs(p, {"in", "inside"}) for a in _place_args(q, reader, _PLACES)
            ]
        out += found
    return out


#: verbs of staying put somewhere: "has lived in Stockholm", "dug in around Kinshasa",
#: "holed up in", "camped on the outskirts of Y", "were trapped in West Beirut"
_STAYING_VERBS = frozenset("live reside hide shelter camp dig hole trap strand station".split())
_STAYING_PREPS = frozenset({"in", "inside", "around", "at", "on"})
_STAYING_OR_BEING = _BEING_VERBS | _STAYING_VERBS


def being_in(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Sarraj was in Ankara", "Israeli troops remained in positions inside Lebanon",
    "Hasan di Tiro, who has lived in Stockholm", "soldiers dug in around Kinshasa"."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if lemma not in _STAYING_OR_BEING or verb.dep_ in {"aux", "auxpass"}:
            continue
        if any(c.dep_ in {"attr", "acomp", "xcomp", "ccomp"} for c in verb.children):
            continue  # "X is the leader in Y", "X was active in Y": not where X is
        if lemma in _STAYING_VERBS:
            heads = [verb, *(c for c in verb.children if c.dep_ == "prt")]  # "dug in around"
            places = [
                a
                for h in heads
                for p in _pobjs(h, _STAYING_PREPS)
                # "holed up in a villa in Gisenyi": the place the building is in
                for q in ([p] if reader.mention(p) or p.pos_ != "NOUN" else [p, *_pobjs(p, {"in"})])
                for a in _place_args(q, reader, _PLACES)
            ]
        else:
            places = _places_in(verb, reader)
        if not places:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        subjects = [
            a
            for c in verb.children
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and lemma in _STAYING_VERBS)
            for a in reader.actors(c)
            if a.span.label_ in _ACTORS and a.span.label_ != "Country"
        ] or who_person(verb, reader)  # "an MP for Sirnak province who has remained in Y"
        for a in subjects:
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "being_in", factor)


def _keepers(verb: Token, reader: SentenceReader) -> tuple[float, list[Arg]]:
    """The assertion factor of a verb of keeping a site and the bodies that keep it (no
    people, nobody of a passive)."""
    factor = assertion_factor(verb)
    if factor == 0:
        return 0.0, []
    agents, passive = agents_of(verb, reader)
    if passive:
        return factor, []
    return factor, [a for a in agents if a.span.label_ in _ACTORS and a.span.label_ != "Person"]


def operates_site(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Moscow operates the Hmeimim air base (in Latakia)" -> presentIn the base."""
    for verb in sent:
        if verb.lemma_.lower() not in _OPERATING_VERBS or verb.pos_ != "VERB":
            continue
        sites: list[Arg] = []
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for o in (obj, *obj.conjuncts):
                m = reader.mention(o)
                if m is not None and m.label_ == "Facility":
                    sites.append(reader.arg(m))
                elif o.lower_ in _SITE_NOUNS:  # "a naval facility in the port of Tartus"
                    sites += [
                        a for p in _pobjs(o, {"in", "at"}) for a in _place_args(p, reader, _PLACES)
                    ]
        if not sites:
            continue
        factor, agents = _keepers(verb, reader)
        for a in agents:
            for s in sites:
                yield Candidate(a, "presentIn", s, "operates_site", factor)


#: what an actor keeps where it is: "X has bases in Y", "fighting from bases in Y"
_BASE_NOUNS = frozenset(
    "base bases camp camps headquarters hideout hideouts stronghold strongholds "
    "sanctuary sanctuaries presence garrison garrisons".split()
)
_KEEPING_VERBS = frozenset({"have", "maintain", "keep", "establish", "set", "build"})


def bases_in(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the Interahamwe have bases in eastern Congo", "France, which has a military presence
    in Senegal", "the Contras have been fighting from bases in Honduras" -> presentIn."""
    for noun in sent:
        if noun.lower_ not in _BASE_NOUNS or noun.pos_ != "NOUN":
            continue
        verb = noun.head
        if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            continue  # "X has no bases in Y"
        if noun.dep_ == "pobj" and verb.lower_ == "from":  # "fighting from bases in Y"
            verb = verb.head
        elif (
            noun.dep_ != "dobj"
            or verb.lemma_.lower() not in _KEEPING_VERBS
            or noun.lower_ in _SITES  # "KH has bases in Syria": places.locatives
        ):
            continue
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        places = [
            a for p in _pobjs(noun, {"in", "inside"}) for a in _place_args(p, reader, _PLACES)
        ]
        if not places:
            continue
        factor, agents = _keepers(verb, reader)
        for a in agents:
            for pl in places:
                if pl.span.kb_id_ != a.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "bases_in", factor)


#: verbs of saying whose "in Y" says where the speaker was
_SAYING_VERBS = frozenset("say tell speak talk announce declare add".split())
#: whom or where one says it: "told reporters in Y", "told a news conference in Y"
_AUDIENCE_NOUNS = frozenset(
    "reporters journalists correspondents conference briefing rally crowd crowds gathering "
    "supporters audience ceremony parliament lawmakers".split()
)


def spoke_in(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X said in Benghazi", "he told reporters in Tripoli", "speaking at a news conference
    in Y" -> the person who spoke was in the place (people only: "Iran said in Geneva" is
    its delegation, and the place of a state's statement is seldom news)."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _SAYING_VERBS:
            continue
        heads = [verb]
        for c in verb.children:
            if c.dep_ in {"dobj", "dative"} and c.lower_ in _AUDIENCE_NOUNS:
                heads.append(c)  # "told reporters in Tripoli"
            elif c.dep_ == "prep" and c.lower_ in {"to", "at"}:
                heads += [p for p in _pobjs(verb, {c.lower_}) if p.lower_ in _AUDIENCE_NOUNS]
        places = [
            a
            for h in heads
            for p in _pobjs(h, {"in"} if h is not verb else {"in", "from"})
            for q in _named_place(p, reader)
            for a in _place_args(q, reader, _PLACES - {"Country"})
            # not a country: "told reporters in Ankara" names the city, where a capital
            # read as its state would say less, and "In the UK, X said" sets the scene
        ]
        if not places:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        said = verb
        if verb.tag_ == "VBG" and verb.dep_ == "advcl":  # "Speaking in Y, X said ..."
            said = verb.head
        speakers = [
            a
            for c in said.children
            if c.dep_ == "nsubj"
            for a in reader.actors(c)
            if a.span.label_ == "Person"
        ]
        for a in speakers:
            for pl in places:
                yield Candidate(a, "presentIn", pl, "spoke_in", factor)


#: people who stand for an organisation where they are: "ECOWAS leaders meeting in Abuja"
_DELEGATE_NOUNS = frozenset(
    "leaders ministers officials delegates delegation delegations envoys representatives "
    "negotiators diplomats commanders".split()
)
#: verbs of gathering: "EU foreign ministers, meeting in Brussels"
_GATHERING_VERBS = frozenset("meet gather convene assemble hold".split())


def envoys_in(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "ECOWAS leaders meeting in Abuja", "European Union foreign ministers, meeting in
    Brussels", "PUK leaders in Sulaimaniyah" -> the organisation presentIn the place."""
    for noun in sent:
        if noun.lower_ not in _DELEGATE_NOUNS or noun.pos_ != "NOUN":
            continue
        owners = [
            a
            for c in noun.children
            if c.dep_ in {"compound", "poss", "nmod"} and c.i < noun.i
            for m in [reader.mention(c)]
            if m is not None and m.label_ in _ORG_TYPES - {"MilitaryForce"} and c.pos_ != "PRON"
            for a in [reader.arg(m)]
        ]
        if not owners:
            continue
        heads = [noun]
        heads += [
            c
            for c in noun.children
            if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in _GATHERING_VERBS
        ]
        if noun.dep_ in {"nsubj"} and noun.head.lemma_.lower() in _GATHERING_VERBS:
            heads.append(noun.head)  # "NATO leaders met in Bucharest"
        places = [
            a
            for h in heads
            for p in _pobjs(h, {"in", "at"})
            for a in _place_args(p, reader, _PLACES)
        ]
        factor = assertion_factor(heads[-1]) if len(heads) > 1 else 1.0
        for o in owners if factor else []:
            for pl in places:
                if o.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(o, "presentIn", pl, "envoys_in", factor)


PATTERNS = (being_in, operates_site, spoke_in, envoys_in, bases_in)


#: nouns a place is named beside: "in the capital, Kinshasa", "in the Delmas district"
_NAMING_NOUNS = frozenset("capital city town district neighbourhood neighborhood".split())


def _named_place(p: Token, reader: SentenceReader) -> list[Token]:
    """The token naming a place after "said in": the name itself, or a noun naming it
    ("the capital, Kinshasa", "the Delmas district"); not "in an interview covering
    issues such as Y"."""
    if p.head.lower_ == "from" and any(
        c.lower_ == "to" for c in (*p.children, *p.head.head.children)
    ):
        return []  # "from the Baltic to the Adriatic": a span, not where one spoke
    if reader.mention(p) is not None:
        return [p]
    if p.lower_ not in _NAMING_NOUNS:
        return []
    return [c for c in p.children if c.dep_ in {"appos", "compound"} and reader.mention(c)]


#: what ties a person to a state: its head, its officials, its officers
_STATE_TIES = frozenset({"leaderOf", "affiliatedWith", "memberOf"})


def home_speeches(
    facts: dict[tuple[str, str, str, int], ExtractedFact], reader: SentenceReader
) -> set[tuple[str, str, str, int]]:
    """The ``spoke_in`` facts of a state's own people in its capital ("In Washington, the
    State Department spokesman said"): where an official speaks at home is the dateline of
    a statement, not news of where they are."""
    gaz, entities = reader.gazetteer, reader.doc._.actor_entities
    if gaz is None or entities is None:
        return set()
    ties: dict[str, set[str]] = {}
    for f in facts.values():
        if f.relation in _STATE_TIES:
            ties.setdefault(f.subject, set()).add(f.object)
    out = set()
    for k, f in facts.items():
        place = entities.get(f.object)
        if f.extractor != "spoke_in" or place is None or f.subject not in ties:
            continue
        if gaz.seats_of(place.label) & ties[f.subject]:
            out.add(k)
    return out
