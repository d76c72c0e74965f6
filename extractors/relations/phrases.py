"""Shapes of noun phrases the patterns share, read from the parse alone (no actors):
coordination, companions ("X, along with Y"), examples ("groups such as X"), names given
("a group known as X") and the objects of prepositions."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Set

from spacy.tokens import Span, Token

from ..lexicon import DESCRIPTOR_TYPES, SPEECH_VERBS


def _place_noun(noun: Token) -> bool:
    """ "capital", "city", "province": a noun that a place's name can stand beside."""
    return noun.lower_ == "capital" or DESCRIPTOR_TYPES.get(noun.lower_) == "Place"


def _conjuncts(tok: Token) -> list[Token]:
    """Nouns coordinated with ``tok``; a list the parse hung as an apposition ("pounding
    A, the B and the C" with B in apposition to A) counts when the apposition is itself
    coordinated."""
    out = []
    for c in tok.children:
        if c.dep_ == "conj" or (
            c.dep_ == "appos"
            and c.i > tok.i
            and (c.pos_ == "PROPN" or _place_noun(c))
            and any(d.dep_ == "conj" for d in c.children)
        ):
            out.append(c)
            out += _conjuncts(c)
    return out


#: "X, along with Y", "X together with Y": a companion named next to an argument
_COMPANION_PREPS = frozenset({"along", "together", "alongside"})
#: "groups such as X", "factions, including X", "militias like X"
_EXAMPLE_PREPS = frozenset({"including", "like"})


def _companions(tok: Token) -> list[Token]:
    """Nouns named as companions of an argument: "Hamas, along with Islamic Jihad"."""
    if tok.pos_ not in {"NOUN", "PROPN", "VERB", "AUX"}:
        return []
    out = []
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in _COMPANION_PREPS:
            continue
        if c.lower_ == "alongside":
            out += [p for p in c.children if p.dep_ == "pobj"]
        else:
            out += [
                p for w in c.children if w.lower_ == "with" for p in w.children if p.dep_ == "pobj"
            ]
    return out


def _named_as(noun: Token) -> Token | None:
    """The name a noun is given: "militias, known as Hashid Shaabi", "a group called X"."""
    if noun.pos_ != "NOUN":
        return None
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_ in {"know", "call", "name"}:
            for d in c.children:
                if d.dep_ in {"oprd", "attr", "xcomp"} and d.pos_ == "PROPN":
                    return d
                if d.dep_ == "prep" and d.lower_ == "as":
                    for p in d.children:
                        if p.dep_ == "pobj":
                            return p
    return None


def _examples(noun: Token) -> list[Token]:
    """The examples a generic noun lists: "groups such as X and Y", "factions, including X"."""
    out = [p for p in _pobjs(noun, _EXAMPLE_PREPS)]
    for c in noun.children:
        if (
            c.dep_ == "prep"
            and c.lower_ == "as"
            and any(s.lower_ == "such" for s in [*c.children, *noun.children])
        ):
            out += [p for p in c.children if p.dep_ == "pobj"]
        elif c.dep_ == "amod" and c.lower_ == "such":  # (such) -> (prep as) -> pobj
            out += [p for p in _pobjs(c, {"as"})]
    return out


def _pobjs(tok: Token, preps: Set[str]) -> Iterator[Token]:
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    yield p


#: verbs a speaker goes on with after reporting something: "said ... and accused Y"
_SPEAKERS_NEXT = frozenset(
    "accuse blame condemn denounce criticise criticize urge vow warn threaten call "
    "demand pledge praise".split()
)


def _speaker_goes_on(verb: Token) -> Token | None:
    """The speech verb whose subject a coordinated verb shares when the parse hung it on
    the reported clause: "X said the government had surrendered and accused Y of ..."
    ("accused" is X's, not the government's: the reported verb has its own auxiliary,
    the speaker's next verb a plain past tense)."""
    head = verb.head
    if (
        verb.dep_ != "conj"
        or verb.tag_ != "VBD"
        or verb.lemma_.lower() not in _SPEAKERS_NEXT
        or any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in verb.children)
        or head.dep_ != "ccomp"
        or head.head.lemma_.lower() not in SPEECH_VERBS
        or not any(c.dep_ in {"aux", "auxpass"} for c in head.children)
    ):
        return None
    return head.head


