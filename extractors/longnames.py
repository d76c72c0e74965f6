"""Whether a gazetteer name is only a word of a longer name the model found ("Jaish
al-Fatah" is not the Iraqi "al-Fatah"; "the International Force for East Timor" is not
East Timor), or a known person's alias inside another person's name."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .gazetteer import Gazetteer
from .lexicon import HONORIFICS, TITLE_RELATIONS
from .namewords import (
    _CALENDAR_WORDS,
    _COMPASS_NAMES,
    _ETHNO_RELIGIOUS,
    _GENERIC_NAME_WORDS,
    _LINKING_PARTICLES,
    _NAME_EXTENSION_OK,
)
from .normalize import fold

__all__ = ["_inside_longer_name", "join_particle_names"]


def _other_given_name(name: Span, model_ents: list[Span], gazetteer: Gazetteer) -> bool:
    """ "Abdelrahim Hamdan Dagalo" is not "Mohamed Hamdan Dagalo", whose known alias
    "Hamdan Dagalo" it contains: a capitalised given name before the match that is no
    title and no word of the known person's own names makes another person."""
    entry = gazetteer.entries.get(name.kb_id_.removeprefix("gaz:"))
    if entry is None:
        return False
    own = {fold(w) for n in (entry.name, *entry.aliases) for w in n.split()}

    def name_word(t: Token) -> bool:
        return (
            t.text[:1].isupper()
            and t.pos_ == "PROPN"
            and t.lower_.rstrip(".") not in HONORIFICS
            and t.lower_ not in TITLE_RELATIONS
        )

    doc = name.doc
    start = min([e.start for e in model_ents if e.start <= name.start < e.end], default=name.start)
    while start > 0 and doc[start - 1].dep_ == "compound" and name_word(doc[start - 1]):
        start -= 1  # "Abdelrahim Hamdan Dagalo" with only "Hamdan Dagalo" tagged PERSON
    before = [t for t in doc[start : name.start] if not t.is_punct]
    return (
        bool(before)
        and all(name_word(t) for t in before)
        and any(fold(t.text) not in own for t in before)
    )


#: lowercase words that join the capitalised words of one name ("Force for East Timor")
_NAME_LINKS = frozenset({"for", "of", "and"})


def _inside_longer_name(name: Span, model_ents: list[Span], gazetteer: Gazetteer) -> bool:
    """Whether a gazetteer match is only a word of a longer name the model found.

    "Jaish al-Fatah" is a Syrian rebel coalition, not the Iraqi "al-Fatah" alliance;
    "Liberal Democrats" are not the US "Democrats". The longer name wins when one of its
    other words is a capitalised name word, none is a lowercase word ("Hamas militants")
    and none is another known name ("UN Middle East envoy"). Demonyms, titles and
    generic nouns decide nothing ("Lebanese Hezbollah" stays Hezbollah).
    """
    doc = name.doc
    if (
        name.start >= 2
        and doc[name.start - 1].lower_ in _LINKING_PARTICLES
        and doc[name.start - 2].is_title
        and doc[name.start - 2].pos_ == "PROPN"
    ):
        return True  # "Mocimboa da Praia" is not Praia, "Norte de Santander" not Santander
    if name.label_ == "Person":  # "PM Abadi", "Sheikh Nasrallah": titles around a person
        return _other_given_name(name, model_ents, gazetteer)
    for ent in model_ents:
        if not (ent.start <= name.start and name.end <= ent.end) or len(ent) == len(name):
            continue
        if (
            ent.label_ in {"GPE", "LOC"}
            and (ent.end, ent.start) == (name.end, name.start - 1)
            and doc[ent.start].text in _COMPASS_NAMES
        ):
            return True  # "North Sinai", "South Georgia" are places of their own
        if ent.label_ in {"GPE", "LOC", "DATE", "TIME"} or (
            ent.label_ == "NORP" and name.label_ in {"Country", "Place"}
        ):
            return False  # "Bolshevik Russia" is still Russia; "Monday US forces" US forces
        if _names_something(ent, name, gazetteer):
            return False
        qualifies = False
        # a name made of common words only ("Democratic Party", "National Front") is
        # another actor's once a qualifier comes before it ("Kurdish Democratic Party")
        generic = all(fold(t.text) in _GENERIC_NAME_WORDS for t in name if not t.is_punct)
        for t in ent:
            if name.start <= t.i < name.end or t.is_punct:
                continue
            low = t.lower_
            if (low == "the" and t.i == ent.start) or (
                low in _NAME_LINKS
                and ent.start < t.i < ent.end - 1
                and doc[t.i - 1].text[:1].isupper()
                and doc[t.i + 1].text[:1].isupper()
            ):
                continue  # "the International Force for East Timor", "Special Court for X"
            if (
                low in TITLE_RELATIONS
                and ent.label_ == "ORG"
                and t.text[:1].isupper()
                and low[-1] != "s"
                and not t.is_sent_start  # "Fellow NATO member Greece"
                and t.i < name.start  # not "Labour MP": a title after the name
            ):
                qualifies = True  # "the General People's Congress": a word of its name
                continue
            if low in _CALENDAR_WORDS or low in HONORIFICS or low in TITLE_RELATIONS:
                return False  # "NAO head Sir John Bourn": a title and a person, no name
            neutral = low in _NAME_EXTENSION_OK or (
                not (generic and t.i < name.start and t.text[:1].isupper())
                and (
                    fold(t.text) in _ETHNO_RELIGIOUS
                    or gazetteer.lookup(t.text) is not None  # a demonym
                )
            )
            if neutral:
                continue
            if not t.text[:1].isupper():
                return False
            qualifies = True
        return qualifies
    # the same where the model found no name: "Jaish al-Fatah", "Liberal Democrats" (a
    # capitalised name word glued before an organisation's name by the parse)
    if name.label_ in {"Country", "Place", "Facility"} or name.start == 0:
        return False
    prev = name.doc[name.start - 1]
    glued = name[0].lower_ in {"al", "el"} or (
        prev.dep_ == "compound" and name.start <= prev.head.i < name.end
    )
    return (
        glued
        and prev.text[:1].isupper()
        and not prev.is_sent_start
        and prev.pos_ == "PROPN"
        and prev.lower_ not in HONORIFICS
        and prev.lower_ not in TITLE_RELATIONS
        and prev.lower_ not in _NAME_EXTENSION_OK
        and prev.lower_ not in _CALENDAR_WORDS
        and prev.ent_type_ in {"", "ORG", "PERSON", "FAC", "NORP"}
        and fold(prev.text) not in _ETHNO_RELIGIOUS
        and gazetteer.lookup(prev.text) is None
    )


