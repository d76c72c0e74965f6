"""Places named with their kind and their container: "the Yemeni port city of Hodeidah",
"the Syrian capital Damascus", "Ramadi, the capital of Anbar province", "Nigeria's
largest city, Lagos", "the capital, Sanaa" in a story from Yemen, "Baghdad's Green Zone",
"Tripoli's international airport" -> locatedIn."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..namewords import name_key
from .context import doc_context
from .places import (
    _CONTAINERS,
    _NAMED_PLACES,
    _NAMING_VERBS,
    _PARTITIVE_NOUNS,
    _PLACE_HEADS,
    PLACE_NOUNS,
    _as_place,
    _place_args,
)
from .sentence import Arg, Candidate, SentenceReader, _pobjs

CONFIDENCE = {"context_capital": 0.7, "town_site": 0.8}


#: partitive nouns whose name before them is the part: "the A district of B" (not "the
#: Baghdad suburb of Nahrawan", where the name before is the whole)
_INNER_NOUNS = frozenset("district neighbourhood neighborhood quarter region".split())


def _larger(a: Span, b: Span) -> tuple[Span, Span] | None:
    """(inner, outer) for "the A district of B" when it can be told: a country, else the
    one the gazetteer knows, is the larger place."""
    for inner, outer in ((a, b), (b, a)):
        if outer.label_ == "Country" and inner.label_ != "Country":
            return inner, outer
    known_a, known_b = a.kb_id_.startswith("gaz:"), b.kb_id_.startswith("gaz:")
    if known_a != known_b:
        return (b, a) if known_a else (a, b)
    return None


#: the unit a capital is the seat of: "the Borno state capital"
_STATE_NOUNS = frozenset("state province region district governorate county".split())

#: parts of a place that lie inside it: "the north of Syria", "the eastern side of Libya"
_SIDE_NOUNS = frozenset("side north south east west centre center part".split())


def _containers(noun: Token, reader: SentenceReader, named: Span) -> list[Arg]:
    """Larger places a place noun is put in by its modifiers: "the Syrian town",
    "Nigeria's largest city", "the Baghdad suburb", "a city in Anbar province"."""
    out: list[Arg] = []
    for c in noun.children:
        if c.dep_ == "compound" and c.lower_ in _STATE_NOUNS and c.i < noun.i:
            # "Maiduguri, the Borno state capital": the state's name hangs on "state"
            out += [
                a
                for g in c.children
                if g.dep_ in {"compound", "nmod"} and g.i < c.i
                for a in _place_args(g, reader, _CONTAINERS)
                if not named.start <= g.i < named.end
            ]
            continue
        if c.dep_ in {"amod", "compound", "nmod", "poss"} and c.i < noun.i:
            m = reader.named_or_demonym(c)
            if m is None or m.label_ not in _CONTAINERS or named.start <= c.i < named.end:
                continue
            state = c.i + 1 < noun.i and c.nbor().lower_ in _STATE_NOUNS  # "Borno state capital"
            if (
                c.dep_ in {"compound", "nmod"}
                and m.root.i not in reader.demonyms
                and _as_place(reader.arg(m), reader).span.label_ != "Country"
                and not state
            ):
                continue  # the noun's own name ("Deir al-Balah town"), or see _larger
            out.append(_as_place(reader.arg(m), reader))
        elif c.dep_ == "prep" and c.lower_ in {"in", "of", "on"}:
            for p in c.children:
                if p.dep_ != "pobj" or named.start <= p.i < named.end:
                    continue
                if c.lower_ != "on":
                    out += _place_args(p, reader, _CONTAINERS)
                if p.lower_ in _SIDE_NOUNS:  # "a town on the opposite side of Libya",
                    # "a city in the north of Syria" (not "the outskirts of": near)
                    out += [
                        q for o in _pobjs(p, {"of"}) for q in _place_args(o, reader, _CONTAINERS)
                    ]
    return [a for a in out if a.span.kb_id_ != named.kb_id_ and a.span.label_ in _CONTAINERS]


def _bare_capital(noun: Token) -> bool:
    """ "the capital" with nothing that says whose ("the provincial capital" is not)."""
    return noun.lower_ == "capital" and all(
        c.dep_ in {"det", "appos", "punct"} for c in noun.children
    )


def place_nouns(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the Yemeni port city of Hodeidah", "the Syrian capital Damascus", "Ramadi, the
    capital of Anbar province", "Nigeria's largest city, Lagos", "the Baghdad suburb of
    Nahrawan" -> locatedIn."""
    doc = sent.doc
    for noun in sent:
        if noun.lower_ not in PLACE_NOUNS or noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        named: list[tuple[Span, bool]] = []  # (the place the noun names, after "of")
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    m = reader.mention(p) if p.dep_ == "pobj" else None
                    partitive = noun.lower_ in _PARTITIVE_NOUNS  # "the A region of Nigeria"
                    if m is not None and m.label_ in _NAMED_PLACES | (
                        {"Country"} if partitive else set()
                    ):
                        named.append((m, True))
            elif c.dep_ == "appos" or (c.dep_ == "compound" and c.i > noun.i):
                m = reader.mention(c)
                if m is not None and m.label_ in _NAMED_PLACES:
                    named.append((m, False))
        if noun.dep_ == "appos":  # "Ramadi, the capital of Anbar province"
            m = reader.mention(noun.head)
            if m is not None and m.label_ in _NAMED_PLACES:
                named.append((m, False))
        elif noun.left_edge.i >= 2 and doc[noun.left_edge.i - 1].text == ",":
            # "attacked Maiduguri, the Borno state capital," parsed as a second object
            m = reader.mention(doc[noun.left_edge.i - 2])
            if m is not None and m.end == noun.left_edge.i - 1 and m.label_ in _NAMED_PLACES:
                named.append((m, False))
        if (
            not named
            and noun.lower_ == "capital"
            and noun.i + 2 < sent.end
            and not any(c.pos_ == "PRON" for c in noun.children)  # "its capital": whose?
        ):
            # "in the capital, Sanaa,", "in the Nigerian capital, Abuja," whatever the parse
            m = reader.mention(doc[noun.i + 2])
            if (
                doc[noun.i + 1].text == ","
                and m is not None
                and m.start == noun.i + 2
                and m.label_ in _NAMED_PLACES
            ):
                named.append((m, False))
        for m, after_of in named:
            if m.start <= noun.i < m.end:
                continue  # the noun is part of the name: "Anbar province"
            boxes = _containers(noun, reader, m) if m.label_ != "Country" else []
            for box in boxes:
                yield Candidate(reader.arg(m), "locatedIn", box, "place_noun")
            if not boxes and m.label_ == "Place" and _bare_capital(noun):
                # "the capital, Sanaa" in a story from or about Yemen
                home = doc_context(doc, reader.gazetteer).country
                if (
                    home is not None
                    and home.kb_id_ != m.kb_id_
                    and not _seat_elsewhere(m, home, reader)
                ):
                    yield Candidate(reader.arg(m), "locatedIn", Arg(home), "context_capital")
            own_name = [
                p
                for c in noun.children
                if c.dep_ in {"compound", "nmod"} and c.i < noun.i
                for p in [reader.mention(c)]
                if p is not None and p.label_ in _NAMED_PLACES and p.kb_id_ != m.kb_id_
            ]
            appos = m.root.dep_ == "appos" and m.root.head.i == noun.i
            if appos and m.label_ == "Place" and doc[m.root.left_edge.i - 1].text == ",":
                for own in own_name:  # "Deir al-Balah town, central Gaza Strip"
                    yield Candidate(reader.arg(own), "locatedIn", reader.arg(m), "place_noun")
            if not (after_of and noun.lower_ in _PARTITIVE_NOUNS):
                continue
            for c in noun.children:  # "the A district of B": which is larger?
                pre = reader.mention(c) if c.dep_ in {"compound", "nmod"} and c.i < noun.i else None
                if pre is None or pre.label_ not in _NAMED_PLACES | {"Country"}:
                    continue
                pair = _larger(_as_place(reader.arg(pre), reader).span, m)
                if pair is None and noun.lower_ in _INNER_NOUNS:
                    pair = pre, m  # "the historic Sur district of Diyarbakir": Sur is in it
                if pair is not None and pair[1].label_ in _CONTAINERS:
                    inner, outer = pair
                    yield Candidate(reader.arg(inner), "locatedIn", reader.arg(outer), "place_noun")


