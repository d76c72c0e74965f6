"""Entity typing and resolution with the real model, on sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def entities(nlp, text: str) -> dict[str, tuple[str, tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return {e.label: (e.type, e.aliases) for e in doc._.actor_entities.values()}


def facts(nlp, text: str) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    ents = doc._.actor_entities
    return {(ents[f.subject].label, f.relation, ents[f.object].label) for f in doc._.facts}


def test_model_mistakes_are_corrected(nlp):  # type: ignore[no-untyped-def]
    # the stock model tags Kataib Hezbollah PERSON, Katyusha GPE and Taji PERSON
    ents = entities(nlp, "Kataib Hezbollah fired a Katyusha rocket at Taji on Monday.")
    assert ents["Kataib Hezbollah"][0] == "ArmedGroup"
    assert ents["Katyusha"][0] == "Weapon"
    assert ents["Taji Base"][0] == "Facility"


def test_unknown_actors_still_become_typed_nodes(nlp):  # type: ignore[no-untyped-def]
    ents = entities(nlp, "The Saraya Awliya al-Dam Brigades claimed the attack on the convoy.")
    (label,) = [k for k in ents if "Awliya" in k]
    assert ents[label][0] == "ArmedGroup"


def test_transliteration_and_quote_variants_are_one_node(nlp):  # type: ignore[no-untyped-def]
    ents = entities(
        nlp,
        "Kata’ib Hizbollah denied the report. Later, Ketaib Hezbollah and KH fighters "
        "moved north. Kataib Hezbollah's leaders met in Baghdad.",
    )
    groups = [k for k, (t, _) in ents.items() if t == "ArmedGroup"]
    assert groups == ["Kataib Hezbollah"]


def test_acronym_defined_in_text_joins_its_long_form(nlp):  # type: ignore[no-untyped-def]
    text = (
        "The Northern Valley Defence Front (NVDF) rejected the deal. "
        "On Tuesday the NVDF attacked a police post."
    )
    ents = entities(nlp, text)
    (label,) = [k for k in ents if "Valley" in k]
    assert "NVDF" in ents[label][1]
    assert not any(k == "NVDF" for k in ents)


def test_also_known_as_and_surname(nlp):  # type: ignore[no-untyped-def]
    text = (
        "Ahmed Karim Hamdani (also, Abu Yasser al-Hamdani) leads the brigade. "
        "Hamdani said the ceasefire was over."
    )
    ents = entities(nlp, text)
    people = {k: v for k, v in ents.items() if v[0] == "Person"}
    assert len(people) == 1, people


def test_demonyms_and_state_nouns_resolve_to_the_country(nlp):  # type: ignore[no-untyped-def]
    ents = entities(nlp, "The Iraqi government protested, and many Iraqis joined the march.")
    assert ents["Iraq"][0] == "Country"
    assert {"Iraqis", "Iraqi government"} <= set(ents["Iraq"][1])


def test_capital_names_the_state_only_in_political_context(nlp):  # type: ignore[no-untyped-def]
    political = entities(nlp, "Tehran rejected the accusation on Sunday.")
    assert "Iran" in political
    place = entities(nlp, "The delegation arrived in Tehran on Sunday.")
    assert "Iran" not in place and "Tehran" in place and place["Tehran"][0] == "Place"


def test_the_group_and_pronouns_corefer(nlp):  # type: ignore[no-untyped-def]
    found = facts(nlp, "Hamas rejected the offer. The group later threatened Israel.")
    assert ("Hamas", "threatened", "Israel") in found
    found = facts(nlp, "Qais al-Khazali spoke on Friday. He accused Washington of lying.")
    assert ("Qais al-Khazali", "accused", "United States") in found


def test_national_forces(nlp):  # type: ignore[no-untyped-def]
    ents = entities(nlp, "American troops and Turkish soldiers left the base.")
    assert ents["United States Armed Forces"][0] == "MilitaryForce"
    assert ents["Turkish Armed Forces"][0] == "MilitaryForce"


def test_same_fact_from_two_sentences_is_one_fact_with_two_pieces_of_evidence(nlp):  # type: ignore[no-untyped-def]
    from actorgraph.extractors.pipeline import doc_to_result
    from actorgraph.extractors.records import Article
    from actorgraph.graph.merge import merge

    text = "Hamas attacked Israel on Monday. Hamas attacked Israel again on Friday."
    art = Article(name="a.txt", path="a.txt", text=text, sha256="0" * 64)
    kg = merge([doc_to_result(nlp(text), art)])
    (edge,) = [e for e in kg.edges if e.relation == "attacked"]
    assert len(edge.evidence) == 2
