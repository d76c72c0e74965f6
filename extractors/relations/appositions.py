"""What the phrase set off after a name says, read by the text's shape as much as by the
parse (which often hangs it on the verb): "a site at Bani, in northern Yemen" (Bani
``locatedIn`` Yemen) and "Hezbollah, its ally in Lebanon", "JNIM, al-Qaeda's affiliate
in the Sahel" (the actor ``presentIn`` the place)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import DESCRIPTOR_TYPES
from .assertion import assertion_factor
from .sentence import _ACTORS, Candidate, SentenceReader

CONFIDENCE = {
    "comma_in_place": 0.8,
    "described_in": 0.75,
}

_PLACES = frozenset({"Place", "Country"})
#: words between "in" and the larger place: "in northern Yemen", "in the Gao region"
_LEAD_WORDS = frozenset(
    "the northern southern eastern western central northeastern northwestern southeastern "
    "southwestern north south east west far remote".split()
)
#: nouns after the larger place that keep it the place: "in the Gao region"
_PLACE_TAILS = frozenset("region province state district governorate county area".split())
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
        larger = _place_after_in(doc[m.end + 1], reader)
        if larger is None or larger.kb_id_ == m.kb_id_:
            continue
        yield Candidate(reader.arg(m), "locatedIn", reader.arg(larger), "comma_in_place")


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


PATTERNS = (comma_in_place, described_in)
