"""The gazetteer: names, types and aliases of known actors and places.

It holds no relations between actors. It helps the model's NER (typing and
aliases); entities it does not know are still found by the model.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from actorgraph.ontology import ENTITY_TYPES

from .namewords import _GENERIC_NAME_WORDS
from .normalize import fold, is_acronym

_KIND_RANK = {"acronym": 0, "name": 0, "alias": 1, "metonym": 2, "demonym": 3}
_BARE_ARTICLE_TYPES = frozenset({"ArmedGroup", "PoliticalGroup", "Coalition", "Facility"})
ALLOWED_KEYS = frozenset({"id", "name", "type", "aliases", "demonyms", "metonyms"})


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One known actor or place."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()  #: "Iraqi", "Iraqis" (countries only)
    metonyms: tuple[str, ...] = ()  #: "Baghdad" used for the Iraqi state (countries only)

    @property
    def key(self) -> str:
        return f"gaz:{self.id}"


@dataclass(frozen=True, slots=True)
class Match:
    """What a surface form is in the gazetteer, and how it names the entry."""

    entry: GazEntry
    kind: str  #: "name", "alias", "acronym", "demonym" or "metonym"


#: a possessive inside a name: "Lord's Resistance Army", "Sudan People's Liberation Army"
_INNER_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b(?=.)")


class Gazetteer:
    """Lookup from surface forms to entries; case-insensitive except acronyms."""

    def __init__(self, entries: Iterable[GazEntry]) -> None:
        self.entries: dict[str, GazEntry] = {}
        self._folded: dict[str, list[Match]] = {}
        self._acronyms: dict[str, Match] = {}
        #: first word of a folded name -> most words of any name starting with it
        self._first: dict[str, int] = {}
        self.max_tokens = 1
        for e in entries:
            self.entries[e.id] = e
            forms = [(e.name, "name")] + [(a, "alias") for a in e.aliases]
            forms += [(d, "demonym") for d in e.demonyms] + [(m, "metonym") for m in e.metonyms]
            for form, kind in forms:
                self._add(form, Match(e, kind))
        self._add_without_article()
        self._add_split_possessives()

    def _add_split_possessives(self) -> None:
        """A name with a possessive inside is also found as the text's tokens fold it
        ("Lord" "'s" "Resistance" "Army" -> "lord resistance army"), unless the owner is a
        name itself ("Russia's Defence Ministry", "Baghdad's Green Zone": two mentions)."""
        for entry in list(self.entries.values()):
            for form in (entry.name, *entry.aliases):
                found = _INNER_POSSESSIVE.search(form)
                if found is None or fold(form[: found.start()]) in self._folded:
                    continue
                if fold(form.split()[0]) in _GENERIC_NAME_WORDS:
                    continue  # "People's Liberation Front" is a word of many names
                unsplit = _INNER_POSSESSIVE.sub("", form)
                split = fold(unsplit)
                if split and split not in self._folded:
                    self._add(unsplit, Match(entry, "alias"))

    def _add_without_article(self) -> None:
        """An Arabic name is often written without its article: "al-Shabaab" is also
        "the Shabab", "Al Qaeda" also "Qaeda". Added only where no other name has the form."""
        for key, matches in list(self._folded.items()):
            words = key.split()
            if len(words) < 2 or words[0] not in {"al", "el"} or len(words[1]) < 4:
                continue
            bare = " ".join(words[1:])
            named = [m for m in matches if m.kind in {"name", "alias"}]
            if bare in self._folded or not named:
                continue
            entry = named[0].entry
            # only groups named "al-X" themselves; not "Ain al-Asad", a person, a newspaper
            if entry.type not in _BARE_ARTICLE_TYPES or fold(entry.name).split()[0] not in {
                "al",
                "el",
            }:
                continue
            self._folded[bare] = [Match(entry, "alias")]
            self._first[words[1]] = max(self._first.get(words[1], 0), len(words) - 1)

    def _add(self, form: str, match: Match) -> None:
        if is_acronym(form):
            self._acronyms.setdefault(form.replace(".", ""), Match(match.entry, "acronym"))
            return
        key = fold(form)
        if key:
            same = self._folded.setdefault(key, [])
            if all(m.entry.id != match.entry.id for m in same):
                same.append(match)
            self.max_tokens = max(self.max_tokens, key.count(" ") + 1 + form.count("-"))
            words = key.split()
            self._first[words[0]] = max(self._first.get(words[0], 0), len(words))

    def longest_from(self, first_word: str) -> int:
        """Most words of a name that starts with this folded word (0: none does)."""
        return self._first.get(first_word, 0)

    def is_known_acronym(self, text: str) -> bool:
        return self._acronym(text) is not None

    def _acronym(self, text: str) -> Match | None:
        """A known acronym, also as British outlets write the long ones: "Nato", "Opec"."""
        letters = text.replace(".", "")
        found = self._acronyms.get(letters)
        if found is None and len(letters) >= 4 and letters.isalpha() and letters.istitle():
            found = self._acronyms.get(letters.upper())
        return found

    def lookup_all(self, text: str) -> list[Match]:
        """Every entry a surface form can name: "Baghdad" is a city and, as a metonym, Iraq."""
        bare = text.strip().replace("’", "'")
        if bare.endswith("'s"):
            bare = bare[:-2]
        acr = bare.replace(".", "")
        known = self._acronym(acr)
        if known is not None:
            return [known]
        if is_acronym(bare):  # an unknown acronym never matches a lowercase name...
            return self._shouted(fold(bare), acr)
        return self._folded.get(fold(bare), [])

    def _shouted(self, key: str, letters: str) -> list[Match]:
        """...but a name in capitals is still the name: "DAESH", "HAMAS", "CAIRO"."""
        if len(letters) < 4:
            return []
        return [m for m in self._folded.get(key, []) if m.kind in {"name", "alias", "metonym"}]

    def lookup_folded(self, key: str, raw: str) -> list[Match]:
        """Like :meth:`lookup_all` for a key already folded from ``raw`` (the surface text)."""
        bare = raw.strip().replace("’", "'")
        acr = bare[:-2] if bare.endswith("'s") else bare
        acr = acr.replace(".", "")
        known = self._acronym(acr)
        if known is not None:
            return [known]
        if is_acronym(bare):
            return self._shouted(key, acr)
        return self._folded.get(key, [])

    def seats_of(self, text: str) -> set[str]:
        """Keys of the entries a name stands for as their seat ("Washington", "Kinshasa")."""
        return {m.entry.key for m in self.lookup_all(text) if m.kind == "metonym"}

    def lookup(self, text: str) -> Match | None:
        """The entry a surface form names, if any (``"Kata'ib Hizbollah"`` -> Kataib Hezbollah).

        A proper name wins over a metonym or demonym of the same spelling.
        """
        matches = self.lookup_all(text)
        if not matches:
            return None
        return min(matches, key=lambda m: _KIND_RANK[m.kind])

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries


def _entry(obj: dict[str, object], where: str) -> GazEntry:
    unknown = set(obj) - ALLOWED_KEYS
    if unknown:
        raise ValueError(
            f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(ALLOWED_KEYS)})"
        )
    etype = str(obj.get("type", ""))
    if etype not in ENTITY_TYPES:
        raise ValueError(f"{where}: type {etype!r} is not one of {', '.join(ENTITY_TYPES)}")
    if not obj.get("id") or not obj.get("name"):
        raise ValueError(f"{where}: 'id' and 'name' are required")

    def strs(k: str) -> tuple[str, ...]:
        v = obj.get(k) or []
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise ValueError(f"{where}: {k!r} must be a list of non-empty strings")
        return tuple(v)

    return GazEntry(
        id=str(obj["id"]),
        name=str(obj["name"]),
        type=etype,
        aliases=strs("aliases"),
        demonyms=strs("demonyms"),
        metonyms=strs("metonyms"),
    )


def parse_gazetteer(text: str, source: str = "gazetteer") -> list[GazEntry]:
    """Entries from JSON Lines text; raises ``ValueError`` naming the bad line."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{source}:{n}: not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise ValueError(f"{source}:{n}: each line must be a JSON object")
        out.append(_entry(obj, f"{source}:{n}"))
    return out


def load_gazetteer(extra: Iterable[str | Path] = ()) -> Gazetteer:
    """The built-in gazetteer, extended by the user's JSONL files (theirs win on conflicts).

    Loaded once per process and set of files: components of one pipeline share it.
    """
    return _load(tuple(str(p) for p in extra))


@lru_cache(maxsize=4)
def _load(extra: tuple[str, ...]) -> Gazetteer:
    entries: list[GazEntry] = []
    for path in extra:
        entries += parse_gazetteer(Path(path).read_text(encoding="utf-8"), str(path))
    builtin = files("actorgraph.ontology") / "gazetteer.jsonl"
    entries += parse_gazetteer(builtin.read_text(encoding="utf-8"), "gazetteer.jsonl")
    return Gazetteer(entries)
