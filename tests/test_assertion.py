"""No facts from what is not asserted: questions, negations, denials, conditionals,
hypotheticals, plans, "should", futures (GUIDELINES: "Not annotated").

tests/data/assertion_sentences.jsonl holds sentences written for this test, each naming
two actors with a cue the extractor would otherwise read; ``expect`` lists what may come
out: nothing for the unasserted ones, the threat only for "threatened to attack", the
charge only for acts reported "according to" a party or said in an accusation, the
asserted conjunct only for the "mixed" ones, and the relation of the positive controls
(plain assertions showing the set is not empty by construction). Their parses are in
tests/data/parses_assertion.jsonl (tests/record_parses.py).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

import pytest
from conftest import DATA, make_doc

from actorgraph.extractors.entities import ActorRuler, ActorTyper
from actorgraph.extractors.relations import RelationExtractor, assertion_factor
from actorgraph.extractors.resolve import ActorResolver
from actorgraph.ontology import load_schema

RECORDS = [
    json.loads(line)
    for line in (DATA / "assertion_sentences.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
UNASSERTED = [r for r in RECORDS if r["kind"] not in {"positive", "threat", "mixed"}]
POSITIVE = [r for r in RECORDS if r["kind"] == "positive"]

#: facts that still come out of unasserted sentences, from patterns that do not consult
#: assertion_factor (other families' files; see the report of this test set). A fix there
#: makes the entry unneeded; a new leak fails the test.
KNOWN_LEAKS = {
    # places.locatives ("presence"): "the Wagner Group in Libya" under "may have backed";
    # arguably presupposed, arguably hypothetical
    "Russia may have backed the Wagner Group in Libya.",
}
#: positive controls no pattern reads yet (recall gaps of other families)
KNOWN_MISSES = {
    "Greece allied with Egypt.",  # verbs: "ally with" as a verb
    "Al Tanf is located in Syria.",  # places: copular "is located in"
    "Ahmed Karimi is the leader of Hezbollah.",  # titles: copular "X is the leader of Y"
}

Facts = set[tuple[str, str, str]]


@pytest.fixture(scope="module")
def run(gazetteer, vocab) -> Callable[[str], Facts]:  # type: ignore[no-untyped-def]
    components = [
        ActorRuler(gazetteer),
        ActorTyper(),
        ActorResolver(gazetteer),
        RelationExtractor(load_schema()),
    ]

    def _run(text: str) -> Facts:
        doc = make_doc(vocab, text)
        for c in components:
            doc = c(doc)
        ents = doc._.actor_entities
        return {(ents[f.subject].label, f.relation, ents[f.object].label) for f in doc._.facts}

    return _run


def _wrong(record: dict[str, object], facts: Facts) -> str | None:
    """Why the facts of one sentence are wrong, or ``None``."""
    rels = {r for _, r, _ in facts}
    expect = set(record["expect"])  # type: ignore[call-overload]
    kind = record["kind"]
    if kind == "positive":
        return None if expect <= rels else f"missed {expect - rels}"
    if kind in {"threat", "attributed", "accusation"}:
        # "threatened to attack Y": the threat is a fact, the attack is not; "X trains Y,
        # according to Z" and "Z accused X of arming Y": Z's charge is, the act is not
        return None if rels <= expect else f"leaked {facts}"
    if kind == "mixed":
        return None if rels == expect else f"expected only {expect}, got {facts}"
    return f"leaked {facts}" if facts else None


def _check(records: list[dict[str, object]], facts_of: Callable[[str], Facts]) -> None:
    leaks: Counter[str] = Counter()
    problems = []
    for r in records:
        why = _wrong(r, facts_of(str(r["text"])))
        if why is None:
            continue
        leaks[str(r["kind"])] += 1
        known = KNOWN_MISSES if r["kind"] == "positive" else KNOWN_LEAKS
        if r["text"] not in known:
            problems.append(f"{r['kind']}: {r['text']} -> {why}")
    total = len([r for r in records if r["kind"] != "positive"])
    print(f"\nassertion set: {total} unasserted/mixed sentences, {len(POSITIVE)} positive controls")
    print(f"wrong by kind (known ones included): {dict(leaks) or 'none'}")
    assert not problems, "\n".join(problems)


def test_the_set_is_large_and_varied():
    kinds = Counter(str(r["kind"]) for r in UNASSERTED)
    assert len(UNASSERTED) >= 80
    assert len(POSITIVE) >= 20
    for kind in ("question", "negation", "denial", "conditional", "hypothetical", "plan"):
        assert kinds[kind] >= 8, kind
    assert kinds["should"] >= 5 and kinds["future"] >= 5


def test_every_sentence_has_a_recorded_parse():
    from conftest import PARSES

    assert [r["text"] for r in RECORDS if r["text"] not in PARSES] == []


def test_no_fact_from_unasserted_sentences(run):  # type: ignore[no-untyped-def]
    _check(RECORDS, run)


def test_positive_controls_are_read(run):  # type: ignore[no-untyped-def]
    found = [r for r in POSITIVE if _wrong(r, run(str(r["text"]))) is None]
    assert len(found) >= 20, "the positive controls should mostly come out"


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Egypt no longer backs Hamas.", "backs", 0.0),
        ("Neither Egypt nor Libya backed the Wagner Group.", "backed", 0.0),
        ("Lebanon refused to condemn Hezbollah.", "condemn", 0.0),
        ("Iran denied backing the Houthis.", "backing", 0.0),
        ("Russia rejected claims that it backs the Wagner Group.", "backs", 0.0),
        ("Turkey is going to attack Syria.", "attack", 0.0),
        ("Russia may have backed the Wagner Group in Libya.", "backed", 0.0),
        ("Britain will sanction Iran next week.", "sanction", 0.0),
        ("Hezbollah threatened to attack Israel.", "attack", 0.0),
        ("Hezbollah threatened to attack Israel.", "threatened", 1.0),
        ("Hezbollah continued to attack Israel.", "attack", 1.0),
        ("Iran may continue to back the Houthis.", "back", 1.0),
        ("Israel did not attack Hamas but threatened Hezbollah.", "threatened", 1.0),
        ("Iran not only backs the Houthis but also arms Hezbollah.", "backs", 1.0),
        ("Israel attacked Hezbollah on Sunday.", "attacked", 1.0),
    ],
)
def test_assertion_factor_of_one_verb(vocab, text: str, word: str, expected: float):  # type: ignore[no-untyped-def]
    doc = make_doc(vocab, text)
    verb = next(t for t in doc if t.text == word)
    assert assertion_factor(verb) == expected


@pytest.mark.model
def test_no_fact_from_unasserted_sentences_with_the_real_pipeline(nlp):  # type: ignore[no-untyped-def]
    texts = [str(r["text"]) for r in RECORDS]
    docs = dict(zip(texts, nlp.pipe(texts), strict=True))

    def facts_of(text: str) -> Facts:
        doc = docs[text]
        ents = doc._.actor_entities
        return {(ents[f.subject].label, f.relation, ents[f.object].label) for f in doc._.facts}

    _check(RECORDS, facts_of)
