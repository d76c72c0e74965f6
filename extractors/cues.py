"""What a name is, read from the words around it: places ("the town of X", "X
state", "X, in northern Y"), people ("X, a Tunisian", "its commander, X"), sites
("the Westgate mall") and names the model missed ("the towns of A, B and C")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .lexicon import (
    DESCRIPTOR_TYPES,
    EDGE_NOUNS,
    HONORIFICS,
    ORG_HEAD_TYPES,
    TITLE_RELATIONS,
)
from .namewords import (
    _ETHNO_RELIGIOUS,
    _PLACE_NOUNS,
    _PLACE_PREPS,
    name_key,
)


def _given_names_before(doc: Doc, start: int, end: int, taken: set[int]) -> int:
    """Where a person's name starts when the model left its first names out:
    "Abdelrahim Hamdan Dagalo" tagged PERSON from "Hamdan" on."""
    while (
        start > 0
        and (prev := doc[start - 1]).dep_ == "compound"
        and start <= prev.head.i < end
        and prev.pos_ == "PROPN"
        and prev.is_title
        and prev.i not in taken
        and prev.lower_.rstrip(".") not in HONORIFICS
        and prev.lower_ not in TITLE_RELATIONS
        and not prev.is_sent_start
    ):
        start -= 1
    return start


#: nouns for the armed people of a nation or region that has no army of its own:
#: "Chechen separatists", "Libyan rebels", "Ambazonian separatists"
_REBEL_NOUNS = frozenset({"separatists", "rebels", "insurgents", "guerrillas"})
_FIGHTER_WORDS = frozenset({"militants", "fighters"})


def _rebel_groups(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "Chechen separatists", "South Ossetian separatists", "Libyan rebels": a people's
    or a country's word before a rebel noun names an armed group of its own (one node
    per people, whatever the noun), not the state; "pro-Russian separatists" too."""
    taken = {t.i for e in ents for t in e}
    countries = [d for d in doc.spans.get("demonyms", []) if d.label_ == "Country"]
    out = []
    for people in [*countries, *(e for e in doc.ents if e.label_ == "NORP")]:
        noun = doc[people.end] if people.end < len(doc) else None
        # a people without a state of its own: its militants and fighters too
        nouns = _REBEL_NOUNS if people in countries else _REBEL_NOUNS | _FIGHTER_WORDS
        if (
            noun is None
            or noun.lower_ not in nouns
            or people.root.head.i != noun.i
            or set(people.text.lower().split()) & _ETHNO_RELIGIOUS  # "Islamist insurgents"
            or noun.i in taken
            or any(t.i in taken for t in people)
        ):
            continue
        start = people.start
        if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in {"pro", "anti"}:
            start -= 2  # "pro-Russian separatists"
        key = name_key("ArmedGroup", f"{doc[start : people.end].text} rebels")
        out.append(Span(doc, start, noun.i + 1, label="ArmedGroup", kb_id=key))
        taken |= set(range(start, noun.i + 1))
    return out


#: what an acronym set beside it says it is: "a Nigerian-led West African force, ECOMOG"
_KIND_OF_BODY = {
    **dict.fromkeys(("force", "forces", "brigade", "army", "mission"), "MilitaryForce"),
    **dict.fromkeys(("coalition", "alliance"), "Coalition"),
    **dict.fromkeys(("militia", "movement", "rebels", "insurgents"), "ArmedGroup"),
}


def _named_by(tok: Token) -> list[Token]:
    """The nouns an acronym is given as the name of: "the UN mission, known as M", "the UN
    mission in Congo, known as M" (the parse hangs the name on the place)."""
    prep = tok.head
    known = prep.head
    if tok.dep_ != "pobj" or prep.lower_ != "as" or known.lemma_ not in {"know", "call"}:
        return []
    noun = known.head
    out = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ in {"in", "to", "for"}:
        out.append(noun.head.head)  # "the mission in Congo, known as M"
    return out


