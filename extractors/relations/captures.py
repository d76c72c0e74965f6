"""Captures: "X captured/seized/overran Y", "X took control of Y", "Y fell to X", and
captures named as events: "the rebels' capture of Goma", "the capture of Y by X", "X
swept to power with the capture of Y", "the fall of Y to X", an offensive that
captures ("the Taliban offensive, which captured Kandahar"). Capturing a place is
``attacked`` and ``presentIn`` (GUIDELINES)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..normalize import fold
from .agents import attack_targets, subject_fallback
from .assertion import assertion_factor
from .places import _place_args
from .presence import (
    _CONTROL_PHRASE_VERBS,
    _HOLDERS,
    _TARGET_PLACES,
    CAPTURE_VERBS,
    _group_of,
    _holders,
    _pronoun,
    _taken_places,
)
from .sentence import Arg, Candidate, SentenceReader, _pobjs, agents_of

CONFIDENCE = {"capture_noun": 0.75}

#: sites a capture verb takes from their owner: "overran the army's headquarters"
_SITES = frozenset(
    "headquarters base bases camp camps barracks outpost outposts position positions "
    "garrison checkpoint checkpoints post posts".split()
)

#: nouns of taking a place: "the capture of Y", "the seizure of Y"
_CAPTURE_NOUNS = frozenset("capture seizure recapture takeover conquest".split())
#: nouns of a military push that may be the subject of a capture verb
_PUSH_NOUNS = frozenset("offensive advance assault operation push campaign blitz".split())
#: prepositions by which a capture noun hangs on its taker's clause: "with the capture of"
_MANNER_PREPS = frozenset({"with", "after", "following", "through"})


def _owners(noun: Token, reader: SentenceReader) -> list[Arg]:
    """Who an event noun is by: "the rebels' capture", "the Taliban offensive", "by X"."""
    out = [
        a
        for c in noun.children
        if c.dep_ in {"poss", "compound", "nmod", "amod"}
        for m in [reader.named_or_demonym(c)]
        if m is not None
        for a in [reader.arg(m)]
    ]
    if not out:
        out = [a for c in noun.children if c.dep_ == "poss" for a in _group_of(c, reader)]
    bys = [*_pobjs(noun, {"by"}), *(q for p in _pobjs(noun, {"of"}) for q in _pobjs(p, {"by"}))]
    out += [a for p in bys for a in _group_of(p, reader)]  # "the capture of Y by X"
    return [a for a in out if a.span.label_ in _HOLDERS and not _pronoun(a)]


def _clause_subject(noun: Token, reader: SentenceReader) -> list[Arg]:
    """ "X swept back to power with the capture of Y": the taker is the clause's doer."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in _MANNER_PREPS:
        return []
    verb = prep.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "relcl":
        subjects = [verb.head]  # "The Taliban, who swept back to power with ..."
    out: list[Arg] = []
    for s in subjects:
        if s.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
            s = verb.head
        out += _group_of(s, reader)
    return [a for a in out if a.span.label_ in _HOLDERS and not _pronoun(a)]


def _factor(noun: Token) -> float:
    node = noun
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    return assertion_factor(node) if node.pos_ in {"VERB", "AUX"} else 1.0


def capture_nouns(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the rebels' capture of Goma", "the fall of Kabul to the Taliban", "an offensive
    that captured Kandahar"."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        takers: list[Arg] = []
        places: list[Arg] = []
        if tok.pos_ == "NOUN" and (lemma in _CAPTURE_NOUNS or lemma == "fall"):
            places = [
                a for p in _pobjs(tok, {"of"}) for a in _place_args(p, reader, _TARGET_PLACES)
            ]
            if lemma == "fall":  # "the fall of Y to X"
                takers = [a for p in _pobjs(tok, {"to"}) for a in _group_of(p, reader)]
                takers = [a for a in takers if a.span.label_ in _HOLDERS]
            else:
                takers = _owners(tok, reader) or _clause_subject(tok, reader)
        elif tok.pos_ == "VERB" and lemma in CAPTURE_VERBS:
            pushes = [c for c in tok.children if c.dep_ == "nsubj" and c.lower_ in _PUSH_NOUNS]
            if tok.dep_ == "relcl" and tok.head.lemma_.lower() in _PUSH_NOUNS:
                pushes.append(tok.head)  # "the Taliban offensive, which captured Y"
            takers = [a for n in pushes for a in _owners(n, reader)]
            aim = _aimed_push(tok)
            if aim is not None:  # "X launched an offensive to retake Y": an attack on Y
                takers = _owners(aim, reader) or _launchers(aim, reader)
            # "captured the city of Kandahar and the northern hub of Mazar-i-Sharif"
            places = _taken_places(tok, reader, False, regions=False)
        if not takers or not places:
            continue
        factor = _factor(tok)
        if factor == 0:
            continue
        for a in takers:
            for pl in places:
                if a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "attacked", pl, "capture_noun", factor)
                    if tok.pos_ == "NOUN" or _aimed_push(tok) is None:  # not yet taken
                        yield Candidate(a, "presentIn", pl, "capture_noun", factor)


#: verbs that start or wage a push: "launched an offensive", "mounted an assault"
_LAUNCHING = frozenset("launch begin start mount stage stag open unleash resume".split())


