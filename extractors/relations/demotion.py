"""Heads of a part of an organisation are its members: "45th PMU Brigade logistical
support chief X" does not lead the PMU; "X, a senior leader of Y" is one of its leaders."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import MULTIWORD_TITLES
from .sentence import SentenceReader, _is_org_or_state

__all__ = ["_demote"]


#: words that make a head's title that of a part of the organisation: "regional director"
_SUBUNIT_WORDS = frozenset(
    "regional local area district provincial branch divisional departmental sector zonal".split()
)


#: words before a head's title that keep it the head: "caretaker Prime Minister X"
_HEAD_TITLE_MODIFIERS = frozenset(
    "prime supreme top former deputy acting then managing caretaker interim transitional "
    "incoming outgoing new current longtime veteran junta military regime ruling coup "
    # the holder's politics: "France's socialist president X"
    "socialist conservative liberal centrist hardline populist reformist nationalist leftist "
    "elected embattled beleaguered revolutionary exiled ailing ageing aging elderly reclusive "
    "charismatic powerful "
    # a group's political or spiritual leader is its leader ("the KLA's political leader")
    "political spiritual overall paramount undisputed".split()
)


def _demote(relation: str, toks: list[Token], title: Token, reader: SentenceReader) -> str:
    """A head of a unit or function inside an organisation is a member of it, not its leader.

    "PMU leader X" leads the PMU; "45th PMU Brigade logistical support chief X" does not.
    """
    if relation != "leaderOf":
        return relation
    if any(
        t.i < title.i and t.lower_ in _SUBUNIT_WORDS and reader.mention(t) is None for t in toks
    ):
        return "memberOf"  # "regional director of X" heads a part of X, not X (whose name
        # may say "Regional": "Kurdistan Regional Government President X" heads it)
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in title.children) or any(
        c.dep_ == "amod" and c.lower_ == "senior" for c in title.children
    ):
        return "memberOf"  # "X, a senior leader of Y": one of its leaders, not the head
    org_end = max(
        (t.i for t in toks if t.i < title.i and _is_org_or_state(reader.mention(t))), default=-1
    )
    doc = title.doc
    joined = {  # "Zaire's long-time ruler": the hyphenated "longtime"
        i
        for t in toks
        if t.text == "-"
        and 0 < t.i < len(doc) - 1
        and doc[t.i - 1].lower_ + doc[t.i + 1].lower_ in _HEAD_TITLE_MODIFIERS
        for i in (t.i - 1, t.i + 1)
    }
    between = [
        t
        for t in toks
        if org_end < t.i < title.i
        and t.i not in joined
        and t.pos_ in {"NOUN", "PROPN", "ADJ"}
        and t.lower_ not in _HEAD_TITLE_MODIFIERS
        and not (t.lower_ == "chief" and t.i == title.i - 1)  # "BA's chief executive"
        # the first word of a two-word title: "the UN Secretary General"
        and not (t.i == title.i - 1 and (t.lower_, title.lower_) in MULTIWORD_TITLES)
    ]
    if org_end >= 0 and between:
        return "memberOf"
    return relation