#: what an acronym set before it makes it: "the ECOMOG force", "AMISOM troops"
_KIND_OF_MEMBERS = {
    **dict.fromkeys(
        ("force", "troops", "soldiers", "peacekeepers", "brigade", "battalion"), "MilitaryForce"
    ),
    **dict.fromkeys(
        ("rebels", "fighters", "militants", "guerrillas", "insurgents", "militiamen", "militia"),
        "ArmedGroup",
    ),
    "party": "PoliticalGroup",  # "the governing MPLA party"
}


def _acronyms_by_kind(doc: Doc, ents: list[Span]) -> list[Span]:
    """An acronym the model left out, in apposition to a noun that says what it is: "a
    West African force, ECOMOG,", "ECOMOG, the Nigerian-led force", or naming the force
    of its members: "the ECOMOG force", "ECOMOG troops"; then every other use of the
    acronym in the article ("ECOMOG's commander", "support to ECOMOG") names the same."""
    taken = {t.i for e in ents for t in e}
    named = {t.text for e in [*ents, *doc.ents] for t in e}  # "(JEM)" spelled out elsewhere

    def acronym(tok: Token) -> bool:
        return (
            tok.i not in taken
            and len(tok.text) >= 3
            and tok.text.isupper()
            and tok.is_alpha
            and tok.text not in named
        )

    kinds: dict[str, str] = {}
    for tok in doc:
        if not acronym(tok):
            continue
        bodies = [c for c in tok.children if c.dep_ == "appos"]
        if tok.dep_ == "appos":
            bodies.append(tok.head)
        bodies += _named_by(tok)
        kind = next((_KIND_OF_BODY[k.lower_] for k in bodies if k.lower_ in _KIND_OF_BODY), None)
        if (
            kind is None
            and tok.dep_ in {"compound", "nmod", "amod"}
            and tok.head.i == tok.i + 1
            and not tok.head.text.isupper()  # not a headline in capitals
        ):
            kind = _KIND_OF_MEMBERS.get(tok.head.lower_)
        if kind is not None:
            kinds.setdefault(tok.text, kind)
    if not kinds:
        return []  # most articles: no word read again
    return [
        Span(doc, tok.i, tok.i + 1, label=kind, kb_id=name_key(kind, tok.text))
        for tok in doc
        if (kind := kinds.get(tok.text)) is not None and acronym(tok)
    ]


def _named_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """Places the model missed but the text names after a place noun: "the northern town
    of Kidal", "the towns of Shire, Axum and Adwa", or before one in apposition:
    "Harardhere, a former pirate haven in Galmudug"."""
    taken = {t.i for e in ents for t in e}
    out = []
    for tok in doc:
        if (
            tok.i not in taken
            and tok.pos_ == "PROPN"
            and tok.is_title
            and not any(c.dep_ in {"compound", "amod"} for c in tok.children)
            and any(
                c.dep_ == "appos" and c.lower_ in _PLACE_NOUNS | _SEAT_NOUNS | {"haven"}
                for c in tok.children
            )
        ):
            out.append(
                Span(doc, tok.i, tok.i + 1, label="Place", kb_id=name_key("Place", tok.text))
            )
            taken.add(tok.i)
    demonyms = {t.i for d in doc.spans.get("demonyms", []) for t in d}
    for noun in doc:  # "Jonglei state", "the Rimal neighborhood of Gaza City"
        if (
            noun.lower_ not in (_PLACE_NOUNS | {"state"}) - {"capital"}
            or noun.pos_ != "NOUN"
            or not noun.is_lower
            or noun.i == 0
        ):
            continue
        end = noun.i
        start = end
        while (
            start > 0
            and (t := doc[start - 1]).dep_ == "compound"
            and t.head.i in range(start, noun.i + 1)
            and t.pos_ == "PROPN"
            and t.is_title
            and t.i not in taken | demonyms  # "the Thai island of X": a demonym, not a name
        ):
            start -= 1
        if start < end and not any(doc[i].is_sent_start for i in range(start, end)):
            span = doc[start:end]
            out.append(Span(doc, start, end, label="Place", kb_id=name_key("Place", span.text)))
            taken.update(range(start, end))
    for tok in doc:  # "the Chechen capital Grozny", "the port city Hodeidah"
        if (
            tok.i not in taken
            and tok.pos_ == "PROPN"
            and tok.is_title
            and tok.i > 0
            and (kind := doc[tok.i - 1]).dep_ == "compound"
            and kind.head.i == tok.i
            and kind.pos_ == "NOUN"
            and kind.is_lower
            and kind.lower_ in _PLACE_NOUNS
        ):
            out.append(
                Span(doc, tok.i, tok.i + 1, label="Place", kb_id=name_key("Place", tok.text))
            )
            taken.add(tok.i)
    for noun in doc:
        if noun.lower_ not in _PLACE_NOUNS | _PLURAL_PLACE_NOUNS or noun.pos_ != "NOUN":
            continue
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                for name in [pobj, *(c for c in pobj.subtree if c.dep_ == "conj")]:
                    if name.i in taken or name.pos_ != "PROPN" or not name.is_title:
                        continue
                    start = name.i
                    while (
                        start > 0
                        and doc[start - 1].dep_ == "compound"
                        and (doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title)
                    ):
                        start -= 1
                    if any(t.i in taken for t in doc[start : name.i + 1]):
                        continue
                    span = doc[start : name.i + 1]
                    out.append(
                        Span(
                            doc,
                            start,
                            name.i + 1,
                            label="Place",
                            kb_id=name_key("Place", span.text),
                        )
                    )
    return out


