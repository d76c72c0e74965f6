"""Backing said with a noun: "X seized the port with help from Y", "with Iranian support",
"Iranian support for Hamas", "Russia's military aid to Syria" (the helped ``backedBy`` the
helper)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from .allies import _clause_factor, _hedged, _private, _unasserted_noun
from .assertion import assertion_factor
from .patrons import _backers_of_means
from .sentence import _ACTORS, Arg, Candidate, SentenceReader, _pobjs, agents_of

CONFIDENCE = {"support_for": 0.75, "with_help": 0.75}

#: "with help from X", "with the backing of X", "with Iranian support"
_HELP_NOUNS = frozenset("help support backing assistance aid funding".split())


def with_help(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X seized the port with help from Y", "with the backing of Y", "with Iranian support"
    -> X backedBy Y."""
    for tok in sent:
        if tok.lower_ not in _HELP_NOUNS or tok.dep_ != "pobj" or tok.head.lower_ != "with":
            continue
        helpers = [a for p in _pobjs(tok, {"from", "of"}) for a in reader.actors(p)]
        # "with help from French intelligence", "with the support of Russian warplanes"
        helpers += [a for p in _pobjs(tok, {"from", "of"}) for a in _backers_of_means(p, reader)]
        helpers += [
            reader.arg(m)
            for c in tok.children
            if c.dep_ in {"poss", "amod", "compound"}
            for m in [reader.named_or_demonym(c)]
            if m is not None
        ]
        helpers = [h for h in helpers if h.span.label_ in _ACTORS]
        verb = tok.head.head
        held = reader.mention(verb) if verb.pos_ in {"NOUN", "PROPN"} else None
        if helpers and held is not None and held.label_ in _ACTORS:
            # "the Yemeni army, with the support of Saudi Arabia, retook the port"
            factor = _clause_factor(verb)
            for h in helpers:
                if factor > 0 and h.span.kb_id_ != held.kb_id_ and not _private(h, Arg(held)):
                    yield Candidate(reader.arg(held), "backedBy", h, "with_help", factor)
            continue
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
        if passive and not any(c.dep_ == "agent" for c in verb.children):
            continue  # "intercepted by Israel with help from Y": the doer is helped
        for a in agents:
            for h in helpers:
                if a.span.kb_id_ != h.span.kb_id_ and not _private(a, h):
                    yield Candidate(a, "backedBy", h, "with_help", factor)


#: nouns of backing that name the backed with "for"/"to": "Iranian support for Hamas"
_SUPPORT_NOUNS = frozenset(
    "support backing assistance aid funding financing sponsorship arms weapons".split()
)


#: kinds of aid that are no backing in a conflict: "humanitarian aid to Gaza"
_RELIEF_WORDS = frozenset(
    "humanitarian food medical relief emergency development disaster public popular "
    "political moral".split()
)


#: verbs that hand support over: "gave military aid to Y", "provided support to Y"
_GIVING_VERBS = frozenset("give provide lend extend supply send".split())

#: verbs whose subject has the support: "enjoys the backing of Y"
_HAVING_VERBS = frozenset("enjoy receive win gain secure have get".split())

#: who backs and who is backed by "support for": states, forces and armed groups
_BACKING_TYPES = frozenset(
    {"Country", "ArmedGroup", "MilitaryForce", "GovernmentBody", "Coalition"}
)


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
        verb = tok.head
        if tok.dep_ == "dobj" and verb.lemma_.lower() in _HAVING_VERBS:
            # "the Houthis enjoy the backing of Iran", "X has won the support of Y"
            takers, passive = agents_of(verb, reader)
            recipients += [] if passive else takers
            providers += [a for p in _pobjs(tok, {"of"}) for a in reader.actors(p)]
        if tok.dep_ == "dobj" and verb.lemma_.lower() in _GIVING_VERBS:
            # "the US has given military aid to Nepal's army": the giver backs
            givers, passive = agents_of(verb, reader)
            providers += [] if passive else givers
            recipients += [
                a
                for c in verb.children
                if c.dep_ in {"dative", "prep"} and c.lower_ in {"to", "for"}
                for p in c.children
                if p.dep_ == "pobj"
                for a in reader.actors(p)
            ]
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


PATTERNS = (with_help, support_for)
