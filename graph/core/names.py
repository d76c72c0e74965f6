"""How a name a user types finds an entity: the same rule for ``view``, ``--bind`` and search.

A name matches an entity when, ignoring case, accents and punctuation
(:func:`squash`), it is

0. the entity's label,
1. one of its aliases (the spellings seen in the articles), or
2. a name or alias the built-in gazetteer gives the entity's entry (``KH``,
   ``Hezbollah Brigades`` for Kataib Hezbollah, even when no article used them).

Only the best rank that matches counts; the gazetteer is read only when no
label or alias matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache

from .iri import slug

__all__ = ["NameMatch", "gazetteer_names", "match_names", "squash"]

_QUOTES = re.compile("['\u2018\u2019`\u00b4]")

#: rank of a match: the label, an alias seen in the text, the gazetteer's alias
LABEL, ALIAS, GAZETTEER = 0, 1, 2

#: (rank, entity IRI)
NameMatch = tuple[int, str]


def squash(text: str) -> str:
    """Case-, accent- and punctuation-free form of a name (``Al-Qa'ida`` -> ``alqaida``)."""
    text = unicodedata.normalize("NFKD", _QUOTES.sub("", text))
    return "".join(c for c in text.casefold() if c.isalnum())


def match_names(name: str, entities: Iterable[tuple[str, str, Sequence[str]]]) -> list[NameMatch]:
    """The entities ``name`` names, at the best rank found (see the module doc).

    Args:
        name: what the user typed.
        entities: ``(IRI, label, aliases)`` of every entity.

    Returns:
        ``(rank, IRI)`` of each entity matched at the best rank; empty if none.
    """
    key = squash(name)
    if not key:
        return []
    listed = list(entities)
    found: list[NameMatch] = []
    for iri, label, aliases in listed:
        if squash(label) == key:
            found.append((LABEL, iri))
        elif any(squash(a) == key for a in aliases):
            found.append((ALIAS, iri))
    if not found:
        slugs = _gazetteer_slugs(name)
        if slugs:
            found = [(GAZETTEER, iri) for iri, _, _ in listed if _slug_of(iri) in slugs]
    if not found:
        return []
    best = min(rank for rank, _ in found)
    return sorted({m for m in found if m[0] == best})


def gazetteer_names(iri: str) -> tuple[str, ...]:
    """The name and aliases the built-in gazetteer gives the entity ``iri`` (none if not in it)."""
    entry = _entries_by_slug().get(_slug_of(iri))
    return () if entry is None else (entry[0], *entry[1])


def _slug_of(iri: str) -> str:
    """``kataib-hezbollah`` for ``.../entity/kataib-hezbollah`` (gazetteer entities' IRIs)."""
    return iri.rpartition("/entity/")[2]


def _gazetteer_slugs(name: str) -> frozenset[str]:
    """IRI slugs of the gazetteer entries that ``name`` names (any case and punctuation)."""
    from actorgraph.extractors.gazetteer import load_gazetteer

    matches = load_gazetteer().lookup_all(name)
    found = {slug(m.entry.id) for m in matches if m.kind not in {"demonym", "metonym"}}
    found.discard("x")
    found |= _slugs_by_form().get(squash(name), frozenset())
    return frozenset(found)


@cache
def _entries_by_slug() -> dict[str, tuple[str, tuple[str, ...]]]:
    from actorgraph.extractors.gazetteer import load_gazetteer

    return {slug(e.id): (e.name, e.aliases) for e in load_gazetteer().entries.values()}


@cache
def _slugs_by_form() -> dict[str, frozenset[str]]:
    """Squashed name or alias -> IRI slugs of the gazetteer entries that have it."""
    out: dict[str, set[str]] = {}
    for entry_slug, (label, aliases) in _entries_by_slug().items():
        for form in (label, *aliases):
            out.setdefault(squash(form), set()).add(entry_slug)
    return {k: frozenset(v) for k, v in out.items()}
