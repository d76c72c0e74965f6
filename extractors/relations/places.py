"""Where places lie and where actors are: "Kirkuk, Iraq", "US troops in Iraq", "a base
... home to US troops", "X-based", "In Iraq, ... Taji", "the Yemeni port city of
Hodeidah", "Iraq's Anbar province". Holding ground and presence are read in
``presence``, visits and meetings in ``visits``, datelines in ``datelines``."""

from __future__ import annotations

from collections.abc import Iterator, Set

from spacy.tokens import Span, Token

from ..lexicon import (
    DESCRIPTOR_TYPES,
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
    where_antecedent,
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
        places += [  # "based in the Ukrainian port of Sevastopol": the port named
            a
            for p in _pobjs(tok, {"in", "at"})
            for a in _place_args(p, reader, {"Place", "Country", "Facility"})
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


#: attacks made from afar: where they land says nothing of where the attacker is
_REMOTE_STRIKES = frozenset("strike bomb hit target shell bombard shoot fire launch".split())
#: ...and acts of diplomacy, done by delegates wherever talks are held
_NOT_PRESENCE = _REMOTE_STRIKES | frozenset(
    "sign agree meet negotiate talk announce say tell attend speak hold declare "
    # what is claimed, blamed or set off elsewhere: "claimed attacks on mosques in Sanaa",
    # "resumed firing rockets, triggering sirens in Israel"
    "claim accuse blame condemn deny report warn trigger impose".split()
)


#: weapons fired from afar: "a barrage of rockets ..., killing a woman in Y" puts no one in Y
_REMOTE_WEAPONS = frozenset(
    "rocket rockets missile missiles shell shells mortar mortars artillery barrage drone "
    "drones airstrike airstrikes warplanes jets".split()
)


def _fired_from_afar(clause: Token) -> bool:
    """Whether a clause names weapons fired from afar (not in a clause joined to it)."""
    stack = [clause]
    while stack:
        t = stack.pop()
        if t.lower_ in _REMOTE_WEAPONS:
            return True
        stack += [c for c in t.children if not (c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"})]
    return False


def verb_location(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """An armed actor acting "in/within" a place is present there: "ISIS ... within Syria"."""
    for verb in sent:
        gerund = verb.dep_ == "acl" and verb.lower_.endswith("ing")  # "a coalition fighting in"
        if (verb.pos_ != "VERB" and not gerund) or verb.lemma_.lower() in _NOT_PRESENCE:
            continue  # "jets struck targets in Yemen", "signed a deal in Cuba": no presence
        objs = [c for c in verb.children if c.dep_ == "dobj" and reader.mention(c) is None]
        pobjs = [p for h in (verb, *objs) for p in _pobjs(h, {"in", "within", "inside", "across"})]
        # "runs a caliphate across swathes of Iraq and Syria", "in parts of Y"
        pobjs += [q for p in pobjs if p.lower_ in TERRITORY_NOUNS for q in _pobjs(p, {"of"})]
        places = [
            a for p in pobjs for a in reader.actors(p) if a.span.label_ in {"Country", "Place"}
        ]
        if not places or assertion_factor(verb) == 0:  # the cheap test first
            continue
        if verb.lemma_.lower() in {"kill", "wound", "injure"} and _fired_from_afar(verb.head):
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


#: "in/from/near A in B": A's preposition, the second always "in"
_CHAIN_PREPS = frozenset({"in", "from", "to", "into", "at", "inside", "near"})


def _chained(m: Span, reader: SentenceReader) -> Span | None:
    """The place B of "in A in B" when the second "in" follows A's phrase on the same verb
    ("stormed a school in Chibok in Borno state", "withdrew from X province in Y")."""
    node = m.root
    if node.dep_ == "compound" and node.head.lower_ in PLACE_NOUNS:
        node = node.head  # "from Cabo Delgado province in ..."
    prep, end = node.head, node.right_edge.i + 1
    if node.dep_ != "pobj" or prep.lower_ not in _CHAIN_PREPS:
        return None
    nxt = m.doc[end] if end < m.sent.end else None
    heads = {prep.head, node} | ({prep.head.head} if prep.lower_ == "in" else set())
    if nxt is None or nxt.lower_ != "in" or nxt.head not in heads:
        return None  # "a school in Chibok in Borno" may hang the second "in" on the verb
    for p in nxt.children:
        box = reader.mention(p) or _province(p, reader) if p.dep_ == "pobj" else None
        if box is None or box.label_ not in {"Place", "Country"} or box.kb_id_ == m.kb_id_:
            continue
        if not any(c.dep_ == "conj" for c in p.children):  # "in A in B and C in D"
            return box
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
        box = _chained(m, reader) if m.label_ in {"Place", "Facility"} else None
        if box is not None:  # "in Chibok in Borno state", "from X province in northern Y"
            yield Candidate(reader.arg(m), "locatedIn", reader.arg(box), "locative")
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
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            continue  # "Hezbollah has no bases in Syria"
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
            site = reader.mention(where_antecedent(tok.head, reader))
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
    "oblast settlement capital state valley forest peninsula suburbs districts "
    "provinces regions".split()
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
    if not found and tok.lower_ in TERRITORY_NOUNS | _LAND_NOUNS:
        # "the Qandil mountains of northern Iraq", "parts of Syria", "the north of Mali",
        # "much of northern Yemen including Sanaa"
        found = [
            a
            for p in _pobjs(tok, {"of"})
            for q in (p, *_pobjs(p, {"including"}))
            for a in reader.actors(q)
        ]
    if not found and tok.lower_ in PLACE_NOUNS:  # "the Syrian town of al-Qusayr"
        found = [a for p in _pobjs(tok, {"of"}) for a in reader.actors(p)]
        named = _province(tok, reader)  # "Homs province"
        if named is not None:
            found.append(reader.arg(named))
    args = [_as_place(a, reader) for a in found]
    return [a for a in args if a.span.label_ in types]


#: how much of a place an actor controls: "swathes of Iraq", "parts of Syria" (``presence`` too)
TERRITORY_NOUNS = frozenset(
    "swathes swaths swathe swath parts part areas area much most territory territories "
    "land lands stretches stretch chunks chunk pockets pocket half portion portions "
    "north south east west centre center outskirts strip strips corridor belt tract "
    "tracts streets".split()
)


#: land features a place lies among: "the mountains of northern Iraq"
_LAND_NOUNS = frozenset("mountains mountain hills forests forest jungle desert plains".split())


PATTERNS = (
    home_to,
    verb_location,
    fronted_locative,
    based,
    locatives,
)
CONFIDENCE = {
    "place_noun": 0.85,
    "seat": 0.7,
}
