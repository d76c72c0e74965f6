"""Nominal events and accusations: "the US attack on X", "Kennedy's assassin Y",
"Washington's charge that KH was behind it"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from ..lexicon import (
    ACCUSATION_NOUNS,
    ACTION_NOUNS,
    KILLER_NOUNS,
)
from .assertion import assertion_factor
from .sentence import (
    _ACTORS,
    Candidate,
    SentenceReader,
    _conjuncts,
    _pobjs,
)


def accusation_nouns(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Washington's charge that KH was behind it" -> accused."""
    for tok in sent:
        if tok.lower_ not in ACCUSATION_NOUNS:
            continue
        nouns = [tok] + ([tok.head] if tok.dep_ == "conj" else []) + _conjuncts(tok)
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
        for a in accusers:
            for b in accused:
                yield Candidate(a, "accused", b, "accusation_noun")


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
                if k is not None and v is not None and k.label_ == "Person":
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
            if assertion_factor(verb) > 0:
                agents = [a for c in verb.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        for a in agents:
            for t in targets:
                yield Candidate(a, relation, t, "action_noun")


PATTERNS = (accusation_nouns, killers, action_nouns)
