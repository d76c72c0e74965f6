"""Roles a person is given after the name, without a title before it: "Jane Roe of the
Rand Corporation said" (``person_of``); "Jane Roe is a reporter for the Daily Planet", "Roe
has been named chairman of Acme", "Roe, who remains head of Acme" (``copular_title``);
"the chairman of the Y Front, X" parsed onto the organisation (``title_of_org``); "Roe,
who heads Acme", "Roe works for Acme" (``work_verb``)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .appositive_titles import _heads
from .assertion import assertion_factor
from .demotion import _demote
from .sentence import _ORG_TYPES, Arg, Candidate, SentenceReader, _pobjs
from .titles import (
    _BRITISH_HONORIFICS,
    _for_state,
    _past,
    _portfolio_of,
    _title_relation,
    named_people,
)

#: organisation types a person can work for or belong to, read from "of"/"at"/"with"
_EMPLOYERS = _ORG_TYPES - {"Coalition"}


#: verbs whose subject runs their object: "X, who heads Y", "X runs Y"
_RUNNING_VERBS = frozenset("head chair run direct found co-found own operate".split())


#: verbs whose subject works for the object of a preposition: "X works for Y",
#: "X served in Y", "X covers the White House for Y", "X represents Y"
_WORKING_VERBS: dict[str, frozenset[str]] = {
    "work": frozenset({"for", "at", "with"}),
    "serve": frozenset({"in", "on", "with", "at"}),
    "cover": frozenset({"for"}),
    "teach": frozenset({"at"}),
    "report": frozenset({"for"}),
    "write": frozenset({"for"}),
}


#: bodies whose people are their members: parties and armed groups
_MEMBER_BODIES = frozenset({"PoliticalGroup", "ArmedGroup"})


def _employer(tok: Token, reader: SentenceReader, person: Span) -> Arg | None:
    m = reader.mention(tok)
    if m is None or m.label_ not in _EMPLOYERS or m.kb_id_ == person.kb_id_ or _portfolio_of(m):
        return None
    return reader.arg(m)


def roles(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """Roles a person is given without a title before the name:
    "Jane Roe of the Rand Corporation said" (``person_of``); "Jane Roe is a reporter for
    the Daily Planet", "Roe has been named chairman of Acme" (``copular_title``); "Roe,
    who heads Acme", "Roe works for Acme", "Roe covers Congress for the Planet"
    (``work_verb``)."""
    for person in named_people(sent, reader):
        root = person.root
        # "X of Y", "X at Y": a person set off by an organisation (not a peer's
        # territorial title: "Lord Roberts of Conwy")
        peer = person[0].lower_ in _BRITISH_HONORIFICS or (
            person.start > 0 and person.doc[person.start - 1].lower_ in _BRITISH_HONORIFICS
        )
        if root.dep_ not in {"compound", "poss", "amod"} and not peer:
            for p in root.children:
                if p.dep_ == "prep" and p.lower_ in {"of", "at"} and p.i >= person.end:
                    for o in p.children:
                        if o.dep_ == "pobj":
                            org = _employer(o, reader, person)
                            if org is not None:
                                # "Seamus Mallon of the SDLP": one of a party's or
                                # group's people; "Jane Roe of the Rand Corporation"
                                # works there
                                rel = (
                                    "memberOf"
                                    if org.span.label_ in _MEMBER_BODIES
                                    else ("affiliatedWith")
                                )
                                yield Candidate(reader.arg(person), rel, org, "person_of")
        yield from _copular_title(person, reader)
        yield from _work_verbs(person, reader)
        yield from _title_of_org(person, reader)


_NAMING_VERBS = frozenset({"name", "appoint", "elect"})


def _title_of_org(person: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the chairman of the Y Front, X": the name parsed as in apposition to the
    organisation instead of the title."""
    root = person.root
    org_tok = root.head
    if root.dep_ != "appos" or org_tok.dep_ != "pobj" or org_tok.head.lower_ not in {"of", "at"}:
        return
    title = org_tok.head.head
    if title.pos_ not in {"NOUN", "PROPN"} or _past(title):
        return
    found = _title_relation([*(c for c in title.lefts if c.dep_ in {"compound", "amod"}), title])
    org = _employer(org_tok, reader, person)
    if found is not None and org is not None:
        relation = _demote(found[0], [title], found[1], reader)
        rel = _for_state(relation, org, found[1])
        if rel == "memberOf" and _heads(title, org):
            rel = "leaderOf"  # "the commander of the Revolutionary Guards, X"
        if rel is not None:
            yield Candidate(reader.arg(person), rel, org, "title_of_org")