def _titled_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """People the model missed but the text names by title: "Vyacheslav Chornovil, leader
    of the Rukh", "the party's leader, Anna Kovac"."""
    taken = {t.i for e in ents for t in e}
    out = []
    for tok in doc:
        if tok.dep_ != "appos" or tok.i in taken:
            continue
        pairs = [(tok.head, tok), (tok, tok.head)]  # (name head, title) either way round
        for name, title in pairs:
            if title.lower_ not in TITLE_RELATIONS or name.pos_ != "PROPN" or name.i in taken:
                continue
            start = name.i
            while (
                start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN"
            ):
                start -= 1
            words = doc[start : name.i + 1]
            if (
                len(words) >= 2
                and all(w.is_title for w in words)
                and not taken & {w.i for w in words}
            ):
                text = words.text
                out.append(
                    Span(doc, start, name.i + 1, label="Person", kb_id=name_key("Person", text))
                )
                taken |= {w.i for w in words}
    return out


def _place_cue(ent: Span) -> bool:
    """ "the southern town of Sderot", "fighting in al-Qusayr", "Gezira state", "Bani, in
    northern Yemen", "X, the capital of Y", "in Omdurman and X": a name used as a place."""
    root = ent.root
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head  # "the departments of Arauca and Norte de Santander"
    if (
        first.dep_ == "pobj"
        and first.head.lower_ in {"of", "for"}
        and first.head.head.lower_ in _PLACE_NOUNS | _PLURAL_PLACE_NOUNS | _SIEGE_NOUNS
        and (first.head.lower_ == "of" or first.head.head.lower_ == "battle")
        and not (ent.label_ == "PERSON" and first.head.head.lower_ == "camp")
    ):  # ("the main camp of LRA leader Joseph Kony" is his)
        return True  # "the town of X", "the siege of X", "the battle for X"
    if root.dep_ == "appos" and root.head.lower_ in _PLACE_NOUNS:
        return True
    node = root
    while node.dep_ == "conj" and node.head.i < node.i:
        node = node.head
    if (
        node.dep_ in {"compound", "nmod"}
        and node.head.i > node.i
        and (node.head.lower_ in _PLACE_NOUNS | _PLURAL_PLACE_NOUNS | {"state", "states"})
    ):
        return True  # "Gezira state", "the Menaka and Gao regions"
    if any(
        c.dep_ == "appos" and c.lower_ in _PLACE_NOUNS | _SEAT_NOUNS and c.i > root.i
        for c in root.children
    ):
        return True  # "Wad Madani, the capital of Gezira state"
    if _located_after(ent):
        return True  # "Bani, in northern Yemen"
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in {"neighbouring", "neighboring"}:
        return True  # "in Nangarhar and neighbouring Kunar" (whatever the parse)
    if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text in _COMPASS_SUFFIXES:
        return True  # "Khartoum North": no person's name ends so
    if ent.label_ in {"PERSON", "ORG"} and _listed_with_places(ent):
        return True  # "in Omdurman and Khartoum North", "towns including A, B and C"
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lower_ == "department"
        and any(c.lower_ in _COMPASS and c.lower_ != "the" for c in root.head.head.children)
    ):
        return True  # "the southern department of Putumayo"
    if root.dep_ == "dobj" and root.head.lemma_ in _GROUND_VERBS:
        # "since fleeing Kibumba", "fighters stormed Palma": ground, not a person
        return len(ent) <= 3 and ent.label_ in {"PERSON", "ORG"} and ent[0].lower_ not in HONORIFICS
    if root.dep_ != "pobj" or len(ent) > 3 or ent[0].lower_ in HONORIFICS:
        return False
    prep = root.head.lower_
    if prep in {"to", "into", "from"} and root.head.head.lemma_ in _MOVING_VERBS:
        return True  # "troops were deployed to Nagorno-Karabakh"
    if ent.label_ == "ORG":  # "in Hamas" is membership; "near Laiza" is a place
        return prep in {"near", "outside", "around", "towards", "toward"}
    return (  # a person is rarely "in" or "near" someone
        ent.label_ == "PERSON"
        and prep in _PLACE_PREPS
        and root.head.head.lemma_ not in {"believe", "trust", "confidence", "faith", "interest"}
    )


