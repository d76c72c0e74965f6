"""Attacks said with a phrase rather than an attack verb: "X opened fire on Y('s
positions)", "X dropped bombs on Y", "X blew up Y", "raids against Y's infrastructure"
(``attacked``)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .assertion import assertion_factor
from .sentence import _ACTORS, _SITE_NOUNS, Arg, Candidate, SentenceReader, _pobjs, agents_of

CONFIDENCE = {"fire_on": 0.8, "blew_up": 0.8, "raid_against": 0.75}

_TARGETS = _ACTORS | {"Place", "Facility"}
#: what is dropped or fired on a target: "dropped bombs on Y", "opened fire on Y"
_MUNITIONS = frozenset(
    "fire bomb bombs missile missiles shell shells rocket rockets barrel explosives".split()
)
#: what an attack aims at and whose it is: "Hezbollah infrastructure", "X's positions"
_ASSET_NOUNS = _SITE_NOUNS | frozenset({"infrastructure", "targets", "target", "assets"})
_RAID_NOUNS = frozenset("raid raids strike strikes airstrike airstrikes attacks attack".split())


def _targets(noun: Token, reader: SentenceReader) -> list[Arg]:
    """The actors or places a phrase names as hit: "Israeli positions" -> Israel."""
    found = [a for a in reader.actors(noun, sites=True) if a.span.label_ in _TARGETS]
    if not found and noun.lower_ in _ASSET_NOUNS:
        found = [a for a in reader.site_owners(noun) if a.span.label_ in _TARGETS]
        found += [  # "Israeli positions": the demonym's state
            reader.arg(d)
            for c in noun.children
            if c.dep_ in {"amod", "compound"} and c.i in reader.demonyms
            for d in [reader.demonyms[c.i]]
            if d.label_ == "Country"
        ]
    return found


def _attackers(verb: Token, reader: SentenceReader) -> list[Arg]:
    agents, passive = agents_of(verb, reader)
    return [] if passive else [a for a in agents if a.span.label_ in _ACTORS]


def _attacks(
    verb: Token, targets: list[Arg], extractor: str, reader: SentenceReader
) -> Iterator[Candidate]:
    """The verb's doers attacked the targets, when the clause asserts it."""
    factor = assertion_factor(verb) if targets else 0.0
    if factor == 0:
        return
    for a in _attackers(verb, reader):
        for t in targets:
            if a.span.kb_id_ != t.span.kb_id_:
                yield Candidate(a, "attacked", t, extractor, factor)


def fire_on(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X opened fire on Y", "X dropped dozens of bombs on Y's headquarters"."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in {"open", "drop", "rain"}:
            continue
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        munitions = [
            o
            for o in objs
            if o.lower_ in _MUNITIONS or any(p.lower_ in _MUNITIONS for p in _pobjs(o, {"of"}))
        ]
        if not munitions or (lemma == "open" and not any(m.lower_ == "fire" for m in munitions)):
            continue
        targets = [
            a
            for h in (verb, *munitions)
            for p in _pobjs(h, {"on", "at", "upon"})
            for a in _targets(p, reader)
        ]
        yield from _attacks(verb, targets, "fire_on", reader)


def blew_up(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "The militants blew up the al-Nuri mosque"."""
    for verb in sent:
        if verb.lemma_.lower() != "blow" or not any(
            c.dep_ == "prt" and c.lower_ == "up" for c in verb.children
        ):
            continue
        targets = [a for c in verb.children if c.dep_ == "dobj" for a in _targets(c, reader)]
        yield from _attacks(verb, targets, "blew_up", reader)


def raids_against(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X's raids against Hezbollah infrastructure", "strikes on X's positions" by a
    named attacker: the owner of what was hit is attacked."""
    for noun in sent:
        if noun.lower_ not in _RAID_NOUNS or noun.pos_ != "NOUN":
            continue
        assets = [
            p
            for p in _pobjs(noun, {"against", "on"})
            if p.lower_ in _ASSET_NOUNS and reader.mention(p) is None
        ]
        owners = [a for p in assets for a in reader.site_owners(p) if a.span.label_ in _ACTORS]
        if not owners:
            continue
        raiders = [
            reader.arg(m)
            for c in noun.children
            if c.dep_ in {"poss", "compound", "amod", "nmod"}
            for m in [reader.named_or_demonym(c)]
            if m is not None and m.label_ in _ACTORS
        ]
        node = noun
        while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
            node = node.head
        factor = assertion_factor(node) if node.pos_ in {"VERB", "AUX"} else 1.0
        if factor == 0:
            continue
        for r in raiders:
            for o in owners:
                if r.span.kb_id_ != o.span.kb_id_:
                    yield Candidate(r, "attacked", o, "raid_against", factor)


PATTERNS = (fire_on, blew_up, raids_against)
