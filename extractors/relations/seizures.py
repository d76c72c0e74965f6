"""Taking ground and people in ways the capture patterns do not read: a site taken in a
named town ("seized the airport and a bridge in Kismayo": the town is attacked and the
taker is there), "secured Kismayo's airport", soldiers and people captured ("captured
two Kenyan soldiers", "X was captured by Y"), and hostages held at a site in a town
("held officials hostage at a police station in Y"). Capturing ground is ``attacked``
and ``presentIn`` (GUIDELINES); capturing a person is an attack on that person."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import HONORIFICS, TITLE_RELATIONS
from .assertion import assertion_factor
from .captures import takers
from .places import _place_args
from .presence import _CONTROL_PHRASE_VERBS, _HOLDERS, CAPTURE_VERBS
from .sentence import Arg, Candidate, SentenceReader, _pobjs

CONFIDENCE = {
    "site_taken": 0.75,
    "secured": 0.75,
    "captive": 0.75,
    "hostages_at": 0.75,
    "power_seized": 0.75,
}

#: verbs of taking ground whose object may be an unnamed site ("seized the airport in Y")
_TAKING = CAPTURE_VERBS - {"annex", "invade", "liberate"} | {"secure"}

#: sites a force takes inside a town: "the airport", "a strategic bridge", "the barracks"
SITE_WORDS = frozenset(
    "airport airfield airstrip base barracks bridge palace headquarters prison jail port "
    "harbour harbor station compound camp garrison outpost checkpoint post refinery plant "
    "oilfield field dam crossing ministry parliament building buildings hospital "
    "stadium square centre center complex depot terminal garrisons outposts bases camps "
    "posts checkpoints bridges buildings stations".split()
)

#: places a site is in: "the airport in Gao", "a bridge at Remagen"
_SITE_PREPS = frozenset({"in", "at", "of"})


def _taken_objects(verb: Token, passive: bool) -> list[Token]:
    """What a taking verb takes, as tokens: its object and the object's conjuncts, or what
    "control of" names ("took control of the airport and the port")."""
    if passive:
        objs = [c for c in verb.children if c.dep_ == "nsubjpass"]
    else:
        objs = [c for c in verb.children if c.dep_ == "dobj"]
    out: list[Token] = []
    for o in objs:
        if o.lower_ == "control":
            for p in _pobjs(o, {"of", "over"}):
                out += [p, *p.conjuncts]
        else:
            out += [o, *o.conjuncts]
    return out


def _takes_control(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in _TAKING:
        return True
    if lemma in _CONTROL_PHRASE_VERBS and any(
        c.dep_ == "dobj" and c.lower_ == "control" for c in verb.children
    ):
        return True
    return lemma == "take" and any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children)


def _town_of_site(site: Token, verb: Token, reader: SentenceReader) -> list[Arg]:
    """The named town or country an unnamed site taken is in: "the airport in Gao", "the
    airport and a bridge in Gao" (the place hung on the last site, or on the verb)."""
    heads = [site, *site.conjuncts]
    if site.dep_ == "conj":
        heads += [site.head, *site.head.conjuncts]
    places = [
        a
        for h in heads
        for p in _pobjs(h, _SITE_PREPS)
        for a in _place_args(p, reader, {"Place", "Country"})
    ]
    if not places:  # "seized the airport on Monday in Gao": the place on the verb
        places = [
            a
            for p in _pobjs(verb, {"in", "at"})
            for a in _place_args(p, reader, {"Place", "Country"})
        ]
    return places


