"""``actor_relations``: subject-relation-object facts from the dependency parse.

Each pattern is a small function over one sentence that yields candidate facts
with the extractor's name and a confidence. The component then drops facts
whose argument types do not fit the relation's domain and range in the
ontology, self-loops and duplicates, and writes ``doc._.facts``.

Confidence is an estimate of the probability that the sentence states the
fact as extracted. Each extractor has a base value (see ``BASE_CONFIDENCE``),
multiplied by 0.7 when an argument was found by coreference, 0.8 under a weak
modal ("may", "might"), and 0.75 when an argument is inferred through
coordination ("X and other Iran-backed groups").
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from actorgraph.ontology import ORGANIZATION_TYPES, Schema, load_schema

from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import (
    ACCUSATION_NOUNS,
    ACTION_NOUNS,
    AGAINST_PREFIXES,
    BACKING_PARTICIPLES,
    CONDITIONAL_MARKS,
    DEPUTY_WORDS,
    DESCRIPTOR_TYPES,
    EVENT_NOUNS,
    EXAMPLE_PREPS,
    FORCE_NOUNS,
    HEDGE_MODALS,
    HOME_NOUNS,
    KILLER_NOUNS,
    LIGHT_VERB_PHRASES,
    MEMBER_NOUNS,
    MULTIWORD_TITLES,
    NEGATING_VERBS,
    OFFICE_BODIES,
    PLACE_VERBS,
    REVERSED_VERBS,
    SYMMETRIC_NOUNS,
    TIE_VERBS,
    TITLE_RELATIONS,
    VERB_RELATIONS,
    WEAK_MODALS,
)
from .normalize import fold
from .records import ExtractedFact, LocalEntity
from .resolve import ensure_extensions

BASE_CONFIDENCE: dict[str, float] = {
    "verb": 0.85,
    "passive": 0.85,
    "light_verb": 0.8,
    "title": 0.9,
    "appos_title": 0.9,
    "possessive": 0.75,
    "modifier_backing": 0.8,
    "against_prefix": 0.75,
    "between": 0.8,
    "action_noun": 0.7,
    "locative": 0.75,
    "presence": 0.75,
    "host": 0.85,
    "where_located": 0.8,
    "copula_part": 0.85,
    "ties": 0.7,
    "member_examples": 0.8,
    "home_to": 0.75,
    "accusation_noun": 0.75,
    "office": 0.9,
    "demonym_name": 0.7,
    "verb_location": 0.6,
    "fronted_locative": 0.6,
    "based": 0.8,
    "killer_noun": 0.8,
}

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

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
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


# -- assertion checks ----------------------------------------------------------------


#: verbs whose complement is somebody's claim, not the article's assertion
CLAIM_VERBS = frozenset("accuse blame charge suspect allege claim deny".split())


def assertion_factor(verb: Token) -> float:
    """0 when the clause is negated, conditional, hypothetical or a question."""
    sent = verb.sent
    if sent.text.rstrip().rstrip("\"”’'").endswith("?"):
        return 0.0
    factor = 1.0
    node = verb
    for _ in range(4):
        for c in node.children:
            if c.dep_ == "neg" or (
                c.lower_ in {"never", "not", "n't", "no"} and c.dep_ in {"neg", "advmod"}
            ):
                return 0.0
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                return 0.0
            if c.dep_ == "aux" and c.lower_ in HEDGE_MODALS:
                return 0.0
            if c.dep_ == "aux" and c.lower_ in WEAK_MODALS:
                factor = min(factor, 0.8)
        if node.dep_ in {"xcomp", "ccomp"} and node.head.lemma_ in NEGATING_VERBS:
            return 0.0
        # "blamed the US for supporting ISIS": what an accusation says is the accuser's
        # claim (an accused fact), not something the article asserts
        if node.dep_ == "pcomp" and node.head.head.lemma_ in CLAIM_VERBS:
            return 0.0
        if node.dep_ == "ccomp" and node.head.lemma_ in CLAIM_VERBS - {"accuse", "blame"}:
            return 0.0
        if node.dep_ not in {"xcomp", "conj", "aux"} or node.head == node:
            break
        node = node.head
    return factor


# -- the extractor -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    subject: Arg
    relation: str
    object: Arg
    extractor: str
    factor: float = 1.0


class RelationExtractor:
    """Runs every pattern over every sentence and keeps the facts that fit the ontology."""

    def __init__(
        self, schema: Schema, min_confidence: float = 0.0, gazetteer: Gazetteer | None = None
    ) -> None:
        self.schema = schema
        self.min_confidence = min_confidence
        self.gazetteer = gazetteer
        self.patterns = (
            self.ties,
            self.member_examples,
            self.home_to,
            self.accusation_nouns,
            self.verb_location,
            self.fronted_locative,
            self.based,
            self.killers,
            self.verbs,
            self.titles,
            self.possessives,
            self.modifier_backing,
            self.against_prefix,
            self.between,
            self.action_nouns,
            self.locatives,
            self.copula_part,
        )

    def __call__(self, doc: Doc) -> Doc:
        ensure_extensions()
        reader = SentenceReader(doc)
        facts: dict[tuple[str, str, str, int], ExtractedFact] = {}
        for sent in doc.sents:
            if sent.text.rstrip().rstrip("\"”’'").endswith("?"):
                continue  # no facts from questions
            for pattern in self.patterns:
                for cand in pattern(sent, reader):
                    fact = self._accept(cand, sent)
                    if fact is None:
                        continue
                    k = (fact.subject, fact.relation, fact.object, fact.start)
                    if k not in facts or facts[k].confidence < fact.confidence:
                        facts[k] = fact
                    if fact.relation == "attacked" and cand.subject.span.label_ != "Person":
                        reader.last_attacker = cand.subject
        doc._.facts = sorted(
            facts.values(), key=lambda f: (f.start, f.subject, f.relation, f.object)
        )
        return doc

    def _accept(self, c: Candidate, sent: Span) -> ExtractedFact | None:
        s, o = c.subject.span, c.object.span
        entities = sent.doc._.actor_entities
        if entities is not None:
            for span in (s, o):
                if span.kb_id_ not in entities and not self._add_entity(entities, span):
                    return None
        if s.kb_id_ == o.kb_id_ or not self.schema.fits(c.relation, s.label_, o.label_):
            return None
        if (
            c.relation == "attacked"
            and s.label_ == o.label_ == "Person"
            and c.extractor == "action_noun"
        ):
            return None  # "Butler launches attack on Blair": words, not weapons
        conf = BASE_CONFIDENCE[c.extractor] * c.factor * c.subject.factor * c.object.factor
        if conf < self.min_confidence or conf <= 0:
            return None
        return ExtractedFact(
            subject=s.kb_id_,
            relation=c.relation,
            object=o.kb_id_,
            start=sent.start_char,
            end=sent.end_char,
            extractor=c.extractor,
            confidence=round(conf, 3),
        )

    def _add_entity(self, entities: dict[str, LocalEntity], span: Span) -> bool:
        """Register an entity named only inside another name ("Canadian" in a ministry's name)."""
        entry = self.gazetteer.entries.get(span.kb_id_[4:]) if self.gazetteer else None
        if entry is None:
            return False
        aliases = (span.text,) if span.text != entry.name else ()
        entities[span.kb_id_] = LocalEntity(span.kb_id_, entry.name, entry.type, aliases, 1)
        return True

    # -- new patterns --------------------------------------------------------------

    def ties(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        """ "linking them to the IRGC", "militias closely tied to Iran" -> backedBy."""
        for verb in sent:
            if verb.lemma_.lower() not in TIE_VERBS or assertion_factor(verb) == 0:
                continue
            backers = [
                a
                for p in _pobjs(verb, {"to", "with"})
                for a in reader.actors(p)
                if a.span.label_ in _ACTORS
            ]
            if not backers:
                continue
            tied = [
                a
                for c in verb.children
                if c.dep_ in {"dobj", "nsubjpass"}
                for a in reader.actors(c)
            ]
            if verb.dep_ in {
                "acl",
                "amod",
                "acomp",
            }:  # "the militia targets are closely tied to Iran"
                head = verb.head
                if verb.dep_ == "acomp":
                    tied += [
                        a for c in head.children if c.dep_ == "nsubj" for a in reader.actors(c)
                    ]
                else:
                    tied += reader.actors(head)
            for t in tied:
                if t.span.label_ in _ORG_TYPES:
                    for b in backers:
                        yield Candidate(t, "backedBy", b, "ties")

    def member_examples(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        """ "NATO allies like Denmark", "members such as Jordan" -> memberOf."""
        for tok in sent:
            if tok.lower_ not in MEMBER_NOUNS:
                continue
            groups = [
                reader.mention(c) for c in tok.children if c.dep_ in {"compound", "nmod", "poss"}
            ]
            groups += [m for p in _pobjs(tok, {"of"}) for m in [reader.mention(p)]]
            orgs = [g for g in groups if g is not None and g.label_ in _ORG_TYPES]
            if not orgs:
                continue
            examples = [a for p in _pobjs(tok, EXAMPLE_PREPS) for a in reader.actors(p)]
            for c in tok.children:  # "such as": (prep such) -> (prep as) -> pobj
                if c.dep_ == "amod" and c.lower_ == "such":
                    examples += [a for p in _pobjs(c, {"as"}) for a in reader.actors(p)]
            for ex in examples:
                if ex.span.label_ in {"Country", "Person"} | _ORG_TYPES:
                    for org in orgs:
                        yield Candidate(ex, "memberOf", reader.arg(org), "member_examples")

    def home_to(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        """ "a base in the Kurdistan region, home to American troops" -> presentIn."""
        for tok in sent:
            if tok.lower_ not in HOME_NOUNS:
                continue
            residents = [
                a
                for p in _pobjs(tok, {"to"})
                for a in reader.actors(p)
                if a.span.label_ in _ACTORS - {"Person"}
            ]
            if not residents:
                continue
            host = tok.head if tok.dep_ in {"appos", "attr"} else None
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

    def accusation_nouns(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        """ "Washington's charge that KH was behind it" -> accused."""
        for tok in sent:
            if tok.lower_ not in ACCUSATION_NOUNS:
                continue
            nouns = [tok] + ([tok.head] if tok.dep_ == "conj" else []) + _conjuncts(tok)
            accusers = [
                reader.arg(m)
                for n in nouns
                for c in n.children
                if c.dep_ == "poss"
                for m in [reader.mention(c)]
                if m is not None and m.label_ in _ACTORS
            ]
            accused = [
                a
                for n in nouns
                for c in n.children
                if c.dep_ in {"acl", "ccomp", "relcl"}
                for s in c.children
                if s.dep_ in {"nsubj", "nsubjpass"}
                for a in reader.actors(s)
            ]
            for a in accusers:
                for b in accused:
                    yield Candidate(a, "accused", b, "accusation_noun")

    def based(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        """ "the Houston-based company", "X, based in Y", "headquartered in Y" -> presentIn."""
        doc = sent.doc
        for tok in sent:
            if tok.lower_ not in {"based", "headquartered"}:
                continue
            places: list[Arg] = []
            if tok.i >= 2 and doc[tok.i - 1].text == "-":  # "Houston-based"
                m = reader.mention(doc[tok.i - 2])
                if m is not None and m.label_ in {"Place", "Country"}:
                    places.append(reader.arg(m))
            places += [
                a
                for p in _pobjs(tok, {"in", "at"})
                for a in reader.actors(p)
                if a.span.label_ in {"Place", "Country", "Facility"}
            ]
            if not places:
                continue
            head = tok.head
            owners = self._described(head, reader) if head.pos_ in {"NOUN", "PROPN"} else []
            if tok.dep_ in {"acomp", "attr"} or (tok.dep_ == "ROOT" or head.lemma_ == "be"):
                owners += [
                    a
                    for c in tok.children
                    if c.dep_ in {"nsubj", "nsubjpass"}
                    for a in reader.actors(c)
                ]
            for o in owners:
                if o.span.label_ in _ACTORS - {"Person"}:
                    for pl in places:
                        yield Candidate(o, "presentIn", pl, "based")

    def killers(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        """ "Kennedy's assassin Sirhan", "Sirhan, the killer of Kennedy" -> attacked."""
        for tok in sent:
            if tok.lower_ not in KILLER_NOUNS:
                continue
            victims = [reader.mention(c) for c in tok.children if c.dep_ in {"poss", "compound"}]
            victims += [reader.mention(p) for p in _pobjs(tok, {"of"})]
            killers = [reader.mention(c) for c in tok.children if c.dep_ == "appos"]
            if tok.dep_ in {"compound", "appos"}:
                killers.append(reader.mention(tok.head))
            if tok.i + 1 < sent.end:  # "assassin Ali Hassan", whatever the parse
                nxt = reader.mention(sent.doc[tok.i + 1])
                if nxt is not None and nxt.start == tok.i + 1:
                    killers.append(nxt)
            for k in killers:
                for v in victims:
                    if k is not None and v is not None and k.label_ == "Person":
                        yield Candidate(reader.arg(k), "attacked", reader.arg(v), "killer_noun")

    def fronted_locative(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
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

    def verb_location(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        """An armed actor acting "in/within" a place is present there: "ISIS ... within Syria"."""
        for verb in sent:
            if verb.pos_ != "VERB" or assertion_factor(verb) == 0:
                continue
            agents, passive = self._subjects(verb, reader)
            if passive:
                continue
            agents = [
                a for a in agents if a.span.label_ in {"ArmedGroup", "MilitaryForce", "Coalition"}
            ]
            if not agents:
                continue
            heads = [verb] + [
                c for c in verb.children if c.dep_ == "dobj" and reader.mention(c) is None
            ]
            places = [
                a
                for h in heads
                for p in _pobjs(h, {"in", "within", "inside", "across"})
                for a in reader.actors(p)
                if a.span.label_ in {"Country", "Place"}
            ]
            for a in agents:
                for pl in places:
                    yield Candidate(a, "presentIn", pl, "verb_location")

    # -- verbs ---------------------------------------------------------------------

    @staticmethod
    def _subjects(verb: Token, reader: SentenceReader) -> tuple[list[Arg], bool]:
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
                deps = (
                    {"dobj"}
                    if not any(c.dep_ == "auxpass" for c in gov.children)
                    else {"nsubjpass"}
                )
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

    def verbs(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        for verb in sent:
            if verb.pos_ not in {"VERB", "AUX"}:
                continue
            lemma = verb.lemma_.lower()
            light = self._light_relation(verb)
            relation = light or VERB_RELATIONS.get(lemma)
            if relation is None:
                continue
            if lemma == "warn" and any(c.dep_ == "xcomp" for c in verb.children):
                continue  # "warned the BBC to steer away": advice, not a threat
            factor = assertion_factor(verb)
            if factor == 0:
                continue
            agents, passive = self._subjects(verb, reader)
            if passive:
                patients = [
                    a for c in verb.children if c.dep_ == "nsubjpass" for a in reader.actors(c)
                ]
            else:
                patients = [
                    a
                    for c in verb.children
                    if c.dep_ in {"dobj", "dative"}
                    for a in reader.actors(c, sites=relation == "attacked")
                ]
            # "fired at X", "strikes on X" are attacks; other relations take "against" only
            preps = _VERB_PREPS.get(relation, set())
            patients += [a for p in _pobjs(verb, preps) for a in reader.actors(p, sites=True)]
            if not patients and relation in {"condemned", "accused", "threatened"}:
                patients = self._event_agents(verb, reader)
            extractor = "light_verb" if light else ("passive" if passive else "verb")
            if lemma in PLACE_VERBS and relation == "presentIn":
                places = [
                    a
                    for p in _pobjs(verb, {"in", "to", "at", "into"})
                    for a in reader.actors(p)
                    if a.span.label_ in _PLACES
                ]
                objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
                military = any(
                    o.lower_ in FORCE_NOUNS or o.lemma_ in FORCE_NOUNS for o in objs
                ) or any(p.span.label_ in {"MilitaryForce", "Weapon"} for p in patients)
                if lemma in {"send", "dispatch"} and not military:
                    continue
                troops = [p for p in patients if p.span.label_ in _ACTORS]
                who = troops or agents
                for t in who:
                    for pl in places:
                        yield Candidate(t, "presentIn", pl, extractor, factor)
                continue
            for a in agents:
                for p in patients:
                    if (
                        relation == "attacked"
                        and lemma in _VERBAL_ATTACKS
                        and a.span.label_ == p.span.label_ == "Person"
                    ):
                        continue  # "Fox attacked Blair" in politics is criticism
                    if lemma in REVERSED_VERBS and not light:
                        yield Candidate(
                            p, relation, a, "host" if relation == "presentIn" else extractor, factor
                        )
                    else:
                        yield Candidate(a, relation, p, extractor, factor)

    @staticmethod
    def _event_agents(verb: Token, reader: SentenceReader) -> list[Arg]:
        """Who did the act a verb condemns: "slammed the US attack", "condemned it".

        The event's own agent when it has one ("the US attack", "Israel's strikes"),
        else the latest attacker read earlier in the article (event coreference).
        """
        for obj in verb.children:
            if obj.dep_ not in {"dobj", "nsubjpass"}:
                continue
            event = obj.lemma_.lower() in EVENT_NOUNS or obj.lower_ in EVENT_NOUNS
            if not event and not (obj.lower_ == "it" and obj.pos_ == "PRON"):
                continue
            own = [
                reader.arg(m)
                for c in obj.children
                if c.dep_ in {"poss", "compound", "amod"}
                for m in [reader.named_or_demonym(c)]
                if m is not None
            ]
            if own:
                return own
            if reader.last_attacker is not None:
                return [Arg(reader.last_attacker.span, 0.7 * reader.last_attacker.factor)]
        return []

    @staticmethod
    def _light_relation(verb: Token) -> str | None:
        """ "vowed revenge", "held X responsible", "identified as being responsible"."""
        lemma = verb.lemma_.lower()
        for c in verb.children:
            # "as being responsible": look a few levels down a preposition
            words = [w for w in c.subtree if w.i - c.i <= 3] if c.dep_ == "prep" else [c]
            for w in words:
                rel = LIGHT_VERB_PHRASES.get((lemma, w.lower_)) or LIGHT_VERB_PHRASES.get(
                    (lemma, w.lemma_.lower())
                )
                if rel:
                    return rel
        return None

    # -- titles: "PMU leader X", "Iraqi President X", "X, spokeswoman for Y" ---------

    def titles(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        for person in reader.in_sentence(sent):
            if person.label_ != "Person" or not (sent.start <= person.start < sent.end):
                continue
            if (person.start, person.end) in reader.coref:
                continue
            # title words before the name, inside the same noun phrase
            yield from self._pre_title(person, sent, reader)
            # appositive titles: "X, spokeswoman for Y", "One of the PMF commanders, X"
            yield from self._appos_title(person, reader)

    def _title_relation(self, toks: list[Token]) -> tuple[str, Token] | None:
        """The relation a title among ``toks`` gives its holder, and the title's head word.

        "Deputy leader" and "vice chairman" hold office under the head: affiliatedWith.
        """
        for i, t in enumerate(toks):
            found: tuple[str, Token] | None = None
            if i + 1 < len(toks):
                key = MULTIWORD_TITLES.get((t.lower_, toks[i + 1].lower_))
                if key:
                    found = TITLE_RELATIONS[key], toks[i + 1]
            if found is None:
                rel = TITLE_RELATIONS.get(t.lower_) or TITLE_RELATIONS.get(t.lemma_.lower())
                if rel and t.pos_ in {"NOUN", "PROPN"}:
                    found = rel, t
                elif t.lower_ == "pm" or t.text == "PM":
                    found = "leaderOf", t
            if found is None:
                continue
            if found[0] == "leaderOf" and any(
                x.lower_ in DEPUTY_WORDS for x in toks[max(0, i - 2) : i]
            ):
                return "affiliatedWith", found[1]
            return found
        return None

    def _pre_title(self, person: Span, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        """Titles in the words right before a name that depend on it ("PMU leader X")."""
        if person.root.dep_ in {"compound", "poss", "amod"}:
            return  # "the Obama administration": the name modifies something else
        attached = {t.i for t in person.root.subtree}
        i = person.start - 1
        window: list[Token] = []
        while i >= sent.start and len(window) < 8:
            t = sent.doc[i]
            if (
                t.i not in attached
                or t.text in {",", ";", ":", "(", ")", "[", "]", "—", "–"}
                or t.pos_
                in {
                    "VERB",
                    "AUX",
                    "SCONJ",
                    "CCONJ",
                    "PRON",
                }
            ):
                break
            window.insert(0, t)
            i -= 1
        if not window:
            return
        office = self._office(window)
        if office is not None:
            body, office_toks = office
            window = [t for t in window if t.i not in office_toks]
            yield Candidate(reader.arg(person), "affiliatedWith", Arg(body), "office")
        found = self._title_relation(window)
        if found is None:
            if office is not None:
                for org in self._orgs_in(window, reader, person):
                    if org.span.label_ == "Country":
                        yield Candidate(reader.arg(person), "affiliatedWith", org, "office")
            return
        relation, title = found
        relation = _demote(relation, window, title, reader)
        after = [
            t
            for p in person.root.children
            if p.dep_ == "prep" and p.lower_ in {"of", "for", "at"}
            for t in p.subtree
        ]  # "Deputy leader X of Hamas"
        orgs = self._orgs_in(window + after, reader, person)
        for org in orgs:
            yield Candidate(reader.arg(person), relation, org, "title")

    def _office(self, window: list[Token]) -> tuple[Span, set[int]] | None:
        """A known office in the words before a name: "Secretary of State", "Defense Secretary"."""
        if self.gazetteer is None:
            return None
        words = [fold(t.text) for t in window]
        for i in range(len(window)):
            for j in range(len(window), i, -1):
                body = OFFICE_BODIES.get(" ".join(w for w in words[i:j] if w))
                if body is None:
                    continue
                match = self.gazetteer.lookup(body)
                if match is None:
                    return None
                doc = window[0].doc
                span = Span(
                    doc,
                    window[i].i,
                    window[j - 1].i + 1,
                    label=match.entry.type,
                    kb_id=match.entry.key,
                )
                return span, {t.i for t in window[i:j]}
        return None

    def _orgs_in(self, toks: list[Token], reader: SentenceReader, person: Span) -> list[Arg]:
        seen: dict[str, Arg] = {}
        for t in toks:
            m = reader.named_or_demonym(t)
            if (
                m is not None
                and m.kb_id_ != person.kb_id_
                and m.label_ in _ACTORS
                and m.label_ != "Person"
                and not _portfolio(m)
            ):
                seen.setdefault(m.kb_id_, reader.arg(m))
        return list(seen.values())

    def _appos_title(self, person: Span, reader: SentenceReader) -> Iterator[Candidate]:
        root = person.root
        titles: list[Token] = [
            c
            for c in root.children
            if c.dep_ == "appos" or (c.dep_ == "conj" and c.lower_ in TITLE_RELATIONS)
        ]
        if root.dep_ == "appos":
            titles.append(root.head)
        for title in titles:
            lefts = [c for c in title.lefts if c.dep_ in {"compound", "amod"}]
            found = self._title_relation([*lefts, title])
            if found is None:
                continue
            left_words = [t for left in title.lefts for t in left.subtree]
            relation = _demote(found[0], [*left_words, title], found[1], reader)
            orgs: list[Arg] = []
            # "adviser on Iraq", "cleric in Iraq", "ambassador in Washington": topic or
            # location, not the organisation the person works for
            skip = {
                t.i
                for p in title.children
                if p.dep_ == "prep" and p.lower_ in _NOT_EMPLOYER
                for t in p.subtree
            }
            for c in title.subtree:
                if c.i in {t.i for t in person} or c.i in skip:
                    continue
                m = reader.mention(c)
                if (
                    m is not None
                    and m.label_ in _ORG_TYPES | {"Country"}
                    and m.kb_id_ != person.kb_id_
                    and not _portfolio(m)
                ) and all(o.span.kb_id_ != m.kb_id_ for o in orgs):
                    orgs.append(reader.arg(m))
            for d in reader.doc.spans.get("demonyms", []):
                if d.root.head == title and d.root.dep_ == "amod":
                    orgs.append(reader.arg(d))
            for org in orgs[:2]:
                yield Candidate(reader.arg(person), relation, org, "appos_title")

    # -- "Iran's Quds Force", "the Iranian IRGC" --------------------------------------

    def possessives(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        for m in reader.in_sentence(sent):
            if not (sent.start <= m.start < sent.end):
                continue
            if m.label_ not in {"GovernmentBody", "MilitaryForce", "MediaOrganization"}:
                continue
            heads = [m.root]
            if m.root.dep_ in {"compound", "nmod"} and m.root.head.pos_ == "NOUN":
                heads.append(m.root.head)  # "Iran's Tasnim media"
            named = m.kb_id_ in reader.named and (m.start, m.end) in reader.named_spans
            for c in (c for h in heads for c in h.children):
                adjacent = not any(t.dep_ in {"cc", "punct"} for t in reader.doc[c.i + 1 : m.start])
                if c.dep_ == "poss" or (
                    named and adjacent and c.dep_ in {"amod", "compound"} and c.i < m.start
                ):
                    owner = reader.named_or_demonym(c)
                    if owner is not None and owner.label_ == "Country":
                        yield Candidate(reader.arg(m), "partOf", reader.arg(owner), "possessive")
            # a name that starts with a country word: "the Canadian Defence Department"
            # (not national forces: "US forces" says no more than the name does)
            if (
                self.gazetteer is not None
                and len(m) > 1
                and m.kb_id_ in reader.named
                and m.label_ != "MilitaryForce"
            ):
                first = self.gazetteer.lookup(m[0].text)
                if (
                    first is not None
                    and first.entry.type == "Country"
                    and first.entry.key != m.kb_id_
                ):
                    country = Span(
                        reader.doc, m.start, m.start + 1, label="Country", kb_id=first.entry.key
                    )
                    yield Candidate(reader.arg(m), "partOf", Arg(country), "demonym_name")

    # -- "Iran-backed militias", "KH, an Iranian-backed militia" ------------------------

    def modifier_backing(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        for tok in sent:
            if (
                tok.lower_ not in BACKING_PARTICIPLES
                or tok.i < 2
                or sent.doc[tok.i - 1].text != "-"
            ):
                continue
            backer_tok = sent.doc[tok.i - 2]
            backer = reader.named_or_demonym(backer_tok)
            if backer is None or backer.label_ not in _ACTORS:
                continue
            noun = tok.head if tok.head.pos_ in {"NOUN", "PROPN"} else None
            if noun is None:
                continue
            for arg in self._described(noun, reader):
                yield Candidate(arg, "backedBy", reader.arg(backer), "modifier_backing", arg.factor)

    def _described(self, noun: Token, reader: SentenceReader) -> list[Arg]:
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
            return self._described(noun.head.head.head, reader)
        return []

    # -- "counter-ISIS Iraqi units" ----------------------------------------------------

    def against_prefix(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        for m in reader.in_sentence(sent):
            if not (sent.start <= m.start < sent.end) or m.start < 2:
                continue
            doc = sent.doc
            if doc[m.start - 1].text != "-" or doc[m.start - 2].lower_ not in AGAINST_PREFIXES:
                continue
            head = m.root.head
            while head.dep_ in {"compound", "amod"} and head.head != head:
                head = head.head
            for arg in reader.actors(head):
                if arg.span.kb_id_ != m.kb_id_:
                    yield Candidate(arg, "fightsAgainst", reader.arg(m), "against_prefix")

    # -- "tensions between X and Y" -----------------------------------------------------

    def between(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        for tok in sent:
            relation = SYMMETRIC_NOUNS.get(tok.lower_)
            if relation is None:
                continue
            for p in _pobjs(tok, {"between", "among"}):
                args = reader.actors(p)
                for i in range(len(args)):
                    for j in range(i + 1, len(args)):
                        yield Candidate(args[i], relation, args[j], "between")

    # -- "the US attack on X", "strikes against X", "the war against ISIS led by the US" -

    def action_nouns(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        for tok in sent:
            relation = ACTION_NOUNS.get(tok.lower_)
            if relation is None or tok.pos_ != "NOUN":
                continue
            preps = {"against"} if relation == "fightsAgainst" else {"on", "against"}
            targets = [a for p in _pobjs(tok, preps) for a in reader.actors(p, sites=True)]
            if not targets:
                continue
            agents = [
                reader.arg(m)
                for c in tok.children
                if c.dep_ in {"poss", "compound", "amod"}
                for m in [reader.named_or_demonym(c)]
                if m is not None
            ]
            agents += [a for p in _pobjs(tok, {"by"}) for a in reader.actors(p)]
            for c in tok.children:  # "the war ... led by the US"
                if c.dep_ == "acl":
                    agents += [a for p in _pobjs(c, {"by"}) for a in reader.actors(p)]
            if tok.dep_ in {"dobj"} and not agents:  # "X launched a campaign against Y"
                verb = tok.head
                if assertion_factor(verb) > 0:
                    agents = [
                        a for c in verb.children if c.dep_ == "nsubj" for a in reader.actors(c)
                    ]
            for a in agents:
                for t in targets:
                    yield Candidate(a, relation, t, "action_noun")

    # -- "Kirkuk, Iraq", "Amerli, in Salahuddin Province", "US troops in Iraq" -----------

    def locatives(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        doc = sent.doc
        for m in reader.in_sentence(sent):
            if not (sent.start <= m.start < sent.end):
                continue
            # "Kirkuk, Iraq" (comma-apposed larger place)
            if (
                m.label_ in {"Place", "Facility"}
                and m.end + 1 < sent.end
                and doc[m.end].text == ","
            ):
                nxt = reader.mention(doc[m.end + 1])
                if (
                    nxt is not None
                    and nxt.start == m.end + 1
                    and nxt.label_ in {"Country", "Place"}
                    and not _in_list(nxt, reader)
                ):
                    yield Candidate(reader.arg(m), "locatedIn", reader.arg(nxt), "locative")
            heads = [m.root]
            if m.root.dep_ in {"compound", "nmod"} and m.root.head.lower_ in DESCRIPTOR_TYPES:
                heads.append(m.root.head)  # "the Wagner militia in Libya"
            for p in (p for h in heads for p in _pobjs(h, {"in", "inside", "within"})):
                if m.label_ in {"Place", "Facility"}:
                    # no coordination here: "Kabul in Afghanistan and Pyongyang in ..."
                    place = reader.mention(p)
                    if place is not None and place.label_ in {"Country", "Place"}:
                        yield Candidate(reader.arg(m), "locatedIn", reader.arg(place), "locative")
                elif m.label_ in _DEPLOYABLE:
                    for where in reader.actors(p):
                        if where.span.label_ in {"Country", "Place", "Facility"}:
                            yield Candidate(reader.arg(m), "presentIn", where, "presence")
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
                                places += [
                                    a for p in _pobjs(pobj, {"in"}) for a in reader.actors(p)
                                ]
            if not places:
                continue
            owners = reader.site_owners(tok)
            if tok.dep_ == "dobj" and tok.head.lemma_ in {"have", "maintain", "operate", "control"}:
                owners += [
                    a for c in tok.head.children if c.dep_ == "nsubj" for a in reader.actors(c)
                ]
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
                            rel = (
                                "locatedIn"
                                if a.span.label_ in {"Place", "Facility"}
                                else "presentIn"
                            )
                            yield Candidate(a, rel, reader.arg(site), "where_located")

    # -- "KH and other groups, which are part of the PMU" ----------------------------------

    def copula_part(self, sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
        for tok in sent:
            if tok.lower_ not in _PART_NOUNS:
                continue
            wholes = [a for p in _pobjs(tok, {"of"}) for a in reader.actors(p)]
            if not wholes:
                continue
            relation = "partOf"
            parts: list[Arg] = []
            if tok.dep_ in {"attr", "acomp"} and tok.head.lemma_ == "be":  # "X is part of Y"
                verb = tok.head
                if assertion_factor(verb) == 0:
                    continue
                subj = [c for c in verb.children if c.dep_ == "nsubj"]
                for s in subj:
                    if s.lower_ in {"which", "who", "that"} and verb.dep_ == "relcl":
                        parts += reader.actors(verb.head)
                        if verb.head.dep_ == "conj":
                            parts += reader.actors(verb.head.head)
                    else:
                        parts += reader.actors(s)
            elif tok.dep_ == "appos":  # "PMF, ..., part of Iraq's security forces"
                parts += reader.actors(tok.head)
                node = tok.head
                while (
                    not parts
                    and node.dep_ in {"pobj", "prep", "acl", "appos"}
                    and node.head != node
                ):
                    node = node.head
                    parts += [a for a in reader.actors(node) if a.span.label_ in _ORG_TYPES]
            for part in parts:
                rel = "memberOf" if part.span.label_ in {"Person", "Country"} else relation
                for whole in wholes:
                    yield Candidate(part, rel, whole, "copula_part")


@Language.factory(
    "actor_relations",
    requires=["doc.spans", "doc._.actor_entities", "token.dep"],
    assigns=["doc._.facts"],
    default_config={"min_confidence": 0.0, "gazetteer_paths": []},
)
def make_actor_relations(
    nlp: Language, name: str, min_confidence: float, gazetteer_paths: list[str]
) -> RelationExtractor:
    ensure_extensions()
    return RelationExtractor(
        load_schema(), min_confidence=min_confidence, gazetteer=load_gazetteer(gazetteer_paths)
    )
