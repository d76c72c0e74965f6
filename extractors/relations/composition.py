"""What an alliance is made of: "X, which includes A and B", "X comprises A", "X, made up
of A, B and C", "X, an alliance of groups including A and B", "A, one of the groups in X",
"A is one of the founding members of X". A member organisation is ``partOf`` the
alliance, a member state or person ``memberOf`` it (GUIDELINES)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .alignment import _clause_factor
from .allies import _pairs
from .assertion import assertion_factor
from .sentence import _ORG_TYPES, Arg, Candidate, SentenceReader, _pobjs

CONFIDENCE = {
    "coalition_of": 0.75,
    "composition": 0.8,
    "alliance_of": 0.8,
    "one_of_members": 0.8,
    "member_in": 0.75,
}

#: organisations that have members: what a composition verb's subject must be
_WHOLES = frozenset(
    {"Coalition", "PoliticalGroup", "ArmedGroup", "InternationalOrganization", "MilitaryForce"}
)
#: places that contain others: "Hirshabelle state, which includes Hiraan"
_REGIONS = frozenset({"Place", "Country"})
#: "X includes A", "X comprises A", "X brings together A", "X groups A"
_HAVING_VERBS = frozenset("include comprise encompass incorporate unite group".split())
#: "X, made up of A", "X consists of A", "X is composed of A"
_MADE_OF = frozenset("make compose consist form".split())
#: nouns for a union of actors: "X, an alliance of A and B"
_UNION_NOUNS = frozenset(
    "alliance coalition umbrella grouping bloc federation confederation union front network".split()
)
#: unions whose unnamed members are allies ("a coalition of A and B"; not "a union of")
_ALLYING_NOUNS = frozenset("alliance coalition grouping bloc front umbrella".split())
#: "A, one of the groups in X", "A is one of the members of X"
_MEMBER_KINDS = frozenset(
    "group faction member militia party brigade unit component organisation organization "
    "movement".split()
)


#: what may stand between the names of a list: "A, B and the C", "A as well as B"
_LIST_GLUE = frozenset({",", "and", "or", "the", "as", "well"})


def _bracketed(tok: Token, step: int, reader: SentenceReader) -> bool:
    """Whether a bracketed name starts (or, walking back, ends) at ``tok``: "(PFLP)"."""
    doc, i = tok.doc, tok.i
    if tok.text != ("(" if step > 0 else ")") or not (0 <= i + 2 * step < len(doc)):
        return False
    m = reader.mention(doc[i + step])
    return m is not None and len(m) == 1 and doc[i + 2 * step].text == (")" if step > 0 else "(")


def _listed(parts: list[Arg], reader: SentenceReader) -> list[Arg]:
    """The parts and the names listed next to them, read by the text's shape when the
    parse breaks a long list of names apart ("made up of A, B and C")."""
    out = list(parts)
    seen = {(a.span.start, a.span.end) for a in out}
    for a in parts:
        sent = a.span.sent
        for step in (-1, 1):
            i = a.span.start - 1 if step < 0 else a.span.end
            glue = 0
            while sent.start <= i < sent.end:
                tok = a.span.doc[i]
                if _bracketed(tok, step, reader):  # "the Popular Front (PFLP) and C"
                    i += 3 * step
                    continue
                m = reader.mention(tok)
                if m is not None and glue:
                    if (m.start, m.end) in seen or m.label_ not in _ORG_TYPES | {"Country"}:
                        break
                    seen.add((m.start, m.end))
                    out.append(reader.arg(m))
                    i, glue = (m.start - 1 if step < 0 else m.end), 0
                elif tok.lower_ in _LIST_GLUE:
                    glue += 1
                    i += step
                else:
                    break
    return out


def _member_relation(part: Arg) -> str:
    return "memberOf" if part.span.label_ in {"Country", "Person"} else "partOf"


def _parts(whole: Arg, parts: list[Arg], extractor: str, factor: float) -> Iterator[Candidate]:
    for part in parts:
        label = part.span.label_
        if part.span.kb_id_ == whole.span.kb_id_ or label not in _ORG_TYPES | {
            "Country",
            "Person",
        }:
            continue
        yield Candidate(part, _member_relation(part), whole, extractor, factor)


def _subjects(verb: Token, reader: SentenceReader) -> list[Arg]:
    """The actor that has the members: the verb's own subject, or the noun a relative
    clause hangs on ("X, which includes ...")."""
    out: list[Arg] = []
    for c in verb.children:
        if c.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        if c.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
            out += reader.actors(verb.head)
        elif (m := reader.mention(c)) is not None and m.root == c:
            out.append(reader.arg(m))
        elif c.pos_ == "NOUN" and c.lower_ in _UNION_NOUNS:  # "the alliance includes"
            owner = reader.owner(c)
            if owner is not None:
                out.append(owner)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "X, made up of A"
        out += reader.actors(verb.head)
    return [a for a in out if a.span.label_ in _WHOLES | _REGIONS]


def composition(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X, which includes A and B", "X comprises A", "X is made up of A, B and C"."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if lemma in _HAVING_VERBS and verb.pos_ == "VERB" and verb.tag_ != "VBN":
            objs = [c for c in verb.children if c.dep_ == "dobj"]
        elif lemma in _MADE_OF and verb.pos_ in {"VERB", "AUX"}:
            if lemma == "make" and not any(
                c.dep_ == "prt" and c.lower_ == "up" for c in verb.children
            ):
                continue
            if lemma in {"compose", "form", "make"} and verb.tag_ != "VBN":
                continue
            objs = list(_pobjs(verb, {"of"}))
            objs += [p for c in verb.children if c.dep_ == "prt" for p in _pobjs(c, {"of"})]
        else:
            continue
        factor = assertion_factor(verb)
        if factor == 0 or not objs:
            continue
        wholes = _subjects(verb, reader)
        if not wholes:
            continue
        parts = _listed([a for o in objs for a in reader.actors(o)], reader)
        for whole in wholes:
            if whole.span.label_ in _REGIONS:  # "Hirshabelle state, which includes Hiraan"
                for part in parts:
                    if part.span.label_ == "Place" and part.span.kb_id_ != whole.span.kb_id_:
                        yield Candidate(part, "locatedIn", whole, "composition", factor)
                continue
            yield from _parts(whole, parts, "composition", factor)


def alliance_of(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X, an alliance of A, B and C", "X, a coalition of rebel groups including A"; an
    alliance the text does not name makes its members allies: "launched by a coalition
    of A, B and C" -> A, B, C pairwise alliedWith."""
    for noun in sent:
        if noun.lower_ not in _UNION_NOUNS or noun.pos_ != "NOUN":
            continue
        members = [p for p in _pobjs(noun, {"of"})]
        parts = _listed([a for p in members for a in reader.actors(p)], reader)
        whole = reader.owner(noun)
        if whole is not None and members and whole.span.start > members[0].i:
            # "a coalition of A, the B (B) and C": a name in apposition after the first
            # member continues the list, it is not the whole
            if all(whole.span.kb_id_ != p.span.kb_id_ for p in parts):
                parts = _listed([*parts, whole], reader)
            whole = None
        # "X is an alliance of A and B": as asserted as its clause
        factor = assertion_factor(noun.head) if noun.dep_ == "attr" else _clause_factor(noun)
        if factor == 0:
            continue
        if whole is None and noun.lower_ in _ALLYING_NOUNS:
            allies = [p for p in parts if p.span.label_ in _ORG_TYPES | {"Country"}]
            for c in _pairs(allies, "alliedWith", "coalition_of"):
                yield Candidate(c.subject, c.relation, c.object, c.extractor, factor)
        if whole is None or whole.span.label_ not in _WHOLES:
            continue
        yield from _parts(whole, parts, "alliance_of", factor)


