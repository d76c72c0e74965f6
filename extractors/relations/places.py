"""Where actors are and where places lie: "Kirkuk, Iraq", "US troops in Iraq",
"a base ... home to US troops", "X-based", "In Iraq, ... Taji"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from ..lexicon import (
    DESCRIPTOR_TYPES,
    HOME_NOUNS,
)
from .assertion import assertion_factor
from .sentence import (
    _ACTORS,
    _DEPLOYABLE,
    _PLACES,
    _SITE_NOUNS,
    Arg,
    Candidate,
    SentenceReader,
    _in_list,
    _pobjs,
    agents_of,
    described,
)


def home_to(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "a base in the Kurdistan region, home to American troops" -> presentIn."""
    for tok in sent:
        if tok.lower_ not in HOME_NOUNS:
            continue
        residents = [
            a
            for p in _pobjs(tok, {"to"})
            for a in reader.actors(p)
            if a.span.label_ in _ACTORS - {"Person"}
        ]
        if not residents:
            continue
        host = tok.head if tok.dep_ in {"appos", "attr"} else None
        places: list[Arg] = []
        if host is not None:
            m = reader.mention(host)
            if m is not None and m.label_ in _PLACES:
                places.append(reader.arg(m))
            places += [
                a
                for p in _pobjs(host, {"in", "near"} - {"near"})
                for a in reader.actors(p)
                if a.span.label_ in _PLACES
            ]
        for r in residents:
            for pl in places:
                yield Candidate(r, "presentIn", pl, "home_to")


def based(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the Houston-based company", "X, based in Y", "headquartered in Y" -> presentIn."""
    doc = sent.doc
    for tok in sent:
        if tok.lower_ not in {"based", "headquartered"}:
            continue
        places: list[Arg] = []
        if tok.i >= 2 and doc[tok.i - 1].text == "-":  # "Houston-based"
            m = reader.mention(doc[tok.i - 2])
            if m is not None and m.label_ in {"Place", "Country"}:
                places.append(reader.arg(m))
        places += [
            a
            for p in _pobjs(tok, {"in", "at"})
            for a in reader.actors(p)
            if a.span.label_ in {"Place", "Country", "Facility"}
        ]
        if not places:
            continue
        head = tok.head
        owners = described(head, reader) if head.pos_ in {"NOUN", "PROPN"} else []
        if tok.dep_ in {"acomp", "attr"} or (tok.dep_ == "ROOT" or head.lemma_ == "be"):
            owners += [
                a
                for c in tok.children
                if c.dep_ in {"nsubj", "nsubjpass"}
                for a in reader.actors(c)
            ]
        for o in owners:
            if o.span.label_ in _ACTORS - {"Person"}:
                for pl in places:
                    yield Candidate(o, "presentIn", pl, "based")


def fronted_locative(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "In Iraq, a rocket fell near Taji Base": places of the clause lie in that country."""
    doc = sent.doc
    if len(sent) < 4 or sent[0].lower_ != "in":
        return
    country = reader.mention(sent[1])
    if country is None or country.label_ != "Country" or country.end >= sent.end:
        return
    if doc[country.end].text != ",":
        return
    for m in reader.in_sentence(sent):
        if country.end < m.start < sent.end and m.label_ in {"Place", "Facility"}:
            yield Candidate(reader.arg(m), "locatedIn", reader.arg(country), "fronted_locative")


def verb_location(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """An armed actor acting "in/within" a place is present there: "ISIS ... within Syria"."""
    for verb in sent:
        if verb.pos_ != "VERB" or assertion_factor(verb) == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        agents = [
            a for a in agents if a.span.label_ in {"ArmedGroup", "MilitaryForce", "Coalition"}
        ]
        if not agents:
            continue
        heads = [verb] + [
            c for c in verb.children if c.dep_ == "dobj" and reader.mention(c) is None
        ]
        places = [
            a
            for h in heads
            for p in _pobjs(h, {"in", "within", "inside", "across"})
            for a in reader.actors(p)
            if a.span.label_ in {"Country", "Place"}
        ]
        for a in agents:
            for pl in places:
                yield Candidate(a, "presentIn", pl, "verb_location")


def locatives(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    doc = sent.doc
    for m in reader.in_sentence(sent):
        if not (sent.start <= m.start < sent.end):
            continue
        # "Kirkuk, Iraq" (comma-apposed larger place)
        if m.label_ in {"Place", "Facility"} and m.end + 1 < sent.end and doc[m.end].text == ",":
            nxt = reader.mention(doc[m.end + 1])
            if (
                nxt is not None
                and nxt.start == m.end + 1
                and nxt.label_ in {"Country", "Place"}
                and not _in_list(nxt, reader)
            ):
                yield Candidate(reader.arg(m), "locatedIn", reader.arg(nxt), "locative")
        heads = [m.root]
        if m.root.dep_ in {"compound", "nmod"} and m.root.head.lower_ in DESCRIPTOR_TYPES:
            heads.append(m.root.head)  # "the Wagner militia in Libya"
        for p in (p for h in heads for p in _pobjs(h, {"in", "inside", "within"})):
            if m.label_ in {"Place", "Facility"}:
                # no coordination here: "Kabul in Afghanistan and Pyongyang in ..."
                place = reader.mention(p)
                if place is not None and place.label_ in {"Country", "Place"}:
                    yield Candidate(reader.arg(m), "locatedIn", reader.arg(place), "locative")
            elif m.label_ in _DEPLOYABLE:
                for where in reader.actors(p):
                    if where.span.label_ in {"Country", "Place", "Facility"}:
                        yield Candidate(reader.arg(m), "presentIn", where, "presence")
    # "facilities controlled by KH in Iraq", "a US base in Kirkuk", "KH has bases in Syria"
    for tok in sent:
        if tok.lemma_ not in _SITE_NOUNS and tok.lower_ not in _SITE_NOUNS:
            continue
        places = [a for p in _pobjs(tok, {"in", "inside", "within"}) for a in reader.actors(p)]
        for c in tok.children:
            if c.dep_ == "acl":
                places += [a for p in _pobjs(c, {"in"}) for a in reader.actors(p)]
                for ag in c.children:
                    if ag.dep_ == "agent":
                        for pobj in ag.children:
                            places += [a for p in _pobjs(pobj, {"in"}) for a in reader.actors(p)]
        if not places:
            continue
        owners = reader.site_owners(tok)
        if tok.dep_ == "dobj" and tok.head.lemma_ in {"have", "maintain", "operate", "control"}:
            owners += [a for c in tok.head.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        for o in owners:
            for pl in places:
                if pl.span.label_ in _PLACES:
                    yield Candidate(o, "presentIn", pl, "presence")
    # "the Green Zone, where the US embassy is located"
    for tok in sent:
        if tok.lemma_ in {"locate", "situate", "base", "station"} and tok.dep_ == "relcl":
            if not any(c.lower_ == "where" for c in tok.children):
                continue
            site = reader.mention(tok.head)
            for c in tok.children:
                if c.dep_ in {"nsubjpass", "nsubj"} and site is not None:
                    for a in reader.actors(c):
                        rel = "locatedIn" if a.span.label_ in {"Place", "Facility"} else "presentIn"
                        yield Candidate(a, rel, reader.arg(site), "where_located")


PATTERNS = (home_to, verb_location, fronted_locative, based, locatives)
