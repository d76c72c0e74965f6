"""Attacks said with verbs of ruin, with a barrage, with a defeat, and fights said from
one side: "X destroyed shrines in Y" (the town where the sites stood is attacked),
"X damaged Y's vessels", "X answered with a barrage of rockets into Y", "X defeated
the army at Y", and "X fought Y" (both armed bodies: each fights the other)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .agents import _STRUCTURES, ARMED_NOUNS, attack_targets, subject_fallback
from .assertion import assertion_factor
from .events import ATTACK_NOUNS
from .places import _place_args
from .sentence import _ACTORS, Arg, Candidate, SentenceReader, _pobjs, agents_of, described
from .strikes import PROJECTILE_NOUNS

CONFIDENCE = {
    "ruin": 0.75,
    "barrage": 0.75,
    "defeat": 0.7,
    "fought_back": 0.7,
    "planted_bomb": 0.75,
    "fire_landed": 0.75,
    "punished_for": 0.7,
    "fights_with": 0.75,
}

#: who wrecks, fires and defeats: armed bodies and states
_ARMED = frozenset({"ArmedGroup", "MilitaryForce", "Coalition", "Country"})
#: armed bodies, not states: a state "defeats" in elections and matches too
_FORCES = frozenset({"ArmedGroup", "MilitaryForce", "Coalition"})

#: verbs of wrecking a site: "destroyed shrines", "torched churches", "looted offices"
_RUIN_VERBS = frozenset(
    "destroy damage demolish raze torch burn loot ransack sack flatten bulldoze wreck".split()
)
#: buildings, sites and craft a force wrecks: "shrines", "churches", "military vessels"
_RUINED = _STRUCTURES | frozenset(
    "shrines churches mosques temples houses homes buildings schools hospitals offices "
    "villages village markets bridges vessels ships boats vehicles cars trucks mausoleums "
    "tombs monuments stations checkpoints posts".split()
)
#: nouns of a strike that stand for the striker: "an Israeli airstrike destroyed X"
_STRIKE_NOUNS = frozenset(
    "airstrike airstrikes strike strikes raid raids shelling bombardment bombing attack "
    "missile missiles drone drones".split()
)


def _wreckers(verb: Token, reader: SentenceReader) -> tuple[list[Arg], bool]:
    """Who wrecked: the verb's agents, armed men named by their group ("Ansar Dine
    militants"), or the owner of a strike that did it ("an Israeli airstrike")."""
    agents, passive = agents_of(verb, reader)
    agents = agents or subject_fallback(verb, reader, passive=passive)
    if not agents:
        subjects = (
            [p for p in _pobjs(verb, {"by"})]
            if passive
            else [c for c in verb.children if c.dep_ == "nsubj"]
        )
        agents = [
            reader.arg(m)
            for s in subjects
            if s.lemma_.lower() in _STRIKE_NOUNS or s.lower_ in _STRIKE_NOUNS | ARMED_NOUNS
            for c in s.children
            if c.dep_ in {"amod", "compound", "poss", "nmod"}
            for m in [reader.named_or_demonym(c)]
            if m is not None
        ]
    return [a for a in agents if a.span.label_ in _ARMED], passive


def _own(obj: Token) -> bool:
    """ "destroyed its own stockpile", "their homes": what the doer or a pronoun owns."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children) or any(
        c.lower_ == "own" for c in obj.children
    )


def _ruined(obj: Token, reader: SentenceReader) -> list[Arg]:
    """What wrecking a thing attacks: a named site or town ("destroyed Grozny"), the owner
    of a force's asset ("Georgian military vessels"), or the town a building stood in
    ("shrines in Timbuktu")."""
    if _own(obj):
        return []
    low, lemma = obj.lower_, obj.lemma_.lower()
    named = [a for a in reader.actors(obj) if a.span.label_ in {"Place", "Facility"}]
    if named:
        return named
    if low not in _RUINED and lemma not in _RUINED:
        return []
    out = [
        a
        for a in attack_targets(obj, reader)
        if a.span.label_ in _ACTORS - {"Person"} | {"Facility"}
    ]
    out += [
        a
        for p in _pobjs(obj, {"in", "at", "of"})
        for a in _place_args(p, reader, {"Place", "Facility"})
    ]
    return out


def _after_comma(obj: Token) -> bool:
    """An object the parse took from an apposition: "destroyed shrines in the city, a
    UNESCO World Heritage site," (the site is the city, not a second thing wrecked)."""
    i = obj.left_edge.i
    return i > obj.head.i + 1 and obj.doc[i - 1].text == ","


