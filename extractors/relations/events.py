"""Nominal events and accusations: "the US attack on X", "Kennedy's assassin Y",
"Washington's charge that KH was behind it"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import ACCUSATION_NOUNS, ACTION_NOUNS, KILLER_NOUNS
from .agents import alleged_by, attack_targets, lasting, verbal_attack
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


def killers(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Kennedy's assassin Sirhan", "Sirhan, the killer of Kennedy" -> attacked."""
    for tok in sent:
        if tok.lower_ not in KILLER_NOUNS:
            continue
        victims = [reader.mention(c) for c in tok.children if c.dep_ in {"poss", "compound"}]
        victims += [reader.mention(p) for p in _pobjs(tok, {"of"})]
        killers = [reader.mention(c) for c in tok.children if c.dep_ == "appos"]
        if tok.dep_ in {"compound", "appos"}:
            killers.append(reader.mention(tok.head))
        if tok.i + 1 < sent.end:  # "assassin Ali Hassan", whatever the parse
            nxt = reader.mention(sent.doc[tok.i + 1])
            if nxt is not None and nxt.start == tok.i + 1:
                killers.append(nxt)
        for k in killers:
            for v in victims:
                # "Soham murderer X" names where, not whom
                if k is not None and v is not None and k.label_ == v.label_ == "Person":
                    yield Candidate(reader.arg(k), "attacked", reader.arg(v), "killer_noun")


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
    "lead escalate execute perpetrate".split()
)
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
#: verbs whose object is a struggle the subject wages or joins: "waged war on X",
#: "joined the fight against Y", "stepped up its campaign against Z"
#: ("wag" is the model's lemma for "waged")
_WAGING_VERBS = frozenset(
    "wage wag declare lead launch fight conduct join step intensify escalate continue "
    "pursue begin start mount spearhead resume expand carry prosecute mastermind direct "
    "command oversee organise organize".split()
)
#: verbs whose object is the one helped in a struggle: "X backed Y in its war against Z"
_HELPING_VERBS = frozenset("support back help aid assist arm equip fund finance train".split())
#: verbs of reporting: "al-Mayadeen reported he had been killed in an Israeli attack"
_REPORT_VERBS = frozenset("say report claim allege tell state announce accuse".split())


