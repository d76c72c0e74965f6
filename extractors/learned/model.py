"""Multinomial logistic regression over binary string features, numpy only.

Training is full-batch Adam from zero weights, so the same data gives the
same weights bit for bit. Weights are saved as a compressed ``.npz`` with the
feature vocabulary, the classes and the decision threshold.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from actorgraph.ontology import RELATIONS

from .gold import NONE

CLASSES: tuple[str, ...] = (NONE, *RELATIONS)


@dataclass
class RelationModel:
    """Feature vocabulary, weights (features x classes), bias, classes and threshold."""

    vocab: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    classes: tuple[str, ...] = CLASSES
    threshold: float = 0.5
    meta: dict[str, object] = field(default_factory=dict)

    def proba(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities, one row per candidate's features."""
        idx, ptr = _encode(rows, self.vocab)
        return _softmax(_scores(idx, ptr, self.weights, self.bias))

    def save(self, path: str | Path) -> None:
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        with open(path, "wb") as fh:
            np.savez_compressed(
                fh,
                vocab=np.array(names, dtype=str),
                weights=self.weights.astype(np.float32),
                bias=self.bias.astype(np.float32),
                classes=np.array(self.classes, dtype=str),
                threshold=np.array(self.threshold, dtype=np.float64),
                meta=np.array(json.dumps(self.meta, sort_keys=True), dtype=str),
            )

    @classmethod
    def load(cls, path: str | Path) -> RelationModel:
        with np.load(path, allow_pickle=False) as z:
            names = [str(v) for v in z["vocab"]]
            return cls(
                vocab={n: i for i, n in enumerate(names)},
                weights=z["weights"].astype(np.float64),
                bias=z["bias"].astype(np.float64),
                classes=tuple(str(c) for c in z["classes"]),
                threshold=float(z["threshold"]),
                meta=json.loads(str(z["meta"])),
            )


def _encode(rows: Sequence[Sequence[str]], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """CSR-like encoding of binary features: column indices and row pointers."""
    idx: list[int] = []
    ptr = [0]
    for feats in rows:
        idx.extend(vocab[f] for f in feats if f in vocab)
        ptr.append(len(idx))
    return np.asarray(idx, dtype=np.int64), np.asarray(ptr, dtype=np.int64)


def _scores(idx: np.ndarray, ptr: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    n = len(ptr) - 1
    out = np.tile(b, (n, 1))
    rows = np.repeat(np.arange(n), np.diff(ptr))
    np.add.at(out, rows, w[idx])
    return out


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


def train(
    rows: Sequence[Sequence[str]],
    labels: Sequence[str],
    *,
    l2: float = 1e-3,
    steps: int = 300,
    rate: float = 0.05,
    min_count: int = 2,
) -> RelationModel:
    """Fit the model on candidates' features and their class names (deterministic)."""
    counts = Counter(f for feats in rows for f in set(feats))
    names = sorted(f for f, c in counts.items() if c >= min_count)
    vocab = {f: i for i, f in enumerate(names)}
    cidx = {c: i for i, c in enumerate(CLASSES)}
    y = np.asarray([cidx[lab] for lab in labels], dtype=np.int64)
    idx, ptr = _encode(rows, vocab)
    n, k = len(rows), len(CLASSES)
    rows_of = np.repeat(np.arange(n), np.diff(ptr))
    w = np.zeros((len(vocab), k))
    b = np.zeros(k)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    m_w, v_w = np.zeros_like(w), np.zeros_like(w)
    m_b, v_b = np.zeros_like(b), np.zeros_like(b)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        p = _softmax(_scores(idx, ptr, w, b))
        g = (p - onehot) / n
        g_w = np.zeros_like(w)
        np.add.at(g_w, idx, g[rows_of])
        g_w += l2 * w
        g_b = g.sum(axis=0)
        for param, grad, m, v in ((w, g_w, m_w, v_w), (b, g_b, m_b, v_b)):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            mhat = m / (1 - beta1**t)
            vhat = v / (1 - beta2**t)
            param -= rate * mhat / (np.sqrt(vhat) + eps)
    return RelationModel(vocab=vocab, weights=w, bias=b)