def _one_of(tok: Token) -> Token | None:
    """The plural noun of "one of the (most powerful) groups", else None."""
    if tok.lower_ != "one":
        return None
    for p in _pobjs(tok, {"of"}):
        if p.lemma_.lower() in _MEMBER_KINDS and p.tag_ == "NNS":
            return p
    return None


def one_of_members(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "A, one of the groups in X", "A is one of the founding members of X"."""
    for tok in sent:
        kind = _one_of(tok)
        if kind is None:
            continue
        wholes = [
            a
            for p in _pobjs(kind, {"in", "of", "within", "inside"})
            for a in reader.actors(p)
            if a.span.label_ in _WHOLES
        ]
        if not wholes:
            continue
        factor = 1.0
        parts: list[Arg] = []
        if tok.dep_ == "appos":
            parts = reader.actors(tok.head)
        elif tok.dep_ == "attr" and tok.head.lemma_ == "be":
            factor = assertion_factor(tok.head)
            parts = [a for c in tok.head.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        if factor == 0:
            continue
        for whole in wholes:
            yield from _parts(whole, parts, "one_of_members", factor)


#: what a member is called when it is the first of an alliance: "the main armed force in
#: the Congo River Alliance", "the most powerful faction within the PMF"
_LEADING_KINDS = _MEMBER_KINDS | {"force", "component"}


def _alliance_named(m: Span) -> bool:
    """Whether a whole is an alliance by its type or its name ("Congo River Alliance")."""
    return m.label_ == "Coalition" or m.root.lower_ in _UNION_NOUNS


def member_in(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "The M23 is now the main armed force in the Congo River Alliance", "Badr, the most
    powerful faction within the PMF" -> partOf ("in" an alliance only; "within" any
    organisation)."""
    for noun in sent:
        if noun.lemma_.lower() not in _LEADING_KINDS or noun.dep_ not in {"attr", "appos"}:
            continue
        wholes = [
            a
            for p in _pobjs(noun, {"in", "within", "inside"})
            for a in reader.actors(p)
            if a.span.label_ in _WHOLES and (p.head.lower_ != "in" or _alliance_named(a.span))
        ]
        if not wholes:
            continue
        if noun.dep_ == "attr":
            verb = noun.head
            if verb.lemma_ != "be":
                continue
            factor = assertion_factor(verb)
            parts = [a for c in verb.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        else:
            factor = 1.0
            parts = reader.actors(noun.head)
        if factor == 0:
            continue
        parts = [a for a in parts if a.span.label_ != "Person"]  # "the head of X, the ..."
        for whole in wholes:
            yield from _parts(whole, parts, "member_in", factor)


PATTERNS = (composition, alliance_of, one_of_members, member_in)
