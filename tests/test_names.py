"""Name folding, the gazetteer and IRI minting."""

from __future__ import annotations

import pytest

from actorgraph.extractors.gazetteer import Gazetteer, load_gazetteer, parse_gazetteer
from actorgraph.extractors.normalize import acronym_of, fold, is_acronym
from actorgraph.graph.core.iri import check_base, entity_iri, slug


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kata'ib Hizbollah", "Kataib Hezbollah"),
        ("Kata’ib Hizbullah", "Ketaib Hezbollah"),
        ("Abu Mahdi al-Mohandes", "Abu Mahdi al-Muhandis"),
        ("U.S.", "US"),
        ("the Islamic State", "Islamic State"),
        ("Iran’s", "Iran"),
        ("Popular Mobilisation Forces", "Popular Mobilization Forces"),
        ("Moqtada al-Sadr", "Muqtada al-Sadr"),
        ("Irbil", "Erbil"),
        ("al-Hashid al-Shaabi", "al-Hashd al-Shaabi"),
        ("Daish", "DAESH"),
    ],
)
def test_spelling_variants_fold_together(a, b):  # type: ignore[no-untyped-def]
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("Iran", "Iraq"), ("Hamas", "Hezbollah"), ("US", "UK")])
def test_different_names_stay_apart(a, b):  # type: ignore[no-untyped-def]
    assert fold(a) != fold(b)


def test_acronyms():
    assert is_acronym("KH") and is_acronym("U.S.") and not is_acronym("Iran")
    assert acronym_of("Popular Mobilization Forces".split()) == "PMF"


def test_gazetteer_lookup_is_case_sensitive_for_acronyms(gazetteer: Gazetteer):
    assert gazetteer.lookup("UK").entry.id == "united-kingdom"  # type: ignore[union-attr]
    assert gazetteer.lookup("uk") is None
    assert gazetteer.lookup("britain").entry.id == "united-kingdom"  # type: ignore[union-attr]
    m = gazetteer.lookup("Iraqis")
    assert m is not None and m.kind == "demonym" and m.entry.id == "iraq"
    assert gazetteer.lookup("Hizbollah's").entry.id == "hezbollah"  # type: ignore[union-attr]


def test_builtin_gazetteer_loads_and_has_no_relations():
    g = load_gazetteer()
    assert len(g) > 100
    assert g.lookup("Kata'ib Hizbollah") is not None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "name": "X", "type": "Alien"}', "type 'Alien'"),
        ('{"id": "x", "name": "X", "type": "Person", "leaderOf": "Y"}', "unknown keys"),
        ("{not json", "not valid JSON"),
        (
            '{"id": "x", "name": "X", "type": "Person", "aliases": "KH"}',
            "list of non-empty strings",
        ),
    ],
)
def test_bad_gazetteer_lines_are_named(line, message):  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        parse_gazetteer(line, "mine.jsonl")


def test_iris_are_minted_from_keys_not_raw_text():
    base = "https://example.org/kg/"
    hostile = 'name:Person:<script>"{}|^`\n'
    iri = str(entity_iri(base, hostile))
    assert iri.startswith(base + "entity/")
    assert not set('<>"{}|^`\n ') & set(iri[len(base) :])
    assert entity_iri(base, "gaz:kataib-hezbollah") == entity_iri(base, "gaz:kataib-hezbollah")
    assert str(entity_iri(base, "gaz:kataib-hezbollah")).endswith("/entity/kataib-hezbollah")
    assert entity_iri(base, "name:Person:a b") != entity_iri(base, "name:Place:a b")
    assert slug("Kata’ib Hizbollah") == "kataib-hizbollah"


@pytest.mark.parametrize("bad", ["not an iri", "http://x.org/no-slash", "http://x.org/a b/"])
def test_base_iri_is_checked(bad):  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="must be an absolute IRI"):
        check_base(bad)


def test_a_name_in_capitals_is_the_name_but_unknown_acronyms_stay_unknown():
    gaz = load_gazetteer()
    assert gaz.lookup("DAESH").entry.id == "islamic-state"  # type: ignore[union-attr]
    assert gaz.lookup("HAMAS").entry.id == "hamas"  # type: ignore[union-attr]
    assert gaz.lookup("ZZQ") is None  # three letters: only a known acronym matches


def test_ethnic_groups_are_no_demonyms_of_a_state():
    gaz = load_gazetteer()
    for word in ("Turkmen", "Azeri", "Tajik", "Uzbek"):
        assert not [m for m in gaz.lookup_all(word) if m.kind == "demonym"], word
    assert gaz.lookup("Turkmenistani").entry.id == "turkmenistan"  # type: ignore[union-attr]


def test_capitals_are_places_and_metonyms():
    gaz = load_gazetteer()
    kinds = {(m.entry.type, m.kind) for m in gaz.lookup_all("Cairo")}
    assert kinds == {("Place", "name"), ("Country", "metonym")}
    assert {m.entry.id for m in gaz.lookup_all("Kremlin")} == {"russia"}


def test_long_acronyms_match_as_british_outlets_write_them() -> None:
    from actorgraph.extractors.gazetteer import GazEntry

    gaz = Gazetteer(
        [
            GazEntry("nato", "North Atlantic Treaty Organization", "Coalition", ("NATO",)),
            GazEntry("kh", "Kataib Hezbollah", "ArmedGroup", ("KH",)),
        ]
    )
    match = gaz.lookup("Nato")
    assert match is not None and match.entry.id == "nato"
    assert gaz.is_known_acronym("Nato") and gaz.is_known_acronym("NATO")
    # short acronyms stay case-sensitive: "Kh" is not KH, and lowercase never matches
    assert gaz.lookup("Kh") is None and gaz.lookup("nato") is None
