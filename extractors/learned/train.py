"""Training data from gold articles, fitting, and the threshold chosen by cross-validation.

Every function takes already processed Docs (the pipeline with the rule
component, learned component off), so callers decide how articles are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from actorgraph.ontology import load_schema

from .features import PairCandidate, sentence_candidates
from .gold import NONE, SKIP, Gold, label_candidates
from .model import RelationModel, train

#: thresholds tried when choosing the decision threshold
GRID = tuple(round(0.5 + 0.05 * k, 2) for k in range(10))
TARGET_PRECISION = 0.8


@dataclass(frozen=True, slots=True)
class Example:
    """One candidate of one article with its gold relations and the rules' relations."""

    article: str
    candidate: PairCandidate
    gold: tuple[str, ...]  #: [] negative, [SKIP] left out
    rules: frozenset[str]  #: relations the rule patterns gave this pair in this sentence


def doc_examples(doc: Doc, article: str, gold: Gold) -> list[Example]:
    """Candidates of one processed Doc, labelled from the article's gold facts."""
    cands = list(sentence_candidates(doc))
    labels = label_candidates(
        doc.text, cands, doc._.actor_entities or {}, gold.facts.get(article, []), gold
    )
    ruled: dict[tuple[str, str, int], set[str]] = {}
    for f in doc._.facts or []:
        ruled.setdefault((f.subject, f.object, f.start), set()).add(f.relation)
    return [
        Example(article, c, tuple(lab), frozenset(ruled.get((c.subject, c.object, c.start), ())))
        for c, lab in zip(cands, labels, strict=True)
    ]


def training_rows(examples: Iterable[Example]) -> tuple[list[tuple[str, ...]], list[str]]:
    """Feature rows and class names; a candidate with two gold relations gives two rows."""
    rows: list[tuple[str, ...]] = []
    labels: list[str] = []
    for ex in examples:
        if SKIP in ex.gold:
            continue
        for lab in ex.gold or (NONE,):
            rows.append(ex.candidate.features)
            labels.append(lab)
    return rows, labels


def fit(
    examples: Sequence[Example],
    *,
    extra: Sequence[Example] = (),
    folds: int = 5,
    **kw: float,
) -> RelationModel:
    """Train on every example; the threshold comes from article-level cross-validation.

    ``extra`` examples (e.g. CoNLL04) are always trained on and never scored.
    """
    rows, labels = training_rows([*examples, *extra])
    model = train(rows, labels, **kw)  # type: ignore[arg-type]
    model.threshold = choose_threshold(examples, extra=extra, folds=folds, **kw)
    model.meta = {
        "articles": sorted({ex.article for ex in examples}),
        "extra_examples": len(extra),
        "rows": len(rows),
        "positives": sum(lab != NONE for lab in labels),
        "features": len(model.vocab),
    }
    return model


def choose_threshold(
    examples: Sequence[Example],
    *,
    extra: Sequence[Example] = (),
    folds: int = 5,
    **kw: float,
) -> float:
    """Lowest threshold whose new facts (not found by the rules) reach the target precision
    on held-out articles; 1.0 (never fire) when none does."""
    articles = sorted({ex.article for ex in examples})
    if len(articles) < 2:
        return GRID[0]
    k = min(folds, len(articles))
    fold_of = {a: i % k for i, a in enumerate(articles)}
    schema = load_schema()
    scored: list[tuple[float, bool]] = []  # (probability, correct) of each new prediction
    for fold in range(k):
        train_ex = [ex for ex in examples if fold_of[ex.article] != fold]
        test_ex = [ex for ex in examples if fold_of[ex.article] == fold and SKIP not in ex.gold]
        if not test_ex or not train_ex:
            continue
        rows, labels = training_rows([*train_ex, *extra])
        model = train(rows, labels, **kw)  # type: ignore[arg-type]
        proba = model.proba([ex.candidate.features for ex in test_ex])
        for ex, row in zip(test_ex, proba, strict=True):
            for j in np.argsort(-row):
                rel = model.classes[j]
                if row[j] < GRID[0]:
                    break
                if rel == NONE or rel in ex.rules:
                    continue
                c = ex.candidate
                if not schema.fits(rel, c.subject_type, c.object_type):
                    continue
                scored.append((float(row[j]), rel in ex.gold))
    for t in GRID:
        hits = [ok for p, ok in scored if p >= t]
        if len(hits) >= 3 and sum(hits) / len(hits) >= TARGET_PRECISION:
            return t
    return 1.0
