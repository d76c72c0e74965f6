"""Entity components: the gazetteer ruler and the typer.

``actor_ruler`` runs after the model's ``ner``: gazetteer names and aliases
(matched with spelling variants folded) replace overlapping model entities; the
demonyms it finds go to ``doc.spans["demonyms"]``.

``actor_typer`` gives every entity an ontology class as its label and a
resolution key as its ``kb_id``, correcting the model's common mistakes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .acronyms import spelled_acronyms
from .cues import (
    _acronyms_by_kind,
    _descriptor_type,
    _given_names_before,
    _holds_office,
    _named_places,
    _not_the_party,
    _person_apposition,
    _place_cue,
    _rebel_groups,
    _titled_names,
    after_rank,
    armed_cue,
)
from .furniture import (
    _dateline,
    _dateline_spans,
    _opens_a_dateline,
    boilerplate_chars,
    doc_text,
)
from .gazetteer import Gazetteer, Match, load_gazetteer
from .lexicon import (
    DESCRIPTOR_TYPES,
    HONORIFICS,
    LEMMA_FIXES,
    NOT_ACTORS,
    ORG_HEAD_TYPES,
)
from .longnames import _inside_longer_name, join_particle_names
from .namewords import (
    _ARTICLE_WORDS,
    _ETHNO_RELIGIOUS,
    _GEO_HEADS,
    _GROUP_HEADS,
    _GROUP_NAME_WORDS,
    _INSURGENT_NAME_WORDS,
    _NAME_PARTICLES,
    _NOT_NAMES,
    _PERSON_HONORIFICS,
    _PLACE_VERBS,
    _STRONG_ORG_WORDS,
    SPACY_TYPES,
    _acronym_name_after,
    _acronym_name_before,
    _group_name_after,
    _is_possessive,
    _not_a_name,
    _particle_names_after,
    name_key,
)
from .normalize import fold
from .peoples import people_not_states, peoples_forces
from .sites import _airport, _named_site, _names_a_site
from .units import with_units


class ActorRuler:
    """Matches gazetteer names in the text and merges them with the model's entities."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def _candidates(self, doc: Doc) -> Iterable[tuple[Span, str]]:
        """Longest gazetteer matches, left to right, never across sentences.

        Names must start with a capital or a name particle ("al-"); a lowercase
        phrase matches only when it has several words ("international coalition").
        """
        gaz = self.gazetteer
        cache: dict[str, str] = {}
        toks = list(doc)  # made once: doc[i] makes a new Token on every access
        folded = [cache.get(t.text) or cache.setdefault(t.text, fold(t.text)) for t in toks]
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            if tok.is_punct or tok.is_space or not folded[i]:
                i += 1
                continue
            # only spans whose first word starts some name are looked up
            most = gaz.longest_from(folded[i].split(" ", 1)[0])
            if most == 0 and not gaz.is_known_acronym(tok.text):
                lost = _lost_apostrophe(tok, folded[i], gaz)
                if lost is not None:
                    yield lost, "name"
                i += 1
                continue
            capital = tok.text[:1].isupper() or tok.lower_ in _NAME_PARTICLES
            best: tuple[Span, str] | None = None
            words = 0
            for j in range(i + 1, n + 1):
                words += len(folded[j - 1].split())
                if j - i > 1 and (words > max(most, 1) or toks[j - 1].is_sent_start):
                    break
                if j - i == 1 and not capital:
                    continue
                span = doc[i:j]
                if span[-1].is_punct or span[-1].is_space or _is_possessive(span[-1]):
                    continue  # a name never ends on punctuation or a line break
                key = " ".join(f for f in folded[i:j] if f)
                matches = gaz.lookup_folded(key, span.text)
                match = _choose(matches, span) if matches else None
                if match is not None:
                    best = (
                        Span(doc, i, j, label=match.entry.type, kb_id=match.entry.key),
                        match.kind,
                    )
            if best is None:
                lost = _lost_apostrophe(tok, folded[i], gaz)
                if lost is not None:
                    yield lost, "name"
                i += 1
                continue
            yield from self._split_possessor(best)
            i = best[0].end

    def _split_possessor(self, found: tuple[Span, str]) -> Iterable[tuple[Span, str]]:
        """ "Iran's Foreign Ministry" is two mentions: Iran, and the ministry it owns."""
        span, kind = found
        for t in span[:-1]:
            if _is_possessive(t) and t.i > span.start:
                owner = self.gazetteer.lookup(span.doc[span.start : t.i].text)
                if owner is not None and owner.entry.type == "Country":
                    yield (
                        Span(span.doc, span.start, t.i, label="Country", kb_id=owner.entry.key),
                        "name",
                    )
                    yield (
                        Span(span.doc, t.i + 1, span.end, label=span.label_, kb_id=span.kb_id_),
                        kind,
                    )
                    return
        yield found

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:  # the model's lemmatizer leaves some past tenses: "retook", "overran"
            tok.lemma_ = LEMMA_FIXES.get(tok.lower_, tok.lemma_)
        names: list[Span] = []
        demonyms: list[Span] = []
        for span, kind in self._candidates(doc):
            (demonyms if kind == "demonym" else names).append(span)
        known = self.gazetteer.lookup
        model_ents = [t for e in doc.ents if (t := _trim(e, known)) is not None]
        model_ents = join_particle_names(doc, model_ents)  # "Jose Eduardo dos Santos"
        names = [n for n in names if not _inside_longer_name(n, model_ents, self.gazetteer)]
        taken = {t.i for s in names for t in s}
        kept = [e for e in model_ents if not any(t.i in taken for t in e)]
        # a gazetteer demonym inside a model NORP entity stays a demonym, not an entity;
        # so does a demonym the model took for a name of any kind ("were Ukrainian" GPE)
        demonym_tokens = {t.i for s in demonyms for t in s}
        kept = [
            e
            for e in kept
            if not (e.label_ == "NORP" and demonym_tokens & {t.i for t in e})
            and not {t.i for t in e} <= demonym_tokens
        ]
        doc.ents = filter_spans(names + kept)
        doc.spans["demonyms"], doc.spans["peoples"] = people_not_states(doc, demonyms)
        return doc


