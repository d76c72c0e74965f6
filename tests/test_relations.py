"""Relation patterns on hand-built parses of sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import actor_runner

from actorgraph.extractors.relations import assertion_factor
from actorgraph.ontology import load_schema


@pytest.fixture(scope="module")
def run(gazetteer, vocab):  # type: ignore[no-untyped-def]
    return actor_runner(gazetteer, vocab)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hamas and other Gaza factions, which are part of the Axis, have threatened Israel.",
            {("Hamas", "partOf", "Axis"), ("Hamas", "threatened", "Israel")},
        ),
        (
            "Russian warplanes bombed three depots controlled by the Wagner militia in Libya.",
            {
                ("Russian Armed Forces", "attacked", "Wagner Group"),
                ("Wagner Group", "presentIn", "Libya"),
            },
        ),
        (
            "The Houthis, an Iranian-backed militia, attacked Saudi Arabia.",
            {("Houthis", "backedBy", "Iran"), ("Houthis", "attacked", "Saudi Arabia")},
        ),
        ("Yemeni President Ali Saleh condemned the raid.", {("Ali Saleh", "leaderOf", "Yemen")}),
        (
            "Layla Haddad, spokeswoman for the Lebanese Foreign Ministry, said nothing.",
            {("Layla Haddad", "affiliatedWith", "Lebanese Foreign Ministry")},
        ),
        ("Tensions between Turkey and Greece rose.", {("Turkey", "opposes", "Greece")}),
        ("Al Tanf hosts British troops.", {("British Armed Forces", "presentIn", "Al Tanf")}),
        (
            "Egypt's Interior Ministry blamed Hamas for the bombing.",
            # a country's body is named with its demonym: one node per country's ministry
            {
                ("Egyptian Interior Ministry", "partOf", "Egypt"),
                ("Egyptian Interior Ministry", "accused", "Hamas"),
            },
        ),
        (
            "The counter-Houthi Yemeni units were trained by Saudi Arabia.",
            {
                ("Yemeni Armed Forces", "fightsAgainst", "Houthis"),
                ("Saudi Arabia", "trained", "Yemeni Armed Forces"),
            },
        ),
    ],
)
def test_patterns_find_expected_facts(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, f"missing {expected - facts}; got {facts}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Beirut-based Hezbollah denied the report.", {("Hezbollah", "presentIn", "Beirut")}),
        (
            "A jury convicted Ali Hassan of killing Omar Nasser.",
            {("Ali Hassan", "attacked", "Omar Nasser")},
        ),
        (
            "Deputy leader Samir Kanaan of Hamas spoke.",
            {("Samir Kanaan", "affiliatedWith", "Hamas")},
        ),
        ("Fighters shelled Aleppo, Syria, on Monday.", {("Aleppo", "locatedIn", "Syria")}),
        ("Nasser's assassin Ali Hassan fled.", {("Ali Hassan", "attacked", "Nasser")}),
        ("Libya blamed Egypt for arming the Wagner militia.", {("Libya", "accused", "Egypt")}),
    ],
)
def test_more_patterns(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, f"missing {expected - facts}; got {facts}"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # what an accusation says is a claim, not a fact the article asserts
        (
            "Libya blamed Egypt for arming the Wagner militia.",
            ("Wagner Group", "backedBy", "Egypt"),
        ),
        # "warned X to ..." is advice, not a threat
        ("Turkey warned Greece to stay calm.", ("Turkey", "threatened", "Greece")),
        # a deputy does not lead
        ("Deputy leader Samir Kanaan of Hamas spoke.", ("Samir Kanaan", "leaderOf", "Hamas")),
    ],
)
def test_patterns_do_not_overreach(run, text, absent):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert absent not in facts, facts


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah did not attack Israel.",
        "If Hezbollah attacks Israel, the war will spread.",
        "Did Hezbollah attack Israel?",
    ],
)
def test_no_facts_from_negation_conditionals_or_questions(run, text):  # type: ignore[no-untyped-def]
    doc, facts = run(text)
    assert not any(r == "attacked" for _, r, _ in facts), facts
    verb = next(t for t in doc if t.lemma_ == "attack")
    assert assertion_factor(verb) == 0.0


def test_types_fit_the_ontology(run):  # type: ignore[no-untyped-def]
    schema = load_schema()
    doc, _ = run("Russian warplanes bombed three depots controlled by the Wagner militia in Libya.")
    ents = doc._.actor_entities
    for f in doc._.facts:
        assert schema.fits(f.relation, ents[f.subject].type, ents[f.object].type)
        assert 0 < f.confidence <= 1
        assert doc.text[f.start : f.end].strip()


def test_evidence_offsets_point_at_the_sentence(run):  # type: ignore[no-untyped-def]
    doc, _ = run("Tensions between Turkey and Greece rose.")
    (fact,) = [f for f in doc._.facts if f.relation == "opposes"]
    assert doc.text[fact.start : fact.end] == "Tensions between Turkey and Greece rose."
