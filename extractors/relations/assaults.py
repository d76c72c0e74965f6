"""Attacks said with verbs of ruin, with a barrage, with a defeat, and fights said from
one side: "X destroyed shrines in Y" (the town where the sites stood is attacked),
"X damaged Y's vessels", "X answered with a barrage of rockets into Y", "X defeated
the army at Y", and "X fought Y" (both armed bodies: each fights the other)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .agents import _STRUCTURES, ARMED_NOUNS, attack_targets, subject_fallback
from .assertion import assertion_factor
from .places import _place_args
from .sentence import _ACTORS, Arg, Candidate, SentenceReader, _pobjs, agents_of
from .strikes import PROJECTILE_NOUNS

CONFIDENCE = {
    "ruin": 0.75,
    "barrage": 0.75,
    "defeat": 0.7,
    "fought_back": 0.7,
    "planted_bomb": 0.75,
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


PATTERNS = (ruins, barrages, defeats, fought_back, planted_bombs)
