"""Titles and offices: "PMU leader X", "Iraqi President X", "X, spokeswoman for Y",
"Secretary of State X"; titles whose state comes from the article ("BAGHDAD -
Prime Minister X", see ``context``); and leaders named by what they hold ("under the
leadership of X", "Sadr's militia")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from ..lexicon import (
    DEPUTY_WORDS,
    DESCRIPTOR_TYPES,
    MULTIWORD_TITLES,
    OFFICE_BODIES,
    TITLE_RELATIONS,
)
from ..normalize import fold
from .assertion import assertion_factor
from .context import doc_context
from .sentence import (
    _ACTORS,
    _NOT_EMPLOYER,
    _ORG_TYPES,
    Arg,
    Candidate,
    SentenceReader,
    _demote,
    _pobjs,
    _portfolio,
    agents_of,
)

#: titles the shared lexicon lacks: co-heads lead ("PYD co-chair X"), abbreviated
#: military ranks make a member ("Brig. Gen. X")
_EXTRA_TITLES: dict[str, str] = {
    **dict.fromkeys(
        "chair chairs co-chair co-chairman co-chairwoman co-leader".split(), "leaderOf"
    ),
    **dict.fromkeys(
        "gen gen. brig brig. col col. lt lt. maj maj. capt capt. sgt sgt. adm adm. "
        "major-general brigadier brigadier-general".split(),
        "memberOf",
    ),
    # occupations held at an employer: "X, a lobbyist with Y", "Y anchorman X"
    **dict.fromkeys(
        "lobbyist lobbyists anchor anchorman anchorwoman physician surgeon psychologist "
        "sociologist physiologist anthropologist archaeologist astronomer geologist "
        "meteorologist forecaster epidemiologist prosecutor investigator curator librarian "
        "instructor coordinator administrator supervisor planner strategist "
        "pollster statistician pilot".split(),
        "affiliatedWith",
    ),
}
#: titles whose holder is sent to a place: "UN Yemen envoy X" works for the UN, not Yemen
_ENVOY_TITLES = frozenset({"envoy", "envoys", "ambassador", "ambassadors", "emissary"})
#: words that put a title in the past: the holder no longer holds it
_PAST_WORDS = frozenset({"former", "retired", "ex", "ex-", "erstwhile", "onetime"})
#: country of each office in ``OFFICE_BODIES`` (all of them are offices of the US government)
_OFFICE_COUNTRY = "united-states"
#: offices in ``OFFICE_BODIES`` that other states have too (Britain's Attorney General)
_SHARED_OFFICES = frozenset({"attorney general", "national security adviser"})
#: honorifics of British peers and knights: "Attorney General Lord Goldsmith" is British
_BRITISH_HONORIFICS = frozenset({"lord", "baroness", "lady", "sir", "dame"})
#: titles whose "for" phrase is a portfolio or a seat, not an employer:
#: "Secretary of State for Culture", "MP for Hornsey and Wood Green"
_PORTFOLIO_TITLES = frozenset(
    {"secretary", "secretaries", "minister", "ministers", "mp", "mps", "member", "members"}
)


def titles(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for person in reader.in_sentence(sent):
        if person.label_ != "Person" or not (sent.start <= person.start < sent.end):
            continue
        if (person.start, person.end) in reader.coref:
            continue
        person = _trim(person)
        # title words before the name, inside the same noun phrase
        yield from _pre_title(person, sent, reader)
        # appositive titles: "X, spokeswoman for Y", "One of the PMF commanders, X"
        yield from _appos_title(person, reader)
        # "the BBC's Barbara Plett Usher": a reporter of the outlet
        yield from _media_possessive(person, reader)


def _media_possessive(person: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """A news outlet's person ("the BBC's X says", "CNN's X reported") works for it.

    Only a speaker: "speaking to the BBC's Westminster Hour" names a programme.
    """
    if person.root.dep_ not in {"nsubj", "nsubjpass"}:
        return
    for c in person.root.children:
        if c.dep_ != "poss":
            continue
        m = reader.mention(c)
        if m is not None and m.label_ == "MediaOrganization" and m.kb_id_ != person.kb_id_:
            yield Candidate(reader.arg(person), "affiliatedWith", reader.arg(m), "media_possessive")


def _title_relation(toks: list[Token]) -> tuple[str, Token] | None:
    """The relation a title among ``toks`` gives its holder, and the title's head word.

    "Deputy leader" and "vice chairman" hold office under the head: affiliatedWith.
    """
    for i, t in enumerate(toks):
        found: tuple[str, Token] | None = None
        if t.lower_ == "co" and i + 2 < len(toks) and toks[i + 1].text == "-":
            rel = _EXTRA_TITLES.get("co-" + toks[i + 2].lower_)
            if rel:  # "co-chair", tokenised "co", "-", "chair"
                return rel, t
        if i + 1 < len(toks):
            key = MULTIWORD_TITLES.get((t.lower_, toks[i + 1].lower_))
            if key:
                found = TITLE_RELATIONS[key], toks[i + 1]
        if found is None:
            rel = TITLE_RELATIONS.get(t.lower_) or TITLE_RELATIONS.get(t.lemma_.lower())
            nxt = toks[i + 1].lower_ if i + 1 < len(toks) else ""
            if (
                rel == "leaderOf"
                and t.lower_ in {"chief", "head"}
                and (nxt in TITLE_RELATIONS or nxt in _EXTRA_TITLES)
            ):
                continue  # "Chief Secretary X", "chief economist X": the next word is the title
            if rel and t.pos_ in {"NOUN", "PROPN"}:
                found = rel, t
            elif t.lower_ == "pm" or t.text == "PM":
                found = "leaderOf", t
            elif t.lower_ in _EXTRA_TITLES and t.pos_ in {"NOUN", "PROPN"}:
                found = _EXTRA_TITLES[t.lower_], t
        if found is None:
            continue
        if found[0] == "leaderOf" and any(
            x.lower_ in DEPUTY_WORDS for x in toks[max(0, i - 2) : i]
        ):
            return "affiliatedWith", found[1]
        return found
    return None


def _trim(person: Span) -> Span:
    """The name without punctuation or line breaks the entity ran into ("Assad.\\n")."""
    end = person.end
    while end > person.start + 1 and (person.doc[end - 1].is_punct or person.doc[end - 1].is_space):
        end -= 1
    if end == person.end:
        return person
    return Span(person.doc, person.start, end, label=person.label_, kb_id=person.kb_id_)


def _window(person: Span, sent: Span) -> list[Token]:
    """The words right before a name that belong to its noun phrase ("the PMU leader")."""
    if person.root.dep_ in {"compound", "poss", "amod"}:
        return []  # "the Obama administration": the name modifies something else
    attached = {t.i for t in person.root.subtree}
    i = person.start - 1
    window: list[Token] = []
    while i >= sent.start and len(window) < 8:
        t = sent.doc[i]
        inner = _parenthesis(t, sent, attached)
        if inner:  # "CHP (Republican People's Party) leader X": step over the gloss
            window[:0] = inner
            i = inner[0].i - 2
            continue
        if (
            t.i not in attached
            or t.text in {",", ";", ":", "(", ")", "[", "]", "—", "–"}
            or t.pos_ in {"VERB", "AUX", "SCONJ", "CCONJ", "PRON"}
            or (t.text in {"-", "--"} and t.whitespace_ and sent.doc[i - 1].whitespace_)
        ):  # a spaced dash ends a dateline: "TRIPOLI - President X"
            break
        window.insert(0, t)
        i -= 1
    return window


def _parenthesis(close: Token, sent: Span, attached: set[int]) -> list[Token]:
    """The words inside a short parenthesis that ends at ``close`` and belongs to the name's
    noun phrase ("(Republican People's Party)"); empty if ``close`` ends none."""
    if close.text != ")":
        return []
    j = close.i - 1
    while j > sent.start and close.i - j <= 6 and sent.doc[j].text != "(":
        j -= 1
    inner = list(sent.doc[j + 1 : close.i])
    if sent.doc[j].text != "(" or not inner or j - 1 < sent.start:
        return []
    if any(t.i not in attached or t.text in {"(", ")", ","} for t in inner):
        return []
    return inner


def _after(person: Span) -> list[Token]:
    """Words of "of"/"for"/"at" phrases on the name: "Deputy leader X of Hamas"."""
    return [
        t
        for p in person.root.children
        if p.dep_ == "prep" and p.lower_ in {"of", "for", "at"}
        for t in p.subtree
    ]


def _pre_title(person: Span, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """Titles in the words right before a name that depend on it ("PMU leader X")."""
    window = _window(person, sent)
    if not window:
        return
    # "former PM X": a past office is still a fact of the record (the gold standards annotate
    # it) but the graph has no time, so it is marked by a lower confidence
    past = any(t.lower_ in _PAST_WORDS or t.lower_.startswith("ex-") for t in window)
    for cand in _pre_title_facts(person, window, reader):
        yield replace(cand, factor=cand.factor * _PAST_FACTOR) if past else cand


#: confidence multiplier for an office the text says is past ("former", "retired", "ex-")
_PAST_FACTOR = 0.7


def _pre_title_facts(
    person: Span, window: list[Token], reader: SentenceReader
) -> Iterator[Candidate]:
    window = [t for t in window if t.lower_ not in _PAST_WORDS and not t.lower_.startswith("ex-")]
    office = _office(window, reader)
    if office is not None and not _us_office(office[0], window, person, reader):
        return
    if office is not None:
        body, office_toks = office
        window = [t for t in window if t.i not in office_toks]
        yield Candidate(reader.arg(person), "affiliatedWith", Arg(body), "office")
        country = _office_country(body, window, reader, person)
        if country is not None and fold(body.text) not in _SHARED_OFFICES:
            yield Candidate(reader.arg(person), "affiliatedWith", Arg(country), "office_country")
    found = _title_relation(window)
    if found is None:
        if office is not None:
            for org in _orgs_in(window, reader, person):
                if org.span.label_ == "Country":
                    yield Candidate(reader.arg(person), "affiliatedWith", org, "office")
        return
    relation, title = found
    relation = _demote(relation, window, title, reader)
    orgs = _orgs_in(window + _after(person), reader, person)
    if title.lower_ in _ENVOY_TITLES:
        orgs = orgs[:1]  # "UN Yemen envoy X", "U.S. Syria envoy X": the sender comes first
    for org in orgs:
        rel = _for_state(relation, org, title)
        if rel is not None:
            yield Candidate(reader.arg(person), rel, org, "title")


#: member titles of armed groups, not of a state: "an Algerian militant" gives a
#: nationality (GUIDELINES), where "Iranian Major General X" holds an office of Iran
_NON_STATE_MEMBERS = frozenset(
    "militant militants fighter fighters operative operatives member members jihadist "
    "jihadists insurgent insurgents rebel rebels gunman gunmen".split()
)


#: occupations, not offices: with a state they give a nationality ("a US lawyer", "an
#: Iraqi analyst"), where "US Attorney", "Iraqi official" and "Iraqi envoy" are offices
_OCCUPATIONS = frozenset(
    "analyst analysts scholar scholars researcher researchers fellow professor expert "
    "experts correspondent reporter editor lecturer economist economists lawyer lawyers "
    "engineer engineers employee employees worker workers staffer coach teacher "
    "scientist scientists ecologist physicist chemist biologist historian writer "
    "columnist producer consultant lobbyist anchor anchorman anchorwoman physician "
    "surgeon psychologist sociologist anthropologist archaeologist astronomer geologist "
    "meteorologist forecaster epidemiologist curator librarian instructor pollster "
    "statistician pilot businessman businesswoman".split()
)


def _for_state(relation: str, org: Arg, title: Token | None = None) -> str | None:
    """A state has no members: "Iranian Major General X" holds an office of Iran; "an
    Algerian militant" and "a US lawyer" hold none (None): a nationality."""
    if org.span.label_ != "Country" or title is None:
        return (
            "affiliatedWith"
            if relation == "memberOf" and org.span.label_ == "Country"
            else relation
        )
    if title.lower_ in _OCCUPATIONS or (
        relation == "memberOf" and title.lower_ in _NON_STATE_MEMBERS
    ):
        return None
    return "affiliatedWith" if relation == "memberOf" else relation