#: verbs whose object is ground: what is fled, entered, stormed or retaken is a place
_GROUND_VERBS = frozenset(
    "flee leave enter reach storm overrun besiege encircle recapture retake "
    "liberate abandon shell bombard".split()
)


#: last words of place names, never of people's: "Khartoum North"
_COMPASS_SUFFIXES = frozenset({"North", "South", "East", "West", "Central"})


#: nouns for what a place is to an actor: "X, the headquarters of Y"
_SEAT_NOUNS = frozenset({"headquarters", "stronghold", "hub", "seat", "hometown"})


_PLURAL_PLACE_NOUNS = frozenset(
    "towns cities villages provinces districts regions areas states counties departments "
    "forests islands mountains hills".split()
)


#: events whose "of" names the place they befell: "the siege of X", "the fall of X"
_SIEGE_NOUNS = frozenset("siege fall shelling bombardment recapture liberation battle".split())


#: verbs of movement: where they go to or come from is a place ("deployed to X")
_MOVING_VERBS = frozenset(
    "deploy send travel flee move return go come march advance retreat withdraw enter "
    "leave reach evacuate airlift".split()
)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "Place", "Country", "Facility"})


_COMPASS = frozenset(
    "northern southern eastern western central northeastern northwestern southeastern "
    "southwestern north south east west the".split()
)


def _place_tokens(doc: Doc) -> set[int]:
    """Tokens of the names the model or the gazetteer gives as places (once per Doc)."""
    key = "actorgraph.place_tokens"
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = {t.i for e in doc.ents if e.label_ in _PLACE_LABELS for t in e}
    return found


def _located_after(ent: Span) -> bool:
    """ "Amdjarass, in eastern Chad": a comma, "in", compass words, then a place."""
    doc = ent.doc
    i = ent.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in {"in", "on"}:
        return False
    if doc[i + 1].lower_ == "on":  # "Guerguerat, on the southern tip of Western Sahara"
        i += 2
        while i < len(doc) and doc[i].lower_ in _COMPASS:
            i += 1
        if i + 1 >= len(doc) or doc[i].lower_ not in EDGE_NOUNS or doc[i + 1].lower_ != "of":
            return False
        i += 2  # after "of"
    else:
        i += 2  # after "in"
    while i < len(doc) and doc[i].lower_ in _COMPASS | {"capital", "neighbouring", "neighboring"}:
        i += 1
    places = _place_tokens(doc)
    if i >= len(doc) or i not in places:
        return False
    while i < len(doc) and i in places:
        i += 1
    # "Buni Yadi, in Yobe state," lies there; "Ed Miliband, in Washington for talks" visits
    return i >= len(doc) or doc[i].is_punct or doc[i].lower_ in _REGION_NOUNS


