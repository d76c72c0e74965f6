"""Titles and offices: "PMU leader X", "Iraqi President X", "X, spokeswoman for Y",
"Secretary of State X"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import (
    DEPUTY_WORDS,
    MULTIWORD_TITLES,
    OFFICE_BODIES,
    TITLE_RELATIONS,
)
from ..normalize import fold
from .sentence import (
    _ACTORS,
    _NOT_EMPLOYER,
    _ORG_TYPES,
    Arg,
    Candidate,
    SentenceReader,
    _demote,
    _portfolio,
)


def titles(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for person in reader.in_sentence(sent):
        if person.label_ != "Person" or not (sent.start <= person.start < sent.end):
            continue
        if (person.start, person.end) in reader.coref:
            continue
        # title words before the name, inside the same noun phrase
        yield from _pre_title(person, sent, reader)
        # appositive titles: "X, spokeswoman for Y", "One of the PMF commanders, X"
        yield from _appos_title(person, reader)


def _title_relation(toks: list[Token]) -> tuple[str, Token] | None:
    """The relation a title among ``toks`` gives its holder, and the title's head word.

    "Deputy leader" and "vice chairman" hold office under the head: affiliatedWith.
    """
    for i, t in enumerate(toks):
        found: tuple[str, Token] | None = None
        if i + 1 < len(toks):
            key = MULTIWORD_TITLES.get((t.lower_, toks[i + 1].lower_))
            if key:
                found = TITLE_RELATIONS[key], toks[i + 1]
        if found is None:
            rel = TITLE_RELATIONS.get(t.lower_) or TITLE_RELATIONS.get(t.lemma_.lower())
            if rel and t.pos_ in {"NOUN", "PROPN"}:
                found = rel, t
            elif t.lower_ == "pm" or t.text == "PM":
                found = "leaderOf", t
        if found is None:
            continue
        if found[0] == "leaderOf" and any(
            x.lower_ in DEPUTY_WORDS for x in toks[max(0, i - 2) : i]
        ):
            return "affiliatedWith", found[1]
        return found
    return None


def _pre_title(person: Span, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """Titles in the words right before a name that depend on it ("PMU leader X")."""
    if person.root.dep_ in {"compound", "poss", "amod"}:
        return  # "the Obama administration": the name modifies something else
    attached = {t.i for t in person.root.subtree}
    i = person.start - 1
    window: list[Token] = []
    while i >= sent.start and len(window) < 8:
        t = sent.doc[i]
        if (
            t.i not in attached
            or t.text in {",", ";", ":", "(", ")", "[", "]", "—", "–"}
            or t.pos_
            in {
                "VERB",
                "AUX",
                "SCONJ",
                "CCONJ",
                "PRON",
            }
        ):
            break
        window.insert(0, t)
        i -= 1
    if not window:
        return
    office = _office(window, reader)
    if office is not None:
        body, office_toks = office
        window = [t for t in window if t.i not in office_toks]
        yield Candidate(reader.arg(person), "affiliatedWith", Arg(body), "office")
    found = _title_relation(window)
    if found is None:
        if office is not None:
            for org in _orgs_in(window, reader, person):
                if org.span.label_ == "Country":
                    yield Candidate(reader.arg(person), "affiliatedWith", org, "office")
        return
    relation, title = found
    relation = _demote(relation, window, title, reader)
    after = [
        t
        for p in person.root.children
        if p.dep_ == "prep" and p.lower_ in {"of", "for", "at"}
        for t in p.subtree
    ]  # "Deputy leader X of Hamas"
    orgs = _orgs_in(window + after, reader, person)
    for org in orgs:
        yield Candidate(reader.arg(person), relation, org, "title")


def _office(window: list[Token], reader: SentenceReader) -> tuple[Span, set[int]] | None:
    """A known office in the words before a name: "Secretary of State", "Defense Secretary"."""
    if reader.gazetteer is None:
        return None
    words = [fold(t.text) for t in window]
    for i in range(len(window)):
        for j in range(len(window), i, -1):
            body = OFFICE_BODIES.get(" ".join(w for w in words[i:j] if w))
            if body is None:
                continue
            match = reader.gazetteer.lookup(body)
            if match is None:
                return None
            doc = window[0].doc
            span = Span(
                doc,
                window[i].i,
                window[j - 1].i + 1,
                label=match.entry.type,
                kb_id=match.entry.key,
            )
            return span, {t.i for t in window[i:j]}
    return None


def _orgs_in(toks: list[Token], reader: SentenceReader, person: Span) -> list[Arg]:
    seen: dict[str, Arg] = {}
    for t in toks:
        m = reader.named_or_demonym(t)
        if (
            m is not None
            and m.kb_id_ != person.kb_id_
            and m.label_ in _ACTORS
            and m.label_ != "Person"
            and not _portfolio(m)
        ):
            seen.setdefault(m.kb_id_, reader.arg(m))
    return list(seen.values())


def _appos_title(person: Span, reader: SentenceReader) -> Iterator[Candidate]:
    root = person.root
    titles: list[Token] = [
        c
        for c in root.children
        if c.dep_ == "appos" or (c.dep_ == "conj" and c.lower_ in TITLE_RELATIONS)
    ]
    if root.dep_ == "appos":
        titles.append(root.head)
    for title in titles:
        lefts = [c for c in title.lefts if c.dep_ in {"compound", "amod"}]
        found = _title_relation([*lefts, title])
        if found is None:
            continue
        left_words = [t for left in title.lefts for t in left.subtree]
        relation = _demote(found[0], [*left_words, title], found[1], reader)
        orgs: list[Arg] = []
        # "adviser on Iraq", "cleric in Iraq", "ambassador in Washington": topic or
        # location, not the organisation the person works for
        skip = {
            t.i
            for p in title.children
            if p.dep_ == "prep" and p.lower_ in _NOT_EMPLOYER
            for t in p.subtree
        }
        for c in title.subtree:
            if c.i in {t.i for t in person} or c.i in skip:
                continue
            m = reader.mention(c)
            if (
                m is not None
                and m.label_ in _ORG_TYPES | {"Country"}
                and m.kb_id_ != person.kb_id_
                and not _portfolio(m)
            ) and all(o.span.kb_id_ != m.kb_id_ for o in orgs):
                orgs.append(reader.arg(m))
        for d in reader.doc.spans.get("demonyms", []):
            if d.root.head == title and d.root.dep_ == "amod":
                orgs.append(reader.arg(d))
        for org in orgs[:2]:
            yield Candidate(reader.arg(person), relation, org, "appos_title")


PATTERNS = (titles,)
