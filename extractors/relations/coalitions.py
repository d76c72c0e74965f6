"""Alliances said by what the allies do together or sign, and bodies said to belong to an
organisation by the mission they serve:

- "The armies of A, B and C launched a joint offensive" (``joint_forces``): A, B and C
  (their armed forces) are allied.
- "X signed a defence pact with Y", "A and B signed a security agreement" (``pact``).
- "X has close ties with Y", "relations between X and Y are close" (``close_ties``).
- "the UN peacekeeping mission in Mali, known as M", "M, the African Union mission in
  Somalia", "the alliance's M mission" (``mission_of``): M partOf the organisation.
- "M, which operates under ECOWAS", "M operates under the command of the AU", "M is
  organised by the AU" (``operates_under``): partOf.
- "X was formed by A, B and C", "X was formed by six groups, including A" (``formed_by``):
  the founders are parts (members) of X.
- "X and Y jointly ousted Z" (``jointly``), "fought side by side with" (``side_by_side``):
  alliedWith.
- "M has 20,000 troops from A, B and C", "A contributes troops to M" (``contributors``):
  the states are members of the force.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..resolve import country_forces
from .alignment import _clause_factor
from .allies import _clause_agents, _hedged, _pairs, _possessor, _private, _unasserted_noun
from .assertion import assertion_factor
from .namedbodies import state_forces
from .phrases import _named_as
from .sentence import (
    _ACTORS,
    _ORG_TYPES,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
    led_by,
    patients_of,
)

CONFIDENCE = {
    "joint_forces": 0.8,
    "pact": 0.8,
    "close_ties": 0.75,
    "mission_of": 0.8,
    "operates_under": 0.8,
    "formed_by": 0.8,
    "jointly": 0.75,
    "side_by_side": 0.8,
    "contributors": 0.75,
}

#: what allies do together: "a joint offensive", "joint patrols"
_JOINT_NOUNS = frozenset(
    "offensive offensives operation operations patrol patrols campaign exercise exercises "
    "assault force task".split()
)
#: nouns for a state's armed men, named by their states: "the armies of A and B",
#: "troops from A, B and C"
_ARMY_NOUNS = frozenset(
    "armies army forces troops soldiers militaries military navies contingents".split()
)


def _forces(country: Arg, reader: SentenceReader) -> Arg:
    """A state's armed forces where the gazetteer knows them, else the state itself."""
    gaz = reader.gazetteer
    entry = gaz.entries.get(country.span.kb_id_.removeprefix("gaz:")) if gaz else None
    if gaz is None or entry is None or not country_forces(gaz, entry.name)[3]:
        return country
    forces = state_forces(country.span, reader)
    return country if forces is None else Arg(forces, country.factor)


def _armies(noun: Token, reader: SentenceReader) -> list[Arg]:
    """The forces a noun names by their states: "the armies of Uganda, Congo and Sudan"
    (each state's armed forces), "troops from Chad and Niger"."""
    if noun.lower_ not in _ARMY_NOUNS or reader.mention(noun) is not None:
        return []
    out: list[Arg] = []
    for p in _pobjs(noun, {"of", "from"}):
        for a in reader.actors(p):
            if a.span.label_ == "Country":
                out.append(_forces(a, reader))
            elif a.span.label_ in _ORG_TYPES:
                out.append(a)
    return out


