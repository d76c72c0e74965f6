"""Verbs and light-verb phrases, active and passive: "X bombed Y", "Y was attacked by X",
"held X responsible", "vowed revenge"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import (
    EVENT_NOUNS,
    FORCE_NOUNS,
    LIGHT_VERB_PHRASES,
    PLACE_VERBS,
    REVERSED_VERBS,
    SPEECH_VERBS,
    STATE_NOUNS,
    VERB_RELATIONS,
)
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
        "assassinate besiege pound blockade overrun capture seize recapture retake".split(),
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

#: moving into a place by force: "pushed into Mosul", "advanced into the town"
_INCURSION_VERBS = frozenset("push advance sweep storm roll march smash break".split())
_ARMED_LABELS = frozenset({"ArmedGroup", "MilitaryForce", "Coalition", "Country"})

#: verbs that take a place or base, never a person or group: "captured Ramadi"
_TAKING_VERBS = frozenset("overrun capture seize recapture retake".split())

#: verbs of bombardment: the place a strike lands in is attacked ("bombed targets in Gaza")
BOMBARD_VERBS = frozenset("bomb shell bombard strike raid pound".split())

#: nouns for what an armed actor owns and others strike: "Hezbollah targets",
#: "an Israeli patrol", "a Russian warplane"
TARGET_NOUNS = frozenset(
    "target targets position positions patrol patrols convoy convoys warplane warplanes jet "
    "jets plane planes aircraft helicopter helicopters drone drones ship ships vessel vessels "
    "tanker tankers warship warships outpost outposts stronghold strongholds hideout hideouts "
    "installation installations infrastructure fighters militants commander commanders "
    "leader leaders troops soldiers forces units positions lines territory".split()
)

#: buildings and sites a strike hits: "struck a house in X"
_STRUCTURES = frozenset(
    "house home building buildings headquarters base camp site factory school hospital "
    "mosque market compound depot warehouse checkpoint apartment car vehicle".split()
)

#: nouns for armed men and weapons, named by their owner: "Hamas fighters", "an Israeli
#: missile"
ARMED_NOUNS = frozenset(
    "fighters militants gunmen troops soldiers forces units jets warplanes planes aircraft "
    "drone drones missile missiles rocket rockets artillery tanks helicopters navy "
    "commandos militiamen insurgents".split()
)

#: descriptive nouns naming a place: "the town of Kobani"
PLACE_NOUNS = frozenset(
    "town city village province region district area suburb neighbourhood neighborhood "
    "capital port enclave strip areas towns cities villages neighbourhoods neighborhoods "
    "suburbs districts regions".split()
)

#: what is launched at a target: "fired rockets at X", "launched drones towards Y"
PROJECTILE_NOUNS = frozenset(
    "rocket rockets missile missiles drone drones mortar mortars shell shells bomb bombs "
    "projectile projectiles salvo salvoes barrage grenade grenades teargas bullets artillery "
    "munitions volley".split()
)
_LAUNCH_VERBS = frozenset("fire launch lob send aim hurl shoot".split())
#: firearms and shots fired at someone: "fired a rifle at X", "fired two shots at Y"
_FIREARM_NOUNS = frozenset(
    "rifle rifles gun guns pistol pistols revolver revolvers shot shots round rounds "
    "bullet bullets weapon weapons shotgun".split()
)
_LAUNCH_PREPS = frozenset({"at", "on", "into", "towards", "toward", "against"})

#: "prevented X from attacking Y": the act did not happen
_PREVENTING_VERBS = frozenset(
    "prevent stop bar deter keep ban prohibit dissuade restrain block discourage".split()
)

#: what a warning that is a threat announces
_FORCE_WORDS = frozenset(
    "response respond retaliation retaliate consequence price revenge force punish "
    "punishment reprisal retribution strike attack action".split()
)

#: "vowed to retaliate against X", "threatened to respond to Y", "threatened to attack Z"
_PROMISE_VERBS = frozenset("vow pledge promise threaten swear".split())
_RESPONSE_VERBS = frozenset(
    "retaliate respond avenge strike hit punish crush destroy eliminate prevent stop "
    "attack target bomb shell fight kill invade".split()
)

#: "regards X as a terrorist group", "which Israel considers a terrorist organisation"
_REGARD_VERBS = frozenset("consider regard deem see view designate list brand class".split())
#: verbs of speech that call someone a terrorist: an accusation, not a designation
_CALLING_VERBS = frozenset("describe call dub".split())
_TERROR_WORDS = frozenset({"terrorist", "terrorists", "terror", "terrorism"})
#: who can designate or outlaw: states and their bodies
_STATE_LABELS = frozenset({"Country", "GovernmentBody", "InternationalOrganization"})

#: "the outlawed PKK", "the banned Muslim Brotherhood"
_OUTLAWED = frozenset({"outlawed", "banned", "proscribed"})

#: "Y was behind the attack", "Y was responsible for the bombing"
_CULPRIT_WORDS = frozenset({"behind", "responsible", "culprit", "culprits", "perpetrator"})
#: verbs that report a claim: "X said Y was behind it"
_CLAIM_SPEECH = SPEECH_VERBS | frozenset("believe allege report charge conclude suspect".split())

#: acts someone can be behind or responsible for: "Y was behind the bombing"
VIOLENT_ACTS = EVENT_NOUNS | frozenset(
    "violence killing death murder explosion blast bombing massacre assassination incident "
    "plot kidnapping abduction shooting ambush attack strike raid".split()
)

#: nouns that call an act a crime: "called the attack a war crime"
_CRIME_NOUNS = frozenset(
    "crime crimes massacre terrorism aggression atrocity atrocities violation violations "
    "outrage provocation".split()
)

#: arguments in politics: "Blair attacked Howard", "Labour slammed the Tories"
_POLITICAL = frozenset({"Person", "PoliticalGroup"})
#: who attacks in words: people, parties, offices, companies, newspapers
_CIVIL = _POLITICAL | {"Organization", "GovernmentBody", "MediaOrganization"}
#: sanctions only a state can impose
_STATE_ACTS = frozenset({"ban", "outlaw"})


def verbal_attack(agent: str, target: str) -> bool:
    """Whether an "attack" between these kinds of actor is most likely criticism:
    "Fox attacked Blair", "the Sun attacked Labour", "Butler launches attack on Blair"."""
    return agent in _CIVIL and target in _CIVIL


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
        agents = speaker_pronoun(verb, reader) or agents
        if not agents:
            agents = subject_fallback(verb, reader, passive=passive)
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
            patients += [
                a for h in heads for p in _pobjs(h, {"on", "against"}) for a in reader.actors(p)
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
        if relation == "attacked" and lemma in _TAKING_VERBS:
            patients = [p for p in patients if p.span.label_ in {"Place", "Facility"}]
        if not patients and relation in {"condemned", "accused", "threatened"}:
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
            who = troops or agents
            for t in who:
                for pl in places:
                    yield Candidate(t, "presentIn", pl, extractor, factor)
            continue
        if relation == "attacked":
            speakers = alleged_by(verb, agents, reader) if patients else []
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
                if lemma in _STATE_ACTS and a.span.label_ not in _STATE_LABELS:
                    continue  # "UEFA banned the player": not a state's sanction
                if lemma in REVERSED_VERBS and not light:
                    yield Candidate(
                        p, relation, a, "host" if relation == "presentIn" else extractor, factor
                    )
                else:
                    yield Candidate(a, relation, p, extractor, factor)


def attack_targets(tok: Token, reader: SentenceReader) -> list[Arg]:
    """What an attack's object names: an actor, a site, an actor's assets ("Hezbollah
    targets", "an Israeli patrol", "a Russian warplane") or a place ("the town of Kobani")."""
    out = reader.actors(tok, sites=True)
    if out:
        return out
    low = tok.lower_
    if low in TARGET_NOUNS or tok.lemma_.lower() in TARGET_NOUNS:
        out = [
            reader.arg(m)
            for c in tok.children
            if c.dep_ in {"poss", "compound", "amod", "nmod"}
            for m in [reader.named_or_demonym(c)]
            if m is not None and m.label_ in _ACTORS
        ]
        out += [a for p in _pobjs(tok, {"of"}) for a in reader.actors(p)]
    if not out and (low in TARGET_NOUNS | _STRUCTURES or tok.lemma_.lower() in _STRUCTURES):
        out = _belonging_to(tok, reader)  # "a camp belonging to X", "a base run by X"
    if out:
        return out
    if low in PLACE_NOUNS or tok.lemma_.lower() in PLACE_NOUNS:
        # "the town of Kobani"; "populated areas in Saudi Arabia"
        preps = {"of", "in", "across"} if tok.tag_ == "NNS" else {"of"}
        out = [a for p in _pobjs(tok, preps) for a in reader.actors(p) if a.span.label_ in _PLACES]
    return out


#: participles that name a site's owner: "a camp belonging to X", "a base run by X"
_OWNING_PARTICIPLES = frozenset("belong run operate use own control hold man".split())


def _belonging_to(noun: Token, reader: SentenceReader) -> list[Arg]:
    """The owner a participle names for a site: "a camp belonging to X", "a depot used by X"."""
    out: list[Arg] = []
    for c in noun.children:
        if c.dep_ != "acl" or c.lemma_.lower() not in _OWNING_PARTICIPLES:
            continue
        if c.tag_ == "VBG" and c.lemma_.lower() == "belong":
            out += [a for p in _pobjs(c, {"to"}) for a in reader.actors(p)]
        elif c.tag_ == "VBN":
            out += [a for p in _pobjs(c, {"by"}) for a in reader.actors(p)]
    return [a for a in out if a.span.label_ in _ACTORS]


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


#: nouns of a span of time: "has faced air strikes for years", "shelled X for four days"
_SPAN_NOUNS = frozenset("day days year years month months week weeks decade decades".split())


def lasting(verb: Token) -> bool:
    """A clause over a span of time: "since 2014", "for years", "over the past year"."""
    for c in verb.children:
        if c.dep_ != "prep":
            continue
        if c.lower_ == "since":
            return True
        if c.lower_ in {"for", "over", "throughout"} and any(
            p.lemma_.lower() in _SPAN_NOUNS or p.lower_ in _SPAN_NOUNS
            for p in _pobjs(verb, {c.lower_})
        ):
            return True
    return False


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


def subject_fallback(verb: Token, reader: SentenceReader, *, passive: bool = False) -> list[Arg]:
    """Agents the shared reader misses, by the shape of the clause.

    "Hamas fighters ambushed X", "struck by an Israeli missile" (armed men or weapons
    named by their owner); "Israel, which has struck X" (a relative clause hanging from
    the wrong noun); "the IDF said it had bombed X" (a pronoun that repeats the speaker).
    """
    # "when IS pushed into Mosul": the model reads the acronym "IS" as an auxiliary
    named_aux = [
        reader.arg(m)
        for c in verb.children
        if c.dep_ in {"aux", "auxpass"} and c.text.isupper()
        for m in [reader.mention(c)]
        if m is not None and m.label_ in _ACTORS
    ]
    if named_aux:
        return named_aux
    if passive:
        return [a for p in _pobjs(verb, {"by"}) for a in _owned(p, reader)]
    out: list[Arg] = []
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ in {"xcomp", "conj"}:  # "Hamas fighters resumed firing at X"
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj" and c.lower_ in ARMED_NOUNS]
    for sub in subjects:
        out += _owned(sub, reader)
        if out:
            continue
        low = sub.lower_
        if low in {"which", "who", "that"} and sub.i > sub.sent.start:
            m = reader.mention(sub.doc[sub.i - 1])
            if m is not None and m.end == sub.i and m.label_ in _ACTORS:
                out.append(reader.arg(m))
        elif sub.pos_ == "PRON" and low in {"it", "they", "he", "she"}:
            speech = verb.head if verb.dep_ == "ccomp" else None
            if speech is not None and speech.lemma_.lower() in SPEECH_VERBS:
                for c in speech.children:
                    if c.dep_ == "nsubj":
                        out += [
                            Arg(a.span, 0.7 * a.factor)
                            for a in reader.actors(c)
                            if (a.span.label_ == "Person") == (low in {"he", "she"})
                        ]
    return out


def speaker_pronoun(verb: Token, reader: SentenceReader) -> list[Arg]:
    """ "Israeli officials signalled they are targeting X", "the IDF said it struck X":
    "it"/"they" in what a group or state says is that speaker, whatever an earlier
    sentence named."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in _CLAIM_SPEECH | {"signal"}:
        return []
    pron = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in {"it", "they", "we"}]
    if not pron:
        return []
    out: list[Arg] = []
    for sub in verb.head.children:
        if sub.dep_ != "nsubj":
            continue
        found = [a for a in reader.actors(sub) if a.span.label_ != "Person"]
        if not found and sub.lower_ in STATE_NOUNS:  # "Israeli officials"
            found = [
                reader.arg(m)
                for c in sub.children
                if c.dep_ in {"amod", "compound", "poss"}
                for m in [reader.named_or_demonym(c)]
                if m is not None and m.label_ in _STATE_LABELS
            ]
        out += found
    return out


def _owned(noun: Token, reader: SentenceReader) -> list[Arg]:
    """ "Hamas fighters", "an Israeli missile", "Turkish jets" -> the owner."""
    if noun.lower_ not in ARMED_NOUNS and noun.lemma_.lower() not in ARMED_NOUNS:
        return []
    return [
        reader.arg(m)
        for c in noun.children
        if c.dep_ in {"poss", "compound", "amod", "nmod"}
        for m in [reader.named_or_demonym(c)]
        if m is not None and m.label_ in _ACTORS
    ]


def _struck_places(verb: Token, reader: SentenceReader) -> list[Arg]:
    """Where bombs fell: "bombed PIJ targets in Gaza", "struck a building in Gaza City".

    Towns and regions only: a country named as the scene ("in Syria") is not itself
    the target.
    """
    hit = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    weapons = [p for p in _pobjs(verb, {"by"}) if p.lemma_.lower() in ARMED_NOUNS]
    # only where something was struck: "bombed targets in X", "struck by a missile in X";
    # not "struck a deal in Brussels"
    if not weapons and not any(_struck_thing(h, reader) for h in hit):
        return []
    heads = [verb, *hit, *weapons]
    heads += _pobjs(verb, {"including"})  # "bombed targets, including a base in X"
    return [
        a
        for h in heads
        for p in _pobjs(h, {"in"})
        for a in reader.actors(p)
        if a.span.label_ in {"Place", "Facility"}
    ]


def _struck_thing(noun: Token, reader: SentenceReader) -> bool:
    low, lemma = noun.lower_, noun.lemma_.lower()
    return (
        bool(attack_targets(noun, reader))
        or low in TARGET_NOUNS
        or lemma in TARGET_NOUNS | _STRUCTURES
    )


def _negated_conjunct(span: Span) -> bool:
    """ "only PIJ, and not Hamas": the second conjunct is excluded."""
    root = span.root
    if root.dep_ == "conj" and any(c.dep_ == "neg" for c in root.children):
        return True
    return span.start > 0 and span.doc[span.start - 1].lower_ in {"not", "never"}


def _object_controller(verb: Token, reader: SentenceReader) -> list[Arg]:
    """The object of a verb of causing or asking is the subject of its infinitive:
    "prompting Tehran to accuse Washington", "urged Iraq to condemn X"."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    return [a for c in verb.head.children if c.dep_ == "dobj" for a in reader.actors(c)]


def alleged_by(verb: Token, agents: list[Arg], reader: SentenceReader) -> list[Arg]:
    """Named third parties whose report a clause is: "Iran said Israel had bombed X".

    Empty when the speaker is, or speaks for, the agent ("the IDF said it had bombed",
    "Israeli officials said Israel struck") or when nobody named speaks.
    """
    node = verb
    for _ in range(4):
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in _CLAIM_SPEECH:
            break
        if node.dep_ not in {"conj", "xcomp", "relcl", "advcl"} or node.head == node:
            return []
        node = node.head
    else:
        return []
    speech = node.head
    subjects = [c for c in speech.children if c.dep_ == "nsubj"]
    speakers = [a for s in subjects for a in reader.actors(s)]
    if not speakers or not agents:
        return []
    keys = {a.span.kb_id_ for a in agents}
    for s in subjects:  # "Israeli officials", "Israel's military" speak for Israel
        for t in s.subtree:
            m = reader.named_or_demonym(t)
            if m is not None and m.kb_id_ in keys:
                return []
    if any(_same_state(s, a, reader) for s in speakers for a in agents):
        return []  # "the Pentagon said American warplanes struck X": its own forces
    return [s for s in speakers if s.span.kb_id_ not in keys]


_STATE_ORGANS = frozenset({"Country", "GovernmentBody", "MilitaryForce"})


def _same_state(speaker: Arg, agent: Arg, reader: SentenceReader) -> bool:
    """Whether a state organ speaks for the state whose forces acted: the known names of
    both carry the same country ("United States Department of Defense", "United States
    Armed Forces"), or one of them is that country."""
    gaz = reader.gazetteer
    if gaz is None or speaker.span.label_ not in _STATE_ORGANS:
        return False
    if agent.span.label_ not in _STATE_ORGANS or speaker.span.label_ == agent.span.label_:
        return False
    names = []
    for arg in (speaker, agent):
        key = arg.span.kb_id_
        entry = gaz.entries.get(key[4:]) if key.startswith("gaz:") else None
        if entry is None:
            return False
        names.append(f" {entry.name.lower()} ")
    for country in gaz.entries.values():
        if country.type != "Country":
            continue
        words = {country.name.lower(), *(d.lower() for d in country.demonyms)}
        if all(any(f" {w} " in n or n.strip() == w for w in words) for n in names):
            return True
    return False


def launches(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hamas fired rockets at Israel", "the Houthis launched drones towards X"."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _LAUNCH_VERBS:
            continue
        objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        gun = verb.lemma_.lower() in {"fire", "shoot"} and (
            # "fired at X" (not "fired back at critics"), "fired a rifle at X"
            all(o.lemma_.lower() in _FIREARM_NOUNS for o in objs)
            and not any(c.lower_ == "back" for c in verb.children)
        )
        if not gun and not any(
            o.lower_ in PROJECTILE_NOUNS or o.lemma_ in PROJECTILE_NOUNS for o in objs
        ):
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        targets = [
            a
            for h in [verb, *objs]
            for p in _pobjs(h, _LAUNCH_PREPS)
            for a in attack_targets(p, reader)
        ]
        agents, passive = agents_of(verb, reader)
        agents = speaker_pronoun(verb, reader) or agents
        agents = agents or subject_fallback(verb, reader, passive=passive)
        if alleged_by(verb, agents, reader):
            continue  # another's report: the allegation pattern has it
        for a in agents:
            for t in targets:
                yield Candidate(a, "attacked", t, "launch", factor)


def incursions(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Islamic State pushed into Mosul", "the army advanced into Ramadi" -> attacked."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _INCURSION_VERBS:
            continue
        places = [
            a for p in _pobjs(verb, {"into"}) for a in reader.actors(p) if a.span.label_ in _PLACES
        ]
        if not places:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        agents = agents or subject_fallback(verb, reader, passive=passive)
        for a in agents:
            if a.span.label_ not in _ARMED_LABELS:
                continue  # "protesters pushed into the square", "the minister swept into Paris"
            for pl in places:
                yield Candidate(a, "attacked", pl, "incursion", factor)


def culprits(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X said Y was behind the attack", "X believes Y was responsible for it" -> accused."""
    for be in sent:
        if be.lemma_ != "be" or be.dep_ != "ccomp":
            continue
        speech = be.head
        if speech.lemma_.lower() not in _CLAIM_SPEECH:
            continue
        cue = [
            c
            for c in be.children
            if (c.dep_ == "prep" and c.lower_ == "behind")
            or (c.dep_ in {"acomp", "attr"} and c.lower_ in _CULPRIT_WORDS)
        ]
        # behind or responsible for an act of violence, not "responsible for huge waste"
        if not cue:
            continue
        acts = [p for c in cue for p in [*_pobjs(c, {"for"}), *c.children]]
        named_culprit = any(c.lower_ in {"culprit", "culprits", "perpetrator"} for c in cue)
        violent = any(p.lemma_.lower() in VIOLENT_ACTS or p.lower_ in {"it", "this"} for p in acts)
        if not (named_culprit or violent):
            continue
        factor = min(assertion_factor(speech), assertion_factor(be))
        if factor == 0:
            continue
        accusers, _ = agents_of(speech, reader)
        accused = [a for c in be.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        for a in accusers:
            for b in accused:
                yield Candidate(a, "accused", b, "culprit", factor)


def vows(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X vowed to retaliate against Y", "X threatened to respond to Y's attack"."""
    for verb in sent:
        if verb.lemma_.lower() not in _RESPONSE_VERBS or verb.dep_ != "xcomp":
            continue
        if verb.head.lemma_.lower() not in _PROMISE_VERBS:
            continue
        factor = assertion_factor(verb.head)
        if factor == 0:
            continue
        targets = [
            a
            for c in verb.children
            if c.dep_ == "dobj"
            for a in (reader.actors(c) or _owners(c, reader))
        ]
        targets += [
            a
            for p in _pobjs(verb, {"against", "to", "on"})
            for a in (reader.actors(p) or _owners(p, reader))
        ]
        agents, _ = agents_of(verb.head, reader)
        for a in agents:
            for t in targets:
                yield Candidate(a, "threatened", t, "vow", factor)


def designations(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Y, which X considers a terrorist group", "X regards Y as terrorists" -> sanctioned,
    when X is a state or one of its bodies; "X described Y as a terrorist" -> accused."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in _REGARD_VERBS | _CALLING_VERBS:
            continue
        terror = [n for n in _complements(verb) if _terror_noun(n)]
        if not terror:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            objs = [c for c in verb.children if c.dep_ == "nsubjpass"]
        else:
            objs = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        groups: list[Arg] = [a for o in objs if not _terror_noun(o) for a in reader.actors(o)]
        relative = any(c.lower_ in {"which", "who", "whom", "that"} for c in verb.children)
        if verb.dep_ == "relcl" and relative:  # "Hamas, which Egypt considers terrorist"
            groups += reader.actors(verb.head)
        for s in agents:
            state = s.span.label_ in _STATE_LABELS and lemma in _REGARD_VERBS
            relation = "sanctioned" if state else "accused"
            for g in groups:
                yield Candidate(s, relation, g, "designation", factor)


def _complements(verb: Token) -> list[Token]:
    """What a verb of regarding says its object is: "considers X a terrorist group",
    "sees X as terrorists", "designated X a terrorist organisation"."""
    out = [c for c in verb.children if c.dep_ in {"oprd", "attr", "xcomp", "dobj"}]
    out += list(_pobjs(verb, {"as"}))
    for c in verb.children:
        if c.dep_ in {"dobj", "dative"}:
            out += [a for a in c.children if a.dep_ == "appos"]
            out += list(_pobjs(c, {"as"}))
    return out


def _terror_noun(noun: Token) -> bool:
    """ "terrorists", "a terrorist group", "an arch-terrorist"."""
    words = [noun.lower_, *noun.lower_.split("-")]
    return any(w in _TERROR_WORDS for w in words) or any(
        c.dep_ in {"amod", "compound"} and c.lower_ in _TERROR_WORDS for c in noun.children
    )


def outlawed(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Turkey is fighting the outlawed PKK": a state's clause about a banned group."""
    for tok in sent:
        if tok.lower_ not in _OUTLAWED or tok.dep_ != "amod":
            continue
        group = reader.mention(tok.head)
        if group is None or group.label_ not in _ACTORS - {"Person", "Country"}:
            continue
        verb = tok.head
        for _ in range(5):  # up to the clause: "arrested members of the outlawed X"
            if verb.pos_ in {"VERB", "AUX"} or verb.head == verb:
                break
            verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"} or assertion_factor(verb) == 0:
            continue
        states, _ = agents_of(verb, reader)
        for s in states:
            if s.span.label_ == "Country" and s.span.kb_id_ in reader.named:
                yield Candidate(s, "sanctioned", reader.arg(group), "outlawed", 0.9)


def crime_calls(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X called the attack a war crime" -> X condemned the attack's agent."""
    for verb in sent:
        if verb.lemma_.lower() not in {"call", "describe", "label", "brand", "term"}:
            continue
        crime = [
            t
            for c in verb.children
            if c.dep_ in {"oprd", "attr", "prep", "xcomp", "dobj"}
            for t in [c, *(p for p in c.children if p.dep_ == "pobj")]
            if t.lower_ in _CRIME_NOUNS or t.lemma_ in _CRIME_NOUNS
        ]
        # "accused X of ..., in what it called a crime": the accusation's clause decides
        clause = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "in" else verb
        top = clause
        while top != verb and top.dep_ == "pcomp" and top.head.dep_ == "prep":
            top = top.head.head  # "accused X of targeting Y, in what ...": the accusation
        if not crime or assertion_factor(top) == 0:
            continue
        agents, _ = agents_of(verb, reader)
        if not agents and clause != verb:  # "in what it calls": "it" is the accuser
            agents, _ = agents_of(clause, reader)
        targets = _event_agents(verb, reader) or _accused_in_what(verb, reader)
        for a in agents:
            for t in targets:
                yield Candidate(a, "condemned", t, "crime_call")


def _accused_in_what(verb: Token, reader: SentenceReader) -> list[Arg]:
    """ "X accuses Y of ..., in what it calls a war crime": Y's act is what is called so."""
    if not any(c.dep_ == "dobj" and c.lower_ == "what" for c in verb.children):
        return []
    if verb.dep_ != "pcomp" or verb.head.lower_ != "in":
        return []
    gov = verb.head.head
    lemma = gov.lemma_.lower()
    if _VERB_RELATIONS.get(lemma) == "accused":
        return [a for c in gov.children if c.dep_ == "dobj" for a in reader.actors(c)]
    if _VERB_RELATIONS.get(lemma) == "attacked":
        return agents_of(gov, reader)[0]
    return []


def _owners(noun: Token, reader: SentenceReader) -> list[Arg]:
    """Whose act a noun names: "Israel's aggression", "the US attack"."""
    return [
        reader.arg(m)
        for c in noun.children
        if c.dep_ in {"poss", "compound", "amod"}
        for m in [reader.named_or_demonym(c)]
        if m is not None and m.label_ in _ACTORS
    ]


#: acts condemned or blamed on their doer: the attack nouns and measures of force
_EVENTS = EVENT_NOUNS | frozenset(
    "blockade blockades siege invasion occupation bombardment shelling incursion "
    "crackdown massacre killings assassination".split()
)


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
        if fallback and reader.last_attacker is not None:
            return [Arg(reader.last_attacker.span, 0.7 * reader.last_attacker.factor)]
    return []


def _light_relation(verb: Token) -> str | None:
    """ "vowed revenge", "held X responsible", "identified as being responsible"."""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        # "as being responsible": look a few levels down a preposition
        words = [w for w in c.subtree if w.i - c.i <= 3] if c.dep_ == "prep" else [c]
        for w in words:
            rel = _LIGHT_PHRASES.get((lemma, w.lower_)) or _LIGHT_PHRASES.get(
                (lemma, w.lemma_.lower())
            )
            if rel:
                return rel
    return None


CONFIDENCE = {
    "allegation": 0.8,
    "lasting_attack": 0.75,
    "launch": 0.85,
    "culprit": 0.8,
    "vow": 0.8,
    "designation": 0.85,
    "outlawed": 0.75,
    "crime_call": 0.75,
    "incursion": 0.75,
}

PATTERNS = (verbs, launches, incursions, culprits, vows, designations, outlawed, crime_calls)
