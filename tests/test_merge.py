"""Merging article results into one graph."""

from __future__ import annotations

from actorgraph.extractors.records import Article, ArticleResult, Evidence, Fact, LocalEntity
from actorgraph.graph.build.stream_merge import name_keys as _name_keys
from actorgraph.graph.core.merge import merge
from actorgraph.ontology import load_schema


def _result(
    name: str, entities: list[LocalEntity], facts: list[tuple[str, str, str]]
) -> ArticleResult:
    art = Article(name=name, path=name, text="x" * 100, sha256=name.ljust(64, "0"))
    ev = Evidence(name, art.sha256, "x" * 10, 0, 10, "verb", 0.9)
    return ArticleResult(art, tuple(entities), tuple(Fact(s, r, o, ev) for s, r, o in facts))


def test_one_node_per_actor_across_articles_and_types():
    a = _result(
        "a.txt",
        [
            LocalEntity("name:Person:north front", "North Front", "Person", (), 1),
            LocalEntity("gaz:iraq", "Iraq", "Country", (), 1),
        ],
        [("name:Person:north front", "leaderOf", "gaz:iraq")],
    )
    b = _result(
        "b.txt",
        [
            LocalEntity("name:ArmedGroup:north front", "North Front", "ArmedGroup", (), 3),
            LocalEntity("gaz:iraq", "Iraq", "Country", (), 1),
        ],
        [("name:ArmedGroup:north front", "presentIn", "gaz:iraq")],
    )
    kg = merge([a, b])
    front = [e for e in kg.entities.values() if e.label == "North Front"]
    assert len(front) == 1 and front[0].type == "ArmedGroup"
    assert sorted(front[0].articles) == ["a.txt", "b.txt"]
    # the fact read while the name was typed Person no longer fits the merged node: dropped
    schema = load_schema()
    for edge in kg.edges:
        assert schema.fits(
            edge.relation, kg.entities[edge.subject].type, kg.entities[edge.object].type
        )
    assert {e.relation for e in kg.edges} == {"presentIn"}


def test_bare_surnames_do_not_merge_across_articles():
    a = _result("a.txt", [LocalEntity("name:Person:smith", "Smith", "Person", (), 1)], [])
    b = _result(
        "b.txt",
        [
            LocalEntity("name:Person:smith", "Smith", "Person", (), 1),
            LocalEntity("name:Person:anna smith", "Anna Smith", "Person", ("Smith",), 2),
        ],
        [],
    )
    kg = merge([a, b])
    assert sorted(e.label for e in kg.entities.values()) == ["Anna Smith", "Smith"]


def test_generic_body_names_do_not_merge_two_states_bodies():
    """ "Sudan's foreign ministry" and "Egypt's foreign ministry" share only what every
    state's ministry is called: they stay two nodes, in memory and in the streaming merge."""
    a = _result(
        "a.txt",
        [
            LocalEntity(
                "name:GovernmentBody:sudanese foreign ministry",
                "Sudanese Foreign Ministry",
                "GovernmentBody",
                ("foreign ministry", "Foreign Ministry"),
                2,
            )
        ],
        [],
    )
    b = _result(
        "b.txt",
        [
            LocalEntity(
                "name:GovernmentBody:egyptian foreign ministry",
                "Egyptian Foreign Ministry",
                "GovernmentBody",
                ("foreign ministry",),
                1,
            ),
            LocalEntity(
                "name:GovernmentBody:sudanese foreign ministry",
                "Sudanese Foreign Ministry",
                "GovernmentBody",
                (),
                1,
            ),
        ],
        [],
    )
    kg = merge([a, b])
    assert sorted(e.label for e in kg.entities.values()) == [
        "Egyptian Foreign Ministry",
        "Sudanese Foreign Ministry",
    ]
    sudan = next(e for e in kg.entities.values() if e.label.startswith("Sudanese"))
    assert sorted(sudan.articles) == ["a.txt", "b.txt"]
    keys = _name_keys("Foreign Ministry", "GovernmentBody", ("foreign ministry", "Parliament"))
    assert keys == []


def test_a_title_and_one_name_do_not_merge_people_across_articles():
    """ "Sir John" in two articles may be Sir John Stevens and Sir John Bourn."""
    a = _result(
        "a.txt",
        [LocalEntity("name:Person:john stevens", "John Stevens", "Person", ("Sir John",), 2)],
        [],
    )
    b = _result(
        "b.txt",
        [LocalEntity("name:Person:john bourn", "John Bourn", "Person", ("Sir John",), 2)],
        [],
    )
    kg = merge([a, b])
    assert sorted(e.label for e in kg.entities.values()) == ["John Bourn", "John Stevens"]
    assert _name_keys("Sir John", "Person", ("Mr Brown",)) == []


def test_min_confidence_drops_weak_evidence():
    a = _result(
        "a.txt",
        [
            LocalEntity("gaz:iran", "Iran", "Country", (), 1),
            LocalEntity("gaz:iraq", "Iraq", "Country", (), 1),
        ],
        [("gaz:iran", "opposes", "gaz:iraq")],
    )
    assert len(merge([a], min_confidence=0.5).edges) == 1
    assert len(merge([a], min_confidence=0.95).edges) == 0


def test_a_middle_initial_makes_no_other_person_across_articles():
    a = _result("a.txt", [LocalEntity("gaz:putin", "Vladimir Putin", "Person", (), 2)], [])
    b = _result(
        "b.txt",
        [LocalEntity("name:Person:vladimir v putin", "Vladimir V. Putin", "Person", (), 1)],
        [],
    )
    c = _result(
        "c.txt",
        [LocalEntity("name:Person:vladimir k putin", "Vladimir K. Putin", "Person", (), 1)],
        [],
    )
    kg = merge([a, b, c])
    # one person whatever the initial: the key leaves initials out, not other words
    assert len(kg.entities) == 1, sorted(e.label for e in kg.entities.values())
    d = _result(
        "d.txt",
        [LocalEntity("name:Person:lyudmila putina", "Lyudmila Putina", "Person", (), 1)],
        [],
    )
    assert len(merge([a, d]).entities) == 2