def attack_events(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """Nominal attacks: "a Saudi air strike killed X", "the shelling of Y by X",
    "X carried out raids targeting Y", "X has faced air strikes from Y"."""
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lower_ not in ATTACK_NOUNS:
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
        agents += [a for p in _pobjs(tok, {"by", "from"}) for a in reader.actors(p)]
        for c in tok.children:  # "the raid carried out by X"
            if c.dep_ == "acl":
                agents += [a for p in _pobjs(c, {"by"}) for a in reader.actors(p)]
        targets = [a for p in _pobjs(tok, {"on", "against"}) for a in attack_targets(p, reader)]
        if tok.lower_ in _OF_TARGET:
            targets += [a for p in _pobjs(tok, {"of"}) for a in attack_targets(p, reader)]
        # "a strike on a building in Gaza City", "an attack against pilgrims in the suburb
        # of X": the town where it struck
        scenes = [
            tok,
            *(c for p in _pobjs(tok, {"on", "against", "of"}) for c in [p, *_conjuncts(p)]),
        ]
        if tok.lower_ not in _BOMBARD_NOUNS | {"offensive", "offensives"}:
            scenes = scenes[1:]  # "the attack in Paris" may be a report from there
        targets += [
            a
            for h in scenes
            for p in _pobjs(h, {"in"})
            for a in [*reader.actors(p), *attack_targets(p, reader)]
            if a.span.label_ in {"Place", "Facility"}
        ]
        for c in tok.children:  # "raids targeting Y", "the strike that killed X"
            hits = c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in _HITTING_VERBS
            if hits and assertion_factor(c) > 0:
                targets += _objects(c, reader)
        head = tok.head
        victim = False
        if tok.dep_ == "nsubj" and head.lemma_.lower() in _HITTING_VERBS:  # "a strike killed X"
            targets += _objects(head, reader)
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
        if tok.dep_ == "dobj" and verb is not None:
            lemma = verb.lemma_.lower()
            if lemma in _DOING_VERBS and not agents:
                agents, _ = agents_of(verb, reader)
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


def struggles(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X supported the fighters in battle against Y", "X's war on Y", "X waged war on Y"."""
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lower_ not in _STRUGGLE_NOUNS:
            continue
        preps = {"against", "on"} if tok.lower_ == "war" else {"against"}
        targets = [a for p in _pobjs(tok, preps) for a in reader.actors(p)]
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
        doers = [a for c in be.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        if alleged_by(be, doers, reader):  # "Iraq said X was responsible": an accusation
            return [], factor
        return doers, min(factor, assertion_factor(be))
    return [], factor


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
    owners = [
        reader.arg(m)
        for c in mods
        for m in [reader.named_or_demonym(c)]
        if m is not None and m.label_ in _ACTORS
    ]
    return owners or led_by(noun, reader)  # "U.S.-led operations against X"


def _objects(verb: Token, reader: SentenceReader) -> list[Arg]:
    return [a for c in verb.children if c.dep_ == "dobj" for a in attack_targets(c, reader)]


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


#: verbs of killing a person ("X shot Y", "convicted of murdering Y")
_KILL_VERBS = frozenset("kill murder assassinate slay shoot stab strangle behead".split())
#: nouns of a killing whose "of" or possessive names the victim ("the murder of Y")
_KILL_NOUNS = frozenset(
    "killing killings murder murders slaying slayings assassination shooting".split()
)
#: verbs that settle in the article's own voice that someone did a deed: a conviction,
#: a guilty plea, a confession, a sentence ("X was convicted of killing Y", "X pleaded
#: guilty to murdering Y"); a charge or an accusation is not settled and is left out
_SETTLED_VERBS = frozenset(
    "convict plead admit confess sentence execute imprison jail apologize apologise".split()
)
#: penalties between a settling verb and the deed: "sentenced to death for killing Y"
_PENALTY_NOUNS = frozenset("death life prison jail years".split())
#: what is fired or planted and kills: "X fired the shots that killed Y"
_SHOT_NOUNS = frozenset("shot bullet round bomb".split())
#: nouns that stand for the killer in "X, the man who killed Y", "X was the gunman who shot Y"
_KILLER_DESCRIPTORS = frozenset(
    "man woman gunman assassin killer sniper person one youth teenager".split()
)


def _person(tok: Token, reader: SentenceReader) -> list[Arg]:
    return [a for a in reader.actors(tok) if a.span.label_ == "Person"]


def _described_person(noun: Token, reader: SentenceReader) -> list[Arg]:
    """The person a descriptor names: "X, the man ..." (apposition) or "X was the man ..."."""
    named = _person(noun, reader)
    if named:
        return named
    if noun.dep_ == "appos":
        return _person(noun.head, reader)
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        return [a for c in noun.head.children if c.dep_ == "nsubj" for a in _person(c, reader)]
    for c in noun.children:  # "the man convicted of killing Y, X" (X in apposition)
        if c.dep_ == "appos":
            return _person(c, reader)
    return []


def _settled_doers(verb: Token, reader: SentenceReader) -> list[Arg]:
    """Who a settling verb says did the deed: "X was convicted", "a jury convicted X",
    "X pleaded guilty", "X, convicted of ...", "the man convicted of ..."."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return [a for c in verb.children if c.dep_ == "nsubjpass" for a in _person(c, reader)]
    objs = [a for c in verb.children if c.dep_ == "dobj" for a in _person(c, reader)]
    if objs and verb.lemma_ in {"convict", "sentence", "execute", "imprison", "jail"}:
        return objs
    if verb.dep_ in {"acl", "relcl"} and verb.tag_ == "VBN":
        return _described_person(verb.head, reader)
    agents, _ = agents_of(verb, reader)
    return [a for a in agents if a.span.label_ == "Person"]


def _victims_of_deed(deed: Token, reader: SentenceReader) -> list[Arg]:
    """Victims of a killing verb (its object) or noun ("the murder of Y", "Y's murder")."""
    if deed.pos_ in {"VERB", "AUX"}:
        heads = [deed, *(c for c in deed.children if c.dep_ == "conj" and c.pos_ == "VERB")]
        return [
            a for h in heads for c in h.children if c.dep_ == "dobj" for a in _person(c, reader)
        ]
    out = [a for p in _pobjs(deed, {"of"}) for a in _person(p, reader)]
    out += [a for c in deed.children if c.dep_ in {"poss", "compound"} for a in _person(c, reader)]
    return out


def killings(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """Killings the article settles or describes:
    "X was convicted of murdering Y", "X pleaded guilty to killing Y", "X was sentenced for
    the assassination of Y" (``settled_killing``); "X, the man who shot Y", "X was the lone
    gunman who killed Y" (``killer_clause``). Both arguments are people."""
    for tok in sent:
        deed_word = (tok.pos_ == "VERB" and tok.lemma_.lower() in _KILL_VERBS) or (
            tok.pos_ == "NOUN" and tok.lower_ in _KILL_NOUNS
        )
        if not deed_word:
            continue
        # "the man who killed Y": the relative clause of a descriptor noun
        if tok.pos_ == "VERB" and tok.dep_ == "relcl" and tok.head.lower_ in _KILLER_DESCRIPTORS:
            if any(c.dep_ == "nsubj" and c.lower_ in {"who", "that"} for c in tok.children):
                factor = assertion_factor(tok)
                if factor > 0:
                    for k in _described_person(tok.head, reader):
                        for v in _victims_of_deed(tok, reader):
                            if k.span.kb_id_ != v.span.kb_id_:
                                yield Candidate(k, "attacked", v, "killer_clause", factor)
            continue
        # "X fired the shots that killed Y"
        if tok.pos_ == "VERB" and tok.dep_ == "relcl" and tok.head.lemma_ in _SHOT_NOUNS:
            fired = tok.head.head
            if tok.head.dep_ == "dobj" and fired.lemma_.lower() in {"fire", "shoot", "plant"}:
                factor = min(assertion_factor(tok), assertion_factor(fired))
                agents, _ = agents_of(fired, reader)
                for k in agents if factor > 0 else []:
                    for v in _victims_of_deed(tok, reader):
                        if k.span.label_ == "Person" and k.span.kb_id_ != v.span.kb_id_:
                            yield Candidate(k, "attacked", v, "killing_shot", factor)
            continue
        # "the slaying of Y by X", "X's murder of Y"
        if tok.pos_ == "NOUN":
            doers = [a for p in _pobjs(tok, {"by"}) for a in _person(p, reader)]
            if any(p.lower_ == "of" for p in tok.children):
                doers += [a for c in tok.children if c.dep_ == "poss" for a in _person(c, reader)]
            gov = tok.head.head if tok.dep_ == "pobj" else tok.head
            factor = assertion_factor(gov) if gov.pos_ in {"VERB", "AUX"} else 1.0
            victims = [a for p in _pobjs(tok, {"of"}) for a in _person(p, reader)]
            if not any(c.dep_ == "poss" for c in tok.children) or not doers:
                victims += [
                    a
                    for c in tok.children
                    if c.dep_ in {"poss", "compound"}
                    for a in _person(c, reader)
                ]
            for k in doers if factor > 0 else []:
                for v in victims:
                    if k.span.kb_id_ != v.span.kb_id_:
                        yield Candidate(k, "attacked", v, "killing_noun", factor)
        # the deed hangs on a settling verb through a preposition:
        # "convicted of killing Y", "pleaded guilty to murdering Y", "sentenced for the murder of Y"
        node = tok
        if node.dep_ == "conj":
            node = node.head
        if node.dep_ not in {"pcomp", "pobj"} or node.head.dep_ != "prep":
            continue
        gov = node.head.head
        if gov.lower_ == "guilty" and gov.head.pos_ in {"VERB", "AUX"}:
            gov = gov.head  # "pleaded guilty to killing Y"
        if gov.lower_ in _PENALTY_NOUNS and gov.dep_ == "pobj" and gov.head.head.pos_ == "VERB":
            gov = gov.head.head  # "sentenced to death for the murder of Y"
        if gov.pos_ not in {"VERB", "AUX"} or gov.lemma_.lower() not in _SETTLED_VERBS:
            continue
        factor = assertion_factor(gov)
        if factor == 0:
            continue
        for k in _settled_doers(gov, reader):
            for v in _victims_of_deed(tok, reader):
                if k.span.kb_id_ != v.span.kb_id_:
                    yield Candidate(k, "attacked", v, "settled_killing", factor)


CONFIDENCE = {
    "attack_noun": 0.8,
    "strike_campaign": 0.75,
    "struggle": 0.75,
    "settled_killing": 0.85,
    "killing_noun": 0.75,
    "killing_shot": 0.8,
    "killer_clause": 0.8,
}

PATTERNS = (accusation_nouns, killers, action_nouns, attack_events, struggles, killings)
