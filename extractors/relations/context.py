"""What an article is about, read once per Doc: its dateline and its dominant country.

Titles that name no country ("Prime Minister X", "Foreign Minister X") take their
country from here (see ``leaders.context_titles``).

- The **dateline** is an upper-case place at the start of one of the first lines,
  with an optional region, agency and dash: "BAGHDAD (Reuters) -", "KYIV/MARIUPOL,
  Ukraine (Reuters) -", "TRIPOLI -", or the bare "BAGHDAD Hundreds of ...". Its
  country is the region when it names a country ("..., Ukraine"), else the country
  whose seat the place is in the gazetteer ("Baghdad" is a metonym of Iraq). A
  place the gazetteer cannot place (ISTANBUL) gives no country.
- The **dominant country** is the country named most often (names, demonyms, and
  state metonyms; not pronouns), when it is named at least :data:`MIN_MENTIONS` times
  and at least :data:`DOMINANCE` times as often as the next one.
- The **context country** is the dateline's country, else the dominant country.

The result is cached in ``doc.user_data`` so every sentence reads the same value.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..furniture import doc_text
from ..gazetteer import Gazetteer

#: a dominant country is named at least this often...
MIN_MENTIONS = 3
#: ...and this many times as often as the next country
DOMINANCE = 2.0
#: lines at the start of an article where a dateline may stand (a headline may come first)
DATELINE_LINES = 3

_CACHE_KEY = "actorgraph.relations.context"

_DATELINE = re.compile(
    r"^[ \t]*(?P<places>[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*)"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)*))?"
    # "ARACINOVO, Macedonia, June 25 (Reuters) -": the day after the region
    r"(?:,[ \t]*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2})?"
    r"[ \t]*(?P<agency>\([^()\n]{1,40}\))?"
    r"[ \t]*(?P<sep>[-–—:]+)?[ \t]+(?=\S)"
)

#: "Bamako (AFP) -", "Goma, Congo (AP) —": a place in title case is a dateline only with
#: both an agency in brackets and a dash
_TITLE_DATELINE = re.compile(
    r"^[ \t]*(?P<places>[A-Z][a-z'’.-]+(?:[ /-][A-Z][a-z'’.-]+)*)"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)*))?"
    r"[ \t]*(?P<agency>\((?:[A-Z]{2,6}|Reuters|Xinhua|Anadolu|Yonhap|Kyodo|Interfax)\))"
    r"[ \t]*(?P<sep>[-–—:]+)[ \t]+(?=\S)"
)


@dataclass(frozen=True, slots=True)
class DocContext:
    """An article's dateline and the country it is about."""

    #: the dateline's places, as written ("KYIV", "MARIUPOL")
    dateline_places: tuple[str, ...] = ()
    #: the dateline's country (a span labelled Country, keyed like any actor mention)
    dateline_country: Span | None = None
    #: where the dateline ends, in characters (-1: no dateline)
    dateline_end: int = -1
    #: the country named far more often than any other, if there is one
    dominant_country: Span | None = None
    #: the one country the headline (the first of several lines) names, if it names one
    headline_country: Span | None = None

    @property
    def country(self) -> Span | None:
        """The country a title with no country of its own belongs to, if the article says."""
        return self.dateline_country or self.dominant_country


def doc_context(doc: Doc, gazetteer: Gazetteer | None) -> DocContext:
    """The article's context, computed on first use and cached on the Doc."""
    cached = doc.user_data.get(_CACHE_KEY)
    if isinstance(cached, DocContext):
        return cached
    places, country, end = _dateline(doc, gazetteer)
    ctx = DocContext(places, country, end, _dominant_country(doc), _headline_country(doc))
    doc.user_data[_CACHE_KEY] = ctx
    return ctx


def _dateline(doc: Doc, gazetteer: Gazetteer | None) -> tuple[tuple[str, ...], Span | None, int]:
    offset = 0
    for line in doc_text(doc).split("\n")[:DATELINE_LINES]:
        found = _read_dateline(doc, gazetteer, line, offset)
        if found is not None:
            return found
        offset += len(line) + 1
    return (), None, -1