def sites_taken(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "French troops seized the airport and a bridge in Gao" -> attacked Gao and
    presentIn Gao (a country named as the scene, "a base in Syria", is only where they
    are); "Kenyan troops secured Kismayo's airport" -> attacked and presentIn the airport."""
    for verb in sent:
        if verb.pos_ != "VERB" or not _takes_control(verb):
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = takers(verb, reader)
        if not agents:
            continue
        secure = verb.lemma_.lower() == "secure"
        towns: dict[str, Arg] = {}
        for obj in _taken_objects(verb, passive):
            named = [a for a in reader.actors(obj) if a.span.label_ in {"Place", "Facility"}]
            if named:
                if not secure:
                    continue  # the capture patterns read named places
                for a in agents:
                    for pl in named:
                        yield Candidate(a, "attacked", pl, "secured", factor)
                        yield Candidate(a, "presentIn", pl, "secured", factor)
                continue
            if obj.lemma_.lower() not in SITE_WORDS and obj.lower_ not in SITE_WORDS:
                continue
            if reader.mention(obj) is not None or _owned_site(obj):
                continue  # "seized the army's headquarters": its owner is the one attacked
            for pl in _town_of_site(obj, verb, reader):
                towns.setdefault(pl.span.kb_id_, pl)
        for pl in towns.values():
            for a in agents:
                if pl.span.label_ == "Place":
                    yield Candidate(a, "attacked", pl, "site_taken", factor)
                yield Candidate(a, "presentIn", pl, "site_taken", factor)


def _owned_site(site: Token) -> bool:
    return any(c.dep_ == "poss" for c in site.children)


#: armed people one side captures of another: "captured two Kenyan soldiers"
_PERSONNEL = frozenset(
    "soldier soldiers troops fighters militants officers officer commander commanders "
    "policemen police marines sailors peacekeepers pilots pilot guards servicemen "
    "militiamen".split()
)

#: ranks and offices that make a name a person's: "Cpl.", "Defence Minister", "commander"
_TITLES = (
    HONORIFICS
    | frozenset(w.rstrip(".") for w in HONORIFICS)
    | frozenset(TITLE_RELATIONS)
    | frozenset("cpl pte pvt spc private corporal sergeant".split())
)

#: verbs of taking people prisoner (abducting and kidnapping are attacks already)
_CAPTIVE_VERBS = frozenset({"capture", "seize", "recapture"})


def _titled(span: Span) -> bool:
    """A person named with a rank or office ("Cpl. X", "Defence Minister X", "X, a
    commander"): a name the model took for a person that may be a town has none."""
    doc = span.doc
    words = [t.lower_.rstrip(".") for t in doc[max(span.start - 3, 0) : span.end]]
    if span.end + 2 < len(doc) and doc[span.end].text == ",":
        words += [t.lower_ for t in doc[span.end + 1 : span.end + 4]]
    return any(w in _TITLES for w in words)


def _captives(obj: Token, reader: SentenceReader, verb: Token) -> list[Arg]:
    """People or a force's personnel taken: "Cpl. X", "two Kenyan soldiers" (people by
    their title: "seized Port Stanley" may be a town the model took for a person)."""
    found = [
        a for a in reader.actors(obj) if a.span.label_ in {"Person", "MilitaryForce", "ArmedGroup"}
    ]
    if found:
        return [
            a
            for a in found
            if obj.lower_ in _PERSONNEL
            or (a.span.label_ == "Person" and _titled(a.span) and verb.lemma_.lower() != "seize")
        ]
    if obj.lower_ not in _PERSONNEL:
        return []
    return [
        reader.arg(m)
        for c in obj.children
        if c.dep_ in {"poss", "compound", "amod", "nmod"}
        for m in [reader.named_or_demonym(c)]
        if m is not None and m.label_ in _HOLDERS | {"Country"}
    ]


def captives(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Rebels captured two Kenyan soldiers", "X was captured by Y's fighters",
    "three U.S. soldiers captured by Yugoslav forces" -> the captor attacked them."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _CAPTIVE_VERBS:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = takers(verb, reader)
        if not agents:
            continue
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            objs = [verb.head]
        else:
            objs = _taken_objects(verb, passive)
        for obj in objs:
            for c in _captives(obj, reader, verb):
                for a in agents:
                    if a.span.kb_id_ != c.span.kb_id_:
                        yield Candidate(a, "attacked", c, "captive", factor)


#: "held X hostage", "took X captive", "seized hostages"
_HOSTAGE_WORDS = frozenset({"hostage", "hostages", "captive", "captives"})


def hostages_at(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "TTP fighters held officials hostage at a police station in Bannu" -> attacked
    Bannu and presentIn Bannu (taking hostages at a site is an attack there)."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in {"hold", "take", "seize"}:
            continue
        words = [c for c in verb.children if c.lower_ in _HOSTAGE_WORDS]
        if not words:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = takers(verb, reader)
        if passive or not agents:
            continue
        # "held them hostage at a school in Y": the scene hangs on the verb or on "hostage"
        scenes = [verb, *words]
        sites = [p for h in scenes for p in _pobjs(h, {"at", "in", "inside"}) if p.pos_ == "NOUN"]
        places = [
            a
            for h in [*scenes, *sites]
            for p in _pobjs(h, {"in", "at", "inside"} if h in scenes else {"in"})
            for a in _place_args(p, reader, {"Place", "Facility"})
        ]
        for a in agents:
            for pl in places:
                yield Candidate(a, "attacked", pl, "hostages_at", factor)
                yield Candidate(a, "presentIn", pl, "hostages_at", factor)


#: verbs of taking power by force: "seized power in Y", "grabbed power in Y"
_POWER_VERBS = frozenset({"seize", "grab", "take", "wrest", "usurp"})


def power_seized(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the Taliban, who seized power in Afghanistan in 2021" -> attacked and presentIn
    Afghanistan (armed groups and forces only; not a country's own army, whose coup is
    read as a coup, nor a party that "took power" in an election)."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _POWER_VERBS:
            continue
        if not any(c.dep_ == "dobj" and c.lower_ == "power" for c in verb.children):
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = takers(verb, reader)
        agents = [a for a in agents if a.span.label_ in {"ArmedGroup", "Coalition"}]
        places = [
            a for p in _pobjs(verb, {"in"}) for a in _place_args(p, reader, {"Place", "Country"})
        ]
        for a in [] if passive else agents:
            for pl in places:
                yield Candidate(a, "attacked", pl, "power_seized", factor)
                yield Candidate(a, "presentIn", pl, "power_seized", factor)


PATTERNS = (sites_taken, captives, hostages_at, power_seized)
