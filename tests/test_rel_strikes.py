"""Attacks said with a phrase ("opened fire on", "dropped bombs on", "raids against X's
infrastructure") and captures from a holder, on recorded parses of sentences written for
these tests."""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer

ENTRIES = [
    *TEST_ENTRIES,
    GazEntry("idf", "Israel Defense Forces", "MilitaryForce", ("IDF", "Israel armed forces")),
    GazEntry("saa", "Syrian Arab Army", "MilitaryForce", ("Syrian army",)),
    GazEntry("palmyra", "Palmyra", "Place", ()),
    GazEntry("islamic-state", "Islamic State", "ArmedGroup", ("ISIS",)),
    GazEntry("beirut", "Beirut", "Place", ()),
]


@pytest.fixture(scope="module")
def run(vocab):  # type: ignore[no-untyped-def]
    return actor_runner(Gazetteer(ENTRIES), vocab)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hezbollah opened fire on Israeli positions on Tuesday.",
            ("Hezbollah", "attacked", "Israel"),
        ),
        (
            "Israeli jets dropped dozens of bombs on the Hezbollah headquarters in Beirut.",
            ("Israel Defense Forces", "attacked", "Hezbollah"),
        ),
        (
            "Israeli troops carried out raids against Hezbollah infrastructure.",
            ("Israel Defense Forces", "attacked", "Hezbollah"),
        ),
        (
            "The Syrian army recaptured Palmyra from Islamic State in March.",
            ("Syrian Arab Army", "attacked", "Islamic State"),
        ),
    ],
)
def test_attacks_said_with_a_phrase(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected in facts, facts


@pytest.mark.parametrize(
    "text",
    ["Israel did not open fire on Lebanese positions.", "The police opened an inquiry into Hamas."],
)
def test_no_attack_from_a_negation_or_a_look_alike(run, text):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert not {f for f in facts if f[1] == "attacked"}, facts