#: nouns that may end a place's name after "X, in": "Buni Yadi, in Yobe state,"
_REGION_NOUNS = _PLURAL_PLACE_NOUNS | {"state", "province", "region", "district", "county"}


def _listed_with_places(ent: Span) -> bool:
    """A name in a list of places under a place preposition or a plural place noun."""
    root = ent.root
    first = root
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if first is root and not any(c.dep_ == "conj" for c in root.children):
        return False
    places = _place_tokens(ent.doc)
    members = [first, *(t for t in first.subtree if t.dep_ == "conj" and t.head.i >= first.i)]
    if not any(m.i in places for m in members if m.i not in range(ent.start, ent.end)):
        return False
    head = first.head
    if first.dep_ == "pobj" and head.lower_ in _PLACE_PREPS | {"including", "of", "at"}:
        return head.lower_ != "including" or head.head.lower_ in _PLURAL_PLACE_NOUNS
    return False


#: nouns in apposition that only a person can be: "X, a Tunisian militant"
_PERSON_APPOSITIVES = frozenset(
    "militant commander fighter jihadist man woman citizen national spokesman spokeswoman "
    "official cleric preacher facilitator recruiter bomber gunman financier operative "
    "activist journalist businessman politician lawmaker diplomat lawyer son daughter "
    "brother father mother wife husband".split()
)


def _person_apposition(ent: Span) -> bool:
    """ "Noureddine Chouchane, a Tunisian": a demonym or a person noun in apposition."""
    if len(ent) < 2 or not all(t.is_title for t in ent if not t.is_punct):
        return False
    for child in ent.root.children:
        if child.dep_ != "appos" or not any(d.lower_ in {"a", "an"} for d in child.children):
            continue
        if child.lower_ in _PERSON_APPOSITIVES or (
            child.text[:1].isupper()
            and child.pos_ in {"PROPN", "NOUN", "ADJ"}
            and not child.text.endswith("s")
            and not any(c.dep_ in {"compound", "amod"} for c in child.children)
        ):
            return True
    return False


#: ranks and courtesy titles that stand before a person's name only: "General Konrad
#: Kolsek", "Capt. X", "Mr Y" (not "Grand", "Sheikh" or "Lord", which begin places too)
_PERSON_RANKS = frozenset(
    "general gen gen. colonel col col. lieutenant lt lt. major maj maj. captain capt capt. "
    "sergeant sgt sgt. brigadier brig brig. admiral adm adm. corporal mr mr. mrs mrs. ms "
    "ms. dr dr.".split()
)


def after_rank(ent: Span) -> bool:
    """A name the model took for a place or body right after a rank: "General Konrad
    Kolsek", "Lt. Col. X" (unless its own words name a body: "General Assembly")."""
    if ent.start == 0 or not all(t.is_title for t in ent if not t.is_punct):
        return False
    before = ent.doc[ent.start - 1]
    if not before.is_title or before.lower_ not in _PERSON_RANKS:
        return False
    return not any(t.lower_ in ORG_HEAD_TYPES or t.lower_ in DESCRIPTOR_TYPES for t in ent)


#: singular office nouns only a person holds: "its commander, X", "X became president"
_OFFICE_NOUNS = frozenset(
    w
    for w, rel in TITLE_RELATIONS.items()
    if "_" not in w and not w.endswith("s") and w not in {"head", "owner", "member", "publisher"}
)


def _office_noun(noun: Token) -> bool:
    """ "commander", "spokesman", and "the head of Y" (not "the head office")."""
    return noun.lower_ in _OFFICE_NOUNS or (
        noun.lower_ == "head" and any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    )


