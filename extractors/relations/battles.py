"""Battles between two sides: "fighting between X and Y in Z" (each fights the other,
both are present in Z), "X fought Y in Z" and "X clashed with Y in Z" (both are present
in Z), "X exchanged fire with Y" (each attacks the other), "X forces in the war against
Y" (X fights Y), "X has waged an insurgency in Y" and "X is active in Z".

The patterns are listed in ``presence.PATTERNS`` (the family of where armed actors are
and whom they fight)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .agents import attack_targets
from .assertion import assertion_factor
from .events import _governor, _planned
from .places import _place_args
from .sentence import _DEPLOYABLE, Arg, Candidate, SentenceReader, _pobjs, agents_of

#: who fights a battle: armed actors and states
_SIDES = _DEPLOYABLE | {"Country", "GovernmentBody"}

_PLACES = frozenset({"Place", "Facility", "Country"})

#: "fighting between X and Y", "clashes between X and Y"
_CLASH_NOUNS = frozenset(
    "fighting clashes clash battle battles war wars fight hostilities conflict skirmish "
    "skirmishes firefight firefights gunfight gunfights gunbattle gunbattles".split()
)

#: "clashes between X and Y erupted in Z": the verb gives where the battle was
_BREAKING_VERBS = frozenset("erupt break rage continue flare intensify resume escalate".split())

#: words that make a battle feared or averted, not fought
_UNREAL_HEADS = frozenset(
    "fear fears risk threat prospect possibility danger avoid avert prevent stop end "
    "warn warning".split()
)

#: the people of a side: "Boko Haram militants", "Indian troops"
_SIDE_PEOPLE = frozenset(
    "fighters militants troops soldiers forces units militiamen gunmen rebels insurgents "
    "army police raiders guerrillas jihadists".split()
)


def _side(tok: Token, reader: SentenceReader) -> list[Arg]:
    """The actor a side of a battle names: "Congo's army", "the M23 rebels", "Boko Haram
    militants" (the people named after their group)."""
    m = reader.mention(tok)
    if m is not None:
        return [reader.arg(m)] if m.label_ in _SIDES else []
    if tok.lower_ not in _SIDE_PEOPLE:
        return []
    return [
        reader.arg(m)
        for c in tok.children
        if c.dep_ in {"poss", "compound", "nmod", "amod"}
        for m in [reader.named_or_demonym(c)]
        if m is not None and m.label_ in _SIDES
    ]


def _sides(noun: Token, reader: SentenceReader) -> tuple[list[Arg], list[Token]]:
    """Every side named after "between", with the tokens naming them (the parse may hang
    the second side on the first as a conjunct, or on the battle noun as an object)."""
    toks: list[Token] = []
    for p in _pobjs(noun, {"between"}):
        frontier = [p]
        while frontier:
            t = frontier.pop()
            if t in toks:
                continue
            toks.append(t)
            frontier += [c for c in t.children if c.dep_ == "conj"]
            # "Boko Haram militants": the conjunct may be a compound of the people noun
            if t.dep_ in {"compound", "conj"} and t.head.lower_ in _SIDE_PEOPLE:
                frontier.append(t.head)
    sides: list[Arg] = []
    for t in toks:
        for a in _side(t, reader):
            if all(a.span.kb_id_ != s.span.kb_id_ for s in sides):
                sides.append(a)
    return sides, toks


def _areas(tok: Token, reader: SentenceReader) -> list[Arg]:
    """Places a noun phrase names: "Borno", "the border departments of A and B"."""
    found = _place_args(tok, reader, _PLACES)
    if not found and tok.pos_ == "NOUN":
        found = [
            pl
            for p in _pobjs(tok, {"of"})
            for t in [p, *p.conjuncts]
            for pl in _place_args(t, reader, _PLACES)
        ]
    return found


def _unreal(noun: Token) -> bool:
    """ "fears of a war between X and Y", "to avert a war between X and Y"."""
    if any(c.lower_ in {"no", "without"} for c in noun.children) or _planned(noun):
        return True
    node = noun
    for _ in range(3):
        node = node.head
        if node.lemma_.lower() in _UNREAL_HEADS:
            return True
        if node.head == node:
            break
    return False


