"""Who leads or works for whom, read beyond a title right before or beside the name: a bare
title resolved from the article's country ("the president said", "Prime Minister
Sunak" in a British story), leadership nouns ("under the leadership of X", "X's
presidency"); roles said after the name are read in :mod:`.roles`."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import (
    DEPUTY_WORDS,
    DESCRIPTOR_TYPES,
)
from .assertion import assertion_factor
from .context import doc_context
from .sentence import (
    _ACTORS,
    Arg,
    Candidate,
    SentenceReader,
    agents_of,
)
from .titles import (
    _after,
    _orgs_in,
    _other_state_acts,
    _portfolio_name,
    _window,
    named_people,
    titles_a_person,
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

#: words that put a title in the past: "former Prime Minister X", "then-President Y",
#: "ousted President Z" (the gold counts past office; two holders, one past, do not clash)
_PAST_MODIFIERS = frozenset(
    {"former", "then", "-", "late", "ousted", "deposed", "toppled", "overthrown", "ex"}
)


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
    for person in named_people(sent, reader):
        bare = _bare_title(person, sent, reader)
        if bare is None:
            continue
        relation, title = bare
        country = (
            _fronted_country(person, sent, reader)
            or _listed_country(person, reader)
            or _speaking_from(person, reader)
        )
        extractor = "fronted_title"
        # a past office stays on the record, less sure ("former Prime Minister X")
        factor = 0.8 if _past_title(_window(person, sent)) else 1.0
        if country is None:
            ctx = doc_context(reader.doc, reader.gazetteer)
            country = ctx.dateline_country
            extractor = "context_title"
            if country is not None and _other_state_acts(sent, reader, country.kb_id_):
                continue  # "TRIPOLI - ... Britain said ... Defense Secretary X said"
            if (
                country is not None
                and relation == "leaderOf"
                and _other_country_acts(person, reader, country)
            ):
                continue  # "President X called Netanyahu to say U.S. support ..." (Gaza)
            if country is None and (relation == "leaderOf" or title in _GOVERNMENT_VOICES):
                # the country named most, not the place the story is from: heads of state
                # and government spokesmen; not ministers ("Foreign Secretary X" in a
                # London story on the Iraq war is no Iraqi, and may be a region's)
                country, own = ctx.dominant_country, factor
                factor = own * 0.9
                if country is None:  # "Ethiopia, Tigray forces agree ...": its headline's
                    country, factor = ctx.headline_country, own * 0.8
                if country is not None and _other_country_named(sent, reader, country):
                    continue  # "President Bush ... America's over 65s" in a story on Japan;
                    # "the Pakistani president met Prime Minister X ... in London"
                if (
                    country is not None
                    and relation != "leaderOf"
                    and any(m.kb_id_ == country.kb_id_ for m in reader.in_sentence(sent))
                ):
                    continue  # "Culture Minister X said the comparison with Germany ...":
                    # a minister who speaks of the country is seldom its own
        if country is None:
            continue
        if holders is None:
            holders = _title_holders(reader)
        if extractor == "fronted_title":  # the sentence names the country: only a tie
            if holders.ties.get(person.kb_id_, set()) - {country.kb_id_}:  # elsewhere counts
                continue
        elif not holders.may_hold(person.kb_id_, title, country.kb_id_):
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


#: prepositions that name a country as a place a person goes or is: "a trip to Russia"
_PLACE_PREPS = frozenset({"to", "in", "into", "from", "at", "across", "through", "via"})


def _other_country_acts(person: Span, reader: SentenceReader, country: Span) -> bool:
    """Whether the person's clause names another country as an actor ("U.S. support",
    "Washington said"), not only as a place ("made a trip to Russia"); a clause joined by
    "and" is another's ("..., and the ministers of Mali and Guinea met")."""
    verb = next((a for a in person.root.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return False
    other = {t.i for c in verb.children if c.dep_ == "conj" for t in c.subtree}
    # whom the person accuses or fights is no sign of whose leader he is ("President X
    # accused Russia's 14th Army"): only a country acting beside him counts
    other |= {
        t.i for c in verb.children if c.dep_ == "dobj" and c.i > person.end for t in c.subtree
    }
    for t in verb.subtree:
        if t.i in other:
            continue
        m = reader.named_or_demonym(t)
        if m is None or m.label_ != "Country" or m.kb_id_ == country.kb_id_ or t.pos_ == "PRON":
            continue
        if m.root.dep_ == "pobj" and m.root.head.lower_ in _PLACE_PREPS:
            continue
        if titles_a_person(m, reader):
            continue  # "President X, who met U.S. President Obama": it titles, not acts
        return True
    return False


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
    ) or title in {"minister", *_GOVERNMENT_VOICES}:
        return "affiliatedWith", title
    return None


#: titles that speak for a government: "government spokesman X"
_GOVERNMENT_VOICES = frozenset(
    {"government spokesman", "government spokeswoman", "government spokesperson"}
)


def _title_words(window: list[Token]) -> list[str]:
    """The words of a title, without articles, possessives and modifiers: "the acting
    President" -> ["president"]."""
    words = [t.lower_ for t in window if t.lower_ not in {"'s", "’s"}]
    while words and words[0] in _TITLE_MODIFIERS | _PAST_MODIFIERS:
        words.pop(0)
    return words


def _past_title(window: list[Token]) -> bool:
    """Whether the words before a name put the title in the past ("former President")."""
    return any(t.lower_ in _PAST_MODIFIERS and t.lower_ != "-" for t in window)


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
    if m is not None and m.label_ == "Place":
        m = _capital_state(m, reader) or m  # "In Washington, President Bush ..."
    if m is None or m.label_ != "Country" or end >= sent.end or sent.doc[end].text != ",":
        return None
    if person.start <= end:
        return None
    return m


#: participles that tell where a person spoke: "President X, speaking in Washington, said"
_SPEAKING = frozenset({"speak", "talk", "address", "write"})


def _speaking_from(person: Span, reader: SentenceReader) -> Span | None:
    """The country whose capital a person is said to speak in or from."""
    root = person.root
    clause = root.head if root.dep_ == "nsubj" else None
    verbs = [c for h in (root, clause) if h is not None for c in h.children]
    for v in verbs:
        if v.dep_ not in {"acl", "advcl"} or v.lemma_.lower() not in _SPEAKING:
            continue
        for p in (c for c in v.subtree if c.dep_ == "pobj" and c.head.lower_ in {"in", "from"}):
            m = reader.mention(p)
            state = _capital_state(m, reader) if m is not None and m.label_ == "Place" else None
            if state is not None:
                return state
    return None


def _capital_state(place: Span, reader: SentenceReader) -> Span | None:
    """The state a capital stands for ("Washington": the United States), as a mention."""
    if reader.gazetteer is None:
        return None
    for match in reader.gazetteer.lookup_all(place.text):
        if match.entry.type == "Country" and match.kind == "metonym":
            return Span(place.doc, place.start, place.end, label="Country", kb_id=match.entry.key)
    return None


def _listed_country(person: Span, reader: SentenceReader) -> Span | None:
    """ "Russian leaders, including Prime Minister X": the country of the people the
    person is one of."""
    prep = person.root.head
    if person.root.dep_ != "pobj" or prep.lower_ not in {"including", "like"}:
        return None
    for c in prep.head.children:
        if c.dep_ in {"amod", "compound", "poss"} and c.i < prep.head.i:
            m = reader.named_or_demonym(c)
            if m is not None and m.label_ == "Country":
                return Span(m.doc, m.start, m.end, label="Country", kb_id=m.kb_id_)
    return None


class _Holders:
    """Who holds which title in an article, and to which actor the title ties them."""

    def __init__(self) -> None:
        #: person key -> actors their titles name
        self.ties: dict[str, set[str]] = {}
        #: title -> (person key, actor key or "" when the title names none)
        self.titles: dict[str, set[tuple[str, str]]] = {}
        #: people whose title the article puts in the past ("former President X")
        self.past: set[str] = set()

    def may_hold(self, person: str, title: str, country: str) -> bool:
        if self.ties.get(person, set()) - {country}:
            return False  # "U.S. President X" elsewhere: not the dateline's president
        # another bare holder of the title leaves it open whose it is; one the article ties
        # to this very country held it before or since ("assassinated Sri Lankan president
        # X" beside "President Y"), which the title does not make less this country's
        # and a past holder beside a present one ("former Prime Minister X") does not clash
        past = person in self.past
        others = {(p, actor) for p, actor in self.titles.get(title, set()) if p != person}
        return not any(actor == "" and (p in self.past) == past for p, actor in others)


def _title_holders(reader: SentenceReader) -> _Holders:
    cached = reader.doc.user_data.get(_USER_DATA_KEY)
    if isinstance(cached, _Holders):
        return cached
    holders = _Holders()
    for sent in reader.doc.sents:
        for person in named_people(sent, reader):
            window = _window(person, sent)
            tied = _orgs_in(window + _after(person), reader, person)
            for appos in person.root.children:
                if appos.dep_ == "appos":
                    tied += [
                        reader.arg(m)
                        for t in appos.subtree
                        for m in [reader.named_or_demonym(t)]
                        if m is not None
                        and m.label_ in _ACTORS - {"Person"}  # "along with the army chief, Y"
                        and m.kb_id_ != person.kb_id_
                    ]
            keys = {a.span.kb_id_ for a in tied}
            holders.ties.setdefault(person.kb_id_, set()).update(keys)
            named = {t.i for a in tied for t in a.span}
            title = " ".join(_title_words([t for t in window if t.i not in named]))
            if _past_title(window):
                holders.past.add(person.kb_id_)
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


PATTERNS = (context_titles, leadership)
CONFIDENCE = {
    "under_leadership": 0.8,
    "possessive_leader": 0.75,
    "context_title": 0.7,
    "fronted_title": 0.8,
}