def _relative_before(pronoun: Token) -> list[Token]:
    """The noun right before a relative pronoun when the parse hung the clause higher up:
    in "to rid the territory of the PKK, which has fought an insurgency" the clause is
    on "territory" but "which" is the PKK (the word before the comma, past a bracketed
    acronym; only a word inside the phrase the clause hangs on)."""
    doc, i = pronoun.doc, pronoun.i - 1
    if i < 0 or doc[i].text != ",":
        return []
    i -= 1
    if i >= 0 and doc[i].text == ")":
        while i >= 0 and doc[i].text != "(":
            i -= 1
        i -= 1
    if i < 0 or doc[i].pos_ not in {"NOUN", "PROPN"}:
        return []
    head = pronoun.head.head
    return [doc[i]] if head.is_ancestor(doc[i]) else []


#: verbs whose object does what their "to" clause says: "trained X to fight Y"
_OBJECT_CONTROL = frozenset(
    "train arm equip help enable urge order ask allow encourage force persuade push "
    "pressure recruit hire pay".split()
)


def _object_controlled(node: Token) -> bool:
    head = node.head
    return (
        any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        and head.lemma_.lower() in _OBJECT_CONTROL
        and any(c.dep_ == "dobj" for c in head.children)
    )


#: words before a site that make it an army's: "army positions", "government outposts"
_ARMY_WORDS = frozenset({"army", "government"})


def army_before(noun: Token, spans: list[Span]) -> Span | None:
    """The army whose site "an army camp", "government positions" names: the army the
    article named last before it ("the Malian army", "Mali's army"), if any; the police
    whose site "police posts", "a police station" names: the police force the article
    names ("the Haitian National Police"), before the site or else after it."""
    mods = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}]
    words = {m.lower_ for c in mods for m in (c, *c.conjuncts)}  # "police and army outposts"
    if words & _ARMY_WORDS:
        # a country's army in lower case ("the Malian army"), not a named one ("Arakan Army")
        armies = [
            s
            for s in spans
            if s.end <= noun.i
            and s.label_ == "MilitaryForce"
            and s.root.text in {"army", "military"}
        ]
        if armies:
            return armies[-1]
    if "police" not in words:
        return None
    police = [
        s
        for s in spans
        if s.label_ in {"MilitaryForce", "GovernmentBody"}
        and s.root.lower_ in {"police", "service", "force"}  # not "the Police Lines" (a site)
        and "police" in s.text.lower().split()
        and not (s.start <= noun.i < s.end)
    ]
    before = [s for s in police if s.end <= noun.i]
    return before[-1] if before else (police[0] if police else None)


def stranded(
    tok: Token, mention: Callable[[Token], Span | None], places: Set[str], orgs: Set[str]
) -> list[Span]:
    """Organisations the parse hung on a place after an argument: in "backs the Houthis
    in Yemen, Hezbollah in Lebanon and Hamas in Gaza" Hezbollah and Hamas are conjuncts
    of "Yemen" and "Lebanon" but continue the list the Houthis start."""
    if tok.dep_ not in {"dobj", "nsubj", "nsubjpass", "pobj"} or mention(tok) is None:
        return []
    out: list[Span] = []
    frontier, seen = [tok], {tok.i}
    while frontier:
        t = frontier.pop()
        m = mention(t)
        if m is None:
            continue
        for prep in (*t.children, *t.head.children):
            if prep.dep_ != "prep" or prep.i != m.end:
                continue
            for place in prep.children:
                pm = mention(place)
                if place.dep_ != "pobj" or pm is None or pm.label_ not in places:
                    continue
                for conj in _conjuncts(place):
                    c = mention(conj)
                    if (
                        c is not None
                        and (c.label_ in orgs or c.label_ == "Person")
                        and conj.i not in seen
                    ):
                        seen.add(conj.i)
                        out.append(c)
                        frontier.append(conj)
    return out
