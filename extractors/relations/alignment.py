"""Belonging and backing: "KH, part of the PMU", "Iran's Quds Force", "Iran-backed
militias", "NATO allies like Denmark", "counter-ISIS units", "militias tied to Iran",
"the military wing of X", "loyal to X", "the US-led coalition", "X relies on Y". How
two actors stand to each other (alliances, hostility, cooperation, rivalry, support) is
read in ``allies``."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import (
    AGAINST_PREFIXES,
    BACKING_PARTICIPLES,
    EXAMPLE_PREPS,
    MEMBER_NOUNS,
    TIE_VERBS,
    TITLE_RELATIONS,
)
from .assertion import assertion_factor
from .namedbodies import _named_after_owner, _national_command
from .sentence import (
    _ACTORS,
    _ORG_TYPES,
    _PART_NOUNS,
    Arg,
    Candidate,
    SentenceReader,
    _mention_in_text,
    _pobjs,
    agents_of,
    described,
    led_by,
    patients_of,
)

CONFIDENCE = {
    "backing_participle": 0.85,
    "wing": 0.85,
    "allegiance": 0.85,
    "led_coalition": 0.8,
    "modifier_part": 0.75,
    "national_force": 0.7,
    "state_body": 0.8,
    "reliance": 0.75,
}

#: "Iran-aligned", "Moscow-allied": alignment, not backing (GUIDELINES)
_ALIGNED_PARTICIPLES = frozenset({"aligned", "allied"})
#: "Hamas-run health ministry": a body the named organisation runs
_RUN_PARTICIPLES = frozenset({"run", "controlled", "operated"})
_RUN_BODIES = frozenset({"GovernmentBody", "MediaOrganization"})
#: verbs whose passive participle names a backer: "fighters backed by the UAE"
_BACKING_VERBS = frozenset("back support fund finance arm sponsor equip bankroll".split())

#: a sub-organisation named by its owner: "its YPG military wing", "the armed wing of X"
_WING_NOUNS = frozenset("wing wings arm branch branches".split())
_WING_ADJS = frozenset("military armed political youth militant paramilitary".split())


def _which_before(tok: Token, reader: SentenceReader) -> list[Arg]:
    """The organisation right before ", which": "David X of the Y Party, which is linked
    to Z" (the parse may hang the clause on the person)."""
    doc = tok.doc
    if tok.lower_ != "which" or tok.i < 2 or doc[tok.i - 1].text != ",":
        return []
    m = reader.mention(doc[tok.i - 2])
    if m is None or m.end != tok.i - 1 or m.label_ not in _ORG_TYPES:
        return []
    return [reader.arg(m)]


def ties(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
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
            for a in _which_before(c, reader) or reader.actors(c)
        ]
        if verb.dep_ in {
            "acl",
            "amod",
            "acomp",
        }:  # "the militia targets are closely tied to Iran"
            head = verb.head
            if verb.dep_ == "acomp":
                tied += [a for c in head.children if c.dep_ == "nsubj" for a in reader.actors(c)]
            else:
                tied += reader.actors(head)
        for t in tied:
            if t.span.label_ in _ORG_TYPES:
                for b in backers:
                    yield Candidate(t, "backedBy", b, "ties")


