"""Titles and offices next to a name: "PMU leader X", "Iraqi President X", "X,
spokeswoman for Y", "Secretary of State X", "X, the US attorney general", "Y's
correspondent X". Titles read from the article's context, leadership and roles ("X of
ORG", "X, who runs ORG") are in ``leaders``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from ..lexicon import (
    DEPUTY_WORDS,
    MULTIWORD_TITLES,
    OFFICE_BODIES,
    TITLE_RELATIONS,
)
from ..normalize import fold
from .army_titles import army_chief_in
from .context import doc_context
from .demotion import _demote
from .namedbodies import state_forces
from .sentence import (
    _ACTORS,
    Arg,
    Candidate,
    SentenceReader,
    _portfolio,
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


def named_people(sent: Span, reader: SentenceReader) -> Iterator[Span]:
    """People named outright in the sentence (not found by coreference), name spans trimmed."""
    for person in reader.in_sentence(sent):
        if person.label_ == "Person" and (person.start, person.end) not in reader.coref:
            yield _trim(person)


def titles(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for person in named_people(sent, reader):
        # title words before the name, inside the same noun phrase
        yield from _pre_title(person, sent, reader)
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


#: military ranks, which say what a person is, not which office: "chief General X"
_RANKS = frozenset(
    "general lieutenant colonel major brigadier captain admiral marshal commodore sergeant "
    "gen lt col maj brig capt adm".split()
)


def _title_relation(toks: list[Token]) -> tuple[str, Token] | None:
    """The relation a title among ``toks`` gives its holder, and the title's head word.

    "Deputy leader" and "vice chairman" hold office under the head: affiliatedWith.
    """
    for i, t in enumerate(toks):
        found: tuple[str, Token] | None = None
        if i + 2 < len(toks) and toks[i + 1].text == "-":  # "co-chair", "Secretary-General"
            joined = f"{t.lower_}-{toks[i + 2].lower_}"
            if rel := _EXTRA_TITLES.get(joined) or TITLE_RELATIONS.get(joined):
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
                and nxt.rstrip(".") not in _RANKS
            ):
                continue  # "Chief Secretary X", "chief economist X": the next word is the title
                # (not "Army chief Lieutenant General X": a rank, and he heads the army)
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


def titles_a_person(country: Span, reader: SentenceReader) -> bool:
    """Whether a country begins another person's title, whatever the parse made of it:
    "U.S. President Donald Trump", "Pakistani Prime Minister Imran Khan"."""
    doc = country.doc
    for i in range(country.end, min(country.end + 4, len(doc))):
        m = reader.mention(doc[i])
        if m is not None:
            return m.label_ == "Person" and i > country.end
        if not doc[i].is_title:
            return False
    return False


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
    return [  # on any word of the name: "President Daniel arap Moi of Kenya" (on "Moi")
        t
        for w in person
        for p in w.children
        if p.dep_ == "prep" and p.lower_ in {"of", "for", "at"} and p.i >= person.end
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
    if army_chief_in(window, reader) is not None:
        return  # "Army chief General X": the country's forces (army_chiefs)
    office = _office(window, reader)
    if office is not None and not _us_office(office[0], window, person, reader):
        office = None  # "Defence Secretary X" is no US office: a title like any other
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
        rel = _beside_a_body(_for_state(relation, org, title), org, orgs)
        if rel is not None:
            yield Candidate(reader.arg(person), _unit_head_of(rel, found[0], org), org, "title")
        if org.span.label_ == "Country" and title.lower_.rstrip(".") in _RANKS:
            # "Australian Major General X", "retired U.S. Adm. Y": an officer of its forces
            forces = state_forces(org.span, reader)
            if forces is not None:
                yield Candidate(reader.arg(person), "memberOf", Arg(forces), "rank")


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


#: organisations whose people hold offices, not ranks: the head of a unit works for them
_OFFICE_ORGS = frozenset(
    {"InternationalOrganization", "GovernmentBody", "Organization", "MediaOrganization"}
)


def _unit_head_of(relation: str, title_relation: str, org: Arg) -> str:
    """The head of a unit of an office-holding body works for it ("The UN's human rights
    chief, X", "the head of the UN mission"): affiliatedWith; of an armed group or force
    he is one of its members ("the PMU brigade's logistics chief")."""
    if relation == "memberOf" and title_relation == "leaderOf" and org.span.label_ in _OFFICE_ORGS:
        return "affiliatedWith"
    return relation


#: elected members, who belong to their party: "Labour MP X", "Republican Senator Y"
_LEGISLATORS = frozenset(
    "mp mps senator senators lawmaker lawmakers congressman congresswoman mep meps "
    "councillor councilor legislator legislators backbencher backbenchers".split()
)


def _beside_a_body(rel: str | None, org: Arg, orgs: list[Arg]) -> str | None:
    """A title naming a body and its country heads the body, not the country: "Angola's
    Unita leader X" leads Unita only (None for Angola); "Myanmar's army chief X" leads a
    state's own body, so is an officer of the state (affiliatedWith)."""
    bodies = {o.span.label_ for o in orgs} - {"Country"}
    if rel != "leaderOf" or org.span.label_ != "Country" or not bodies:
        return rel
    return "affiliatedWith" if bodies <= {"MilitaryForce", "GovernmentBody"} else None


def _for_state(relation: str, org: Arg, title: Token | None = None) -> str | None:
    """A state has no members: "Iranian Major General X" holds an office of Iran; "an
    Algerian militant" and "a US lawyer" hold none (None): a nationality."""
    if (
        relation == "affiliatedWith"
        and title is not None
        and title.lower_ in {"officer", "officers"}
        and org.span.label_ in {"MilitaryForce", "ArmedGroup"}
    ):
        return "memberOf"  # "a former British army officer": one of the army's men
    if (
        org.span.label_ == "PoliticalGroup"
        and relation == "affiliatedWith"
        and title is not None
        and title.lower_ in _LEGISLATORS
    ):
        return "memberOf"  # "Conservative MP X", "Republican Senator Y": the party's member
    if (
        org.span.label_ == "PoliticalGroup"
        and relation == "leaderOf"
        and title is not None
        and title.lower_ in {"chancellor", "minister", "premier"}
    ):
        return "memberOf"  # "former Tory chancellor X": a state's office held by a member
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
    entry = reader.gazetteer.entries[_OFFICE_COUNTRY]
    if any(
        a.span.label_ == "Country" and a.span.kb_id_ != entry.key
        for a in _orgs_in(window, reader, person)
    ):
        return None  # "U.S. Secretary of State X" is still the United States' office
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
            and not _against_prefix(m[0])
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


def _against_prefix(tok: Token) -> bool:
    """ "anti-Soviet", "anti-Taliban": the name is what the holder opposes."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "anti"


def _past(title: Token) -> bool:
    """Whether a title is said to be held no longer ("former", "retired", "ex-")."""
    return any(
        c.lower_ in _PAST_WORDS or c.lower_.startswith("ex-")
        for c in title.children
        if c.dep_ in {"amod", "compound", "advmod"}
    ) or any(c.lower_ in {"ex", "ex-"} for c in title.lefts)


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


PATTERNS = (titles,)
CONFIDENCE = {
    "rank": 0.75,
    "media_possessive": 0.8,
    "office_country": 0.85,
}