def possessed_places(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Baghdad's Green Zone", "Syria's Idlib province" -> locatedIn."""
    for m in reader.in_sentence(sent):
        if m.label_ not in _NAMED_PLACES:
            continue
        last = m[-1]  # "Cox's Bazar district": the span's root may be its "Cox"
        in_noun = last.dep_ == "compound" and last.head.lower_ in PLACE_NOUNS
        if not m.kb_id_.startswith("gaz:") and m.root.lower_ not in _PLACE_HEADS and not in_noun:
            continue  # "China's Baoshan" may be a company the model took for a place
        if m.root.head.lemma_ in _NAMING_VERBS:
            continue  # "dubbed Britain's Guantanamo Bay" is a comparison
        owners = list(m.root.children)
        if in_noun:
            owners += last.head.children  # "Nigeria's northeastern Borno state"
        owners += [  # "Sierra Leone's capital Freetown"
            o
            for c in m.root.children
            if c.dep_ == "compound" and c.i < m.start and c.lower_ in PLACE_NOUNS
            for o in c.children
        ]
        for c in owners:
            if c.dep_ != "poss" or m.start <= c.i < m.end:
                continue
            for owner in _place_args(c, reader, _CONTAINERS):
                if owner.span.kb_id_ != m.kb_id_:
                    yield Candidate(reader.arg(m), "locatedIn", owner, "place_noun")


#: words that end a town's name inside a site's: "Tripoli's international airport"
_SITE_WORDS = frozenset("international main military airport airfield port".split())


def town_sites(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """A site named after its town: "Gao airport", "Tripoli's international airport",
    "Baghdad International Airport" -> locatedIn the town (a town the gazetteer knows, or
    one the article names by itself; never a country: "the Kenya embassy" is abroad)."""
    sites = [m for m in reader.in_sentence(sent) if m.label_ == "Facility"]
    if not sites:
        return  # most sentences name no site
    doc = reader.doc
    entities = doc._.actor_entities or {}
    for m in sites:
        j = m.start
        while j < m.end and doc[j].tag_ != "POS" and doc[j].lower_ not in _SITE_WORDS:
            j += 1
        if j == m.start or j >= m.end:
            continue
        town = doc[m.start : j].text
        key = next(
            (
                x.entry.key
                for x in (reader.gazetteer.lookup_all(town) if reader.gazetteer else [])
                if x.entry.type == "Place" and x.kind != "metonym"
            ),
            None,
        )
        if key is None and name_key("Place", town) in entities:
            key = name_key("Place", town)
        if key is None or key == m.kb_id_:
            continue
        where = Span(doc, m.start, j, label="Place", kb_id=key)
        yield Candidate(reader.arg(m), "locatedIn", Arg(where), "town_site")


PATTERNS = (place_nouns, possessed_places, town_sites)


def _seat_elsewhere(place: Span, home: Span, reader: SentenceReader) -> bool:
    """Whether the gazetteer knows the city as another country's seat ("the capital,
    Kinshasa" in a story about Uganda is not Uganda's)."""
    gaz = reader.gazetteer
    if gaz is None:
        return False
    return bool(gaz.seats_of(place.text) - {home.kb_id_})