def _read_dateline(
    doc: Doc, gazetteer: Gazetteer | None, line: str, offset: int
) -> tuple[tuple[str, ...], Span | None, int] | None:
    m = _DATELINE.match(line)
    titled = m is None
    if m is None:
        m = _TITLE_DATELINE.match(line)
        if m is None:
            return None
    marked = bool(m.group("agency") or m.group("sep"))
    places: list[tuple[str, int, int]] = []  # (text, start, end) in doc characters
    start = m.start("places")
    for part in m.group("places").split("/"):
        words = part.split(" ")
        # "BAGHDAD US forces ...": keep the longest run of words that is a known place
        for n in range(len(words), 0, -1):
            text = " ".join(words[:n])
            if marked or _place_kind(gazetteer, text) is not None:
                places.append((text, offset + start, offset + start + len(text)))
                break
        start += len(part) + 1
    if not places or (not titled and any(len(re.sub(r"[^A-Z]", "", p)) < 3 for p, _, _ in places)):
        return None  # "US says ...", "UN envoy ...": an acronym, not a dateline
    if not marked and all(_place_kind(gazetteer, p) == "country" for p, _, _ in places):
        return None  # "IRAN SAYS ...": a headline in capitals; datelines name cities
    country: Span | None = None
    region = m.group("region")
    if region and gazetteer is not None:
        match = gazetteer.lookup(region)
        if match is not None and match.entry.type == "Country":
            country = _country_span(
                doc, offset + m.start("region"), offset + m.end("region"), match.entry.key
            )
    if country is None and gazetteer is not None:
        for text, a, b in places:
            for match in gazetteer.lookup_all(text.title()):
                if match.entry.type == "Country":
                    country = _country_span(doc, a, b, match.entry.key)
                    break
            if country is not None:
                break
    return tuple(p for p, _, _ in places), country, offset + m.end()


def _place_kind(gazetteer: Gazetteer | None, text: str) -> str | None:
    """ "place" for a known place or a country's seat, "country" for a country, else None."""
    if gazetteer is None:
        return None
    kinds = {
        "country" if m.entry.type == "Country" and m.kind != "metonym" else "place"
        for m in gazetteer.lookup_all(text.title())
        if m.entry.type in {"Country", "Place"} and m.kind in {"name", "alias", "metonym"}
    }
    if "place" in kinds:
        return "place"
    return "country" if kinds else None


def _country_span(doc: Doc, start: int, end: int, key: str) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return Span(doc, span.start, span.end, label="Country", kb_id=key)


def _named_countries(doc: Doc) -> list[Span]:
    """Countries named outright: names, demonyms, metonyms (not "it", "the country")."""
    coref = {(s.start, s.end) for s in doc.spans.get("coref", [])}
    out = []
    for span in [*doc.spans.get("actors", []), *doc.spans.get("demonyms", [])]:
        if span.label_ != "Country" or (span.start, span.end) in coref:
            continue
        if span[0].pos_ == "PRON" or span.root.lower_ in {"country", "nation", "state"}:
            continue
        out.append(span)
    return out


def _headline_country(doc: Doc) -> Span | None:
    """ "Ethiopia, Tigray forces agree to ...": a headline that names one country."""
    text = doc.text
    end = text.find("\n")
    if end < 0 or not text[end:].strip():
        return None  # one line: no headline
    named = [s for s in _named_countries(doc) if s.end_char <= end]
    if len({s.kb_id_ for s in named}) != 1:
        return None
    return Span(doc, named[0].start, named[0].end, label="Country", kb_id=named[0].kb_id_)


def _dominant_country(doc: Doc) -> Span | None:
    counts: Counter[str] = Counter()
    first: dict[str, Span] = {}
    for span in _named_countries(doc):
        counts[span.kb_id_] += 1
        if span.kb_id_ not in first or span.start < first[span.kb_id_].start:
            first[span.kb_id_] = span
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] < DOMINANCE * ranked[1][1]:
        return None
    span = first[ranked[0][0]]
    return Span(doc, span.start, span.end, label="Country", kb_id=span.kb_id_)


def capital_country(tok: Token, mentions: list[Span], home: Span | None) -> str | None:
    """Whose capital "the capital" is: the one country the sentence names before it besides
    the side that acts ("Iraq invaded Kuwait, seizing the capital": Kuwait's, whatever the
    dateline), else the country the article is from or about."""
    states = {
        m.kb_id_
        for m in mentions
        if m.label_ == "Country" and m.kb_id_.startswith("gaz:") and m.start < tok.i
    }
    if not states or (home is not None and home.kb_id_ in states):
        return home.kb_id_ if home is not None else None
    acting = set()
    for verb in tok.ancestors:
        for c in verb.children:
            if c.dep_ == "nsubj":
                acting |= {m.kb_id_ for m in mentions if m.root.i == c.i}
    others = states - acting
    return next(iter(others)) if len(others) == 1 else None


def in_dateline(span: Span, gazetteer: Gazetteer | None) -> bool:
    """Whether a mention is part of the article's dateline ("KIGALI, Rwanda (AP) -")."""
    end = doc_context(span.doc, gazetteer).dateline_end
    if span.start_char >= end:
        return False
    return span.start_char >= doc_text(span.doc).rfind("\n", 0, end) + 1
