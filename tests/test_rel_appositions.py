"""Phrases set off after a name ("X, in northern Y"; "X, its ally in Y"), pronouns that
stand for unnamed speakers, offices a person comes to hold, and strikes that say nothing
of where the attacker is, on recorded parses of sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer

ENTRIES = [
    *TEST_ENTRIES,
    GazEntry("nigeria", "Nigeria", "Country", (), ("Nigerian",), ("Abuja",)),
    GazEntry("borno", "Borno", "Place", ()),
    GazEntry("iswap", "ISWAP", "ArmedGroup", ("Islamic State West Africa Province",)),
    GazEntry("islamic-state", "Islamic State", "ArmedGroup", ("ISIS",)),
    GazEntry("kosovo", "Kosovo", "Country", (), ("Kosovar",), ("Pristina",)),
    GazEntry("serbia", "Serbia", "Country", (), ("Serbian",), ("Belgrade",)),
    GazEntry("somalia", "Somalia", "Country", (), ("Somali",), ("Mogadishu",)),
    GazEntry("usa", "United States", "Country", ("US", "U.S."), ("American",), ("Washington",)),
    GazEntry("tyre", "Tyre", "Place", ()),
    GazEntry("beirut", "Beirut", "Place", ()),
    GazEntry("south-lebanon", "South Lebanon", "Place", ("southern Lebanon",)),
    GazEntry("gwoza", "Gwoza", "Place", ()),
    GazEntry("mogadishu", "Mogadishu", "Place", ()),
    GazEntry("sahafi", "Sahafi Hotel", "Facility", ()),
    GazEntry("unifil", "UNIFIL", "MilitaryForce", ()),
    GazEntry("un", "United Nations", "InternationalOrganization", ("UN", "U.N.")),
    GazEntry("badr", "Badr Organization", "ArmedGroup", ("Badr",)),
    GazEntry("pmf", "Popular Mobilization Forces", "ArmedGroup", ("PMF",)),
]


@pytest.fixture(scope="module")
def run(vocab):  # type: ignore[no-untyped-def]
    return actor_runner(Gazetteer(ENTRIES), vocab)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Militants attacked a base at Marte, in northern Nigeria, on Monday.",
            {("Marte", "locatedIn", "Nigeria")},
        ),
        (
            "The convoy was ambushed near Dikwa, in the Borno region, officials said.",
            {("Dikwa", "locatedIn", "Borno")},
        ),
        (
            "ISWAP, Islamic State's affiliate in Nigeria, claimed the attack.",
            {("ISWAP", "presentIn", "Nigeria"), ("ISWAP", "partOf", "Islamic State")},
        ),
        (
            "Iran funds several groups, but Hezbollah, its closest ally in Lebanon, is the "
            "strongest.",
            # "its" is Iran's, not Hezbollah's own
            {("Hezbollah", "presentIn", "Lebanon"), ("Hezbollah", "alliedWith", "Iran")},
        ),
        (
            "Hashim Thaci became president of Kosovo in 2016.",
            {("Hashim Thaci", "leaderOf", "Kosovo")},
        ),
        (
            "The United States has a number of special forces in Somalia.",
            {("United States", "presentIn", "Somalia")},
        ),
        (
            "Gwoza, a former rebel stronghold in Borno state, fell on Monday.",
            {("Gwoza", "locatedIn", "Borno")},
        ),
        (
            "Gunmen stormed the Sahafi Hotel in the capital, Mogadishu.",
            {("Sahafi Hotel", "locatedIn", "Mogadishu")},
        ),
        (
            "UNIFIL, the United Nations peacekeeping force, said two soldiers died.",
            {("UNIFIL", "partOf", "United Nations")},
        ),
        (
            "The Badr Organization, the most powerful faction within the Popular Mobilization "
            "Forces, objected.",
            {("Badr Organization", "partOf", "Popular Mobilization Forces")},
        ),
    ],
)
def test_facts_read_from_shape_and_offices(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, facts


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a strike lands there; the jets are not said to be there
        (
            "Israeli jets struck Hezbollah positions in southern Lebanon on Tuesday.",
            ("Israel Defense Forces", "presentIn", "South Lebanon"),
        ),
        # "80 km south of" is no containment
        (
            "Tyre, a city 80 km south of Beirut, was shelled overnight.",
            ("Tyre", "locatedIn", "Beirut"),
        ),
        (
            "Hashim Thaci did not become president of Serbia.",
            ("Hashim Thaci", "leaderOf", "Serbia"),
        ),
    ],
)
def test_no_fact_the_sentence_does_not_state(run, text, absent):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert absent not in facts, facts
    if "Tyre" in text:
        assert not {f for f in facts if f[1] == "locatedIn"}


def test_pronoun_after_unnamed_speakers_is_not_an_actor(run):  # type: ignore[no-untyped-def]
    doc, _ = run("Hamas rejected the truce. Diplomats said they would keep trying.")
    assert [s.text for s in doc.spans["coref"]] == []
