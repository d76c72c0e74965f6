"""Titles set off beside a name: "X, spokeswoman for Y", "One of the PMF commanders, X",
"the foreign ministers of A, B and C -- X, Y and Z" (one each, in order). Titles in the
words before a name are read in ``titles``."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import DESCRIPTOR_TYPES, TITLE_RELATIONS
from .army_titles import is_army_title
from .demotion import _demote
from .sentence import (
    _NOT_EMPLOYER,
    _ORG_TYPES,
    Arg,
    Candidate,
    SentenceReader,
)
from .titles import (
    _ENVOY_TITLES,
    _PAST_FACTOR,
    _PORTFOLIO_TITLES,
    _against_prefix,
    _beside_a_body,
    _for_state,
    _past,
    _portfolio_of,
    _title_relation,
    _unit_head_of,
    named_people,
)

#: titles whose "for <country>" is their brief, not their employer: "the UN's special envoy
#: for Sudan", "the Secretary-General's special representative for Sierra Leone"
_BRIEF_TITLES = frozenset(
    "envoy envoys representative representatives emissary coordinator rapporteur".split()
)


def appositive_titles(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for person in named_people(sent, reader):
        yield from _appos_title(person, reader)


def _appos_title(person: Span, reader: SentenceReader) -> Iterator[Candidate]:
    root = person.root
    titles: list[Token] = [
        c
        for c in root.children
        if c.dep_ == "appos"
        or (
            c.dep_ == "conj"
            and c.lower_ in TITLE_RELATIONS
            # "Mr Bush and the UK premier", "X and the Palestinian leader, Y": another person
            and not any(
                g.dep_ in {"det", "poss"}
                or (g.dep_ == "appos" and (g.ent_type_ == "PERSON" or _names_person(g, reader)))
                for g in c.children
            )
        )
    ]
    if root.dep_ == "appos":
        titles.append(root.head)
        titles += _title_before_place(root, reader)
    first = root
    while first.dep_ == "conj" and first.head != first:
        first = first.head  # "the ministers of A and B -- X and Y": Y's title is X's
    named_first = first.pos_ == "PROPN" and not any(c.dep_ == "det" for c in first.children)
    if first is not root and named_first and first.dep_ == "appos" and first.head.tag_ == "NNS":
        titles.append(first.head)  # a plural title: "the commanders, A and B"
    doc = person.doc
    for title in titles:
        if is_army_title(title, reader):
            continue  # "Gambia's army chief, X": the country's forces (army_chiefs)
        factor = _PAST_FACTOR if _past(title) else 1.0  # "X, a former army officer"
        lefts = [c for c in title.lefts if c.dep_ in {"compound", "amod"}]
        toks = [*lefts, title]
        if lefts and lefts[-1].i == title.i - 2 and doc[title.i - 1].text == "-":
            toks.insert(-1, doc[title.i - 1])  # "the Polisario's secretary-general" split
        if (
            title.i + 2 < len(doc)
            and doc[title.i + 1].text == "-"
            and (doc[title.i + 2] in titles or doc[title.i + 2].head == title)
        ):
            toks += [doc[title.i + 1], doc[title.i + 2]]  # "the HDP's co-chair" split in three
        found = _title_relation(toks)
        if found is None:
            continue
        left_words = [t for left in title.lefts for t in left.subtree]
        relation = _demote(found[0], [*left_words, title], found[1], reader)
        orgs: list[Arg] = []
        # "adviser on Iraq", "cleric in Iraq", "ambassador in Washington": topic or
        # location, not the organisation the person works for; but "an official in
        # Hezbollah" works for it
        skip = {
            t.i
            for p in title.children
            if p.dep_ == "prep" and p.lower_ in _NOT_EMPLOYER
            for t in p.subtree
            if not (p.lower_ == "in" and _names_org(t, reader))
        }
        # "an analyst and retired army officer": the past office says nothing now
        skip |= {t.i for c in title.children if c.dep_ == "conj" and _past(c) for t in c.subtree}
        # "the leader of X, which has run Y since the collapse of the Soviet Union": a
        # relative clause tells of X, not of the post
        skip |= {t.i for c in title.subtree if c.dep_ == "relcl" for t in c.subtree}
        skip |= {t.i for t in title.subtree if _against_prefix(t)}  # "anti-Soviet commander"
        # "a spokesman for the U.N. operation in Somalia": where the body works, not whom
        # the person works for; "the special envoy for Sudan": the envoy's brief
        skip |= {
            t.i
            for p in title.subtree
            if p.dep_ == "prep"
            and (
                (p.lower_ == "in" and p.head.i != title.i)
                or (p.lower_ == "for" and p.head.i == title.i and title.lower_ in _BRIEF_TITLES)
            )
            for t in p.subtree
            if (m := reader.mention(t)) is not None and m.label_ in {"Country", "Place"}
        }
        if title.lower_ in _PORTFOLIO_TITLES:  # "Secretary of State for Culture, Media"
            skip |= {
                t.i
                for p in title.subtree
                if p.dep_ == "prep" and p.lower_ == "for"
                for t in p.subtree
            }
            skip |= {t.i for t in title.subtree if t.text == "State"}
        # the title the name hangs on holds the name's own appositions in its subtree:
        # "Northern Ireland's First Minister, X, the leader of the UUP" (UUP is the leader's)
        own = {t.i for t in person}
        if title.i == root.head.i:
            own |= {t.i for c in root.children if c.dep_ == "appos" for t in c.subtree}
        for c in title.subtree:
            if c.i in own or c.i in skip:
                continue
            m = reader.mention(c)
            if (
                m is not None
                and m.label_ in _ORG_TYPES | {"Country"}
                and m.kb_id_ != person.kb_id_
                and not _portfolio_of(m)
            ) and all(o.span.kb_id_ != m.kb_id_ for o in orgs):
                orgs.append(reader.arg(m))
        # "an Iraqi commander in Islamic State": beside a named organisation, the
        # demonym is a nationality
        if not any(o.span.label_ != "Country" for o in orgs):
            for d in reader.doc.spans.get("demonyms", []):
                if (
                    d.root.head == title
                    and d.root.dep_ in {"amod", "compound"}  # "The Croatian Defence Minister"
                    and not _against_prefix(d[0])
                ):
                    orgs.append(reader.arg(d))
        if any(o.span.label_ != "Country" for o in orgs):
            # "E&Y's UK head of tax": the country is the scope of the post at the firm
            orgs = [o for o in orgs if not _scope(o, title)]
        if title.lower_ in _ENVOY_TITLES:
            orgs = orgs[:1]
        orgs = _respectively(root, first, title, orgs)
        for org in orgs[:2]:
            rel = _beside_a_body(_for_state(relation, org, found[1]), org, orgs[:2])
            if rel is None:
                continue
            if rel == "memberOf" and _heads(title, org):
                rel = "leaderOf"
            elif rel == "leaderOf" and (_seat(title, org) or _heads_function(title)):
                rel = "affiliatedWith"  # "head of tax at X", "X's UK head of tax"
            elif rel == "leaderOf" and _heads_unit_of(title, org):
                rel = "memberOf"  # "the chairman of the MCB's affairs committee"
            rel = _unit_head_of(rel, found[0], org)
            yield Candidate(reader.arg(person), rel, org, "appos_title", factor)


def _title_before_place(root: Token, reader: SentenceReader) -> list[Token]:
    """ "The UN special envoy for Afghanistan, X", "Iraq's ambassador to the UN, Y": a name
    the parse hung on the place or body after the title (no person is in apposition to a
    country, nor to the body one is posted to) is the title's."""
    place = root.head
    m = reader.mention(place)
    prep = place.head
    if (
        place.dep_ != "pobj"
        or m is None
        or not (
            (m.label_ in {"Country", "Place"} and prep.lower_ in {"for", "of", "to", "in"})
            or prep.lower_ in {"for", "to"}  # "ambassador to the UN, X": a post, not a name
        )
        or prep.head.pos_ != "NOUN"
        or prep.head.lower_ not in TITLE_RELATIONS
        # "Spain's director general for Europe, X": a head of a brief is an official
        or (prep.lower_ == "for" and TITLE_RELATIONS[prep.head.lower_] == "leaderOf")
        or any(c.lower_ in TITLE_RELATIONS for c in prep.head.lefts if c.dep_ == "compound")
    ):
        return []
    return [prep.head]