def _us_office(body: Span, window: list[Token], person: Span, reader: SentenceReader) -> bool:
    """Whether a US office in ``OFFICE_BODIES`` is the American one here.

    "Defence Secretary X" is British by its spelling; an office other states have too
    ("Attorney General") is American only in a story from the US or with "US" before it.
    """
    if "defence" in body.text.lower():
        return False
    if body.start > 0 and body.doc[body.start - 1].lower_ in {"chief", "shadow"}:
        return False  # "Chief Treasury Secretary", "Shadow Home Secretary": British posts
    us = f"gaz:{_OFFICE_COUNTRY}"
    if not body.text.lower().startswith("secretary of") and _other_state_acts(
        person.doc[person.start].sent, reader, us
    ):
        return False  # "Britain said ... 'I welcome this,' Defense Secretary X said"
    if fold(body.text) not in _SHARED_OFFICES:
        return True
    if person[0].lower_ in _BRITISH_HONORIFICS or (
        person.start > 0 and person.doc[person.start - 1].lower_ in _BRITISH_HONORIFICS
    ):
        return False
    ctx = doc_context(reader.doc, reader.gazetteer).dateline_country
    if ctx is not None and ctx.kb_id_ == us:
        return True
    return any(a.span.kb_id_ == us for a in _orgs_in(window, reader, person))


