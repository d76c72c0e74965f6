"""Who did it and to what, for the attack patterns in ``verbs``, ``events`` and
``attribution``: a subject found when the parser gives none ("the rockets, fired by X",
"its fighters"), a speaker's "we" ("We struck Y", said X), an agent only alleged by
someone else ("X said Y carried out the attack"), the targets of an attack ("attacked
the base of X in Y") and whether an attack lasted ("days of shelling")."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import (
    SPEECH_VERBS,
    STATE_NOUNS,
)
from .sentence import (
    _ACTORS,
    _PLACES,
    _SITE_NOUNS,
    Arg,
    SentenceReader,
    _pobjs,
)

#: nouns for what an armed actor owns and others strike: "Hezbollah targets",
#: "an Israeli patrol", "a Russian warplane"
TARGET_NOUNS = frozenset(
    "target targets position positions patrol patrols convoy convoys warplane warplanes jet "
    "jets plane planes aircraft helicopter helicopters drone drones ship ships vessel vessels "
    "tanker tankers warship warships boat boats outpost outposts stronghold strongholds "
    "hideout hideouts camp camps base bases "
    "installation installations infrastructure fighters militants commander commanders "
    "leader leaders troops soldiers forces units positions lines territory "
    # personnel: "killed 13 U.S. service members", "Kosovo police were attacked"
    "members servicemen servicemembers personnel police policemen officers peacekeepers "
    "marines sailors guards "
    # armour and guns: "struck Gaddafi's tanks", "destroyed Houthi missile launchers"
    "tank tanks armour armor artillery launcher launchers depot depots".split()
)


#: buildings and sites a strike hits: "struck a house in X"
_STRUCTURES = frozenset(
    "house home building buildings headquarters base camp site factory school hospital "
    "mosque market compound depot warehouse checkpoint apartment car vehicle "
    "airport airbase station church cathedral temple shrine hotel embassy consulate prison "
    "jail barracks bridge port harbour refinery plant parliament office offices clinic "
    "university college hall stadium centre center tower tunnel bunker facility".split()
)


#: nouns for armed men and weapons, named by their owner: "Hamas fighters", "an Israeli
#: missile"
ARMED_NOUNS = frozenset(
    "fighters militants gunmen troops soldiers forces units jets warplanes planes aircraft "
    "drone drones missile missiles rocket rockets artillery tanks helicopters navy "
    "commandos militiamen insurgents bomber bombers warship warships gunboat gunboats "
    "gunship gunships vessel vessels frigate frigates".split()
)


#: descriptive nouns naming a place: "the town of Kobani"
PLACE_NOUNS = frozenset(
    "town city village province region district area suburb neighbourhood neighborhood "
    "capital port enclave strip areas towns cities villages neighbourhoods neighborhoods "
    "suburbs districts regions".split()
)


#: who can designate or outlaw: states and their bodies
_STATE_LABELS = frozenset({"Country", "GovernmentBody", "InternationalOrganization"})


#: verbs that report a claim: "X said Y was behind it"
_CLAIM_SPEECH = SPEECH_VERBS | frozenset("believe allege report charge conclude suspect".split())


#: arguments in politics: "Blair attacked Howard", "Labour slammed the Tories"
_POLITICAL = frozenset({"Person", "PoliticalGroup"})


#: who attacks in words: people, parties, offices, companies, newspapers
_CIVIL = _POLITICAL | {"Organization", "GovernmentBody", "MediaOrganization"}


def verbal_attack(agent: str, target: str) -> bool:
    """Whether an "attack" between these kinds of actor is most likely criticism:
    "Fox attacked Blair", "the Sun attacked Labour", "Butler launches attack on Blair"."""
    return agent in _CIVIL and target in _CIVIL


def attack_targets(tok: Token, reader: SentenceReader) -> list[Arg]:
    """What an attack's object names: an actor, a site, an actor's assets ("Hezbollah
    targets", "an Israeli patrol", "a Russian warplane") or a place ("the town of Kobani")."""
    out = reader.actors(tok, sites=True)
    low = tok.lower_
    if not out and low in _POSTS:  # "police posts", "a police station"
        out = reader.site_owners(tok)
    if out and reader.mention(tok) is None:
        # "the Akouedo and Agban military camps", "Hamas and Islamic Jihad positions": each
        # owner named before the site
        seen = {a.span.kb_id_ for a in out}
        for c in tok.children:
            if c.dep_ not in {"compound", "nmod", "poss"} or reader.mention(c) is None:
                continue
            for d in c.conjuncts:
                m = reader.mention(d)
                if m is not None and m.label_ in _ACTORS and m.kb_id_ not in seen and d.i < tok.i:
                    seen.add(m.kb_id_)
                    out.append(reader.arg(m))
    if out:
        return out
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


#: sites of a force that are not bases: "police posts", "a police station"
_POSTS = frozenset({"post", "posts", "station", "stations"})


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


def in_series(tok: Token) -> bool:
    """Whether the clause a word is in tells of past attacks over a span of time ("have
    attacked X in recent months, bombing Y", "has shelled Y since 2014"), not of the one
    event a later "condemned the attack" names."""
    node = tok
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    for _ in range(3):
        if lasting(node) or any(
            p.lemma_.lower() in _SPAN_NOUNS
            and any(a.lower_ in {"recent", "past", "last"} for a in p.children)
            for p in _pobjs(node, {"in"})
        ):
            return True
        if node.dep_ not in {"advcl", "conj", "xcomp"} or node.head.i == node.i:
            break
        node = node.head
    return False


def subject_fallback(verb: Token, reader: SentenceReader, *, passive: bool = False) -> list[Arg]:
    """Agents the shared reader misses, by the shape of the clause.

    "Hamas fighters ambushed X", "struck by an Israeli missile" (armed men or weapons
    named by their owner); "Israel, which has struck X" (a relative clause hanging from
    the wrong noun); "the IDF said it had bombed X" (a pronoun that repeats the speaker).
    """
    # "when IS pushed into Mosul": the model reads the acronym "IS" as an auxiliary; "IS
    # militants attacked X, bombing churches in Y": the participle shares it
    node = verb
    for _ in range(3):
        named_aux = [
            reader.arg(m)
            for c in node.children
            if c.dep_ in {"aux", "auxpass"} and c.text.isupper()
            for m in [reader.mention(c)]
            if m is not None and m.label_ in _ACTORS
        ]
        if named_aux:
            return named_aux
        if node.dep_ not in {"advcl", "conj", "xcomp"} or any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in node.children
        ):
            break
        node = node.head
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


