"""Where an actor is, said plainly ("X was in Y", "remained in positions inside Y", "X
operates the Y base"), and places taken in a relative clause ("the town that X took"), on
recorded parses of sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer

ENTRIES = [
    *TEST_ENTRIES,
    GazEntry("thaci", "Hashim Thaci", "Person", ("Thaci",)),
    GazEntry("pristina", "Pristina", "Place", ()),
    GazEntry("turkey", "Turkey", "Country", (), ("Turkish",), ("Ankara",)),
    GazEntry("tsk", "Turkish Armed Forces", "MilitaryForce", ("Turkish troops",)),
    GazEntry("usa", "United States", "Country", ("US", "U.S."), ("American",), ("Washington",)),
    GazEntry("lemonnier", "Camp Lemonnier", "Facility", ("Camp Lemonnier base",)),
    GazEntry("djibouti", "Djibouti", "Country", (), ("Djiboutian",)),
    GazEntry("boko-haram", "Boko Haram", "ArmedGroup", ()),
    GazEntry("gwoza", "Gwoza", "Place", ()),
]


@pytest.fixture(scope="module")
def run(vocab):  # type: ignore[no-untyped-def]
    return actor_runner(Gazetteer(ENTRIES), vocab)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hashim Thaci was in Pristina on Monday.", {("Hashim Thaci", "presentIn", "Pristina")}),
        (
            "Turkish troops remained in positions inside Iraq.",
            {("Turkish Armed Forces", "presentIn", "Iraq")},
        ),
        (
            "The United States operates the Camp Lemonnier base in Djibouti.",
            {("United States", "presentIn", "Camp Lemonnier")},
        ),
        (
            "Gwoza, the town that Boko Haram took in 2014, was retaken in March.",
            {("Boko Haram", "attacked", "Gwoza"), ("Boko Haram", "presentIn", "Gwoza")},
        ),
    ],
)
def test_where_actors_are(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, facts


@pytest.mark.parametrize(
    "text",
    [
        "Iran was not in Syria.",
        "Turkey was in favour of the deal.",
        "Hamas is in talks with Israel.",
    ],
)
def test_being_in_a_state_of_mind_is_no_presence(run, text):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert not {f for f in facts if f[1] == "presentIn"}, facts
