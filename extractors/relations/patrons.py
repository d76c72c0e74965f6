"""Backing said by what the patron did for the backed, beyond "backs" and "arms":

- "X, who was restored to power by Y", "Y installed X", "Y propped up X", "the president
  installed by the army" (``installed``): X backedBy Y.
- "troops backed by airstrikes from Y", "fighters backed by U.S. airstrikes", "the army,
  supported by Russian aircraft" (``backed_by_means``): the backer of the means.
- "the army, trained and equipped by Y", "the Houthis, armed and trained by Iran"
  (``backed_by_means``): participles coordinated share their noun and their agent.
- "X has turned to Y for help", "X turned to Y for weapons" (``turned_to``).
- "Hezbollah receives weapons from Iran", "takes its orders from Tehran" (``received_from``).
- "Washington has shared intelligence with Paris" (``shared_intelligence``).
- "the Wagner Group, a militia close to the Kremlin" (``close_to``): an armed group close
  to a state or a force is its client (GUIDELINES: "closely tied to Iran" -> backedBy).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .allies import _private
from .assertion import assertion_factor
from .sentence import (
    _ACTORS,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
    patients_of,
)

CONFIDENCE = {
    "installed": 0.8,
    "backed_by_means": 0.8,
    "turned_to": 0.75,
    "close_to": 0.7,
    "shared_intelligence": 0.75,
    "received_from": 0.8,
}

#: who can be put in power or propped up, and who can do it
_CLIENTS = frozenset(
    {"Person", "GovernmentBody", "Country", "PoliticalGroup", "ArmedGroup", "MilitaryForce"}
)
#: "restored to power", "returned to office", "put in power", "brought to power"
_TO_POWER_VERBS = frozenset("restore return put bring reinstate sweep help install".split())
_POWER_NOUNS = frozenset({"power", "office"})
#: "propped up X", "shored up X"
_UP_VERBS = frozenset({"prop", "shore"})
#: what a purpose clause of backing hangs on: "sent fighters to prop up X"
_SENDING_VERBS = frozenset("send deploy dispatch intervene use fly rush".split())


def _to_power(verb: Token) -> bool:
    """ "restored to power", "returned him to office", "put in power"."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"to", "in", "into"}]
    preps += [  # "restored back to power"
        p for c in verb.children if c.dep_ == "advmod" for p in c.children if p.dep_ == "prep"
    ]
    return any(p.lower_ in _POWER_NOUNS for prep in preps for p in prep.children)


#: what is propped up or rescued of a ruler: "prop up Assad's regime", "rescue X's rule"
_RULE_NOUNS = frozenset("rule regime government administration presidency".split())


def _client(obj: Token, reader: SentenceReader) -> list[Arg]:
    """Who is propped up: the object, or the ruler whose rule it is ("Assad's rule")."""
    if obj.lower_ in _RULE_NOUNS:
        owners = [reader.mention(c) for c in obj.children if c.dep_ == "poss"]
        ruled = [reader.arg(m) for m in owners if m is not None]
        if ruled:
            return ruled
    return reader.actors(obj)