def ruins(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Ansar Dine militants destroyed shrines in Timbuktu", "Russian troops blew up
    Georgian military vessels in Poti" (read in ``strikes``), "an Israeli airstrike
    destroyed the consulate in Damascus", "X looted the offices of the UN" -> attacked."""
    for verb in sent:
        blown = verb.lemma_.lower() == "blow" and any(
            c.dep_ == "prt" and c.lower_ == "up" for c in verb.children
        )
        if verb.pos_ != "VERB" or (verb.lemma_.lower() not in _RUIN_VERBS and not blown):
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = _wreckers(verb, reader)
        if not agents:
            continue
        objs = [
            c
            for c in verb.children
            if c.dep_ == ("nsubjpass" if passive else "dobj") and not _after_comma(c)
        ]
        objs += [c for o in objs for c in o.conjuncts]
        targets = [a for o in objs for a in _ruined(o, reader)]
        # "destroyed homes on Monday in Y": the town on the verb, when a site was hit
        if not any(reader.actors(o) for o in objs) and any(
            (o.lower_ in _RUINED or o.lemma_.lower() in _RUINED) and not _own(o) for o in objs
        ):
            targets += [a for p in _pobjs(verb, {"in"}) for a in _place_args(p, reader, {"Place"})]
        for a in agents:
            for t in targets:
                if a.span.kb_id_ != t.span.kb_id_:
                    yield Candidate(a, "attacked", t, "ruin", factor)


#: a volley of fire: "a barrage of rockets", "a salvo of missiles", "airstrikes"
_VOLLEYS = PROJECTILE_NOUNS | frozenset(
    "airstrikes airstrike strikes raids shelling bombardment fire".split()
)
#: prepositions of where a volley lands: "into northern Israel", "on rebel positions"
_LANDING = frozenset({"into", "on", "at", "against", "towards", "toward", "upon"})
#: verbs that only promise or give the weapons: "threatened X with airstrikes"
_NOT_FIRING = frozenset(
    "threaten warn vow pledge promise meet arm equip supply provide help back support face".split()
)


def barrages(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hezbollah answered with a barrage of rockets into northern Israel", "the army
    retaliated with airstrikes on rebel positions" -> the subject attacked the target."""
    for noun in sent:
        if noun.dep_ != "pobj" or noun.head.lower_ != "with":
            continue
        verb = noun.head.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() in _NOT_FIRING:
            continue
        volleys = [noun, *(p for p in _pobjs(noun, {"of"}))]
        if not any(v.lemma_.lower() in _VOLLEYS or v.lower_ in _VOLLEYS for v in volleys):
            continue
        targets = [
            a for v in volleys for p in _pobjs(v, _LANDING) for a in attack_targets(p, reader)
        ]
        if not targets:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        for a in agents or subject_fallback(verb, reader):
            if a.span.label_ not in _ARMED:
                continue
            for t in targets:
                if a.span.kb_id_ != t.span.kb_id_:
                    yield Candidate(a, "attacked", t, "barrage", factor)


#: verbs of beating a force in battle: "the rebels defeated the army at Y"
_DEFEAT_VERBS = frozenset({"defeat", "rout", "vanquish", "crush"})


def defeats(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the rebels defeated the army at Massaguet" -> the rebels attacked the army and
    the town where they beat it (armed bodies only: states and parties win elections)."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _DEFEAT_VERBS:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        agents = [a for a in agents if a.span.label_ in _FORCES]
        if passive:
            beaten = [a for c in verb.children if c.dep_ == "nsubjpass" for a in reader.actors(c)]
        else:
            beaten = [a for c in verb.children if c.dep_ == "dobj" for a in reader.actors(c)]
        beaten = [b for b in beaten if b.span.label_ in _FORCES | {"Country"}]
        if not agents or not beaten:
            continue
        places = [a for p in _pobjs(verb, {"at", "in"}) for a in _place_args(p, reader, {"Place"})]
        for a in agents:
            for b in [*beaten, *places]:
                if a.span.kb_id_ != b.span.kb_id_:
                    yield Candidate(a, "attacked", b, "defeat", factor)


#: verbs of fighting a foe named as the object: "X fought Y", "X has been battling Y"
_FIGHT_VERBS = frozenset({"fight", "battle"})


def fought_back(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Yugoslav troops fought rebels of the KLA", "Sinai Province has been fighting
    the Egyptian security forces" -> the object fights the subject too, when both are
    armed bodies in a fight that took place (not "to fight Y", "help fight Y")."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _FIGHT_VERBS:
            continue
        if verb.dep_ in {"xcomp", "pcomp", "advcl", "acl"} or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
        ):
            continue  # a goal or a role: "formed to fight Y", "its role in fighting Y"
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        agents = agents or subject_fallback(verb, reader)
        foes = [
            a
            for c in verb.children
            if c.dep_ == "dobj"
            for a in reader.actors(c) or _armed_men_of(c, reader)
        ]
        for a in agents:
            for b in foes:
                if (
                    a.span.label_ in _FORCES
                    and b.span.label_ in _FORCES
                    and a.span.kb_id_ != b.span.kb_id_
                ):
                    yield Candidate(b, "fightsAgainst", a, "fought_back", factor)


def _armed_men_of(noun: Token, reader: SentenceReader) -> list[Arg]:
    """Armed men named by their group as an object: "rebels of the KLA"."""
    if noun.lower_ not in ARMED_NOUNS | {"rebels", "guerrillas", "separatists"}:
        return []
    return [
        a
        for p in _pobjs(noun, {"of", "from"})
        for a in reader.actors(p)
        if a.span.label_ in _FORCES
    ]


#: verbs of setting a bomb off: "planted the car bomb", "detonated explosives"
_BOMBING_VERBS = frozenset({"plant", "detonate", "set", "explode", "place", "hide"})
#: what is planted: "a car bomb", "an explosive device", "landmines"
_BOMBS = frozenset(
    "bomb bombs device devices explosive explosives ied ieds mine mines landmine landmines "
    "charge charges".split()
)


def planted_bombs(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the Real IRA admitted it planted the car bomb that killed 29 people in Omagh",
    "militants detonated a bomb at a market in Y" -> attacked the town or site."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in _BOMBING_VERBS:
            continue
        if lemma == "set" and not any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children):
            continue  # "set off a bomb", not "set up a camp"
        bombs = [
            c
            for c in verb.children
            if c.dep_ == "dobj" and (c.lemma_.lower() in _BOMBS or c.lower_ in _BOMBS)
        ]
        if not bombs:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        agents = agents or subject_fallback(verb, reader)
        sites = [p for h in [verb, *bombs] for p in _pobjs(h, {"in", "at", "outside", "near"})]
        places = [
            a
            for p in sites
            if p.lower_ != "near"
            for a in [*_place_args(p, reader, {"Place", "Facility"}), *_sites_town(p, reader)]
        ]
        # "the car bomb that killed 29 people in Omagh": where it went off
        went_off = [
            c
            for b in bombs
            for c in b.children
            if c.dep_ == "relcl" and c.lemma_.lower() in {"kill", "wound", "injure", "explode"}
        ]  # ("killed 29 people in Omagh": the town may hang on the victims)
        places += [
            a
            for c in went_off
            for h in [c, *(o for o in c.children if o.dep_ == "dobj")]
            for p in _pobjs(h, {"in", "at"})
            for a in [*_place_args(p, reader, {"Place", "Facility"}), *_sites_town(p, reader)]
        ]
        for a in agents:
            if a.span.label_ not in _ACTORS:
                continue
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "attacked", pl, "planted_bomb", factor)


def _sites_town(site: Token, reader: SentenceReader) -> list[Arg]:
    """ "at a market in Y": the town the unnamed site is in."""
    if reader.actors(site):
        return []
    return [a for p in _pobjs(site, {"in"}) for a in _place_args(p, reader, {"Place"})]


#: verbs of fire arriving somewhere: "Hezbollah rockets reached Haifa", "shells landed in Y"
_LANDING_VERBS = frozenset({"reach", "land", "fall", "slam", "crash", "rain", "explode"})


def _fired_by(noun: Token, reader: SentenceReader) -> list[Arg]:
    """Whose fire a noun is: "Hezbollah rockets", "rockets fired by Hamas", "rockets from
    Gaza" is no owner (a place)."""
    owners = [
        reader.arg(m)
        for c in noun.children
        if c.dep_ in {"poss", "compound", "amod", "nmod"}
        for m in [reader.named_or_demonym(c)]
        if m is not None
    ]
    owners += [
        a
        for c in noun.children
        if c.dep_ == "acl" and c.lemma_.lower() in {"fire", "launch"}
        for p in _pobjs(c, {"by"})
        for a in reader.actors(p)
    ]
    return [a for a in owners if a.span.label_ in _ARMED]


def fire_landed(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hezbollah rockets reached Haifa", "rockets fired by Hamas landed in Ashkelon",
    "Russian shells slammed into Kharkiv" -> the owner of the fire attacked the place."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _LANDING_VERBS:
            continue
        shots = [
            c
            for c in verb.children
            if c.dep_ == "nsubj" and (c.lower_ in PROJECTILE_NOUNS or c.lemma_ in PROJECTILE_NOUNS)
        ]
        owners = [a for s in shots for a in _fired_by(s, reader)]
        if not owners:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        aims = [c for c in verb.children if c.dep_ == "dobj" and verb.lemma_.lower() == "reach"]
        aims += _pobjs(verb, {"in", "on", "into", "inside"})
        places = [a for p in aims for a in _place_args(p, reader, {"Place", "Facility", "Country"})]
        places += [a for p in aims for a in _sites_town(p, reader)]
        for a in owners:
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "attacked", pl, "fire_landed", factor)


#: verbs of punishing a deed proven: "jailed for a 1979 attack in Nahariya"
_PUNISHING = frozenset("jail imprison convict sentence execute hang".split())


def punished_for(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Samir Kuntar, a militant jailed in Israel for a 1979 attack in Nahariya", "X was
    convicted for the bombing of the embassy in Y" -> the person attacked the place
    (a deed a court punished; being charged or wanted for it is an accusation)."""
    for deed in sent:
        if deed.dep_ != "pobj" or deed.head.lower_ != "for":
            continue
        if deed.lemma_.lower() not in ATTACK_NOUNS and deed.lower_ not in ATTACK_NOUNS:
            continue
        verb = deed.head.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _PUNISHING:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            doers = reader.actors(verb.head) or described(verb.head, reader)
        elif any(c.dep_ == "auxpass" for c in verb.children):
            doers = [a for c in verb.children if c.dep_ == "nsubjpass" for a in reader.actors(c)]
        else:
            doers = [a for c in verb.children if c.dep_ == "dobj" for a in reader.actors(c)]
        targets = [
            a
            for p in _pobjs(deed, {"in", "at"})
            for a in _place_args(p, reader, {"Place", "Facility"})
        ]
        targets += [a for p in _pobjs(deed, {"on", "against"}) for a in attack_targets(p, reader)]
        # "the bombing of the embassy in Nairobi": the site's town
        targets += [a for p in _pobjs(deed, {"of"}) for a in _sites_town(p, reader)]
        for d in doers:
            if d.span.label_ not in _ACTORS:
                continue
            for t in targets:
                if d.span.kb_id_ != t.span.kb_id_:
                    yield Candidate(d, "attacked", t, "punished_for", factor)


#: a fight named by a noun: "after a fierce fight with Y", "in a gunbattle with Y"
_FIGHT_NOUNS = frozenset(
    "fight fighting battle clash clashes firefight gunbattle gunfight skirmish".split()
)


def fights_with(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Argentine troops seized South Georgia after a fierce fight at Grytviken with a
    party of Royal Marines" -> each side fights the other and both were at Grytviken."""
    for noun in sent:
        if noun.lower_ not in _FIGHT_NOUNS or noun.dep_ != "pobj":
            continue
        prep = noun.head
        verb = prep.head
        if prep.lower_ not in {"after", "following", "during", "in"} or verb.pos_ != "VERB":
            continue
        foes = [
            a
            for p in _pobjs(noun, {"with"})
            for a in reader.actors(p) or _party_of(p, reader)
            if a.span.label_ in _FORCES | {"Country"}
        ]
        if not foes:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        agents = [] if passive else [a for a in agents if a.span.label_ in _ARMED]
        places = [
            a
            for p in _pobjs(noun, {"at", "in"})
            for a in _place_args(p, reader, {"Place", "Facility"})
        ]
        for a in agents:
            for b in foes:
                if a.span.kb_id_ != b.span.kb_id_ and {a.span.label_, b.span.label_} & _FORCES:
                    yield Candidate(a, "fightsAgainst", b, "fights_with", factor)
                    yield Candidate(b, "fightsAgainst", a, "fights_with", factor)
        for side in [*agents, *foes]:
            if side.span.label_ in _FORCES:
                for pl in places:
                    yield Candidate(side, "presentIn", pl, "fights_with", factor)


def _party_of(noun: Token, reader: SentenceReader) -> list[Arg]:
    """ "a party of 22 Royal Marines", "a unit of Y", "a group of Y fighters": the Y."""
    if noun.lower_ not in {"party", "unit", "group", "detachment", "column", "band", "squad"}:
        return []
    return [a for p in _pobjs(noun, {"of"}) for a in reader.actors(p)]


PATTERNS = (
    ruins,
    barrages,
    defeats,
    fought_back,
    planted_bombs,
    fire_landed,
    punished_for,
    fights_with,
)
