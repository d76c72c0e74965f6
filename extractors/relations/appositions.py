"""What the phrase set off after a name says, read by the text's shape as much as by the
parse (which often hangs it on the verb): "a site at Bani, in northern Yemen" (Bani
``locatedIn`` Yemen) and "Hezbollah, its ally in Lebanon", "JNIM, al-Qaeda's affiliate
in the Sahel" (the actor ``presentIn`` the place)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import DESCRIPTOR_TYPES, EDGE_NOUNS
from .assertion import assertion_factor
from .sentence import _ACTORS, _ORG_TYPES, Candidate, SentenceReader, _pobjs

CONFIDENCE = {
    "comma_in_place": 0.8,
    "described_in": 0.75,
    "place_in": 0.75,
    "owned_body": 0.8,
}

_PLACES = frozenset({"Place", "Country"})
_ORGS = _ORG_TYPES - {"Country"}
#: descriptions of a group that is somewhere: "the country's largest rebel group"
_ARMED = frozenset({"ArmedGroup", "PoliticalGroup"})
#: words between "in" and the larger place: "in northern Yemen", "in the Gao region"
_LEAD_WORDS = frozenset(
    "the northern southern eastern western central northeastern northwestern southeastern "
    "southwestern north south east west far remote".split()
)
#: nouns after the larger place that keep it the place: "in the Gao region"
_PLACE_TAILS = frozenset(
    "region province state district governorate county area territory prefecture".split()
)
#: nouns that describe an actor by its standing: "its ally in Lebanon"
_STANDING_NOUNS = frozenset(
    "ally allies affiliate affiliates branch proxy proxies partner partners franchise "
    "offshoot arm wing force mission contingent".split()
) | frozenset(DESCRIPTOR_TYPES)


def _place_after_in(tok: Token, reader: SentenceReader) -> Span | None:
    """The place named after "in" at ``tok`` ("in (the) (northern) Yemen (region)")."""
    doc = tok.doc
    if tok.lower_ != "in":
        return None
    i = tok.i + 1
    while i < tok.sent.end and doc[i].lower_ in _LEAD_WORDS:
        i += 1
    if i >= tok.sent.end:
        return None
    m = reader.mention(doc[i])
    if m is None or not tok.i < m.start <= i or m.label_ not in _PLACES:
        return None  # the place may take the lead words in: "in southern Lebanon"
    after = doc[m.end] if m.end < tok.sent.end else None
    if after is not None and not (after.is_punct or after.lower_ in _PLACE_TAILS):
        return None  # "in Yemen's capital", "in Gaza City" read elsewhere
    return m


def comma_in_place(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Amdjarass, in eastern Chad", "Bamba, in the Gao region": a place set off by a
    comma and placed in a larger one."""
    doc = sent.doc
    for m in reader.in_sentence(sent):
        if m.label_ != "Place" or m.end + 1 >= sent.end or doc[m.end].text != ",":
            continue
        at = m.end + 1
        if doc[at].lower_ in {"also", "just", "both"} and at + 1 < sent.end:
            at += 1  # "Akobo, also in Jonglei state"
        larger = _place_after_in(doc[at], reader) or _edge_of(doc[at], reader)
        if larger is None or larger.kb_id_ == m.kb_id_:
            continue
        yield Candidate(reader.arg(m), "locatedIn", reader.arg(larger), "comma_in_place")


def _edge_of(tok: Token, reader: SentenceReader) -> Span | None:
    """The place after "on the (southern) outskirts/tip/edge/coast of"."""
    if tok.lower_ != "on":
        return None
    for edge in (c for c in tok.children if c.dep_ == "pobj" and c.lower_ in EDGE_NOUNS):
        for p in _pobjs(edge, {"of"}):
            for a in reader.actors(p):
                if a.span.label_ in {"Place", "Country"}:
                    return a.span
    return None