def _copular_title(person: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X is the spokesman for Y", "X was named publisher of Y"."""
    root = person.root
    if root.dep_ == "appos" and root.head.dep_ == "nsubj":
        root = root.head  # "Y's commander, X, became president of Z"
    verb = root.head
    if root.dep_ == "nsubj" and verb.lemma_ in {"be", "become", "remain"}:
        titles = [c for c in verb.children if c.dep_ == "attr"]  # "X became president of Y"
    elif root.dep_ in {"nsubjpass", "dobj"} and verb.lemma_ in _NAMING_VERBS:
        # "X was named chairman of Y", "Y named X publisher of Z"
        titles = [c for c in verb.children if c.dep_ in {"oprd", "xcomp", "attr", "ccomp"}]
    elif root.dep_ == "compound" and verb.dep_ == "oprd" and verb.head.lemma_ in _NAMING_VERBS:
        titles, verb = [verb], verb.head  # "Y named X chairman of Z", parsed as one noun
    elif clause := _who_is(person.root):  # "X, who remains head of Y"
        titles, verb = [c for c in clause.children if c.dep_ in {"attr", "oprd"}], clause
    else:
        return
    factor = assertion_factor(verb)
    if factor == 0:
        return
    for title in titles:
        if _past(title) or title.pos_ not in {"NOUN", "PROPN"}:
            continue
        lefts = [c for c in title.lefts if c.dep_ in {"compound", "amod"}]
        found = _title_relation([*lefts, title])
        if found is None:
            continue
        relation = found[0]
        orgs: list[Arg] = []
        cands = [o for p in _pobjs(title, {"of", "for", "at", "with"}) for o in [p]]
        cands += [c for c in title.children if c.dep_ in {"poss", "compound"}]
        for tok in cands:
            org = _employer(tok, reader, person)
            m = reader.mention(tok)
            if org is None and m is not None and m.label_ == "Country":
                org = reader.arg(m)  # "X became president of Kosovo"
            if org is not None and all(o.span.kb_id_ != org.span.kb_id_ for o in orgs):
                orgs.append(org)
        for org in orgs[:2]:
            rel = _for_state(relation, org, title)
            if rel is not None:
                yield Candidate(reader.arg(person), rel, org, "copular_title", factor)


def _who_is(root: Token) -> Token | None:
    """The copula of a relative clause on a name: "X, who is (remains, became) ..."."""
    return next(
        (
            c
            for c in root.children
            if c.dep_ == "relcl"
            and c.lemma_ in {"be", "become", "remain"}
            and any(s.dep_ == "nsubj" and s.lower_ in {"who", "that"} for s in c.children)
        ),
        None,
    )


def _work_verbs(person: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X, who heads Y", "X runs Y", "X works for Y", "X has covered Congress for Y"."""
    root = person.root
    verbs: list[Token] = []
    if root.dep_ == "nsubj":
        verbs.append(root.head)
    verbs += [
        c
        for c in root.children
        if c.dep_ == "relcl"
        and any(s.dep_ == "nsubj" and s.lower_ in {"who", "that"} for s in c.children)
    ]
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or (lemma not in _RUNNING_VERBS and lemma not in _WORKING_VERBS):
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        if lemma in _RUNNING_VERBS:
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            relation = "leaderOf"
        else:
            heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
            objs = [p for h in heads for p in _pobjs(h, _WORKING_VERBS[lemma])]
            relation = "affiliatedWith"
        for o in objs:
            org = _employer(o, reader, person)
            if org is not None:
                yield Candidate(reader.arg(person), relation, org, "work_verb", factor)


PATTERNS = (roles,)
CONFIDENCE = {
    "person_of": 0.75,
    "title_of_org": 0.8,
    "copular_title": 0.85,
    "work_verb": 0.8,
}