def _office_country(
    body: Span, window: list[Token], reader: SentenceReader, person: Span
) -> Span | None:
    """The state a US office belongs to ("Secretary of Defense X" -> the United States),
    unless the words name another country."""
    if reader.gazetteer is None or _OFFICE_COUNTRY not in reader.gazetteer:
        return None
    if any(a.span.label_ == "Country" for a in _orgs_in(window, reader, person)):
        return None
    entry = reader.gazetteer.entries[_OFFICE_COUNTRY]
    return Span(body.doc, body.start, body.end, label=entry.type, kb_id=entry.key)


def _office(window: list[Token], reader: SentenceReader) -> tuple[Span, set[int]] | None:
    """A known office in the words before a name: "Secretary of State", "Defense Secretary"."""
    if reader.gazetteer is None:
        return None
    words = [fold(t.text) for t in window]
    for i in range(len(window)):
        for j in range(len(window), i, -1):
            body = OFFICE_BODIES.get(" ".join(w for w in words[i:j] if w))
            if body is None:
                continue
            doc = window[0].doc
            end = window[j - 1].i + 1
            if end < len(doc) and doc[end].lower_ == "for":
                return None  # "Secretary of State for Defence": a British portfolio
            match = reader.gazetteer.lookup(body)
            if match is None:
                return None
            span = Span(
                doc,
                window[i].i,
                window[j - 1].i + 1,
                label=match.entry.type,
                kb_id=match.entry.key,
            )
            return span, {t.i for t in window[i:j]}
    return None


