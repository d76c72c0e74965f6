"""Names the model missed, spelled out before their acronym: "the Liberians United for
Reconciliation and Democracy (LURD)" with neither the name nor "LURD" tagged. The
capitalised words before the bracket must spell the acronym (``namewords.abbreviates``);
the name becomes a mention, and the resolver makes the acronym and its every later use
("LURD, which launched its insurgency ...") mentions of the same actor."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from .namewords import _acronym_name_before, name_key

__all__ = ["spelled_acronyms"]


def spelled_acronyms(
    doc: Doc, ents: list[Span], type_of: Callable[[Span], str | None]
) -> list[Span]:
    """Mentions of names spelled out before an acronym no entity covers."""
    taken = {t.i for e in ents for t in e}
    # a known place inside the name gives way: "the Movement for the Emancipation of the
    # Niger Delta (MEND)"
    places = {t.i for e in ents if e.label_ in {"Country", "Place"} for t in e}
    out: list[Span] = []
    for tok in doc:
        # the cheap test first: "(ABCD)" is rare, and this runs on every word
        if not tok.is_upper or tok.i == 0 or tok.nbor(-1).text != "(" or tok.i in taken:
            continue
        start = _acronym_name_before(doc, tok.i)
        if start is None or any(i in taken and i not in places for i in range(start, tok.i - 1)):
            continue
        name = Span(doc, start, tok.i - 1, label="ORG")
        kind = type_of(name)
        if kind not in {None, "Person", "Place", "Country"}:
            assert kind is not None
            out.append(Span(doc, start, tok.i - 1, label=kind, kb_id=name_key(kind, name.text)))
            taken |= set(range(start, tok.i - 1))
    return out
