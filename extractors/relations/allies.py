"""How two actors stand to each other: alliances and hostility between them ("tensions
between X and Y", "X and Y are at war", "X's alliance with Y", "X's allies like Y"),
cooperation ("X fought alongside Y", "joint operations with Y"), relations ("relations
between X and Y soured"), help ("with the help of Y"),
rivalry ("X's rivalry with Y") and support ("X's support for Y"). Hedged
statements ("reportedly", "rumours of") are weakened."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import (
    SYMMETRIC_NOUNS,
)
from .alignment import (
    _clause_factor,
    _noun_factor,
    _possessor,
)
from .assertion import assertion_factor
from .sentence import (
    _ACTORS,
    _ORG_TYPES,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
    described,
    patients_of,
)

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
    # "X, the Polisario's main backer": the owner is backed by X
    **dict.fromkeys("backer backers sponsor sponsors patron patrons".split(), "backedBy"),
    # "X, Y's main arms supplier", "X is the main supplier of weapons to Y" (arms only)
    **dict.fromkeys("supplier suppliers".split(), "backedBy"),
    # "Hezbollah, Iran's main proxy", "an Iranian proxy": X is backed by the owner
    **dict.fromkeys("proxy proxies".split(), "proxyOf"),
}

#: what makes a supplier a backer: "arms supplier", "supplier of weapons"
_ARMS_WORDS = frozenset("arms weapons weapon military munitions ammunition".split())

#: sides an "allies in Y" names: "the RUF and their allies in the AFRC" (not "in Europe")
_ALLY_BODIES = frozenset(
    {"ArmedGroup", "MilitaryForce", "PoliticalGroup", "Coalition", "GovernmentBody"}
)


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


#: "X and Y formed an alliance", "X and Y forged a partnership"
_FORMING = frozenset("form forge create build establish sign seal".split())


_JOINT_NOUNS = frozenset(
    "force forces operation operations patrol patrols offensive command campaign".split()
)


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


_FEARED = frozenset("fear avert prevent avoid risk".split())


def between(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "tensions between X and Y", "tensions rose between X and Y", "X and Y are locked
    in a struggle for dominance"."""
    for tok in sent:
        relation = _symmetric(tok)
        if relation is None:
            continue
        feared = tok.dep_ == "dobj" and tok.head.lemma_.lower() in _FEARED  # "fear a war between"
        factor = 0.0 if _hedged(tok) or feared else _clause_factor(tok)
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
        if not out and m.root.head.i not in heads and not (i == tok.i + 1 and tok.tag_ == "NN"):
            break  # (a name right after a singular noun is its name: "its ally Hezbollah")
        out.append(reader.arg(m))
        i = m.end
        if i < end and doc[i].text == ",":
            i += 1
        if i < end and doc[i].lower_ in {"and", "or"}:
            i += 1
        if i < end and doc[i].lower_ == "the":
            i += 1
    return out


#: "one of X's allies", "another of X's partners"
_ONE_OF = frozenset({"one", "another", "two", "three", "both", "each"})


def _targets(tok: Token, reader: SentenceReader) -> tuple[list[Arg], bool]:
    """The actors an alignment noun is said of ("ally X", "X, an ally of Y", "allies such as
    X"), and whether the noun names them outright (so plural "rivals X and Y" pair up)."""
    out = [a for c in tok.children if c.dep_ == "appos" for a in reader.actors(c)]
    one = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    if not out and one is not None and one.lower_ in _ONE_OF and one.dep_ == "appos":
        out = reader.actors(one.head)  # "X, one of Hadi's closest allies", "another of ..."
    if not out and one is not None and one.lower_ in _ONE_OF and one.dep_ == "attr":
        # "X was one of the last allies of France", "X, who was elected and was one of ..."
        out = [a for c in one.head.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        out = out or (agents_of(one.head, reader)[0] if one.head.dep_ == "conj" else [])
    if not out and tok.dep_ == "conj" and tok.head.dep_ == "appos":
        out = reader.actors(tok.head.head)  # "X, a former leader of Y and an ally of Z"
    if not out and tok.dep_ in {"compound", "nmod"} and tok.head.i > tok.i:
        out = reader.actors(tok.head)  # "fellow NATO member Turkey"
    if not out:
        out = _named_after(tok, reader)
    if not out and one is not None and one.lower_ in _ONE_OF and one.dep_ == "conj":
        # "X, the former colonial power and one of Y's backers"
        out = reader.actors(one.head.head) if one.head.dep_ == "appos" else []
    if not out and tok.dep_ == "attr" and tok.head.lemma_ in {"be", "become", "remain"}:
        # "X and Y are rivals", "X has become an important ally of Y"
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


def _arms_supplier(tok: Token) -> bool:
    """Whether a supplier supplies arms: "arms supplier", "supplier of weapons"."""
    words = [c for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}]
    words += _pobjs(tok, {"of"})
    return any(w.lower_ in _ARMS_WORDS for w in words)


