"""Who leads, joins and sides with whom, read from constructions the title and alliance
patterns leave out:

- "Eritrea, whose president Isaias Afwerki ..." (``whose_head``): the person heads the actor.
- "the Southern Front, led by Ali Hassan" (``led_by_person``): a person leads an organisation.
- "Chad and Niger formed the Lake Chad force", "Benin, with which it formed the force"
  (``founders``): members of an alliance.
- "the army has teamed up with the militias", "Kenya has drawn closer to Ethiopia",
  "the police have been cooperating with the rebels" (``teamed_up``): alliedWith.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .assertion import assertion_factor
from .sentence import (
    _ACTORS,
    _ORG_TYPES,
    Arg,
    Candidate,
    SentenceReader,
    _conjuncts,
    _pobjs,
    agents_of,
)

CONFIDENCE = {
    "whose_head": 0.85,
    "led_by_person": 0.8,
    "founders": 0.8,
    "teamed_up": 0.75,
}

#: titles that make their holder the head of what they belong to
_HEAD_TITLES = frozenset("president leader head chief chairman commander king emir premier".split())
#: organisations a person can lead by being named after "led by"
_LED = _ORG_TYPES - {"InternationalOrganization"}
#: what countries and groups form or join as members
_ALLIANCE_TYPES = frozenset({"Coalition", "InternationalOrganization", "PoliticalGroup"})
#: ("A joined X" and "X, which A joined" are read by ``verbs``)
_FOUNDING_VERBS = frozenset("form found create establish launch".split())
#: verbs of siding with someone: "team up with", "cooperate with", "draw closer to"
_WITH_VERBS = frozenset("team cooperate co-operate collaborate ally partner".split())
_FORCE_NOUNS = frozenset("troops soldiers forces fighters units contingents".split())
_UNION_NOUNS = frozenset("coalition alliance network grouping".split())


def _people_after(tok: Token, reader: SentenceReader) -> list[Span]:
    """People named right after a title token: "president Isaias Afwerki"."""
    doc = tok.doc
    m = reader.mention(doc[tok.i + 1]) if tok.i + 1 < tok.sent.end else None
    if m is None or m.label_ != "Person" or m.start != tok.i + 1:
        return []
    return [m]


def whose_head(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Eritrea, whose president Isaias Afwerki regards ...", "the movement, whose leader,
    Ali Said, ..." -> the person leads the actor before "whose"."""
    doc = sent.doc
    for tok in sent:
        if tok.lower_ != "whose" or tok.i < sent.start + 2 or doc[tok.i - 1].text != ",":
            continue
        owner = reader.mention(doc[tok.i - 2])
        if owner is None or owner.end != tok.i - 1 or owner.label_ not in _ACTORS - {"Person"}:
            continue
        i = tok.i + 1
        while i < sent.end and doc[i].lower_ in {"prime", "interim", "acting", "new", "top"}:
            i += 1
        if i >= sent.end or doc[i].lower_ not in _HEAD_TITLES:
            continue
        title = doc[i]
        people = _people_after(title, reader)
        if not people and i + 2 < sent.end and doc[i + 1].text == ",":
            people = _people_after(doc[i + 1], reader)  # "whose leader, Ali Said,"
        verb = title.head if title.head.pos_ in {"VERB", "AUX"} else title
        factor = assertion_factor(verb) if verb.pos_ in {"VERB", "AUX"} else 1.0
        for person in people:
            if factor > 0:
                yield Candidate(
                    reader.arg(person), "leaderOf", reader.arg(owner), "whose_head", factor
                )