#: offices of a city or region: "London mayor X" is the city's, not the country's
_LOCAL_OFFICES = frozenset({"mayor", "governor", "councillor", "councilor", "alderman"})


def _capital_before_local_office(m: Span, reader: SentenceReader) -> bool:
    """Whether a country mention is its capital's name right before a local office."""
    doc = m.doc
    if m.label_ != "Country" or m.end >= len(doc) or doc[m.end].lower_ not in _LOCAL_OFFICES:
        return False
    if reader.gazetteer is None:
        return False
    return any(
        match.kind == "metonym" and match.entry.key == m.kb_id_
        for match in reader.gazetteer.lookup_all(m.text)
    )


def _orgs_in(toks: list[Token], reader: SentenceReader, person: Span) -> list[Arg]:
    seen: dict[str, Arg] = {}
    for t in toks:
        m = reader.named_or_demonym(t)
        if (
            m is not None
            and not _capital_before_local_office(m, reader)
            and m.kb_id_ != person.kb_id_
            and m.label_ in _ACTORS
            and m.label_ != "Person"
            and not _portfolio_of(m)
            and not _portfolio_name(m)
        ):
            seen.setdefault(m.kb_id_, reader.arg(m))
    return list(seen.values())


#: kinds of organisation no portfolio is taken for: "secretary of the People's Party"
_NOT_PORTFOLIOS = frozenset({"PoliticalGroup", "MediaOrganization", "ArmedGroup"})


def _portfolio_of(m: Span) -> bool:
    """A portfolio ("Secretary of Energy"), unless the name is a party, outlet or armed group."""
    return m.label_ not in _NOT_PORTFOLIOS and _portfolio(m)


def _portfolio_name(m: Span) -> bool:
    """An unknown name right before "Secretary"/"Minister" is a portfolio the model took
    for an organisation: "Trade and Industry Secretary X"."""
    doc = m.doc
    return (
        m.kb_id_.startswith("name:")
        and m.end < len(doc)
        and doc[m.end].lower_ in {"secretary", "minister"}
    )


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
    for title in titles:
        factor = _PAST_FACTOR if _past(title) else 1.0  # "X, a former army officer"
        lefts = [c for c in title.lefts if c.dep_ in {"compound", "amod"}]
        found = _title_relation([*lefts, title])
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
        if title.lower_ in _PORTFOLIO_TITLES:  # "Secretary of State for Culture, Media"
            skip |= {
                t.i
                for p in title.subtree
                if p.dep_ == "prep" and p.lower_ == "for"
                for t in p.subtree
            }
            skip |= {t.i for t in title.subtree if t.text == "State"}
        for c in title.subtree:
            if c.i in {t.i for t in person} or c.i in skip:
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
                if d.root.head == title and d.root.dep_ == "amod":
                    orgs.append(reader.arg(d))
        if any(o.span.label_ != "Country" for o in orgs):
            # "E&Y's UK head of tax": the country is the scope of the post at the firm
            orgs = [o for o in orgs if not _scope(o, title)]
        if title.lower_ in _ENVOY_TITLES:
            orgs = orgs[:1]
        for org in orgs[:2]:
            rel = _for_state(relation, org, found[1])
            if rel is None:
                continue
            if rel == "memberOf" and _heads(title, org):
                rel = "leaderOf"
            elif rel == "leaderOf" and (_seat(title, org) or _heads_function(title)):
                rel = "affiliatedWith"  # "head of tax at X", "X's UK head of tax"
            elif rel == "leaderOf" and _heads_unit_of(title, org):
                rel = "memberOf"  # "the chairman of the MCB's affairs committee"
            yield Candidate(reader.arg(person), rel, org, "appos_title", factor)


def _scope(org: Arg, title: Token) -> bool:
    """Whether a country only modifies the title ("UK head of tax", "US director")."""
    root = org.span.root
    return (
        org.span.label_ == "Country"
        and root.head.i == title.i
        and root.dep_ in {"compound", "amod", "nmod"}
    )


