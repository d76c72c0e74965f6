"""Who holds or is present where: capturing and holding ground ("X seized Y", "X-held
Y", "Y, under the control of X", "X retained control of Y"), strongholds ("Y, a
stronghold of X"), presence nouns ("X fighters in Y", "X's presence in Y"), movements
and withdrawals ("X sent troops into Y", "X massed forces on the border", "X withdrew
from Y") and campaigns fought there ("the battle against X in Y"). Deaths in a place
("X was killed in Y") are read in ``stays``."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import (
    FORCE_NOUNS,
    SENT_NOUNS,
)
from .agents import speaker_pronoun
from .assertion import assertion_factor
from .holdings import _SHARE_WORDS, _examples
from .places import (
    PLACE_NOUNS,
    TERRITORY_NOUNS,
    _as_place,
    _place_args,
)
from .sentence import (
    _DEPLOYABLE,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
    where_antecedent,
)

#: armed actors and states: who captures, holds and controls ground
_HOLDERS = _DEPLOYABLE | {"Country"}


_TARGET_PLACES = frozenset({"Place", "Facility", "Country"})


#: "X captured Y": the verb, or verb + particle, whose object is a place taken
CAPTURE_VERBS = frozenset("capture seize overrun recapture retake liberate annex invade".split())


#: "took control of Y", "seized control of Y"
_CONTROL_PHRASE_VERBS = frozenset("take seize gain regain wrest assume".split())


#: "X kept control of Y", "X retains control over Y": presence without a new attack
_KEEP_CONTROL_VERBS = frozenset("keep retain maintain have exercise exert".split())


#: "X controls Y", "X holds parts of Y", "X occupies Y"
CONTROL_VERBS = frozenset("control hold occupy guard patrol".split())


#: a verb's predicative complement: "held X responsible", "held them hostage"
_PREDICATIVE = frozenset({"oprd", "acomp", "xcomp", "ccomp", "attr"})


#: "X-held Y", "X-controlled Y"
_HELD_WORDS = frozenset("held controlled occupied dominated run".split())


STRONGHOLD_NOUNS = frozenset(
    "stronghold strongholds bastion bastions heartland headquarters base bases hideout".split()
)
#: seats any organisation has: "Mulindi, the RPF's headquarters", "NATO headquarters in Brussels"
_SEATS = frozenset({"headquarters"})


#: a group's people or acts that put it in a place: "Hezbollah fighters in Syria",
#: "Hezbollah's operations in Syria", "PIJ targets in Gaza"
#: a group's sites: "Boko Haram camps in Borno", "the coalition's bases in Iraq"
_SITE_PRESENCE = frozenset("base bases camp camps outpost outposts barracks".split())
PRESENCE_NOUNS = frozenset(
    "fighters militants troops soldiers forces units operations operation presence "
    "personnel positions targets commanders members advisers advisors deployment "
    "garrison militiamen gunmen offensive offensives peacekeepers".split()
)


def _past_participle(verb: Token) -> bool:
    """ "Mosul, captured by ISIS in 2014": a participle modifying the place it names."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def _taken_places(
    verb: Token, reader: SentenceReader, passive: bool, *, regions: bool = True
) -> list[Arg]:
    """The places a capture or control verb takes: its object ("seized Hodeidah", "took
    control of Hodeidah", "captured the city of Mosul", "controls swathes of Iraq")."""
    if _past_participle(verb):
        objs = [verb.head]
    elif passive:
        objs = [c for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}]
    else:
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        objs += [c for o in objs for c in o.conjuncts]  # "most of X and several towns"
        gap = not objs and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
        if verb.dep_ == "relcl" and (gap or any(o.tag_ in {"WDT", "WP"} for o in objs)):
            # ("Y, a haven that X had controlled": the parse makes "that" a mark)
            noun = verb.head  # "Sirte, the city that X took", "Y, which X held"
            if noun.dep_ == "appos" and noun.pos_ == "NOUN":
                noun = noun.head  # "Sirte, the Mediterranean city that X took": Sirte
            objs.append(noun)
    places: list[Arg] = []
    for obj in objs:
        if obj.i in reader.demonyms or obj.lower_ in PRESENCE_NOUNS:
            continue  # "Britons held by the US" are people, not ground
        named = _place_args(obj, reader, _TARGET_PLACES)
        if not named and obj.lower_ in _SITE_PRESENCE:  # "the Bagram base"
            named = [a for c in obj.children if c.dep_ == "compound" for a in _facility(c, reader)]
        if named:
            places += named
            continue
        if obj.lower_ in PLACE_NOUNS | {"control", "hub"} | TERRITORY_NOUNS | _SHARE_WORDS:
            # "the city of Mosul", "control of Mosul", "swathes of northern Iraq"
            preps = {"of", "over"} if obj.lower_ == "control" else {"of"}
            if obj.lower_ in TERRITORY_NOUNS:
                preps = {"of", "in"}
            for p in _pobjs(obj, preps):
                places += _place_args(p, reader, _TARGET_PLACES)
                if obj.lower_ == "control":  # "control of the K-1 base, the airport and Y"
                    places += [
                        a for c in p.conjuncts for a in _place_args(c, reader, _TARGET_PLACES)
                    ]
                for inc in _pobjs(p, {"including"}):  # "much of Yemen including Sanaa"
                    places += _place_args(inc, reader, _TARGET_PLACES)
        places += _examples(obj, reader, regions=regions)
    return places


