"""Nominal events and accusations: "the US attack on X", "Kennedy's assassin Y",
"Washington's charge that KH was behind it"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import ACCUSATION_NOUNS, ACTION_NOUNS
from .agents import (
    _CLAIM_SPEECH,
    _STRUCTURES,
    TARGET_NOUNS,
    alleged_by,
    attack_targets,
    lasting,
    speaker_pronoun,
    verbal_attack,
)
from .assertion import assertion_factor
from .sentence import (
    _ACTORS,
    Arg,
    Candidate,
    SentenceReader,
    _conjuncts,
    _pobjs,
    agents_of,
    led_by,
)


def accusation_nouns(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Washington's charge that KH was behind it" -> accused."""
    for tok in sent:
        if tok.lower_ not in ACCUSATION_NOUNS:
            continue
        nouns = [tok] + ([tok.head] if tok.dep_ == "conj" else []) + _conjuncts(tok)
        doc = tok.doc
        if (
            tok.i >= sent.start + 2
            and doc[tok.i - 1].dep_ == "cc"
            and doc[tok.i - 2].pos_ == "NOUN"
        ):
            # "Washington's assumption and charge that ...", however the parser hung "charge"
            nouns.append(doc[tok.i - 2])
        accusers = [
            reader.arg(m)
            for n in nouns
            for c in n.children
            if c.dep_ == "poss"
            for m in [reader.mention(c)]
            if m is not None and m.label_ in _ACTORS
        ]
        accused = [
            a
            for n in nouns
            for c in n.children
            if c.dep_ in {"acl", "ccomp", "relcl"}
            for s in c.children
            if s.dep_ in {"nsubj", "nsubjpass"}
            for a in reader.actors(s)
        ]
        if not accused:  # "its allegation Iran was behind X", the clause parsed apart
            accused = _culprit_after(tok, reader)
        culprit = any(
            _culprit_pred(c) for n in nouns for c in n.children if c.dep_ in {"acl", "ccomp"}
        ) or bool(_culprit_after(tok, reader))
        if not accusers and culprit:  # "X cited intelligence to back its allegation ..."
            accusers = _pronoun_owner(tok, reader)
        for a in accusers:
            for b in accused:
                yield Candidate(a, "accused", b, "accusation_noun")


def _culprit_after(noun: Token, reader: SentenceReader) -> list[Arg]:
    """ "the charge (that) X was behind the attacks", however the parser split it: the
    clause right after the noun whose subject is said to be behind or responsible."""
    nxt = noun.i + 1
    doc = noun.doc
    if nxt < len(doc) and doc[nxt].lower_ == "that":
        nxt += 1
    if nxt >= len(doc) or doc[nxt].dep_ != "nsubj":
        return []
    subj = doc[nxt]
    return reader.actors(subj) if _culprit_pred(subj.head) else []


def _culprit_pred(pred: Token) -> bool:
    """ "was behind X", "was responsible for X"."""
    return pred.lemma_ == "be" and any(
        c.lower_ in {"behind", "responsible"} and c.dep_ in {"prep", "acomp"} for c in pred.children
    )