def _lost_apostrophe(tok: Token, folded: str, gaz: Gazetteer) -> Span | None:
    """ "Syrias army": a country's possessive whose apostrophe the page lost."""
    if not tok.text[:1].isupper() or not folded.endswith("s") or len(folded) < 5:
        return None
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the":  # "the Americas"
        return None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.pos_ not in {"NOUN", "PROPN", "ADJ"}:
        return None
    matches = [m for m in gaz.lookup_all(tok.text[:-1]) if m.kind == "name"]
    if len(matches) != 1 or matches[0].entry.type != "Country":
        return None
    entry = matches[0].entry
    return Span(tok.doc, tok.i, tok.i + 1, label=entry.type, kb_id=entry.key)


def political_context(span: Span) -> bool:
    """Whether a place name is used for a state: it acts, speaks, owns or is opposed.

    "Washington refuses", "Tehran's response", "between Washington and Tehran"
    are political; "north of Baghdad", "a base in Kirkuk" are not.
    """
    root = span.root
    while root.dep_ == "conj":
        root = root.head
    if root.dep_ in {"poss", "compound", "nmod"} and _names_a_site(root.head):
        return False  # "Baghdad's Green Zone", "the Baghdad suburb of X", "a Tunis museum"
    if any(c.dep_ == "appos" and c.lower_ in _CITY_NOUNS for c in root.children) or (
        root.dep_ == "appos" and root.head.lower_ in _CITY_NOUNS
    ):
        return False  # "Khartoum, the Sudanese capital, was quiet": described as a city
    if root.dep_ in {"nsubj", "nsubjpass", "poss"}:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according":
        return True  # "according to Washington": the state's word
    if root.dep_ == "pobj" and root.head.lower_ in {
        "between",
        "with",
        "against",
        "by",
        "from",
        "to",
        "for",
    }:
        # "ties to Moscow", "headaches for Washington"; not "flew to Moscow"
        return root.head.lower_ not in {"to", "for"} or root.head.head.pos_ == "NOUN"
    if root.dep_ in {"compound", "amod"} and root.head.pos_ == "NOUN":
        return root.head.lower_ not in DESCRIPTOR_TYPES or root.head.lower_ in {
            "government",
            "ministry",
        }
    # "accused Tehran" is the state; "visited Cairo", "shelled Aleppo" the city
    return root.dep_ == "dobj" and root.head.lemma_.lower() not in _PLACE_VERBS


