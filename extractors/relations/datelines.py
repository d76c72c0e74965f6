"""Datelines: the city and country that open a wire report ("KYIV/MARIUPOL, Ukraine
(Reuters) -", "BEIRUT, Lebanon -", "GAZA CITY:") give the city as located in the
country."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .places import (
    _CONTAINERS,
    _as_place,
)
from .sentence import (
    Arg,
    Candidate,
    SentenceReader,
)

_DATELINE_ENDS = frozenset({"(", "-", "—", "–", ",", ":"})


def _line_start(tok: Token) -> bool:
    doc = tok.doc
    return tok.i == 0 or "\n" in doc[tok.i - 1].text or "\n" in doc[tok.i - 1].whitespace_


def _caps(tok: Token) -> bool:
    return tok.is_alpha and tok.is_upper and len(tok.text) >= 2


def _dateline_city(toks: list[Token], reader: SentenceReader) -> Arg | None:
    """The place an upper-case dateline name stands for ("KYIV", "SANAA", "GAZA CITY")."""
    doc = toks[0].doc
    start, end = toks[0].i, toks[-1].i + 1
    m = reader.mention(toks[-1])
    if m is not None and m.start == start and m.end == end:
        arg = _as_place(reader.arg(m), reader)
        return arg if arg.span.label_ == "Place" else None
    if m is not None:
        return None
    name = " ".join(t.text for t in toks).title()
    if reader.gazetteer is not None:
        for match in reader.gazetteer.lookup_all(name):
            if match.kind in {"name", "alias"} and match.entry.type == "Place":
                return Arg(Span(doc, start, end, label="Place", kb_id=match.entry.key))
    entities = doc._.actor_entities or {}
    for key, ent in entities.items():  # named again later in the article: "Mariupol"
        if ent.type == "Place" and name.casefold() in {ent.label.casefold()} | {
            a.casefold() for a in ent.aliases
        }:
            return Arg(Span(doc, start, end, label="Place", kb_id=key))
    return None


def datelines(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "KYIV/MARIUPOL, Ukraine (Reuters) -", "SANAA, Yemen -": each dateline city lies in
    the place after it."""
    doc = sent.doc
    for tok in sent:
        if not (_caps(tok) and _line_start(tok)):
            continue
        cities: list[list[Token]] = [[]]
        i = tok.i
        while i < sent.end and (_caps(doc[i]) or doc[i].text == "/"):
            if doc[i].text == "/":
                cities.append([])
            else:
                cities[-1].append(doc[i])
            i += 1
        if i + 2 >= len(doc) or doc[i].text != ",":
            continue
        country = reader.mention(doc[i + 1])
        if country is None or country.start != i + 1 or country.label_ not in _CONTAINERS:
            continue
        if country.end >= len(doc) or doc[country.end].text not in _DATELINE_ENDS:
            continue
        for toks in cities:
            city = _dateline_city(toks, reader) if toks else None
            if city is not None and city.span.kb_id_ != country.kb_id_:
                yield Candidate(city, "locatedIn", reader.arg(country), "dateline")


PATTERNS = (datelines,)
CONFIDENCE = {"dateline": 0.9}