def _facility(tok: Token, reader: SentenceReader) -> list[Arg]:
    m = reader.mention(tok)
    return [reader.arg(m)] if m is not None and m.label_ in {"Facility", "Place"} else []


def _group_of(tok: Token, reader: SentenceReader) -> list[Arg]:
    """The actors a noun phrase names, or whose people it names ("Houthi fighters")."""
    found = reader.actors(tok)
    if found or tok.lower_ not in PRESENCE_NOUNS | _SITE_PRESENCE:
        return found
    return [
        reader.arg(m)
        for c in tok.children
        if c.dep_ in {"poss", "compound", "nmod", "amod"}
        for m in [reader.named_or_demonym(c)]
        if m is not None
    ]


def _holders(verb: Token, reader: SentenceReader) -> tuple[list[Arg], bool]:
    """Who captures or controls, and whether the verb is passive ("Y, taken by X")."""
    by = [
        p
        for c in verb.children
        if c.dep_ in {"agent", "prep"} and c.lower_ == "by"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    objects = any(c.dep_ == "dobj" for c in verb.children)
    if _past_participle(verb) or (by and not _has_aux(verb) and not objects):
        # "Mosul, captured by ISIS" (also when the parser makes Mosul the subject)
        return [a for p in by for a in _group_of(p, reader) if a.span.label_ in _HOLDERS], True
    agents, passive = agents_of(verb, reader)
    if not agents:
        subjects = by if passive else _subjects(verb)
        agents = [a for c in subjects for a in _group_of(c, reader)]
    # "the Polisario said it had taken control of Y": "it" is the speaker
    if not passive and all(_pronoun(a, "it") for a in agents):
        spoken = [a for a in speaker_pronoun(verb, reader) if a.span.label_ in _DEPLOYABLE]
        if spoken:
            return spoken, passive
    # "it has led offensives, recapturing Ramadi": "it" is too often wrong here; "they" not
    # "Forces of the Northern Alliance entered Kabul": a political group's armed men
    armed = any(c.dep_ == "nsubj" and c.lower_ in SENT_NOUNS for c in verb.children)
    return [
        a
        for a in agents
        if (a.span.label_ in _HOLDERS or (armed and a.span.label_ == "PoliticalGroup"))
        and not _pronoun(a, "it")
    ], passive


def _subjects(verb: Token) -> list[Token]:
    """A verb's subject tokens, shared along coordination ("X captured A and took B")."""
    node = verb
    for _ in range(4):
        subs = [c for c in node.children if c.dep_ == "nsubj"]
        if subs or node.dep_ not in {"conj", "xcomp"}:
            return subs
        node = node.head
    return []


def _pronoun(arg: Arg, only: str = "") -> bool:
    """An argument that is a pronoun resolved by coreference ("it", "they", "his")."""
    root = arg.span.root
    return root.pos_ == "PRON" and (not only or root.lower_ == only)


def _has_aux(verb: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def control(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hamas, which controls Gaza", "X holds swathes of Y", "Y, controlled by X",
    "X-held Y", "Y, under the control of X" -> X presentIn Y."""
    doc = sent.doc
    for verb in sent:
        lemma = verb.lemma_.lower()
        kept = lemma in _KEEP_CONTROL_VERBS and any(
            c.dep_ == "dobj" and c.lower_ == "control" for c in verb.children
        )
        if verb.pos_ == "VERB" and (lemma in CONTROL_VERBS or kept):
            if verb.lower_ in _HELD_WORDS and verb.i >= 2 and doc[verb.i - 1].text == "-":
                continue  # "X-held": below
            if any(c.dep_ in _PREDICATIVE for c in verb.children):
                continue  # "held Britain responsible", "held them hostage"
            factor = assertion_factor(verb)
            if factor == 0:
                continue
            agents, passive = _holders(verb, reader)
            places = _taken_places(verb, reader, passive)
            if verb.lemma_.lower() == "hold":  # a state "held" is a meeting or a claim
                places = [pl for pl in places if pl.span.label_ != "Country"]
            for a in agents:
                for pl in places:
                    yield Candidate(a, "presentIn", pl, "control", factor)
    for tok in sent:
        holders: list[Arg] = []
        held: list[Arg] = []
        if tok.lower_ in _HELD_WORDS and tok.i >= 2 and doc[tok.i - 1].text == "-":
            m = reader.named_or_demonym(doc[tok.i - 2])  # "Houthi-held Hodeidah"
            if m is not None:
                holders = [reader.arg(m)]
            head = tok.head
            held = _place_args(head, reader, _TARGET_PLACES)
            if not held and head.lower_ in PLACE_NOUNS | TERRITORY_NOUNS:  # "X-held areas of Y"
                held = [
                    a for p in _pobjs(head, {"of"}) for a in _place_args(p, reader, _TARGET_PLACES)
                ]
        elif tok.lower_ == "control" and tok.dep_ == "pobj" and tok.head.lower_ == "under":
            # "Ramadi, under the control of Islamic State", "Y remains under Houthi control"
            holders = [a for p in _pobjs(tok, {"of"}) for a in reader.actors(p)]
            holders += [
                reader.arg(m)
                for c in tok.children
                if c.dep_ in {"poss", "compound", "amod", "nmod"}
                for m in [reader.named_or_demonym(c)]
                if m is not None
            ]
            site = tok.head.head
            if site.pos_ in {"VERB", "AUX"}:
                if assertion_factor(site) == 0:
                    continue
                subjects = [c for c in site.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
                held = [a for c in subjects for a in _place_args(c, reader, _TARGET_PLACES)]
            else:
                held = _place_args(site, reader, _TARGET_PLACES)
        for a in holders:
            if a.span.label_ in _HOLDERS:
                for pl in held:
                    yield Candidate(a, "presentIn", pl, "control")


def strongholds(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Falluja, an Islamic State stronghold", "Hezbollah's stronghold of Dahiyeh",
    "X's stronghold in south Beirut" -> X presentIn the place."""
    for noun in sent:
        if noun.lower_ not in STRONGHOLD_NOUNS:
            continue
        owners = [
            reader.arg(m)
            for c in noun.children
            if c.dep_ in {"poss", "compound", "nmod", "amod"}
            for m in [reader.named_or_demonym(c)]
            if m is not None
            and (m.label_ in _DEPLOYABLE or (noun.lower_ in _SEATS and m.label_ != "Country"))
        ]
        if not owners:
            continue
        places = [
            a
            for p in _pobjs(noun, {"of", "in", "at"})
            for a in _place_args(p, reader, _TARGET_PLACES)
        ]
        places += [
            a
            for c in noun.children
            if c.dep_ == "appos"
            for a in _place_args(c, reader, _TARGET_PLACES)
        ]
        if noun.dep_ == "appos":
            places += _place_args(noun.head, reader, _TARGET_PLACES)
        if noun.dep_ == "attr" and noun.head.lemma_ == "be" and assertion_factor(noun.head):
            places += [
                a
                for c in noun.head.children
                if c.dep_ == "nsubj"
                for a in _place_args(c, reader, _TARGET_PLACES)
            ]
        for o in owners:
            for pl in places:
                yield Candidate(o, "presentIn", pl, "stronghold")


#: presence nouns for an actor's people, who may be named after them ("troops of X")
_FORCE_PEOPLE = frozenset(
    "fighters militants troops soldiers forces units personnel militiamen gunmen "
    "peacekeepers".split()
)


#: "forces belonging to X", "fighters loyal to X"
_BELONGING = frozenset({"belonging", "loyal", "allied"})


def presence_nouns(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hezbollah fighters in Syria", "Hezbollah's operations in Syria", "PIJ targets in
    Gaza" -> presentIn (the group's own people or acts are there)."""
    for noun in sent:
        if noun.lower_ not in PRESENCE_NOUNS | _SITE_PRESENCE or noun.pos_ not in {"NOUN", "PROPN"}:
            continue  # PROPN: a headline's capitals ("Kill 150 Shabab Fighters in Somalia")
        own = reader.mention(noun)
        if own is not None and own.label_ in _DEPLOYABLE:
            continue  # "US troops" is a force of its own: locatives reads it
        bodies = {"InternationalOrganization"} if noun.lower_ in _FORCE_PEOPLE else set()
        owners = [a for a in _group_of(noun, reader) if a.span.label_ in _HOLDERS | bodies]
        if own is not None and own.label_ in _HOLDERS:
            owners.append(reader.arg(own))  # "Iranian targets"
        heads = [noun, noun.head] if noun.dep_ == "dobj" else [noun]  # "struck X targets in Y"
        if not owners and noun.lower_ in _FORCE_PEOPLE:
            # "forces belonging to the African Union in Somalia", "troops of the AU in Y",
            # "fighters loyal to Haftar in Benghazi"
            links = [c for c in noun.children if c.dep_ in {"acl", "amod"}]
            links = [c for c in links if c.lower_ in _BELONGING]
            named = [
                p
                for h in [noun, *links]
                for p in _pobjs(h, {"of", "to"} if h is not noun else {"of"})
            ]
            owners = [
                a
                for p in named
                for a in reader.actors(p)
                if a.span.label_ in _HOLDERS | {"InternationalOrganization", "Person"}
            ]
            heads += links + named  # "forces belonging to the AU in Somalia" (on "AU")
        preps = {"in", "inside", "within", "across"}
        if noun.lower_ in _SITE_PRESENCE:
            preps.add("at")  # "an army camp at Bamba"
        places = [
            a
            for h in heads
            for p in _pobjs(h, preps)
            for a in _place_args(p, reader, _TARGET_PLACES)
        ]
        for o in owners:
            for pl in places:
                if o.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(o, "presentIn", pl, "presence_noun")


#: "X troops entered Y", "X forces pushed into Y": armed actors only
ENTRY_VERBS: dict[str, frozenset[str]] = {
    "enter": frozenset(),
    "push": frozenset({"into"}),
    "advance": frozenset({"into"}),
    "move": frozenset({"into"}),
    "march": frozenset({"into"}),
    "roll": frozenset({"into"}),
    "cross": frozenset({"into"}),
}


#: "X staged troops in Y", "Y, where X has massed troops": verb + a force noun
STAGING_VERBS = frozenset("stage mass amass position deploy station keep have maintain".split())


#: words that make a visit a plan, not a fact
_FUTURE_WORDS = frozenset({"will", "shall", "'ll", "to", "would"})


def _realised(verb: Token) -> float:
    """The assertion factor of a movement that happened (not "will visit", "plans to go")."""
    node = verb
    for _ in range(4):
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _FUTURE_WORDS for c in node.children):
            return 0.0
        if node.dep_ not in {"conj", "xcomp"} or node.head == node:
            break
        node = node.head
    return assertion_factor(verb)


def _forces(verb: Token, reader: SentenceReader) -> list[Arg]:
    """The forces a staging verb moves: "staged troops" (the agent's), "deployed US troops"."""
    objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    named = [a for o in objs for a in reader.actors(o) if a.span.label_ in _DEPLOYABLE]
    if named:
        return named
    if not any(o.lower_ in FORCE_NOUNS or o.lemma_ in FORCE_NOUNS for o in objs):
        return []
    agents, _ = agents_of(verb, reader)
    return [a for a in agents if a.span.label_ in _HOLDERS]


def movements(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Turkish troops entered Syria", "X pushed into Y", "X staged troops in Y",
    "Y, where X has massed troops" -> presentIn."""
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        if lemma not in ENTRY_VERBS and lemma not in STAGING_VERBS:
            continue
        factor = _realised(verb)
        if factor == 0:
            continue
        if lemma in ENTRY_VERBS:
            agents, passive = _holders(verb, reader)
            if passive:
                continue
            preps = ENTRY_VERBS[lemma]
            objs = (
                list(_pobjs(verb, preps))
                if preps
                else [c for c in verb.children if c.dep_ == "dobj"]
            )
            places = [a for o in objs for a in _place_args(o, reader, _TARGET_PLACES)]
        else:
            agents = _forces(verb, reader)
            places = [
                a
                for p in _pobjs(verb, {"in", "to", "into", "at", "inside"})
                for a in _place_args(p, reader, _TARGET_PLACES)
            ]
            if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
                # not its conjuncts: "A, where ..., and B"
                here = reader.mention(where_antecedent(verb.head, reader))
                if here is not None and here.label_ in _TARGET_PLACES:
                    places.append(_as_place(reader.arg(here), reader))
            if lemma in {"have", "keep", "maintain"} and verb.dep_ != "relcl":
                continue  # "X has troops in Y" is read by locatives
        for a in agents:
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "movement", factor)


#: "X withdrew its troops from Y", "X pulled forces out of Y": the forces were there
WITHDRAWAL_VERBS = frozenset("withdraw pull evacuate".split())


def _from_places(verb: Token, reader: SentenceReader) -> list[Arg]:
    """ "from Y", "out of Y" after a verb."""
    objs = list(_pobjs(verb, {"from"}))
    objs += [p for out in verb.children if out.lower_ == "out" for p in _pobjs(out, {"of"})]
    return [a for o in objs for a in _place_args(o, reader, _TARGET_PLACES)]


def withdrawals(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X withdrew its troops from Y", "prepared to pull its troops out of Iraq", "X
    withdrew from Y" -> X presentIn Y (the withdrawal presupposes the presence, even
    when it is only threatened or planned)."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in WITHDRAWAL_VERBS:
            continue
        places = _from_places(verb, reader)
        if not places:
            continue
        objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        if objs:
            who = _forces(verb, reader)
        else:  # "Russia withdrew from Syria", "NATO forces pulled out of Kosovo"
            subs = [c for c in _subjects(verb) if c.lower_ in _FORCE_PEOPLE]
            who = agents_of(verb, reader)[0] or [a for c in subs for a in _group_of(c, reader)]
            who = [a for a in who if a.span.label_ in _HOLDERS | {"InternationalOrganization"}]
        for a in who:
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "withdrawal")


#: "the battle against Islamic State in Syria": a campaign fought where the enemy is
_CAMPAIGN_NOUNS = frozenset(
    "battle battles fight war campaign offensive operations operation struggle".split()
)


def campaigns_against(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the battle against Islamic State in Syria", "the war on the Taliban in
    Afghanistan" -> the armed group fought there is present there."""
    for noun in sent:
        if noun.lower_ not in _CAMPAIGN_NOUNS or noun.pos_ != "NOUN":
            continue
        if noun.head.pos_ in {"VERB", "AUX"} and assertion_factor(noun.head) == 0:
            continue
        enemies = [
            a
            for p in _pobjs(noun, {"against", "on"})
            for a in reader.actors(p)
            if a.span.label_ == "ArmedGroup" and not _pronoun(a)
        ]
        if not enemies:
            continue
        places = [
            a
            for p in _pobjs(noun, {"in", "inside", "within", "across"})
            for a in _place_args(p, reader, _TARGET_PLACES)
        ]
        for e in enemies:  # "against Islamic State in Syria" (the parser may attach it there)
            places += [
                a
                for p in _pobjs(e.span.root, {"in", "inside", "within"})
                for a in _place_args(p, reader, _TARGET_PLACES)
            ]
        for e in enemies:
            for pl in places:
                yield Candidate(e, "presentIn", pl, "campaign_against")


PATTERNS = (
    control,
    strongholds,
    presence_nouns,
    movements,
    withdrawals,
    campaigns_against,
)
CONFIDENCE = {
    "capture": 0.8,
    "control": 0.8,
    "stronghold": 0.8,
    "presence_noun": 0.75,
    "movement": 0.8,
    "withdrawal": 0.8,
    "campaign_against": 0.75,
}
