"""Help in a fight and reliance: "Turkish drones helped Nigeria defeat Boko Haram" (Nigeria
``backedBy`` Turkey, Nigeria ``fightsAgainst`` Boko Haram), "the army relied on the United
States to fight X", "Hezbollah depends on Iran for money and weapons"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .assertion import assertion_factor
from .sentence import (
    _ACTORS,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
)
from .verbs import (
    _AID_NOUNS,
    _HELP_VERBS,
)

#: what one is helped to do in a war: "helped Y defeat Z", "helped Y drive Z out"
_REPEL_VERBS = frozenset(
    "fight defeat repel repulse battle combat counter rout crush beat push drive force "
    "oust expel retake recapture capture seize liberate".split()
)


#: verbs whose fight needs a particle or a "from": "drive Z out", "push Z back from W"
_MOVE_VERBS = frozenset("push drive force beat".split())


#: verbs that also end contests of votes or goals: only armed sides count
_CONTEST_VERBS = frozenset("defeat beat crush rout".split())


#: the sides of an armed fight
_FIGHTERS = frozenset({"Country", "ArmedGroup", "MilitaryForce", "Coalition"})


def _helpers(noun: Token, reader: SentenceReader) -> list[Arg]:
    """Who lends what a subject names: "Hezbollah", "Russian air power" (Russia), "Turkish
    drones" (Turkey: a weapon made or sold by X is X's help, not X's forces)."""
    whose = any(c.tag_ == "WP$" for c in noun.children)
    named = reader.mention(noun)  # "whose NPFL helped": the group; "whose Bayraktar drones"
    if whose and _aid_noun(noun) and (named is None or named.label_ not in _ACTORS):
        clause = noun.head  # "Turkey, whose drones helped Baku win the war"
        if clause.dep_ == "relcl":
            return [a for a in reader.actors(clause.head) if a.span.label_ in _ACTORS]
    if _aid_noun(noun):
        mods = [c for c in noun.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]
        mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ == "amod"]
        owners = [
            reader.arg(m)
            for c in mods
            for m in [reader.demonyms.get(c.i) or reader.mention(c)]
            if m is not None and m.label_ in _ACTORS and m.root != noun
        ]
        if owners:
            return owners
    return reader.actors(noun)


def _aid_noun(noun: Token) -> bool:
    return noun.lower_ in _AID_NOUNS or noun.lemma_.lower() in _AID_NOUNS


#: "helped Y win the war", "helped Y launch its insurgency": the war itself is the object
_WAR_NOUNS = frozenset("war wars insurgency rebellion uprising offensive campaign".split())


def _fight_done(verb: Token) -> bool:
    """ "defeat Z", "drive Z out", "push Z back from W", "win the war", "launch its
    insurgency"; not "push for talks", "win the election"."""
    lemma = verb.lemma_.lower()
    if lemma in {"win", "launch", "wage"}:
        return any(c.dep_ == "dobj" and c.lower_ in _WAR_NOUNS for c in verb.children)
    if lemma not in _MOVE_VERBS:
        return lemma in _REPEL_VERBS
    return any(
        c.lower_ in {"out", "back", "away"} and c.dep_ in {"prt", "advmod", "prep"}
        for c in verb.children
    ) or any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children)


#: what a purpose of help hangs on: "sent troops to help Y fight Z"
_SENDING_VERBS = frozenset("send deploy dispatch fly rush intervene".split())


