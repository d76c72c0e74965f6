"""A build (or the pipeline) and gold facts -> precision, recall, F1 (project gold, CoNLL04)."""

from .conll04 import evaluate_conll04, format_conll04
from .gold import format_score, load_gold, score

__all__ = ["evaluate_conll04", "format_conll04", "format_score", "load_gold", "score"]
