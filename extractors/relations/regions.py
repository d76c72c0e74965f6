"""Places an article puts in its own country without naming it: "the northern town of
Kidal", "the western state of Rakhine", "Nangarhar province" in a story datelined from
that country (``regional_place``, an inferred fact). The country is the article's (see
``context``); a sentence that names any other country gives nothing, and a phrase that
names its own container ("the Syrian town of X") is left to ``placenames.place_nouns``."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .context import doc_context
from .placenames import _containers
from .sentence import Arg, Candidate, SentenceReader

CONFIDENCE = {"regional_place": 0.65}
#: how often the article must name its country for its places to be put there
MIN_NAMED = 3

#: first-level parts of a country: "X province", "the state of X"
_REGION_NOUNS = frozenset(
    "province state region department governorate prefecture territory".split()
)
#: settlements, which need a compass word ("the northern town of X")
_SETTLEMENT_NOUNS = frozenset("town city village port hub".split())
_COMPASS = frozenset(
    "northern southern eastern western central northeastern northwestern southeastern "
    "southwestern north-eastern north-western south-eastern south-western border coastal "
    "restive remote".split()
)


def _compass(noun: Token) -> bool:
    return any(c.dep_ in {"amod", "compound"} and c.lower_ in _COMPASS for c in noun.children)


def _named_by(noun: Token, reader: SentenceReader) -> list[Span]:
    """Places a place noun names: "the town of X (and Y)", "X province"."""
    out: list[Span] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    out += [a.span for a in reader.actors(p) if a.span.label_ == "Place"]
        elif c.dep_ == "compound" and noun.lower_ in _REGION_NOUNS:
            m = reader.mention(c)  # "Nangarhar province", "Shan state"
            if m is not None and m.label_ == "Place" and m.end == noun.i:
                out.append(m)
    m = reader.mention(noun)  # "Nangarhar province" as one mention
    if (
        m is not None
        and noun.lower_ in _REGION_NOUNS
        and m.label_ == "Place"
        and m.end == noun.i + 1
        and m.start < noun.i
    ):
        out.append(m)
    return out


def _other_country(sent: Span, reader: SentenceReader, key: str) -> bool:
    return any(m.label_ == "Country" and m.kb_id_ != key for m in reader.in_sentence(sent)) or any(
        d.label_ == "Country" and d.kb_id_ != key
        for d in reader.demonyms.values()
        if sent.start <= d.start < sent.end
    )


def _named_often(reader: SentenceReader, key: str, after: int) -> bool:
    """The country is named at least :data:`MIN_NAMED` times after the dateline: a story
    datelined BANGKOK about Myanmar does not put its places in Thailand."""
    spans = [*reader.doc.spans.get("actors", []), *reader.doc.spans.get("demonyms", [])]
    n = sum(1 for m in spans if m.kb_id_ == key and m.start_char >= after)
    return n >= MIN_NAMED


def regional_place(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the northern town of X", "the western region of X", "X province" -> X locatedIn
    the article's country (its dateline's, else the country it names far most)."""
    country: Span | None = None
    for noun in sent:
        low = noun.lower_
        if noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        if low in _SETTLEMENT_NOUNS:
            if not _compass(noun):
                continue
        elif low not in _REGION_NOUNS:
            continue
        places = _named_by(noun, reader)
        if not places:
            continue
        if any(_containers(noun, reader, p) for p in places):
            continue  # "the Syrian town of X", "a town in Y": read by place_nouns
        if country is None:
            ctx = doc_context(reader.doc, reader.gazetteer)
            country = ctx.country
            if country is None or _other_country(sent, reader, country.kb_id_):
                return
            if not _named_often(reader, country.kb_id_, max(ctx.dateline_end, 0)):
                return
        for place in places:
            if place.kb_id_ != country.kb_id_:
                yield Candidate(reader.arg(place), "locatedIn", Arg(country), "regional_place")


PATTERNS = (regional_place,)