def _heads_unit_of(title: Token, org: Arg) -> bool:
    """ "the chairman of the MCB's public affairs committee", "chief of FAO's warning
    system": the organisation owns the unit the title heads."""
    root = org.span.root
    return root.dep_ == "poss" and root.head.i != title.i and root.head.pos_ in {"NOUN", "PROPN"}


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


def _past(title: Token) -> bool:
    """Whether a title is said to be held no longer ("former", "retired", "ex-")."""
    return any(
        c.lower_ in _PAST_WORDS or c.lower_.startswith("ex-")
        for c in title.children
        if c.dep_ in {"amod", "compound", "advmod"}
    ) or any(c.lower_ in {"ex", "ex-"} for c in title.lefts)


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


def _heads(title: Token, org: Arg) -> bool:
    """ "the commander of the Quds Force": the one commander of a group is its head."""
    if title.lower_ != "commander" or not any(
        c.dep_ == "det" and c.lower_ == "the" for c in title.children
    ):
        return False
    if any(c.dep_ in {"amod", "compound", "nmod", "poss"} for c in title.children):
        return False  # "the field commander of", "the group's commander"
    return any(
        p.dep_ == "prep" and p.lower_ == "of" and org.span.root.head == p for p in title.children
    )


#: titles of a head of state or government that need no organisation to be read
_HEAD_OF_STATE = frozenset(
    {"president", "prime minister", "premier", "king", "emir", "sultan", "supreme leader"}
)
#: portfolios of ministers and secretaries of a government ("Foreign Minister X")
_PORTFOLIOS = frozenset(
    "foreign home interior defence defense finance economy justice health education "
    "trade energy oil transport labour labor agriculture environment information culture "
    "industry water electricity planning intelligence communications security".split()
)
#: modifiers a bare state title may carry and still name the office
_TITLE_MODIFIERS = frozenset({"the", "acting", "interim", "caretaker", "incumbent", "new"})
_USER_DATA_KEY = "actorgraph.relations.titles.holders"