#: nouns of a state's officials and offices: "Nigerian officials", "Pakistan's ministry"
_STATE_BODY_NOUNS = STATE_NOUNS | frozenset({"ministry", "presidency", "cabinet"})


def state_speakers(noun: Token, reader: SentenceReader) -> list[Arg]:
    """The state a noun of its officials names: "Nigerian officials", "the Pakistani
    government", "Indian authorities"."""
    if noun.lower_ not in _STATE_BODY_NOUNS:
        return []
    return [
        reader.arg(m)
        for c in noun.children
        if c.dep_ in {"amod", "compound", "poss"}
        for m in [reader.named_or_demonym(c)]
        if m is not None and m.label_ in _STATE_LABELS
    ]


def _owned(noun: Token, reader: SentenceReader) -> list[Arg]:
    """ "Hamas fighters", "an Israeli missile", "Turkish jets", "fighters from the CPC",
    "a suicide bomber from Islamic State" -> the owner (after "from" or "of" an armed
    body only: "fighters from Syria" may be Syrians of any side)."""
    if noun.lower_ not in ARMED_NOUNS and noun.lemma_.lower() not in ARMED_NOUNS:
        return []
    out = [
        reader.arg(m)
        for c in noun.children
        if c.dep_ in {"poss", "compound", "amod", "nmod"}
        for m in [reader.named_or_demonym(c)]
        if m is not None and m.label_ in _ACTORS
    ]
    return out or [
        a
        for p in _pobjs(noun, {"from", "of"})
        for a in reader.actors(p)
        if a.span.label_ in _ARMED_BODIES
    ]


_ARMED_BODIES = frozenset({"ArmedGroup", "MilitaryForce", "Coalition"})


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


def _struck_places(verb: Token, reader: SentenceReader) -> list[Arg]:
    """Where bombs fell: "bombed PIJ targets in Gaza", "struck a building in Gaza City".

    Towns and regions only: a country named as the scene ("in Syria") is not itself
    the target.
    """
    hit = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    # "targeted a site at A and an airfield at B" (the second object may hang on the verb)
    hit += [c for h in hit for c in h.conjuncts]
    hit += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    weapons = [p for p in _pobjs(verb, {"by"}) if p.lemma_.lower() in ARMED_NOUNS]
    # only where something was struck: "bombed targets in X", "struck by a missile in X";
    # not "struck a deal in Brussels"
    if not weapons and not any(_struck_thing(h, reader) for h in hit):
        return []
    heads = [verb, *hit, *weapons]
    heads += _pobjs(verb, {"including"})  # "bombed targets, including a base in X"
    owners = [p for h in hit for p in _pobjs(h, {"of"})]  # "the camp of JeM in Balakot"
    heads += owners
    # "struck a camp inside Pakistan" (an owner unnamed), "shelled positions, including at
    # Mahbes": across a border the country is struck; listed scenes may have a preposition
    inside = [p for h in [verb, *hit, *owners] for p in _pobjs(h, {"inside"})]
    listed = [
        q
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "including"
        for q in _pobjs(c, {"at", "in"})
    ]
    # "a site at Bani": a site struck at a town
    at = [
        p
        for h in hit
        if _struck_thing(h, reader) or h.lower_ in _SITE_NOUNS
        for p in _pobjs(h, {"at"})
    ]
    if any(_struck_thing(h, reader) for h in hit):
        at += _pobjs(verb, {"at"})
    scenes = [
        a
        for p in [*(p for h in heads for p in _pobjs(h, {"in"})), *at, *listed]
        for a in reader.actors(p)
        if a.span.label_ in {"Place", "Facility"}
    ]
    if not any(attack_targets(h, reader) for h in hit):  # "Hezbollah targets inside Syria"
        scenes += [a for p in inside for a in reader.actors(p) if a.span.label_ in _PLACES]
    # "bombed positions across Yemen", "struck targets throughout Syria": strikes all over
    # a country hit the country, and the places given as examples ("including Gori")
    across = [p for h in heads for p in _pobjs(h, {"across", "throughout"})]
    listed = [q for p in across for q in _pobjs(p, {"including"})]
    return scenes + [
        a
        for p in [*across, *listed]
        for a in reader.actors(p, sites=True)
        if a.span.label_ in {"Place", "Country", "Facility"}
    ]


def _struck_thing(noun: Token, reader: SentenceReader) -> bool:
    low, lemma = noun.lower_, noun.lemma_.lower()
    return (
        bool(attack_targets(noun, reader))
        or low in TARGET_NOUNS
        or lemma in TARGET_NOUNS | _STRUCTURES
    )
