"""What every relation pattern reads a sentence with: actor mentions, arguments,
candidates and the checks that a clause asserts its fact."""

from __future__ import annotations

from collections.abc import Iterator, Set
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from actorgraph.ontology import ORGANIZATION_TYPES

from ..gazetteer import Gazetteer
from ..lexicon import (
    DESCRIPTOR_TYPES,
)

_ORG_TYPES = ORGANIZATION_TYPES
_ACTORS = _ORG_TYPES | {"Person", "Country"}
_PLACES = frozenset({"Place", "Facility", "Country"})
_SITE_NOUNS = frozenset(
    "base bases facility facilities position positions location locations "
    "camp camps headquarters compound compounds outpost outposts "
    "site sites depot depots warehouse warehouses office offices "
    "airfield airfields checkpoint checkpoints".split()
)
#: "facilities controlled by X": the participle that names the owner of a site
_OWNING_VERBS = frozenset("control own use run operate hold belong occupy man".split())
_PART_NOUNS = frozenset({"part", "member", "members", "component", "wing", "branch", "unit"})


@dataclass(frozen=True, slots=True)
class Arg:
    """An argument of a candidate fact."""

    span: Span
    factor: float = 1.0  #: confidence multiplier (coreference, inference)


class SentenceReader:
    """Indexes a sentence's actor mentions and answers "which actor is this token?"."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer | None = None) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.by_root: dict[int, list[Span]] = {}
        self.spans: list[Span] = list(doc.spans.get("actors", []))
        self.by_token: dict[int, Span] = {}
        self.coref = {(s.start, s.end) for s in doc.spans.get("coref", [])}
        #: keys of entities named outright (by the model or the gazetteer), not derived
        self.named = {e.kb_id_ for e in doc.ents}
        self.named_spans = {(e.start, e.end) for e in doc.ents}
        self.demonyms: dict[int, Span] = {t.i: d for d in doc.spans.get("demonyms", []) for t in d}
        #: the subject of the latest attack read so far (for "condemned the attack")
        self.last_attacker: Arg | None = None
        for span in doc.spans.get("actors", []):
            self.by_root.setdefault(span.root.i, []).append(span)
            for t in span:
                cur = self.by_token.get(t.i)
                if cur is None or len(span) < len(cur):
                    self.by_token[t.i] = span

    def mention(self, tok: Token) -> Span | None:
        """The mention headed by, else containing, this token."""
        rooted = self.by_root.get(tok.i)
        return rooted[0] if rooted else self.by_token.get(tok.i)

    def named_or_demonym(self, tok: Token) -> Span | None:
        """The mention at a token, else the demonym there ("Iranian" in "Iranian-backed")."""
        return self.mention(tok) or self.demonyms.get(tok.i)

    def in_sentence(self, sent: Span) -> list[Span]:
        """Every actor mention that starts in the sentence, in text order."""
        return [s for s in self.spans if sent.start <= s.start < sent.end]

    def factor(self, span: Span) -> float:
        return 0.7 if (span.start, span.end) in self.coref else 1.0

    def arg(self, span: Span, factor: float = 1.0) -> Arg:
        return Arg(span, factor * self.factor(span))

    def actors(self, tok: Token, *, sites: bool = False) -> list[Arg]:
        """Actors a noun phrase headed by ``tok`` names, following coordination."""
        out = self._one(tok, sites=sites)
        for conj in _conjuncts(tok):
            out += self._one(conj, sites=sites)
        return out

    def _one(self, tok: Token, *, sites: bool) -> list[Arg]:
        rooted = self.by_root.get(tok.i)
        if rooted:  # "Iraqi and U.S. troops" is two forces rooted at one noun
            return [self.arg(m) for m in rooted]
        m = self.mention(tok)
        if m is not None:
            return [self.arg(m)]
        owner = self.owner(tok)
        if owner is not None:
            return [owner]
        low = tok.lower_
        if (
            low in {"one", "some", "many", "several", "most", "all", "each", "none"}
            or tok.pos_ == "NUM"
        ):
            for c in tok.children:  # "one of X", "some of these groups"
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self._one(p, sites=sites)
        if sites and (
            low in _SITE_NOUNS
            or tok.lemma_ in _SITE_NOUNS
            or any(c.dep_ == "acl" and c.lemma_ in _OWNING_VERBS for c in tok.children)
        ):
            return self.site_owners(tok)
        return []

    def owner(self, noun: Token) -> Arg | None:
        """The actor a descriptive noun stands for: "the KH militia group", "X, a militia"."""
        if noun.pos_ not in {"NOUN", "PROPN"}:
            return None
        for c in noun.children:  # "the Kataib Hezbollah militia group"
            if c.dep_ in {"compound", "nmod"} and noun.lower_ in DESCRIPTOR_TYPES:
                m = self.mention(c)
                if m is not None and m.label_ in _ACTORS and _describes(noun.lower_, m.label_):
                    return self.arg(m)
        if noun.dep_ == "appos":  # "KH, an Iranian-backed militia"
            m = self.mention(noun.head)
            if m is not None:
                return self.arg(m)
        # apposition by shape, whatever the parse says: "The PMF, an umbrella group ..."
        left = noun.left_edge.i
        if left >= 2 and self.doc[left - 1].text == "," and noun.sent.start < left - 1:
            m = self.mention(self.doc[left - 2])
            if m is not None and m.end == left - 1 and m.label_ in _ACTORS:
                return self.arg(m)
        for c in noun.children:  # "the militia, KH,"
            if c.dep_ == "appos":
                m = self.mention(c)
                if m is not None and m.label_ in _ACTORS:
                    return self.arg(m)
        if noun.dep_ == "attr" and noun.head.lemma_ == "be":  # "KH is an Iran-backed militia"
            for c in noun.head.children:
                if c.dep_ == "nsubj":
                    m = self.mention(c)
                    if m is not None:
                        return self.arg(m)
        return None

    def site_owners(self, noun: Token) -> list[Arg]:
        """Who a base or facility belongs to: "US bases", "KH's positions", "bases of X"."""
        out: list[Arg] = []
        for c in noun.children:
            if c.dep_ in {"poss", "compound", "amod", "nmod"}:
                m = self.mention(c)
                if m is not None and m.label_ in _ACTORS:
                    out.append(self.arg(m))
            elif c.dep_ == "acl" and c.lemma_ in _OWNING_VERBS:  # "facilities controlled by X"
                for a in c.children:
                    if a.dep_ == "agent":
                        for p in a.children:
                            if p.dep_ == "pobj":
                                out += self.actors(p)
            elif c.dep_ == "prep" and c.lower_ in {"of", "belonging"}:
                for p in c.children:
                    if p.dep_ == "pobj":
                        out += [a for a in self.actors(p) if a.span.label_ in _ACTORS]
        return out


_PORTFOLIO_TITLES = frozenset({"secretary", "minister", "secretaries", "ministers"})

#: attack verbs that, between two people, are usually words ("X attacked Y's record")
_VERBAL_ATTACKS = frozenset({"attack", "hit", "target", "slam", "assault"})

#: prepositions that introduce a verb's target, per relation
_VERB_PREPS: dict[str, set[str]] = {
    "attacked": {"against", "on", "at"},
    "fightsAgainst": {"against"},
    "threatened": {"against"},
    "accused": {"against"},
    "condemned": {"against"},
}

#: actors whose presence "in" a place is a deployment ("ISIS in Iraq", "US troops in Iraq")
_DEPLOYABLE = frozenset({"ArmedGroup", "MilitaryForce", "Coalition"})

#: prepositions after a title that give a topic or a place, not an employer
_NOT_EMPLOYER = frozenset({"on", "about", "in", "to", "from", "near", "over"})


def _demote(relation: str, toks: list[Token], title: Token, reader: SentenceReader) -> str:
    """A head of a unit or function inside an organisation is a member of it, not its leader.

    "PMU leader X" leads the PMU; "45th PMU Brigade logistical support chief X" does not.
    """
    if relation != "leaderOf":
        return relation
    org_end = max(
        (t.i for t in toks if t.i < title.i and _is_org_or_state(reader.mention(t))), default=-1
    )
    between = [
        t
        for t in toks
        if org_end < t.i < title.i
        and t.pos_ in {"NOUN", "PROPN", "ADJ"}
        and t.lower_ not in {"prime", "supreme", "top", "former", "deputy", "acting", "then"}
    ]
    if org_end >= 0 and between:
        return "memberOf"
    return relation


def _in_list(span: Span, reader: SentenceReader) -> bool:
    """Whether a place continues a list ("Iraq, Syria and Lebanon") rather than closing a
    "City, Region" pair ("Livingston, Texas, then ...")."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is None or nxt.lower_ in {"and", "or"}:
        return nxt is not None
    if nxt.text != ",":
        return False
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None
    if after is None:
        return False
    if after.lower_ in {"and", "or"}:
        return True
    m = reader.mention(after)
    return m is not None and m.label_ in {"Country", "Place", "Facility"}