def member_examples(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "NATO allies like Denmark", "members such as Jordan" -> memberOf."""
    for tok in sent:
        if tok.lower_ not in MEMBER_NOUNS:
            continue
        groups = [reader.mention(c) for c in tok.children if c.dep_ in {"compound", "nmod", "poss"}]
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


def possessives(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for m in reader.in_sentence(sent):
        if not (sent.start <= m.start < sent.end):
            continue
        if m.label_ in _ORG_TYPES and reader.gazetteer is not None and m.kb_id_ in reader.named:
            yield from _named_after_owner(m, reader)
            yield from _national_command(m, reader)
        if m.label_ not in {"GovernmentBody", "MilitaryForce", "MediaOrganization"}:
            continue
        heads = [m.root]
        if m.root.dep_ in {"compound", "nmod"} and m.root.head.pos_ == "NOUN":
            heads.append(m.root.head)  # "Iran's Tasnim media"
        named = (m.start, m.end) in reader.named_spans  # also "Sudanese Foreign Ministry"
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
            reader.gazetteer is not None
            and len(m) > 1
            and m.kb_id_ in reader.named
            and m.label_ not in {"MilitaryForce", "MediaOrganization"}  # "France 24"
        ):
            first = reader.gazetteer.lookup(m[0].text)
            if first is not None and first.entry.type == "Country" and first.entry.key != m.kb_id_:
                country = Span(
                    reader.doc, m.start, m.start + 1, label="Country", kb_id=first.entry.key
                )
                yield Candidate(reader.arg(m), "partOf", Arg(country), "demonym_name")


#: a national force named by its state's adjective or name: "the Syrian army",
#: "Turkish security forces", "Kenyan soldiers", "U.S. troops"
_FORCE_LABELS = frozenset({"MilitaryForce"})
#: heads that name the institution ("army", "security forces"), not its people or
#: equipment ("US troops", "Kenyan soldiers", "American warplanes" say where they are from)
_INSTITUTION_HEADS = frozenset(
    "army armies military forces navy police guard guards gendarmerie corps".split()
)


def national_forces(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """A state's armed force named with the state's demonym or name in the mention itself
    ("the Syrian army", "Turkish security forces") is part of that state (GUIDELINES:
    a state institution of a country). A bare "the army" or "they" states nothing."""
    for m in reader.in_sentence(sent):
        if m.label_ not in _FORCE_LABELS or not (sent.start <= m.start < sent.end):
            continue
        if (m.start, m.end) in reader.coref or len(m) < 2 or m[0].pos_ == "PRON":
            continue
        if m[-1].lower_ not in _INSTITUTION_HEADS:
            continue
        head = m.root.head
        if (
            m.root.dep_ in {"compound", "amod", "nmod"}
            and head.i not in range(m.start, m.end)
            and head.lower_ not in TITLE_RELATIONS
        ):
            continue  # "a U.S. military estimate", "an Iraqi military base": about a thing
        first = m[0]
        owner = reader.demonyms.get(first.i)
        country: Span | None = None
        if owner is not None and owner.label_ == "Country":
            country = Span(reader.doc, first.i, first.i + 1, label="Country", kb_id=owner.kb_id_)
        elif reader.gazetteer is not None:
            found = reader.gazetteer.lookup(first.text)
            if found is not None and found.entry.type == "Country" and found.kind != "metonym":
                country = Span(
                    reader.doc, first.i, first.i + 1, label="Country", kb_id=found.entry.key
                )
        if country is None or country.kb_id_ == m.kb_id_:
            continue
        # "Iraqi Kurdish peshmerga": a second people's word makes it a region's force
        if len(m) > 2 and reader.demonyms.get(m[1].i) is not None:
            continue
        # "Myanmar National Democratic Alliance Army": a name of its own, not the state's
        if m.kb_id_.startswith("name:") and any(t.lower_ in _OWN_NAME_WORDS for t in m[1:-1]):
            continue
        verb = m.root
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        factor = assertion_factor(verb) if verb.pos_ in {"VERB", "AUX"} else 1.0
        if factor > 0:  # "Russia agreed to train the Syrian army": a plan states nothing
            yield Candidate(reader.arg(m), "partOf", Arg(country), "national_force", factor)


#: words of a rebel force's own name: "Myanmar National Democratic Alliance Army"
_OWN_NAME_WORDS = frozenset(
    "alliance democratic liberation independence resistance revolutionary people's "
    "peoples salvation unity front movement".split()
)

#: bodies a state may own: "the Saudi state oil company, Aramco"
_STATE_BODY_TYPES = frozenset({"Organization", "MediaOrganization", "GovernmentBody"})


def _state_marked(noun: Token) -> bool:
    """Whether a noun is said to be the state's: "state oil company", "state-run agency",
    "state-owned firm", "government-owned bank"."""
    for c in noun.children:
        if c.dep_ in {"compound", "nmod", "npadvmod"} and c.lower_ == "state":
            return True
        if c.lower_ in {"state-run", "state-owned", "government-owned", "government-run"}:
            return True
        if (
            c.dep_ == "amod"
            and c.lower_ in {"run", "owned", "controlled"}
            and any(g.lower_ in {"state", "government"} for g in c.children)
        ):
            return True
    return False


def state_bodies(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """A named body in apposition to a state-marked noun that names its state is part of
    that state: "the Saudi state oil company, Aramco", "Iran's state broadcaster IRIB"."""
    for m in reader.in_sentence(sent):
        if m.label_ not in _STATE_BODY_TYPES or not (sent.start <= m.start < sent.end):
            continue
        if (m.start, m.end) in reader.coref or m.kb_id_ not in reader.named:
            continue
        root = m.root
        nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            nouns.append(root.head)
        for noun in nouns:
            if not _state_marked(noun):
                continue
            for c in noun.children:
                if c.dep_ not in {"poss", "amod", "compound"}:
                    continue
                owner = reader.named_or_demonym(c)
                if owner is not None and owner.label_ == "Country" and owner.kb_id_ != m.kb_id_:
                    factor = _clause_factor(noun)
                    if factor > 0:
                        yield Candidate(
                            reader.arg(m), "partOf", reader.arg(owner), "state_body", factor
                        )


def _hyphen_modifier(tok: Token, reader: SentenceReader) -> tuple[str, Span] | None:
    """The participle and the actor of an "X-backed" modifier, split ("Iran - backed") or
    one token ("U.N.-backed")."""
    doc = reader.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-":
        backer = reader.named_or_demonym(doc[tok.i - 2])
        return (tok.lower_, backer) if backer is not None else None
    head, dash, word = tok.text.rpartition("-")
    if dash and head and "-" not in head and tok.pos_ in {"ADJ", "VERB", "PROPN"}:
        noun = tok.head
        backer = _mention_in_text(reader, tok, head, noun)
        return (word.lower(), backer) if backer is not None else None
    return None


def modifier_backing(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Iran-backed militias", "the U.N.-backed tribunal", "Iran-aligned rebels"."""
    for tok in sent:
        if not (tok.lower_ in BACKING_PARTICIPLES or "-" in tok.text[1:]):
            continue
        found = _hyphen_modifier(tok, reader)
        if found is None or found[0] not in BACKING_PARTICIPLES:
            continue
        word, backer = found
        if backer.label_ not in _ACTORS:
            continue
        noun = tok.head if tok.head.pos_ in {"NOUN", "PROPN"} else None
        if noun is None:
            continue
        relation = "alliedWith" if word in _ALIGNED_PARTICIPLES else "backedBy"
        for arg in described(noun, reader):
            if arg.span.kb_id_ == backer.kb_id_:
                continue
            if word == "trained":  # "the U.S.-trained Danab brigade": the trainer trained it
                yield Candidate(reader.arg(backer), "trained", arg, "modifier_backing")
                continue
            # the argument's own factor (coordination, coreference) counts once, in Arg
            yield Candidate(arg, relation, reader.arg(backer), "modifier_backing")


def modifier_part(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Gaza's Hamas-run health ministry", "the Houthi-controlled Saba news agency" -> partOf."""
    for tok in sent:
        if "run" not in tok.lower_ and "controlled" not in tok.lower_:
            continue
        found = _hyphen_modifier(tok, reader)
        if found is None or found[0] not in _RUN_PARTICIPLES:
            continue
        owner = found[1]
        m = reader.mention(tok.head)
        if m is None or m.label_ not in _RUN_BODIES or owner.label_ not in _ORG_TYPES | {"Country"}:
            continue
        if m.kb_id_ != owner.kb_id_:
            yield Candidate(reader.arg(m), "partOf", reader.arg(owner), "modifier_part")


def against_prefix(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
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


def copula_part(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
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
            while not parts and node.dep_ in {"pobj", "prep", "acl", "appos"} and node.head != node:
                node = node.head
                parts += [a for a in reader.actors(node) if a.span.label_ in _ORG_TYPES]
        for part in parts:
            rel = "memberOf" if part.span.label_ in {"Person", "Country"} else relation
            for whole in wholes:
                yield Candidate(part, rel, whole, "copula_part")


def backing_participle(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "fighters backed by the UAE", "X, supported by Y", "Funded by Y, X ..."."""
    for verb in sent:
        if verb.lemma_.lower() not in _BACKING_VERBS or verb.tag_ != "VBN":
            continue
        if any(c.dep_ == "auxpass" for c in verb.children):
            continue  # a full passive clause is the verb family's ("X is backed by Y")
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        backers, passive = agents_of(verb, reader)
        if not passive:
            continue
        for backed in patients_of(verb, reader):
            for b in backers:
                if b.span.label_ in _ACTORS and backed.span.label_ in _ACTORS:
                    yield Candidate(backed, "backedBy", b, "backing_participle", factor)


def _possessor(tok: Token, reader: SentenceReader) -> list[Arg]:
    """Whose a noun is: "Moscow's ally", "NATO allies", "X and its allies", "its wing"."""
    out: list[Arg] = []
    for c in tok.children:
        if c.dep_ != "poss":
            continue
        if c.pos_ == "PRON":  # "X and its YPG military wing": the pronoun is the first conjunct
            phrase = tok
            while phrase.dep_ in {"compound", "nmod", "amod"} and phrase.head.i > phrase.i:
                phrase = phrase.head
            if phrase.dep_ == "conj":
                m = reader.mention(phrase.head)
                if m is not None:
                    out.append(reader.arg(m))
                    continue
        m = reader.mention(c)
        if m is not None and m.label_ in _ACTORS:
            out.append(reader.arg(m))
    return out


def _noun_factor(tok: Token) -> float:
    """The assertion factor of a describing noun: a predicate ("X is not an ally of Y") is
    as asserted as its clause; a label ("NATO allies X", "X, an ally of Y") stands anyway."""
    if tok.dep_ in {"attr", "acomp", "oprd", "dobj", "xcomp"} and tok.head.pos_ in {"VERB", "AUX"}:
        return assertion_factor(tok.head)
    return 1.0


def _clause_factor(tok: Token) -> float:
    """The assertion factor of the clause a noun phrase sits in."""
    if any(c.dep_ == "det" and c.lower_ in {"any", "no"} for c in tok.children):
        return 0.0  # "could benefit from any discord between X and Y"
    node = tok
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"}:
            return assertion_factor(node)
        if node.head == node:
            break
        node = node.head
    return 1.0


def wings(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X and its YPG military wing", "its armed wing, the Y Brigades", "Y, the armed wing
    of X" -> partOf."""
    doc = reader.doc
    for tok in sent:
        if tok.lower_ not in _WING_NOUNS or tok.pos_ != "NOUN":
            continue
        if not any(c.lower_ in _WING_ADJS for c in tok.children) and not (
            tok.i > 0 and doc[tok.i - 1].lower_ in _WING_ADJS
        ):
            continue  # "the arm of the law", "a wing of the hospital"
        factor = _noun_factor(tok)
        if factor == 0:
            continue
        owners = _possessor(tok, reader)
        owners += [a for p in _pobjs(tok, {"of"}) for a in reader.actors(p)]
        parts: list[Arg] = []
        # left of the noun, whatever the parse: "[X and] its YPG military wing"
        i = tok.i - 1
        while i >= sent.start and doc[i].lower_ in _WING_ADJS:
            i -= 1
        m = reader.mention(doc[i]) if i >= sent.start else None
        if m is not None and m.end == i + 1 and m.label_ in _ORG_TYPES:
            before = doc[m.start - 1] if m.start > sent.start else None
            if before is not None and before.lower_ in {"its", "their"}:
                parts.append(reader.arg(m))
                if not owners:
                    j = before.i - 1
                    if j > sent.start and doc[j].lower_ in {"and", ","}:
                        first = reader.mention(doc[j - 1])
                        if first is not None and first.end == j:
                            owners.append(reader.arg(first))
                    if not owners:
                        coref = reader.mention(before)
                        if coref is not None:
                            owners.append(reader.arg(coref))
            elif not owners:
                owners.append(reader.arg(m))  # "the Hamas military wing"
        parts += [a for c in tok.children if c.dep_ == "appos" for a in reader.actors(c)]
        # "its armed wing, the al-Quds Brigades" (the parse often hangs the name elsewhere)
        j = tok.i + 1
        if not parts and j < sent.end and doc[j].text == ",":
            j += 1
            if j < sent.end and doc[j].lower_ == "the":
                j += 1
            m = reader.mention(doc[j]) if j < sent.end else None
            if m is not None and m.start == j:
                parts.append(reader.arg(m))
        if not parts:
            parts = [a for a in described(tok, reader) if a.span.label_ in _ORG_TYPES]
        for o in owners:
            for p in parts:
                if p.span.label_ in _ORG_TYPES and p.span.kb_id_ != o.span.kb_id_:
                    yield Candidate(p, "partOf", o, "wing", factor)


def allegiance(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X pledged allegiance to Y", "X swore loyalty to Y" -> partOf (memberOf a person)."""
    for tok in sent:
        if tok.lower_ not in {"allegiance", "loyalty", "fealty"} or tok.dep_ != "dobj":
            continue
        verb = tok.head
        if verb.lemma_.lower() not in {"pledge", "swear", "declare", "give", "offer"}:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        wholes = [a for p in _pobjs(tok, {"to"}) for a in reader.actors(p)]
        wholes += [a for p in _pobjs(verb, {"to"}) for a in reader.actors(p)]
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        for a in agents:
            rel = "memberOf" if a.span.label_ in {"Person", "Country"} else "partOf"
            for w in wholes:
                yield Candidate(a, rel, w, "allegiance", factor)


def led_coalition(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the Saudi-led coalition" -> Saudi Arabia memberOf the coalition, when it is named."""
    for m in reader.in_sentence(sent):
        if m.label_ != "Coalition":
            continue
        for leader in led_by(m.root, reader):
            if leader.span.label_ in {"Country", "Person"} | _ORG_TYPES:
                yield Candidate(leader, "memberOf", reader.arg(m), "led_coalition")


def reliance(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X is reliant on Y for weapons", "left X reliant for ground troops on Y" -> backedBy."""
    for adj in sent:
        if adj.lower_ not in {"reliant", "dependent"} or adj.dep_ not in {"acomp", "oprd", "amod"}:
            continue
        head = adj.head
        factor = assertion_factor(head) if head.pos_ in {"VERB", "AUX"} else 1.0
        if factor == 0:
            continue
        ons = [t for t in adj.subtree if t.dep_ == "prep" and t.lower_ in {"on", "upon"}]
        if adj.dep_ != "amod":  # the parse often hangs "on Y" on the verb
            ons += [
                t
                for c in head.children
                if c.i > adj.i and c.dep_ == "prep"
                for t in c.subtree
                if t.dep_ == "prep" and t.lower_ in {"on", "upon"}
            ]
        backers = [
            a
            for on in ons
            for p in on.children
            if p.dep_ == "pobj"
            for a in reader.actors(p)
            if a.span.label_ in _ACTORS
        ]
        if adj.dep_ == "amod":
            dependents = reader.actors(head)
        else:
            deps = {"nsubj", "nsubjpass"} if adj.dep_ == "acomp" else {"dobj"}
            dependents = [a for c in head.children if c.dep_ in deps for a in reader.actors(c)]
        for d in dependents:
            for b in backers:
                yield Candidate(d, "backedBy", b, "reliance", factor)


PATTERNS = (
    backing_participle,
    wings,
    allegiance,
    modifier_part,
    led_coalition,
    state_bodies,
    ties,
    member_examples,
    possessives,
    national_forces,
    modifier_backing,
    against_prefix,
    copula_part,
    reliance,
)