def _respectively(root: Token, first: Token, title: Token, orgs: list[Arg]) -> list[Arg]:
    """ "the foreign ministers of Russia, Iran and Turkey -- A, B and C": as many names as
    states, in the same order, pair one to one."""
    if first.dep_ != "appos" or first.head != title or title.tag_ != "NNS" or len(orgs) < 2:
        return orgs
    people = sorted([first, *(c for c in first.conjuncts if c.i > title.i)], key=lambda t: t.i)
    if root not in people:
        return orgs
    if len(people) != len(orgs) or any(o.span.label_ != "Country" for o in orgs):
        return orgs
    return [orgs[people.index(root)]]


def _scope(org: Arg, title: Token) -> bool:
    """Whether a country only modifies the title ("UK head of tax", "US director")."""
    root = org.span.root
    return (
        org.span.label_ == "Country"
        and root.head.i == title.i
        and root.dep_ in {"compound", "amod", "nmod"}
    )


#: descriptor nouns that also name a part of a body: "the Labour group on Newham Council"
_CAUCUS_WORDS = frozenset({"group", "faction", "bloc", "cell", "network", "wing"})


def _heads_unit_of(title: Token, org: Arg) -> bool:
    """ "the chairman of the MCB's public affairs committee", "chief of FAO's warning
    system": the organisation owns the unit the title heads."""
    root = org.span.root  # also "the head of the UN mission": the mission, not the UN
    unit = root.head
    if unit.dep_ == "compound" and unit.head.i == title.i:
        return False  # "NATO's secretary-general": a word of the title, not a unit
    kind = unit
    while kind.dep_ == "compound" and kind.head != kind:
        kind = kind.head
    if (
        root.dep_ == "compound"
        and kind.lower_ in DESCRIPTOR_TYPES
        and kind.lower_ not in _CAUCUS_WORDS  # "the Plaid Cymru group in the assembly"
        and not any(c.dep_ == "prep" for c in kind.children)  # "the Labour group on X"
    ):
        return False  # "the leader of the Shining Path guerrilla movement": the group itself
    return root.dep_ in {"poss", "compound"} and unit.i != title.i and unit.pos_ == "NOUN"


