"""Belonging, backing and alignment: "KH, part of the PMU", "Iran's Quds Force",
"Iran-backed militias", "NATO allies like Denmark", "tensions between X and Y",
"counter-ISIS units", "militias tied to Iran"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from ..lexicon import (
    AGAINST_PREFIXES,
    BACKING_PARTICIPLES,
    EXAMPLE_PREPS,
    MEMBER_NOUNS,
    SYMMETRIC_NOUNS,
    TIE_VERBS,
)
from .assertion import assertion_factor
from .sentence import (
    _ACTORS,
    _ORG_TYPES,
    _PART_NOUNS,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    described,
)


def ties(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "linking them to the IRGC", "militias closely tied to Iran" -> backedBy."""
    for verb in sent:
        if verb.lemma_.lower() not in TIE_VERBS or assertion_factor(verb) == 0:
            continue
        backers = [
            a
            for p in _pobjs(verb, {"to", "with"})
            for a in reader.actors(p)
            if a.span.label_ in _ACTORS
        ]
        if not backers:
            continue
        tied = [
            a for c in verb.children if c.dep_ in {"dobj", "nsubjpass"} for a in reader.actors(c)
        ]
        if verb.dep_ in {
            "acl",
            "amod",
            "acomp",
        }:  # "the militia targets are closely tied to Iran"
            head = verb.head
            if verb.dep_ == "acomp":
                tied += [a for c in head.children if c.dep_ == "nsubj" for a in reader.actors(c)]
            else:
                tied += reader.actors(head)
        for t in tied:
            if t.span.label_ in _ORG_TYPES:
                for b in backers:
                    yield Candidate(t, "backedBy", b, "ties")


def member_examples(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "NATO allies like Denmark", "members such as Jordan" -> memberOf."""
    for tok in sent:
        if tok.lower_ not in MEMBER_NOUNS:
            continue
        groups = [reader.mention(c) for c in tok.children if c.dep_ in {"compound", "nmod", "poss"}]
        groups += [m for p in _pobjs(tok, {"of"}) for m in [reader.mention(p)]]
        orgs = [g for g in groups if g is not None and g.label_ in _ORG_TYPES]
        if not orgs:
            continue
        examples = [a for p in _pobjs(tok, EXAMPLE_PREPS) for a in reader.actors(p)]
        for c in tok.children:  # "such as": (prep such) -> (prep as) -> pobj
            if c.dep_ == "amod" and c.lower_ == "such":
                examples += [a for p in _pobjs(c, {"as"}) for a in reader.actors(p)]
        for ex in examples:
            if ex.span.label_ in {"Country", "Person"} | _ORG_TYPES:
                for org in orgs:
                    yield Candidate(ex, "memberOf", reader.arg(org), "member_examples")


def possessives(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for m in reader.in_sentence(sent):
        if not (sent.start <= m.start < sent.end):
            continue
        if m.label_ not in {"GovernmentBody", "MilitaryForce", "MediaOrganization"}:
            continue
        heads = [m.root]
        if m.root.dep_ in {"compound", "nmod"} and m.root.head.pos_ == "NOUN":
            heads.append(m.root.head)  # "Iran's Tasnim media"
        named = m.kb_id_ in reader.named and (m.start, m.end) in reader.named_spans
        for c in (c for h in heads for c in h.children):
            adjacent = not any(t.dep_ in {"cc", "punct"} for t in reader.doc[c.i + 1 : m.start])
            if c.dep_ == "poss" or (
                named and adjacent and c.dep_ in {"amod", "compound"} and c.i < m.start
            ):
                owner = reader.named_or_demonym(c)
                if owner is not None and owner.label_ == "Country":
                    yield Candidate(reader.arg(m), "partOf", reader.arg(owner), "possessive")
        # a name that starts with a country word: "the Canadian Defence Department"
        # (not national forces: "US forces" says no more than the name does)
        if (
            reader.gazetteer is not None
            and len(m) > 1
            and m.kb_id_ in reader.named
            and m.label_ != "MilitaryForce"
        ):
            first = reader.gazetteer.lookup(m[0].text)
            if first is not None and first.entry.type == "Country" and first.entry.key != m.kb_id_:
                country = Span(
                    reader.doc, m.start, m.start + 1, label="Country", kb_id=first.entry.key
                )
                yield Candidate(reader.arg(m), "partOf", Arg(country), "demonym_name")


def modifier_backing(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for tok in sent:
        if tok.lower_ not in BACKING_PARTICIPLES or tok.i < 2 or sent.doc[tok.i - 1].text != "-":
            continue
        backer_tok = sent.doc[tok.i - 2]
        backer = reader.named_or_demonym(backer_tok)
        if backer is None or backer.label_ not in _ACTORS:
            continue
        noun = tok.head if tok.head.pos_ in {"NOUN", "PROPN"} else None
        if noun is None:
            continue
        for arg in described(noun, reader):
            yield Candidate(arg, "backedBy", reader.arg(backer), "modifier_backing", arg.factor)


def against_prefix(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for m in reader.in_sentence(sent):
        if not (sent.start <= m.start < sent.end) or m.start < 2:
            continue
        doc = sent.doc
        if doc[m.start - 1].text != "-" or doc[m.start - 2].lower_ not in AGAINST_PREFIXES:
            continue
        head = m.root.head
        while head.dep_ in {"compound", "amod"} and head.head != head:
            head = head.head
        for arg in reader.actors(head):
            if arg.span.kb_id_ != m.kb_id_:
                yield Candidate(arg, "fightsAgainst", reader.arg(m), "against_prefix")


def between(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for tok in sent:
        relation = SYMMETRIC_NOUNS.get(tok.lower_)
        if relation is None:
            continue
        for p in _pobjs(tok, {"between", "among"}):
            args = reader.actors(p)
            for i in range(len(args)):
                for j in range(i + 1, len(args)):
                    yield Candidate(args[i], relation, args[j], "between")


def copula_part(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for tok in sent:
        if tok.lower_ not in _PART_NOUNS:
            continue
        wholes = [a for p in _pobjs(tok, {"of"}) for a in reader.actors(p)]
        if not wholes:
            continue
        relation = "partOf"
        parts: list[Arg] = []
        if tok.dep_ in {"attr", "acomp"} and tok.head.lemma_ == "be":  # "X is part of Y"
            verb = tok.head
            if assertion_factor(verb) == 0:
                continue
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            for s in subj:
                if s.lower_ in {"which", "who", "that"} and verb.dep_ == "relcl":
                    parts += reader.actors(verb.head)
                    if verb.head.dep_ == "conj":
                        parts += reader.actors(verb.head.head)
                else:
                    parts += reader.actors(s)
        elif tok.dep_ == "appos":  # "PMF, ..., part of Iraq's security forces"
            parts += reader.actors(tok.head)
            node = tok.head
            while not parts and node.dep_ in {"pobj", "prep", "acl", "appos"} and node.head != node:
                node = node.head
                parts += [a for a in reader.actors(node) if a.span.label_ in _ORG_TYPES]
        for part in parts:
            rel = "memberOf" if part.span.label_ in {"Person", "Country"} else relation
            for whole in wholes:
                yield Candidate(part, rel, whole, "copula_part")


PATTERNS = (
    ties,
    member_examples,
    possessives,
    modifier_backing,
    against_prefix,
    between,
    copula_part,
)