def joint_forces(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "The armies of A, B and C have launched a joint offensive against Z", "a joint
    operation was launched by troops from A and B" -> A, B, C pairwise alliedWith."""
    for noun in sent:
        if noun.lower_ not in _JOINT_NOUNS or not any(c.lower_ == "joint" for c in noun.children):
            continue
        verb = noun.head
        if noun.dep_ not in {"dobj", "nsubjpass"} or verb.pos_ not in {"VERB", "AUX"}:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
        doers += list(_pobjs(verb, {"by"}))  # "a joint operation was launched by ..."
        sides = [a for d in doers for a in _armies(d, reader)]
        if len({a.span.kb_id_ for a in sides}) < 2:
            continue
        for c in _pairs(sides, "alliedWith", "joint_forces"):
            yield Candidate(c.subject, c.relation, c.object, c.extractor, factor)


#: what makes an agreement an alliance: "a defence pact", "a security agreement"
_PACT_NOUNS = frozenset("agreement agreements pact pacts accord treaty deal alliance".split())
_PACT_KINDS = frozenset("defence defense security military mutual".split())
_SIGNING_VERBS = frozenset("sign conclude seal ink strike forge renew".split())


def _pact_kind(noun: Token) -> bool:
    kinds = [c for c in noun.children if c.dep_ in {"amod", "compound", "nmod"}]
    kinds += [k for c in list(kinds) for k in c.children if k.dep_ == "conj"]
    return any(k.lower_ in _PACT_KINDS for k in kinds) and not any(
        k.lower_ in {"peace", "ceasefire", "trade"} for k in kinds
    )


def pact(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Turkey signed a security agreement with the GNA", "Kenya and Somalia signed a
    defence pact" -> alliedWith."""
    for noun in sent:
        if noun.lower_ not in _PACT_NOUNS or noun.dep_ != "dobj" or not _pact_kind(noun):
            continue
        verb = noun.head
        if verb.lemma_.lower() not in _SIGNING_VERBS:
            continue
        factor = assertion_factor(verb)
        if factor == 0 or _hedged(noun):
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        partners = [a for h in (noun, verb) for p in _pobjs(h, {"with"}) for a in reader.actors(p)]
        if partners:
            for a in agents:
                for p in partners:
                    if a.span.kb_id_ != p.span.kb_id_ and not _private(a, p):
                        yield Candidate(a, "alliedWith", p, "pact", factor)
        else:
            for c in _pairs(agents, "alliedWith", "pact"):
                yield Candidate(c.subject, c.relation, c.object, c.extractor, factor)


#: "close ties with Y", "warm relations with Y"
_TIE_NOUNS = frozenset("ties relations relationship links bonds".split())
_CLOSE_WORDS = frozenset("close strong warm cordial friendly deep intimate".split())


def close_ties(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hemedti has cultivated close ties with Abu Dhabi", "X's close relationship with
    Y", "relations between X and Y are now close" -> alliedWith."""
    for noun in sent:
        if noun.lower_ not in _TIE_NOUNS or noun.pos_ != "NOUN" or _hedged(noun):
            continue
        close = any(c.dep_ == "amod" and c.lower_ in _CLOSE_WORDS for c in noun.children)
        verb = noun.head
        said_close = (  # "relations between X and Y are close"
            noun.dep_ == "nsubj"
            and verb.lemma_ == "be"
            and any(c.dep_ == "acomp" and c.lower_ in _CLOSE_WORDS for c in verb.children)
        )
        if not (close or said_close) or _unasserted_noun(noun):
            continue
        factor = assertion_factor(verb) if said_close else _clause_factor(noun)
        if factor == 0:
            continue
        pairs = [a for p in _pobjs(noun, {"between", "among"}) for a in reader.actors(p)]
        for c in _pairs(pairs, "alliedWith", "close_ties"):
            yield Candidate(c.subject, c.relation, c.object, c.extractor, factor)
        partners = [a for p in _pobjs(noun, {"with"}) for a in reader.actors(p)]
        if not partners:
            continue
        owners = _possessor(noun, reader)
        if not owners and noun.dep_ == "dobj":
            owners = _clause_agents(noun, reader)[0]
        for o in owners:
            for p in partners:
                if o.span.kb_id_ != p.span.kb_id_ and not _private(o, p):
                    yield Candidate(o, "alliedWith", p, "close_ties", factor)


#: what a named force or mission is in apposition to: "the UN mission in Mali, M"
_MISSION_NOUNS = frozenset("mission force operation contingent".split())
#: what a mission can belong to, and what it can be
_PARENTS = frozenset({"InternationalOrganization", "Coalition"})
_MISSIONS = frozenset({"MilitaryForce", "Coalition", "Organization", "InternationalOrganization"})


def _mission_parents(noun: Token, reader: SentenceReader) -> list[Arg]:
    """The organisation a mission noun names as its own: "the UN peacekeeping mission",
    "the alliance's mission", "the NATO-led force"."""
    out = [
        reader.arg(m)
        for c in noun.children
        if c.dep_ in {"compound", "nmod", "poss"} and c.i < noun.i
        for m in [reader.mention(c)]
        if m is not None and m.label_ in _PARENTS
    ]
    return out + [a for a in led_by(noun, reader) if a.span.label_ in _PARENTS]


def _mission_names(noun: Token, reader: SentenceReader) -> list[Span]:
    """The named body a mission noun describes: "the UN mission in Mali, (known as) M",
    "M, the UN mission", "the alliance's M mission"."""
    toks = [c for c in noun.children if c.dep_ == "appos"]
    if noun.dep_ == "appos":
        toks.append(noun.head)
    for prep in noun.children:  # "the mission in Congo, M": the parse hangs M on the place
        if prep.dep_ == "prep" and prep.lower_ in {"in", "to", "for"}:
            for p in _pobjs(noun, {prep.lower_}):
                toks += [c for c in p.children if c.dep_ == "appos" and c.i > p.i]
                named = _named_as(p) if p.pos_ == "NOUN" else None
                toks += [named] if named is not None else []
                toks += [
                    d
                    for c in p.children
                    if c.dep_ == "acl" and c.lemma_ in {"know", "call", "name"}
                    for a in c.children
                    if a.dep_ == "prep" and a.lower_ == "as"
                    for d in a.children
                    if d.dep_ == "pobj"
                ]
    named = _named_as(noun)
    if named is not None:
        toks.append(named)
    out = [m for t in toks for m in [reader.mention(t)] if m is not None]
    out += [  # "the alliance's Resolute Support mission"
        m
        for c in noun.children
        if c.dep_ == "compound"
        for m in [reader.mention(c)]
        if m is not None and m.end == noun.i
    ]
    return [m for m in out if m.label_ in _MISSIONS]


def mission_of(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "The U.N. peacekeeping mission, known as M", "the UN mission in the country, M",
    "M, the African Union force in Somalia" -> M partOf the organisation."""
    for noun in sent:
        if noun.lower_ not in _MISSION_NOUNS or noun.pos_ != "NOUN":
            continue
        parents = _mission_parents(noun, reader)
        if not parents:
            continue
        for m in _mission_names(noun, reader):
            for p in parents:
                if p.span.kb_id_ != m.kb_id_:
                    yield Candidate(reader.arg(m), "partOf", p, "mission_of")


#: "under the command of Y", "under Y's auspices"
_UNDER_NOUNS = frozenset("command auspices umbrella flag aegis banner authority control".split())
_UNDER_VERBS = frozenset("operate serve act fall fight work".split())
_SUBORDINATES = frozenset({"MilitaryForce", "Coalition", "ArmedGroup", "GovernmentBody"})
_SUPERIORS = _PARENTS | {"MilitaryForce", "GovernmentBody", "Country", "ArmedGroup"}


def _superiors(prep: Token, reader: SentenceReader) -> list[Arg]:
    out: list[Arg] = []
    for p in _pobjs(prep.head, {"under"}):
        if p.lower_ in _UNDER_NOUNS:
            out += [a for q in _pobjs(p, {"of"}) for a in reader.actors(q)]
            for c in p.children:
                if c.dep_ in {"poss", "compound", "nmod", "amod"}:
                    m = reader.named_or_demonym(c)
                    out += [reader.arg(m)] if m is not None else []
        else:
            out += reader.actors(p)
    return [a for a in out if a.span.label_ in _SUPERIORS]


def operates_under(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the force, which operates under ECOWAS", "M operates under the command of the
    AU", "M is being organised by ECOWAS" -> M partOf its superior."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB":
            continue
        if lemma in _UNDER_VERBS:
            unders = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "under"]
            if not unders:
                continue
            agents, passive = agents_of(verb, reader)
            parts = [] if passive else agents
            wholes = [a for u in unders for a in _superiors(u, reader)]
        elif lemma in {"organise", "organize"}:
            parts = patients_of(verb, reader)
            wholes = [a for p in _pobjs(verb, {"by"}) for a in reader.actors(p)]
            wholes = [a for a in wholes if a.span.label_ in _PARENTS]
        else:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        for part in parts:
            if part.span.label_ not in _SUBORDINATES:
                continue
            for w in wholes:
                if w.span.kb_id_ != part.span.kb_id_:
                    yield Candidate(part, "partOf", w, "operates_under", factor)


_FORMING_VERBS = frozenset("form found create establish".split())


def formed_by(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "The CPC was formed in December by six armed groups, including A and B", "X,
    founded by A and B" -> A, B partOf X (memberOf for states)."""
    for verb in sent:
        if verb.lemma_.lower() not in _FORMING_VERBS or verb.tag_ != "VBN":
            continue
        founders = [a for p in _pobjs(verb, {"by"}) for a in reader.actors(p)]
        founders = [a for a in founders if a.span.label_ in _ORG_TYPES | {"Country"}]
        if not founders:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        for whole in patients_of(verb, reader):
            if whole.span.label_ not in _PARENTS:
                continue
            for f in founders:
                if f.span.kb_id_ != whole.span.kb_id_ and f.span.label_ in _ACTORS:
                    rel = "memberOf" if f.span.label_ == "Country" else "partOf"
                    yield Candidate(f, rel, whole, "formed_by", factor)


_SIDES = frozenset({"Country", "ArmedGroup", "MilitaryForce", "Coalition"})


def jointly(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the army and the RSF jointly ousted Bashir", "X and Y jointly carried out the
    raid" -> X alliedWith Y."""
    for verb in sent:
        if verb.pos_ != "VERB" or not any(
            c.dep_ == "advmod" and c.lower_ == "jointly" for c in verb.children
        ):
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, _passive = agents_of(verb, reader)  # "jointly run by A and B" too
        # sides of a conflict (not parties tabling a motion, nor bodies running a campaign)
        agents = [a for a in agents if a.span.label_ in _SIDES]
        for c in _pairs(agents, "alliedWith", "jointly"):
            yield Candidate(c.subject, c.relation, c.object, c.extractor, factor)


#: the men a multinational force is made of: "has 20,000 troops from A, B and C"
_TROOP_NOUNS = frozenset("troops soldiers personnel peacekeepers contingents forces".split())
_MISSION_TYPES = _MISSIONS  # (the model takes many a mission for an organisation)


def contributors(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "AMISOM, which has about 20,000 troops from Uganda, Burundi and Kenya", "Italy,
    which contributes 1,000 soldiers to UNIFIL" -> the states are members of the force."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ not in {"VERB", "AUX"} or lemma not in {"have", "include", "contribute"}:
            continue
        troops = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in _TROOP_NOUNS]
        if not troops:
            continue
        factor = assertion_factor(verb)
        agents, passive = agents_of(verb, reader)
        if factor == 0 or passive:
            continue
        if lemma == "contribute":  # "A contributes troops to M"
            states = agents
            forces = [
                a for h in (verb, *troops) for p in _pobjs(h, {"to"}) for a in reader.actors(p)
            ]
        else:  # "M has troops from A, B and C"
            forces = agents
            states = [a for t in troops for p in _pobjs(t, {"from"}) for a in reader.actors(p)]
        for force in forces:
            if force.span.label_ not in _MISSION_TYPES:
                continue
            for state in states:
                if state.span.label_ == "Country" and state.span.kb_id_ != force.span.kb_id_:
                    yield Candidate(state, "memberOf", force, "contributors", factor)


#: what allies do side by side: "fought side by side with Y"
_SIDE_VERBS = frozenset("fight battle combat serve operate stand".split())


def side_by_side(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hamas fought side by side with Islamic Jihad" -> alliedWith."""
    doc = sent.doc
    for tok in sent:
        if not (
            tok.lower_ == "side"
            and tok.i + 2 < sent.end
            and doc[tok.i + 1].lower_ == "by"
            and doc[tok.i + 2].lower_ == "side"
        ):
            continue
        verb = tok.head
        if verb.lemma_.lower() not in _SIDE_VERBS:
            continue
        partners = [
            a for h in (tok, doc[tok.i + 2]) for p in _pobjs(h, {"with"}) for a in reader.actors(p)
        ]
        factor = assertion_factor(verb)
        agents, passive = agents_of(verb, reader)
        if factor == 0 or passive:
            continue
        for a in agents:
            for p in partners:
                if a.span.kb_id_ != p.span.kb_id_ and not _private(a, p):
                    yield Candidate(a, "alliedWith", p, "side_by_side", factor)


PATTERNS = (
    joint_forces,
    pact,
    close_ties,
    mission_of,
    operates_under,
    formed_by,
    jointly,
    side_by_side,
    contributors,
)
