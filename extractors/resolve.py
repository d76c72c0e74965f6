"""``actor_resolver``: one cluster per actor inside an article.

Reads the typed entities of ``actor_ruler``/``actor_typer`` and writes:

* ``doc.spans["actors"]``: every mention of an actor or place, including
  mentions derived from the parse ("US troops" -> the US armed forces,
  "the Iraqi government" -> Iraq, "Iraqis" -> Iraq) and coreferent mentions
  ("the group", "he"); label = ontology class, ``kb_id`` = resolved key;
* ``doc.spans["coref"]``: the subset found by coreference (lower confidence);
* ``doc._.actor_entities``: resolved key -> :class:`LocalEntity`.

Clusters are joined by gazetteer identity, acronyms defined in the text
("Popular Mobilization Forces (PMF)"), "also"/"also known as"/"aka" forms and
bare surnames of a person named in full elsewhere in the article.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from actorgraph.ontology import ORGANIZATION_TYPES

from .coreference import (
    _MODIFIER_DEPS,
    Coreference,
    _main_country,
    _not_an_army,
    _with,
)
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import (
    FACILITY_NOUNS,
    FORCE_NOUNS,
    HONORIFICS,
    STATE_NOUNS,
    TITLE_RELATIONS,
)
from .namelinks import NameLinks, _surface
from .namewords import name_key
from .normalize import fold, is_acronym, strip_possessive
from .records import LocalEntity
from .typevotes import _led, _placed
from .unionfind import UnionFind

_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "agent", "dative"}


def ensure_extensions() -> None:
    """Register the Doc attributes actorgraph components write (idempotent)."""
    if not Doc.has_extension("actor_entities"):
        Doc.set_extension("actor_entities", default=None)
    if not Doc.has_extension("facts"):
        Doc.set_extension("facts", default=None)


def _gazetteer_first(a: str, b: str) -> str | None:
    """The representative of two joined clusters: a gazetteer key, else the first one;
    two known actors never merge."""
    if a.startswith("gaz:") and b.startswith("gaz:"):
        return None
    return b if b.startswith("gaz:") else a


#: union-find over resolution keys; gazetteer keys win as representatives
_Clusters = UnionFind[str]


class ActorResolver(NameLinks, Coreference):
    """Clusters mentions into actors and adds derived and coreferent mentions."""

    def __init__(self, gazetteer: Gazetteer, coref_window: int = 2) -> None:
        self.gazetteer = gazetteer
        self.coref_window = coref_window
        # per-document state, reset at the start of each call
        self._derived_labels: dict[str, str] = {}
        self._national: dict[str, Span] = {}
        self._type_of: dict[str, str] = {}
        self._chain: dict[str, Span] = {}
        self._heads: list[Span] = []

    def __call__(self, doc: Doc) -> Doc:
        ensure_extensions()
        self._derived_labels = {}
        self._national = {}
        self._type_of = {}
        clusters = _Clusters(_gazetteer_first)
        mentions: list[Span] = [e for e in doc.ents]
        mentions += self._defined_aliases(doc, mentions, clusters)
        mentions += self._derived(doc, mentions)
        mentions = self._owned_bodies(mentions)
        mentions = self._bare_armies(doc, mentions)
        mentions += self._missed_surnames(doc, mentions)
        mentions += self._missed_repeats(doc, mentions)
        self._surnames(mentions, clusters)
        self._initialled_names(mentions, clusters)
        self._short_group_names(mentions, clusters)
        self._same_names(mentions, clusters)
        coref = self._coref(doc, mentions, clusters)
        resolved = [self._rekey(m, clusters) for m in mentions]
        coref = [self._rekey(m, clusters) for m in coref]
        resolved = self._harmonise_types(resolved)
        coref = [_with(m, label=self._type_of.get(m.kb_id_, m.label_)) for m in coref]
        doc.spans["actors"] = sorted(resolved + coref, key=lambda s: (s.start, -s.end))
        doc.spans["coref"] = coref
        doc._.actor_entities = self._entities(resolved, coref, list(doc.spans.get("demonyms", [])))
        return doc

    # -- clustering -------------------------------------------------------------

    # -- derived mentions ---------------------------------------------------------

    def _owned_bodies(self, mentions: list[Span]) -> list[Span]:
        """ "Gaza's health ministry", "the health ministry in Gaza": a body named in lowercase
        by its function alone is the body of the place that owns it ("Gaza Health Ministry"),
        not one generic node shared by every article; a later bare "the health ministry"
        of the same article is the same body."""
        places = {t.i: m for m in mentions if m.label_ in {"Place", "Country"} for t in m}
        demonyms = {
            t.i: d for m in mentions[:1] for d in m.doc.spans.get("demonyms", []) for t in d
        }
        owned: dict[str, set[str]] = defaultdict(set)
        out: list[Span] = []
        ordered = sorted(mentions, key=lambda m: m.start)
        for m in mentions:
            if not _generic_body(m):
                out.append(m)
                continue
            owner = None
            for c in m.root.children:
                if c.dep_ == "poss" and c.i in places:
                    owner = places[c.i]
                elif c.dep_ in {"amod", "compound"} and c.i in demonyms and c.i < m.start:
                    owner = demonyms[
                        c.i
                    ]  # "the Sudanese foreign ministry", "Iraqi Republican Guard"
                elif c.dep_ == "prep" and c.lower_ in {"in", "of"}:
                    owner = next(
                        (places[g.i] for g in c.children if g.dep_ == "pobj" and g.i in places),
                        owner,
                    )
            if owner is not None and owner.label_ == "Place":
                owner = self._seat_of(owner) or owner  # "the Foreign Ministry in Managua"
            if owner is None and _state_body(m):
                # "The Interior Ministry said ...": the ministry of the country the article
                # has named most so far, never one node for every article's ministry
                owner = _clear_main_country(m.root, ordered)
            if owner is None:
                out.append(m)
                continue
            label = self._body_label(owner, _surface(m))
            key = name_key(m.label_, label)
            self._derived_labels[key] = label
            owned[m.kb_id_].add(key)
            out.append(_with(m, kb_id=key))
        return [
            _with(m, kb_id=next(iter(owned[m.kb_id_])))
            if len(owned.get(m.kb_id_, ())) == 1 and _generic_body(m)
            else m
            for m in out
        ]

    def _seat_of(self, place: Span) -> Span | None:
        """The country whose seat a city is ("Managua": Nicaragua), as a mention."""
        seats = self.gazetteer.seats_of(_surface(place))
        if len(seats) != 1:
            return None
        return _with(place, label="Country", kb_id=next(iter(seats)))

    def _body_label(self, owner: Span, body: str) -> str:
        """ "China's foreign ministry" -> "Chinese Foreign Ministry" (a country's body is
        named with its demonym); "Gaza's health ministry" -> "Gaza Health Ministry"."""
        words = " ".join(w.capitalize() if w.islower() else w for w in body.split())
        entry = self.gazetteer.entries.get(owner.kb_id_.removeprefix("gaz:"))
        if entry is not None and entry.type == "Country" and entry.demonyms:
            return f"{entry.demonyms[0]} {words}"
        return f"{strip_possessive(_surface(owner))} {words}"

    def _country_at(self, tok: Token, index: dict[int, Span]) -> Span | None:
        span = index.get(tok.i)
        if span is not None and span.label_ == "Country":
            return span
        return None

    def _derived(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """Forces and state mentions built from a country word and a head noun."""
        index: dict[int, Span] = {}
        for span in [*mentions, *doc.spans.get("demonyms", [])]:
            for t in span:
                index.setdefault(t.i, span)
        covered = {t.i for m in mentions for t in m}
        self._national = self._national_forces(mentions)
        out: list[Span] = []
        for tok in doc:
            if tok.i in covered or tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            lemma = tok.lower_ if tok.lower_ in FORCE_NOUNS else tok.lemma_.lower()
            countries: list[Span] = []
            for child in tok.children:
                if child.dep_ in _MODIFIER_DEPS:
                    for c in [child, *(x for x in child.children if x.dep_ == "conj")]:
                        found = self._country_at(c, index)
                        if found is not None and found not in countries:
                            countries.append(found)
            if not countries:
                continue
            if lemma in FORCE_NOUNS and len(countries) > 1:  # "Iraqi and U.S. troops"
                for each in countries:
                    out.append(self._forces_mention(doc, each, each.start, tok.i + 1))
                continue
            country = countries[-1]
            start = min(
                country.start,
                min(
                    (
                        c.left_edge.i
                        for c in tok.children
                        if c.dep_ in {"compound", "amod"} and c.i >= country.start
                    ),
                    default=tok.i,
                ),
            )
            # a dateline is no part of the phrase: "TRIPOLI - U.S. warplanes"
            for k in range(start, min(country.start, tok.i)):
                if doc[k].is_punct:
                    start = k + 1
            if lemma in FORCE_NOUNS:
                out.append(self._forces_mention(doc, country, start, tok.i + 1))
            elif lemma in FACILITY_NOUNS:
                out.append(self._facility_mention(doc, country, start, tok.i + 1, lemma))
            elif lemma in STATE_NOUNS or tok.lower_ in STATE_NOUNS:  # "authorities"
                out.append(Span(doc, start, tok.i + 1, label="Country", kb_id=country.kb_id_))
            elif lemma in {"ministry", "department"} | _BARE_BODIES:  # "Sudan's foreign ministry"
                body = self._ministry_mention(doc, country, tok)
                if body is not None:
                    out.append(body)
        # plural demonyms used as nouns: "Iraqis", "the Americans"
        for span in doc.spans.get("demonyms", []):
            root = span.root
            if root.i in covered or not root.text.endswith("s"):
                continue
            if root.pos_ in {"NOUN", "PROPN"} and root.dep_ in _ARG_DEPS:
                out.append(Span(doc, span.start, span.end, label="Country", kb_id=span.kb_id_))
        return out

    def _ministry_mention(self, doc: Doc, country: Span, noun: Token) -> Span | None:
        """ "Sudan's foreign ministry", "the Sudanese defence ministry": the country's body,
        named "Sudanese Foreign Ministry" (or as the gazetteer knows it)."""
        words = [c for c in noun.children if c.dep_ in {"compound", "amod"} and c.i >= country.end]
        if any(w.lower_ not in _FUNCTION_WORDS for w in words):
            return None
        if not words and noun.lemma_.lower() not in _BARE_BODIES:
            return None  # "Sudan's department" names no body; "Ethiopia's parliament" does
        start = min((w.i for w in words), default=noun.i)
        label = self._body_label(country, doc[start : noun.i + 1].text)
        match = self.gazetteer.lookup(label)
        if match is not None and match.entry.type == "GovernmentBody":
            return Span(doc, start, noun.i + 1, label="GovernmentBody", kb_id=match.entry.key)
        key = name_key("GovernmentBody", label)
        self._derived_labels[key] = label
        return Span(doc, start, noun.i + 1, label="GovernmentBody", kb_id=key)

    def _facility_mention(self, doc: Doc, country: Span, start: int, end: int, noun: str) -> Span:
        """ "the US embassy": the country's mission, a facility of its own."""
        entry = self.gazetteer.entries.get(country.kb_id_.removeprefix("gaz:"))
        cname = entry.name if entry else country.text
        label = f"{cname} {noun}"
        match = self.gazetteer.lookup(label)
        if match is not None and match.entry.type == "Facility":
            return Span(doc, start, end, label="Facility", kb_id=match.entry.key)
        key = name_key("Facility", label)
        self._derived_labels[key] = label
        return Span(doc, start, end, label="Facility", kb_id=key)

    def _bare_armies(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """ "Army chief X", "the Military said": a force named by its kind alone is the
        force the article named last (not a navy or a command), else the forces of the
        country it has named most so far; never a node called "Army"."""
        ordered = sorted(mentions, key=lambda m: m.start)
        out = []
        for m in mentions:
            words = [w for w in fold(m.text).split() if w != "the"]
            if m.label_ != "MilitaryForce" or " ".join(words) not in _BARE_FORCES:
                out.append(m)
                continue
            before = [
                f
                for f in ordered
                if f.end <= m.start
                and f.label_ == "MilitaryForce"
                and " ".join(w for w in fold(f.text).split() if w != "the") not in _BARE_FORCES
            ]
            if before and not _not_an_army(before[-1]):
                out.append(_with(m, kb_id=before[-1].kb_id_))
                continue
            country = _main_country(doc[m.start], ordered)
            out.append(m if country is None else self._forces_mention(doc, country, m.start, m.end))
        return out

    def _national_forces(self, mentions: list[Span]) -> dict[str, Span]:
        """The force the article names for each country ("the Rwanda Defence Force"), so
        that "Rwandan troops" in the same article are that force, not a second node."""
        found: dict[str, Span | None] = {}
        for m in mentions:
            if m.label_ != "MilitaryForce" or len(m) < 2:
                continue
            for match in self.gazetteer.lookup_all(m[0].text):
                if match.entry.type == "Country" and match.kind != "metonym":
                    key = match.entry.key
                    same = found.get(key, m)
                    found[key] = m if same is not None and same.kb_id_ == m.kb_id_ else None
                    break
        return {k: v for k, v in found.items() if v is not None}

    def _forces_mention(self, doc: Doc, country: Span, start: int, end: int) -> Span:
        named = self._national.get(country.kb_id_)
        if named is not None:
            return Span(doc, start, end, label=named.label_, kb_id=named.kb_id_)
        entry = self.gazetteer.entries.get(country.kb_id_.removeprefix("gaz:"))
        key, label, etype, known = country_forces(
            self.gazetteer, entry.name if entry else country.text
        )
        if not known:
            self._derived_labels[key] = label
        return Span(doc, start, end, label=etype, kb_id=key)

    # -- assembling ---------------------------------------------------------------

    def _rekey(self, m: Span, clusters: _Clusters) -> Span:
        key = clusters.find(m.kb_id_)
        return m if key == m.kb_id_ else _with(m, kb_id=key)

    def _harmonise_types(self, mentions: list[Span]) -> list[Span]:
        """One type per cluster: the gazetteer's, else the most frequent."""
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        named_people: set[str] = set()  # clusters with a full name tagged PERSON
        long_places: set[str] = set()
        led: Counter[str] = Counter()  # votes for a body from "the head of X"
        for m in mentions:
            votes[m.kb_id_][m.label_] += 1
            if _placed(m):
                votes[m.kb_id_]["Place"] += 2  # "fighting in Bor" although tagged PERSON
            elif _led(m):
                votes[m.kb_id_]["Organization"] += 2  # "the head of Sandline" (tagged PERSON)
                led[m.kb_id_] += 2
            if len(m) > 1 and m.label_ == "Person":
                named_people.add(m.kb_id_)
            elif len(m) > 1 and m.label_ in {"Place", "Facility"}:
                long_places.add(m.kb_id_)
        types = {}
        for key, counter in votes.items():
            if key.startswith("gaz:"):
                entry = self.gazetteer.entries.get(key[4:])
                types[key] = entry.type if entry else counter.most_common(1)[0][0]
            else:
                # a person named by the model beats an ORG tag on the same name, but not
                # a place tag given as often or more ("Edinburgh" as GPE and as PERSON)
                places = counter["Place"] + counter["Facility"]
                people = counter["Person"]
                # "Joseph Kony" ... "Kony", "Mr Kony" (tagged GPE): a surname, not a place
                full_name = key in named_people and key not in long_places
                types[key] = (
                    "Person"
                    if people and (people > places or full_name) and people > led[key]
                    else counter.most_common(1)[0][0]
                )
                kinds = [(n, t) for t, n in counter.items() if t in _SPECIFIC_ORGS]
                if types[key] == "Organization" and kinds:
                    # "Organization" says least: a mention that says what kind wins
                    types[key] = max(kinds)[1]
        self._type_of = types
        return [
            m if types[m.kb_id_] == m.label_ else _with(m, label=types[m.kb_id_]) for m in mentions
        ]

    def _entities(
        self, mentions: list[Span], coref: list[Span], demonyms: list[Span]
    ) -> dict[str, LocalEntity]:
        """Entities of the article; a country named only by its demonym is one too."""
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        also: dict[str, set[str]] = defaultdict(set)
        for m in mentions:
            surface = _surface(m)
            if self._lost_apostrophe(m.kb_id_, surface):
                surface = surface[:-1]  # "Syrias army" names Syria, not a "Syrias"
            if self._is_metonym(m.kb_id_, surface):
                # "Moscow said" is Russia, but "Moscow" stays the city's name, not an alias
                forms[m.kb_id_][""] += 0
                continue
            forms[m.kb_id_][surface] += 1
            if m.label_ == "Person" and (titled := _titled_form(m)):
                also[m.kb_id_].add(titled)  # "President Kennedy": an alias, never the label
        spans = {(m.start, m.end) for m in mentions}
        extra = [d for d in demonyms if (d.start, d.end) not in spans]
        for d in extra:
            forms[d.kb_id_][d.text] += 1
            self._type_of.setdefault(d.kb_id_, d.label_)
        for c in coref:  # an actor met only through coreference ("its forces") is one too
            if c.kb_id_ not in forms:
                forms[c.kb_id_][""] += 0
                self._type_of.setdefault(c.kb_id_, c.label_)
        counts = Counter(m.kb_id_ for m in [*mentions, *coref, *extra])
        out = {}
        for key, seen in forms.items():
            label = self._label(key, seen)
            aliases = tuple(sorted({f for f in (*seen, *also[key]) if f and f != label}))
            out[key] = LocalEntity(
                key=key, label=label, type=self._type_of[key], aliases=aliases, mentions=counts[key]
            )
        return out

    def _lost_apostrophe(self, key: str, surface: str) -> bool:
        if not key.startswith("gaz:") or not surface.endswith("s"):
            return False
        if any(m.entry.key == key for m in self.gazetteer.lookup_all(surface)):
            return False
        return any(m.entry.key == key for m in self.gazetteer.lookup_all(surface[:-1]))

    def _is_metonym(self, key: str, surface: str) -> bool:
        """Whether a surface form names this known entry only as a metonym ("Moscow")."""
        if not key.startswith("gaz:") or not surface:
            return False
        kinds = {m.kind for m in self.gazetteer.lookup_all(surface) if m.entry.key == key}
        return kinds == {"metonym"}

    def _label(self, key: str, seen: Counter[str]) -> str:
        if key.startswith("gaz:"):
            entry = self.gazetteer.entries.get(key[4:])
            if entry:
                return entry.name
        if key in self._derived_labels:
            return self._derived_labels[key]
        names = [f for f in seen if f and not is_acronym(f)] or [f for f in seen if f]
        if not names:
            return key.rsplit(":", 1)[-1]
        return max(names, key=lambda f: (len(f.split()), seen[f], len(f), f))


#: organisation types that say more than "Organization"
_SPECIFIC_ORGS = frozenset(ORGANIZATION_TYPES) - {"Organization"}

#: names of a force by its kind alone: "the Army", "the Military"
_BARE_FORCES = frozenset({"army", "military", "armed forces"})


def country_forces(gazetteer: Gazetteer, cname: str) -> tuple[str, str, str, bool]:
    """Key, label and type of a country's armed forces, and whether the gazetteer knows
    them ("Libya armed forces" is a name of its Libyan Armed Forces); else a force of
    the name ``name_key`` makes of "<Demonym> Armed Forces" ("Chadian Armed Forces", as
    the gazetteer names the forces it knows), or "<Country> armed forces" for a country
    without a demonym."""
    label = f"{cname} armed forces"
    match = gazetteer.lookup(label)
    if match is not None:
        return match.entry.key, match.entry.name, match.entry.type, True
    country = gazetteer.lookup(cname)
    if country is not None and country.entry.type == "Country" and country.entry.demonyms:
        label = f"{country.entry.demonyms[0]} Armed Forces"
    return name_key("MilitaryForce", label), label, "MilitaryForce", False


def _titled_form(m: Span) -> str | None:
    """The name with the title or honorific written before it ("Sen. Robert Kennedy")."""
    doc, i = m.doc, m.start
    while i > 0 and doc[i - 1].is_title:
        word = doc[i - 1].lower_.rstrip(".")
        if word not in HONORIFICS and word not in TITLE_RELATIONS:
            break
        i -= 1
    return doc[i : m.end].text if i < m.start else None


def _generic_body(m: Span) -> bool:
    """A body named by what it does: "health ministry", "the interior ministry", and in
    capitals with function words only ("Foreign Ministry", "Defence Ministry", "Republican
    Guard")."""
    if not m.kb_id_.startswith("name:"):
        return False
    if m.label_ == "MilitaryForce":  # "Iraq's elite Republican Guard"
        return m.root.lower_ == "guard" and all(t.lower_ in _GUARD_WORDS for t in m)
    if m.root.lower_ == "court":  # "Spain's Supreme Court", "the Constitutional Court"
        return all(t.lower_ in _COURT_WORDS for t in m)
    return (
        m.label_ in ORGANIZATION_TYPES
        and m.root.lower_ in _BODY_NOUNS
        and (
            not any(t.text[:1].isupper() for t in m)
            or all(t.lower_ in _FUNCTION_WORDS | _BODY_NOUNS for t in m if not t.is_punct)
        )
    )


#: a state's ministries named by their portfolio alone: "the Interior Ministry", "the
#: Ministry of Foreign Affairs" (not "the health ministry" of a region, "the council")
_STATE_PORTFOLIOS = frozenset("foreign defence defense interior home".split())


def _clear_main_country(tok: Token, ordered: list[Span]) -> Span | None:
    """The country named most before ``tok``, if no other is named as often."""
    counts = Counter(m.kb_id_ for m in ordered if m.start < tok.i and m.label_ == "Country")
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return _main_country(tok, ordered)


def _state_body(m: Span) -> bool:
    """A ministry of state named by its portfolio alone ("the Interior Ministry")."""
    words = {t.lower_ for t in m}
    return m.root.lower_ == "ministry" and bool(words & _STATE_PORTFOLIOS)


#: guards every state may have: "Republican Guard", "Presidential Guard", "National Guard"
_GUARD_WORDS = frozenset({"the", "republican", "presidential", "national", "guard"})
#: courts every state may have: "Supreme Court", "High Court", "Constitutional Court"
_COURT_WORDS = frozenset({"the", "supreme", "high", "constitutional", "federal", "court"})


_BODY_NOUNS = frozenset("ministry department council committee agency office".split())
#: a state's bodies named by one noun: "Ethiopia's parliament", "the Kenyan police"
_BARE_BODIES = frozenset("parliament cabinet senate police judiciary".split())
#: what a ministry does, the words of a generic body's name: "Foreign Ministry"
_FUNCTION_WORDS = frozenset(
    "the of foreign defence defense interior home health finance justice information "
    "affairs security economy trade education energy oil culture".split()
)


@Language.factory(
    "actor_resolver",
    requires=["doc.ents", "token.dep", "token.pos"],
    assigns=["doc.spans", "doc._.actor_entities"],
    default_config={"gazetteer_paths": [], "coref_window": 2},
)
def make_actor_resolver(
    nlp: Language, name: str, gazetteer_paths: list[str], coref_window: int
) -> ActorResolver:
    ensure_extensions()
    return ActorResolver(load_gazetteer(gazetteer_paths), coref_window=coref_window)
