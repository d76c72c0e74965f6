"""Belonging, backing and alignment: "KH, part of the PMU", "Iran's Quds Force",
"Iran-backed militias", "NATO allies like Denmark", "tensions between X and Y",
"counter-ISIS units", "militias tied to Iran"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import (
    AGAINST_PREFIXES,
    BACKING_PARTICIPLES,
    EXAMPLE_PREPS,
    MEMBER_NOUNS,
    SYMMETRIC_NOUNS,
    TIE_VERBS,
    TITLE_RELATIONS,
)
from .assertion import assertion_factor
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
    "alignment_noun": 0.8,
    "wing": 0.85,
    "allegiance": 0.85,
    "cooperation": 0.8,
    "relations": 0.75,
    "led_coalition": 0.8,
    "reliance": 0.75,
    "modifier_part": 0.75,
    "national_force": 0.7,
    "rivalry_with": 0.75,
    "support_for": 0.75,
    "state_body": 0.8,
    "with_help": 0.75,
}

#: "Iran-aligned", "Moscow-allied": alignment, not backing (GUIDELINES)
_ALIGNED_PARTICIPLES = frozenset({"aligned", "allied"})
#: "Hamas-run health ministry": a body the named organisation runs
_RUN_PARTICIPLES = frozenset({"run", "controlled", "operated"})
_RUN_BODIES = frozenset({"GovernmentBody", "MediaOrganization"})
#: verbs whose passive participle names a backer: "fighters backed by the UAE"
_BACKING_VERBS = frozenset("back support fund finance arm sponsor equip bankroll".split())

#: nouns that say how the actors they name stand to their owner: "Moscow's ally X",
#: "Riyadh's rivals X and Y", "fellow NATO member X", "an affiliate of X"
_ALIGNMENT_NOUNS: dict[str, str] = {
    **dict.fromkeys("ally allies partner partners".split(), "alliedWith"),
    **dict.fromkeys(
        "rival rivals arch-rival arch-rivals foe foes enemy enemies adversary adversaries "
        "nemesis".split(),
        "opposes",
    ),
    **dict.fromkeys("member members".split(), "memberOf"),
    **dict.fromkeys("affiliate affiliates offshoot offshoots franchise".split(), "partOf"),
}
#: a sub-organisation named by its owner: "its YPG military wing", "the armed wing of X"
_WING_NOUNS = frozenset("wing wings arm branch branches".split())
_WING_ADJS = frozenset("military armed political youth militant paramilitary".split())
#: organisations that have members rather than allies: "NATO allies X and Y" -> memberOf
_ALLIANCES = frozenset({"InternationalOrganization", "Coalition"})
#: firms: their "rivals" and "partners" are competitors and customers
_FIRMS = frozenset({"Organization", "MediaOrganization"})
#: what a country premodifier can be an ally or rival of ("US ally Saudi Arabia"); with
#: anything else it gives a nationality ("US rival Grey Global", "US partner Biogen")
_STATELIKE = frozenset(
    {
        "Country",
        "ArmedGroup",
        "MilitaryForce",
        "PoliticalGroup",
        "GovernmentBody",
        "Coalition",
        "InternationalOrganization",
    }
)
#: verbs that put their subjects in a conflict: "X and Y are locked in a struggle"
_ENGAGED_VERBS = frozenset("lock engage embroil mire entangle involve catch trap".split())

#: "in cooperation with", "coordination meetings with", "a joint force of X and Y"
_COOPERATION_NOUNS = frozenset("cooperation co-operation coordination partnership alliance".split())
_JOINT_NOUNS = frozenset(
    "force forces operation operations patrol patrols offensive command campaign".split()
)
#: "with help from X", "with the backing of X", "with Iranian support"
_HELP_NOUNS = frozenset("help support backing assistance aid funding".split())
#: verbs of armed action that "alongside" makes an alliance: "fighting alongside X"
_ALONGSIDE_VERBS = frozenset("fight battle combat operate serve deploy".split())

#: hostility nouns beyond the shared list: "the struggle between X and Y"
_MORE_HOSTILITY = frozenset(
    "struggle rift discord animosity antagonism acrimony distrust mistrust".split()
)
#: "relations between X and Y deteriorated", "strained ties between X and Y"
_RELATION_NOUNS = frozenset("relations relationship ties".split())
_WORSENING_VERBS = frozenset(
    "deteriorate sour worsen collapse plummet sink strain fray break plunge".split()
)
_BAD_RELATION_ADJS = frozenset("strained tense frosty hostile poor troubled fraught icy".split())
_LOW_NOUNS = frozenset({"low", "nadir"})
#: words that make a relation hearsay or a mere possibility: "his alleged rival X",
#: "reports of a feud between X and Y"
_HEDGE_WORDS = frozenset(
    "alleged reported supposed possible potential would-be putative rumoured rumored "
    "so-called".split()
)
_HEARSAY_NOUNS = frozenset("report reports rumour rumours rumor rumors speculation talk".split())
#: what undoes a tie: "an end to its alliance with X", "left the alliance"
_ENDING_WORDS = frozenset(
    "end terminate break quit leave abandon exit dissolve scrap sever cancel collapse".split()
)


def _hedged(tok: Token) -> bool:
    """Whether a noun's relation is hearsay, possible or ended: "alleged rival",
    "reports of a feud", "an end to the alliance"."""
    if any(c.lower_ in _HEDGE_WORDS for c in tok.children):
        return True
    node = tok
    for _ in range(3):
        if node.head == node:
            break
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            node = node.head.head
        elif node.dep_ in {"dobj", "nsubjpass", "compound"}:
            node = node.head
        else:
            break
        if node.lemma_.lower() in _ENDING_WORDS or node.lower_ in _HEARSAY_NOUNS:
            return True
    return False


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
            a for c in verb.children if c.dep_ in {"dobj", "nsubjpass"} for a in reader.actors(c)
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
            reader.gazetteer is not None
            and len(m) > 1
            and m.kb_id_ in reader.named
            and m.label_ != "MilitaryForce"
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
        verb = m.root
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        factor = assertion_factor(verb) if verb.pos_ in {"VERB", "AUX"} else 1.0
        if factor > 0:  # "Russia agreed to train the Syrian army": a plan states nothing
            yield Candidate(reader.arg(m), "partOf", Arg(country), "national_force", factor)


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
            if arg.span.kb_id_ != backer.kb_id_:
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


def _symmetric(tok: Token) -> str | None:
    relation = SYMMETRIC_NOUNS.get(tok.lower_)
    if relation is None and tok.lower_ in _MORE_HOSTILITY:
        relation = "opposes"
    return relation


def _pairs(args: list[Arg], relation: str, extractor: str) -> Iterator[Candidate]:
    for i in range(len(args)):
        for j in range(i + 1, len(args)):
            if args[i].span.kb_id_ != args[j].span.kb_id_ and not _private(
                args[i], args[j], relation
            ):
                yield Candidate(args[i], relation, args[j], extractor)


def _private(a: Arg, b: Arg, relation: str = "alliedWith") -> bool:
    """Ties that are business or personal, not alignment: firms' rivalries and partnerships
    ("the rivalry between Google and Yahoo"), people's collaborations and help ("his
    partnership with Burton"); hostility between people stays ("tensions between X and Y")."""
    labels = {a.span.label_, b.span.label_}
    return bool(labels & _FIRMS) or (labels == {"Person"} and relation != "opposes")


