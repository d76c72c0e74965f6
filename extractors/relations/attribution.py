"""Blame, promises and labels: who is said to be behind an attack ("X blamed Y for the
bombing", "Y was behind the attack", "the culprits, Y"), vows of response ("X vowed to
avenge Z"), designations ("X designated Y a terrorist group", "X calls Y terrorists"),
bans ("Y, outlawed in X") and crimes alleged ("X accused Y of war crimes in Z")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import (
    EVENT_NOUNS,
)
from .agents import _CLAIM_SPEECH, _STATE_LABELS
from .assertion import assertion_factor
from .leaders import _title_holders
from .sentence import (
    _ACTORS,
    Arg,
    Candidate,
    SentenceReader,
    _pobjs,
    agents_of,
)
from .verbs import _VERB_RELATIONS, _event_agents

#: "vowed to retaliate against X", "threatened to respond to Y", "threatened to attack Z"
_PROMISE_VERBS = frozenset("vow pledge promise threaten swear".split())


_RESPONSE_VERBS = frozenset(
    "retaliate respond avenge strike hit punish crush destroy eliminate prevent stop "
    "attack target bomb shell fight kill invade declare wage".split()
)


#: "regards X as a terrorist group", "which Israel considers a terrorist organisation"
_REGARD_VERBS = frozenset(
    "consider regard deem see view designate list brand class declare label ban outlaw "
    "proscribe blacklist".split()
)


#: verbs of speech that call someone a terrorist: an accusation, not a designation
_CALLING_VERBS = frozenset("describe call dub".split())


_TERROR_WORDS = frozenset({"terrorist", "terrorists", "terror", "terrorism"})


#: "the outlawed PKK", "the banned Muslim Brotherhood"
_OUTLAWED = frozenset({"outlawed", "banned", "proscribed"})


#: "Y was behind the attack", "Y was responsible for the bombing"
_CULPRIT_WORDS = frozenset({"behind", "responsible", "culprit", "culprits", "perpetrator"})


#: acts someone can be behind or responsible for: "Y was behind the bombing"
VIOLENT_ACTS = EVENT_NOUNS | frozenset(
    "violence killing death murder explosion blast bombing massacre assassination incident "
    "plot kidnapping abduction shooting ambush attack strike raid".split()
)


#: nouns that call an act a crime: "called the attack a war crime"
_CRIME_NOUNS = frozenset(
    "crime crimes massacre terrorism aggression atrocity atrocities violation violations "
    "outrage provocation".split()
)


def culprits(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X said Y was behind the attack", "X believes Y was responsible for it" -> accused."""
    for be in sent:
        if be.lemma_ != "be" or be.dep_ != "ccomp":
            continue
        speech = be.head
        if speech.lemma_.lower() not in _CLAIM_SPEECH:
            continue
        cue = [
            c
            for c in be.children
            if (c.dep_ == "prep" and c.lower_ == "behind")
            or (c.dep_ in {"acomp", "attr"} and c.lower_ in _CULPRIT_WORDS)
        ]
        # behind or responsible for an act of violence, not "responsible for huge waste"
        if not cue:
            continue
        acts = [p for c in cue for p in [*_pobjs(c, {"for"}), *c.children]]
        named_culprit = any(c.lower_ in {"culprit", "culprits", "perpetrator"} for c in cue)
        violent = any(p.lemma_.lower() in VIOLENT_ACTS or p.lower_ in {"it", "this"} for p in acts)
        if not (named_culprit or violent):
            continue
        factor = min(assertion_factor(speech), assertion_factor(be))
        if factor == 0:
            continue
        accusers, _ = agents_of(speech, reader)
        accused = [a for c in be.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        for a in accusers:
            for b in accused:
                yield Candidate(a, "accused", b, "culprit", factor)


def vows(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X vowed to retaliate against Y", "X threatened to respond to Y's attack"."""
    for verb in sent:
        if verb.lemma_.lower() not in _RESPONSE_VERBS or verb.dep_ not in {"xcomp", "advcl"}:
            continue
        if verb.dep_ == "advcl" and not any(c.lower_ == "to" for c in verb.children):
            continue  # "threatened in December to declare war": an infinitive hung apart
        if verb.head.lemma_.lower() not in _PROMISE_VERBS:
            continue
        factor = assertion_factor(verb.head)
        if factor == 0:
            continue
        targets = [
            a
            for c in verb.children
            if c.dep_ == "dobj"
            for a in (reader.actors(c) or _owners(c, reader))
        ]
        targets += [
            a
            for p in _pobjs(verb, {"against", "to", "on"})
            for a in (reader.actors(p) or _owners(p, reader))
        ]
        targets += [  # "threatened to declare war on Rwanda"
            a
            for c in verb.children
            if c.dep_ == "dobj" and c.lower_ in {"war", "attacks", "strikes"}
            for p in _pobjs(c, {"on", "against"})
            for a in reader.actors(p)
        ]
        agents, _ = agents_of(verb.head, reader)
        for a in agents:
            for t in targets:
                yield Candidate(a, "threatened", t, "vow", factor)
    yield from _warned_will(sent, reader)


#: verbs by which a speaker announces what he will do: "warned that Iran would strike"
_WARNING_VERBS = _PROMISE_VERBS | frozenset({"warn", "say", "declare", "add"})


def _warned_will(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Salami warned that Iran would strike back at any Israeli attack", "the Houthis
    said they would continue to target ships linked to Israel": a speaker who says he
    (or the side he speaks for) will strike threatens the target."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if lemma not in _RESPONSE_VERBS or verb.dep_ not in {"ccomp", "xcomp"}:
            continue
        clause = verb if verb.dep_ == "ccomp" else verb.head
        if not any(
            c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll"} for c in clause.children
        ):
            continue
        top = clause
        while top.dep_ == "conj" and top.head != top:  # "said there was ... and that X would"
            top = top.head
        if top.dep_ != "ccomp" or top.head.lemma_.lower() not in _WARNING_VERBS:
            continue
        speech = top.head
        factor = assertion_factor(speech)
        if factor == 0 or _negated_clause(clause):
            continue
        speakers, _ = agents_of(speech, reader)
        doers = [a for c in clause.children if c.dep_ == "nsubj" for a in reader.actors(c)]
        keys = {a.span.kb_id_ for a in speakers}
        we = any(c.dep_ == "nsubj" and c.lower_ == "we" for c in clause.children)
        if not we and not any(d.span.kb_id_ in keys for d in doers):
            # "the group's chief negotiator said the Houthis would target ...": his side's
            ties = _title_holders(reader).ties
            own = [
                d for d in doers for a in speakers if d.span.kb_id_ in ties.get(a.span.kb_id_, ())
            ]
            if not own:
                continue  # "X warned that Y would attack": Y's threat, if anyone's
            speakers, keys = own, {a.span.kb_id_ for a in own}
        targets = [
            a for c in verb.children if c.dep_ == "dobj" for a in _owners_or_actors(c, reader)
        ]
        targets += [
            a for p in _pobjs(verb, {"against", "at", "on"}) for a in _owners_or_actors(p, reader)
        ]
        for s in speakers:
            for t in targets:
                if t.span.kb_id_ not in keys:
                    yield Candidate(s, "threatened", t, "vow", factor * 0.9)


def _negated_clause(clause: Token) -> bool:
    return any(c.dep_ == "neg" for c in clause.children)


def _owners_or_actors(tok: Token, reader: SentenceReader) -> list[Arg]:
    """ "ships linked to Israel", "any Israeli attack": the actor named or owning."""
    found = reader.actors(tok) or _owners(tok, reader)
    if not found:
        found = [
            a
            for c in tok.children
            if c.dep_ == "acl"
            for p in _pobjs(c, {"to", "with", "by"})
            for a in reader.actors(p)
        ]
    return found


def designations(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Y, which X considers a terrorist group", "X regards Y as terrorists" -> sanctioned,
    when X is a state or one of its bodies; "X described Y as a terrorist" -> accused."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in _REGARD_VERBS | _CALLING_VERBS:
            continue
        terror = [n for n in _complements(verb) if _terror_noun(n)]
        if not terror:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            objs = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if not agents:  # "X is designated a terrorist group by Y", "by" on the noun
                agents = [a for n in terror for p in _pobjs(n, {"by"}) for a in reader.actors(p)]
        else:
            objs = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        groups: list[Arg] = [a for o in objs if not _terror_noun(o) for a in reader.actors(o)]
        relative = any(c.lower_ in {"which", "who", "whom", "that"} for c in verb.children)
        if verb.dep_ == "relcl" and relative:  # "Hamas, which Egypt considers terrorist"
            groups += reader.actors(verb.head)
        for s in agents:
            state = s.span.label_ in _STATE_LABELS and lemma in _REGARD_VERBS
            relation = "sanctioned" if state else "accused"
            for g in groups:
                yield Candidate(s, relation, g, "designation", factor)


def _complements(verb: Token) -> list[Token]:
    """What a verb of regarding says its object is: "considers X a terrorist group",
    "sees X as terrorists", "designated X a terrorist organisation"."""
    out = [c for c in verb.children if c.dep_ in {"oprd", "attr", "xcomp", "dobj"}]
    out += list(_pobjs(verb, {"as"}))
    for c in verb.children:
        if c.dep_ in {"dobj", "dative"}:
            out += [a for a in c.children if a.dep_ == "appos"]
            out += list(_pobjs(c, {"as"}))
    return out


def _terror_noun(noun: Token) -> bool:
    """ "terrorists", "a terrorist group", "an arch-terrorist"."""
    words = [noun.lower_, *noun.lower_.split("-")]
    return any(w in _TERROR_WORDS for w in words) or any(
        c.dep_ in {"amod", "compound"} and c.lower_ in _TERROR_WORDS for c in noun.children
    )


def outlawed(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Turkey is fighting the outlawed PKK": a state's clause about a banned group."""
    for tok in sent:
        if tok.lower_ not in _OUTLAWED or tok.dep_ != "amod":
            continue
        group = reader.mention(tok.head)
        if group is None or group.label_ not in _ACTORS - {"Person", "Country"}:
            continue
        verb = tok.head
        for _ in range(5):  # up to the clause: "arrested members of the outlawed X"
            if verb.pos_ in {"VERB", "AUX"} or verb.head == verb:
                break
            verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"} or assertion_factor(verb) == 0:
            continue
        states, _ = agents_of(verb, reader)
        for s in states:
            if s.span.label_ == "Country" and s.span.kb_id_ in reader.named:
                yield Candidate(s, "sanctioned", reader.arg(group), "outlawed", 0.9)


def crime_calls(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X called the attack a war crime" -> X condemned the attack's agent."""
    for verb in sent:
        if verb.lemma_.lower() not in {"call", "describe", "label", "brand", "term"}:
            continue
        crime = [
            t
            for c in verb.children
            if c.dep_ in {"oprd", "attr", "prep", "xcomp", "dobj"}
            for t in [c, *(p for p in c.children if p.dep_ == "pobj")]
            if t.lower_ in _CRIME_NOUNS or t.lemma_ in _CRIME_NOUNS
        ]
        # "accused X of ..., in what it called a crime": the accusation's clause decides
        clause = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "in" else verb
        top = clause
        while top != verb and top.dep_ == "pcomp" and top.head.dep_ == "prep":
            top = top.head.head  # "accused X of targeting Y, in what ...": the accusation
        if not crime or assertion_factor(top) == 0:
            continue
        agents, _ = agents_of(verb, reader)
        if not agents and clause != verb:  # "in what it calls": "it" is the accuser
            agents, _ = agents_of(clause, reader)
        targets = _event_agents(verb, reader) or _accused_in_what(verb, reader)
        for a in agents:
            for t in targets:
                yield Candidate(a, "condemned", t, "crime_call")


def _accused_in_what(verb: Token, reader: SentenceReader) -> list[Arg]:
    """ "X accuses Y of ..., in what it calls a war crime": Y's act is what is called so."""
    if not any(c.dep_ == "dobj" and c.lower_ == "what" for c in verb.children):
        return []
    if verb.dep_ != "pcomp" or verb.head.lower_ != "in":
        return []
    gov = verb.head.head
    lemma = gov.lemma_.lower()
    if _VERB_RELATIONS.get(lemma) == "accused":
        return [a for c in gov.children if c.dep_ == "dobj" for a in reader.actors(c)]
    if _VERB_RELATIONS.get(lemma) == "attacked":
        return agents_of(gov, reader)[0]
    return []


def _owners(noun: Token, reader: SentenceReader) -> list[Arg]:
    """Whose act a noun names: "Israel's aggression", "the US attack"."""
    return [
        reader.arg(m)
        for c in noun.children
        if c.dep_ in {"poss", "compound", "amod"}
        for m in [reader.named_or_demonym(c)]
        if m is not None and m.label_ in _ACTORS
    ]


CONFIDENCE = {
    "culprit": 0.8,
    "vow": 0.8,
    "designation": 0.85,
    "outlawed": 0.75,
    "crime_call": 0.75,
}

PATTERNS = (culprits, vows, designations, outlawed, crime_calls)
