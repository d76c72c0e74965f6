"""Data checks for the built-in gazetteer, ontology/gazetteer.jsonl.

The gazetteer holds names, types and aliases only (never relations between
actors); these tests keep it well-formed and free of ambiguous surface forms.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from actorgraph.ontology import ENTITY_TYPES

GAZETTEER = Path(__file__).resolve().parents[1] / "ontology" / "gazetteer.jsonl"

ALLOWED_TYPES = set(ENTITY_TYPES)
REQUIRED_KEYS = {"id", "name", "type", "aliases"}
ALLOWED_KEYS = REQUIRED_KEYS | {"demonyms", "metonyms"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# National armed forces and the two generic forms each must carry
# ("<country short name> armed forces", "<demonym> armed forces").
NATIONAL_FORCES = {
    "united-states-armed-forces": ("US armed forces", "American armed forces"),
    "iraqi-security-forces": ("Iraq armed forces", "Iraqi armed forces"),
    "iranian-armed-forces": ("Iran armed forces", "Iranian armed forces"),
    "israel-defense-forces": ("Israel armed forces", "Israeli armed forces"),
    "syrian-arab-army": ("Syria armed forces", "Syrian armed forces"),
    "turkish-armed-forces": ("Turkey armed forces", "Turkish armed forces"),
    "russian-armed-forces": ("Russia armed forces", "Russian armed forces"),
    "british-armed-forces": ("UK armed forces", "British armed forces"),
    "french-armed-forces": ("France armed forces", "French armed forces"),
    "bundeswehr": ("Germany armed forces", "German armed forces"),
    "canadian-armed-forces": ("Canada armed forces", "Canadian armed forces"),
    "saudi-armed-forces": ("Saudi Arabia armed forces", "Saudi armed forces"),
    "egyptian-armed-forces": ("Egypt armed forces", "Egyptian armed forces"),
    "lebanese-armed-forces": ("Lebanon armed forces", "Lebanese armed forces"),
    "jordanian-armed-forces": ("Jordan armed forces", "Jordanian armed forces"),
    "armed-forces-of-ukraine": ("Ukraine armed forces", "Ukrainian armed forces"),
    "peoples-liberation-army": ("China armed forces", "Chinese armed forces"),
    "pakistan-armed-forces": ("Pakistan armed forces", "Pakistani armed forces"),
    "afghan-armed-forces": ("Afghanistan armed forces", "Afghan armed forces"),
    "yemeni-armed-forces": ("Yemen armed forces", "Yemeni armed forces"),
    "australian-defence-force": ("Australia armed forces", "Australian armed forces"),
    "danish-defence": ("Denmark armed forces", "Danish armed forces"),
    "netherlands-armed-forces": ("Netherlands armed forces", "Dutch armed forces"),
    "italian-armed-forces": ("Italy armed forces", "Italian armed forces"),
    "spanish-armed-forces": ("Spain armed forces", "Spanish armed forces"),
    "indian-armed-forces": ("India armed forces", "Indian armed forces"),
    "uae-armed-forces": ("UAE armed forces", "Emirati armed forces"),
    "qatar-armed-forces": ("Qatar armed forces", "Qatari armed forces"),
    "kuwait-armed-forces": ("Kuwait armed forces", "Kuwaiti armed forces"),
    "libyan-armed-forces": ("Libya armed forces", "Libyan armed forces"),
    "sudanese-armed-forces": ("Sudan armed forces", "Sudanese armed forces"),
}

# Lowercase aliases that are ordinary English words would match everyday text.
COMMON_WORDS = {
    "state",
    "states",
    "coalition",
    "forces",
    "force",
    "army",
    "military",
    "government",
    "is",
    "us",
    "it",
    "who",
    "party",
    "group",
    "movement",
    "front",
    "union",
    "council",
    "ministry",
    "police",
    "president",
    "parliament",
    "congress",
    "guard",
    "guards",
}

# A few entries the extractor relies on by id.
EXPECTED_IDS = {
    "united-states",
    "iraq",
    "iran",
    "israel",
    "canada",
    "kataib-hezbollah",
    "popular-mobilization-forces",
    "islamic-revolutionary-guard-corps",
    "quds-force",
    "hezbollah",
    "islamic-state",
    "us-department-of-defense",
    "white-house",
    "global-coalition-against-isis",
    "qasem-soleimani",
    "abu-mahdi-al-muhandis",
    "baghdad",
    "taji-base",
    "katyusha",
    "canadian-department-of-national-defence",
}


def norm(text: str) -> str:
    """Lowercase, strip diacritics, drop apostrophes and periods, collapse the rest."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’‘`´.]", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _load() -> list[dict[str, Any]]:
    entries = []
    for n, line in enumerate(GAZETTEER.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:  # pragma: no cover - reported by the test
            pytest.fail(f"line {n}: not valid JSON ({exc.msg})")
        assert isinstance(obj, dict), f"line {n}: not a JSON object"
        entries.append(obj)
    return entries


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return _load()


@pytest.fixture(scope="module")
def by_id(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in entries}


def _surface_forms(e: dict[str, Any]) -> list[str]:
    return [e["name"], *e["aliases"]]


def test_file_is_utf8_jsonl_of_objects() -> None:
    text = GAZETTEER.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip()]
    assert lines, "gazetteer is empty"
    for n, line in enumerate(lines, 1):
        assert isinstance(json.loads(line), dict), f"line {n}"


def test_keys(entries: list[dict[str, Any]]) -> None:
    bad = []
    for e in entries:
        missing = REQUIRED_KEYS - set(e)
        extra = set(e) - ALLOWED_KEYS
        if missing or extra:
            bad.append((e.get("id"), sorted(missing), sorted(extra)))
    assert not bad, f"(id, missing keys, forbidden keys): {bad}"