def _heads_function(title: Token) -> bool:
    """ "head of tax", "director of research at X": the title heads a function, named by a
    common noun after "of"."""
    return any(
        p.dep_ == "prep"
        and p.lower_ == "of"
        and o.dep_ == "pobj"
        and o.pos_ == "NOUN"
        and not any(c.dep_ in {"det", "poss"} for c in o.children)
        for p in title.children
        for o in p.children
    )


def _names_person(tok: Token, reader: SentenceReader) -> bool:
    m = reader.mention(tok)
    return m is not None and m.label_ == "Person"


def _names_org(tok: Token, reader: SentenceReader) -> bool:
    m = reader.mention(tok)
    return m is not None and m.label_ in _ORG_TYPES


def _seat(title: Token, org: Arg) -> bool:
    """Whether an organisation is where the head of something else works: "head of
    currency strategy at Bank X", "director of the Y Centre at Z University"."""
    node = org.span.root
    while node.i != title.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in {"at", "in"}:
            return True
        node = node.head
    return False


#: words that make a commander one of several: "the RSF's deputy commander", "their local
#: commander", "the Hezbollah military commander"
_NOT_HEAD_MODIFIERS = frozenset(
    "deputy assistant vice local field regional senior junior military battalion brigade "
    "unit sector district provincial".split()
)


def _heads(title: Token, org: Arg) -> bool:
    """ "the commander of the Quds Force", "ECOMOG's commander, X", "Its commander, Y": the
    one commander of a group is its head."""
    if title.lower_ != "commander":
        return False
    if any(c.lower_ in _NOT_HEAD_MODIFIERS for c in title.children if c.dep_ != "poss"):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "in" for c in title.children):
        return False  # "NATO's supreme commander in Europe": a region's, one of several
    root = org.span.root
    if root.dep_ == "poss" and root.head.i == title.i:
        return True  # "the Qassam Brigades' shadowy commander, X"
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in title.children) and (
        title.dep_ != "appos" or any(c.dep_ == "det" for c in title.children)
    ):
        return False  # "X, commander of Y" heads it as "the commander of Y" does
    if any(c.dep_ in {"amod", "compound", "nmod", "poss"} for c in title.children):
        return False  # "the field commander of", "the group's commander of the unit"
    return any(
        p.dep_ == "prep" and p.lower_ == "of" and org.span.root.head == p for p in title.children
    )


PATTERNS = (appositive_titles,)
