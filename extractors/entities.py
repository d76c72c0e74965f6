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

from .gazetteer import Gazetteer, Match, load_gazetteer
from .lexicon import DESCRIPTOR_TYPES, HONORIFICS, NOT_ACTORS, ORG_HEAD_TYPES, TITLE_RELATIONS
from .normalize import fold

#: spaCy labels we keep, and the class they map to before any correction
SPACY_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Facility",
    "NORP": "NORP",
    "PRODUCT": "PRODUCT",
}

_ARTICLE_WORDS = {"the", "a", "an"}
_NAME_PARTICLES = {
    "al",
    "el",
    "ad",
    "as",
    "ash",
    "an",
    "bin",
    "ibn",
    "abu",
    "abd",
    "de",
    "van",
    "von",
}


def name_key(etype: str, text: str) -> str:
    """Resolution key of an entity the gazetteer does not know."""
    return f"name:{etype}:{fold(text)}"


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
        folded = [cache.get(t.text) or cache.setdefault(t.text, fold(t.text)) for t in doc]
        i, n = 0, len(doc)
        while i < n:
            tok = doc[i]
            if tok.is_punct or tok.is_space or not folded[i]:
                i += 1
                continue
            # only spans whose first word starts some name are looked up
            most = gaz.longest_from(folded[i].split(" ", 1)[0])
            if most == 0 and not gaz.is_known_acronym(tok.text):
                i += 1
                continue
            capital = tok.text[:1].isupper() or tok.lower_ in _NAME_PARTICLES
            best: tuple[Span, str] | None = None
            words = 0
            for j in range(i + 1, n + 1):
                words += len(folded[j - 1].split())
                if j - i > 1 and (words > max(most, 1) or doc[j - 1].is_sent_start):
                    break
                if j - i == 1 and not capital:
                    continue
                span = doc[i:j]
                if span[-1].is_punct or _is_possessive(span[-1]):
                    continue
                key = " ".join(f for f in folded[i:j] if f)
                matches = gaz.lookup_folded(key, span.text)
                match = _choose(matches, span) if matches else None
                if match is not None:
                    best = (
                        Span(doc, i, j, label=match.entry.type, kb_id=match.entry.key),
                        match.kind,
                    )
            if best is None:
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
        names: list[Span] = []
        demonyms: list[Span] = []
        for span, kind in self._candidates(doc):
            (demonyms if kind == "demonym" else names).append(span)
        known = self.gazetteer.lookup
        model_ents = [t for e in doc.ents if (t := _trim(e, known)) is not None]
        taken = {t.i for s in names for t in s}
        kept = [e for e in model_ents if not any(t.i in taken for t in e)]
        # a gazetteer demonym inside a model NORP entity stays a demonym, not an entity
        demonym_tokens = {t.i for s in demonyms for t in s}
        kept = [e for e in kept if not (e.label_ == "NORP" and demonym_tokens & {t.i for t in e})]
        doc.ents = filter_spans(names + kept)
        doc.spans["demonyms"] = demonyms
        return doc


def _is_possessive(tok: Token) -> bool:
    return tok.tag_ == "POS" or tok.text in {"'s", "’s", "'", "’"}


def political_context(span: Span) -> bool:
    """Whether a place name is used for a state: it acts, speaks, owns or is opposed.

    "Washington refuses", "Tehran's response", "between Washington and Tehran"
    are political; "north of Baghdad", "a base in Kirkuk" are not.
    """
    root = span.root
    while root.dep_ == "conj":
        root = root.head
    if root.dep_ in {"nsubj", "nsubjpass", "poss"}:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in {
        "between",
        "with",
        "against",
        "by",
        "from",
        "to",
    }:
        return root.head.lower_ != "to" or root.head.head.pos_ == "NOUN"
    if root.dep_ in {"compound", "amod"} and root.head.pos_ == "NOUN":
        return root.head.lower_ not in DESCRIPTOR_TYPES or root.head.lower_ in {
            "government",
            "ministry",
        }
    return root.dep_ == "dobj"


def _choose(matches: list[Match], span: Span) -> Match | None:
    """Pick the entry a surface form names here; metonyms only where the context is political."""
    named = [m for m in matches if m.kind not in {"metonym", "demonym"}]
    metonyms = [m for m in matches if m.kind == "metonym"]
    demonyms = [m for m in matches if m.kind == "demonym"]
    if metonyms and political_context(span):
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
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=ent.label_, kb_id=ent.kb_id_)


class ActorTyper:
    """Gives every entity the gazetteer did not name an ontology class and a key.

    Countries are all in the gazetteer, so a model GPE left here is a place.
    """

    def type_of(self, ent: Span) -> str | None:
        """Ontology class of a model entity, or None to drop it."""
        base = SPACY_TYPES.get(ent.label_)
        if base is None or base in {"NORP", "PRODUCT"}:
            return None
        words = [t.lower_ for t in ent if not t.is_punct]
        if not words or (len(words) == 1 and words[0] in NOT_ACTORS):
            return None
        if "@" in ent.text or "://" in ent.text:  # handles and links are not actors
            return None
        head = words[-1]
        # the model often tags militias PERSON and organisations GPE: name words win
        if base != "Person" or len(words) > 1:
            for w in (head, *reversed(words[:-1])):
                if w in ORG_HEAD_TYPES and (base != "Person" or w in _STRONG_ORG_WORDS):
                    return ORG_HEAD_TYPES[w]
        # descriptor right after the name: "the Kataib Hezbollah militia", "X, a militia"
        described = _descriptor_type(ent)
        if described and (base in {"Person", "Organization", "Place"}):
            return described
        if base == "Person" and len(words) == 1 and not ent[0].is_title:
            return None
        return base

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        for ent in doc.ents:
            if ent.kb_id_.startswith("gaz:"):
                ents.append(ent)
                continue
            etype = self.type_of(ent)
            if etype is None:
                continue
            start = ent.start
            if etype == "Person":  # "Mr Blair" is Blair; "Sir Digby Jones" is Digby Jones
                while start < ent.end - 1 and doc[start].lower_ in HONORIFICS:
                    start += 1
            span = doc[start : ent.end]
            ents.append(Span(doc, start, ent.end, label=etype, kb_id=name_key(etype, span.text)))
        doc.ents = filter_spans(ents + _titled_names(doc, ents))
        return doc


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


#: name words strong enough to overrule a PERSON tag ("Kataib Hezbollah", "Quds Force")
_STRONG_ORG_WORDS = frozenset(
    "hezbollah hizbollah brigade brigades battalion battalions militia front army corps "
    "force forces ministry department party alliance movement organization organisation "
    "university institute agency council committee coalition guard guards".split()
)


def _descriptor_type(ent: Span) -> str | None:
    """Type said by a noun right after the name or in apposition to it."""
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.lower_ in DESCRIPTOR_TYPES and nxt.pos_ == "NOUN":
        return DESCRIPTOR_TYPES[nxt.lower_]
    for child in ent.root.children:
        if child.dep_ == "appos" and child.lower_ in DESCRIPTOR_TYPES:
            return DESCRIPTOR_TYPES[child.lower_]
    if ent.root.dep_ in {"compound", "nmod"} and ent.root.head.lower_ in DESCRIPTOR_TYPES:
        return DESCRIPTOR_TYPES[ent.root.head.lower_]
    return None


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