def context_titles(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """State titles that name no state, read with the article's country.

    "In Iraq, Prime Minister X said" (``fronted_title``) and, in a story datelined
    BAGHDAD, "Prime Minister X" and "Foreign Minister Y" (``context_title``): heads of
    state and government lead the country, ministers hold office in it. A person tied
    elsewhere in the article to another actor by a title, and a title that several people
    hold in the article, get nothing.
    """
    holders: _Holders | None = None
    for person in reader.in_sentence(sent):
        if person.label_ != "Person" or (person.start, person.end) in reader.coref:
            continue
        person = _trim(person)
        bare = _bare_title(person, sent, reader)
        if bare is None:
            continue
        relation, title = bare
        country = _fronted_country(person, sent, reader)
        extractor = "fronted_title"
        factor = 1.0
        if country is None:
            ctx = doc_context(reader.doc, reader.gazetteer)
            country = ctx.dateline_country
            extractor = "context_title"
            if country is not None and _other_state_acts(sent, reader, country.kb_id_):
                continue  # "TRIPOLI - ... Britain said ... Defense Secretary X said"
            if country is None and relation == "leaderOf":
                # the country named most, not the place the story is from: only heads
                # of state, as ministers of a region or a party read as the state's
                country = ctx.dominant_country
                factor = 0.9
                if country is not None and _other_country_named(sent, reader, country):
                    continue  # "President Bush ... America's over 65s" in a story on Japan;
                    # "the Pakistani president met Prime Minister X ... in London"
        if country is None:
            continue
        if holders is None:
            holders = _title_holders(reader)
        if not holders.may_hold(person.kb_id_, title, country.kb_id_):
            continue
        yield Candidate(reader.arg(person), relation, Arg(country), extractor, factor)


def _other_country_named(sent: Span, reader: SentenceReader, country: Span) -> bool:
    """Whether a sentence names a country (or its capital) other than this one: a title
    there may be the other state's."""
    return any(
        m is not None and m.label_ == "Country" and m.kb_id_ != country.kb_id_
        for t in sent
        for m in [reader.named_or_demonym(t)]
        if t.pos_ != "PRON"
    )


def _other_state_acts(sent: Span, reader: SentenceReader, country: str) -> bool:
    """Whether this sentence or the one before has another state as a clause's subject,
    and this sentence does not name ``country``: "Britain said it had authorised the
    strikes. 'I welcome this,' Defense Secretary X said" is Britain's secretary, whatever
    the dateline; so is "President X warned that Washington intended to act"."""
    doc = sent.doc
    spans = [sent]
    if sent.start > 0:
        spans.insert(0, doc[sent.start - 1].sent)
    named: set[str] = set()
    subjects: set[str] = set()
    for i, span in enumerate(spans):
        for t in span:
            m = reader.named_or_demonym(t)
            if m is None or m.label_ != "Country" or m[0].pos_ == "PRON":
                continue
            if i == len(spans) - 1:
                named.add(m.kb_id_)
            if m.root == t and t.dep_ in {"nsubj", "nsubjpass"}:
                subjects.add(m.kb_id_)
    return country not in named and bool(subjects - {country})


def _bare_title(person: Span, sent: Span, reader: SentenceReader) -> tuple[str, str] | None:
    """The relation and the title of a state office right before a name that names no
    organisation or state: "Prime Minister X" -> ("leaderOf", "prime minister")."""
    end = doc_context(reader.doc, reader.gazetteer).dateline_end
    window = [t for t in _window(person, sent) if t.idx >= end]  # not "BAGHDAD" itself
    if not window or any(
        (m := reader.named_or_demonym(t)) is not None
        and m.label_ in _ACTORS
        and not _portfolio_name(m)
        for t in window + _after(person)
    ):
        return None
    words = _title_words(window)
    deputy = bool(words) and words[0] in DEPUTY_WORDS | {"vice"}
    if deputy:
        words.pop(0)
    title = " ".join(words)
    if title in _HEAD_OF_STATE:
        return ("affiliatedWith" if deputy else "leaderOf"), title
    if (
        len(words) >= 2
        and words[-1] in {"minister", "secretary"}
        and all(w in _PORTFOLIOS for w in words[:-1])
    ) or title == "minister":
        return "affiliatedWith", title
    return None


def _title_words(window: list[Token]) -> list[str]:
    """The words of a title, without articles, possessives and modifiers: "the acting
    President" -> ["president"]."""
    words = [t.lower_ for t in window if t.lower_ not in {"'s", "’s"}]
    while words and words[0] in _TITLE_MODIFIERS:
        words.pop(0)
    return words


def _fronted_country(person: Span, sent: Span, reader: SentenceReader) -> Span | None:
    """The country of a fronted "In X," that sets the scene: "In the UK, Foreign Secretary Y"."""
    first = sent[0]
    if first.lower_ != "in" or first.dep_ != "prep":
        return None
    objs = [c for c in first.children if c.dep_ == "pobj"]
    if len(objs) != 1:
        return None
    m = reader.mention(objs[0])
    end = objs[0].right_edge.i + 1
    if m is None or m.label_ != "Country" or end >= sent.end or sent.doc[end].text != ",":
        return None
    if person.start <= end:
        return None
    return m


class _Holders:
    """Who holds which title in an article, and to which actor the title ties them."""

    def __init__(self) -> None:
        #: person key -> actors their titles name
        self.ties: dict[str, set[str]] = {}
        #: title -> (person key, actor key or "" when the title names none)
        self.titles: dict[str, set[tuple[str, str]]] = {}

    def may_hold(self, person: str, title: str, country: str) -> bool:
        if self.ties.get(person, set()) - {country}:
            return False  # "U.S. President X" elsewhere: not the dateline's president
        others = {(p, actor) for p, actor in self.titles.get(title, set()) if p != person}
        return not any(actor in {"", country} for _, actor in others)


def _title_holders(reader: SentenceReader) -> _Holders:
    cached = reader.doc.user_data.get(_USER_DATA_KEY)
    if isinstance(cached, _Holders):
        return cached
    holders = _Holders()
    for sent in reader.doc.sents:
        for person in reader.in_sentence(sent):
            if person.label_ != "Person" or (person.start, person.end) in reader.coref:
                continue
            person = _trim(person)
            window = _window(person, sent)
            tied = _orgs_in(window + _after(person), reader, person)
            for appos in person.root.children:
                if appos.dep_ == "appos":
                    tied += [
                        reader.arg(m)
                        for t in appos.subtree
                        for m in [reader.named_or_demonym(t)]
                        if m is not None and m.label_ in _ACTORS and m.kb_id_ != person.kb_id_
                    ]
            keys = {a.span.kb_id_ for a in tied}
            holders.ties.setdefault(person.kb_id_, set()).update(keys)
            named = {t.i for a in tied for t in a.span}
            title = " ".join(_title_words([t for t in window if t.i not in named]))
            for key in keys or {""}:
                holders.titles.setdefault(title, set()).add((person.kb_id_, key))
    reader.doc.user_data[_USER_DATA_KEY] = holders
    return holders


#: nouns of holding power: "under the leadership of X", "under X's rule"
_LEADERSHIP_NOUNS = frozenset({"leadership", "rule", "presidency", "premiership", "reign"})
#: what a person holds: "under the leadership of X" (states too), "Sadr's militia" (not
#: states: "Brown's Britain" is a book's title, not a head of government)
_LED_TYPES = frozenset(
    {"ArmedGroup", "PoliticalGroup", "Country", "Organization", "MediaOrganization"}
)
#: what a named person's possessive leads: "Sadr's militia", "Kilroy-Silk's Veritas Party"
#: (not "Cherie Blair's Matrix Chambers", where she works, nor "Brown's Budget")
_POSSESSED_TYPES = frozenset({"ArmedGroup", "PoliticalGroup"})


def _full_name(person: Span) -> bool:
    """Whether a person is known by a full name (a surname alone may be a company's)."""
    return person.kb_id_.startswith("gaz:") or " " in person.kb_id_.rsplit(":", 1)[-1]


def _framed_by(under: Token, reader: SentenceReader) -> Arg | None:
    """The actor an "under ..." phrase set off by commas follows: "Iraq, under X, ..."."""
    doc = under.doc
    end = under.right_edge.i + 1
    if under.i < 2 or doc[under.i - 1].text != "," or end >= len(doc) or doc[end].text != ",":
        return None
    m = reader.mention(doc[under.i - 2])
    if m is None or m.end != under.i - 1 or m.label_ not in _LED_TYPES:
        return None
    return reader.arg(m)


def leadership(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """Leaders named by what they hold rather than by a title.

    "Iraq, under the leadership of Saddam Hussein, invaded ..." (``under_leadership``)
    and "the Peace Brigades, Sadr's paramilitary group" (``possessive_leader``).
    """
    for tok in sent:
        if tok.lower_ in _LEADERSHIP_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ == "under":
            leaders = [
                m
                for c in tok.children
                for t in (
                    [c]
                    if c.dep_ == "poss"
                    else [p for p in c.children if p.dep_ == "pobj"]
                    if c.dep_ == "prep" and c.lower_ == "of"
                    else []
                )
                for m in [reader.mention(t)]
                if m is not None and m.label_ == "Person"
            ]
            gov = tok.head.head
            factor = 1.0
            framed = _framed_by(tok.head, reader)
            if framed is not None:  # "Iraq, under the leadership of X, invaded ...": by shape
                led = [framed]
            elif gov.pos_ in {"VERB", "AUX"}:
                led, passive = agents_of(gov, reader)
                factor = assertion_factor(gov)
                if passive or factor <= 0:
                    led = []
            else:
                led = reader.actors(gov)
            for leader in leaders:
                for org in led:
                    if org.span.label_ in _LED_TYPES and org.span.kb_id_ != leader.kb_id_:
                        yield Candidate(
                            reader.arg(leader), "leaderOf", org, "under_leadership", factor
                        )
    for person in reader.in_sentence(sent):
        if person.label_ != "Person" or person.root.dep_ != "poss":
            continue
        if (person.start, person.end) in reader.coref or not _full_name(person):
            continue  # "his party", "Aston's DB9": not a named person's
        head = person.root.head
        if head.i in {t.i for t in person}:
            continue
        named = reader.mention(head)
        arg = reader.arg(named) if named is not None else None
        if arg is None and DESCRIPTOR_TYPES.get(head.lower_) in _POSSESSED_TYPES:
            arg = reader.owner(head)
        if (
            arg is not None
            and arg.span.label_ in _POSSESSED_TYPES
            and arg.span.kb_id_ != person.kb_id_
        ):
            yield Candidate(reader.arg(person), "leaderOf", arg, "possessive_leader")


#: organisation types a person can work for or belong to, read from "of"/"at"/"with"
_EMPLOYERS = _ORG_TYPES - {"Coalition"}
#: verbs whose subject runs their object: "X, who heads Y", "X runs Y"
_RUNNING_VERBS = frozenset("head chair run direct found co-found own operate".split())
#: verbs whose subject works for the object of a preposition: "X works for Y",
#: "X served in Y", "X covers the White House for Y", "X represents Y"
_WORKING_VERBS: dict[str, frozenset[str]] = {
    "work": frozenset({"for", "at", "with"}),
    "serve": frozenset({"in", "on", "with", "at"}),
    "cover": frozenset({"for"}),
    "teach": frozenset({"at"}),
    "report": frozenset({"for"}),
    "write": frozenset({"for"}),
}


def _employer(tok: Token, reader: SentenceReader, person: Span) -> Arg | None:
    m = reader.mention(tok)
    if m is None or m.label_ not in _EMPLOYERS or m.kb_id_ == person.kb_id_ or _portfolio_of(m):
        return None
    return reader.arg(m)


def roles(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """Roles a person is given without a title before the name:
    "Jane Roe of the Rand Corporation said" (``person_of``); "Jane Roe is a reporter for
    the Daily Planet", "Roe has been named chairman of Acme" (``copular_title``); "Roe,
    who heads Acme", "Roe works for Acme", "Roe covers Congress for the Planet"
    (``work_verb``)."""
    for person in reader.in_sentence(sent):
        if person.label_ != "Person" or not (sent.start <= person.start < sent.end):
            continue
        if (person.start, person.end) in reader.coref:
            continue
        person = _trim(person)
        root = person.root
        # "X of Y", "X at Y": a person set off by an organisation (not a peer's
        # territorial title: "Lord Roberts of Conwy")
        peer = person[0].lower_ in _BRITISH_HONORIFICS or (
            person.start > 0 and person.doc[person.start - 1].lower_ in _BRITISH_HONORIFICS
        )
        if root.dep_ not in {"compound", "poss", "amod"} and not peer:
            for p in root.children:
                if p.dep_ == "prep" and p.lower_ in {"of", "at"} and p.i >= person.end:
                    for o in p.children:
                        if o.dep_ == "pobj":
                            org = _employer(o, reader, person)
                            if org is not None:
                                yield Candidate(
                                    reader.arg(person), "affiliatedWith", org, "person_of"
                                )
        yield from _copular_title(person, reader)
        yield from _work_verbs(person, reader)
        yield from _title_of_org(person, reader)


_NAMING_VERBS = frozenset({"name", "appoint", "elect"})


def _title_of_org(person: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the chairman of the Y Front, X": the name parsed as in apposition to the
    organisation instead of the title."""
    root = person.root
    org_tok = root.head
    if root.dep_ != "appos" or org_tok.dep_ != "pobj" or org_tok.head.lower_ not in {"of", "at"}:
        return
    title = org_tok.head.head
    if title.pos_ not in {"NOUN", "PROPN"} or _past(title):
        return
    found = _title_relation([*(c for c in title.lefts if c.dep_ in {"compound", "amod"}), title])
    org = _employer(org_tok, reader, person)
    if found is not None and org is not None:
        relation = _demote(found[0], [title], found[1], reader)
        rel = _for_state(relation, org, found[1])
        if rel is not None:
            yield Candidate(reader.arg(person), rel, org, "title_of_org")


def _copular_title(person: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X is the spokesman for Y", "X was named publisher of Y"."""
    root = person.root
    verb = root.head
    if root.dep_ == "nsubj" and verb.lemma_ == "be":
        titles = [c for c in verb.children if c.dep_ == "attr"]
    elif root.dep_ in {"nsubjpass", "dobj"} and verb.lemma_ in _NAMING_VERBS:
        # "X was named chairman of Y", "Y named X publisher of Z"
        titles = [c for c in verb.children if c.dep_ in {"oprd", "xcomp", "attr", "ccomp"}]
    elif root.dep_ == "compound" and verb.dep_ == "oprd" and verb.head.lemma_ in _NAMING_VERBS:
        titles, verb = [verb], verb.head  # "Y named X chairman of Z", parsed as one noun
    else:
        return
    factor = assertion_factor(verb)
    if factor == 0:
        return
    for title in titles:
        if _past(title) or title.pos_ not in {"NOUN", "PROPN"}:
            continue
        lefts = [c for c in title.lefts if c.dep_ in {"compound", "amod"}]
        found = _title_relation([*lefts, title])
        if found is None:
            continue
        relation = found[0]
        orgs: list[Arg] = []
        cands = [o for p in _pobjs(title, {"of", "for", "at", "with"}) for o in [p]]
        cands += [c for c in title.children if c.dep_ in {"poss", "compound"}]
        for tok in cands:
            org = _employer(tok, reader, person)
            if org is not None and all(o.span.kb_id_ != org.span.kb_id_ for o in orgs):
                orgs.append(org)
        for org in orgs[:2]:
            yield Candidate(reader.arg(person), relation, org, "copular_title", factor)


def _work_verbs(person: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X, who heads Y", "X runs Y", "X works for Y", "X has covered Congress for Y"."""
    root = person.root
    verbs: list[Token] = []
    if root.dep_ == "nsubj":
        verbs.append(root.head)
    verbs += [
        c
        for c in root.children
        if c.dep_ == "relcl"
        and any(s.dep_ == "nsubj" and s.lower_ in {"who", "that"} for s in c.children)
    ]
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or (lemma not in _RUNNING_VERBS and lemma not in _WORKING_VERBS):
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        if lemma in _RUNNING_VERBS:
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            relation = "leaderOf"
        else:
            heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
            objs = [p for h in heads for p in _pobjs(h, _WORKING_VERBS[lemma])]
            relation = "affiliatedWith"
        for o in objs:
            org = _employer(o, reader, person)
            if org is not None:
                yield Candidate(reader.arg(person), relation, org, "work_verb", factor)


PATTERNS = (titles, context_titles, leadership, roles)
CONFIDENCE = {
    "person_of": 0.75,
    "title_of_org": 0.8,
    "copular_title": 0.85,
    "work_verb": 0.8,
    "under_leadership": 0.8,
    "possessive_leader": 0.75,
    "media_possessive": 0.8,
    "context_title": 0.7,
    "fronted_title": 0.8,
    "office_country": 0.85,
}
