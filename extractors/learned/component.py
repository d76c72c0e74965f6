"""The ``actor_learned`` component: a learned scorer over every pair of actors in a sentence.

It runs after ``actor_relations`` (whose facts are features) and adds the facts
the model scores at or above its threshold that the rules did not already give
for that sentence. Domain and range of the ontology are respected; the
confidence of a learned fact is the model's probability.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from actorgraph.ontology import Schema, load_schema

from ..records import ExtractedFact
from ..resolve import ensure_extensions
from ..version import ModelLoadError
from .features import sentence_candidates
from .gold import NONE, SYMMETRIC
from .model import RelationModel

EXTRACTOR = "learned"
WEIGHTS_FILE = "weights.npz"


class ModelFileError(ModelLoadError):
    """The weights file of the learned scorer cannot be read."""


def default_weights() -> Path:
    """The weights shipped in the package."""
    return Path(str(files(__package__).joinpath(WEIGHTS_FILE)))


def load_model(path: str | Path | None = None) -> RelationModel:
    """Load weights (the packaged ones when ``path`` is None)."""
    target = Path(path) if path else default_weights()
    try:
        return RelationModel.load(target)
    except (OSError, KeyError, ValueError) as exc:
        raise ModelFileError(
            f"cannot read learned-scorer weights {target} ({exc}); retrain them with "
            f"`actorgraph train --gold DIR --articles DIR -o FILE`"
        ) from None


def learned_facts(
    doc: Doc, model: RelationModel, schema: Schema, threshold: float | None = None
) -> list[ExtractedFact]:
    """Facts the model adds to the rules' ``doc._.facts`` (those are not repeated)."""
    cut = model.threshold if threshold is None else threshold
    if cut >= 1.0:
        return []  # a model whose cross-validation found no safe threshold never fires
    cands = list(sentence_candidates(doc))
    if not cands:
        return []
    have = {(f.subject, f.relation, f.object, f.start) for f in doc._.facts or []}
    have |= {
        (f.object, f.relation, f.subject, f.start)
        for f in doc._.facts or []
        if f.relation in SYMMETRIC
    }
    proba = model.proba([c.features for c in cands])
    out: dict[tuple[str, str, str, int], ExtractedFact] = {}
    for c, row in zip(cands, proba, strict=True):
        for j, p in enumerate(row):
            rel = model.classes[j]
            if rel == NONE or p < cut or not schema.fits(rel, c.subject_type, c.object_type):
                continue
            key = (c.subject, rel, c.object, c.start)
            back = (c.object, rel, c.subject, c.start)
            if key in have or (rel in SYMMETRIC and back in have):
                continue
            if rel in SYMMETRIC and back in out:
                if out[back].confidence >= p:
                    continue
                del out[back]
            out[key] = ExtractedFact(
                c.subject, rel, c.object, c.start, c.end, EXTRACTOR, round(float(p), 3)
            )
    return sorted(out.values(), key=lambda f: (f.start, f.subject, f.relation, f.object))


class LearnedRelations:
    """Adds the learned scorer's facts to ``doc._.facts``."""

    def __init__(
        self, model: RelationModel, schema: Schema, threshold: float | None = None
    ) -> None:
        self.model = model
        self.schema = schema
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        ensure_extensions()
        new = learned_facts(doc, self.model, self.schema, self.threshold)
        if new:
            doc._.facts = sorted(
                [*(doc._.facts or []), *new],
                key=lambda f: (f.start, f.subject, f.relation, f.object),
            )
        return doc


@Language.factory(
    "actor_learned",
    requires=["doc.spans", "doc._.actor_entities", "doc._.facts"],
    assigns=["doc._.facts"],
    default_config={"weights": None, "threshold": None},
)
def make_actor_learned(
    nlp: Language, name: str, weights: str | None, threshold: float | None
) -> LearnedRelations:
    ensure_extensions()
    return LearnedRelations(load_model(weights), load_schema(), threshold)