def _portfolio(m: Span) -> bool:
    """A ministerial portfolio the model took for an organisation: "Education Secretary",
    "Shadow Home Secretary", "Secretary of State for Trade and Industry"."""
    if not m.kb_id_.startswith("name:"):
        return False
    head = m.root.head
    if m.root.dep_ == "compound" and head.lower_ in _PORTFOLIO_TITLES:
        return True
    return m.root.dep_ == "pobj" and head.head.lower_ in _PORTFOLIO_TITLES


def _is_org_or_state(span: Span | None) -> bool:
    return span is not None and span.label_ in _ORG_TYPES | {"Country"}


def _describes(noun: str, etype: str) -> bool:
    """Whether a descriptive noun can stand for an entity of this type ("militia" a group,
    not "embassy" a country)."""
    kind = DESCRIPTOR_TYPES[noun]
    if kind in _ORG_TYPES:
        return etype in _ORG_TYPES
    return kind == etype


def _conjuncts(tok: Token) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ == "conj":
            out.append(c)
            out += _conjuncts(c)
    return out


def _pobjs(tok: Token, preps: Set[str]) -> Iterator[Token]:
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    yield p


@dataclass(frozen=True, slots=True)
class Candidate:
    subject: Arg
    relation: str
    object: Arg
    extractor: str
    factor: float = 1.0


