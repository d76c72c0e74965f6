"""What every relation pattern reads a sentence with: actor mentions, arguments,
candidates and the checks that a clause asserts its fact."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from actorgraph.ontology import ORGANIZATION_TYPES

from ..gazetteer import Gazetteer
from ..lexicon import (
    BEARINGS,
    DESCRIPTOR_TYPES,
    FIGHTER_NOUNS,
    FOLLOWER_NOUNS,
    FORCE_NOUNS,
    LED_NOUNS,
    OF_PLACE_NOUNS,
    PROXY_NOUNS,
    QUANTITY_WORDS,
    SENT_NOUNS,
    VOICE_NOUNS,
)
from ..normalize import fold
from .context import capital_country, doc_context
from .phrases import (
    _companions,
    _conjuncts,
    _examples,
    _named_as,
    _object_controlled,
    _place_noun,
    _pobjs,
    _relative_before,
    _speaker_goes_on,
    army_before,
    stranded,
)

_ORG_TYPES = ORGANIZATION_TYPES
_ACTORS = _ORG_TYPES | {"Person", "Country"}
_PLACES = frozenset({"Place", "Facility", "Country"})
#: actors whose presence "in" a place is a deployment ("ISIS in Iraq", "US troops in Iraq")
_DEPLOYABLE = frozenset({"ArmedGroup", "MilitaryForce", "Coalition"})
#: organisations whose people are "fighters" or "militants"
_FIGHTING_ORGS = _DEPLOYABLE | {"PoliticalGroup"}
#: nouns for armed men said to follow someone ("Hifter's forces", "rebels loyal to X")
_FOLLOWED_NOUNS = LED_NOUNS | FOLLOWER_NOUNS
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
        self._in_sentence: dict[tuple[int, int], list[Span]] = {}
        self.by_token: dict[int, Span] = {}
        self.coref = {(s.start, s.end) for s in doc.spans.get("coref", [])}
        #: keys of entities named outright (by the model or the gazetteer), not derived
        self.named = {e.kb_id_ for e in doc.ents}
        self.named_spans = {(e.start, e.end) for e in doc.ents}
        self.demonyms: dict[int, Span] = {t.i: d for d in doc.spans.get("demonyms", []) for t in d}
        #: the subject of the latest attack read so far (for "condemned the attack")
        self.last_attacker: Arg | None = None
        #: the latest attacker of each actor or place (for "condemned the shelling of X")
        self.attackers_of: dict[str, Arg] = {}
        #: the group each person leads, once the article has said so ("Hifter's forces")
        self.leads: dict[str, Span] = {}
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
        """Every actor mention that starts in the sentence, in text order (a fresh list)."""
        key = (sent.start, sent.end)
        found = self._in_sentence.get(key)
        if found is None:  # every pattern asks for the same sentence
            found = self._in_sentence[key] = [
                s for s in self.spans if sent.start <= s.start < sent.end
            ]
        return list(found)

    def factor(self, span: Span) -> float:
        return 0.7 if (span.start, span.end) in self.coref else 1.0

    def arg(self, span: Span, factor: float = 1.0) -> Arg:
        return Arg(span, factor * self.factor(span))

    def actors(self, tok: Token, *, sites: bool = False) -> list[Arg]:
        """Actors a noun phrase headed by ``tok`` names, following coordination, companions
        ("X, along with Y") and, for a generic noun, its examples ("groups such as X and Y")."""
        out = self._one(tok, sites=sites)
        for conj in _conjuncts(tok):
            out += self._one(conj, sites=sites)
        if tok.pos_ in {"NOUN", "PROPN"}:
            for comp in _companions(tok):
                out += self.actors(comp, sites=sites)
            out += [self.arg(m) for m in stranded(tok, self.mention, _PLACES, _ORG_TYPES)]
        if not out and tok.pos_ == "NOUN":
            for ex in _examples(tok):
                out += self.actors(ex, sites=sites)
            if not out and tok.dep_ in {"nsubj", "nsubjpass", "dobj"}:
                # "three soldiers were killed, including two Britons": hung on the verb
                for ex in _pobjs(tok.head, {"including"}):
                    if ex.i > tok.i:
                        out += self.actors(ex, sites=sites)
        return out

    def _one(self, tok: Token, *, sites: bool) -> list[Arg]:
        if tok.tag_ in {"WDT", "WP"} and tok.head.dep_ == "relcl" and tok.head.head != tok.head:
            # "X, which Cairo regards as ...", "X, which is funded by Y": the relative's noun;
            # "Mali and Burkina Faso, which are suspended": all of a list a plural verb takes
            noun = tok.head.head
            if any(c.tag_ == "VBP" and c.dep_ in {"aux", "auxpass"} for c in tok.head.children):
                while noun.dep_ == "conj" and noun.head != noun:
                    noun = noun.head
            return self.actors(noun, sites=sites)
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
        if low in QUANTITY_WORDS or tok.pos_ == "NUM":
            for c in tok.children:  # "one of X", "some of these groups"
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self._one(p, sites=sites)
        named = _named_as(tok)
        if named is not None:  # "Shi'ite militias, known as Hashid Shaabi"
            return self.actors(named, sites=sites)
        if low == "capital" or low in OF_PLACE_NOUNS:
            appos = [  # "entered the Afghan capital, Kabul"
                self.arg(m)
                for c in tok.children
                if c.dep_ == "appos" and (m := self.mention(c)) is not None and m.label_ in _PLACES
            ]
            if appos:
                return appos
        if low == "capital":
            return self._the_capital(tok)
        if low in OF_PLACE_NOUNS:  # "a police station in the town of Baidoa"
            return [
                a
                for p in _pobjs(tok, {"of"})
                for a in self.actors(p)
                if a.span.label_ in {"Place", "Country"}
            ]
        if sites and (
            low in _SITE_NOUNS
            or tok.lemma_ in _SITE_NOUNS
            or any(c.dep_ == "acl" and c.lemma_ in _OWNING_VERBS for c in tok.children)
        ):
            return self.site_owners(tok)
        return []

    def _the_capital(self, tok: Token) -> list[Arg]:
        """ "the RSF has seized most of the capital": the capital city the article names,
        of the country it is from or about (the gazetteer's seat of that country)."""
        if not all(c.dep_ in {"det", "punct"} for c in tok.children) or self.gazetteer is None:
            return []
        if not any(c.lower_ == "the" for c in tok.children):
            return []
        home = doc_context(self.doc, self.gazetteer).country
        country = capital_country(tok, self.in_sentence(tok.sent), home)
        entry = self.gazetteer.entries.get(country[4:]) if country is not None else None
        if entry is None:
            return []
        seats = {fold(m) for m in entry.metonyms}
        for span in self.spans:
            if span.label_ == "Place" and fold(span.text) in seats:
                return [Arg(span, 0.7)]
        return []

    def followed(self, noun: Token) -> tuple[Span, str] | None:
        """Whom armed men are said to follow, and the words that name them: "Hifter's
        forces", "Mr Machar's forces", "rebels loyal to former Vice-President Riek Machar"."""
        if noun.lower_ not in _FOLLOWED_NOUNS:
            return None
        for c in noun.children:
            if c.dep_ == "poss" and (m := self.mention(c)) is not None:
                if c.pos_ == "PRON":  # "his forces": no name of the forces
                    return m, ""
                return m, self.doc[min(c.left_edge.i, m.start) : noun.i + 1].text
            if c.dep_ == "amod" and c.lower_ == "loyal":
                for p in _pobjs(c, {"to"}):
                    if (m := self.mention(p)) is not None:
                        return m, self.doc[noun.i : m.end].text
        return None

    def owner(self, noun: Token) -> Arg | None:
        """The actor a descriptive noun stands for: "the KH militia group", "X, a militia"."""
        if noun.pos_ not in {"NOUN", "PROPN"}:
            return None
        for c in noun.children:  # "the Kataib Hezbollah militia group"
            if c.dep_ in {"compound", "nmod"} and noun.lower_ in DESCRIPTOR_TYPES:
                m = self.mention(c)
                if (
                    m is not None
                    and m.label_ in _ACTORS | _PLACES
                    and _describes(noun.lower_, m.label_)
                ):
                    return self.arg(m)  # "the KH militia", "the western Latakia province"
            if c.dep_ in {"compound", "nmod"} and noun.lower_ in FIGHTER_NOUNS | FORCE_NOUNS:
                m = self.mention(c)  # "an Islamic State militant", "NATO aircraft"
                if m is not None and m.label_ in _FIGHTING_ORGS | {"InternationalOrganization"}:
                    return self.arg(m)
            if c.dep_ == "prep" and c.lower_ in {"from", "of"} and noun.lower_ in SENT_NOUNS:
                for p in c.children:  # "fighters from the Qassam Brigades"
                    m = self.mention(p) if p.dep_ == "pobj" else None
                    if m is not None and m.label_ in _FIGHTING_ORGS | {"Country"}:
                        return self.arg(m)  # "troops from Eritrea"
        hit = self.followed(noun) if self.leads else None
        if hit is not None and hit[0].kb_id_ in self.leads:
            # "Hifter's forces", "rebels loyal to Machar": the group the person leads
            led = self.leads[hit[0].kb_id_]
            if hit[1]:
                _also_named(led, hit[1])
            return Arg(led, 0.8)
        if noun.lower_ in SENT_NOUNS | FORCE_NOUNS and any(c.tag_ == "WP$" for c in noun.children):
            clause = next((a for a in noun.ancestors if a.dep_ == "relcl"), None)
            m = self.mention(clause.head) if clause is not None else None
            if m is not None and m.label_ in _ACTORS:  # "Chad, whose troops clashed with X"
                return self.arg(m)
        if noun.lower_ in VOICE_NOUNS:  # "UN experts", "AU monitors": the body's word
            for c in noun.children:
                m = self.mention(c) if c.dep_ in {"compound", "nmod"} else None
                if m is not None and m.label_ in _ORG_TYPES - {"Country"}:
                    return self.arg(m)
        if noun.lower_ in PROXY_NOUNS:  # "Traore's camp accused France", "Hadi's aides"
            for c in noun.children:
                m = self.mention(c) if c.dep_ == "poss" else None
                if m is not None and m.label_ in _ACTORS:
                    return self.arg(m)
        if noun.dep_ == "appos":  # "KH, an Iranian-backed militia"
            m = self.mention(noun.head)
            if m is not None:
                return self.arg(m)
        # apposition by shape, whatever the parse says: "The PMF, an umbrella group ..."
        left = noun.left_edge.i
        if left >= 2 and self.doc[left - 1].text in {",", "—"} and noun.sent.start < left - 1:
            m = self.mention(self.doc[left - 2])
            if m is not None and m.end == left - 1 and m.label_ in _ACTORS and not _fronted(m):
                return self.arg(m)
        for c in noun.children:  # "the militia, KH,", "the capital Beirut"
            if c.dep_ == "appos":
                m = self.mention(c)
                if m is not None and (
                    m.label_ in _ACTORS or (m.label_ in _PLACES and _place_noun(noun))
                ):
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
        army = army_before(noun, self.spans)  # "an army camp": the army named before
        out: list[Arg] = [] if army is None else [self.arg(army, 0.8)]
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
_VERBAL_ATTACKS = frozenset(
    # "Milburn was ousting Brown": in politics, a contest of office, not force
    {"attack", "hit", "target", "slam", "assault", "oust", "topple", "unseat", "depose"}
)

#: prepositions that introduce a verb's target, per relation
_VERB_PREPS: dict[str, set[str]] = {
    "attacked": {"against", "on", "at"},
    "fightsAgainst": {"against"},
    "threatened": {"against"},
    "accused": {"against"},
    "condemned": {"against"},
}


#: prepositions after a title that give a topic or a place, not an employer
_NOT_EMPLOYER = frozenset({"on", "about", "in", "to", "from", "near", "over"})


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


def _fronted(m: Span) -> bool:
    """Whether a mention closes a fronted adverbial ("In the UK, a DTI-funded centre ..."),
    whose comma ends the adverbial rather than opening an apposition."""
    prep = m.root.head
    return (
        m.root.dep_ == "pobj" and prep.dep_ == "prep" and prep.i < prep.head.i and prep.i < m.start
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    subject: Arg
    relation: str
    object: Arg
    extractor: str
    factor: float = 1.0


def agents_of(verb: Token, reader: SentenceReader) -> tuple[list[Arg], bool]:
    """Agents of a verb and whether it is passive; inherits along conj/xcomp/relcl."""
    passive = any(c.dep_ == "auxpass" for c in verb.children) or _participle_with_agent(verb)
    if passive:
        agents = [a for p in _pobjs(verb, {"by"}) for a in _agent_actors(p, reader)]
        return agents, True
    node = _speaker_goes_on(verb) or verb
    for _ in range(4):
        subs = [c for c in node.children if c.dep_ in {"nsubj", "csubj"}]
        if subs:
            # "X, along with Y, condemned ...": a companion set off before the verb
            subs += [c for c in _companions(node) if c.i < node.i]
            out = []
            for s in subs:
                rel = node.head if node.dep_ == "conj" else node  # "which ... and which has"
                if s.lower_ in {"which", "who", "that"} and rel.dep_ == "relcl":
                    near = [a for t in _relative_before(s) for a in reader.actors(t)]
                    out += reader.actors(rel.head) or near
                else:
                    out += _agent_actors(s, reader)
            return out, False
        if node.dep_ in {"relcl", "acl"} and node.head.pos_ in {"NOUN", "PROPN"}:
            return reader.actors(node.head), False
        timed = node.head.lower_ in {"before", "after", "while"}  # "X took Y before pushing"
        gov = node.head.head  # ("took Y within days before pushing": the verb over the days)
        gov = gov.head.head if gov.dep_ == "pobj" and gov.head.head.pos_ == "VERB" else gov
        if node.dep_ == "pcomp" and timed and gov.pos_ in {"VERB", "AUX"}:
            node = gov  # X pushes, not Y
            continue
        if node.dep_ == "pcomp" and node.head.head.pos_ in {"VERB", "AUX"}:
            # "convicted X of killing Y", "X was accused of attacking Y"
            gov = node.head.head
            deps = {"dobj"} if not any(c.dep_ == "auxpass" for c in gov.children) else {"nsubjpass"}
            doers = [a for c in gov.children if c.dep_ in deps for a in reader.actors(c)]
            if doers:
                return doers, False
            if node.head.lower_ in {"by", "after", "before", "while"}:
                node = gov  # "Khartoum responded by arming X": the responder arms
                continue
        if node.dep_ == "pcomp" and node.head.head.pos_ == "NOUN":  # "X's role in fighting Y"
            owners = [
                m
                for c in node.head.head.children
                if c.dep_ == "poss"
                for m in [reader.mention(c)]
                if m is not None
            ]
            return [reader.arg(m) for m in owners], False
        if node.dep_ in {"xcomp", "advcl"} and _object_controlled(node):
            # "X trained the peshmerga to fight IS": the trainees fight, not X
            doers = [a for c in node.head.children if c.dep_ == "dobj" for a in reader.actors(c)]
            return doers, False
        if node.dep_ not in {"conj", "xcomp", "advcl", "ccomp"} or node.head == node:
            break
        node = node.head
    return [], False


def _agent_actors(tok: Token, reader: SentenceReader) -> list[Arg]:
    """Actors a noun names as a doer, including the leader of a led action: "was toppled by
    the U.S.-led invasion" (the invasion's leader did it)."""
    out = reader.actors(tok)
    if not out and tok.pos_ == "NOUN":
        out = [Arg(a.span, 0.85 * a.factor) for a in led_by(tok, reader)]
    return out


def _participle_with_agent(verb: Token) -> bool:
    """A past participle that modifies a noun and names its agent: "fighters backed by X"."""
    return (
        verb.dep_ in {"acl", "amod", "advcl"}
        and verb.tag_ == "VBN"
        and any(c.dep_ == "agent" for c in verb.children)
    )


def patients_of(verb: Token, reader: SentenceReader, *, sites: bool = False) -> list[Arg]:
    """What a passive verb is done to: its subject ("X was backed by Y", "X, which is backed
    by Y") or, for a participle, the noun it modifies ("X, backed by Y", "fighters backed by Y").
    """
    subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if subj:
        return [a for c in subj for a in reader.actors(c, sites=sites)]
    if verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children):
        # "X, which launched its insurgency in 1999 and is led by Y": the first verb's
        # subject, and a relative pronoun's antecedent
        first = verb.head
        for c in first.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                if c.tag_ in {"WDT", "WP"} and first.dep_ == "relcl":
                    return reader.actors(first.head, sites=sites)
                return reader.actors(c, sites=sites)
        return []
    if _participle_with_agent(verb):
        head = verb.head
        if verb.dep_ == "advcl":  # "Backed by Iran, the group ..."
            return [
                a
                for c in head.children
                if c.dep_ in {"nsubj", "nsubjpass"}
                for a in reader.actors(c, sites=sites)
            ]
        return reader.actors(head, sites=sites) or described(head, reader)
    return []


def led_by(noun: Token, reader: SentenceReader) -> list[Arg]:
    """Who leads what a noun names: "the U.S.-led invasion", "a Saudi-led coalition"."""
    out: list[Arg] = []
    for c in noun.children:
        if c.dep_ not in {"amod", "compound", "nmod"} or c.i >= noun.i:
            continue
        if c.lower_.endswith("-led") and len(c) > 4:  # one token: "U.S.-led"
            m = _mention_in_text(reader, c, c.text[:-4], noun)
        elif c.lower_ == "led" and c.i >= 2 and reader.doc[c.i - 1].text == "-":
            leader = reader.doc[c.i - 2]
            m = _mention_in_text(reader, leader, leader.text, noun)
        else:
            continue
        if m is not None and m.label_ in _ACTORS:
            out.append(reader.arg(m))
    return out


def _mention_in_text(reader: SentenceReader, tok: Token, text: str, noun: Token) -> Span | None:
    """The actor a word names where a name holds it ("Saudi" in "the Saudi-led Arab
    Coalition") or a token glues it ("U.S." in "U.S.-led"), by the gazetteer if need be."""
    m = reader.demonyms.get(tok.i) or reader.mention(tok)
    if m is not None and not (m.start <= noun.i < m.end):
        return m
    if reader.gazetteer is None:
        return None
    hit = reader.gazetteer.lookup(text)
    if hit is None:
        return None
    return Span(reader.doc, tok.i, tok.i + 1, label=hit.entry.type, kb_id=hit.entry.key)


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


def where_antecedent(noun: Token, reader: SentenceReader) -> Token:
    """What "where" points back to. The parse hangs "where" on the noun before it, but in
    "the base in Lahj province, 60 km north of Aden, where troops were stationed" that is
    the site the phrase describes, named shortly before."""
    prep = noun.head if noun.dep_ == "pobj" else None
    bearing = prep is not None and prep.lower_ == "of" and prep.head.lower_ in BEARINGS
    inside = prep is not None and prep.lower_ == "in"  # "the base in Lahj province, where"
    if not (bearing or inside) or any(
        a.span.label_ == "Facility" for a in reader.actors(noun, sites=True)
    ):
        return noun  # "the Green Zone, where the embassy is"
    sites = [
        m
        for m in reader.in_sentence(noun.sent)
        if m.label_ == "Facility" and noun.i - 20 <= m.end <= noun.i
    ]
    return sites[-1].root if sites else noun


def _also_named(span: Span, surface: str) -> None:
    """Keep "Gaddafi's forces" as a name of the forces it stands for."""
    entities = span.doc._.actor_entities
    e = entities.get(span.kb_id_) if entities is not None else None
    if e is not None and surface != e.label and surface not in e.aliases:
        entities[span.kb_id_] = replace(e, aliases=(*e.aliases, surface))