def _names_something(ent: Span, name: Span, gazetteer: Gazetteer) -> bool:
    """Whether the words of ``ent`` outside ``name`` hold another known name (not a
    demonym: "Syrian National Coalition" is no known name plus "National Coalition")."""
    doc = ent.doc
    for lo, hi in ((ent.start, name.start), (name.end, ent.end)):
        for i in range(lo, hi):
            for j in range(i + 1, min(hi, i + 5) + 1):
                match = gazetteer.lookup(doc[i:j].text)
                if match is not None and match.kind != "demonym":
                    return True
    return False


#: lowercase words inside a person's name: "Jose Eduardo dos Santos", "Ernest Wamba dia
#: Wamba", "Ursula von der Leyen"
_NAME_PARTICLES = _LINKING_PARTICLES | frozenset("dia dei van von der den ter bin ibn".split())


def join_particle_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's name the model cut at a lowercase particle ("Jose Eduardo" and "Santos"
    for "Jose Eduardo dos Santos") is one name: the person span runs on over the
    particles and the capitalised words after them."""
    taken = {t.i: e for e in ents for t in e}
    out: list[Span] = []
    skip: set[int] = set()
    for e in sorted(ents, key=lambda s: s.start):
        if id(e) in skip:
            continue
        end = e.end
        if e.label_ == "PERSON":
            j = end
            while j < len(doc) and doc[j].lower_ in _NAME_PARTICLES and doc[j].is_lower:
                j += 1
            k = j
            while k < len(doc) and doc[k].is_title and doc[k].pos_ == "PROPN":
                other = taken.get(k)
                if (
                    other is not None
                    and other.label_ != "PERSON"
                    and (len(other) > 1 or other.label_ in {"GPE", "LOC"})
                ):
                    break  # "Wamba" tagged PRODUCT is still the name's last word
                k += 1
            if j > end and k > j:
                for i in range(j, k):
                    if i in taken:
                        skip.add(id(taken[i]))
                end = k
            elif j == end and _surname_left_out(doc, e, taken):
                skip.add(id(taken.get(end, e)))
                end += 1  # "Ahmad Tejan" PERSON, "Kabbah" GPE: one name
        out.append(e if end == e.end else Span(doc, e.start, end, label=e.label_))
    return out


def _surname_left_out(doc: Doc, person: Span, taken: dict[int, Span]) -> bool:
    """Whether the word after a person's name is the name's own head the model tagged
    apart ("Ahmad Tejan" PERSON + "Kabbah" GPE): a capitalised proper noun the last
    name word is a compound of, tagged alone or not at all, and no word of a body's name."""
    if person.end >= len(doc):
        return False
    nxt, last = doc[person.end], person[-1]
    other = taken.get(nxt.i)
    return (
        last.dep_ == "compound"
        and last.head.i == nxt.i
        and nxt.pos_ == "PROPN"
        and nxt.is_title
        and (other is None or (len(other) == 1 and other.label_ != "PERSON"))
        and fold(nxt.text) not in _GENERIC_NAME_WORDS
        and nxt.lower_ not in _NAME_EXTENSION_OK
        and nxt.lower_ not in TITLE_RELATIONS
    )
