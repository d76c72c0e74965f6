"""People's roles (person_of, copular_title, work_verb, occupations) and killings
(settled_killing, killing_noun, firearms, killing verbs) on recorded parses of sentences
written for these tests."""

from __future__ import annotations

import pytest
from conftest import make_doc

from actorgraph.extractors.entities import ActorRuler, ActorTyper
from actorgraph.extractors.relations import RelationExtractor
from actorgraph.extractors.resolve import ActorResolver
from actorgraph.ontology import load_schema

ROLE_RELATIONS = {"memberOf", "leaderOf", "affiliatedWith", "attacked", "alliedWith"}


@pytest.fixture(scope="module")
def run(gazetteer, vocab):  # type: ignore[no-untyped-def]
    components = [
        ActorRuler(gazetteer),
        ActorTyper(),
        ActorResolver(gazetteer),
        RelationExtractor(load_schema()),
    ]

    def _run(text: str):  # type: ignore[no-untyped-def]
        doc = make_doc(vocab, text)
        for c in components:
            doc = c(doc)
        ents = doc._.actor_entities
        return {
            (ents[f.subject].label, f.relation, ents[f.object].label, f.extractor)
            for f in doc._.facts
            if f.relation in ROLE_RELATIONS
        }

    return _run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person set off by an organisation
        (
            "Maria Lopez of the Rand Corporation said the study was flawed.",
            ("Maria Lopez", "affiliatedWith", "Rand Corporation", "person_of"),
        ),
        # copular and naming titles
        (
            "Tom Baker is a senior correspondent for Reuters.",
            ("Tom Baker", "affiliatedWith", "Reuters", "copular_title"),
        ),
        (
            "Helen Carter was named chairman of Acme Holdings on Monday.",
            ("Helen Carter", "leaderOf", "Acme Holdings", "copular_title"),
        ),
        # verbs of running and working
        (
            "Peter Grant, who runs the Carter Foundation, spoke on Friday.",
            ("Peter Grant", "leaderOf", "Carter Foundation", "work_verb"),
        ),
        (
            "Sam Reid works for the World Bank in Washington.",
            ("Sam Reid", "affiliatedWith", "World Bank", "work_verb"),
        ),
        (
            "Acme Holdings has named Helen Carter chairman of the Daily Mirror.",
            ("Helen Carter", "leaderOf", "Daily Mirror", "copular_title"),
        ),
        # a title whose holder the parser hung on the organisation
        (
            "Police said the leader of the Kurdistan Freedom Front, Ahmed Salem, was arrested "
            "on Monday.",
            ("Ahmed Salem", "leaderOf", "Kurdistan Freedom Front", "title_of_org"),
        ),
        # a parenthetical gloss between the organisation and the title
        (
            "PDP (People's Democratic Party) leader Kemal Aydin said the vote was rigged.",
            ("Kemal Aydin", "leaderOf", "People's Democratic Party", "title"),
        ),
        # occupations as titles
        (
            "Maria Lopez, a lobbyist with the Rand Corporation, said the bill would fail.",
            ("Maria Lopez", "affiliatedWith", "Rand Corporation", "appos_title"),
        ),
        # killings settled by a conviction, a plea or a sentence
        (
            "Karim Nasser pleaded guilty to killing Yusuf Adel.",
            ("Karim Nasser", "attacked", "Yusuf Adel", "settled_killing"),
        ),
        (
            "Karim Nasser was sentenced to death for the assassination of Yusuf Adel.",
            ("Karim Nasser", "attacked", "Yusuf Adel", "settled_killing"),
        ),
        (
            "Ali Hassan was convicted of murdering Omar Khalil in 2009.",
            ("Ali Hassan", "attacked", "Omar Khalil", "verb"),
        ),
        # a killing named by a noun with its doer
        (
            "The murder of Yusuf Adel by Karim Nasser shocked the town.",
            ("Karim Nasser", "attacked", "Yusuf Adel", "killing_noun"),
        ),
        # a gun fired at someone
        (
            "Karim Nasser fired a pistol at Omar Khalil from a rooftop.",
            ("Karim Nasser", "attacked", "Omar Khalil", "launch"),
        ),
        (
            "Visitors went to the window from which Karim Nasser fired the shots that killed "
            "Yusuf Adel.",
            ("Karim Nasser", "attacked", "Yusuf Adel", "killing_shot"),
        ),
        (
            "Police said Karim Nasser shot and wounded Omar Khalil in Cairo.",
            ("Karim Nasser", "attacked", "Omar Khalil", "verb"),
        ),
        # killing verbs, passive and relative
        (
            "Yusuf Adel was stabbed by Karim Nasser outside his home.",
            ("Karim Nasser", "attacked", "Yusuf Adel", "passive"),
        ),
        (
            "Karim Nasser, the man who shot Yusuf Adel, was arrested in Cairo.",
            ("Karim Nasser", "attacked", "Yusuf Adel", "verb"),
        ),
        # "ally with"
        ("Greece allied with Egypt against Turkey.", ("Greece", "alliedWith", "Egypt", "verb")),
    ],
)
def test_positive(run, text: str, expected: tuple[str, str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert expected in run(text)


def test_scene_of_a_shooting_is_not_attacked(run) -> None:  # type: ignore[no-untyped-def]
    facts = run("Yusuf Adel was shot by Karim Nasser at the Grand Hotel.")
    assert ("Karim Nasser", "attacked", "Yusuf Adel", "passive") in facts
    assert not any(f[2] == "Grand Hotel" for f in facts)


@pytest.mark.parametrize(
    "text",
    [
        # a charge or an accusation settles nothing
        "Karim Nasser was charged with killing Yusuf Adel.",
        "Ali Hassan, accused of murdering Omar Khalil, denied the charge.",
        # negated conviction, negated or hypothetical role
        "Karim Nasser was not convicted of killing Yusuf Adel.",
        "Tom Baker is not a correspondent for Reuters.",
        "Sam Reid may work for the World Bank next year.",
        # "of" a place is where one comes from
        "Maria Lopez of Texas said the study was flawed.",
        # a peer's territorial title, whatever the model takes the territory for
        "Lord Peter Hale of Hezbollah said the plan was sound.",
        # firing back at a rival is words
        "Brown fired back at Howard over the tax plan.",
    ],
)
def test_negative(run, text: str) -> None:  # type: ignore[no-untyped-def]
    facts = run(text)
    assert not {f for f in facts if f[1] in {"attacked", "affiliatedWith", "leaderOf"}}, facts
