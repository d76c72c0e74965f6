"""Coreference constructions of ``actor_resolver`` with the real model, on sentences
written for these tests: definite descriptions ("the army", "the kingdom", "the
Islamist group", "the UK-based watchdog") and owned forces ("its forces")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def corefs(nlp, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Coreferent mention text (lowercased) -> label of the actor it resolved to."""
    doc = nlp(text)
    ents = doc._.actor_entities
    return {s.text.lower(): ents[s.kb_id_].label for s in doc.spans["coref"]}


def test_the_army_is_the_forces_of_the_country_in_context(nlp):  # type: ignore[no-untyped-def]
    found = corefs(
        nlp,
        "Iraq launched a new offensive west of Ramadi on Monday. "
        "The army said it had retaken two villages.",
    )
    assert found["army"] == "Iraqi Security Forces"


def test_the_army_prefers_a_named_force_nearby(nlp):  # type: ignore[no-untyped-def]
    found = corefs(
        nlp,
        "Turkish troops crossed the border at dawn. Officials in Ankara said the military "
        "would stay until the area was secure.",
    )
    assert found["military"] == "Turkish Armed Forces"


def test_its_forces_are_the_owner_s_forces(nlp):  # type: ignore[no-untyped-def]
    found = corefs(nlp, "Russia said on Tuesday that its troops had left the port.")
    assert found["troops"] == "Russian Armed Forces"
    found = corefs(nlp, "The Houthis said their fighters had downed a drone.")
    assert found["fighters"] == "Houthis"


def test_the_kingdom_is_the_monarchy_in_context(nlp):  # type: ignore[no-untyped-def]
    found = corefs(
        nlp,
        "Saudi Arabia hosted the talks with Iraq and Iran. The kingdom said it wanted calm.",
    )
    assert found["kingdom"] == "Saudi Arabia"
    # no monarchy named: "the kingdom" stays unresolved
    found = corefs(nlp, "Iraq and Iran held talks. The kingdom was not invited.")
    assert "kingdom" not in found


def test_described_group_points_back(nlp):  # type: ignore[no-untyped-def]
    found = corefs(
        nlp, "Hamas fired dozens of rockets on Friday. The Islamist group said more would follow."
    )
    assert found["group"] == "Hamas"


def test_uk_based_watchdog(nlp):  # type: ignore[no-untyped-def]
    found = corefs(
        nlp,
        "The Syrian Observatory for Human Rights counted 40 dead. "
        "The UK-based watchdog said most were civilians.",
    )
    assert found["watchdog"] == "Syrian Observatory for Human Rights"


def test_a_qualifying_name_is_not_the_antecedent(nlp):  # type: ignore[no-untyped-def]
    # "Hamas-linked" only describes the agency; the group is the one whose man spoke
    found = corefs(
        nlp,
        "A PIJ spokesman told the Hamas-linked Shehab news agency on Tuesday that the "
        "group would keep firing.",
    )
    assert found["group"] == "Palestinian Islamic Jihad"


def test_the_other_group_is_not_coreferent(nlp):  # type: ignore[no-untyped-def]
    found = corefs(
        nlp, "Hezbollah sent fighters to the town. The other group stayed out of the battle."
    )
    assert "group" not in found


def test_a_person_is_never_the_group(nlp):  # type: ignore[no-untyped-def]
    found = corefs(
        nlp,
        "Hassan Nasrallah spoke on Friday. Officials said Nasrallah ran the group's "
        "finances for years.",
    )
    assert found.get("group") != "Hassan Nasrallah"