def _backs_into_power(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in {"rescue", "save"}:  # "intervened to rescue Assad's rule"
        return any(c.dep_ == "dobj" and c.lower_ in _RULE_NOUNS for c in verb.children)
    if lemma in _UP_VERBS:
        return any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
    if lemma == "install" and any(c.dep_ == "agent" for c in verb.children):
        return True  # "the acting president installed by the army" (not "installed cameras")
    return lemma in _TO_POWER_VERBS and _to_power(verb)


def installed(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Kabbah, who was restored to power by ECOMOG", "France installed X as president",
    "Russia propped up Assad", "Iran sent fighters to prop up Assad" -> backedBy."""
    for verb in sent:
        if verb.pos_ != "VERB" or not _backs_into_power(verb):
            continue
        factor = assertion_factor(verb)
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if infinitive and verb.head.lemma_.lower() not in _SENDING_VERBS:
            continue  # "gave the junta a week to restore X to power": not done
        if factor == 0:
            continue
        patrons, passive = agents_of(verb, reader)
        if passive:
            clients = patients_of(verb, reader)
        else:
            clients = [a for c in verb.children if c.dep_ == "dobj" for a in _client(c, reader)]
            if not patrons and verb.dep_ in {"advcl", "xcomp"}:
                # "Iran sent fighters to prop up Assad": the sender props him up
                patrons, passive = agents_of(verb.head, reader)
                patrons = [] if passive else patrons
        for client in clients:
            if client.span.label_ not in _CLIENTS:
                continue
            for patron in patrons:
                if verb.lemma_.lower() == "install" and patron.span.label_ == "Person":
                    continue  # a ruler appoints ("the king installed X as premier")
                if patron.span.label_ in _ACTORS and patron.span.kb_id_ != client.span.kb_id_:
                    yield Candidate(client, "backedBy", patron, "installed", factor)


#: participles of backing: "backed by airstrikes from X"
_BACKING_VERBS = frozenset("back support assist aid cover equip arm".split())
_BACKING_ADJS = frozenset("armed backed supported funded equipped".split())
#: what a backer backs with: its air power, its troops, its weapons
_MEANS = frozenset(
    "airstrikes strikes air airpower power aircraft warplanes jets planes drones helicopters "
    "artillery firepower fire troops forces soldiers advisers advisors commandos units "
    "warships ships intelligence weapons arms money funding".split()
)


def _backers_of_means(noun: Token, reader: SentenceReader) -> list[Arg]:
    """Who the means belong to: "airstrikes from X", "X's air power", "U.S. airstrikes",
    "Russian aircraft"."""
    if noun.lower_ not in _MEANS or reader.actors(noun):
        return []
    out = [a for p in _pobjs(noun, {"from", "of"}) for a in reader.actors(p)]
    for c in noun.children:
        if c.dep_ in {"poss", "compound", "nmod", "amod"} and c.i < noun.i:
            m = reader.named_or_demonym(c)
            if m is not None and m.label_ in _ACTORS:
                out.append(reader.arg(m))
    return out


def _participle_patients(verb: Token, reader: SentenceReader) -> list[Arg]:
    """What a participle describes, through a participle it is coordinated with: "the
    army, trained and equipped by X"."""
    found = patients_of(verb, reader)
    if found or verb.dep_ != "conj":
        return found
    first = verb.head
    if first.tag_ == "VBN" and first.dep_ in {"acl", "amod"}:
        return reader.actors(first.head)
    return []


def backed_by_means(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Iraqi troops, backed by airstrikes from the United States", "Afghan troops backed
    by U.S. airstrikes", "the army, trained and equipped by the US" -> backedBy."""
    for verb in sent:
        participle = verb.lemma_.lower() in _BACKING_VERBS and verb.tag_ == "VBN"
        if not participle and not (verb.dep_ == "amod" and verb.lower_ in _BACKING_ADJS):
            continue  # (the model tags "armed" in "X, armed and trained by Y" an adjective)
        agents = list(_pobjs(verb, {"by"}))
        shared = False  # "armed and trained by Iran": the agent hangs on the last participle
        if not agents and verb.dep_ in {"acl", "amod"}:
            agents = [n for c in verb.conjuncts if c.tag_ == "VBN" for n in _pobjs(c, {"by"})]
            shared = True
        if not agents:
            continue
        conj_participle = verb.dep_ == "conj" and not patients_of(verb, reader)
        backers = [a for n in agents for a in _backers_of_means(n, reader)]
        if (conj_participle or shared) and verb.lemma_.lower() != "cover":
            backers += [a for n in agents for a in reader.actors(n)]
        if not backers:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        backed_ones = reader.actors(verb.head) if shared else _participle_patients(verb, reader)
        for backed in backed_ones:
            for b in backers:
                if backed.span.label_ in _ACTORS and b.span.kb_id_ != backed.span.kb_id_:
                    yield Candidate(backed, "backedBy", b, "backed_by_means", factor)


#: what one turns to a patron for: "turned to Russia for help", "for weapons"
_HELP_NOUNS = frozenset(
    "help support assistance aid backing protection weapons arms money funding military".split()
)


#: help that is no backing in a conflict
_CIVIL_AIDS = frozenset("financial economic humanitarian food medical emergency".split())


def turned_to(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Touadera has turned increasingly to Russia and Rwanda for help" -> backedBy."""
    for verb in sent:
        if verb.lemma_.lower() != "turn" or verb.pos_ != "VERB":
            continue
        tos = list(_pobjs(verb, {"to"}))
        fors = list(_pobjs(verb, {"for"})) + [f for t in tos for f in _pobjs(t, {"for"})]
        if not tos or not any(f.lower_ in _HELP_NOUNS for f in fors):
            continue
        if any(c.lower_ in _CIVIL_AIDS for f in fors for c in f.children):
            continue  # "turned to the IMF for financial assistance": a loan, not a patron
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        clients, passive = agents_of(verb, reader)
        if passive:
            continue
        patrons = [a for t in tos for a in reader.actors(t)]
        for c in clients:
            for p in patrons:
                if c.span.kb_id_ != p.span.kb_id_ and not _private(c, p):
                    yield Candidate(c, "backedBy", p, "turned_to", factor)


#: who is a client when said to be close to someone: armed and political groups, media
_CLOSE_CLIENTS = frozenset({"ArmedGroup", "MilitaryForce", "PoliticalGroup", "MediaOrganization"})
_CLOSE_PATRONS = frozenset(
    {"Country", "GovernmentBody", "ArmedGroup", "MilitaryForce", "PoliticalGroup", "Person"}
)


def close_to(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the Wagner Group, a militia close to the Kremlin", "X, which is close to Iran",
    "a newspaper close to the army" -> backedBy."""
    for adj in sent:
        if adj.lower_ != "close" or adj.pos_ != "ADJ":
            continue
        patrons = [a for p in _pobjs(adj, {"to"}) for a in reader.actors(p)]
        patrons = [a for a in patrons if a.span.label_ in _CLOSE_PATRONS]
        if not patrons:
            continue
        head = adj.head
        if adj.dep_ == "acomp" and head.pos_ in {"VERB", "AUX"}:
            factor = assertion_factor(head)
            clients = [a for c in head.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        elif adj.dep_ in {"amod", "acl"} and head.pos_ in {"NOUN", "PROPN"}:
            factor = 1.0
            clients = reader.actors(head)
        else:
            continue
        for c in clients:
            if c.span.label_ not in _CLOSE_CLIENTS:
                continue
            for p in patrons:
                if factor > 0 and c.span.kb_id_ != p.span.kb_id_:
                    yield Candidate(c, "backedBy", p, "close_to", factor)


def shared_intelligence(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Washington has shared intelligence with Paris", "X provides intelligence to Y"
    -> Y backedBy X."""
    for verb in sent:
        if verb.lemma_.lower() not in {"share", "provide", "give", "pass", "supply"}:
            continue
        if not any(c.dep_ == "dobj" and c.lower_ == "intelligence" for c in verb.children):
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        givers, passive = agents_of(verb, reader)
        takers = [
            a
            for h in (verb, *(c for c in verb.children if c.dep_ == "dobj"))
            for p in _pobjs(h, {"with", "to"})
            for a in reader.actors(p)
        ]
        for g in [] if passive else givers:
            for t in takers:
                if g.span.kb_id_ != t.span.kb_id_ and {g.span.label_, t.span.label_} <= _SHARERS:
                    yield Candidate(t, "backedBy", g, "shared_intelligence", factor)


#: who shares intelligence as a patron: states and their forces
_SHARERS = frozenset({"Country", "MilitaryForce", "GovernmentBody", "Coalition"})


#: what a client receives from a patron: arms, money, training, orders
_RECEIVED = frozenset(
    "weapons weapon arms munitions ammunition missiles rockets drones artillery equipment "
    "money cash funds funding financing support backing training orders instructions "
    "aid assistance".split()
)
#: who receives arms and orders, and who gives them
_ARMED_SIDES = frozenset({"Country", "ArmedGroup", "MilitaryForce", "GovernmentBody", "Coalition"})


def received_from(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hezbollah receives weapons and money from Iran", "the Houthis get most of their
    weapons from Iran", "the militia takes its orders from Tehran" -> backedBy."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in {"receive", "get", "obtain", "take"}:
            continue
        goods = [c for c in verb.children if c.dep_ == "dobj"]
        goods += [p for g in list(goods) for p in _pobjs(g, {"of"})]  # "most of their weapons"
        goods = [g for o in goods for g in (o, *o.conjuncts) if g.lower_ in _RECEIVED]
        if lemma == "take":
            goods = [g for g in goods if g.lower_ in {"orders", "instructions"}]
        if not goods or any(c.lower_ in _CIVIL_AIDS for g in goods for c in g.children):
            continue  # "received humanitarian aid from the EU"
        if any(g.lower_ in {"aid", "assistance"} for g in goods) and not any(
            c.lower_ in {"military", "security"} for g in goods for c in g.children
        ):
            continue  # plain "aid" is most often relief
        patrons = [a for h in (verb, *goods) for p in _pobjs(h, {"from"}) for a in reader.actors(p)]
        if not patrons:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        clients, passive = agents_of(verb, reader)
        for c in [] if passive else clients:
            for p in patrons:
                if (
                    c.span.label_ in _ARMED_SIDES
                    and p.span.label_ in _ARMED_SIDES
                    and c.span.kb_id_ != p.span.kb_id_
                ):
                    yield Candidate(c, "backedBy", p, "received_from", factor)


PATTERNS = (installed, backed_by_means, turned_to, close_to, shared_intelligence, received_from)