def _pronoun_owner(noun: Token, reader: SentenceReader) -> list[Arg]:
    """ "X issued images to back its allegation ...": "its" is the clause's subject."""
    poss = [c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PRON"]
    if not poss or noun.dep_ != "dobj" or poss[0].lower_ not in {"its", "their"}:
        return []
    agents, passive = agents_of(noun.head, reader)
    return [] if passive else [a for a in agents if a.span.label_ != "Person"]


def action_nouns(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for tok in sent:
        relation = ACTION_NOUNS.get(tok.lower_)
        if relation is None or tok.pos_ != "NOUN":
            continue
        preps = {"against"} if relation == "fightsAgainst" else {"on", "against"}
        targets = [a for p in _pobjs(tok, preps) for a in reader.actors(p, sites=True)]
        if not targets:
            continue
        agents = [
            reader.arg(m)
            for c in tok.children
            if c.dep_ in {"poss", "compound", "amod"}
            for m in [reader.named_or_demonym(c)]
            if m is not None
        ]
        agents += [a for p in _pobjs(tok, {"by"}) for a in reader.actors(p)]
        for c in tok.children:  # "the war ... led by the US"
            if c.dep_ == "acl":
                agents += [a for p in _pobjs(c, {"by"}) for a in reader.actors(p)]
        if tok.dep_ in {"dobj"} and not agents:  # "X launched a campaign against Y"
            verb = tok.head
            # a struggle its subject wages, not one it welcomes or criticises
            supports = relation != "fightsAgainst" or verb.lemma_.lower() in _WAGING_VERBS
            # an attack its subject does, not one it blames on, condemns or reports
            if relation == "attacked":
                supports = verb.lemma_.lower() in _DOING_VERBS
            if supports and assertion_factor(verb) > 0:
                agents = [a for c in verb.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        for a in agents:
            for t in targets:
                if relation == "attacked" and verbal_attack(a.span.label_, t.span.label_):
                    continue  # "Butler launches attack on Blair": words, not weapons
                yield Candidate(a, relation, t, "action_noun")


#: nouns of a concrete attack ("an Israeli air strike", "the shelling of X")
ATTACK_NOUNS = frozenset(
    "attack attacks strike strikes airstrike airstrikes raid raids bombing bombings "
    "bombardment bombardments shelling assault assaults invasion incursion incursions "
    "ambush ambushes assassination killing killings barrage shootdown siege offensive "
    "offensives".split()
)
#: attack nouns that in politics are words: "X's attack on Y's record"
_VERBAL_NOUNS = frozenset("attack attacks assault assaults offensive offensives strike".split())


#: attack nouns whose "of" names the target: "the shelling of X", "the siege of Y"
_OF_TARGET = frozenset(
    "bombing bombings bombardment bombardments shelling invasion assassination killing "
    "killings siege shootdown".split()
)
#: attack nouns whose scene ("in Gaza City") is itself attacked
_BOMBARD_NOUNS = frozenset(
    "strike strikes airstrike airstrikes raid raids bombing bombings bombardment "
    "bombardments shelling barrage".split()
)
#: verbs that give an attack noun its agent: "X carried out raids", "X launched an offensive"
_DOING_VERBS = frozenset(
    "carry launch conduct mount stage step intensify unleash order begin resume "
    "lead escalate execute perpetrate claim keep stag".split()  # "stag": the model's "staged"
)
#: fire that puts its target "under fire" (only armed shooters attack)
_FIRE = frozenset({"fire", "gunfire", "mortar", "rocket", "artillery"})
_ARMED = frozenset({"ArmedGroup", "MilitaryForce", "Coalition"})
#: verbs that give an attack noun its agent through "with": "X retaliated with strikes"
_RESPONDING_VERBS = frozenset("retaliate respond react reply hit strike".split())
#: verbs that give an attack noun its target as their subject: "X faced air strikes from Y"
_SUFFERING_VERBS = frozenset("face suffer endure weather".split())
#: verbs whose object an attack hit: "an air strike killed X", "raids targeting Y"
_HITTING_VERBS = frozenset("kill hit target strike destroy wound injure damage level".split())
#: nouns of armed struggle that take their agent from the clause: "in battle against X"
_STRUGGLE_NOUNS = frozenset(
    "battle battles fight war wars struggle campaign campaigns operations operation "
    "offensive offensives insurgency crackdown".split()
)
#: struggles that take their enemy with "on": "war on X", "an offensive on X's camps"
_ON_STRUGGLES = frozenset("war offensive offensives".split())
#: verbs whose object is a struggle the subject wages or joins: "waged war on X",
#: "joined the fight against Y", "stepped up its campaign against Z"
#: ("wag" is the model's lemma for "waged")
_WAGING_VERBS = frozenset(
    "wage wag declare lead launch fight conduct join step intensify escalate continue "
    "pursue begin start mount spearhead resume expand carry prosecute mastermind direct "
    "command oversee organise organize end halt complete conclude suspend".split()
)
#: verbs whose object is the one helped in a struggle: "X backed Y in its war against Z"
_HELPING_VERBS = frozenset("support back help aid assist arm equip fund finance train".split())
#: verbs of reporting: "al-Mayadeen reported he had been killed in an Israeli attack"
_REPORT_VERBS = frozenset("say report claim allege tell state announce accuse".split())


def attack_events(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """Nominal attacks: "a Saudi air strike killed X", "the shelling of Y by X",
    "X carried out raids targeting Y", "X has faced air strikes from Y"."""
    for tok in sent:
        under_fire = tok.lower_ in _FIRE and tok.head.lower_ == "under"  # "came under fire"
        if tok.pos_ != "NOUN" or (tok.lower_ not in ATTACK_NOUNS and not under_fire):
            continue
        if any(c.lower_ in {"no", "without"} for c in tok.children) or tok.head.lower_ in {
            "without",
            "against",  # "warned against strikes": not an attack that happened
        }:
            continue
        verb = _governor(tok)
        factor = assertion_factor(verb) if verb is not None else 1.0
        if factor == 0 or _planned(tok):
            continue
        agents = _event_owners(tok, reader)
        by_nouns = list(_pobjs(tok, {"by", "from"}))
        for c in tok.children:  # "the raid carried out by X", "an attack claimed by X"
            if c.dep_ == "acl":
                by_nouns += _pobjs(c, {"by"})
        if tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in _OWNING_CLAIMS:
            by_nouns += _pobjs(tok.head, {"by"})  # "the bombing was claimed by X"
        agents += [a for p in by_nouns for a in reader.actors(p)]
        targets = _noun_targets(tok, by_nouns, reader)
        head = tok.head
        victim = False
        if tok.dep_ == "pobj" and head.lower_ in {"in", "by"} and head.head.pos_ == "VERB":
            victim_verb = head.head  # "X was killed in an Israeli strike"
            if victim_verb.lemma_.lower() in {"kill", "wound", "injure", "destroy", "damage"}:
                targets += _passive_subjects(victim_verb, reader)
                victim = True
        if _claimed(tok) and not agents and verb is not None:  # "X claimed responsibility for"
            agents, _ = agents_of(verb, reader)
        if not agents:  # "X, the group responsible for the attack on Y"
            agents, factor = _responsible_for(tok, reader, factor)
        if tok.dep_ == "pobj" and verb is not None and verb == head.head:
            lemma = verb.lemma_.lower()
            if head.lower_ == "with" and lemma in _RESPONDING_VERBS and not agents:
                agents, _ = agents_of(verb, reader)  # "X retaliated with strikes on Y"
                targets += [
                    a for p in _pobjs(verb, {"on", "against"}) for a in attack_targets(p, reader)
                ]
            elif head.lower_ == "under" and lemma in {"come", "be"}:
                # "the convoy came under attack from X", "Y came under shelling by X"
                targets += [
                    a for c in verb.children if c.dep_ == "nsubj" for a in attack_targets(c, reader)
                ]
                agents += [a for p in _pobjs(verb, {"from", "by"}) for a in reader.actors(p)]
        if under_fire:  # critics put people "under fire" too: only armed fire is an attack
            agents = [a for a in agents if a.span.label_ in _ARMED]
        slot = tok  # "carried out dozens of air strikes": the count is the object
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _COUNTS:
            slot = tok.head.head
        if slot.dep_ == "dobj" and verb is not None and verb == slot.head:
            lemma = verb.lemma_.lower()
            if lemma in _DOING_VERBS and not agents:
                # "the Taliban said they carried out the attack": "they" is the speaker
                agents = speaker_pronoun(verb, reader) or agents_of(verb, reader)[0]
            elif lemma in _SUFFERING_VERBS:
                targets += agents_of(verb, reader)[0]
                agents += [a for p in _pobjs(verb, {"from", "by"}) for a in reader.actors(p)]
        if tok.lower_ in {"offensive", "offensives"}:  # on a group it is a campaign
            targets = [t for t in targets if t.span.label_ in {"Place", "Facility"}]
        if tok.tag_ == "NNS" and verb is not None and lasting(verb):
            # "X has faced air strikes from Y since 2014": a campaign, not one attack
            for a in agents:
                for t in targets:
                    if t.span.label_ not in {"Place", "Facility"}:
                        yield Candidate(a, "fightsAgainst", t, "strike_campaign", factor)
            continue
        # "X reported he was killed in an Israeli attack": an allegation even when "he" is
        # nobody we know; otherwise only an attack on someone is alleged
        speakers = []
        if verb is not None and (targets or victim):
            speakers = alleged_by(verb, agents, reader)
        for a in agents:
            if speakers:  # "X reported he was killed in an Israeli attack"
                for s in speakers:
                    yield Candidate(s, "accused", a, "allegation", factor)
                continue
            for t in targets:
                if tok.lower_ in _VERBAL_NOUNS and verbal_attack(a.span.label_, t.span.label_):
                    continue  # "Butler launches attack on Blair": words, not weapons
                yield Candidate(a, "attacked", t, "attack_noun", factor)


_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
#: counts of attacks: "dozens of air strikes", "a series of raids", "a wave of attacks"
_COUNTS = frozenset("dozens hundreds scores series wave waves spate string number".split())


def _noun_targets(tok: Token, by_nouns: list[Token], reader: SentenceReader) -> list[Arg]:
    """What an attack noun says was struck: "the attack on X", "the shelling of Y", "the
    bombing at the airport in Z", "the strike that hit a hospital in W"."""
    # "strikes carried out by X against Y": the target hung on the agent
    aimed = [p for b in by_nouns if reader.actors(b) for p in _pobjs(b, {"against", "on"})]
    targets = [
        a for p in [*_pobjs(tok, {"on", "against"}), *aimed] for a in attack_targets(p, reader)
    ]
    if tok.lower_ in _OF_TARGET:
        targets += [a for p in _pobjs(tok, {"of"}) for a in attack_targets(p, reader)]
    # "the bombing at the airport", "an attack at a market in X": the site struck; also on
    # the verb that carries it out ("carried out a bombing at a checkpoint in Peshawar")
    heads = [tok]
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _DOING_VERBS:
        heads.append(tok.head)  # "staged bombings against X": the aim hung on the verb
        targets += [
            a for p in _pobjs(tok.head, {"on", "against"}) for a in attack_targets(p, reader)
        ]
    sites = [c for h in heads for p in _pobjs(h, {"at"}) for c in [p, *_conjuncts(p)]]
    targets += [a for p in sites for a in attack_targets(p, reader) if a.span.label_ in _SCENES]
    # "a strike on a building in Gaza City", "an attack against pilgrims in the suburb
    # of X": the town where it struck
    aims = [c for p in [*_pobjs(tok, {"on", "against", "of"}), *aimed] for c in [p, *_conjuncts(p)]]
    scenes = [tok, *aims, *sites]
    if tok.lower_ not in _BOMBARD_NOUNS | {"offensive", "offensives"} and not (
        any(_site_noun(p) for p in [*aims, *sites])
    ):
        # "the attack in Paris" may be a report from there; "the attack on the base in
        # X" names the town struck
        scenes = scenes[1:]
    targets += [
        a
        for h in scenes
        for p in _pobjs(h, {"in"})
        for a in [*reader.actors(p), *attack_targets(p, reader)]
        if a.span.label_ in _SCENES
    ]
    # "raids targeting Y", "the strike that killed X", "the bombing at the airport that
    # killed X" (the clause hung on the site)
    for h in [tok, *sites]:
        for c in h.children:
            hits = c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in _HITTING_VERBS
            if hits and assertion_factor(c) > 0:
                targets += _hit(c, reader)
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _HITTING_VERBS:
        targets += _hit(tok.head, reader)  # "a strike killed X"
    return targets


def struggles(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X supported the fighters in battle against Y", "X's war on Y", "X waged war on Y"."""
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lower_ not in _STRUGGLE_NOUNS:
            continue
        preps = {"against", "on"} if tok.lower_ in _ON_STRUGGLES else {"against"}
        # "an offensive on Boko Haram camps": the camps' owner
        targets = [
            a
            for p in _pobjs(tok, preps)
            for a in attack_targets(p, reader)
            if a.span.label_ not in _SCENES
        ]
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _WAGING_VERBS:
            # "waged war on X", parsed with the preposition on the verb
            targets += [a for p in _pobjs(tok.head, preps) for a in reader.actors(p)]
        if not targets:
            continue
        agents = _event_owners(tok, reader)
        agents += [a for p in _pobjs(tok, {"by"}) for a in reader.actors(p)]
        # "the war ... led by the US", "the war against X that ..., and led by the US"
        led = [x for x in tok.children if x.dep_ == "acl" or (x.dep_ == "conj" and x.tag_ == "VBN")]
        for c in led:
            for v in [c, *_conjuncts(c)]:
                agents += [a for p in _pobjs(v, {"by"}) for a in reader.actors(p)]
        verb = _governor(tok)
        # "X waged war on Y", "X joined the fight against Y"; not "X welcomed the war on Y"
        in_struggle = (tok.dep_ == "dobj" and tok.head.lemma_.lower() in _WAGING_VERBS) or (
            tok.dep_ == "pobj" and tok.head.lower_ in {"in", "during"}
        )
        if not agents and verb is not None and in_struggle:
            if tok.dep_ == "pobj" and verb.lemma_.lower() in _HELPING_VERBS:
                # "X supported the Kurdish fighters in battle against Y": the helped fight
                agents = [a for c in verb.children if c.dep_ == "dobj" for a in reader.actors(c)]
            else:
                agents, _ = agents_of(verb, reader)
        factor = assertion_factor(verb) if verb is not None else 1.0
        if factor == 0:
            continue
        for a in agents:
            for t in targets:
                yield Candidate(a, "fightsAgainst", t, "struggle", factor)
        if tok.lemma_.lower() in _GROUND_PUSHES:
            # "an operation against Kurdish fighters in the town of Cizre": where it struck
            aims = [tok, *_pobjs(tok, preps)]
            for pl in [a for h in aims for p in _pobjs(h, {"in"}) for a in _town(p, reader)]:
                for a in agents:
                    yield Candidate(a, "attacked", pl, "struggle", factor)


#: struggles fought in one town or district: its scene was attacked
_GROUND_PUSHES = frozenset({"operation", "offensive", "assault", "crackdown"})


def _town(tok: Token, reader: SentenceReader) -> list[Arg]:
    """The town a phrase names: "Cizre", "the southeastern town of Cizre" (not a country
    or region: "an operation in Turkey" says where, not what was struck)."""
    found = reader.actors(tok)
    if not found and tok.lower_ in _TOWN_NOUNS:
        found = [a for p in _pobjs(tok, {"of"}) for a in reader.actors(p)]
    return [a for a in found if a.span.label_ in _SCENES and a.span.label_ != "Country"]


_TOWN_NOUNS = frozenset("town city village district neighbourhood neighborhood port".split())


def _claimed(noun: Token) -> bool:
    """ "claimed responsibility for the attack", "took credit for the bombing"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for":
        return False
    what = prep.head
    return (
        what.lower_ in {"responsibility", "credit"}
        and what.dep_ == "dobj"
        and what.head.lemma_.lower() in {"claim", "take", "accept", "admit"}
    )


def _responsible_for(noun: Token, reader: SentenceReader, factor: float) -> tuple[list[Arg], float]:
    """Who the article says did an attack: "X, the group responsible for the attack on Y",
    "X was responsible for the bombing of Y". A third party's claim ("Israel said X was
    responsible") is left to the allegation check that follows."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "behind" and prep.head.lemma_ == "be":
        # "X was behind the bombing of Y", "X said it was behind the attack on Y"
        be = prep.head
        doers = speaker_pronoun(be, reader) or [
            a for c in be.children if c.dep_ == "nsubj" for a in reader.actors(c)
        ]
        if _blamed_by_another(be, reader):  # "Iraq said X was behind it": an accusation
            return [], factor
        return doers, min(factor, assertion_factor(be))
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lower_ != "responsible":
        return [], factor
    adj = prep.head
    if adj.dep_ == "amod":  # "the group responsible for ...", "X, the group responsible"
        group = adj.head
        doers = reader.actors(group)
        if not doers and group.dep_ == "appos":
            doers = reader.actors(group.head)
        return doers, factor
    if adj.dep_ == "acomp" and adj.head.lemma_ == "be":  # "X was responsible for ..."
        be = adj.head
        doers = speaker_pronoun(be, reader) or [
            a for c in be.children if c.dep_ == "nsubj" for a in reader.actors(c)
        ]
        if _blamed_by_another(be, reader):  # "Iraq said X was responsible": an accusation
            return [], factor
        return doers, min(factor, assertion_factor(be))
    return [], factor


def _blamed_by_another(be: Token, reader: SentenceReader) -> bool:
    """ "Police said X was behind the attack", "X was responsible, officials said": blame
    reported from someone else, named or not, is an allegation; "X said it was behind
    the attack" is the group's own claim."""
    if speaker_pronoun(be, reader):
        return False
    if be.dep_ == "ccomp" and be.head.lemma_.lower() in _CLAIM_SPEECH:
        return True
    # "X was behind it, officials said": the parser makes the report the main clause
    return any(
        c.dep_ in {"ccomp", "parataxis"} and c.lemma_.lower() in _CLAIM_SPEECH and c.i > be.i
        for c in be.children
    ) or (be.dep_ == "ccomp" and be.head.i > be.i and be.head.lemma_.lower() in _CLAIM_SPEECH)


def _governor(noun: Token) -> Token | None:
    """The verb a noun phrase hangs from, through prepositions and coordination."""
    node = noun
    for _ in range(4):
        if node.head == node:
            return node if node.pos_ in {"VERB", "AUX"} else None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node
        if node.pos_ not in {"ADP", "NOUN", "PROPN", "CCONJ"} or node.dep_ == "ROOT":
            break
    return None


def _planned(noun: Token) -> bool:
    """ "plans for a strike", "threatened an offensive": not an attack that happened."""
    node = noun.head
    for _ in range(3):
        if node.lemma_.lower() in {
            "plan",
            "threaten",
            "threat",
            "warn",
            "prepare",
            "consider",
            "call",
            "seek",
            "want",
            "vow",
            "pledge",
            "prevent",
            "avert",
            "fear",
            "risk",
            "possibility",
        }:
            return True
        if node.head == node:
            break
        node = node.head
    return False


def _event_owners(noun: Token, reader: SentenceReader) -> list[Arg]:
    """Who an event noun's modifiers name: "a Saudi air strike", "Israel's raid", "US strikes"."""
    mods = [c for c in noun.children if c.dep_ in {"poss", "compound", "amod", "nmod"}]
    mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ == "amod"]
    if noun.dep_ == "appos" and noun.head.lower_.rstrip(".") in _MONTHS:
        # "al Qaeda's Sept. 11, 2001 attacks": the parse hangs the owner on the date
        mods += [c for c in noun.head.children if c.dep_ == "poss"]
    owners = [
        reader.arg(m)
        for c in mods
        for m in [reader.named_or_demonym(c)]
        if m is not None and m.label_ in _ACTORS
    ]
    return owners or led_by(noun, reader)  # "U.S.-led operations against X"


def _objects(verb: Token, reader: SentenceReader) -> list[Arg]:
    return [a for c in verb.children if c.dep_ == "dobj" for a in attack_targets(c, reader)]


#: what a concrete attack can be said to have struck: a town or a site
_SCENES = frozenset({"Place", "Facility"})
#: verbs that own an attack: "the bombing was claimed by X", "an attack claimed by Y"
_OWNING_CLAIMS = frozenset("claim carry conduct stage launch mount perpetrate".split())


def _site_noun(tok: Token) -> bool:
    """A building or base an attack is aimed at: "the attack on the base in X"."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    return low in _STRUCTURES or lemma in _STRUCTURES or low in TARGET_NOUNS


def _hit(verb: Token, reader: SentenceReader) -> list[Arg]:
    """What a hitting verb says an attack struck: its object ("hit a hospital of X") and
    the town where the object or the hit is ("hit a hospital in El Fasher", "killed 20
    people in X")."""
    out = _objects(verb, reader)
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    # "destroyed the consular building of Iran's embassy in Damascus": the site the
    # object is part of, and its town
    parts = [p for h in heads[1:] for p in _pobjs(h, {"of"})]
    out += [a for p in parts for a in attack_targets(p, reader) if a.span.label_ == "Facility"]
    heads += parts
    # "hit a hospital in X", "exploded at a market in Y": the site's town too
    heads += [p for p in _pobjs(verb, {"at", "in"}) if _site_noun(p)]
    out += [
        a
        for h in heads
        for p in _pobjs(h, {"in", "at"})
        for a in [*reader.actors(p), *attack_targets(p, reader)]
        if a.span.label_ in _SCENES
    ]
    for c in verb.children:  # "destroyed the building, killing seven officers of X"
        if c.dep_ in {"advcl", "conj"} and c.tag_ == "VBG" and c.lemma_ in _HITTING_VERBS:
            out += _hit(c, reader)
    return out


def _passive_subjects(verb: Token, reader: SentenceReader) -> list[Arg]:
    out = []
    for c in verb.children:
        if c.dep_ != "nsubjpass":
            continue
        if c.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
            out += reader.actors(verb.head)
        else:
            out += reader.actors(c)
    return out


CONFIDENCE = {
    "attack_noun": 0.8,
    "strike_campaign": 0.75,
    "struggle": 0.75,
}

PATTERNS = (accusation_nouns, action_nouns, attack_events, struggles)
