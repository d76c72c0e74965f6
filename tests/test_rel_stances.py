"""Stances in words (threats, condemnations of an act, enmity, training by participle), on
recorded parses of sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer

ENTRIES = [
    *TEST_ENTRIES,
    GazEntry("pakistan", "Pakistan", "Country", (), ("Pakistani",), ("Islamabad",)),
    GazEntry("india", "India", "Country", (), ("Indian",), ("New Delhi",)),
    GazEntry("eu", "European Union", "InternationalOrganization", ("EU",)),
    GazEntry("russia", "Russia", "Country", (), ("Russian",), ("Moscow",)),
    GazEntry("unsc", "UN Security Council", "InternationalOrganization", ("Security Council",)),
    GazEntry("houthis", "Houthis", "ArmedGroup", (), ("Houthi",)),
    GazEntry("fatah", "Fatah", "PoliticalGroup", ()),
    GazEntry("morocco", "Morocco", "Country", (), ("Moroccan",), ("Rabat",)),
    GazEntry("polisario", "Polisario Front", "ArmedGroup", ("Polisario",)),
    GazEntry("afghanistan", "Afghanistan", "Country", (), ("Afghan",), ("Kabul",)),
    GazEntry("usa", "United States", "Country", ("US", "U.S."), ("American",), ("Washington",)),
    GazEntry("jordan", "Jordan", "Country", (), ("Jordanian",), ("Amman",)),
    GazEntry("islamic-state", "Islamic State", "ArmedGroup", ("ISIS",)),
    GazEntry("abadi", "Haider al-Abadi", "Person", ("Abadi",)),
    GazEntry("saleh", "Aguila Saleh", "Person", ()),
    GazEntry("haftar", "Khalifa Haftar", "Person", ("Haftar",)),
    GazEntry("armenia", "Armenia", "Country", (), ("Armenian",), ("Yerevan",)),
    GazEntry("azerbaijan", "Azerbaijan", "Country", (), ("Azerbaijani",), ("Baku",)),
]


@pytest.fixture(scope="module")
def run(vocab):  # type: ignore[no-untyped-def]
    return actor_runner(Gazetteer(ENTRIES), vocab)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hamas said Israel would pay a heavy price for the raid.",
            ("Hamas", "threatened", "Israel"),
        ),
        ("Pakistan threatened to declare war on India.", ("Pakistan", "threatened", "India")),
        (
            "The European Union condemned Russia's annexation of Crimea.",
            ("European Union", "condemned", "Russia"),
        ),
        (
            "The Security Council adopted a resolution condemning the Houthi attacks.",
            ("UN Security Council", "condemned", "Houthis"),
        ),
        ("Hamas and Fatah are bitter rivals.", ("Hamas", "opposes", "Fatah")),
        (
            "Morocco regards the Polisario Front as an enemy.",
            ("Morocco", "opposes", "Polisario Front"),
        ),
        (
            "The Afghan army, trained and equipped by the United States, collapsed.",
            ("United States", "trained", "Afghan Armed Forces"),
        ),
    ],
)
def test_stances_stated_in_words(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected in facts, facts


@pytest.mark.parametrize(
    "text",
    [
        "Hamas and Fatah are not rivals.",
        "Hamas said Israel would not pay a price.",
        "Jordan did not condemn Israel's strike.",
    ],
)
def test_no_stance_from_a_negation(run, text):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert not {f for f in facts if f[1] in {"opposes", "threatened", "condemned"}}, facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A ceasefire between India and Pakistan took effect on Saturday.",
            {("India", "fightsAgainst", "Pakistan"), ("Pakistan", "fightsAgainst", "India")},
        ),
        (
            "Hamas, weakened by its long war with Israel, agreed to talks.",
            {("Hamas", "fightsAgainst", "Israel"), ("Israel", "fightsAgainst", "Hamas")},
        ),
        (
            "Haider al-Abadi declared victory over Islamic State in December.",
            {("Haider al-Abadi", "fightsAgainst", "Islamic State")},
        ),
        (
            "Aguila Saleh, who is allied with Khalifa Haftar, spoke on Monday.",
            {("Aguila Saleh", "alliedWith", "Khalifa Haftar")},
        ),
    ],
)
def test_wars_victories_and_alliances(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, facts


@pytest.mark.parametrize(
    "text",
    [
        "Diplomats fear a war between India and Pakistan.",
        "The talks aim to prevent a new war between Armenia and Azerbaijan.",
    ],
)
def test_a_feared_war_is_no_fight(run, text):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert not {f for f in facts if f[1] in {"fightsAgainst", "opposes"}}, facts
