"""Verbs and light-verb phrases, active and passive: "X bombed Y", "Y was attacked by X",
"held X responsible", "X fired rockets at Y", "X pushed into Y". Blame, vows,
designations and bans are read in ``attribution``."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import (
    FORCE_NOUNS,
    LIGHT_VERB_PHRASES,
    PLACE_VERBS,
    REVERSED_VERBS,
    VERB_RELATIONS,
)
from .agents import (
    _STATE_LABELS,
    ARMED_NOUNS,
    _owned,
    _struck_places,
    alleged_by,
    attack_targets,
    lasting,
    speaker_pronoun,
    state_speakers,
    subject_fallback,
    verbal_attack,
)
from .arguments import _EVENTS, _blamed_someone_unnamed, _killing_scenes, _own_side
from .assertion import assertion_factor
from .sentence import (
    _ACTORS,
    _PLACES,
    _VERB_PREPS,
    _VERBAL_ATTACKS,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
    patients_of,
)

#: attack verbs the shared table lacks
_EXTRA_VERB_RELATIONS: dict[str, str] = {
    **dict.fromkeys(
        "assassinate besiege pound blockade overrun capture seize recapture retake sink "
        "torpedo".split(),
        "attacked",
    ),
    # killing a person: "X murdered Y", "Y was slain by X", "X stabbed Y"
    **dict.fromkeys("murder slay stab strangle behead".split(), "attacked"),
    **dict.fromkeys("outlaw ban".split(), "sanctioned"),
    "indict": "accused",
    **dict.fromkeys(
        "deride lambast rebuke castigate excoriate berate chastise assail".split(), "condemned"
    ),
}
_VERB_RELATIONS = {**VERB_RELATIONS, **_EXTRA_VERB_RELATIONS}
#: verbs of killing a person, whose "at" phrase is the scene once the victim is named
_PERSON_KILLING = frozenset("kill murder assassinate slay shoot shot stab strangle behead".split())

_ARMED_LABELS = frozenset({"ArmedGroup", "MilitaryForce", "Coalition", "Country"})
#: subjects that are arms whoever fires them: "NATO missiles hit a refinery in Y"
_ARMS = frozenset("missiles rockets shells bombs warplanes jets drones aircraft".split())

#: verbs that take a place or base, never a person or group: "captured Ramadi"
_TAKING_VERBS = frozenset("overrun capture seize recapture retake".split())

#: verbs of bombardment: the place a strike lands in is attacked ("bombed targets in Gaza")
BOMBARD_VERBS = frozenset("bomb shell bombard strike raid pound".split())


#: verbs of an assault whose object's town is attacked: "raided a base in X"
_ASSAULT_VERBS = frozenset("attack raid storm ambush hit assault target".split())

#: verbs whose subject sends others somewhere
_SENDING = frozenset({"deploy", "send", "dispatch"})

#: "prevented X from attacking Y": the act did not happen
_PREVENTING_VERBS = frozenset(
    "prevent stop bar deter keep ban prohibit dissuade restrain block discourage".split()
)

#: what a warning that is a threat announces
_FORCE_WORDS = frozenset(
    "response respond retaliation retaliate consequence price revenge force punish "
    "punishment reprisal retribution strike attack action".split()
)


#: sanctions only a state can impose
_STATE_ACTS = frozenset({"ban", "outlaw"})


#: light-verb phrases the shared table lacks
_EXTRA_LIGHT_PHRASES: dict[tuple[str, str], str] = {
    ("point", "finger"): "accused",
    ("declare", "guilty"): "accused",
    ("find", "guilty"): "accused",
    ("vow", "vengeance"): "threatened",
    ("swear", "revenge"): "threatened",
    ("threaten", "retaliation"): "threatened",
    ("impose", "embargo"): "sanctioned",
    ("slap", "sanctions"): "sanctioned",
    ("launch", "raid"): "attacked",
    ("launch", "raids"): "attacked",
    ("carry", "strike"): "attacked",
    ("carry", "strikes"): "attacked",
    ("carry", "raid"): "attacked",
    ("carry", "raids"): "attacked",
    ("open", "fire"): "attacked",
}
_LIGHT_PHRASES = {**LIGHT_VERB_PHRASES, **_EXTRA_LIGHT_PHRASES}


def verbs(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        lemma = verb.lemma_.lower()
        light = _light_relation(verb)
        relation = light or _VERB_RELATIONS.get(lemma)
        if relation is None:
            continue
        if lemma == "warn" and not _warns_of_force(verb):
            continue  # "warned Blair that the war could be illegal": advice, not a threat
        factor = 0.0 if _prevented(verb) else assertion_factor(verb)
        if verb.dep_ == "pcomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
            # "was not convicted of killing Y": the governing verb carries the negation
            factor = min(factor, assertion_factor(verb.head.head))
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        controller = _object_controller(verb, reader)
        if controller:  # "prompting Tehran to accuse Washington": Tehran accuses
            agents = controller
        elif _lent_weapon(verb):
            continue
        if verb.dep_ in {"xcomp", "ccomp"} and verb.head.lemma_.lower() in _HELP_VERBS:
            factor = min(factor, assertion_factor(verb.head))  # "did not help Y fight Z"
            if factor == 0:
                continue
        agents = speaker_pronoun(verb, reader) or agents
        if not agents:
            agents = subject_fallback(verb, reader, passive=passive)
        if not agents and not passive and relation in {"accused", "condemned", "threatened"}:
            # "Nigerian officials blamed X", "the Pakistani government accused Y"
            agents = [
                a for c in verb.children if c.dep_ == "nsubj" for a in state_speakers(c, reader)
            ]
        if relation in {"accused", "condemned"} and _addressee_participle(verb):
            # "wrote to the watchdog accusing X": the writer accuses, not the watchdog
            agents, passive = agents_of(verb.head.head.head, reader)
            if passive:
                continue
        if not agents and passive and relation in {"accused", "condemned"}:
            # "Y was blamed for the attack by X": the agent hung on the act
            agents = [
                a
                for p in _pobjs(verb, {"for"})
                for b in _pobjs(p, {"by"})
                for a in reader.actors(b)
            ]
        if passive and not agents and relation == "sanctioned":
            # "Mali and Guinea, suspended from ECOWAS": the body one is put out of
            agents = [
                a
                for p in _pobjs(verb, {"from"})
                for a in reader.actors(p)
                if a.span.label_ in {"InternationalOrganization", "Coalition"}
            ]
        if passive:
            # "X was hit by Y", "X, hit by Y", "Hit by Y, X ..." (a fronted participle)
            patients = patients_of(verb, reader, sites=relation == "attacked")
            if not patients and relation == "attacked":  # "the Hamas convoy was hit by X"
                patients = [a for h in _passive_heads(verb) for a in attack_targets(h, reader)]
            if not patients and verb.dep_ == "acl":  # "Hamas, blamed by Israel for ..."
                patients = reader.actors(verb.head)
        else:
            patients = [
                a
                for c in verb.children
                if c.dep_ in {"dobj", "dative"}
                for a in (attack_targets(c, reader) if relation == "attacked" else reader.actors(c))
            ]
            if not patients and relation in {"accused", "condemned"}:
                # "blamed Abu Sayyaf militants for X": the armed men's group
                patients = [a for c in verb.children if c.dep_ == "dobj" for a in _owned(c, reader)]
            if not patients and not any(c.dep_ == "dobj" for c in verb.children):
                # "has armed and trained the army": the object hangs on the last verb
                patients = [
                    a
                    for v in verb.children
                    if v.dep_ == "conj"
                    and v.pos_ == "VERB"
                    and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in v.children)
                    for c in v.children
                    if c.dep_ == "dobj"
                    for a in reader.actors(c)
                ]
        if not passive and verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "Hamas, blamed by Israel for the attack": the noun is the patient
            by = [a for p in _pobjs(verb, {"by"}) for a in reader.actors(p)]
            if by:
                agents, passive = by, True
                patients = reader.actors(verb.head)
        # "fired at X", "strikes on X" are attacks; other relations take "against" only
        preps = _VERB_PREPS.get(relation, set())
        if lemma in _PERSON_KILLING and any(p.span.label_ == "Person" for p in patients):
            preps = preps - {"at"}  # "Y was shot by X at the Exposition": the scene
        patients += [a for p in _pobjs(verb, preps) for a in reader.actors(p, sites=True)]
        if relation == "accused" and light:  # "they hold Hamas responsible" (parsed as a clause)
            patients += [
                a
                for c in verb.children
                if c.dep_ in {"ccomp", "xcomp", "acomp"}
                for sub in c.children
                if sub.dep_ == "nsubj"
                for a in reader.actors(sub)
            ]
        if relation == "alliedWith" and lemma in {"ally", "side", "align"}:  # "X allied with Y"
            patients += [a for p in _pobjs(verb, {"with"}) for a in reader.actors(p)]
        if relation == "attacked" and any(  # "targeted Iran with sanctions"
            p.lower_ in {"sanctions", "embargo"} for p in _pobjs(verb, {"with"})
        ):
            relation = "sanctioned"
        if relation == "sanctioned" and light:  # "imposed an embargo on X"
            heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
            targets = [p for h in heads for p in _pobjs(h, {"on", "against"})]
            patients += [a for p in targets for a in reader.actors(p)]
            patients += [  # "sanctions on Iran's drone programme": whose it is
                reader.arg(m)
                for p in targets
                if not reader.actors(p)
                for c in p.children
                if c.dep_ == "poss"
                for m in [reader.mention(c)]
                if m is not None and m.label_ != "Person"
            ]
        if relation == "accused":  # "blamed the bombing on X", "pointed the finger at X"
            patients += [
                a
                for c in verb.children
                if c.dep_ == "dobj"
                for p in _pobjs(c, {"on"})
                for a in reader.actors(p)
            ]
            patients += [a for p in _pobjs(verb, {"on", "at"}) for a in reader.actors(p)]
        if relation == "attacked" and not patients and not passive:
            # "X shot and mortally wounded Y": the object of a coordinated verb
            patients = [
                a
                for c in verb.children
                if c.dep_ == "conj"
                and c.pos_ == "VERB"
                and not any(s.dep_ in {"nsubj", "nsubjpass"} for s in c.children)
                for o in c.children
                if o.dep_ == "dobj"
                for a in attack_targets(o, reader)
            ]
        if relation == "attacked":  # "struck X, including Hezbollah bases"
            patients += [a for p in _pobjs(verb, {"including"}) for a in attack_targets(p, reader)]
            # "killed 20 people, including Turkish soldiers": the object's examples
            patients += [
                a
                for c in verb.children
                if c.dep_ in {"dobj", "nsubjpass"}
                for p in _pobjs(c, {"including"})
                for a in attack_targets(p, reader)
            ]
        if relation == "attacked" and lemma in BOMBARD_VERBS:
            patients += _struck_places(verb, reader)
        elif (
            relation == "attacked"
            and lemma in _ASSAULT_VERBS
            and (
                any(a.span.label_ in _ARMED_LABELS for a in agents)
                or any(c.dep_ == "nsubj" and c.lower_ in _ARMS for c in verb.children)
            )
        ):  # "gunmen attacked a base in X"; not "the minister hit schools in Wales"
            patients += _struck_places(verb, reader)
        elif (
            relation == "attacked"
            and lemma in _PERSON_KILLING
            and not passive
            and not patients
            and any(a.span.label_ in _ARMED_LABELS for a in agents)
        ):  # "the PKK killed two police officers in Ceylanpinar": where it struck
            patients += _killing_scenes(verb, reader)
        if relation == "attacked" and lemma in _TAKING_VERBS:
            patients = [p for p in patients if p.span.label_ in {"Place", "Facility"}]
        if (
            not patients
            and relation in {"condemned", "accused", "threatened"}
            and not (relation == "accused" and _blamed_someone_unnamed(verb))
        ):
            patients = _event_agents(verb, reader)
        patients = [p for p in patients if not _negated_conjunct(p.span)]
        extractor = "light_verb" if light else ("passive" if passive else "verb")
        if lemma in PLACE_VERBS and relation == "presentIn":
            places = [
                a
                for p in _pobjs(verb, {"in", "to", "at", "into"})
                for a in reader.actors(p)
                if a.span.label_ in _PLACES
            ]
            objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
            military = any(o.lower_ in FORCE_NOUNS or o.lemma_ in FORCE_NOUNS for o in objs) or any(
                p.span.label_ in {"MilitaryForce", "Weapon"} for p in patients
            )
            if lemma in {"send", "dispatch"} and not military:
                continue
            troops = [p for p in patients if p.span.label_ in _ACTORS]
            # "Obama, who has deployed 45 troops to Juba": the sender stays home
            senders = [a for a in agents if a.span.label_ != "Person" or lemma not in _SENDING]
            who = troops or senders
            for t in who:
                for pl in places:
                    yield Candidate(t, "presentIn", pl, extractor, factor)
            continue
        if relation == "attacked":
            speakers = alleged_by(verb, agents, reader) if patients else []
            # "Putin says Russian forces have captured Grozny": a leader reports his own
            speakers = [s for s in speakers if not _own_side(s, agents, reader)]
            if speakers:  # "Iran said Israel had bombed X": Iran's allegation, not a fact
                for s in speakers:
                    for a in agents:
                        yield Candidate(s, "accused", a, "allegation", factor)
                continue
        if relation == "attacked" and lasting(verb):
            # "X has shelled Y for four days", "X has bombed Y since 2014": a campaign too
            for a in agents:
                for p in patients:
                    if p.span.label_ not in {"Place", "Facility"} and not verbal_attack(
                        a.span.label_, p.span.label_
                    ):
                        yield Candidate(a, "fightsAgainst", p, "lasting_attack", factor)
        for a in agents:
            for p in patients:
                if (
                    relation == "attacked"
                    and lemma in _VERBAL_ATTACKS
                    and verbal_attack(a.span.label_, p.span.label_)
                ):
                    continue  # "Fox attacked Blair" in politics is criticism
                if relation == "fightsAgainst" and a.span.label_ == p.span.label_ == "Person":
                    continue  # "Cragg defeated Bekele in Boston": a race, an election
                if lemma in _STATE_ACTS and a.span.label_ not in _STATE_LABELS:
                    continue  # "UEFA banned the player": not a state's sanction
                if lemma in REVERSED_VERBS and not light:
                    yield Candidate(
                        p, relation, a, "host" if relation == "presentIn" else extractor, factor
                    )
                else:
                    yield Candidate(a, relation, p, extractor, factor)


def _addressee_participle(verb: Token) -> bool:
    """ "has written to the watchdog accusing X": a participle hung on the addressee."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and verb.head.dep_ == "pobj"
        and verb.head.head.lower_ == "to"
        and verb.head.head.head.pos_ in {"VERB", "AUX"}
    )