def test_ids_unique_and_slugs(entries: list[dict[str, Any]]) -> None:
    ids = [e["id"] for e in entries]
    dups = sorted({i for i in ids if ids.count(i) > 1})
    assert not dups, f"duplicate ids: {dups}"
    bad = [i for i in ids if not isinstance(i, str) or not SLUG.match(i)]
    assert not bad, f"ids that are not lowercase ascii slugs: {bad}"


def test_types_allowed(entries: list[dict[str, Any]]) -> None:
    bad = [(e["id"], e["type"]) for e in entries if e["type"] not in ALLOWED_TYPES]
    assert not bad, bad


def test_names_and_string_lists(entries: list[dict[str, Any]]) -> None:
    bad = []
    for e in entries:
        if not isinstance(e["name"], str) or not e["name"].strip():
            bad.append((e["id"], "name"))
        for key in ("aliases", "demonyms", "metonyms"):
            if key not in e:
                continue
            v = e[key]
            if not isinstance(v, list) or not all(
                isinstance(x, str) and x.strip() and x == x.strip() for x in v
            ):
                bad.append((e["id"], key))
    assert not bad, f"(id, field) not a list of non-empty strings: {bad}"


def test_sorted_by_type_then_id(entries: list[dict[str, Any]]) -> None:
    keys = [(e["type"], e["id"]) for e in entries]
    assert keys == sorted(keys)


def test_name_not_repeated_in_aliases(entries: list[dict[str, Any]]) -> None:
    bad = []
    for e in entries:
        lowered = [a.lower() for a in e["aliases"]]
        if e["name"].lower() in lowered:
            bad.append(e["id"])
        if len(set(lowered)) != len(lowered):
            bad.append(e["id"])
    assert not bad, f"name repeated in aliases, or an alias repeated: {bad}"


def test_no_alias_collisions_across_entries(entries: list[dict[str, Any]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for form in _surface_forms(e):
            owners[norm(form)].add(e["id"])
    collisions = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not collisions, f"surface forms naming several entries: {collisions}"


def test_no_collisions_under_project_folding(entries: list[dict[str, Any]]) -> None:
    """The matcher folds transliteration variants too; no two entries may share a key."""
    normalize = pytest.importorskip("actorgraph.extractors.normalize")
    folded: dict[str, set[str]] = defaultdict(set)
    acronyms: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for form in _surface_forms(e):
            if normalize.is_acronym(form):
                acronyms[form.replace(".", "")].add(e["id"])
            else:
                folded[normalize.fold(form)].add(e["id"])
    collisions = {k: sorted(v) for d in (folded, acronyms) for k, v in d.items() if len(v) > 1}
    assert not collisions, f"keys naming several entries: {collisions}"


def test_demonyms_and_metonyms_only_on_countries(entries: list[dict[str, Any]]) -> None:
    bad = [
        e["id"]
        for e in entries
        if e["type"] != "Country" and (e.get("demonyms") or e.get("metonyms"))
    ]
    assert not bad, f"demonyms/metonyms on non-Country entries: {bad}"


def test_demonyms_unique(entries: list[dict[str, Any]]) -> None:
    names = {norm(f): e["id"] for e in entries for f in _surface_forms(e)}
    owners: dict[str, set[str]] = defaultdict(set)
    clashes = []
    for e in entries:
        for d in e.get("demonyms", []):
            owners[norm(d)].add(e["id"])
            if norm(d) in names:
                clashes.append((d, e["id"], names[norm(d)]))
    shared = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not shared, f"demonyms of several countries: {shared}"
    assert not clashes, f"demonyms that are also a name or alias: {clashes}"


def test_metonyms_unique_and_only_shared_with_places(entries: list[dict[str, Any]]) -> None:
    """A capital is a metonym of its country and may also be its own Place entry."""
    types = {e["id"]: e["type"] for e in entries}
    names: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for f in _surface_forms(e):
            names[norm(f)].add(e["id"])
    owners: dict[str, set[str]] = defaultdict(set)
    clashes = []
    for e in entries:
        for m in e.get("metonyms", []):
            owners[norm(m)].add(e["id"])
            clashes += [(m, e["id"], o) for o in names.get(norm(m), ()) if types[o] != "Place"]
    shared = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not shared, f"metonyms of several countries: {shared}"
    assert not clashes, f"metonyms that name a non-Place entry: {clashes}"


def test_countries_cover_sovereign_states(entries: list[dict[str, Any]]) -> None:
    countries = [e for e in entries if e["type"] == "Country"]
    assert len(countries) >= 190, len(countries)
    without_demonyms = [e["id"] for e in countries if not e.get("demonyms")]
    assert len(without_demonyms) <= 5, without_demonyms


def test_national_forces_have_generic_armed_forces_aliases(
    by_id: dict[str, dict[str, Any]],
) -> None:
    bad = []
    for fid, required in NATIONAL_FORCES.items():
        e = by_id.get(fid)
        if e is None or e["type"] != "MilitaryForce":
            bad.append((fid, "missing or not a MilitaryForce"))
            continue
        if not any(a.lower().endswith(" armed forces") for a in e["aliases"]):
            bad.append((fid, "no '... armed forces' alias"))
        forms = {norm(f) for f in _surface_forms(e)}
        bad += [(fid, r) for r in required if norm(r) not in forms]
    assert not bad, bad


def test_no_common_word_aliases(entries: list[dict[str, Any]]) -> None:
    bad = [(e["id"], a) for e in entries for a in e["aliases"] if a.islower() and a in COMMON_WORDS]
    assert not bad, bad


def test_expected_entries_present(by_id: dict[str, dict[str, Any]]) -> None:
    missing = sorted(EXPECTED_IDS - set(by_id))
    assert not missing, missing
