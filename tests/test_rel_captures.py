"""Captures named as events ("the capture of Y", "the fall of Y to X", "the X offensive,
which captured Y"), on recorded parses of sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer

ENTRIES = [
    *TEST_ENTRIES,
    GazEntry("taliban", "Taliban", "ArmedGroup", ()),
    GazEntry("kandahar", "Kandahar", "Place", ()),
    GazEntry("kabul", "Kabul", "Place", ()),
    GazEntry("mosul", "Mosul", "Place", ()),
    GazEntry("goma", "Goma", "Place", ()),
    GazEntry("m23", "M23", "ArmedGroup", ("March 23 Movement",)),
    GazEntry("islamic-state", "Islamic State", "ArmedGroup", ("ISIS",)),
]


@pytest.fixture(scope="module")
def run(vocab):  # type: ignore[no-untyped-def]
    return actor_runner(Gazetteer(ENTRIES), vocab)


@pytest.mark.parametrize(
    ("text", "taker", "place"),
    [
        (
            "The Taliban offensive, which captured the southern city of Kandahar, ended the war.",
            "Taliban",
            "Kandahar",
        ),
        (
            "The Taliban, who swept back to power with the capture of Kabul, promised an amnesty.",
            "Taliban",
            "Kabul",
        ),
        ("The fall of Mosul to Islamic State shocked Baghdad.", "Islamic State", "Mosul"),
    ],
)
def test_capture_events_give_attack_and_presence(run, text, taker, place):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert {(taker, "attacked", place), (taker, "presentIn", place)} <= facts, facts


def test_hypothetical_capture_states_nothing(run):  # type: ignore[no-untyped-def]
    _, facts = run("A capture of Goma by the M23 would be a disaster.")
    assert not {f for f in facts if f[1] in {"attacked", "presentIn"}}, facts