def clashes_between(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "fighting between Congo's army and the M23 rebels in North Kivu", "clashes between
    Indian troops and militants erupted in Kashmir" -> each side fightsAgainst the other,
    and both are presentIn the place."""
    for noun in sent:
        if noun.lower_ not in _CLASH_NOUNS or noun.pos_ not in {"NOUN", "VERB"}:
            continue
        if _unreal(noun):
            continue
        sides, toks = _sides(noun, reader)
        if len(sides) < 2:
            continue
        verb = _governor(noun)
        factor = assertion_factor(verb) if verb is not None else 1.0
        if factor == 0:
            continue
        for a in sides:
            for b in sides:
                if a.span.kb_id_ != b.span.kb_id_:
                    yield Candidate(a, "fightsAgainst", b, "clash_between", factor)
        # "fighting between the army and Boko Haram militants in Borno": the parse may hang
        # the people noun (and the place) on the battle noun
        heads = [noun, *toks, *(c for c in noun.children if c.lower_ in _SIDE_PEOPLE)]
        if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _BREAKING_VERBS:
            heads.append(noun.head)  # "clashes between X and Y erupted in Z"
        places = [
            pl
            for h in heads
            for p in _pobjs(h, {"in", "inside", "across", "around"})
            for pl in _areas(p, reader)
        ]
        for a in sides:
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "clash_between", factor)


#: "X exchanged fire with Y", "X and Y traded fire"
_EXCHANGE_VERBS = frozenset({"exchange", "trade"})
_FIRE_NOUNS = frozenset("fire gunfire shots salvos blows strikes rockets artillery".split())


def exchanges_of_fire(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hezbollah has exchanged fire with Israel", "X and Y traded artillery fire" ->
    each side attacked the other."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _EXCHANGE_VERBS:
            continue
        fire = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in _FIRE_NOUNS]
        if not fire:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        agents = [a for a in agents if a.span.label_ in _SIDES]
        others = [
            a
            for h in [verb, *fire]
            for p in _pobjs(h, {"with"})
            for t in [p, *p.conjuncts]
            for a in _side(t, reader)
        ]
        pairs = [(a, b) for a in agents for b in others]
        if not others:  # "X and Y exchanged fire"
            pairs = [(a, b) for a in agents for b in agents]
        for a, b in pairs:
            if a.span.kb_id_ != b.span.kb_id_:
                yield Candidate(a, "attacked", b, "exchange_of_fire", factor)
                yield Candidate(b, "attacked", a, "exchange_of_fire", factor)


#: struggles a force takes part in: "X forces in the war against Y"
_STRUGGLES = frozenset(
    "battle battles fight war struggle campaign operations offensive insurgency".split()
)


def forces_in_struggle(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Saudi and Emirati forces in the war against the Houthis", "Kurdish fighters in
    the battle against Islamic State" -> the force fightsAgainst the enemy."""
    for noun in sent:
        if noun.lower_ not in _STRUGGLES or noun.pos_ != "NOUN" or noun.dep_ != "pobj":
            continue
        prep = noun.head
        if prep.lower_ not in {"in", "during"} or prep.head.pos_ not in {"NOUN", "PROPN"}:
            continue
        if _unreal(noun):
            continue
        force = prep.head
        preps = {"against", "on"} if noun.lower_ in {"war", "offensive"} else {"against"}
        enemies = [
            a
            for p in _pobjs(noun, preps)
            for a in attack_targets(p, reader)
            if a.span.label_ not in _PLACES
        ]
        if not enemies:
            continue
        verb = _governor(force)
        factor = assertion_factor(verb) if verb is not None else 1.0
        if factor == 0:
            continue
        fighters = [a for t in [force, *force.conjuncts] for a in _side(t, reader)]
        for f in fighters:
            for e in enemies:
                if f.span.kb_id_ != e.span.kb_id_:
                    yield Candidate(f, "fightsAgainst", e, "force_in_struggle", factor)


#: "X is active in Z", "X remains present in Z"
_PRESENT_WORDS = frozenset({"active", "present", "entrenched", "operational"})
_BEING_VERBS = frozenset({"be", "remain", "stay"})


def active_in(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "The ELN is active in the border departments of Arauca and Norte de Santander",
    "the group, which remains present in Z", "Russian troops are still in Transnistria"
    -> presentIn (armed actors only: "Britain is in talks" names no place anyway)."""
    for verb in sent:
        if verb.lemma_.lower() not in _BEING_VERBS or verb.pos_ not in {"AUX", "VERB"}:
            continue
        adjs = [
            c for c in verb.children if c.dep_ in {"acomp", "oprd"} and c.lower_ in _PRESENT_WORDS
        ]
        if not adjs and any(c.dep_ in {"acomp", "attr", "oprd"} for c in verb.children):
            continue  # "X is responsible for attacks in Y", "X is the main force in Y"
        places = [
            pl
            for h in [*adjs, verb]
            for p in _pobjs(h, {"in", "inside", "across", "throughout"})
            for pl in _areas(p, reader)
        ]
        if not places:  # the cheap test first
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, _ = agents_of(verb, reader)
        if not agents:  # "Wagner fighters stayed in Bamako"
            agents = [a for c in verb.children if c.dep_ == "nsubj" for a in _side(c, reader)]
        agents = [a for a in agents if a.span.label_ in _DEPLOYABLE]
        for a in agents:
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "active_in", factor)


#: "X has waged an insurgency in Y": a rising against the state that rules Y
_INSURGENCY_NOUNS = frozenset("insurgency insurgencies rebellion uprising insurrection".split())
_WAGING = frozenset("wage wag fight lead launch mount conduct pursue".split())


def _ruler(tok: Token, reader: SentenceReader) -> list[Arg]:
    """The state a place phrase belongs to: "Turkey", "Turkey's mainly Kurdish southeast",
    "northeastern Nigeria"."""
    found = [a for a in reader.actors(tok) if a.span.label_ == "Country"]
    if not found:
        found = [
            reader.arg(m)
            for c in tok.children
            if c.dep_ in {"poss", "compound", "amod"}
            for m in [reader.mention(c)]
            if m is not None and m.label_ == "Country"
        ]
    return found


def insurgencies(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the PKK, which has fought a three-decade insurgency in Turkey's southeast", "Boko
    Haram has waged an insurgency in northeastern Nigeria since 2009" -> the group
    fightsAgainst the state (Turkey, Nigeria) and is presentIn the place."""
    for noun in sent:
        if noun.lower_ not in _INSURGENCY_NOUNS or noun.dep_ != "dobj":
            continue
        verb = noun.head
        if verb.lemma_.lower() not in _WAGING:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        agents = [a for a in agents if a.span.label_ == "ArmedGroup"] if not passive else []
        if not agents:
            continue
        where = [p for h in [noun, verb] for p in _pobjs(h, {"in", "across"})]
        # "an insurgency for autonomy in Turkey's southeast"
        where += [q for p in _pobjs(noun, {"for"}) for q in _pobjs(p, {"in"})]
        states = [a for p in where for a in _ruler(p, reader)]
        states += [
            a
            for p in _pobjs(noun, {"against"})
            for a in reader.actors(p)
            if a.span.label_ in _SIDES
        ]
        places = [a for p in where for a in _areas(p, reader)]
        for a in agents:
            for s in states:
                yield Candidate(a, "fightsAgainst", s, "insurgency", factor)
            for pl in places:
                yield Candidate(a, "presentIn", pl, "insurgency", factor)


#: "X fought Y in Z", "X clashed with Y in Z": ground fighting puts both sides in Z
_FIGHTING_VERBS = frozenset("fight battle clash skirmish engage".split())


def fights_in(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Taliban fighters have battled the group in Nangarhar and neighbouring Kunar",
    "Indian troops clashed with militants in Kupwara", "X fought Y for control of Z" ->
    each side presentIn the place;
    "X clashed with Y" -> each fightsAgainst the other."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _FIGHTING_VERBS:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        if not agents:  # "Taliban fighters battled Y"
            agents = [a for c in verb.children if c.dep_ == "nsubj" for a in _side(c, reader)]
        agents = [a for a in agents if a.span.label_ in _SIDES]
        # "X clashed with Y": each fights the other (not "clashed over water", in words);
        # "X fought running gunbattles with Y", "X engaged in fierce clashes with Y"
        battles = [
            o
            for o in (*verb.children, *_pobjs(verb, {"in"}))
            if o.dep_ in {"dobj", "pobj"} and o.lower_ in _CLASH_NOUNS
        ]
        clash = verb.lemma_.lower() == "clash" or bool(battles)
        if clash and not any(c.lower_ == "over" for c in verb.children):
            foes = [
                a for h in [verb, *battles] for p in _pobjs(h, {"with"}) for a in _side(p, reader)
            ]
            for a in agents:
                for b in foes:
                    armed = {a.span.label_, b.span.label_} & _DEPLOYABLE
                    if armed and a.span.kb_id_ != b.span.kb_id_:
                        yield Candidate(a, "fightsAgainst", b, "fight_in", factor)
                        yield Candidate(b, "fightsAgainst", a, "fight_in", factor)
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        objs += [p for p in _pobjs(verb, {"with", "against"})]
        where = [p for h in [verb, *objs] for p in _pobjs(h, {"in", "inside", "around"})]
        where += [  # "battled separatist guards for control of the town of Bender"
            q
            for h in [verb, *objs]
            for p in _pobjs(h, {"for"})
            if p.lower_ == "control"
            for q in _pobjs(p, {"of"})
        ]
        places = [a for p in where for t in [p, *p.conjuncts] for a in _areas(t, reader)]
        sides = [a for a in agents if a.span.label_ in _DEPLOYABLE]
        sides += [a for o in objs for a in _side(o, reader) if a.span.label_ in _DEPLOYABLE]
        for a in sides:
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "fight_in", factor)


#: "X drove Y out of Z", "X expelled Y from Z", "Y were pushed out of Z"
_EXPELLING = frozenset("drive push force chase flush expel oust rout dislodge evict".split())


def expulsions(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "separatists drove Georgian forces out of the Kodori Gorge", "the army expelled the
    militants from Palma" -> the driver fightsAgainst the driven and attacked the place
    (a town or region; a country is not struck as a whole), and the driven were
    presentIn it; "French troops were pushed out of Mali" -> presentIn alone."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _EXPELLING:
            continue
        outs = [q for p in _pobjs(verb, {"out"}) for q in _pobjs(p, {"of"})]
        outs += [q for c in verb.children if c.lower_ == "out" for q in _pobjs(c, {"of"})]
        wheres = outs or list(_pobjs(verb, {"from"}))
        places = [a for p in wheres for t in [p, *p.conjuncts] for a in _areas(t, reader)]
        if not places:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if not agents and not passive:  # "Kurdish fighters drove Y out of Z"
            agents = [a for c in verb.children if c.dep_ == "nsubj" for a in _side(c, reader)]
        driven_toks = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        driven = [a for t in driven_toks for a in _side(t, reader)]
        agents = [a for a in agents if a.span.label_ in _SIDES]
        for d in driven:
            for pl in places:
                if d.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(d, "presentIn", pl, "expulsion", factor)
            for a in agents:
                if a.span.kb_id_ != d.span.kb_id_ and {a.span.label_, d.span.label_} & _DEPLOYABLE:
                    yield Candidate(a, "fightsAgainst", d, "expulsion", factor)
        for a in agents if driven else []:
            for pl in places:
                if pl.span.label_ != "Country" and a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "attacked", pl, "expulsion", factor)


#: verbs of fighting a partner may share: "X fought alongside Y against Z"
_SHARED_FIGHTS = frozenset("fight battle combat attack clash".split())


def alongside(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the VDP, a force that fights alongside the military against JNIM", "Wagner fought
    alongside Hifter's forces": each side is the other's ally, and the partner fights the
    foe too."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _SHARED_FIGHTS:
            continue
        partners = [a for p in _pobjs(verb, {"alongside"}) for a in reader.actors(p)]
        partners = [a for a in partners if a.span.label_ in _SIDES]
        if not partners:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        # "against Z" may hang on the partner: "alongside Nigerian soldiers against Z"
        heads = [verb, *_pobjs(verb, {"alongside"})]
        foes = [a for h in heads for p in _pobjs(h, {"against"}) for a in reader.actors(p)]
        foes += [a for c in verb.children if c.dep_ == "dobj" for a in reader.actors(c)]
        for partner in partners:
            for a in agents:
                if a.span.kb_id_ != partner.span.kb_id_ and a.span.label_ in _SIDES:
                    yield Candidate(a, "alliedWith", partner, "alongside", factor)
            for foe in foes:
                if foe.span.label_ not in _SIDES:
                    continue
                for side in (partner, *agents):  # the verb's reading may miss a hung "against"
                    if side.span.kb_id_ != foe.span.kb_id_ and side.span.label_ in _SIDES:
                        yield Candidate(side, "fightsAgainst", foe, "alongside", factor)


PATTERNS = (
    expulsions,
    fights_in,
    clashes_between,
    exchanges_of_fire,
    forces_in_struggle,
    active_in,
    insurgencies,
    alongside,
)
CONFIDENCE = {
    "alongside": 0.75,
    "expulsion": 0.75,
    "clash_between": 0.8,
    "exchange_of_fire": 0.8,
    "force_in_struggle": 0.75,
    "active_in": 0.8,
    "insurgency": 0.75,
    "fight_in": 0.75,
}