def agents_of(verb: Token, reader: SentenceReader) -> tuple[list[Arg], bool]:
    """Agents of a verb and whether it is passive; inherits along conj/xcomp/relcl."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if passive:
        agents = [a for p in _pobjs(verb, {"by"}) for a in reader.actors(p)]
        return agents, True
    node = verb
    for _ in range(4):
        subs = [c for c in node.children if c.dep_ in {"nsubj", "csubj"}]
        if subs:
            out = []
            for s in subs:
                if s.lower_ in {"which", "who", "that"} and node.dep_ == "relcl":
                    out += reader.actors(node.head)
                else:
                    out += reader.actors(s)
            return out, False
        if node.dep_ in {"relcl", "acl"} and node.head.pos_ in {"NOUN", "PROPN"}:
            return reader.actors(node.head), False
        if node.dep_ == "pcomp" and node.head.head.pos_ in {"VERB", "AUX"}:
            # "convicted X of killing Y", "X was accused of attacking Y"
            gov = node.head.head
            deps = {"dobj"} if not any(c.dep_ == "auxpass" for c in gov.children) else {"nsubjpass"}
            doers = [a for c in gov.children if c.dep_ in deps for a in reader.actors(c)]
            if doers:
                return doers, False
        if node.dep_ == "pcomp" and node.head.head.pos_ == "NOUN":  # "X's role in fighting Y"
            owners = [
                m
                for c in node.head.head.children
                if c.dep_ == "poss"
                for m in [reader.mention(c)]
                if m is not None
            ]
            return [reader.arg(m) for m in owners], False
        if node.dep_ not in {"conj", "xcomp", "advcl", "ccomp"} or node.head == node:
            break
        node = node.head
    return [], False


def described(noun: Token, reader: SentenceReader) -> list[Arg]:
    """Actors a descriptive noun phrase is said of (apposition, copula, coordination)."""
    m = reader.mention(noun)
    if m is not None:
        return [reader.arg(m)]
    owner = reader.owner(noun)
    if owner is not None:
        return [owner]
    # "KH or another Iran-linked militia" / "KH and other Iran-backed groups"
    if noun.dep_ == "conj" and any(c.lower_ in {"other", "another"} for c in noun.children):
        head = reader.mention(noun.head)
        if head is not None:
            return [Arg(head, 0.75 * reader.factor(head))]
    # "X, an umbrella group comprised of Iran-backed militias"
    if (
        noun.dep_ == "pobj"
        and noun.head.head.dep_ == "acl"
        and noun.head.head.lemma_ in {"comprise", "compose", "consist", "make"}
    ):
        return described(noun.head.head.head, reader)
    return []
