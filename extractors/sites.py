"""Sites named in the text: facilities named with their noun ("the Westgate mall", "the
Bagram air base") and airports named by their town ("Gao airport", "Timbuktu's airport")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .namewords import _ETHNO_RELIGIOUS, _SITE_NOUNS, name_key

#: lowercase nouns that make a name before them a site's name: "the Westgate mall"
_FACILITY_HEADS = frozenset(
    "mall hotel mosque hospital airport stadium prison church shrine museum barracks "
    "refinery camp".split()
)


#: sites only a town has: "the Hammamet beach resort" names the town, not a firm
_TOWN_SITE_NOUNS = frozenset(
    "resort beach suburb district neighbourhood neighborhood outskirts quarter".split()
)


def _named_site(ent: Span) -> Span | None:
    """A name before a site noun: "the Westgate mall", "the al-Rawda mosque", "the
    Tiguentourine gas facility", "the Bagram air base" are facilities named with their
    noun; "the Sousse beach resort", a town the model took for a nationality, is a place."""
    doc = ent.doc
    if len(ent) > 3 or ent[0].lower_ in _ETHNO_RELIGIOUS or (len(ent) > 1 and ent.label_ != "ORG"):
        return None
    if not (ent[0].text[:1].isupper() or ent[0].lower_ in {"al", "el"}):
        return None
    end = ent.end
    if end + 1 < len(doc) and doc[end].is_lower and doc[end].head.i == end + 1:
        end += 1  # "gas facility", "air base": one word of what the site is
    head = doc[end] if end < len(doc) else None
    heads = _FACILITY_HEADS | ({"facility", "plant", "base"} if end > ent.end else set())
    the = ent.start > 0 and doc[ent.start - 1].lower_ == "the"
    if (
        (
            ent.label_ in {"LOC", "FAC", "ORG"}
            or (ent.label_ == "PERSON" and the)
            or (ent.label_ == "GPE" and the and end > ent.end)  # "the Bagram air base"
        )
        and head is not None
        and head.lower_ in heads
        and head.text.islower()
        and ent.root.head.i in {head.i, end - 1}
    ):
        text = doc[ent.start : end + 1].text
        return Span(doc, ent.start, end + 1, label="Facility", kb_id=name_key("Facility", text))
    town_site = ent[0].head.lower_ in _TOWN_SITE_NOUNS and ent.label_ in {"ORG", "PERSON"}
    if (
        ((ent.label_ == "NORP" and ent[0].head.lower_ in _SITE_NOUNS) or town_site)
        and ent[0].tag_ == "NNP"
        and ent[0].dep_ == "compound"
        and not ent[0].lower_.endswith(("ese", "ian", "ish", "an", "i"))
    ):
        return Span(doc, ent.start, ent.end, label="Place", kb_id=name_key("Place", ent.text))
    return None


#: what a town's airport is called: "Gao airport", "the Kigali airfield"
_AIRPORT_NOUNS = frozenset({"airport", "airfield"})
#: words between a town and its airport: "Beirut's international airport"
_AIRPORT_WORDS = frozenset({"international", "main", "military"})
#: the model's and the gazetteer's labels for a town that has an airport
_TOWN_LABELS = frozenset({"GPE", "LOC", "FAC", "Place", "Country"})


def _airport(ent: Span) -> Span | None:
    """A town's airport: "Gao airport", "Timbuktu's airport", "Beirut's international
    airport" is a facility (one per town, whichever way it is written), not the town."""
    doc = ent.doc
    if ent.label_ not in _TOWN_LABELS or len(ent) > 3 or not ent[0].text[:1].isupper():
        return None
    i = ent.end
    if i < len(doc) and doc[i].tag_ == "POS":
        i += 1
    while i < len(doc) and doc[i].lower_ in _AIRPORT_WORDS:
        i += 1
    if i >= len(doc) or doc[i].lower_ not in _AIRPORT_NOUNS or not doc[i].text.islower():
        return None
    key = name_key("Facility", f"{ent.text} {doc[i].lower_}")
    return Span(doc, ent.start, i + 1, label="Facility", kb_id=key)


def _names_a_site(head: Token) -> bool:
    """A noun for a site, or a place's or facility's own name ("Green Zone", "Tahrir Square")."""
    if head.pos_ == "NOUN":
        return head.lower_ in _SITE_NOUNS
    if head.pos_ == "PROPN":
        return head.ent_type_ in {"FAC", "LOC"} or head.lower_ in _SITE_NOUNS
    return False