def _aimed_push(verb: Token) -> Token | None:
    """The push a capture verb is the aim of: "an offensive to retake Y", "launched an
    assault on Monday to seize Y" (the aim hung on the launching verb)."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    head = verb.head
    if verb.dep_ == "acl" and head.lemma_.lower() in _PUSH_NOUNS:
        return head
    if verb.dep_ in {"advcl", "xcomp"} and head.lemma_.lower() in _LAUNCHING:
        pushes = [c for c in head.children if c.dep_ == "dobj" and c.lemma_ in _PUSH_NOUNS]
        return pushes[0] if pushes else None
    return None


def _launchers(push: Token, reader: SentenceReader) -> list[Arg]:
    """Who launched a push: the subject of "launched an offensive"."""
    verb = push.head
    if push.dep_ != "dobj" or verb.lemma_.lower() not in _LAUNCHING:
        return []
    agents, passive = agents_of(verb, reader)
    return (
        [a for a in agents if a.span.label_ in _HOLDERS and not _pronoun(a)] if not passive else []
    )


def takers(verb: Token, reader: SentenceReader) -> tuple[list[Arg], bool]:
    """Who takes: the holders a capture verb names, else armed men named by their group
    ("Troops of the AMISOM force seized Y", "fighters from the coalition seized Y")."""
    agents, passive = _holders(verb, reader)
    if not agents:
        agents = [
            a
            for a in subject_fallback(verb, reader, passive=passive)
            if a.span.label_ in _HOLDERS and not _pronoun(a, "it")
        ]
    return agents, passive


def _fell_to(verb: Token, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Y fell to X", "Y fell into the hands of X" -> X attacked and presentIn Y."""
    takers = list(_pobjs(verb, {"to"}))
    takers += [o for h in _pobjs(verb, {"into"}) if h.lower_ == "hands" for o in _pobjs(h, {"of"})]
    who = [a for t in takers for a in _group_of(t, reader) if a.span.label_ in _HOLDERS]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and any(c.tag_ in {"WDT", "WP"} for c in subjects):
        subjects = [verb.head]  # "Marawi, which fell to the Maute group"
    for pl in [a for c in subjects for a in _place_args(c, reader, _TARGET_PLACES)]:
        for a in who:
            yield Candidate(a, "attacked", pl, "capture")
            yield Candidate(a, "presentIn", pl, "capture")


def captures(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X captured/seized/overran/recaptured Y", "X took control of Y", "Y was seized by
    X", "Y, captured by X" -> X attacked Y and X presentIn Y."""
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        dobjs = [c for c in verb.children if c.dep_ == "dobj"]
        phrase = lemma in _CONTROL_PHRASE_VERBS and any(o.lower_ == "control" for o in dobjs)
        over = lemma == "take" and any(
            c.dep_ == "prt" and c.lower_ == "over" for c in verb.children
        )
        if lemma == "fall" and assertion_factor(verb):  # "Y fell to X": X took it
            yield from _fell_to(verb, reader)
        # "the rebels took Goma": a town taken, not office, part or a country to court
        took = (
            lemma == "take" and not phrase and not any(c.dep_ == "prt" for c in verb.children)
        )  # ("took control of the K-1 base" takes a site too)
        if lemma not in CAPTURE_VERBS and not phrase and not over and not took:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = takers(verb, reader)
        places = _taken_places(verb, reader, passive)
        if took:
            places = [pl for pl in places if pl.span.label_ == "Place"]
        struck = {pl.span.kb_id_ for pl in _taken_places(verb, reader, passive, regions=False)}
        for a in agents:
            for pl in places:
                if _own_country(a, pl, reader):
                    continue  # "the military had liberated the country": its own, no attack
                if pl.span.kb_id_ in struck:
                    yield Candidate(a, "attacked", pl, "capture", factor)
                yield Candidate(a, "presentIn", pl, "capture", factor)
        # "overran the headquarters of the army's First Division", "seized X's positions":
        # the site's owner was attacked
        owners = [
            a
            for o in (c for c in verb.children if c.dep_ == "dobj" and not passive)
            if o.lower_ in _SITES
            for a in attack_targets(o, reader)
            if a.span.label_ not in _TARGET_PLACES
        ]
        for a in agents:
            for o in owners:
                if a.span.kb_id_ != o.span.kb_id_:
                    yield Candidate(a, "attacked", o, "capture", factor)
        heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        heads += [p for h in heads[1:] for p in _pobjs(h, {"of"})]  # "the town of Y from Z"
        losers = [a for h in heads for p in _pobjs(h, {"from"}) for a in _group_of(p, reader)]
        for a in losers if agents else []:  # "recaptured Y from Z": Z held Y and was attacked
            for pl in places:
                if a.span.label_ in _HOLDERS and a.span.kb_id_ != pl.span.kb_id_:
                    yield Candidate(a, "presentIn", pl, "capture", factor)
            if places and a.span.label_ in _HOLDERS:
                for g in agents:
                    if g.span.kb_id_ != a.span.kb_id_:
                        yield Candidate(g, "attacked", a, "capture", factor)


def _own_country(agent: Arg, place: Arg, reader: SentenceReader) -> bool:
    """Whether a place is the taker's own country (a state, or forces named after it)."""
    if place.span.label_ != "Country":
        return False
    if agent.span.kb_id_ == place.span.kb_id_:
        return True
    entities = reader.doc._.actor_entities or {}
    taker = entities.get(agent.span.kb_id_)
    entry = reader.gazetteer.entries.get(place.span.kb_id_[4:]) if reader.gazetteer else None
    if taker is None or entry is None:
        return False
    words = fold(taker.label).split()
    return any(
        fold(n).split() == words[: len(fold(n).split())] for n in (entry.name, *entry.demonyms)
    )


PATTERNS = (captures, capture_nouns)
