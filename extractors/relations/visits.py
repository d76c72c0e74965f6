"""Where actors go and act: visits and trips ("Blinken visited Kyiv", "X arrived in Y",
"a planned trip to Y"), meetings ("X met Y in Z", "talks in Z between X and Y", "a summit
in Z"), and acting from a place ("fired rockets from Y", "a speech from Y", "X spoke from
Y")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import FORCE_NOUNS
from .assertion import assertion_factor
from .places import _place_args
from .presence import _TARGET_PLACES, _from_places, _pronoun, _realised
from .sentence import (
    _ACTORS,
    _DEPLOYABLE,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
    where_antecedent,
)

#: "X visited Y", "X toured Y": the object is the place
VISIT_VERBS = frozenset("visit tour".split())


#: "X arrived in Y", "X landed at Y", "X travelled to Y": the preposition's object
ARRIVAL_VERBS: dict[str, frozenset[str]] = {
    "arrive": frozenset({"in", "at"}),
    "land": frozenset({"in", "at", "on"}),  # "landed on the Falkland Islands"
    "travel": frozenset({"to"}),
    "fly": frozenset({"to", "into"}),
    # "fled to neighbouring Togo", "escaped to Aden", "took refuge in Aden" (below)
    "flee": frozenset({"to", "into"}),
    "escape": frozenset({"to", "into"}),
    "retreat": frozenset({"to", "into"}),
    "relocate": frozenset({"to"}),
}
#: "took refuge in Y", "sought shelter in Y": a stay, not a verb of its own
_REFUGE_NOUNS = frozenset({"refuge", "shelter", "sanctuary", "asylum"})


#: who visits besides people: organisations, not states ("Americans who visit Cuba")
_VISITORS = _ACTORS - {"Country", "Person"}


_VISIT_NOUNS = frozenset({"visit", "trip"})
#: verbs whose subject makes the visit their object names: "made a trip to Y"
_MAKING_VERBS = frozenset({"make", "pay", "undertake", "conclude", "wrap"})


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
        refuge = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in _REFUGE_NOUNS]
        if lemma not in VISIT_VERBS and lemma not in ARRIVAL_VERBS and not invited and not refuge:
            continue
        factor = _realised(verb)
        first = _first_to(verb) if factor == 0 else None
        if first is not None:  # "became the first leader to visit Y": it happened
            factor = _realised(first)
        if factor == 0:
            continue
        if lemma in VISIT_VERBS:
            objs = [c for c in verb.children if c.dep_ == "dobj"]
        elif refuge:
            objs = [p for h in [verb, *refuge] for p in _pobjs(h, {"in", "at", "inside"})]
            if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
                objs.append(verb.head)  # "Aden, the city where Hadi had taken refuge"
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
            agents, passive = agents_of(first or verb, reader)
            if passive:
                continue
            agents += _coordinated_people(verb, agents, reader)
            agents += _delegation(verb, reader)
            if not agents:  # "troops from Botswana arrived in Pemba": the state's forces
                for a in [
                    a
                    for c in verb.children
                    if c.dep_ == "nsubj" and c.lower_ in DEPLOYED_NOUNS
                    for a in _force_owners(c, reader)
                ]:
                    for pl in places:
                        if a.span.kb_id_ != pl.span.kb_id_:
                            yield Candidate(a, "presentIn", pl, "visit", factor)
            # "X visited Cairo with Y": the companions went too
            agents += [
                a
                for p in _pobjs(verb, {"with"})
                for a in reader.actors(p)
                if a.span.label_ == "Person"
            ]
        troops = any(
            c.dep_ == "nsubj" and c.lower_ in DEPLOYED_NOUNS for c in verb.children
        )  # "troops from Botswana arrived in Pemba": the state's forces
        for a in agents:
            visitor = a.span.label_ in _VISITORS or (troops and a.span.label_ == "Country")
            if a.span.label_ == "Person" or (visitor and not _pronoun(a)):
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
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _MAKING_VERBS:
            visitors += agents_of(noun.head, reader)[0]  # "X made a discreet trip to Y"
        places = [a for p in _pobjs(noun, {"to"}) for a in _place_args(p, reader, _TARGET_PLACES)]
        for a in visitors:  # "his visit": a possessive pronoun is too often someone else
            if a.span.label_ in _VISITORS | {"Person"} and not _pronoun(a):
                for pl in places:
                    yield Candidate(a, "presentIn", pl, "visit")


#: "the first leader to visit Y", "the most senior official to travel to Y"
_FIRSTS = frozenset("first last only latest second third".split())


def _first_to(verb: Token) -> Token | None:
    """The verb whose subject "the first X to visit Y" is said of ("X became the most
    senior politician to visit Y": became), or None."""
    noun = verb.head
    if verb.dep_ != "relcl" or not any(c.lower_ == "to" for c in verb.children):
        return None
    if noun.dep_ != "attr" or noun.head.lemma_ not in {"be", "become"}:
        return None
    mods = [c for c in noun.children if c.dep_ == "amod"]
    if any(c.lower_ in _FIRSTS or c.tag_ == "JJS" for c in mods) or any(
        a.lower_ == "most" for c in mods for a in c.children
    ):
        return noun.head
    return None


#: groups of envoys whose leader and senders go with them
_PARTY_NOUNS = frozenset("delegation delegations team mission".split())


def _delegation(verb: Token, reader: SentenceReader) -> list[Arg]:
    """ "A delegation of ministers from Igad, led by Ethiopia's Tedros Adhanom, visited
    Juba": the person who led it and the body that sent it went too."""
    out: list[Arg] = []
    for noun in (c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in _PARTY_NOUNS):
        for t in noun.subtree:
            if t.lower_ == "led" and t.dep_ == "acl":
                out += [
                    a
                    for p in _pobjs(t, {"by"})
                    for a in reader.actors(p)
                    if a.span.label_ == "Person"
                ]
            elif t.dep_ == "prep" and t.lower_ == "from" and t.head.i >= noun.i:
                out += [
                    a
                    for p in _pobjs(t.head, {"from"})
                    for a in reader.actors(p)
                    if a.span.label_ in _VISITORS
                ]
    return out


def _coordinated_people(verb: Token, agents: list[Arg], reader: SentenceReader) -> list[Arg]:
    """ "A and his counterpart B, who flew to Y": a relative clause after a coordination of
    people is said of them all (the parse hangs it on the last)."""
    if verb.dep_ != "relcl" or verb.tag_ == "VBZ" or not agents:
        return []
    if not all(a.span.label_ == "Person" for a in agents):
        return []
    noun = verb.head
    if noun.dep_ != "conj" or reader.mention(noun) is None:
        return []
    have = {a.span.kb_id_ for a in agents}
    return [
        a
        for a in reader.actors(noun.head)
        if a.span.label_ == "Person" and a.span.kb_id_ not in have
    ]


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
        if verb.pos_ != "VERB" or (
            lemma not in {"meet", "gather", "inspect", "receive", "host"} and not talks
        ):
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
            if lemma in {"meet", "receive", "host"}:  # "X received Y in Bamako"
                people += [a for c in verb.children if c.dep_ == "dobj" for a in reader.actors(c)]
            if lemma in {"receive", "host"}:
                people = [a for a in people if a.span.label_ == "Person"]
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


#: "sent troops to Y", "X troops were deployed in Y", "X has 2,000 soldiers in Y"
DEPLOY_VERBS = frozenset(
    "send dispatch deploy redeploy station post rush airlift order move transfer reposition "
    "stage".split()
)
#: "X has/keeps 2,000 soldiers in Y": the subject's own people are there
_KEEP_VERBS = frozenset("have keep maintain".split())
#: people and means that a deployment puts somewhere
DEPLOYED_NOUNS = FORCE_NOUNS | frozenset(
    "troop peacekeepers peacekeeper police policemen officers gendarmes paratroopers "
    "commandos mercenaries fighters reinforcements battalion battalions brigade brigades "
    "warships ships monitors observers".split()
)
#: "thousands of X soldiers", "a contingent of Kenyan police": the people counted
_COUNT_NOUNS = frozenset(
    "thousands hundreds dozens scores contingent battalion detachment unit number".split()
)
#: who sends or keeps forces: armed actors, states and bodies such as the UN or NATO
_SENDERS = _DEPLOYABLE | {"Country", "InternationalOrganization"}
#: a purpose clause whose "in Y" is where the forces went: "sent troops to fight X in Y"
_PURPOSE_VERBS = frozenset(
    "fight battle combat help protect secure guard defend counter tackle quell crush "
    "support assist restore patrol hunt police stabilise stabilize".split()
)
#: what makes a deployment noun unasserted: "approved the deployment", "plans for it"
_UNDONE_DEPLOYMENT = frozenset(
    "approve authorize authorise delay postpone block oppose reject discuss debate "
    "consider propose request seek plan suspend announce vote demand call urge".split()
)
_INTO = frozenset({"to", "in", "into", "inside", "across", "at"})


def _counted(noun: Token) -> Token:
    """ "thousands of Nigerian soldiers" -> "soldiers"."""
    if noun.lower_ in _COUNT_NOUNS:
        return next(iter(_pobjs(noun, {"of"})), noun)
    return noun


def _force_owners(noun: Token, reader: SentenceReader) -> list[Arg]:
    """Who the forces a noun names belong to: "Kenyan police", "NATO peacekeepers", "the
    82nd Airborne Division" (a named force is its own owner)."""
    named = [a for a in reader.actors(noun) if a.span.label_ in _SENDERS]
    if named or noun.lower_ not in DEPLOYED_NOUNS:
        return named
    return [
        reader.arg(m)
        for c in noun.children
        if c.dep_ in {"poss", "compound", "nmod", "amod"}
        for m in [reader.named_or_demonym(c)]
        if m is not None and m.label_ in _SENDERS
    ] + [  # "troops from Botswana", "soldiers from South Africa and Malawi"
        a for p in _pobjs(noun, {"from"}) for a in reader.actors(p) if a.span.label_ in _SENDERS
    ]


def _purpose_places(verb: Token, reader: SentenceReader) -> list[Arg]:
    """ "(sent troops) to fight Boko Haram in Nigeria", "to help secure Y"."""
    out: list[Arg] = []
    for c in verb.children:
        if c.dep_ not in {"advcl", "xcomp", "acl"} or not any(a.lower_ == "to" for a in c.children):
            continue
        for v in [c, *(x for x in c.children if x.dep_ == "xcomp")]:
            if v.lemma_.lower() not in _PURPOSE_VERBS:
                continue
            heads = [v, *(o for o in v.children if o.dep_ == "dobj")]
            out += [
                a
                for h in heads
                for p in _pobjs(h, {"in", "inside", "across"})
                for a in _place_args(p, reader, _TARGET_PLACES)
            ]
    return out


def _deployed(verb: Token, reader: SentenceReader) -> tuple[list[Arg], list[Token]]:
    """Who a deployment verb puts somewhere, and the force nouns it moves."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "Kenyan police deployed to Haiti"
        forces = [verb.head]
    else:
        forces = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    forces = [_counted(f) for f in forces]
    forces = [f for f in forces if f.lower_ in DEPLOYED_NOUNS or f.lemma_ in DEPLOYED_NOUNS]
    forces = [f for f in forces if not any(c.lower_ in {"no", "any"} for c in f.children)]
    if not forces:
        return [], []
    who = [a for f in forces for a in _force_owners(f, reader)]
    active = verb.dep_ != "acl" and not any(c.dep_ == "auxpass" for c in verb.children)
    if not who and active:
        # "Kenya sent police", "Turkey has soldiers", "the US, which has 1,100 troops in Y"
        agents, _ = agents_of(verb, reader)
        who = [a for a in agents if a.span.label_ in _SENDERS and not _pronoun(a)]
    return who, forces


#: participles that say where kept men are: "stationed in", "based in", "deployed in"
_POSTED = frozenset("station base deploy post garrison position".split())


def deployments(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Kenya sent police to Haiti", "X troops were deployed to Y", "X has 2,000 soldiers
    in Y" (or "stationed in Y"), "X relied on Rwandan troops to fight rebels in Y", "X's
    deployment of troops to Y" -> X presentIn Y."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        relied = lemma in {"rely", "depend"}
        if verb.pos_ != "VERB" or (lemma not in DEPLOY_VERBS | _KEEP_VERBS and not relied):
            continue
        factor = _realised(verb)
        if verb.dep_ in {"csubj", "csubjpass"}:  # "keeping troops in Y could cost ..."
            factor = min(factor, _realised(verb.head))
        if factor == 0:
            continue
        if relied:  # "relied on Rwandan troops to fight the insurgents in Y"
            forces = list(_pobjs(verb, {"on", "upon"}))
            who = [a for f in forces for a in reader.actors(f) if a.span.label_ in _DEPLOYABLE]
        else:
            who, forces = _deployed(verb, reader)
        if not who:
            continue
        places = _purpose_places(verb, reader)
        if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
            places += _place_args(where_antecedent(verb.head, reader), reader, _TARGET_PLACES)
        if not relied:
            preps = {"in", "inside"} if lemma in _KEEP_VERBS else _INTO
            counts = [  # "has a number of forces in Y": the place hangs on the count
                f.head.head
                for f in forces
                if f.dep_ == "pobj" and f.head.head.lower_ in _COUNT_NOUNS
            ]
            # "has 17,000 troops stationed in Y": the place hangs on the participle
            posted = [
                c for f in forces for c in f.children if c.dep_ == "acl" and c.lemma_ in _POSTED
            ]
            places += [
                a
                for h in [verb, *forces, *counts, *posted]
                for c in h.children
                if c.dep_ in {"prep", "dative"} and c.lower_ in preps  # "sent X to Y": dative
                for p in c.children
                if p.dep_ == "pobj"
                for a in _place_args(p, reader, _TARGET_PLACES)
            ]
        for a in who:
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "deployment", factor)
    yield from _deployment_nouns(sent, reader)


def _deployment_nouns(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Nigeria's deployment of troops to Borno", "the deployment of Kenyan police in Y"."""
    for noun in sent:
        occupation = noun.lower_ == "occupation"  # "Israel's occupation of southern Lebanon"
        if noun.lower_ not in {"deployment", "deployments"} and not occupation:
            continue
        if noun.pos_ != "NOUN":
            continue
        if any(c.lower_ in _PLANNED for c in noun.children):
            continue
        gov = noun.head.head if noun.dep_ == "pobj" else noun.head
        if noun.dep_ == "pobj" and noun.head.lower_ not in {"since", "after", "during"}:
            continue  # "a vote on the deployment", "plans for the deployment"
        if gov.pos_ in {"VERB", "AUX"} and (
            (gov.lemma_.lower() in _UNDONE_DEPLOYMENT and not occupation) or _realised(gov) == 0
        ):
            continue
        forces = [] if occupation else [_counted(p) for p in _pobjs(noun, {"of"})]
        who = [a for c in noun.children if c.dep_ == "poss" for a in reader.actors(c)]
        who += [a for f in forces for a in _force_owners(f, reader)]
        places = [
            a
            for h in [noun, *forces]
            for p in _pobjs(h, {"of"} if occupation else _INTO)
            for a in _place_args(p, reader, _TARGET_PLACES)
        ]
        if occupation:  # "the Israeli occupation of Y"
            who += [
                reader.arg(m)
                for c in noun.children
                if c.dep_ == "amod"
                for m in [reader.demonyms.get(c.i)]
                if m is not None
            ]
        for a in who:
            if a.span.label_ in _SENDERS and not _pronoun(a):
                for pl in places:
                    if a.span.kb_id_ != pl.span.kb_id_:
                        yield Candidate(a, "presentIn", pl, "deployment")


PATTERNS = (visits, deployments, acts_from, meetings, meeting_nouns)
CONFIDENCE = {
    "deployment": 0.8,
    "visit": 0.8,
    "acts_from": 0.75,
    "meeting": 0.75,
}