#: nouns that describe a name as a city: "Bamako, the Malian capital"
_CITY_NOUNS = frozenset({"capital", "city", "town", "port"})


def _choose(matches: list[Match], span: Span) -> Match | None:
    """Pick the entry a surface form names here; metonyms only where the context is political."""
    named = [m for m in matches if m.kind not in {"metonym", "demonym"}]
    if len(span) == 1 and _not_the_party(span):
        named = [m for m in named if m.entry.type != "PoliticalGroup"]
    metonyms = [m for m in matches if m.kind == "metonym"]
    demonyms = [m for m in matches if m.kind == "demonym"]
    if metonyms and political_context(span) and not _opens_a_dateline(span):
        return metonyms[0]
    if named:
        return named[0]
    if demonyms:
        return demonyms[0]
    return None


def _trim(ent: Span, known: Callable[[str], object]) -> Span | None:
    """Drop a leading article; split off a known possessor ("Denmark’s Task Force Dragon").

    A possessive inside a name stays ("Croatian People's Party"): only a possessor the
    gazetteer knows is split off.
    """
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and doc[start].lower_ in _ARTICLE_WORDS:
        start += 1
    for t in doc[start:end]:
        if _is_possessive(t) and t.i > start and known(doc[start : t.i].text):
            start = t.i + 1
    for t in doc[start:end]:  # "Popular Mobilization Forces (PMF": the acronym is its own
        if t.text in {"(", "["} and t.i > start:
            end = t.i
            break
        if t.text == "," and t.i > start and ent.label_ != "GPE":
            end = t.i  # "Gwoza, Bama and": a list the model ran together, one name each
            break
    while end > start and (
        doc[end - 1].is_punct
        or _is_possessive(doc[end - 1])
        or doc[end - 1].lower_ in {"and", "or"}
    ):
        end -= 1  # "the Kosovo Liberation Army's commander": the name ends before "'s"
    if start >= end:
        return None
    return Span(doc, start, end, label=ent.label_, kb_id=ent.kb_id_)


#: words of military and honorific ranks: "Rear Adm. X", "Maj. Gen. Y", "Vice Admiral Z"
_RANK_WORDS = frozenset(w.rstrip(".") for w in HONORIFICS) | frozenset(
    "rear vice major brig lieutenant-general major-general brigadier-general".split()
)


def _rank_word(doc: Doc, i: int) -> bool:
    """A word of a rank written before a name: "Major-General", "Field Marshal", "Lt. Col."."""
    low = doc[i].lower_.rstrip(".")
    if low == "-":
        return 0 < i < len(doc) - 1 and _rank_word(doc, i - 1) and _rank_word(doc, i + 1)
    if low == "field":
        return i + 1 < len(doc) and doc[i + 1].lower_ == "marshal"
    return low in _RANK_WORDS or low == "marshal"


def _rank_prefixed(ent: Span) -> bool:
    """A name led by a rank the model took for a body: "Major-General Gandharv Nagra's",
    "Field Marshal Habis al-Majali" (two words of a name after the rank)."""
    i = ent.start
    while i < ent.end and _rank_word(ent.doc, i):
        i += 1
    rest = [t for t in ent.doc[i : ent.end] if not t.is_punct and t.tag_ != "POS"]
    return (
        i > ent.start
        and len(rest) >= 2
        and all(t.is_title or t.lower_ in {"al", "el", "bin", "ibn"} for t in rest)
        and not any(t.lower_ in ORG_HEAD_TYPES or t.lower_ in DESCRIPTOR_TYPES for t in rest)
    )