def place_described_in(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Harardhere, a former pirate haven in Galmudug state", "Hawija, one of the last
    enclaves in northern Iraq", "the Hayat Hotel in the capital, Mogadishu": a place or a
    site described as lying in a larger place."""
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.dep_ != "appos":
            continue
        m = reader.mention(noun.head)
        if m is None or m.label_ not in {"Place", "Facility"}:
            continue
        heads = [noun, *(p for p in _pobjs(noun, {"of"}) if noun.lower_ == "one")]
        for h in heads:
            for prep in h.children:
                larger = _place_after_in(prep, reader) if prep.dep_ == "prep" else None
                if larger is not None and larger.kb_id_ != m.kb_id_:
                    yield Candidate(reader.arg(m), "locatedIn", reader.arg(larger), "place_in")
    for m in reader.in_sentence(sent):  # "the Hayat Hotel in the capital, Mogadishu"
        if m.label_ != "Facility" or m.end + 2 >= sent.end or sent.doc[m.end].lower_ != "in":
            continue
        city = sent.doc[m.end + 1 :]
        for tok in city[:3]:
            if tok.lower_ == "capital" and tok.i + 2 < sent.end and sent.doc[tok.i + 1].text == ",":
                larger = reader.mention(sent.doc[tok.i + 2])
                if larger is not None and larger.label_ in _PLACES:
                    yield Candidate(reader.arg(m), "locatedIn", reader.arg(larger), "place_in")


#: nouns for a body an organisation owns: "the AU force AMISOM", "X, the UN peacekeeping
#: force", "Y, the most powerful faction within X"
_BODY_APPOSITIVES = frozenset(
    "force mission agency body commission faction component wing branch arm unit".split()
)


def owned_body(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "UNIFIL, the United Nations peacekeeping force", "the earlier AU force AMISOM",
    "Badr, the most powerful faction within the PMF" -> partOf the owner."""
    for noun in sent:
        if noun.lower_ not in _BODY_APPOSITIVES or noun.pos_ != "NOUN":
            continue
        named: list[Span] = []
        if noun.dep_ == "appos" and (m := reader.mention(noun.head)) is not None:
            named.append(m)  # "UNIFIL, the UN peacekeeping force"
        named += [
            m
            for c in noun.children
            if c.dep_ == "appos"
            for m in [reader.mention(c)]
            if m is not None
        ]  # "the AU force AMISOM"
        owners = [
            m
            for c in noun.children
            if c.dep_ in {"compound", "nmod", "poss"} and c.i < noun.i
            for m in [reader.mention(c)]
            if m is not None and m.label_ in _ORGS
        ]
        owners += [
            m
            for p in _pobjs(noun, {"within", "of", "inside"})
            for m in [reader.mention(p)]
            if m is not None and m.label_ in _ORGS
        ]
        for part in named:
            if part.label_ not in _ORGS:
                continue
            for owner in owners:
                if owner.kb_id_ != part.kb_id_:
                    yield Candidate(reader.arg(part), "partOf", reader.arg(owner), "owned_body")


def described_in(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hezbollah, its ally in Lebanon", "JNIM, al-Qaeda's affiliate in the Sahel",
    "the Houthis, an Iran-backed group in Yemen": an actor described as being there."""
    for noun in sent:
        if noun.lower_ not in _STANDING_NOUNS or noun.pos_ != "NOUN" or noun.dep_ != "appos":
            continue
        actor = reader.mention(noun.head)
        if actor is None or actor.label_ not in _ACTORS or actor.label_ == "Person":
            continue
        factor = assertion_factor(noun.head.head) if noun.head.head.pos_ == "VERB" else 1.0
        if factor == 0:
            continue
        for prep in noun.children:
            place = _place_after_in(prep, reader) if prep.dep_ == "prep" else None
            if place is not None:
                yield Candidate(reader.arg(actor), "presentIn", reader.arg(place), "described_in")
        if actor.label_ in _ORGS and DESCRIPTOR_TYPES.get(noun.lower_) in _ARMED:
            # "the ELN, the country's largest rebel group", "X, Iraq's most powerful militia"
            for c in noun.children:
                m = reader.mention(c) if c.dep_ == "poss" else None
                if m is not None and m.label_ == "Country" and m.kb_id_ != actor.kb_id_:
                    yield Candidate(reader.arg(actor), "presentIn", reader.arg(m), "described_in")


PATTERNS = (comma_in_place, described_in, place_described_in, owned_body)