def _sent_to_help(verb: Token) -> bool:
    return (
        verb.dep_ in {"advcl", "xcomp"}
        and verb.head.lemma_.lower() in _SENDING_VERBS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def helped_fights(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Turkish drones helped Azerbaijan defeat Armenian forces", "Chadian troops helped
    Nigeria fight Boko Haram", "X helped Y to drive Z out of W" -> Y backedBy X and
    Y fightsAgainst Z."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _HELP_VERBS:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        helpers = [a for c in verb.children if c.dep_ == "nsubj" for a in _helpers(c, reader)]
        if not helpers and _sent_to_help(verb):  # "Kigali sent troops to help Maputo fight Z"
            senders, passive = agents_of(verb.head, reader)
            helpers = [] if passive else senders
        for comp in verb.children:
            if comp.dep_ not in {"xcomp", "ccomp"} or comp.pos_ != "VERB":
                continue
            if not _fight_done(comp) or assertion_factor(comp) == 0:
                continue
            if comp.dep_ == "xcomp":
                helped = [a for c in verb.children if c.dep_ == "dobj" for a in reader.actors(c)]
            else:
                helped = [a for c in comp.children if c.dep_ == "nsubj" for a in reader.actors(c)]
            enemies = [
                a
                for c in comp.children
                if c.dep_ == "dobj"
                for a in reader.actors(c)
                if a.span.label_ in _FIGHTERS
            ]
            contest = comp.lemma_.lower() in _CONTEST_VERBS
            lent = any(c.dep_ == "nsubj" and _aid_noun(c) for c in verb.children)
            for h in helped:
                if h.span.label_ not in _FIGHTERS | {"GovernmentBody"}:
                    continue
                sides = [e for e in enemies if e.span.kb_id_ != h.span.kb_id_]
                armed = any(x.span.label_ in {"ArmedGroup", "MilitaryForce"} for x in [h, *sides])
                if contest and not armed and not lent:
                    continue  # "helped England beat France": a match, not a war
                for x in helpers:
                    if x.span.kb_id_ != h.span.kb_id_:
                        yield Candidate(h, "backedBy", x, "helped_fight", factor)
                for e in sides:
                    yield Candidate(h, "fightsAgainst", e, "helped_fight", factor)


#: verbs of relying on someone: "relied on X to fight Z", "depends on X for weapons"
#: (the adjectives "reliant on", "dependent on" are read in ``alignment``)
_RELY_VERBS = frozenset("rely depend lean count".split())


#: what one relies on an ally for: "depends on X for weapons"
_SUPPORT_NOUNS = frozenset(
    "weapons arms support funding money protection training supplies ammunition aid "
    "backing cash financing funds equipment troops fighters help assistance "
    "security intelligence logistics".split()
)


def relied_on(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Y relied on X to fight Z", "Y depends on X for money and weapons" -> Y backedBy X
    (GUIDELINES: "reliant on X for"); not "Y depends on X" alone."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _RELY_VERBS:
            continue
        patrons = [a for p in _pobjs(verb, {"on", "upon"}) for a in reader.actors(p)]
        if not patrons:
            continue
        purpose = any(
            p.lower_ in _SUPPORT_NOUNS or p.lemma_.lower() in _SUPPORT_NOUNS
            for p in _pobjs(verb, {"for"})
        ) or any(
            c.dep_ in {"xcomp", "advcl"}
            and c.pos_ == "VERB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in verb.children
        )
        factor = assertion_factor(verb)
        if not purpose or factor == 0:
            continue
        clients, passive = agents_of(verb, reader)
        for c in [] if passive else clients:
            for p in patrons:
                if c.span.kb_id_ != p.span.kb_id_:
                    yield Candidate(c, "backedBy", p, "relied_on", factor)


#: verbs of handing over: "X supplied weapons to Y", "X provided Y with drones"
_GIVING_VERBS = frozenset(
    "supply send ship deliver provide give rush transfer sell smuggle airlift funnel "
    "channel furnish".split()
)
#: what a patron hands over in a war: arms, money, fighters' gear
_MATERIEL = frozenset(
    "weapons weapon arms munitions ammunition missiles missile drones drone rockets "
    "artillery equipment hardware money cash funds funding financing tanks jets aircraft "
    "helicopters explosives rifles guns launchers materiel".split()
)
#: who gives or gets arms in a conflict
_ARMED_SIDES = frozenset(
    {"Country", "ArmedGroup", "MilitaryForce", "GovernmentBody", "Coalition", "PoliticalGroup"}
)


#: help that backs a side when it is military or economic: "provided $3 billion in
#: military aid to X" (not "sent humanitarian aid to Y")
_AID = frozenset("aid assistance support loans grants".split())
_AID_KINDS = frozenset("military economic financial security defence defense lethal".split())
_CURRENCY = frozenset({"$", "£", "€"})


def _backing_aid(tok: Token) -> bool:
    kinds = {a.lower_ for c in tok.children if c.dep_ == "amod" for a in [c, *c.conjuncts]}
    return tok.lower_ in _AID and bool(kinds & _AID_KINDS)


def _materiel(tok: Token) -> bool:
    if tok.lower_ in _MATERIEL or tok.lemma_.lower() in _MATERIEL or _backing_aid(tok):
        return True
    # "more than $3 billion in economic and military aid": a sum given as aid
    money = tok.lower_ in {"billion", "million"} or tok.text in _CURRENCY
    money = money or any(c.text in _CURRENCY for c in tok.children)
    return money and any(
        _backing_aid(p) for pr in tok.children if pr.lower_ == "in" for p in pr.children
    )


def supplies(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Iran has supplied weapons to the Houthis", "the U.S. rushed munitions to the IDF",
    "Turkey provided the government with drones" -> the recipient backedBy the giver."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _GIVING_VERBS:
            continue
        objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        goods = [o for o in objs for g in [o, *o.conjuncts] if _materiel(g)]
        withs = [p for p in _pobjs(verb, {"with"}) if _materiel(p)]
        if goods:  # "supplied weapons to Y"
            recipients = [
                a for h in [verb, *goods] for p in _pobjs(h, {"to"}) for a in reader.actors(p)
            ]
            recipients += [  # "gave the rebels weapons"
                a for c in verb.children if c.dep_ == "dative" for a in reader.actors(c)
            ]
            recipients += [  # "provided $3 billion in aid to X" (the parse's dative "to")
                a
                for c in verb.children
                if c.dep_ == "dative" and c.lower_ == "to"
                for p in c.children
                if p.dep_ == "pobj"
                for a in reader.actors(p)
            ]
        elif withs:  # "provided Y with drones"
            recipients = [a for o in objs if o.dep_ == "dobj" for a in reader.actors(o)]
        else:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        givers, passive = agents_of(verb, reader)
        if passive and not any(c.dep_ == "agent" for c in verb.children):
            continue  # "weapons were supplied to Y": by whom is not said
        for g in givers:
            for r in recipients:
                if (
                    g.span.label_ in _ARMED_SIDES
                    and r.span.label_ in _ARMED_SIDES
                    and g.span.kb_id_ != r.span.kb_id_
                ):
                    yield Candidate(r, "backedBy", g, "supplied", factor)


CONFIDENCE = {"helped_fight": 0.8, "relied_on": 0.8, "supplied": 0.8}

PATTERNS = (helped_fights, relied_on, supplies)
