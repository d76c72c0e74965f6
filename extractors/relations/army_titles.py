"""Titles of the heads of a state's armed forces ("army chief", "the armed forces chief of
staff", "chief of the general staff"): read by ``army_chiefs``, and left alone by the
general title readers (``titles``, ``appositive_titles``). A title that names another
body is that body's: "Hezbollah military commander", "head of the military council"."""

from __future__ import annotations

from spacy.tokens import Token

from .sentence import SentenceReader

__all__ = ["CHIEF_WORDS", "army_chief_in", "army_word", "army_words_of", "is_army_title"]

#: words naming a state's armed forces in a title ("army chief", "armed forces chief",
#: "chief of the general staff"); "staff" only after "general"/"defence"
ARMY_WORDS = frozenset({"army", "military", "forces", "force", "navy"})
#: head titles: "chief", "commander", "head"; "chief of staff" is read from "chief"
CHIEF_WORDS = frozenset({"chief", "commander", "head", "commander-in-chief", "chiefs"})
_FORCE_MODIFIERS = frozenset({"armed", "defence", "defense", "security"})


def army_word(tok: Token) -> bool:
    if tok.lower_ in ARMY_WORDS:
        return (
            tok.lower_ not in {"forces", "force"}
            or any(c.lower_ in _FORCE_MODIFIERS for c in tok.children)
            or (tok.i > 0 and tok.nbor(-1).lower_ in _FORCE_MODIFIERS)
        )
    return tok.lower_ == "staff" and any(
        c.lower_ in {"general", "defence", "defense"} for c in tok.children
    )


def army_words_of(title: Token) -> list[Token]:
    """The army words a chief title is modified by: before it ("army chief", "the army's
    chief") or after it ("chief of the army", "chief of the general staff"); not "the
    head of the military council"."""
    out = [c for c in title.children if c.dep_ in {"compound", "nmod", "poss", "amod"}]
    out = [c for c in out if c.i < title.i and army_word(c)]
    for p in title.children:
        if p.dep_ == "prep" and p.lower_ == "of":
            out += [o for o in p.children if o.dep_ == "pobj" and army_word(o)]
    return out


def _other_body(toks: list[Token], reader: SentenceReader) -> bool:
    """Whether the title's words name a body that is no state ("Hezbollah military
    commander", "a senior PIJ military commander")."""
    for t in toks:
        if army_word(t):
            continue  # "the army" the resolver took for a group: still the state's word
        m = reader.mention(t)
        if m is not None and m.label_ not in {"Country", "Person", "MilitaryForce"}:
            return True
    return False


def _group_name(tok: Token, reader: SentenceReader) -> bool:
    """Whether an army word is part of the name of a group that is no state's force."""
    m = reader.mention(tok)
    return m is not None and len(m) > 1 and m.label_ not in {"Country", "Person", "MilitaryForce"}


def is_army_title(title: Token, reader: SentenceReader) -> bool:
    """Whether a title is that of a state's army chief ("army chief", "chief of staff of
    the armed forces")."""
    if title.lower_ not in CHIEF_WORDS or not any(
        not _group_name(w, reader) for w in army_words_of(title)
    ):
        return False  # "the commander of the Libyan National Army": a group's head
    return not _other_body([t for t in title.subtree if t.i < title.i], reader)


def army_chief_in(window: list[Token], reader: SentenceReader) -> Token | None:
    """The chief word of an army chief's title in the words before a name, if they hold one:
    "Army chief General X"."""
    if _other_body(window, reader):
        return None
    return next(
        (
            t
            for t in window
            if t.lower_ in CHIEF_WORDS and any(army_word(w) for w in window if w.i < t.i)
        ),
        None,
    )
