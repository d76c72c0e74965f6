"""Which earlier actor an anaphor means: the salient one (subjects first, then the
nearest), or the one the article names far more often ("the group" in a story about
Hezbollah)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from spacy.tokens import Span, Token


def _prefer_frequent(
    tok: Token,
    ordered: list[Span],
    ante: Span | None,
    wanted: frozenset[str],
    sent_of: dict[int, int],
    window: int,
    find: Callable[[str], str] = str,
) -> Span | None:
    """ "the group" in a story about Hezbollah is Hezbollah, even when another group was
    named nearer: an actor named three times as often, and at least three times, wins.
    ``find`` gives an actor's cluster ("RUF" is the Revolutionary United Front)."""
    if ante is None:
        return None
    # a name tagged otherwise ("RUF" an ORG) counts for the armed group it is clustered with
    roots = {
        find(m.kb_id_) for m in ordered if m.label_ in wanted or _typed_key(m.kb_id_) in wanted
    }

    def counted(m: Span) -> bool:
        named = m.kb_id_.startswith("name:") and find(m.kb_id_) in roots
        return m.start < tok.i and (m.label_ in wanted or named)

    counts = Counter(find(m.kb_id_) for m in ordered if counted(m))
    near = {
        find(m.kb_id_): m
        for m in ordered
        if counted(m) and sent_of[tok.i] - sent_of[m.start] <= window
    }
    best = max(near, key=lambda k: counts[k], default=None)
    if best is None or best == find(ante.kb_id_):
        return ante
    if counts[best] >= 3 and counts[best] >= 3 * counts[find(ante.kb_id_)]:
        return near[best]
    return ante


def _typed_key(key: str) -> str | None:
    """The type a name's key was made with ("name:ArmedGroup:ruf"); none for a known entry."""
    return key.split(":", 2)[1] if key.startswith("name:") else None


def _salient(
    tok: Token,
    ordered: list[Span],
    wanted: frozenset[str],
    sent_of: dict[int, int],
    window: int,
    *,
    roles: bool = False,
) -> Span | None:
    """The antecedent a reader would pick: subjects first, then the nearest mention.

    Candidates are compatible mentions before ``tok`` within ``window`` sentences.
    A grammatical subject of the current or previous sentence outranks a nearer
    object ("KH and other groups, which are part of the PMU, threatened the US.
    The US labelled them ..." -> KH).
    """
    best: tuple[int, int, int] | None = None
    chosen = None
    for m in reversed(ordered):
        if m.start >= tok.i:
            continue
        distance = sent_of[tok.i] - sent_of[m.start]
        if distance > window:
            break
        if m.label_ not in wanted or _same_clause_object(m, tok):
            continue
        if tok.head.dep_ == "relcl" and m.root == tok.head.head:
            continue  # "Syria, where it is fighting": "it" is not the noun the clause describes
        if tok.dep_ == "poss" and tok.head.dep_ == "appos" and tok.head.head == m.root:
            continue  # "Hezbollah, its ally": "its" is someone else's
        subject = m.root.dep_ in {"nsubj", "nsubjpass"} or (
            m.root.dep_ == "conj" and m.root.head.dep_ in {"nsubj", "nsubjpass"}
        )
        role = 0 if subject else 1
        if roles and not subject:  # objects outrank names buried in prepositional phrases
            role = 1 if m.root.dep_ in {"dobj", "attr", "appos", "conj"} else 2
        rank = (distance, role, tok.i - m.end)
        if best is None or rank < best:
            best, chosen = rank, m
    return chosen


def _same_clause_object(m: Span, tok: Token) -> bool:
    """A reflexive-like guard: "Iran ... its" is fine, "X attacked it" with X the subject is not."""
    return (
        m.root.head == tok.head and m.root.dep_ in {"nsubj", "nsubjpass"} and tok.dep_ in {"dobj"}
    )