def _passive_heads(verb: Token) -> list[Token]:
    """What a passive verb or participle is done to, as tokens: its passive subject, the
    noun a participle modifies, or the subject of the clause a fronted participle opens."""
    subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if subj:
        return subj
    if verb.dep_ in {"acl", "amod"} and verb.tag_ == "VBN":
        return [verb.head]
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.i < verb.head.i:
        return [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return []


def _prevented(verb: Token) -> bool:
    """ "detained to prevent him from fighting X": an act stopped is not an act done."""
    return (
        verb.dep_ == "pcomp"
        and verb.head.lower_ == "from"
        and verb.head.head.lemma_.lower() in _PREVENTING_VERBS
    )


def _warns_of_force(verb: Token) -> bool:
    """A warning is a threat when it announces force or a price to pay: "warned Turkey of
    consequences", "warned Iran that attacks would be answered with a response"; not when it
    gives advice ("warned the BBC to steer away") or a forecast ("warned that X could fail")."""
    if any(c.dep_ == "xcomp" for c in verb.children):
        return False
    content = [
        c
        for c in verb.children
        if c.dep_ in {"ccomp", "prep"} and c.lower_ not in {"on", "in", "at"}
    ]
    # the warning's predicate and what hangs from it, not what its subject mentions
    # ("warned that attacking X had brought trouble")
    for _ in range(2):
        content += [
            g
            for c in content
            for g in c.children
            if g.dep_ not in {"nsubj", "nsubjpass", "csubj", "advcl", "mark"} and g not in content
        ]
    if not content:
        return True  # "Russia warned Turkey"
    return any(
        t.lemma_.lower() in _FORCE_WORDS or _VERB_RELATIONS.get(t.lemma_.lower()) == "attacked"
        for t in content
    )


def _negated_conjunct(span: Span) -> bool:
    """ "only PIJ, and not Hamas": the second conjunct is excluded."""
    root = span.root
    if root.dep_ == "conj" and any(c.dep_ == "neg" for c in root.children):
        return True
    return span.start > 0 and span.doc[span.start - 1].lower_ in {"not", "never"}


def _object_controller(verb: Token, reader: SentenceReader) -> list[Arg]:
    """The object of a verb of causing or asking is the subject of its infinitive:
    "prompting Tehran to accuse Washington", "urged Iraq to condemn X", "helped Y defeat Z"
    (a bare infinitive)."""
    if verb.dep_ != "xcomp":
        return []
    bare = verb.head.lemma_.lower() in _HELP_VERBS
    if not bare and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    return [a for c in verb.head.children if c.dep_ == "dobj" for a in reader.actors(c)]


def _event_agents(verb: Token, reader: SentenceReader, *, fallback: bool = True) -> list[Arg]:
    """Who did the act a verb condemns: "slammed the US attack", "condemned it".

    The event's own agent when it has one ("the US attack", "Israel's strikes"),
    else the latest attacker read earlier in the article (event coreference).
    """
    for obj in verb.children:
        if obj.dep_ not in {"dobj", "nsubjpass"}:
            continue
        event = obj.lemma_.lower() in _EVENTS or obj.lower_ in _EVENTS
        if not event and not (obj.lower_ == "it" and obj.pos_ == "PRON"):
            continue
        own = [
            reader.arg(m)
            for c in obj.children
            if c.dep_ in {"poss", "compound", "amod"}
            for m in [reader.named_or_demonym(c)]
            if m is not None
        ]
        # "the attack by Hamas", "the blockade imposed by Israel", "the raid carried out by X"
        own += [a for p in _pobjs(obj, {"by"}) for a in reader.actors(p)]
        own += [
            a
            for c in obj.children
            if c.dep_ == "acl" and c.tag_ == "VBN"
            for p in _pobjs(c, {"by"})
            for a in reader.actors(p)
        ]
        if own:
            return own
        if not fallback:
            continue
        # "condemned the shelling of Knin": whoever the article said attacked Knin
        for p in _pobjs(obj, {"of", "on", "against"}):
            for target in reader.actors(p, sites=True):
                known = reader.attackers_of.get(target.span.kb_id_)
                if known is not None:
                    return [Arg(known.span, 0.7 * known.factor)]
        last = reader.last_attacker
        if last is not None and _may_be_named_by(obj, last):
            return [Arg(last.span, 0.7 * last.factor)]
    return []


#: words that give an act's side by its kind: "the rebel offensive", "the militant attack"
_IRREGULAR_SIDES = frozenset(
    "rebel rebels militant insurgent jihadist islamist terrorist guerrilla gang separatist "
    "militia".split()
)


def _may_be_named_by(event: Token, attacker: Arg) -> bool:
    """Whether the latest attacker can be the side an event's modifier names: "the rebel
    offensive" is not the army that struck last."""
    said = any(
        c.lower_ in _IRREGULAR_SIDES for c in event.children if c.dep_ in {"amod", "compound"}
    )
    return not said or attacker.span.label_ == "ArmedGroup"


def _light_relation(verb: Token) -> str | None:
    """ "vowed revenge", "held X responsible", "identified as being responsible"."""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        # "as being responsible": look a few levels down a preposition
        words = [w for w in c.subtree if w.i - c.i <= 3] if c.dep_ == "prep" else [c]
        if c.dep_ == "dobj":  # "held Boko Haram responsible", the adjective hung on the name
            words += [w for w in c.children if w.dep_ == "amod" and w.i > c.i]
        for w in words:
            rel = _LIGHT_PHRASES.get((lemma, w.lower_)) or _LIGHT_PHRASES.get(
                (lemma, w.lemma_.lower())
            )
            if rel:
                return rel
    return None


#: verbs of helping someone do something: "X helped Y defeat Z"
_HELP_VERBS = frozenset("help assist aid enable".split())
#: what one side lends another: "Turkish drones helped Y", "Russian air power helped Y"
_AID_NOUNS = ARMED_NOUNS | frozenset(
    "power support strikes airstrikes weapons arms advisers advisors aid backing "
    "assistance intelligence".split()
)


#: what is lent but does not fight: "Turkish drones helped defeat X" (not Turkey's forces)
_WEAPON_AID = _AID_NOUNS - frozenset(
    "fighters militants gunmen troops soldiers forces units navy commandos militiamen "
    "insurgents advisers advisors".split()
)


def _lent_weapon(verb: Token) -> bool:
    """ "Turkish drones helped defeat X": the fight is not the weapon's maker's."""
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in _HELP_VERBS:
        return False
    return any(
        c.dep_ == "nsubj" and (c.lower_ in _WEAPON_AID or c.lemma_.lower() in _WEAPON_AID)
        for c in verb.head.children
    )


CONFIDENCE = {
    "allegation": 0.8,
    "lasting_attack": 0.75,
}

PATTERNS = (verbs,)