class ActorTyper:
    """Gives every entity the gazetteer did not name an ontology class and a key.

    Countries are all in the gazetteer, so a model GPE left here is a place.
    """

    def type_of(self, ent: Span) -> str | None:
        """Ontology class of a model entity, or None to drop it."""
        base = SPACY_TYPES.get(ent.label_)
        words = [t.lower_ for t in ent if not t.is_punct]
        if (
            base == "PRODUCT"
            and len(words) > 1
            and ent[-1].is_title
            and (ORG_HEAD_TYPES.get(words[-1]) == "MilitaryForce" or words[:2] == ["task", "force"])
        ):
            return "MilitaryForce"  # "Task Force Ranger", "the 10th Mountain Division"
        if base is None or base in {"NORP", "PRODUCT"}:
            return None
        if not words or (len(words) == 1 and words[0] in NOT_ACTORS | _NOT_NAMES):
            return None
        if all(w.rstrip(".") in _RANK_WORDS for w in words):
            return None  # "Rear Adm.", "Maj. Gen.": a rank before a name, not an actor
        if "@" in ent.text or "://" in ent.text:  # handles and links are not actors
            return None
        if _not_a_name(ent, words):
            return None
        if base in {"Person", "Organization"} and fold(ent[0].text) in _GROUP_NAME_WORDS:
            return "ArmedGroup"
        if base in {"Organization", "Facility", "Place"} and _rank_prefixed(ent):
            return "Person"  # "Major-General Gandharv Nagra's division" (tagged ORG)
        if base in {"Person", "Organization", "Facility", "Place"} and after_rank(ent):
            return "Person"  # "the 5th military district, General Konrad Kolsek"
        if base in {"Person", "Organization"} and _place_cue(ent):
            return "Place"
        if _dateline(ent):
            return "Place"  # "MARIUPOL, Ukraine (Reuters) -", "TRIPOLI -"
        if base in {"Organization", "Facility", "Place"} and (
            _person_apposition(ent) or _holds_office(ent)
        ):
            return "Person"  # "Noureddine Chouchane, a Tunisian", "its commander, X"
        if base in {"Organization", "Place"} and len(words) > 1 and words[0] in _PERSON_HONORIFICS:
            return "Person"  # "Mr Balls", "Dr Fox", "Mr Kony" (tagged GPE)
        head = words[-1]
        if base == "Person" and len(words) > 1 and head in _GEO_HEADS:
            return "Place"  # "Kodori Gorge", "Litani River" tagged PERSON
        if len(words) > 2 and words[:2] in (["republic", "of"], ["kingdom", "of"], ["state", "of"]):
            return "Country"  # "Republic of Artsakh", "Kingdom of Bahrain"
        if (
            len(words) > 1
            and _INSURGENT_NAME_WORDS & set(words[:-1])
            and ORG_HEAD_TYPES.get(head) in {"MilitaryForce", "ArmedGroup"}
        ):
            return "ArmedGroup"
        # the model often tags militias PERSON and organisations GPE: name words win
        if base != "Person" or len(words) > 1:
            for w in (head, *reversed(words[:-1])):
                if w in ORG_HEAD_TYPES and (base != "Person" or w in _STRONG_ORG_WORDS):
                    if ORG_HEAD_TYPES[w] == "Organization" and armed_cue(ent):
                        return "ArmedGroup"  # "the Maute Group stormed Marawi"
                    return ORG_HEAD_TYPES[w]
        # descriptor right after the name: "the Kataib Hezbollah militia", "X, a militia"
        described = _descriptor_type(ent)
        if described and (base in {"Person", "Organization", "Place"}):
            return described
        if base == "Organization" and armed_cue(ent):
            return "ArmedGroup"  # "the army has fought the Tamil Tigers"
        if base == "Person" and len(words) == 1 and not ent[0].is_title:
            return None
        return base

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        furniture = boilerplate_chars(doc_text(doc))

        def in_furniture(span: Span) -> bool:
            return any(a <= span.start_char < b for a, b in furniture)

        if furniture and "demonyms" in doc.spans:
            doc.spans["demonyms"] = [d for d in doc.spans["demonyms"] if not in_furniture(d)]
        # a name said to be a place anywhere ("the town of Sderot") is a place everywhere
        places = {
            fold(e.text)
            for e in doc.ents
            if not e.kb_id_.startswith("gaz:") and _place_cue(e) and not after_rank(e)
        }
        datelines = _dateline_spans(doc)
        dateline_tokens = {t.i for d in datelines for t in d}
        taken = {t.i for e in doc.ents for t in e} | dateline_tokens
        known_tokens = {t.i for e in doc.ents if e.kb_id_.startswith("gaz:") for t in e}
        demonym_tokens = {t.i for d in doc.spans.get("demonyms", []) for t in d}
        for ent in doc.ents:
            if in_furniture(ent):
                continue
            airport = _airport(ent)
            if airport is not None:  # "Gao airport", "Timbuktu's airport", before the town
                ents.append(airport)
                continue
            if ent.kb_id_.startswith("gaz:") and len(ent) == 1 and ent[0].lower_ in _GROUP_HEADS:
                longer = _group_name_after(doc, ent.start, ent.end, known_tokens - {ent.start})
                if longer > ent.end:  # "the Coalition of Patriots for Change": not "Coalition"
                    span = doc[ent.start : longer]
                    ents.append(
                        Span(
                            doc,
                            ent.start,
                            longer,
                            label=ent.label_,
                            kb_id=name_key(ent.label_, span.text),
                        )
                    )
                    continue
            if ent.kb_id_.startswith("gaz:"):
                ents.append(ent)
                datelines = [d for d in datelines if not (d.start < ent.end and ent.start < d.end)]
                continue
            if dateline_tokens & {t.i for t in ent}:
                # "GAROWE - Militants": the model ran the dateline into the sentence
                start = ent.start
                while start < ent.end and (start in dateline_tokens or doc[start].is_punct):
                    start += 1
                if ent.end - start < 2:
                    continue  # "GAROWE - Militants seized ...": one capitalised sentence word
                ent = Span(doc, start, ent.end, label=ent.label_)
            site = _named_site(ent)
            if site is not None:
                ents.append(site)
                continue
            spelled = _acronym_name_before(doc, ent.start) if len(ent) == 1 else None
            if spelled is not None and not taken & set(range(spelled, ent.start - 1)) - {
                t.i
                for e in doc.ents
                if not e.kb_id_.startswith("gaz:") or e.label_ in {"Country", "Place"}
                for t in e
            }:  # "the Liberation Tigers of Tamil Eelam (LTTE)" with only "LTTE" tagged
                name = Span(doc, spelled, ent.start - 1, label=ent.label_)
                if (ntype := self.type_of(name)) not in {None, "Person", "Place"}:
                    ents.append(
                        Span(
                            doc,
                            spelled,
                            ent.start - 1,
                            label=ntype,
                            kb_id=name_key(ntype, name.text),
                        )
                    )
            etype = self.type_of(ent)
            if etype in {"Person", "Organization"} and fold(ent.text) in places:
                etype = "Place"
            if etype is None:
                continue
            start = ent.start
            if etype == "Person":  # "Mr Blair" is Blair; "Sir Digby Jones" is Digby Jones
                while start < ent.end - 1 and (
                    doc[start].lower_ in HONORIFICS
                    or _rank_word(doc, start)  # "Major-General X", "Field Marshal Y"
                    or fold(doc[start].text) in _ETHNO_RELIGIOUS
                    or start in demonym_tokens  # "Malian Tuareg Iyad Ag Ghaly"
                ):
                    start += 1
                start = _given_names_before(doc, start, ent.end, taken)
            end = _particle_names_after(doc, ent.end, taken) if etype == "Person" else ent.end
            if etype not in {"Person", "Place", "Country"}:
                end = _acronym_name_after(doc, start, end)  # "... Tigers of Tamil Eelam (LTTE)"
            if etype != "Person" and any(t.lower_ in _GROUP_HEADS for t in doc[start:end]):
                end = _group_name_after(
                    doc, start, end, known_tokens
                )  # "Coalition of Patriots ..."
            span = doc[start:end]
            ents.append(Span(doc, start, end, label=etype, kb_id=name_key(etype, span.text)))
        ents += datelines
        ents += _rebel_groups(doc, ents) + _acronyms_by_kind(doc, ents)
        ents += peoples_forces(doc, ents)
        ents += spelled_acronyms(doc, ents, self.type_of)
        ents = with_units(doc, ents)
        doc.ents = filter_spans(ents + _titled_names(doc, ents) + _named_places(doc, ents))
        return doc


@Language.factory(
    "actor_ruler",
    requires=["doc.ents", "token.is_sent_start"],
    assigns=["doc.ents", "doc.spans"],
    default_config={"gazetteer_paths": []},
)
def make_actor_ruler(nlp: Language, name: str, gazetteer_paths: list[str]) -> ActorRuler:
    return ActorRuler(load_gazetteer(gazetteer_paths))


@Language.factory(
    "actor_typer",
    requires=["doc.ents", "token.dep"],
    assigns=["doc.ents"],
)
def make_actor_typer(nlp: Language, name: str) -> ActorTyper:
    return ActorTyper()
