"""Where actors are and where places lie: "Kirkuk, Iraq", "US troops in Iraq",
"a base ... home to US troops", "X-based", "In Iraq, ... Taji", "the Yemeni port city of
Hodeidah", datelines, capturing and holding ground ("X seized Y", "X-held Y"), visits,
meetings ("X met Y in Z"), acting from a place ("fired rockets from Y", "a speech from Y"),
entries and withdrawals."""

from __future__ import annotations

from collections.abc import Iterator, Set

from spacy.tokens import Span, Token

from ..lexicon import (
    DESCRIPTOR_TYPES,
    FORCE_NOUNS,
    HOME_NOUNS,
)
from .assertion import assertion_factor
from .sentence import (
    _ACTORS,
    _DEPLOYABLE,
    _PLACES,
    _SITE_NOUNS,
    Arg,
    Candidate,
    SentenceReader,
    _in_list,
    _pobjs,
    agents_of,
    described,
)

#: "a number of X", "a contingent of X": the X
_QUANTITY_NOUNS = frozenset("number contingent handful group unit detachment".split())


def home_to(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "a base in the Kurdistan region, home to American troops" -> presentIn."""
    for tok in sent:
        if tok.lower_ not in HOME_NOUNS:
            continue
        pobjs = list(_pobjs(tok, {"to"}))
        end = tok.right_edge.i
        doc = tok.doc
        if pobjs and end + 2 < len(doc) and doc[end + 1].text == ",":
            along = doc[end + 2]  # "home to US troops, along with Canadian soldiers"
            if along.lower_ == "along" and along.dep_ == "prep":
                pobjs += list(_pobjs(along, {"with"}))
        pobjs += [q for p in pobjs if p.lower_ in _QUANTITY_NOUNS for q in _pobjs(p, {"of"})]
        residents = [
            a for p in pobjs for a in reader.actors(p) if a.span.label_ in _ACTORS - {"Person"}
        ]
        if not residents:
            continue
        host = tok.head if tok.dep_ in {"appos", "attr"} else _before_comma(tok)
        places: list[Arg] = []
        if host is not None:
            m = reader.mention(host)
            if m is not None and m.label_ in _PLACES:
                places.append(reader.arg(m))
            places += [
                a
                for p in _pobjs(host, {"in", "near"} - {"near"})
                for a in reader.actors(p)
                if a.span.label_ in _PLACES
            ]
        for r in residents:
            for pl in places:
                yield Candidate(r, "presentIn", pl, "home_to")


def _before_comma(tok: Token) -> Token | None:
    """The noun phrase that ends just before ", <tok>" (an apposition the parser attached
    elsewhere: "hit a base in the Kurdistan region, home to US troops")."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "," or tok.sent.start > tok.i - 2:
        return None
    node = doc[tok.i - 2]
    while node.head != node and node.head.i < tok.i and node.head.right_edge.i < tok.i:
        node = node.head
    if node.dep_ == "prep":  # "hit a base in Anbar province, home to ...": "in" left on the verb
        node = next((p for p in node.children if p.dep_ == "pobj"), node)
    return node if node.pos_ in {"NOUN", "PROPN"} else None


#: nouns that describe a person by occupation: "a London-based analyst"
_PERSON_NOUNS = frozenset(
    "analyst expert researcher journalist correspondent economist consultant lawyer "
    "activist businessman businesswoman diplomat cleric scholar academic writer "
    "commentator blogger trader banker investor entrepreneur agent".split()
)


def based(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the Houston-based company", "X, based in Y", "headquartered in Y" -> presentIn."""
    doc = sent.doc
    for tok in sent:
        if tok.lower_ not in {"based", "headquartered"}:
            continue
        places: list[Arg] = []
        if tok.i >= 2 and doc[tok.i - 1].text == "-":  # "Houston-based"
            m = reader.mention(doc[tok.i - 2])
            if m is not None and m.label_ in {"Place", "Country"}:
                places.append(_as_place(reader.arg(m), reader))
        places += [
            a
            for p in _pobjs(tok, {"in", "at"})
            for a in reader.actors(p)
            if a.span.label_ in {"Place", "Country", "Facility"}
        ]
        if not places:
            continue
        head = tok.head
        owners = described(head, reader) if head.pos_ in {"NOUN", "PROPN"} else []
        if tok.dep_ in {"acomp", "attr"} or (tok.dep_ == "ROOT" or head.lemma_ == "be"):
            owners += [
                a
                for c in tok.children
                if c.dep_ in {"nsubj", "nsubjpass"}
                for a in reader.actors(c)
            ]
        people: list[Arg] = []
        if tok.dep_ == "amod" and head.lower_ in _PERSON_NOUNS:
            # "Baghdad-based analyst X", "X, a Singapore-based analyst" (not "X, director
            # of Y, a Brussels-based think-tank": only nouns for people say it of a person)
            if head.dep_ == "compound":
                m = reader.mention(head.head)
                if m is not None and m.label_ == "Person":
                    people.append(reader.arg(m))
            people += [o for o in owners if o.span.label_ == "Person"]
        for o in owners + people:
            if o.span.label_ in _ACTORS - {"Person"} or o in people:
                for pl in places:
                    yield Candidate(o, "presentIn", pl, "based")


def fronted_locative(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "In Iraq, a rocket fell near Taji Base": places of the clause lie in that country."""
    doc = sent.doc
    if len(sent) < 4 or sent[0].lower_ != "in":
        return
    country = reader.mention(sent[1])
    if country is None or country.label_ != "Country" or country.end >= sent.end:
        return
    if doc[country.end].text != ",":
        return
    for m in reader.in_sentence(sent):
        if country.end < m.start < sent.end and m.label_ in {"Place", "Facility"}:
            yield Candidate(reader.arg(m), "locatedIn", reader.arg(country), "fronted_locative")


def verb_location(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """An armed actor acting "in/within" a place is present there: "ISIS ... within Syria"."""
    for verb in sent:
        gerund = verb.dep_ == "acl" and verb.lower_.endswith("ing")  # "a coalition fighting in"
        if verb.pos_ != "VERB" and not gerund:
            continue
        objs = [c for c in verb.children if c.dep_ == "dobj" and reader.mention(c) is None]
        pobjs = [p for h in (verb, *objs) for p in _pobjs(h, {"in", "within", "inside", "across"})]
        # "runs a caliphate across swathes of Iraq and Syria", "in parts of Y"
        pobjs += [q for p in pobjs if p.lower_ in TERRITORY_NOUNS for q in _pobjs(p, {"of"})]
        places = [
            a for p in pobjs for a in reader.actors(p) if a.span.label_ in {"Country", "Place"}
        ]
        if not places or assertion_factor(verb) == 0:  # the cheap test first
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        # "(the remnants that) continue its violent predation within Syria": the owner of
        # what the verb carries on is the actor when no other actor is its subject
        # (not "the US condemned ISIS's attack in Paris")
        agents += (
            []
            if agents
            else [a for o in objs for c in o.children if c.dep_ == "poss" for a in reader.actors(c)]
        )
        agents = [
            a for a in agents if a.span.label_ in {"ArmedGroup", "MilitaryForce", "Coalition"}
        ]
        for a in agents:
            for pl in places:
                yield Candidate(a, "presentIn", pl, "verb_location")


def _province(noun: Token, reader: SentenceReader) -> Span | None:
    """The place a place noun names with its compound: "Homs province", "the Idlib region"."""
    if noun.lower_ not in PLACE_NOUNS:
        return None
    for c in noun.children:
        if c.dep_ in {"compound", "nmod"} and c.i < noun.i:
            m = reader.mention(c)
            if m is not None and m.label_ == "Place":
                return m
    return None


def _listed(m: Span) -> bool:
    """ "Leicester, Somerset, Basingstoke", "Dundee East and West, South West Edinburgh":
    a name after a comma or a conjunction continues a list."""
    return m.start >= 1 and m.doc[m.start - 1].lower_ in {",", "and", "or"}


#: organisations whose "in PLACE" inside their own noun phrase names their seat
_SEATED = frozenset({"Organization", "GovernmentBody", "MediaOrganization"})


#: verbs of saying whose addressee's "in PLACE" gives where it was said
_SPEECH_VERBS = frozenset("tell speak talk say explain confirm give".split())


def _addressee(tok: Token) -> bool:
    """ "told Reuters in Baghdad", "spoke to Reuters in Baghdad": the one spoken to."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "to":
        head = head.head
    elif tok.dep_ not in {"dobj", "dative"}:
        return False
    return head.pos_ == "VERB" and head.lemma_.lower() in _SPEECH_VERBS


def _other_actor_between(m: Span, prep: Token, reader: SentenceReader) -> bool:
    """Another actor named between ``m`` and the preposition after it: "the Houthis in
    Yemen, Hezbollah in Lebanon and Hamas in Gaza" (the parser may hang every "in" on the
    second item)."""
    if prep.i < m.end:
        return False
    for other in reader.in_sentence(m.sent):
        if m.end <= other.start < prep.i and other.label_ in _ACTORS - {"Country"}:
            return True
    return False


def _item_before(prep: Token, reader: SentenceReader) -> Span | None:
    """The armed actor named just before ``prep`` as a later item of a list ("..., Hamas
    in Gaza"), or None."""
    for other in reader.in_sentence(prep.sent):
        if other.end == prep.i and other.label_ in _DEPLOYABLE and _listed(other):
            return other
    return None


def locatives(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    doc = sent.doc
    for m in reader.in_sentence(sent):
        if not (sent.start <= m.start < sent.end):
            continue
        # "Kirkuk, Iraq" (comma-apposed larger place)
        if (
            m.label_ in {"Place", "Facility"}
            and m.end + 1 < sent.end
            and doc[m.end].text == ","
            and not _listed(m)
        ):
            nxt = reader.mention(doc[m.end + 1])
            if (
                nxt is not None
                and nxt.start == m.end + 1
                and nxt.label_ in {"Country", "Place"}
                and nxt.root.pos_ != "PRON"  # "Yugansk, its main unit"
                # "in Edinburgh, Wales Secretary Peter Hain", "O2, Britain's operator",
                # "with Labour, Britain will ...": the name starts another phrase
                and nxt.root.dep_ not in {"nsubj", "nsubjpass", "compound", "poss", "dobj"}
                and not _in_list(nxt, reader)
            ):
                yield Candidate(reader.arg(m), "locatedIn", reader.arg(nxt), "locative")
        heads = [m.root]
        if (
            m.label_ in _DEPLOYABLE
            and m.root.dep_ == "dobj"
            and m.end < sent.end
            and doc[m.end].lower_ == "in"
            and doc[m.end].head == m.root.head
        ):
            heads.append(m.root.head)  # "backs the Houthis in Yemen" (the "in" on the verb)
        if m.root.dep_ in {"compound", "nmod"} and m.root.head.lower_ in DESCRIPTOR_TYPES:
            heads.append(m.root.head)  # "the Wagner militia in Libya"
        for p in (p for h in heads for p in _pobjs(h, {"in", "inside", "within"})):
            if _other_actor_between(m, p.head, reader):
                # "Hezbollah in Lebanon and Hamas in Gaza": each item its own place
                last = _item_before(p.head, reader)
                if last is not None and m.label_ in _DEPLOYABLE:
                    for where in reader.actors(p):
                        if where.span.label_ in {"Country", "Place", "Facility"}:
                            yield Candidate(reader.arg(last), "presentIn", where, "presence")
                continue
            if m.label_ in {"Place", "Facility"}:
                # no coordination here: "Kabul in Afghanistan and Pyongyang in ..."
                place = reader.mention(p) or _province(p, reader)
                if place is not None and place.label_ in {"Country", "Place"}:
                    where = reader.arg(place)
                    # "the Shayrat air base in Homs province" (the province's name)
                    yield Candidate(reader.arg(m), "locatedIn", where, "locative")
            elif m.label_ in _DEPLOYABLE:
                for where in reader.actors(p):
                    if where.span.label_ in {"Country", "Place", "Facility"}:
                        yield Candidate(reader.arg(m), "presentIn", where, "presence")
            elif (
                m.label_ in _SEATED
                and p.head.head == m.root
                and m.root.dep_ != "conj"
                and not any(c.dep_ == "conj" for c in m.root.children)  # "A in X and B in Y"
                and not _addressee(m.root)  # "told Reuters in Baghdad": where it was said
            ):
                # "the Foreign Ministry in Baghdad", "Drexel Burnham Inc. in New York":
                # an organisation's seat, named inside its own noun phrase
                place = reader.mention(p)
                if place is not None and place.label_ in {"Place", "Country"}:
                    yield Candidate(reader.arg(m), "presentIn", reader.arg(place), "seat")
    # "facilities controlled by KH in Iraq", "a US base in Kirkuk", "KH has bases in Syria"
    for tok in sent:
        if tok.lemma_ not in _SITE_NOUNS and tok.lower_ not in _SITE_NOUNS:
            continue
        places = [a for p in _pobjs(tok, {"in", "inside", "within"}) for a in reader.actors(p)]
        for c in tok.children:
            if c.dep_ == "acl":
                places += [a for p in _pobjs(c, {"in"}) for a in reader.actors(p)]
                for ag in c.children:
                    if ag.dep_ == "agent":
                        for pobj in ag.children:
                            places += [a for p in _pobjs(pobj, {"in"}) for a in reader.actors(p)]
        if not places:
            continue
        owners = reader.site_owners(tok)
        for c in tok.children:  # "a training camp in Somalia belonging to the Shabab"
            if c.dep_ == "acl" and c.lower_ in {"belonging", "run", "operated", "used"}:
                owners += [
                    a
                    for p in _pobjs(c, {"to", "by"})
                    for a in reader.actors(p)
                    if a.span.label_ in _ACTORS - {"Person"}
                ]
        if tok.dep_ == "dobj" and tok.head.lemma_ in {"have", "maintain", "operate", "control"}:
            owners += [a for c in tok.head.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        for o in owners:
            for pl in places:
                if pl.span.label_ in _PLACES:
                    yield Candidate(o, "presentIn", pl, "presence")
    # "the Green Zone, where the US embassy is located"
    for tok in sent:
        if tok.lemma_ in {"locate", "situate", "base", "station"} and tok.dep_ == "relcl":
            if not any(c.lower_ == "where" for c in tok.children):
                continue
            site = reader.mention(tok.head)
            for c in tok.children:
                if c.dep_ in {"nsubjpass", "nsubj"} and site is not None:
                    for a in reader.actors(c):
                        rel = "locatedIn" if a.span.label_ in {"Place", "Facility"} else "presentIn"
                        yield Candidate(a, rel, reader.arg(site), "where_located")


# -- places named through a common noun: "the Yemeni port city of Hodeidah" ------------

#: common nouns that name a kind of place ("the town of X", "X, a city in Y")
PLACE_NOUNS = frozenset(
    "city cities town towns village villages port district province region suburb "
    "neighbourhood neighborhood governorate county enclave island quarter municipality "
    "oblast settlement capital".split()
)
#: place nouns where "the A <noun> of B" comes in either order ("the Baghdad suburb of
#: Nahrawan" / "the Sheikh Maqsoud district of Aleppo")
_PARTITIVE_NOUNS = frozenset(
    "district province region suburb neighbourhood neighborhood governorate county "
    "quarter municipality oblast".split()
)
_CONTAINERS = frozenset({"Place", "Country"})
#: "dubbed/called X's Y": a name given, not a place
_NAMING_VERBS = frozenset("dub call label nickname brand describe liken compare".split())
#: last words that make a name a place's: "Idlib province", "Baghdad airport"
_PLACE_HEADS = PLACE_NOUNS | {
    w for w, kind in DESCRIPTOR_TYPES.items() if kind in {"Place", "Facility"}
}
_NAMED_PLACES = frozenset({"Place", "Facility"})


def _as_place(arg: Arg, reader: SentenceReader) -> Arg:
    """A capital read as its state where it is a place: "Baghdad's Green Zone", "the
    Baghdad suburb of X", "seized Kabul" (the city, not the country)."""
    span = arg.span
    if span.label_ != "Country" or reader.gazetteer is None or span.root.i in reader.demonyms:
        return arg
    for match in reader.gazetteer.lookup_all(span.text):
        if match.kind in {"name", "alias"} and match.entry.type == "Place":
            city = Span(span.doc, span.start, span.end, label="Place", kb_id=match.entry.key)
            return Arg(city, arg.factor)
    return arg


def _place_args(tok: Token, reader: SentenceReader, types: Set[str]) -> list[Arg]:
    """Named places a noun phrase headed by ``tok`` gives ("Aleppo", "Hama province")."""
    found = reader.actors(tok)
    if not found and tok.lower_ in PLACE_NOUNS:  # "the Syrian town of al-Qusayr"
        found = [a for p in _pobjs(tok, {"of"}) for a in reader.actors(p)]
        named = _province(tok, reader)  # "Homs province"
        if named is not None:
            found.append(reader.arg(named))
    args = [_as_place(a, reader) for a in found]
    return [a for a in args if a.span.label_ in types]


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


#: parts of a place that lie inside it: "the north of Syria", "the eastern side of Libya"
_SIDE_NOUNS = frozenset("side north south east west centre center part".split())


def _containers(noun: Token, reader: SentenceReader, named: Span) -> list[Arg]:
    """Larger places a place noun is put in by its modifiers: "the Syrian town",
    "Nigeria's largest city", "the Baghdad suburb", "a city in Anbar province"."""
    out: list[Arg] = []
    for c in noun.children:
        if c.dep_ in {"amod", "compound", "nmod", "poss"} and c.i < noun.i:
            m = reader.named_or_demonym(c)
            if m is None or m.label_ not in _CONTAINERS or named.start <= c.i < named.end:
                continue
            if (
                c.dep_ in {"compound", "nmod"}
                and m.root.i not in reader.demonyms
                and _as_place(reader.arg(m), reader).span.label_ != "Country"
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
                    if m is not None and m.label_ in _NAMED_PLACES:
                        named.append((m, True))
            elif c.dep_ == "appos" or (c.dep_ == "compound" and c.i > noun.i):
                m = reader.mention(c)
                if m is not None and m.label_ in _NAMED_PLACES:
                    named.append((m, False))
        if noun.dep_ == "appos":  # "Ramadi, the capital of Anbar province"
            m = reader.mention(noun.head)
            if m is not None and m.label_ in _NAMED_PLACES:
                named.append((m, False))
        for m, after_of in named:
            if m.start <= noun.i < m.end:
                continue  # the noun is part of the name: "Anbar province"
            for box in _containers(noun, reader, m):
                yield Candidate(reader.arg(m), "locatedIn", box, "place_noun")
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
                if pair is not None and pair[1].label_ in _CONTAINERS:
                    inner, outer = pair
                    yield Candidate(reader.arg(inner), "locatedIn", reader.arg(outer), "place_noun")


def possessed_places(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Baghdad's Green Zone", "Syria's Idlib province" -> locatedIn."""
    for m in reader.in_sentence(sent):
        if m.label_ not in _NAMED_PLACES:
            continue
        if not m.kb_id_.startswith("gaz:") and m.root.lower_ not in _PLACE_HEADS:
            continue  # "China's Baoshan" may be a company the model took for a place
        if m.root.head.lemma_ in _NAMING_VERBS:
            continue  # "dubbed Britain's Guantanamo Bay" is a comparison
        for c in m.root.children:
            if c.dep_ != "poss" or m.start <= c.i < m.end:
                continue
            for owner in _place_args(c, reader, _CONTAINERS):
                if owner.span.kb_id_ != m.kb_id_:
                    yield Candidate(reader.arg(m), "locatedIn", owner, "place_noun")


# -- holding ground: capture, control, strongholds, forces in a place ------------------

#: armed actors and states: who captures, holds and controls ground
_HOLDERS = _DEPLOYABLE | {"Country"}
_TARGET_PLACES = frozenset({"Place", "Facility", "Country"})
#: "X captured Y": the verb, or verb + particle, whose object is a place taken
CAPTURE_VERBS = frozenset("capture seize overrun recapture retake liberate annex".split())
#: "took control of Y", "seized control of Y"
_CONTROL_PHRASE_VERBS = frozenset("take seize gain regain wrest assume".split())
#: "X kept control of Y", "X retains control over Y": presence without a new attack
_KEEP_CONTROL_VERBS = frozenset("keep retain maintain have exercise exert".split())
#: "X controls Y", "X holds parts of Y", "X occupies Y"
CONTROL_VERBS = frozenset("control hold occupy".split())
#: a verb's predicative complement: "held X responsible", "held them hostage"
_PREDICATIVE = frozenset({"oprd", "acomp", "xcomp", "ccomp", "attr"})
#: "X-held Y", "X-controlled Y"
_HELD_WORDS = frozenset("held controlled occupied dominated run".split())
#: how much of a place an actor controls: "swathes of Iraq", "parts of Syria"
TERRITORY_NOUNS = frozenset(
    "swathes swaths swathe swath parts part areas area much most territory territories "
    "land lands stretches stretch chunks chunk pockets pocket half portion portions "
    "north south east west centre center outskirts".split()
)
STRONGHOLD_NOUNS = frozenset("stronghold strongholds bastion bastions heartland".split())
#: a group's people or acts that put it in a place: "Hezbollah fighters in Syria",
#: "Hezbollah's operations in Syria", "PIJ targets in Gaza"
PRESENCE_NOUNS = frozenset(
    "fighters militants troops soldiers forces units operations operation presence "
    "personnel positions targets commanders members advisers advisors deployment "
    "garrison militiamen gunmen offensive offensives".split()
)


def _past_participle(verb: Token) -> bool:
    """ "Mosul, captured by ISIS in 2014": a participle modifying the place it names."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def _taken_places(verb: Token, reader: SentenceReader, passive: bool) -> list[Arg]:
    """The places a capture or control verb takes: its object ("seized Hodeidah", "took
    control of Hodeidah", "captured the city of Mosul", "controls swathes of Iraq")."""
    if _past_participle(verb):
        objs = [verb.head]
    elif passive:
        objs = [c for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}]
    else:
        objs = [c for c in verb.children if c.dep_ == "dobj"]
    places: list[Arg] = []
    for obj in objs:
        if obj.i in reader.demonyms or obj.lower_ in PRESENCE_NOUNS:
            continue  # "Britons held by the US" are people, not ground
        named = _place_args(obj, reader, _TARGET_PLACES)
        if named:
            places += named
            continue
        if obj.lower_ in PLACE_NOUNS | {"control"} | TERRITORY_NOUNS:
            # "the city of Mosul", "control of Mosul", "swathes of northern Iraq"
            preps = {"of", "over"} if obj.lower_ == "control" else {"of"}
            if obj.lower_ in TERRITORY_NOUNS:
                preps = {"of", "in"}
            for p in _pobjs(obj, preps):
                places += _place_args(p, reader, _TARGET_PLACES)
    return places


def _group_of(tok: Token, reader: SentenceReader) -> list[Arg]:
    """The actors a noun phrase names, or whose people it names ("Houthi fighters")."""
    found = reader.actors(tok)
    if found or tok.lower_ not in PRESENCE_NOUNS:
        return found
    return [
        reader.arg(m)
        for c in tok.children
        if c.dep_ in {"poss", "compound", "nmod", "amod"}
        for m in [reader.named_or_demonym(c)]
        if m is not None
    ]


def _holders(verb: Token, reader: SentenceReader) -> tuple[list[Arg], bool]:
    """Who captures or controls, and whether the verb is passive ("Y, taken by X")."""
    by = [
        p
        for c in verb.children
        if c.dep_ in {"agent", "prep"} and c.lower_ == "by"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    objects = any(c.dep_ == "dobj" for c in verb.children)
    if _past_participle(verb) or (by and not _has_aux(verb) and not objects):
        # "Mosul, captured by ISIS" (also when the parser makes Mosul the subject)
        return [a for p in by for a in _group_of(p, reader) if a.span.label_ in _HOLDERS], True
    agents, passive = agents_of(verb, reader)
    if not agents:
        subjects = by if passive else _subjects(verb)
        agents = [a for c in subjects for a in _group_of(c, reader)]
    # "it has led offensives, recapturing Ramadi": a pronoun's group is too often wrong here
    return [a for a in agents if a.span.label_ in _HOLDERS and not _pronoun(a)], passive


def _subjects(verb: Token) -> list[Token]:
    """A verb's subject tokens, shared along coordination ("X captured A and took B")."""
    node = verb
    for _ in range(4):
        subs = [c for c in node.children if c.dep_ == "nsubj"]
        if subs or node.dep_ not in {"conj", "xcomp"}:
            return subs
        node = node.head
    return []


def _pronoun(arg: Arg) -> bool:
    """An argument that is a pronoun resolved by coreference ("it", "they", "his")."""
    return arg.span.root.pos_ == "PRON"


def _has_aux(verb: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def captures(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X captured/seized/overran/recaptured Y", "X took control of Y", "Y was seized by
    X", "Y, captured by X" -> X attacked Y and X presentIn Y."""
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        dobjs = [c for c in verb.children if c.dep_ == "dobj"]
        phrase = lemma in _CONTROL_PHRASE_VERBS and any(o.lower_ == "control" for o in dobjs)
        over = lemma == "take" and any(
            c.dep_ == "prt" and c.lower_ == "over" for c in verb.children
        )
        if lemma not in CAPTURE_VERBS and not phrase and not over:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = _holders(verb, reader)
        places = _taken_places(verb, reader, passive)
        for a in agents:
            for pl in places:
                yield Candidate(a, "attacked", pl, "capture", factor)
                yield Candidate(a, "presentIn", pl, "capture", factor)


def control(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hamas, which controls Gaza", "X holds swathes of Y", "Y, controlled by X",
    "X-held Y", "Y, under the control of X" -> X presentIn Y."""
    doc = sent.doc
    for verb in sent:
        lemma = verb.lemma_.lower()
        kept = lemma in _KEEP_CONTROL_VERBS and any(
            c.dep_ == "dobj" and c.lower_ == "control" for c in verb.children
        )
        if verb.pos_ == "VERB" and (lemma in CONTROL_VERBS or kept):
            if verb.lower_ in _HELD_WORDS and verb.i >= 2 and doc[verb.i - 1].text == "-":
                continue  # "X-held": below
            if any(c.dep_ in _PREDICATIVE for c in verb.children):
                continue  # "held Britain responsible", "held them hostage"
            factor = assertion_factor(verb)
            if factor == 0:
                continue
            agents, passive = _holders(verb, reader)
            places = _taken_places(verb, reader, passive)
            if verb.lemma_.lower() == "hold":  # a state "held" is a meeting or a claim
                places = [pl for pl in places if pl.span.label_ != "Country"]
            for a in agents:
                for pl in places:
                    yield Candidate(a, "presentIn", pl, "control", factor)
    for tok in sent:
        holders: list[Arg] = []
        held: list[Arg] = []
        if tok.lower_ in _HELD_WORDS and tok.i >= 2 and doc[tok.i - 1].text == "-":
            m = reader.named_or_demonym(doc[tok.i - 2])  # "Houthi-held Hodeidah"
            if m is not None:
                holders = [reader.arg(m)]
            head = tok.head
            held = _place_args(head, reader, _TARGET_PLACES)
            if not held and head.lower_ in PLACE_NOUNS:  # "the ISIS-held city of Mosul"
                held = [
                    a for p in _pobjs(head, {"of"}) for a in _place_args(p, reader, _TARGET_PLACES)
                ]
        elif tok.lower_ == "control" and tok.dep_ == "pobj" and tok.head.lower_ == "under":
            # "Ramadi, under the control of Islamic State", "Y remains under Houthi control"
            holders = [a for p in _pobjs(tok, {"of"}) for a in reader.actors(p)]
            holders += [
                reader.arg(m)
                for c in tok.children
                if c.dep_ in {"poss", "compound", "amod", "nmod"}
                for m in [reader.named_or_demonym(c)]
                if m is not None
            ]
            site = tok.head.head
            if site.pos_ in {"VERB", "AUX"}:
                if assertion_factor(site) == 0:
                    continue
                subjects = [c for c in site.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
                held = [a for c in subjects for a in _place_args(c, reader, _TARGET_PLACES)]
            else:
                held = _place_args(site, reader, _TARGET_PLACES)
        for a in holders:
            if a.span.label_ in _HOLDERS:
                for pl in held:
                    yield Candidate(a, "presentIn", pl, "control")


def strongholds(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Falluja, an Islamic State stronghold", "Hezbollah's stronghold of Dahiyeh",
    "X's stronghold in south Beirut" -> X presentIn the place."""
    for noun in sent:
        if noun.lower_ not in STRONGHOLD_NOUNS:
            continue
        owners = [
            reader.arg(m)
            for c in noun.children
            if c.dep_ in {"poss", "compound", "nmod", "amod"}
            for m in [reader.named_or_demonym(c)]
            if m is not None and m.label_ in _DEPLOYABLE
        ]
        if not owners:
            continue
        places = [
            a for p in _pobjs(noun, {"of", "in"}) for a in _place_args(p, reader, _TARGET_PLACES)
        ]
        places += [
            a
            for c in noun.children
            if c.dep_ == "appos"
            for a in _place_args(c, reader, _TARGET_PLACES)
        ]
        if noun.dep_ == "appos":
            places += _place_args(noun.head, reader, _TARGET_PLACES)
        if noun.dep_ == "attr" and noun.head.lemma_ == "be" and assertion_factor(noun.head):
            places += [
                a
                for c in noun.head.children
                if c.dep_ == "nsubj"
                for a in _place_args(c, reader, _TARGET_PLACES)
            ]
        for o in owners:
            for pl in places:
                yield Candidate(o, "presentIn", pl, "stronghold")


#: presence nouns for an actor's people, who may be named after them ("troops of X")
_FORCE_PEOPLE = frozenset(
    "fighters militants troops soldiers forces units personnel militiamen gunmen "
    "peacekeepers".split()
)
#: "forces belonging to X", "fighters loyal to X"
_BELONGING = frozenset({"belonging", "loyal", "allied"})


def presence_nouns(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hezbollah fighters in Syria", "Hezbollah's operations in Syria", "PIJ targets in
    Gaza" -> presentIn (the group's own people or acts are there)."""
    for noun in sent:
        if noun.lower_ not in PRESENCE_NOUNS or noun.pos_ not in {"NOUN", "PROPN"}:
            continue  # PROPN: a headline's capitals ("Kill 150 Shabab Fighters in Somalia")
        own = reader.mention(noun)
        if own is not None and own.label_ in _DEPLOYABLE:
            continue  # "US troops" is a force of its own: locatives reads it
        owners = [a for a in _group_of(noun, reader) if a.span.label_ in _HOLDERS]
        if own is not None and own.label_ in _HOLDERS:
            owners.append(reader.arg(own))  # "Iranian targets"
        heads = [noun, noun.head] if noun.dep_ == "dobj" else [noun]  # "struck X targets in Y"
        if not owners and noun.lower_ in _FORCE_PEOPLE:
            # "forces belonging to the African Union in Somalia", "troops of the AU in Y",
            # "fighters loyal to Haftar in Benghazi"
            links = [c for c in noun.children if c.dep_ in {"acl", "amod"}]
            links = [c for c in links if c.lower_ in _BELONGING]
            named = [
                p
                for h in [noun, *links]
                for p in _pobjs(h, {"of", "to"} if h is not noun else {"of"})
            ]
            owners = [
                a
                for p in named
                for a in reader.actors(p)
                if a.span.label_ in _HOLDERS | {"InternationalOrganization", "Person"}
            ]
            heads += links + named  # "forces belonging to the AU in Somalia" (on "AU")
        places = [
            a
            for h in heads
            for p in _pobjs(h, {"in", "inside", "within", "across"})
            for a in _place_args(p, reader, _TARGET_PLACES)
        ]
        for o in owners:
            for pl in places:
                if o.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(o, "presentIn", pl, "presence_noun")


# -- people and forces going somewhere: visits, landings, entries, deployments ---------

#: "X visited Y", "X toured Y": the object is the place
VISIT_VERBS = frozenset("visit tour".split())
#: "X arrived in Y", "X landed at Y", "X travelled to Y": the preposition's object
ARRIVAL_VERBS: dict[str, frozenset[str]] = {
    "arrive": frozenset({"in", "at"}),
    "land": frozenset({"in", "at"}),
    "travel": frozenset({"to"}),
    "fly": frozenset({"to", "into"}),
}
#: "X troops entered Y", "X forces pushed into Y": armed actors only
ENTRY_VERBS: dict[str, frozenset[str]] = {
    "enter": frozenset(),
    "push": frozenset({"into"}),
    "advance": frozenset({"into"}),
    "move": frozenset({"into"}),
    "march": frozenset({"into"}),
    "roll": frozenset({"into"}),
    "cross": frozenset({"into"}),
}
#: "X staged troops in Y", "Y, where X has massed troops": verb + a force noun
STAGING_VERBS = frozenset("stage mass amass position deploy station keep have maintain".split())
#: who visits besides people: organisations, not states ("Americans who visit Cuba")
_VISITORS = _ACTORS - {"Country", "Person"}
#: words that make a visit a plan, not a fact
_FUTURE_WORDS = frozenset({"will", "shall", "'ll", "to", "would"})
_VISIT_NOUNS = frozenset({"visit", "trip"})
_PLANNED = frozenset(
    "planned upcoming proposed possible future forthcoming expected scheduled "
    "postponed cancelled canceled".split()
)


def _realised(verb: Token) -> float:
    """The assertion factor of a movement that happened (not "will visit", "plans to go")."""
    node = verb
    for _ in range(4):
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _FUTURE_WORDS for c in node.children):
            return 0.0
        if node.dep_ not in {"conj", "xcomp"} or node.head == node:
            break
        node = node.head
    return assertion_factor(verb)


def visits(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X visited Cairo", "X arrived in Baghdad", "X landed at Y", "X was invited to Y",
    "X's visit to Y" -> X presentIn the place (per the guidelines, visiting is presence)."""
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        invited = lemma == "invite" and any(c.dep_ == "auxpass" for c in verb.children)
        if lemma not in VISIT_VERBS and lemma not in ARRIVAL_VERBS and not invited:
            continue
        factor = _realised(verb)
        if factor == 0:
            continue
        if lemma in VISIT_VERBS:
            objs = [c for c in verb.children if c.dep_ == "dobj"]
        else:
            preps = {"to"} if invited else ARRIVAL_VERBS[lemma]
            objs = list(_pobjs(verb, preps))
        places = [a for o in objs for a in _place_args(o, reader, _TARGET_PLACES)]
        if not places:
            continue
        if invited:
            agents = [a for c in verb.children if c.dep_ == "nsubjpass" for a in reader.actors(c)]
            factor *= 0.8
        else:
            agents, passive = agents_of(verb, reader)
            if passive:
                continue
            # "X visited Cairo with Y": the companions went too
            agents += [
                a
                for p in _pobjs(verb, {"with"})
                for a in reader.actors(p)
                if a.span.label_ == "Person"
            ]
        for a in agents:
            if a.span.label_ == "Person" or (a.span.label_ in _VISITORS and not _pronoun(a)):
                for pl in places:
                    if a.span.kb_id_ != pl.span.kb_id_:
                        yield Candidate(a, "presentIn", pl, "visit", factor)
    for noun in sent:  # "Pompeo's visit to Baghdad", "a visit by Pompeo to Baghdad"
        if noun.lower_ not in _VISIT_NOUNS or noun.pos_ != "NOUN":
            continue
        if any(c.lower_ in _PLANNED for c in noun.children):
            continue
        if noun.head.pos_ == "VERB" and _realised(noun.head) == 0:
            continue
        visitors = [a for c in noun.children if c.dep_ == "poss" for a in reader.actors(c)] + [
            a for p in _pobjs(noun, {"by"}) for a in reader.actors(p)
        ]
        places = [a for p in _pobjs(noun, {"to"}) for a in _place_args(p, reader, _TARGET_PLACES)]
        for a in visitors:  # "his visit": a possessive pronoun is too often someone else
            if a.span.label_ in _VISITORS | {"Person"} and not _pronoun(a):
                for pl in places:
                    yield Candidate(a, "presentIn", pl, "visit")


def _forces(verb: Token, reader: SentenceReader) -> list[Arg]:
    """The forces a staging verb moves: "staged troops" (the agent's), "deployed US troops"."""
    objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    named = [a for o in objs for a in reader.actors(o) if a.span.label_ in _DEPLOYABLE]
    if named:
        return named
    if not any(o.lower_ in FORCE_NOUNS or o.lemma_ in FORCE_NOUNS for o in objs):
        return []
    agents, _ = agents_of(verb, reader)
    return [a for a in agents if a.span.label_ in _HOLDERS]


def movements(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Turkish troops entered Syria", "X pushed into Y", "X staged troops in Y",
    "Y, where X has massed troops" -> presentIn."""
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        if lemma not in ENTRY_VERBS and lemma not in STAGING_VERBS:
            continue
        factor = _realised(verb)
        if factor == 0:
            continue
        if lemma in ENTRY_VERBS:
            agents, passive = _holders(verb, reader)
            if passive:
                continue
            preps = ENTRY_VERBS[lemma]
            objs = (
                list(_pobjs(verb, preps))
                if preps
                else [c for c in verb.children if c.dep_ == "dobj"]
            )
            places = [a for o in objs for a in _place_args(o, reader, _TARGET_PLACES)]
        else:
            agents = _forces(verb, reader)
            places = [
                a
                for p in _pobjs(verb, {"in", "to", "into", "at", "inside"})
                for a in _place_args(p, reader, _TARGET_PLACES)
            ]
            if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
                here = reader.mention(verb.head)  # not its conjuncts: "A, where ..., and B"
                if here is not None and here.label_ in _TARGET_PLACES:
                    places.append(_as_place(reader.arg(here), reader))
            if lemma in {"have", "keep", "maintain"} and verb.dep_ != "relcl":
                continue  # "X has troops in Y" is read by locatives
        for a in agents:
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "movement", factor)


#: "X withdrew its troops from Y", "X pulled forces out of Y": the forces were there
WITHDRAWAL_VERBS = frozenset("withdraw pull evacuate".split())


def _from_places(verb: Token, reader: SentenceReader) -> list[Arg]:
    """ "from Y", "out of Y" after a verb."""
    objs = list(_pobjs(verb, {"from"}))
    objs += [p for out in verb.children if out.lower_ == "out" for p in _pobjs(out, {"of"})]
    return [a for o in objs for a in _place_args(o, reader, _TARGET_PLACES)]


def withdrawals(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X withdrew its troops from Y", "prepared to pull its troops out of Iraq", "X
    withdrew from Y" -> X presentIn Y (the withdrawal presupposes the presence, even
    when it is only threatened or planned)."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in WITHDRAWAL_VERBS:
            continue
        places = _from_places(verb, reader)
        if not places:
            continue
        objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        if objs:
            who = _forces(verb, reader)
        else:  # "Russia withdrew from Syria"
            agents, _ = agents_of(verb, reader)
            who = [a for a in agents if a.span.label_ in _HOLDERS]
        for a in who:
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "withdrawal")


#: "X launched attacks from Y", "X masterminded operations from Y": acting from a place
_ACT_FROM_VERBS = frozenset(
    "launch fire mastermind direct operate command orchestrate coordinate plot "
    "attack strike shell broadcast".split()
)
#: "in a speech from Najaf, X said": a speaker's own address
_SPEECH_NOUNS = frozenset("speech address sermon broadcast".split())
_MEETING_NOUNS = frozenset("meeting meetings talks summit".split())


def acts_from(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X launched attacks on Israel from Lebanon", "X operates from Y", "in a televised
    speech from Najaf, X said" -> X presentIn the place it acts from."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ACT_FROM_VERBS:
            continue
        factor = _realised(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        places = _from_places(verb, reader)
        for a in agents:
            if a.span.label_ in _ACTORS - {"Country"} and not _pronoun(a):
                for pl in places:
                    if a.span.kb_id_ != pl.span.kb_id_:
                        yield Candidate(a, "presentIn", pl, "acts_from", factor)
    for noun in sent:
        if noun.lower_ not in _SPEECH_NOUNS or noun.pos_ != "NOUN":
            continue
        places = [
            a
            for p in _pobjs(noun, {"from", "in", "at"})
            for a in _place_args(p, reader, {"Place", "Facility"})
        ]
        if not places:
            continue
        speakers = [a for c in noun.children if c.dep_ == "poss" for a in reader.actors(c)]
        prep = noun.head
        if noun.dep_ == "pobj" and prep.lower_ in {"in", "during"} and prep.head.pos_ == "VERB":
            verb = prep.head  # "In a speech from Najaf, Sadr said"
            if assertion_factor(verb) == 0:
                continue
            speakers += [a for c in verb.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        for a in speakers:
            if a.span.label_ == "Person":
                for pl in places:
                    yield Candidate(a, "presentIn", pl, "acts_from")


def meetings(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X met Y in Cairo", "X and other jihadists meeting in Ajdabiya", "X held talks with
    Y in Moscow" -> the people and groups who met are present there."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        talks = lemma in {"hold", "attend"} and any(
            c.dep_ == "dobj" and c.lower_ in _MEETING_NOUNS for c in verb.children
        )
        if verb.pos_ != "VERB" or (lemma not in {"meet", "gather", "inspect"} and not talks):
            continue
        factor = _realised(verb)
        if factor == 0:
            continue
        heads = [verb] + [
            c
            for c in verb.children
            if c.dep_ == "dobj" and (c.lower_ in _MEETING_NOUNS or lemma == "inspect")
        ]  # "inspected troops inside the Green Zone"
        places = [
            a
            for h in heads
            for p in _pobjs(h, {"in", "at", "inside"})
            for a in _place_args(p, reader, _TARGET_PLACES)
        ]
        if not places:
            continue
        if verb.dep_ in {"xcomp", "acl"} and verb.tag_ == "VBG":
            # "targeted X and other jihadists meeting in Y", "leaders meeting in Y"
            host = verb.head if verb.dep_ == "acl" else None
            if verb.dep_ == "xcomp":
                host = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            people = reader.actors(host) if host is not None else []
        else:
            people, passive = agents_of(verb, reader)
            if passive:
                continue
            if lemma == "inspect":
                people = [a for a in people if a.span.label_ == "Person"]
            if lemma == "meet":
                people += [a for c in verb.children if c.dep_ == "dobj" for a in reader.actors(c)]
            people += [a for h in heads for p in _pobjs(h, {"with"}) for a in reader.actors(p)]
        for a in people:
            if a.span.label_ in _ACTORS - {"Country"} and not _pronoun(a):
                for pl in places:
                    if a.span.kb_id_ != pl.span.kb_id_:
                        yield Candidate(a, "presentIn", pl, "meeting", factor)


def meeting_nouns(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Putin's meeting with Erdogan in Sochi", "X joined Y during meetings with Z in
    Damascus" -> the people at the meeting are present where it was held."""
    for noun in sent:
        if noun.lower_ not in _MEETING_NOUNS or noun.pos_ != "NOUN":
            continue
        if any(c.lower_ in _PLANNED for c in noun.children):
            continue
        withs = list(_pobjs(noun, {"with"}))
        places = [
            a
            for h in [noun, *withs]
            for p in _pobjs(h, {"in", "at"})
            for a in _place_args(p, reader, _TARGET_PLACES)
        ]
        if not places:
            continue
        people = [a for c in noun.children if c.dep_ == "poss" for a in reader.actors(c)]
        people += [a for p in withs for a in reader.actors(p)]
        prep = noun.head
        if noun.dep_ == "pobj" and prep.lower_ in {"during", "at", "after"}:
            verb = prep.head
            if verb.pos_ != "VERB" or _realised(verb) == 0:
                continue
            people += [
                a
                for c in verb.children
                if c.dep_ in {"nsubj", "dobj"}
                for a in reader.actors(c)
                if a.span.label_ == "Person"
            ]
        elif noun.head.pos_ in {"VERB", "AUX"} and _realised(noun.head) == 0:
            continue
        for a in people:
            if a.span.label_ in _ACTORS - {"Country"} and not _pronoun(a):
                for pl in places:
                    if a.span.kb_id_ != pl.span.kb_id_:
                        yield Candidate(a, "presentIn", pl, "meeting")


#: "killed in an attack in Syria": events whose place is where the victim was
_DEATH_EVENTS = frozenset(
    "attack attacks strike strikes airstrike airstrikes raid raids bombing blast explosion "
    "ambush shelling clash clashes fighting battle assault".split()
)


def killed_in(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X was killed in Syria", "X, who was killed by a bomb in Damascus", "X was killed
    in an attack in Syria", "X died in Y" -> X presentIn Y (the victim was there)."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in {"kill", "die", "assassinate", "wound", "injure"}:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        if lemma == "die":
            victims = [a for c in verb.children if c.dep_ == "nsubj" for a in _group_of(c, reader)]
        elif any(c.dep_ == "auxpass" for c in verb.children):
            victims = [
                a for c in verb.children if c.dep_ == "nsubjpass" for a in _group_of(c, reader)
            ]
        elif _past_participle(verb):  # "a commander killed in Syria"
            victims = _group_of(verb.head, reader)
        else:
            continue
        # "three personnel were killed, including two US troops, ..."
        victims += [a for p in _pobjs(verb, {"including"}) for a in _group_of(p, reader)]
        victims = [a for a in victims if a.span.label_ in {"Person"} | _DEPLOYABLE]
        if not victims:
            continue
        verbs = [verb]
        if not any(True for _ in _pobjs(verb, {"in", "at", "inside"})):
            # "X were killed and 10 wounded in an attack on Y": the place is shared
            verbs += [
                c
                for c in verb.children
                if c.dep_ == "conj" and c.lemma_.lower() in {"kill", "wound", "injure"}
            ]
        heads = list(verbs)
        heads += [
            p
            for v in verbs
            for p in _pobjs(v, {"in", "by"})
            if p.lower_ in _DEATH_EVENTS or p.pos_ == "NOUN"
        ]
        places = [
            a
            for h in heads
            # "killed in a rocket attack on Taji": the victims were at the target
            for p in _pobjs(
                h, {"in", "at", "inside"} | ({"on"} if h.lower_ in _DEATH_EVENTS else set())
            )
            for a in _place_args(p, reader, _TARGET_PLACES)
        ]
        for v in victims:
            for pl in places:
                yield Candidate(v, "presentIn", pl, "killed_in", factor)


#: "the battle against Islamic State in Syria": a campaign fought where the enemy is
_CAMPAIGN_NOUNS = frozenset(
    "battle battles fight war campaign offensive operations operation struggle".split()
)


def campaigns_against(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the battle against Islamic State in Syria", "the war on the Taliban in
    Afghanistan" -> the armed group fought there is present there."""
    for noun in sent:
        if noun.lower_ not in _CAMPAIGN_NOUNS or noun.pos_ != "NOUN":
            continue
        if noun.head.pos_ in {"VERB", "AUX"} and assertion_factor(noun.head) == 0:
            continue
        enemies = [
            a
            for p in _pobjs(noun, {"against", "on"})
            for a in reader.actors(p)
            if a.span.label_ == "ArmedGroup" and not _pronoun(a)
        ]
        if not enemies:
            continue
        places = [
            a
            for p in _pobjs(noun, {"in", "inside", "within", "across"})
            for a in _place_args(p, reader, _TARGET_PLACES)
        ]
        for e in enemies:  # "against Islamic State in Syria" (the parser may attach it there)
            places += [
                a
                for p in _pobjs(e.span.root, {"in", "inside", "within"})
                for a in _place_args(p, reader, _TARGET_PLACES)
            ]
        for e in enemies:
            for pl in places:
                yield Candidate(e, "presentIn", pl, "campaign_against")


# -- datelines: "KYIV/MARIUPOL, Ukraine (Reuters) -" -----------------------------------

_DATELINE_ENDS = frozenset({"(", "-", "—", "–", ",", ":"})


def _line_start(tok: Token) -> bool:
    doc = tok.doc
    return tok.i == 0 or "\n" in doc[tok.i - 1].text or "\n" in doc[tok.i - 1].whitespace_


def _caps(tok: Token) -> bool:
    return tok.is_alpha and tok.is_upper and len(tok.text) >= 2


def _dateline_city(toks: list[Token], reader: SentenceReader) -> Arg | None:
    """The place an upper-case dateline name stands for ("KYIV", "SANAA", "GAZA CITY")."""
    doc = toks[0].doc
    start, end = toks[0].i, toks[-1].i + 1
    m = reader.mention(toks[-1])
    if m is not None and m.start == start and m.end == end:
        arg = _as_place(reader.arg(m), reader)
        return arg if arg.span.label_ == "Place" else None
    if m is not None:
        return None
    name = " ".join(t.text for t in toks).title()
    if reader.gazetteer is not None:
        for match in reader.gazetteer.lookup_all(name):
            if match.kind in {"name", "alias"} and match.entry.type == "Place":
                return Arg(Span(doc, start, end, label="Place", kb_id=match.entry.key))
    entities = doc._.actor_entities or {}
    for key, ent in entities.items():  # named again later in the article: "Mariupol"
        if ent.type == "Place" and name.casefold() in {ent.label.casefold()} | {
            a.casefold() for a in ent.aliases
        }:
            return Arg(Span(doc, start, end, label="Place", kb_id=key))
    return None


def datelines(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "KYIV/MARIUPOL, Ukraine (Reuters) -", "SANAA, Yemen -": each dateline city lies in
    the place after it."""
    doc = sent.doc
    for tok in sent:
        if not (_caps(tok) and _line_start(tok)):
            continue
        cities: list[list[Token]] = [[]]
        i = tok.i
        while i < sent.end and (_caps(doc[i]) or doc[i].text == "/"):
            if doc[i].text == "/":
                cities.append([])
            else:
                cities[-1].append(doc[i])
            i += 1
        if i + 2 >= len(doc) or doc[i].text != ",":
            continue
        country = reader.mention(doc[i + 1])
        if country is None or country.start != i + 1 or country.label_ not in _CONTAINERS:
            continue
        if country.end >= len(doc) or doc[country.end].text not in _DATELINE_ENDS:
            continue
        for toks in cities:
            city = _dateline_city(toks, reader) if toks else None
            if city is not None and city.span.kb_id_ != country.kb_id_:
                yield Candidate(city, "locatedIn", reader.arg(country), "dateline")


PATTERNS = (
    home_to,
    verb_location,
    fronted_locative,
    based,
    locatives,
    place_nouns,
    possessed_places,
    captures,
    control,
    strongholds,
    presence_nouns,
    visits,
    movements,
    withdrawals,
    killed_in,
    acts_from,
    meetings,
    meeting_nouns,
    datelines,
    campaigns_against,
)
CONFIDENCE = {
    "place_noun": 0.85,
    "capture": 0.8,
    "control": 0.8,
    "stronghold": 0.8,
    "presence_noun": 0.75,
    "visit": 0.8,
    "movement": 0.8,
    "withdrawal": 0.8,
    "killed_in": 0.75,
    "dateline": 0.9,
    "campaign_against": 0.75,
    "seat": 0.7,
    "acts_from": 0.75,
    "meeting": 0.75,
}
