"""``actor_learned``: a relation scorer learned from gold articles (off by default).

Candidates are every ordered pair of resolved actors in a sentence
(:mod:`.features`); a multinomial logistic regression (:mod:`.model`, numpy
only) scores the 16 relations and NONE; the component (:mod:`.component`) adds
the facts it is confident of to the rules' facts. Labels come from gold files
(:mod:`.gold`), training and the threshold from :mod:`.train`; ``actorgraph
train`` reproduces the packaged weights, and :mod:`.crossval` runs the
leave-one-conflict-out comparison with the rules alone.
"""

from .component import (
    EXTRACTOR,
    LearnedRelations,
    ModelFileError,
    default_weights,
    learned_facts,
    load_model,
    make_actor_learned,
)
from .features import PairCandidate, pair_features, sentence_candidates
from .gold import Gold, label_candidates, load_gold, norm
from .model import CLASSES, RelationModel
from .train import Example, choose_threshold, doc_examples, fit, training_rows

__all__ = [
    "CLASSES",
    "EXTRACTOR",
    "Example",
    "Gold",
    "LearnedRelations",
    "ModelFileError",
    "PairCandidate",
    "RelationModel",
    "choose_threshold",
    "default_weights",
    "doc_examples",
    "fit",
    "label_candidates",
    "learned_facts",
    "load_gold",
    "load_model",
    "make_actor_learned",
    "norm",
    "pair_features",
    "sentence_candidates",
    "training_rows",
]