def led_by_person(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the Southern Front, led by Ali Hassan, ...", "fighters of the Front, led by X"."""
    for verb in sent:
        if verb.lower_ != "led" or verb.dep_ != "acl" or verb.tag_ != "VBN":
            continue
        people = [
            reader.arg(m)
            for a in verb.children
            if a.dep_ == "agent"
            for p in a.children
            if p.dep_ == "pobj"
            for m in [reader.mention(p)]
            if m is not None and m.label_ == "Person" and m.root.i == p.i
        ]
        if not people:
            continue
        head = verb.head
        if verb.i == 0 or sent.doc[verb.i - 1].text != ",":
            continue  # "a force led by X" without a comma is read by other patterns
        org = reader.mention(head)
        if org is None and head.pos_ == "NOUN" and head.lower_ in _FORCE_NOUNS:
            for c in head.children:  # "Fighters of the Front, led by X"
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            org = reader.mention(p)
        if org is None or org.label_ not in _LED or org.end != verb.i - 1:
            continue
        for person in people:
            yield Candidate(person, "leaderOf", reader.arg(org), "led_by_person")


def _alliances(tok: Token, reader: SentenceReader) -> list[Arg]:
    return [a for a in reader.actors(tok) if a.span.label_ in _ALLIANCE_TYPES]


def _members(tok: Token, reader: SentenceReader) -> list[Arg]:
    return [a for a in reader.actors(tok) if a.span.label_ in {"Country", *_ORG_TYPES}]


def founders(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Chad and Niger formed the Lake Chad force", "its neighbours Benin and Togo, with
    which it formed the pact" -> memberOf
    (partOf for an organisation)."""
    for verb in sent:
        if verb.lemma_ not in _FOUNDING_VERBS or verb.pos_ != "VERB":
            continue
        factor = assertion_factor(verb)
        if factor == 0 or any(c.dep_ == "auxpass" for c in verb.children):
            continue
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        wholes = [a for o in objs for a in _alliances(o, reader)]
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        members: list[Arg] = []
        for s in subjects:
            if s.lower_ in {"it", "they", "which", "that"} and s.tag_ in {"WDT", "WP"}:
                continue
            members += _members(s, reader)
        if verb.dep_ == "relcl":  # "A and B, with which it formed X": with A and B
            for c in verb.children:
                if (
                    c.dep_ == "prep"
                    and c.lower_ == "with"
                    and any(p.tag_ == "WDT" for p in c.children)
                ):
                    members += _members(verb.head, reader)
        for whole in wholes:
            for member in members:
                if member.span.kb_id_ == whole.span.kb_id_:
                    continue
                relation = "partOf" if member.span.label_ in _ORG_TYPES else "memberOf"
                yield Candidate(member, relation, whole, "founders", factor)


def _partners(prep: Token, reader: SentenceReader) -> list[Arg]:
    out: list[Arg] = []
    for p in prep.children:
        if p.dep_ != "pobj":
            continue
        found = reader.actors(p)
        if not found and p.lower_ in _UNION_NOUNS:  # "with a coalition of militias known as X"
            found = [a for q in _pobjs(p, {"of"}) for a in reader.actors(q)]
        if not found and p.lower_ in _FORCE_NOUNS:
            for c in p.children:  # "troops from Burundi"
                if c.dep_ == "prep" and c.lower_ == "from":
                    for q in c.children:
                        if q.dep_ == "pobj":
                            found += reader.actors(q)
        out += found
    return out


def _denied(verb: Token) -> bool:
    """ "no evidence that X is cooperating with Y", "X denied that it had teamed up"."""
    for anc in verb.ancestors:
        if anc.lemma_ in {"deny", "reject", "dismiss"}:
            return True
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in anc.children):
            return True
    return False


def teamed_up(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the army has teamed up with the militias", "X has been cooperating with Y",
    "X has drawn closer to Y", "X joined forces with Y", "X threw in its lot with Y"
    -> alliedWith."""
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_
        kids = list(verb.children)
        preps: list[Token] = []
        if lemma in _WITH_VERBS:
            preps = [c for c in kids if c.dep_ == "prep" and c.lower_ == "with"]
            for part in kids:  # "team up with": the particle takes the preposition
                if part.dep_ == "prt":
                    preps += [c for c in part.children if c.dep_ == "prep" and c.lower_ == "with"]
        elif lemma == "join" and any(c.dep_ == "dobj" and c.lower_ == "forces" for c in kids):
            preps = [c for c in kids if c.dep_ == "prep" and c.lower_ == "with"]
        elif lemma == "throw" and any(c.dep_ == "dobj" and c.lower_ == "lot" for c in kids):
            # "X threw in its lot with Y" (the parse may hang "with" on "lot")
            lots = [c for c in kids if c.lower_ == "lot"]
            preps = [c for h in (verb, *lots) for c in h.children if c.dep_ == "prep"]
            preps = [c for c in preps if c.lower_ == "with"]
        elif lemma == "draw" and any(c.lower_ == "closer" for c in kids):
            closer = [c for c in kids if c.lower_ == "closer"]
            preps = [c for c in kids if c.dep_ == "prep" and c.lower_ == "to"]
            preps += [
                c for k in closer for c in k.children if c.dep_ == "prep" and c.lower_ == "to"
            ]
        if not preps:
            continue
        factor = assertion_factor(verb)
        if factor == 0 or _denied(verb):
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        partners: list[Arg] = []
        for prep in preps:
            partners += _partners(prep, reader)
            for conj in _conjuncts(prep):  # "with troops from X, and with a coalition"
                if conj.dep_ == "conj" and conj.lower_ == prep.lower_:
                    partners += _partners(conj, reader)
        for a in agents:
            if a.span.label_ == "Person":
                continue
            for b in partners:
                if b.span.label_ != "Person" and b.span.kb_id_ != a.span.kb_id_:
                    yield Candidate(a, "alliedWith", Arg(b.span, b.factor), "teamed_up", factor)


PATTERNS = (whose_head, led_by_person, founders, teamed_up)
