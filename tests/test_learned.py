"""The learned relation scorer: candidates, features, labels, training and the component."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import make_doc

from actorgraph.extractors.entities import ActorRuler, ActorTyper
from actorgraph.extractors.learned import (
    CLASSES,
    EXTRACTOR,
    LearnedRelations,
    RelationModel,
    default_weights,
    doc_examples,
    fit,
    label_candidates,
    learned_facts,
    load_gold,
    load_model,
    norm,
    sentence_candidates,
)
from actorgraph.extractors.learned.gold import SKIP
from actorgraph.extractors.relations import RelationExtractor
from actorgraph.extractors.resolve import ActorResolver
from actorgraph.ontology import load_schema

STRIKE = "Turkish jets struck Hezbollah positions near Beirut on Monday."
BACKED = "The Houthis, who are backed by Iran, fired missiles at Saudi Arabia."
DENIED = "Hamas did not attack Israel."
TOGETHER = "Russia and Turkey agreed to work together in Syria."
RIVALS = "Greek officials said Turkey and Egypt were rivals in Libya."


@pytest.fixture(scope="module")
def parse(gazetteer, vocab):  # type: ignore[no-untyped-def]
    components = [
        ActorRuler(gazetteer),
        ActorTyper(),
        ActorResolver(gazetteer),
        RelationExtractor(load_schema()),
    ]

    def _parse(text: str):  # type: ignore[no-untyped-def]
        doc = make_doc(vocab, text)
        for c in components:
            doc = c(doc)
        return doc

    return _parse


def _pairs(doc):  # type: ignore[no-untyped-def]
    return {(c.subject, c.object): c for c in sentence_candidates(doc)}


def _model(feature: str, relation: str, weight: float = 8.0) -> RelationModel:
    """A model that gives ``relation`` to every candidate with ``feature``."""
    w = np.zeros((1, len(CLASSES)))
    w[0, CLASSES.index(relation)] = weight
    bias = np.zeros(len(CLASSES))
    bias[CLASSES.index("NONE")] = 2.0
    return RelationModel(vocab={feature: 0}, weights=w, bias=bias, threshold=0.5)


# -- candidates and features ----------------------------------------------------------


def test_every_ordered_pair_of_actors_in_a_sentence(parse):  # type: ignore[no-untyped-def]
    doc = parse(BACKED)
    pairs = _pairs(doc)
    keys = {"gaz:houthis", "gaz:iran", "gaz:saudi-arabia"}
    assert set(pairs) == {(a, b) for a in keys for b in keys if a != b}
    c = pairs[("gaz:houthis", "gaz:iran")]
    assert (c.subject_type, c.object_type) == ("ArmedGroup", "Country")
    assert (c.start, c.end) == (0, len(BACKED))
    assert {"ts=ArmedGroup", "to=Country", "ord=so", "pcue=backedBy"} <= set(c.features)


def test_features_read_the_path_and_the_rules(parse):  # type: ignore[no-untyped-def]
    pairs = _pairs(parse(STRIKE))
    forces = "name:MilitaryForce:turkey armed forces"
    c = pairs[(forces, "gaz:hezbollah")]
    assert {"rule=attacked", "rulex=verb", "lcacue=attacked|nsubj|dobj"} <= set(c.features)
    assert "path=^nsubj vdobj vcompound" in c.features
    back = pairs[("gaz:hezbollah", forces)]
    assert "rrule=attacked" in back.features
    assert "rule=attacked" not in back.features
    assert "rule=NONE" in pairs[("gaz:beirut", "gaz:hezbollah")].features


def test_negation_is_a_feature(parse):  # type: ignore[no-untyped-def]
    c = _pairs(parse(DENIED))[("gaz:hamas", "gaz:israel")]
    assert "neg" in c.features
    assert "rule=NONE" in c.features


def test_features_are_deterministic(parse):  # type: ignore[no-untyped-def]
    first = list(sentence_candidates(parse(RIVALS)))
    again = list(sentence_candidates(parse(RIVALS)))
    assert first == again
    assert all(list(c.features) == sorted(set(c.features)) for c in first)


# -- gold labels ----------------------------------------------------------------------


@pytest.fixture
def gold_dir(tmp_path):  # type: ignore[no-untyped-def]
    entities = [
        {"name": "Russia", "type": "Country", "aliases": ["Russian", "Moscow"]},
        {"name": "Turkey", "type": "Country", "aliases": ["Turkish", "Ankara"]},
        {"name": "Syria", "type": "Country", "aliases": ["Syrian"]},
    ]
    facts = [
        {"article": "a.txt", "s": "Turkey", "r": "alliedWith", "o": "Russia", "evidence": TOGETHER},
        {"article": "a.txt", "s": "Russia", "r": "presentIn", "o": "Syria", "evidence": "later"},
    ]
    (tmp_path / "entities.jsonl").write_text("".join(json.dumps(e) + "\n" for e in entities))
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(f) + "\n" for f in facts))
    return tmp_path


def test_norm_is_the_scorers():  # type: ignore[no-untyped-def]
    assert norm("The U.S.") == "us"
    assert norm("Iran’s") == "iran"
    assert norm("Ḥamās") == "hamas"


def test_labels_from_gold(parse, gold_dir):  # type: ignore[no-untyped-def]
    doc = parse(TOGETHER)
    gold = load_gold(gold_dir)
    cands = list(sentence_candidates(doc))
    labels = label_candidates(doc.text, cands, doc._.actor_entities, gold.facts["a.txt"], gold)
    by_pair = {(c.subject, c.object): lab for c, lab in zip(cands, labels, strict=True)}
    # symmetric: both directions; the evidence sentence is this one
    assert by_pair[("gaz:russia", "gaz:turkey")] == ["alliedWith"]
    assert by_pair[("gaz:turkey", "gaz:russia")] == ["alliedWith"]
    # gold-related, but stated elsewhere: left out of training, not negative
    assert by_pair[("gaz:russia", "gaz:syria")] == [SKIP]
    assert by_pair[("gaz:syria", "gaz:turkey")] == []


# -- training -------------------------------------------------------------------------


def test_training_on_a_tiny_gold_predicts_its_pair(parse, gold_dir, tmp_path):  # type: ignore[no-untyped-def]
    gold = load_gold(gold_dir)
    doc = parse(TOGETHER)
    examples = doc_examples(doc, "a.txt", gold)
    model = fit(examples)
    assert model.threshold == 0.5  # one article: no cross-validation, lowest threshold
    facts = learned_facts(doc, model, load_schema())
    assert [(f.subject, f.relation, f.object) for f in facts] in (
        [("gaz:russia", "alliedWith", "gaz:turkey")],
        [("gaz:turkey", "alliedWith", "gaz:russia")],
    )
    # deterministic and saved exactly
    again = fit(doc_examples(doc, "a.txt", gold))
    assert np.array_equal(model.weights, again.weights)
    path = tmp_path / "w.npz"
    model.save(path)
    loaded = RelationModel.load(path)
    rows = [c.features for c in sentence_candidates(doc)]
    assert np.allclose(loaded.proba(rows), model.proba(rows))
    assert loaded.threshold == model.threshold and loaded.classes == CLASSES


# -- the component --------------------------------------------------------------------


def test_component_adds_facts_with_their_sentence(parse):  # type: ignore[no-untyped-def]
    doc = parse(TOGETHER)
    assert doc._.facts == []
    LearnedRelations(_model("path=vconj", "alliedWith"), load_schema())(doc)
    assert [(f.subject, f.relation, f.object) for f in doc._.facts] == [
        ("gaz:russia", "alliedWith", "gaz:turkey")
    ]
    fact = doc._.facts[0]
    assert fact.extractor == EXTRACTOR
    assert (fact.start, fact.end) == (0, len(TOGETHER))
    assert 0.5 <= fact.confidence <= 1.0


def test_component_respects_domain_and_range(parse):  # type: ignore[no-untyped-def]
    doc = parse(BACKED)
    before = list(doc._.facts)
    # leaderOf needs a person subject: nothing here fits
    LearnedRelations(_model("ord=so", "leaderOf"), load_schema())(doc)
    assert doc._.facts == before


def test_component_does_not_repeat_rule_facts(parse):  # type: ignore[no-untyped-def]
    doc = parse(RIVALS)
    before = list(doc._.facts)
    assert ("gaz:turkey", "opposes", "gaz:egypt") in {
        (f.subject, f.relation, f.object) for f in before
    }
    model = _model("path=^conj", "opposes")  # the reverse direction of the rule's fact
    assert learned_facts(doc, model, load_schema()) == []


def test_threshold_holds_back_unsure_facts(parse):  # type: ignore[no-untyped-def]
    doc = parse(TOGETHER)
    model = _model("path=vconj", "alliedWith", weight=2.5)  # p about 0.35
    assert learned_facts(doc, model, load_schema(), threshold=0.6) == []
    assert len(learned_facts(doc, model, load_schema(), threshold=0.3)) == 1


def test_packaged_weights_load():  # type: ignore[no-untyped-def]
    model = load_model()
    assert default_weights().stat().st_size < 2_000_000
    assert model.classes == CLASSES
    assert model.weights.shape == (len(model.vocab), len(CLASSES))
    assert 0.5 <= model.threshold <= 1.0


@pytest.mark.model
def test_pipeline_adds_the_scorer_only_when_asked(monkeypatch):  # type: ignore[no-untyped-def]
    from actorgraph.extractors.pipeline import LEARNED_ENV, load_pipeline

    monkeypatch.delenv(LEARNED_ENV, raising=False)
    assert "actor_learned" not in load_pipeline().pipe_names
    nlp = load_pipeline(learned=True)
    assert nlp.pipe_names[-1] == "actor_learned"
    doc = nlp(BACKED)
    assert all(f.start == 0 for f in doc._.facts)
