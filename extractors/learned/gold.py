"""Gold files (the format of the evaluation guidelines) and training labels for candidates.

A gold folder holds ``*.jsonl`` facts (``article``, ``s``, ``r``, ``o``, optional
``alt_s``/``alt_o``, ``evidence``) and ``entities.jsonl`` / ``new_entities*.jsonl``
(canonical ``name`` and ``aliases``). A system entity is mapped to a gold canonical
name by normalised name/alias match, the way the evaluation's scorer does it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import LocalEntity
from .features import PairCandidate

SYMMETRIC = frozenset({"alliedWith", "opposes"})
NONE = "NONE"
#: label of a candidate left out of training (gold-related pair outside the evidence)
SKIP = ""


def norm(text: str) -> str:
    """The scorer's name normalisation (accents, U.S. -> us, possessive 's, articles)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"(?<=\b[A-Za-z])\.", "", text)
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = re.sub(r"[’'`]s\b", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"^(the|a|an) ", "", text)
    return text


@dataclass
class Gold:
    """Gold facts per article and the alias table of canonical names."""

    alias: dict[str, str] = field(default_factory=dict)
    facts: dict[str, list[dict[str, object]]] = field(default_factory=lambda: defaultdict(list))

    def canonical(self, entity: LocalEntity) -> str | None:
        for name in (entity.label, *entity.aliases):
            hit = self.alias.get(norm(name))
            if hit:
                return hit
        return None


def load_gold(gold_dir: str | Path) -> Gold:
    """Read a gold folder; raises OSError/ValueError with the file name on bad input."""
    folder = Path(gold_dir)
    gold = Gold()
    entity_files = sorted(folder.glob("entities.jsonl")) + sorted(
        folder.glob("new_entities*.jsonl")
    )
    for f in entity_files:
        for rec in _records(f):
            for name in [rec["name"], *rec.get("aliases", [])]:
                gold.alias.setdefault(norm(str(name)), str(rec["name"]))
    for f in sorted(folder.glob("*.jsonl")):
        if f.name.startswith(("entities", "new_entities")):
            continue
        for rec in _records(f):
            gold.facts[str(rec["article"])].append(rec)
    return gold


def _records(path: Path) -> Iterable[dict[str, Any]]:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None


def _options(g: dict[str, object]) -> set[tuple[str, str, str]]:
    ss = [str(g["s"]), *map(str, g.get("alt_s") or [])]  # type: ignore[call-overload]
    oo = [str(g["o"]), *map(str, g.get("alt_o") or [])]  # type: ignore[call-overload]
    rel = str(g["r"])
    out = {(s, rel, o) for s in ss for o in oo}
    if rel in SYMMETRIC:
        out |= {(o, rel, s) for s in ss for o in oo}
    return out


def _evidence_spans(text: str, evidence: str) -> list[tuple[int, int]]:
    """Character ranges of the evidence in the article (whitespace-insensitive)."""
    words = evidence.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(w) for w in words)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def label_candidates(
    text: str,
    candidates: list[PairCandidate],
    entities: dict[str, LocalEntity],
    golds: list[dict[str, object]],
    gold: Gold,
) -> list[list[str]]:
    """Gold relations of each candidate: [] = negative; [SKIP] = left out of training.

    Positive when the article's gold has the pair with that relation and the
    candidate's sentence overlaps the gold evidence; a pair gold-related (either
    direction, any relation) in another sentence is left out rather than negative.
    """
    facts = []
    for g in golds:
        spans = _evidence_spans(text, str(g.get("evidence", "")))
        facts.append((_options(g), spans))
    related = {frozenset((s, o)) for opts, _ in facts for s, _, o in opts}
    labels: list[list[str]] = []
    for c in candidates:
        es, eo = entities.get(c.subject), entities.get(c.object)
        cs = gold.canonical(es) if es else None
        co = gold.canonical(eo) if eo else None
        if cs is None or co is None or cs == co:
            labels.append([])
            continue
        rels = []
        stated = False  # the sentence is evidence of a fact on this pair, either way
        for opts, spans in facts:
            if not any(a < c.end and c.start < b for a, b in spans):
                continue
            for s, r, o in opts:
                if (s, o) == (cs, co):
                    rels.append(r)
                if {s, o} == {cs, co}:
                    stated = True
        if rels:
            labels.append(sorted(set(rels)))
        elif frozenset((cs, co)) in related and not stated:
            labels.append([SKIP])
        else:
            labels.append([])
    return labels
