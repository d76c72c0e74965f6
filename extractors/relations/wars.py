"""Wars said of both sides, of a state's rule, and of another's revolt:

- "India and Pakistan, which have fought three wars", "the two armies clashed", "A and B
  fought each other": each side ``fightsAgainst`` the other (``mutual_fight``);
- "a group that has fought Indian rule in Kashmir", "resisted the French occupation": the
  state whose rule it is (``against_rule``);
- "Milosevic, who backed the Krajina Serbs' revolt", "Iran supports the Houthi insurgency":
  the side whose revolt it is ``backedBy`` its backer (``backed_revolt``).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .assertion import assertion_factor
from .sentence import Arg, Candidate, SentenceReader, agents_of

__all__ = ["against_rule", "backed_revolt", "mutual_fight"]

CONFIDENCE = {"mutual_fight": 0.75, "against_rule": 0.75, "backed_revolt": 0.75}

#: who fights wars and rises against rule
_SIDES = frozenset({"Country", "ArmedGroup", "MilitaryForce", "Coalition", "PoliticalGroup"})
#: verbs of fighting one another: "have fought three wars", "clashed"
_MUTUAL_VERBS = frozenset({"fight", "clash", "battle", "skirmish"})
#: what two sides fight when they fight each other
_WAR_OBJECTS = frozenset(
    "war wars battle battles each another conflict conflicts skirmishes".split()
)
#: a state's hold on a land: "Indian rule", "the French occupation"
_RULE_NOUNS = frozenset("rule occupation domination regime dominion".split())
#: verbs of fighting a rule
_FIGHT_VERBS = frozenset("fight resist battle combat".split())
#: an uprising someone can back: "backed the Krajina Serbs' revolt"
_REVOLT_NOUNS = frozenset(
    "revolt rebellion insurgency uprising insurrection secession revolution".split()
)
_BACK_VERBS = frozenset("back support fund finance arm sponsor encourage".split())


def _sides(args: list[Arg]) -> list[Arg]:
    seen: dict[str, Arg] = {}
    for a in args:
        if a.span.label_ in _SIDES:
            seen.setdefault(a.span.kb_id_, a)
    return list(seen.values())


def _verbs(sent: Span, lemmas: frozenset[str]) -> Iterator[tuple[Token, float]]:
    for verb in sent:
        if verb.pos_ == "VERB" and verb.lemma_.lower() in lemmas:
            factor = assertion_factor(verb)
            if factor > 0:
                yield verb, factor


def _owners(noun: Token, reader: SentenceReader) -> list[Arg]:
    """Whose rule or revolt a noun names: "Indian rule", "the Serbs' revolt"."""
    return [
        reader.arg(m)
        for c in noun.children
        if c.dep_ in {"amod", "poss", "compound", "nmod"} and c.i < noun.i
        for m in [reader.named_or_demonym(c)]
        if m is not None and m.label_ in _SIDES
    ]


def _before_which(verb: Token, reader: SentenceReader) -> list[Arg]:
    """The sides named right before ", which" when the parse hung the clause elsewhere:
    "Talks between India and Pakistan, which have fought three wars"."""
    doc = verb.doc
    which = next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ == "WDT"), None)
    if which is None or which.i < 2 or doc[which.i - 1].text != ",":
        return []
    tok = doc[which.i - 2]
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return reader.actors(tok)


def mutual_fight(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for verb, factor in _verbs(sent, _MUTUAL_VERBS):
        objs = [c for c in verb.children if c.dep_ in {"dobj", "npadvmod"}]
        if any(reader.mention(o) is not None for o in objs):
            continue  # "X fought Y": the verb patterns read it
        if objs and not any(o.lower_ in _WAR_OBJECTS for o in objs):
            continue
        if not objs and verb.lemma_.lower() == "fight":
            continue  # "X fought on": against whom is not said
        agents, passive = agents_of(verb, reader)
        sides = _sides(agents)
        if len(sides) < 2:
            sides = _sides(_before_which(verb, reader))
        if passive or len(sides) < 2:
            continue
        for a in sides:
            for b in sides:
                if a.span.kb_id_ != b.span.kb_id_:
                    yield Candidate(a, "fightsAgainst", b, "mutual_fight", factor)


def against_rule(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for verb, factor in _verbs(sent, _FIGHT_VERBS):
        rules = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _RULE_NOUNS]
        states = [o for r in rules for o in _owners(r, reader) if o.span.label_ == "Country"]
        if not states:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        for a in _sides(agents):
            for s in states:
                if a.span.kb_id_ != s.span.kb_id_:
                    yield Candidate(a, "fightsAgainst", s, "against_rule", factor)


def backed_revolt(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    for verb, factor in _verbs(sent, _BACK_VERBS):
        revolts = [
            c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _REVOLT_NOUNS
        ]
        # a state's name on a revolt is where it rose, not who rose: "the Syrian revolt"
        rebels = [o for r in revolts for o in _owners(r, reader) if o.span.label_ != "Country"]
        if not rebels:
            continue
        agents, passive = agents_of(verb, reader)
        if passive:
            continue
        for a in agents:
            if a.span.label_ not in _SIDES | {"Person"}:
                continue
            for r in rebels:
                if a.span.kb_id_ != r.span.kb_id_:
                    yield Candidate(r, "backedBy", a, "backed_revolt", factor)


PATTERNS = (mutual_fight, against_rule, backed_revolt)
