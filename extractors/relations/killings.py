"""Killings and killers: "Kennedy's assassin X", "X was shot dead by Y", "X, who killed Y",
"Y was sentenced for the murder of X" (the killer ``attacked`` the victim)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import KILLER_NOUNS
from .assertion import assertion_factor
from .sentence import (
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
)


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
    "settled_killing": 0.85,
    "killing_noun": 0.75,
    "killing_shot": 0.8,
    "killer_clause": 0.8,
}

PATTERNS = (killers, killings)