def _holds_office(ent: Span) -> bool:
    """A name said to hold an office: "the group's commander, X", "X, its spokesman",
    "X became president of Y" (the model often tags such names ORG)."""
    if len(ent) < 2 or not all(
        t.is_title or (t.i > 0 and t.doc[t.i - 1].text == "-")  # "Choi Young-jin"
        for t in ent
        if not t.is_punct
    ):
        return False
    root = ent.root
    if root.dep_ == "appos" and root.head.lower_ in _OFFICE_NOUNS:
        return True
    if any(_office_noun(c) for c in root.children if c.dep_ == "appos"):
        return True
    verb = root.head
    if root.dep_ == "pobj" and verb.lower_ == "by" and verb.dep_ == "agent":
        # "the RUF, led by Foday Sankoh": who leads or founds is a person
        return verb.head.lemma_.lower() in {"lead", "head", "command", "found"}
    return (
        root.dep_ == "nsubj"
        and verb.lemma_ in {"become", "remain"}
        and any(c.dep_ == "attr" and c.lower_ in _OFFICE_NOUNS for c in verb.children)
    )


def _descriptor_type(ent: Span) -> str | None:
    """Type said by a noun right after the name or in apposition to it."""
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.lower_ in DESCRIPTOR_TYPES and nxt.pos_ == "NOUN":
        if nxt.lower_ == "media" and ent.label_ in {"GPE", "LOC", "NORP"}:
            return None  # "Gulf media": the press of a region, not an outlet
        return DESCRIPTOR_TYPES[nxt.lower_]
    for child in ent.root.children:
        if child.dep_ == "appos" and child.lower_ in DESCRIPTOR_TYPES:
            return DESCRIPTOR_TYPES[child.lower_]
    if ent.root.dep_ in {"compound", "nmod"} and ent.root.head.lower_ in DESCRIPTOR_TYPES:
        return DESCRIPTOR_TYPES[ent.root.head.lower_]
    return None


#: verbs whose object, when the model says "organisation", is an armed group: "the army has
#: fought the Tamil Tigers", "troops routed the Movement"
_FOUGHT_VERBS = frozenset("fight battle combat rout crush defeat ambush".split())
#: struggles whose "against" names an armed group: "the war against X", "a campaign against X"
_STRUGGLE_NOUNS = frozenset("war campaign offensive struggle battle insurgency fight".split())


#: what only armed men do to a place or a force: "the Sinaloa Cartel ambushed ..."
_ARMED_DEEDS = frozenset(
    "ambush storm shell bomb seize capture overrun besiege behead kidnap abduct ambush "
    "retake recapture".split()
)
#: nouns that say a group is armed: "Tamil Tiger rebels", "Maute group fighters"
_ARMED_NOUNS = frozenset(
    "rebels rebel insurgents insurgent guerrillas guerrilla militants militant fighters "
    "gunmen militia militias jihadists separatists".split()
)


def armed_cue(ent: Span) -> bool:
    """An organisation said to be fought ("fought the Tamil Tigers", "the war against X"),
    to do what armed men do ("X stormed the town") or to have fighters ("X militants")."""
    root = ent.root
    if root.dep_ == "dobj" and root.head.lemma_.lower() in _FOUGHT_VERBS:
        return True
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in _ARMED_DEEDS:
        return True
    if root.dep_ in {"compound", "nmod"} and root.head.lower_ in _ARMED_NOUNS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _ARMED_NOUNS:
        return True  # "Fighters of the Liberians United for ... (LURD)"
    if root.dep_ == "pobj" and root.head.lower_ == "against":
        governor = root.head.head
        return governor.lemma_.lower() in _FOUGHT_VERBS or governor.lower_ in _STRUGGLE_NOUNS
    return False


def _not_the_party(span: Span) -> bool:
    """A party's one-word name used for something else: a ministry's field ("Labour
    Minister X", "the Minister of Labour"; the party is "Labour minister X", "a Labour
    MP"), or the first word of a longer name ("Republican Guard")."""
    doc, offices = span.doc, {"minister", "ministry", "secretary", "department"}
    after = doc[span.end] if span.end < len(doc) else None
    of = span.start >= 2 and doc[span.start - 1].lower_ == "of"  # "the Minister of Labour"
    if after is not None and after.is_title and after.lower_ not in TITLE_RELATIONS:
        return True  # "Republican Forces", "Republican Guard": a longer name's first word
    return (after is not None and after.text in {"Minister", "Ministry", "Secretary"}) or (
        of and doc[span.start - 2].lower_ in offices
    )
