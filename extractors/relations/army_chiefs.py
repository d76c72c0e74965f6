"""Heads of a state's armed forces: "Gambia's army chief, General X", "the armed forces
chief of staff, General Y", "Army chief Lieutenant General Z" lead the country's armed
forces (``army_chief``), not the country, and not whichever force "the army" was last
taken for. Deputies and holders of a post within the staff are members ("the deputy chief
of the general staff", "the army's chief of staff for logistics", "an army commander").

The country is the one the title names ("Gambia's", "Indonesian", "the Israeli
military's"), else the article's (its dateline, else the country it names far most).
The general title readers leave these titles to this module (``army_titles``).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .army_titles import army_chief_in, army_word, army_words_of, is_army_title
from .context import doc_context
from .namedbodies import state_forces
from .sentence import Candidate, SentenceReader
from .titles import _window, named_people

__all__ = ["army_chiefs"]

#: words that make the holder one of the officers, not the head
_DEPUTY_WORDS = frozenset({"deputy", "assistant", "vice", "acting-deputy"})
_PAST_WORDS = frozenset({"former", "ex", "late", "retired", "sacked", "ousted"})
#: words of a force's name that say nothing of whose it is: "Armed Forces chief X"
_GENERIC_FORCE_WORDS = frozenset(
    "the armed forces force army military defence defense national security".split()
)


def _relation(title: Token, words: list[Token]) -> tuple[str, float]:
    mods = [t for t in words if t.i < title.i] + [
        c for c in title.children if c.dep_ in {"det", "amod", "compound", "advmod"}
    ]
    past = any(t.lower_.rstrip(".-") in _PAST_WORDS for t in mods)
    factor = 0.7 if past else 1.0
    if any(t.lower_ in _DEPUTY_WORDS for t in [*mods, *words]):
        return "memberOf", factor
    if not past and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in title.children):
        return "memberOf", factor  # "an army commander": one of them ("a former head" led)
    for p in title.children:  # "chief of staff for logistics": a post within the staff
        if p.dep_ == "prep" and p.lower_ == "for":
            return "memberOf", factor
    return "leaderOf", factor


def _named_force(words: list[Token], reader: SentenceReader) -> Span | None:
    """A force the title names outright: "the commander of the Zimbabwe Defence Forces"."""
    for w in words:
        m = reader.mention(w)
        if (
            m is not None
            and m.label_ == "MilitaryForce"
            and (m.start, m.end) in reader.named_spans
            and any(t.lower_ not in _GENERIC_FORCE_WORDS for t in m)
        ):
            return m
    return None


def _country(title: Token, person: Span, reader: SentenceReader) -> Span | None:
    """The country the title names, else the one country the sentence names before the
    person, else the article's."""
    for t in title.subtree:
        m = reader.named_or_demonym(t)
        if m is not None and m.label_ == "Country" and t.pos_ != "PRON":
            return m
    named = {
        m.kb_id_: m
        for t in person.sent
        if t.i < person.start
        for m in [reader.named_or_demonym(t)]
        if m is not None and m.label_ == "Country" and t.pos_ != "PRON"
    }
    if len(named) == 1:
        return next(iter(named.values()))
    if named:
        return None
    ctx = doc_context(reader.doc, reader.gazetteer)
    return ctx.dateline_country or ctx.dominant_country


def _titles(
    person: Span, sent: Span, reader: SentenceReader
) -> Iterator[tuple[Token, list[Token]]]:
    """Chief titles of a named person: in apposition ("X, the army chief", "the army
    chief, X") or right before the name ("Army chief General X")."""
    root = person.root
    cands = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        cands.append(root.head)
    for c in cands:
        if is_army_title(c, reader):
            yield c, [t for t in c.subtree if t.i < c.i]
    window = _window(person, sent)
    chief = army_chief_in(window, reader)
    if chief is not None:
        yield chief, [w for w in window if w.i < chief.i]


def army_chiefs(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    if reader.gazetteer is None:
        return
    for person in named_people(sent, reader):
        for title, before in _titles(person, sent, reader):
            if any(
                c.dep_ == "poss" and c.lower_ in {"his", "her", "their"} for c in title.children
            ):
                break  # "his military commander, X": a leader's own forces, not a state's
            words = army_words_of(title) or [w for w in before if army_word(w)]
            forces = _named_force(words, reader)
            if forces is None:
                country = _country(title, person, reader)
                forces = state_forces(country, reader) if country is not None else None
            if forces is None:
                continue
            relation, factor = _relation(title, before)
            yield Candidate(reader.arg(person), relation, reader.arg(forces), "army_chief", factor)
            break


PATTERNS = (army_chiefs,)
CONFIDENCE = {"army_chief": 0.85}
