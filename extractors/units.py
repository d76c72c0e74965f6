"""Numbered military units: "Russia's 14th Army", "the 201st Motor Rifle Division", "the
U.S. 82nd Airborne Division", "the Eighth Division". The model tags the ordinal apart (or
not at all) and the rest as a bare "Army" or an organisation; a unit so named is a force of
its own, not the whole army of its state, and not an organisation."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .furniture import doc_text
from .namewords import name_key

#: words that end a unit's name
UNIT_HEADS = frozenset(
    "army armies division brigade regiment battalion corps fleet squadron flotilla".split()
)

#: ordinals written as words, capitalised in a unit's name: "the Eighth Division"
_ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
    "twentieth".split()
)
_ORDINAL = re.compile(r"^\d{1,3}(st|nd|rd|th)$", re.IGNORECASE)

#: league tables have divisions too: "the First Division", "Third Division" (a unit with
#: such a low number names its arm: "1st Armoured Division")
_LEAGUE_ORDINALS = frozenset({"first", "second", "third", "1st", "2nd", "3rd"})

#: words of a unit's name between the ordinal and the head: "Motor Rifle", "Airborne"
_MAX_MIDDLE = 3


#: where an ordinal may start a unit's name, found in the text at once (most texts have none)
_ORDINAL_IN_TEXT = re.compile(
    r"\b(?:\d{1,3}(?:st|nd|rd|th)|" + "|".join(w.capitalize() for w in _ORDINAL_WORDS) + r")\b"
)


def _ordinal(text: str, title: bool) -> bool:
    return bool(_ORDINAL.match(text)) or (title and text.lower() in _ORDINAL_WORDS)


def numbered_units(doc: Doc) -> list[Span]:
    """Every "<ordinal> [Capitalised words] <unit noun>" in the text, as a MilitaryForce."""
    out: list[Span] = []
    last = -1
    for hit in _ORDINAL_IN_TEXT.finditer(doc_text(doc)):
        start = doc.char_span(hit.start(), hit.end())
        if start is None or start.start <= last:
            continue
        i = start.start
        tok = doc[i]
        if not _ordinal(tok.text, tok.is_title):
            continue
        j = i + 1
        while j < len(doc) and j - i - 1 <= _MAX_MIDDLE and doc[j].is_title:
            if doc[j].lower_ in UNIT_HEADS:
                break
            j += 1
        head = doc[j] if j < len(doc) else None
        if head is None or not head.is_title or head.lower_ not in UNIT_HEADS:
            continue
        if head.lower_ == "division" and j == i + 1 and tok.lower_ in _LEAGUE_ORDINALS:
            continue
        span = doc[i : j + 1]
        out.append(
            Span(doc, i, j + 1, label="MilitaryForce", kb_id=name_key("MilitaryForce", span.text))
        )
        last = j
    return out


def with_units(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with the numbered units in place of the pieces the model made of them."""
    units = numbered_units(doc)
    if not units:
        return ents
    inside = {t for u in units for t in range(u.start, u.end)}
    kept = [e for e in ents if not any(t in inside for t in range(e.start, e.end))]
    return kept + units
