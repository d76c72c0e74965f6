"""Where actors are, told by the place or by what was done to them there: deaths ("X was
killed in Y", "hundreds of X fighters died in Y"), a clause on a place
("Y, where X is building a plant", "Y, where government troops are fighting rebels"),
people sent somewhere ("X dispatched his envoy Z to Y"), ground taken up ("X forces took
up positions in Y"), firsts ("X became the first leader to visit Y") and arrests
("X was arrested in Y", "police detained X at a house in Y", "X is held on Y") ->
``presentIn``."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import FIGHTER_NOUNS, FORCE_NOUNS, SENT_NOUNS
from .assertion import assertion_factor
from .places import _NOT_PRESENCE, _place_args
from .presence import _TARGET_PLACES, _group_of, _past_participle, _pronoun, _realised
from .sentence import (
    _DEPLOYABLE,
    _ORG_TYPES,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
    described,
    where_antecedent,
)

CONFIDENCE = {
    "killed_in": 0.75,
    "where_clause": 0.7,
    "sent_person": 0.8,
    "positions": 0.8,
    "arrest": 0.75,
}

_PLACES = frozenset({"Place", "Facility", "Country"})
#: who a clause on a place puts there: people and organisations; a state that acts in a
#: place is as often its policy as its presence ("Syria, where Iran wields influence")
_STAYERS = (_ORG_TYPES | {"Person"}) - {"Country"}

#: verbs whose subject need not be where the clause's place is: acts from afar, sayings,
#: backing, wishes and losses ("Y, where X backs the government", "where X wants a base")
_AWAY_VERBS = _NOT_PRESENCE | frozenset(
    "back support fund finance arm supply want seek hope fear plan expect lose invest "
    "own influence wield enjoy win face need urge demand call recognise recognize "
    "send deploy dispatch".split()
)
#: what "have" must own in the place for the owner to be there: "where X has its headquarters"
_HELD_THINGS = frozenset(
    "headquarters base bases camp camps office offices presence troops forces fighters "
    "soldiers garrison outpost outposts stronghold positions".split()
)


#: prepositions of nearness: "just outside Kyiv, where" is said of what lies outside
_NEAR = frozenset("outside near from off beyond around past".split())


def _where_places(verb: Token, reader: SentenceReader) -> list[Arg]:
    """The place a "where" clause hangs on: "Afungi, where ...", "the eastern city of
    Benghazi, where ...", "In the stronghold of Y, the city where ..." (the noun it
    describes)."""
    noun = where_antecedent(verb.head, reader)
    doc = noun.doc
    if noun.dep_ == "pobj" and noun.head.lower_ in _NEAR and doc[verb.left_edge.i - 1].text == ",":
        # "Hostomel airport, just outside Kyiv, where": the airport, also when the parse
        # hangs "outside" on the verb ("spread to A, just outside B, where")
        near, noun = noun.head, noun.head.head
        if noun.pos_ in {"VERB", "AUX"}:
            before = [
                p
                for c in noun.children
                if c.dep_ == "prep" and c.i < near.i
                for p in c.children
                if p.dep_ == "pobj"
            ]
            if not before:
                return []
            noun = before[-1]
    places = _place_args(noun, reader, _PLACES)
    if not places and noun.dep_ == "appos":
        places = _place_args(noun.head, reader, _PLACES)
    if not places:  # "the Afungi site where"
        places = [
            a
            for c in noun.children
            if c.dep_ == "compound"
            for a in _place_args(c, reader, _PLACES)
        ]
    return places


def where_clauses(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the Afungi site where TotalEnergies is building a plant", "north-west Cameroon,
    where government troops are fighting separatists", "Y, where he is being held" ->
    the clause's subject presentIn the place."""
    for verb in sent:
        if verb.dep_ != "relcl" or verb.pos_ not in {"VERB", "AUX"}:
            continue
        if not any(c.lower_ == "where" and c.dep_ == "advmod" for c in verb.children):
            continue
        lemma = verb.lemma_.lower()
        if lemma in _AWAY_VERBS:
            continue
        if lemma == "have" and not any(
            c.dep_ == "dobj" and c.lower_ in _HELD_THINGS for c in verb.children
        ):
            continue
        if lemma == "be" and any(c.dep_ in {"attr", "acomp"} for c in verb.children):
            continue  # "Y, where X is strongest"
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        places = _where_places(verb, reader)
        if not places:
            continue
        subjects = [
            a
            for c in verb.children
            if c.dep_ in {"nsubj", "nsubjpass"}
            for a in _group_of(c, reader)
            if a.span.label_ in _STAYERS
            and not _pronoun(a, "it")
            # "where Gaddafi forces have halted": his forces, not the man
            and (a.span.label_ != "Person" or reader.mention(c) is not None)
        ]
        for a in subjects:
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "where_clause", factor)