def between(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "tensions between X and Y", "tensions rose between X and Y", "X and Y are locked
    in a struggle for dominance"."""
    for tok in sent:
        relation = _symmetric(tok)
        if relation is None:
            continue
        factor = 0.0 if _hedged(tok) else _clause_factor(tok)
        if factor == 0:
            continue
        pobjs = list(_pobjs(tok, {"between", "among"}))
        head = tok.head
        if not pobjs and tok.dep_ == "nsubj" and head.pos_ in {"VERB", "AUX"}:
            pobjs = list(_pobjs(head, {"between", "among"}))  # "tensions rose between X and Y"
        if not pobjs:  # "the struggle for supremacy between X and Y"
            pobjs = [b for p in _pobjs(tok, {"for", "over"}) for b in _pobjs(p, {"between"})]
        for p in pobjs:
            for c in _pairs(reader.actors(p), relation, "between"):
                yield Candidate(c.subject, c.relation, c.object, c.extractor, factor)
        if relation != "opposes" or pobjs:
            continue
        # "X and Y are locked in a fierce struggle", "X and Y, locked in a rivalry"
        if (
            tok.dep_ == "pobj"
            and head.lower_ == "in"
            and head.head.pos_ in {"VERB", "ADJ"}
            and head.head.lemma_.lower() in _ENGAGED_VERBS
        ):
            verb = head.head
            if assertion_factor(verb) == 0:
                continue
            subjects, passive = agents_of(verb, reader)
            if passive or not subjects:
                subjects = patients_of(verb, reader)
                if not subjects and verb.dep_ in {"acomp", "attr"}:
                    subjects = [
                        a for c in verb.head.children if c.dep_ == "nsubj" for a in reader.actors(c)
                    ]
            yield from _pairs(subjects, relation, "between")


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


def _named_after(tok: Token, reader: SentenceReader) -> list[Arg]:
    """Actors named right after a noun, whatever the parse: "rivals Iran and Qatar",
    "ally President Bashar al-Assad", "allies Turkey, Greece and Italy"."""
    doc = reader.doc
    i = tok.i + 1
    end = tok.sent.end
    while i < end and doc[i].pos_ == "PROPN" and reader.mention(doc[i]) is None:
        i += 1  # a title before the name: "President"
    if i < end and doc[i].lower_ == "the":  # "its ally the United Arab Emirates"
        i += 1
    # the name must hang on the noun or share its head ("rivals Iran" as two subjects),
    # not start a clause of its own ("told Labour members the Tories offered ...")
    heads = {tok.i, tok.head.i}
    top = tok
    while top.dep_ == "conj" and top.head != top:
        top = top.head
    heads.add(top.head.i)
    out: list[Arg] = []
    while i < end:
        m = reader.mention(doc[i])
        if m is None or m.start != i or m.label_ not in _ACTORS or doc[i].pos_ == "PRON":
            break
        if not out and m.root.head.i not in heads:
            break
        out.append(reader.arg(m))
        i = m.end
        if i < end and doc[i].text == ",":
            i += 1
        if i < end and doc[i].lower_ in {"and", "or"}:
            i += 1
        if i < end and doc[i].lower_ == "the":
            i += 1
    return out


def _targets(tok: Token, reader: SentenceReader) -> tuple[list[Arg], bool]:
    """The actors an alignment noun is said of ("ally X", "X, an ally of Y", "allies such as
    X"), and whether the noun names them outright (so plural "rivals X and Y" pair up)."""
    out = [a for c in tok.children if c.dep_ == "appos" for a in reader.actors(c)]
    if not out and tok.dep_ in {"compound", "nmod"} and tok.head.i > tok.i:
        out = reader.actors(tok.head)  # "fellow NATO member Turkey"
    if not out:
        out = _named_after(tok, reader)
    if not out and tok.dep_ == "attr" and tok.head.lemma_ == "be":  # "X and Y are rivals"
        out = [a for c in tok.head.children if c.dep_ == "nsubj" for a in reader.actors(c)]
    if out:
        return out, True
    out = described(tok, reader)
    if not out:  # "rivals such as X and Y" are rivals of someone else, not of each other
        out = [a for p in _pobjs(tok, {"including", "like"}) for a in reader.actors(p)]
        for c in tok.children:
            if c.dep_ == "amod" and c.lower_ == "such":
                out += [a for p in _pobjs(c, {"as"}) for a in reader.actors(p)]
            elif c.dep_ == "prep" and c.lower_ == "as":
                out += [a for p in c.children if p.dep_ == "pobj" for a in reader.actors(p)]
    return out, False


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


def alignment_nouns(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Moscow's ally X", "Riyadh's rivals X and Y", "fellow NATO member X",
    "X, a close ally of Y", "X and Y are longtime rivals", "an affiliate of Y"."""
    for tok in sent:
        relation = _ALIGNMENT_NOUNS.get(tok.lower_)
        if relation is None or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        factor = 0.0 if _hedged(tok) else _noun_factor(tok)
        if factor == 0:
            continue
        owners = _possessor(tok, reader)
        owners += [
            reader.arg(m)
            for c in tok.children
            if c.dep_ in {"compound", "nmod"} and c.i < tok.i
            for m in [reader.mention(c)]
            if m is not None and m.label_ in _ACTORS
        ]
        owners += [
            a
            for p in _pobjs(tok, {"of", "to"})
            for a in reader.actors(p)
            if a.span.label_ in _ACTORS
        ]
        named, direct = _targets(tok, reader)
        targets = [t for t in named if all(t.span.kb_id_ != o.span.kb_id_ for o in owners)]
        if relation in {"alliedWith", "opposes"}:  # "Kraft rival PepsiCo": trade, not conflict
            targets = [t for t in targets if t.span.label_ not in _FIRMS]
            owners = [o for o in owners if o.span.label_ not in _FIRMS]
        if relation == "partOf":  # "Hexal's US affiliate Eon Labs" needs an organisation
            targets = [t for t in targets if t.span.label_ in _ORG_TYPES]
        if not targets:
            continue
        plural = tok.tag_ == "NNS"
        if not owners:
            # "rivals Iran and Saudi Arabia", "Egypt and Turkey are regional rivals"
            if plural and direct and relation in {"alliedWith", "opposes"}:
                for c in _pairs(targets, relation, "alignment_noun"):
                    yield Candidate(c.subject, c.relation, c.object, c.extractor, factor)
            continue
        for o in owners:
            for t in targets:
                rel = relation
                if rel == "alliedWith" and o.span.label_ in _ALLIANCES:
                    rel = "memberOf"  # "NATO allies Turkey and the United States"
                if rel == "partOf" and t.span.label_ in {"Person", "Country"}:
                    rel = "memberOf"
                if rel == "alliedWith" and t.span.label_ == o.span.label_ == "Person":
                    continue  # a politician's ally is a colleague, not an alliance
                if (
                    o.span.label_ == "Country"
                    and o.span.root.dep_ in {"compound", "nmod", "amod"}
                    and t.span.label_ not in _STATELIKE
                ):
                    continue  # "US partner Biogen": a firm's home country, not its partner
                yield Candidate(t, rel, o, "alignment_noun", factor)
        if relation == "alliedWith" and plural and any(o.span.label_ in _ALLIANCES for o in owners):
            for c in _pairs(targets, "alliedWith", "alignment_noun"):  # allies of each other
                yield Candidate(c.subject, c.relation, c.object, c.extractor, factor)


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


def _clause_agents(tok: Token, reader: SentenceReader) -> tuple[list[Arg], Token | None]:
    """The subject of the clause a noun phrase sits in, and that clause's verb."""
    node = tok
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"}:
            agents, passive = agents_of(node, reader)
            return ([] if passive else agents), node
        if node.head == node:
            break
        node = node.head
    return [], None


def cooperation(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "in cooperation with Y", "coordination meetings with Y", "fighting alongside Y",
    "X and Y formed a joint force", "a joint force of X and Y" -> alliedWith."""
    for tok in sent:
        low = tok.lower_
        if low == "alongside" and tok.dep_ == "prep" and tok.head.pos_ == "VERB":
            verb = tok.head
            if verb.lemma_.lower() not in _ALONGSIDE_VERBS or assertion_factor(verb) == 0:
                continue
            agents, passive = agents_of(verb, reader)
            partners = [a for p in tok.children if p.dep_ == "pobj" for a in reader.actors(p)]
            for a in [] if passive else agents:
                for p in partners:
                    if not _private(a, p):
                        yield Candidate(a, "alliedWith", p, "cooperation", assertion_factor(verb))
            continue
        joint = low in _JOINT_NOUNS and any(c.lower_ == "joint" for c in tok.children)
        coop = low in _COOPERATION_NOUNS or any(
            c.dep_ == "compound" and c.lower_ in _COOPERATION_NOUNS for c in tok.children
        )
        if not (joint or coop) or tok.pos_ != "NOUN" or _hedged(tok):
            continue
        partners = [a for p in _pobjs(tok, {"with"}) for a in reader.actors(p)]
        members = [a for p in _pobjs(tok, {"of", "between", "among"}) for a in reader.actors(p)]
        agents, clause = _clause_agents(tok, reader)
        factor = assertion_factor(clause) if clause is not None else 1.0
        if factor == 0:
            continue
        owners = _possessor(tok, reader)
        if partners:
            for a in owners or agents:
                for p in partners:
                    if not _private(a, p):
                        yield Candidate(a, "alliedWith", p, "cooperation", factor)
        elif joint and len(members) >= 2:  # "a joint force of X and Y"
            for c in _pairs(members, "alliedWith", "cooperation"):
                yield Candidate(c.subject, c.relation, c.object, c.extractor, factor)
        elif joint and tok.dep_ == "dobj" and len(agents) >= 2:  # "X and Y formed a joint force"
            for c in _pairs(agents, "alliedWith", "cooperation"):
                yield Candidate(c.subject, c.relation, c.object, c.extractor, factor)


def relations(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "relations between X and Y deteriorated", "relations deteriorated between X and Y",
    "strained ties between X and Y" -> opposes."""
    for tok in sent:
        if tok.lower_ not in _RELATION_NOUNS:
            continue
        head = tok.head
        bad = any(c.lower_ in _BAD_RELATION_ADJS for c in tok.children)
        verb = head if tok.dep_ in {"nsubj", "nsubjpass"} else None
        if verb is not None and not bad:
            lemma = verb.lemma_.lower()
            bad = lemma in _WORSENING_VERBS or (
                lemma in {"hit", "reach", "fall", "sink"}
                and any(
                    w.lower_ in _LOW_NOUNS
                    for c in verb.children
                    if c.dep_ in {"dobj", "prep"}
                    for w in c.subtree
                )
            )
        if not bad:
            continue
        factor = assertion_factor(verb) if verb is not None else _clause_factor(tok)
        if factor == 0:
            continue
        pobjs = list(_pobjs(tok, {"between", "among"}))
        if not pobjs and verb is not None:
            pobjs = list(_pobjs(verb, {"between", "among"}))
        for p in pobjs:
            for c in _pairs(reader.actors(p), "opposes", "relations"):
                yield Candidate(c.subject, c.relation, c.object, c.extractor, factor)


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


def with_help(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X seized the port with help from Y", "with the backing of Y", "with Iranian support"
    -> X backedBy Y."""
    for tok in sent:
        if tok.lower_ not in _HELP_NOUNS or tok.dep_ != "pobj" or tok.head.lower_ != "with":
            continue
        helpers = [a for p in _pobjs(tok, {"from", "of"}) for a in reader.actors(p)]
        helpers += [
            reader.arg(m)
            for c in tok.children
            if c.dep_ in {"poss", "amod", "compound"}
            for m in [reader.named_or_demonym(c)]
            if m is not None
        ]
        helpers = [h for h in helpers if h.span.label_ in _ACTORS]
        verb = tok.head.head
        for _ in range(3):  # "rebuilt its tunnels with Iranian support"
            if verb.pos_ in {"VERB", "AUX"} or verb.dep_ not in {"dobj", "pobj", "prep"}:
                break
            verb = verb.head
        if not helpers or verb.pos_ not in {"VERB", "AUX"}:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        for a in agents:
            for h in helpers:
                if a.span.kb_id_ != h.span.kb_id_ and not _private(a, h):
                    yield Candidate(a, "backedBy", h, "with_help", factor)


#: hostility nouns that take their other side with "with": "its rivalry with Y", "is in
#: a competition with Y", "locked in a feud with Y"
_RIVALRY_NOUNS = frozenset(
    "rivalry rivalries competition feud feuds dispute disputes standoff confrontation "
    "enmity hostility hostilities tension tensions struggle rift quarrel".split()
)
#: whom a rivalry noun belongs to when it is the object of "in": "X is in a competition"
_IN_VERBS = _ENGAGED_VERBS | {"be", "remain", "stay"}


def rivalry_with(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Hezbollah's rivalry with Amal", "X is in a competition with Y", "X has been locked
    in a feud with Y" -> X opposes Y."""
    for tok in sent:
        if tok.lower_ not in _RIVALRY_NOUNS or tok.pos_ != "NOUN" or _hedged(tok):
            continue
        if _unasserted_noun(tok):
            continue
        others = [a for p in _pobjs(tok, {"with"}) for a in reader.actors(p)]
        if not others:
            continue
        owners = _possessor(tok, reader)
        factor = _clause_factor(tok)
        head = tok.head
        if not owners and tok.dep_ == "pobj" and head.lower_ == "in":
            verb = head.head
            if verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in _IN_VERBS:
                factor = assertion_factor(verb)
                subjects, passive = agents_of(verb, reader)
                owners = patients_of(verb, reader) if passive or not subjects else subjects
        if factor == 0:
            continue
        for a in owners:
            for o in others:
                if a.span.kb_id_ != o.span.kb_id_ and not _private(a, o, "opposes"):
                    yield Candidate(a, "opposes", o, "rivalry_with", factor)


#: nouns of backing that name the backed with "for"/"to": "Iranian support for Hamas"
_SUPPORT_NOUNS = frozenset(
    "support backing assistance aid funding financing sponsorship arms weapons".split()
)
#: kinds of aid that are no backing in a conflict: "humanitarian aid to Gaza"
_RELIEF_WORDS = frozenset(
    "humanitarian food medical relief emergency development disaster public popular "
    "political moral".split()
)
#: who backs and who is backed by "support for": states, forces and armed groups
_BACKING_TYPES = frozenset(
    {"Country", "ArmedGroup", "MilitaryForce", "GovernmentBody", "Coalition"}
)


#: words above a noun that leave it unasserted: "no evidence of Iranian support",
#: "accused Iran of support for X", "denied any rivalry with Y"
_UNASSERTING_HEADS = frozenset(
    "accuse allege deny claim suspect rumour rumor evidence sign proof question doubt".split()
)


def _unasserted_noun(tok: Token) -> bool:
    """Whether a noun sits under a denial, an accusation or a "no evidence of" within a few
    steps up: the clause may be asserted while the noun's relation is not."""
    node = tok
    for _ in range(4):
        if node.head == node:
            return False
        node = node.head
        if any(
            c.dep_ in {"det", "neg"} and c.lower_ in {"no", "not", "never"} for c in node.children
        ):
            return True
        if node.lemma_.lower() in _UNASSERTING_HEADS:
            return True
        if node.pos_ in {"VERB", "AUX"}:
            return False
    return False


def support_for(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Iranian support for Hamas", "Russia's military aid to Syria", "assistance for the
    Houthis from Tehran" -> the recipient backedBy the provider."""
    for tok in sent:
        if tok.lower_ not in _SUPPORT_NOUNS or tok.pos_ != "NOUN" or _hedged(tok):
            continue
        if _unasserted_noun(tok):
            continue
        if any(c.lower_ in _RELIEF_WORDS for c in tok.children):
            continue
        recipients = [a for p in _pobjs(tok, {"for", "to"}) for a in reader.actors(p)]
        providers = [a for p in _pobjs(tok, {"from"}) for a in reader.actors(p)]
        providers += [
            reader.arg(m)
            for c in tok.children
            if c.dep_ in {"poss", "amod", "compound"}
            for m in [reader.named_or_demonym(c)]
            if m is not None
        ]
        recipients = [a for a in recipients if a.span.label_ in _BACKING_TYPES]
        providers = [a for a in providers if a.span.label_ in _BACKING_TYPES]
        if not recipients or not providers:
            continue
        factor = _clause_factor(tok)
        if factor == 0:
            continue
        for r in recipients:
            for p in providers:
                if r.span.kb_id_ != p.span.kb_id_:
                    yield Candidate(r, "backedBy", p, "support_for", factor)


def led_coalition(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the Saudi-led coalition" -> Saudi Arabia memberOf the coalition, when it is named."""
    for m in reader.in_sentence(sent):
        if m.label_ != "Coalition":
            continue
        for leader in led_by(m.root, reader):
            if leader.span.label_ in {"Country", "Person"} | _ORG_TYPES:
                yield Candidate(leader, "memberOf", reader.arg(m), "led_coalition")


PATTERNS = (
    backing_participle,
    alignment_nouns,
    wings,
    allegiance,
    cooperation,
    relations,
    reliance,
    modifier_part,
    with_help,
    led_coalition,
    rivalry_with,
    support_for,
    state_bodies,
    ties,
    member_examples,
    possessives,
    national_forces,
    modifier_backing,
    against_prefix,
    between,
    copula_part,
)