def _kind_of_ally(tok: Token, owners: list[Arg], reader: SentenceReader) -> list[Arg]:
    """The allies an ally noun names by their state or their group: "the junta and its
    Russian allies", "Hamas and its Iranian backers", "the RUF and their allies in the
    AFRC"."""
    nxt = tok.nbor(1) if tok.i + 1 < tok.sent.end else tok
    if nxt.pos_ == "PROPN":  # "its Lebanese ally Hezbollah": the ally is named
        return []
    out = [
        Arg(d)
        for c in tok.children
        if c.dep_ in {"amod", "compound"} and c.i < tok.i
        for d in [reader.demonyms.get(c.i)]
        if d is not None and d.label_ == "Country"
    ]
    if not out and tok.tag_ == "NNS" and all(o.span.label_ != "Person" for o in owners):
        out = [
            a
            for p in _pobjs(tok, {"in", "from", "among", "within"})
            for a in reader.actors(p)
            if a.span.label_ in _ALLY_BODIES
        ]
    return out


def alignment_nouns(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Moscow's ally X", "Riyadh's rivals X and Y", "fellow NATO member X",
    "X, a close ally of Y", "X and Y are longtime rivals", "an affiliate of Y"."""
    for tok in sent:
        relation = _ALIGNMENT_NOUNS.get(tok.lower_)
        if relation is None or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        if tok.lower_.startswith("supplier") and not _arms_supplier(tok):
            continue  # "Europe's main gas supplier" sells, it does not back
        if relation == "proxyOf" and tok.dep_ in {"compound", "amod"}:
            continue  # "a proxy war": no proxy named
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
        if relation == "proxyOf":  # "an Iranian proxy"
            owners += [Arg(d) for c in tok.children if (d := reader.demonyms.get(c.i)) is not None]
        owners += [
            a
            for p in _pobjs(tok, {"of", "to"})
            for q in [p, *_pobjs(p, {"to"})]  # "the main supplier of weapons to Y"
            for a in reader.actors(q)
            if a.span.label_ in _ACTORS
        ]
        named, direct = _targets(tok, reader)
        if not named and owners and relation in {"alliedWith", "backedBy"}:
            named = _kind_of_ally(tok, owners, reader)
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
                if rel == "proxyOf":
                    yield Candidate(t, "backedBy", o, "alignment_noun", factor)
                elif rel == "backedBy":
                    yield Candidate(o, rel, t, "alignment_noun", factor)
                else:
                    yield Candidate(t, rel, o, "alignment_noun", factor)
        if relation == "alliedWith" and plural and any(o.span.label_ in _ALLIANCES for o in owners):
            for c in _pairs(targets, "alliedWith", "alignment_noun"):  # allies of each other
                yield Candidate(c.subject, c.relation, c.object, c.extractor, factor)


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
        if low != "alongside" and tok.pos_ != "NOUN":
            continue  # only a noun names the cooperation (checked first: this runs on every word)
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
        joint_any = any(c.lower_ == "joint" for c in tok.children)
        coop = low in _COOPERATION_NOUNS or any(
            c.dep_ == "compound" and c.lower_ in _COOPERATION_NOUNS for c in tok.children
        )
        if not (joint_any or coop):
            continue  # the cheap test first: most nouns are neither
        joint = low in _JOINT_NOUNS and joint_any
        # "a joint planning cell with Y", "joint exercises with Y": anything done jointly
        withs = list(_pobjs(tok, {"with"}))
        if joint_any and tok.dep_ == "dobj":  # "established a joint cell with Y" (on the verb)
            withs += _pobjs(tok.head, {"with"})
        if not (joint or coop or (joint_any and withs)) or tok.pos_ != "NOUN" or _hedged(tok):
            continue
        partners = [a for p in withs for a in reader.actors(p)]
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
        elif (joint or (coop and clause is not None and clause.lemma_ in _FORMING)) and (
            tok.dep_ == "dobj" and len(agents) >= 2
        ):  # "X and Y formed a joint force", "X and Y formed an alliance"
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


CONFIDENCE = {
    "alignment_noun": 0.8,
    "cooperation": 0.8,
    "relations": 0.75,
    "rivalry_with": 0.75,
}

PATTERNS = (
    alignment_nouns,
    cooperation,
    relations,
    rivalry_with,
    between,
)