def who_person(verb: Token, reader: SentenceReader) -> list[Arg]:
    """The person "who" stands for when the parse hung the clause on a place after him: in
    "X, an MP for Sirnak province who has remained in Cizre" the clause is on "province"
    but "who" is X (the nearest person up the phrase)."""
    if verb.dep_ != "relcl" or not any(
        c.dep_ == "nsubj" and c.lower_ == "who" for c in verb.children
    ):
        return []
    node = verb.head
    for _ in range(5):
        for t in (node, node.head) if node.dep_ == "appos" else (node,):
            m = reader.mention(t)
            if m is not None and m.label_ == "Person":
                return [reader.arg(m)]
        if node.dep_ not in {"pobj", "prep", "appos", "compound"} or node.head == node:
            return []
        node = node.head
    return []


#: verbs that send a person somewhere: "dispatched his chief of staff X to Colombo"
_SENDING_VERBS = frozenset({"send", "dispatch"})


def _people(tok: Token, reader: SentenceReader) -> list[Arg]:
    """The people a noun phrase names, with its apposition ("his envoy, X")."""
    toks = [tok, *(c for c in tok.children if c.dep_ == "appos")]
    return [a for t in toks for a in reader.actors(t) if a.span.label_ == "Person"]


def sent_people(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Ban dispatched his chief of staff Vijay Nambiar to Colombo", "X was sent to Y"
    -> the person sent presentIn the place (troops sent are read in ``visits``)."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _SENDING_VERBS:
            continue
        factor = _realised(verb)
        if factor == 0:
            continue
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        deps = {"nsubjpass"} if passive else {"dobj"}
        people = [a for c in verb.children if c.dep_ in deps for a in _people(c, reader)]
        if not people or _pronoun(people[0]):
            continue
        places = [
            a
            for c in verb.children
            if c.dep_ in {"prep", "dative"} and c.lower_ == "to"
            for p in c.children
            if p.dep_ == "pobj"
            for a in _place_args(p, reader, _PLACES)
        ]
        for a in people:
            for pl in places:
                yield Candidate(a, "presentIn", pl, "sent_person", factor)


#: "took up positions in Y", "have taken positions in the towns of A and B"
_POSITION_WORDS = frozenset({"position", "positions", "up"})


def positions(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Russian forces had taken positions in the towns of Senaki and Zugdidi", "X
    fighters took up positions inside Y" -> the armed actor presentIn the place."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in {"take", "assume"}:
            continue
        objs = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in _POSITION_WORDS]
        if not objs:
            continue
        factor = _realised(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        if not agents:
            agents = [a for c in verb.children if c.dep_ == "nsubj" for a in _group_of(c, reader)]
        places = [
            a
            for h in [verb, *objs]
            for p in _pobjs(h, {"in", "inside", "at"})
            for a in _place_args(p, reader, _PLACES)
        ]
        for a in agents:
            if a.span.label_ in _DEPLOYABLE | {"Country"} and not _pronoun(a, "it"):
                for pl in places:
                    if a.span.kb_id_ != pl.span.kb_id_:
                        yield Candidate(a, "presentIn", pl, "positions", factor)


#: taking a person into custody: "X was arrested in Y", "police detained X at a house in Y",
#: "X, jailed in Israel", "X was recaptured in Lima"
_ARREST_VERBS = frozenset(
    "arrest detain apprehend abduct kidnap hold jail imprison capture recapture".split()
)


def arrests(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X was arrested in the Nigerian capital, Abuja", "Security forces detained X at a
    house in Culiacan", "X, who has been held on the island of Imrali" -> X (a person)
    presentIn the place."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in _ARREST_VERBS:
            continue
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if lemma == "hold" and not passive:
            continue  # "X held talks in Y", "held a rally": read as meetings
        if any(c.dep_ in {"oprd", "acomp", "xcomp", "attr"} for c in verb.children):
            continue  # "held responsible"
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "X, a militant jailed in Israel"
            people = [a for a in described(verb.head, reader) if a.span.label_ == "Person"]
        elif passive:
            people = [a for c in verb.children if c.dep_ == "nsubjpass" for a in _people(c, reader)]
            if verb.dep_ == "relcl" and not people:
                people = [a for a in reader.actors(verb.head) if a.span.label_ == "Person"]
        else:
            people = [a for c in verb.children if c.dep_ == "dobj" for a in _people(c, reader)]
        heads = [verb, *(p for p in _pobjs(verb, {"at", "in"}) if p.pos_ == "NOUN")]
        places = [
            a
            for h in heads
            for p in _pobjs(h, {"in", "at", "on", "inside"} if h is verb else {"in"})
            for a in _place_args(p, reader, _PLACES)
        ]
        for a in people:
            for pl in places:
                yield Candidate(a, "presentIn", pl, "arrest", factor)


#: "hundreds of X fighters", "dozens of soldiers": the people counted (``killed_in``)
_COUNTS = frozenset("hundreds dozens scores thousands tens".split())
#: "killed in Cizre and in the nearby town of Silopi": a second place preposition
_AT = frozenset({"in", "at"})


#: "killed in an attack in Syria": events whose place is where the victim was
_DEATH_EVENTS = frozenset(
    "attack attacks strike strikes airstrike airstrikes raid raids bombing blast explosion "
    "ambush shelling clash clashes fighting battle assault".split()
)


def _kin_of(noun: Token, reader: SentenceReader) -> bool:
    """A person named by whose relative or friend they are: "whose grandmother", "his son"
    (not "his fighters", "whose troops": the group's own men)."""
    return (
        noun.pos_ == "NOUN"
        and reader.mention(noun) is None
        and noun.lower_ not in FIGHTER_NOUNS | FORCE_NOUNS | SENT_NOUNS
        and any(c.dep_ == "poss" and c.tag_ in {"WP$", "PRP$"} for c in noun.children)
    )


def killed_in(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X was killed in Syria", "X, who was killed by a bomb in Damascus", "X was killed
    in an attack in Syria", "X died in Y" -> X presentIn Y (the victim was there)."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in {"kill", "die", "assassinate", "wound", "injure"}:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        if lemma == "die" or any(c.dep_ == "auxpass" for c in verb.children):
            # "hundreds of PKK fighters have been killed in Y": the people counted
            dep = "nsubj" if lemma == "die" else "nsubjpass"
            subs = [c for c in verb.children if c.dep_ == dep]
            subs = [p for c in subs for p in (_pobjs(c, {"of"}) if c.lower_ in _COUNTS else [c])]
            # "Mr Howard, whose grandmother died in Auschwitz": a relative, not the man
            subs = [c for c in subs if not _kin_of(c, reader)]
            victims = [a for c in subs for a in _group_of(c, reader)]
        elif _past_participle(verb):  # "a commander killed in Syria"
            victims = _group_of(verb.head, reader)
        else:
            continue
        # "three personnel were killed, including two US troops, ..."
        victims += [a for p in _pobjs(verb, {"including"}) for a in _group_of(p, reader)]
        victims = [a for a in victims if a.span.label_ in {"Person"} | _DEPLOYABLE]
        if not victims:
            continue
        verbs = [verb]
        if not any(True for _ in _pobjs(verb, {"in", "at", "inside"})):
            # "X were killed and 10 wounded in an attack on Y": the place is shared
            verbs += [
                c
                for c in verb.children
                if c.dep_ == "conj" and c.lemma_.lower() in {"kill", "wound", "injure"}
            ]
        heads = list(verbs)
        heads += [
            p
            for v in verbs
            for p in _pobjs(v, {"in", "by"})
            if p.lower_ in _DEATH_EVENTS or p.pos_ == "NOUN"
        ]
        places = [  # "killed in Cizre and in the nearby town of Silopi"
            a
            for h in verbs
            for p in h.children
            if p.dep_ == "prep" and p.lower_ in _AT
            for c in p.conjuncts
            for q in c.children
            if q.dep_ == "pobj"
            for a in _place_args(q, reader, _TARGET_PLACES)
        ]
        places += [
            a
            for h in heads
            # "killed in a rocket attack on Taji": the victims were at the target
            for p in _pobjs(
                h, {"in", "at", "inside"} | ({"on"} if h.lower_ in _DEATH_EVENTS else set())
            )
            for a in _place_args(p, reader, _TARGET_PLACES)
        ]
        for v in victims:
            for pl in places:
                yield Candidate(v, "presentIn", pl, "killed_in", factor)


PATTERNS = (where_clauses, sent_people, positions, arrests, killed_in)
