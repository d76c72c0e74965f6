"""CoNLL04 sentences (the SpERT JSON layout) as extra training examples.

CoNLL04 relations map to ours by the argument types our pipeline gives:
``Kill`` -> attacked, ``Located_In`` -> locatedIn, ``OrgBased_In`` -> presentIn
(locatedIn for a place or facility), ``Work_For`` -> the rules' person-organisation
relation for the pair when they found one, else leaderOf when a head title
(``TITLE_RELATIONS``) is on the path, else affiliatedWith. ``Live_In`` is left
out. A pair of two CoNLL04 entities with no relation is negative; a pair with an
argument CoNLL04 does not annotate is left out (it may hold one of our other
relations).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .features import sentence_candidates
from .gold import SKIP
from .train import Example

_PLACES = frozenset({"Place", "Facility", "Country"})
_WORK = frozenset({"memberOf", "leaderOf", "affiliatedWith"})


def load_sentences(path: str | Path) -> list[dict[str, Any]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of sentences")
    return data


def conll04_examples(nlp: Language, path: str | Path, *, limit: int | None = None) -> list[Example]:
    """Labelled candidates of the CoNLL04 sentences in ``path``."""
    sentences = load_sentences(path)[:limit]
    texts = [" ".join(s["tokens"]) for s in sentences]
    out: list[Example] = []
    for n, (sent, doc) in enumerate(zip(sentences, nlp.pipe(texts), strict=True)):
        out += _examples(f"conll04#{n}", sent, doc)
    return out


def _examples(name: str, sent: dict[str, Any], doc: Doc) -> Iterable[Example]:
    offsets, pos = [], 0
    for tok in sent["tokens"]:
        offsets.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    ents = [(offsets[e["start"]][0], offsets[e["end"] - 1][1]) for e in sent["entities"]]
    rels = {(r["head"], r["tail"]): r["type"] for r in sent["relations"]}
    mentions: dict[str, list[tuple[int, int]]] = {}
    for span in doc.spans.get("actors", []):
        mentions.setdefault(span.kb_id_, []).append((span.start_char, span.end_char))
    ruled: dict[tuple[str, str], set[str]] = {}
    for f in doc._.facts or []:
        ruled.setdefault((f.subject, f.object), set()).add(f.relation)

    def gold_ids(key: str) -> set[int]:
        return {
            i for i, (a, b) in enumerate(ents) for s, e in mentions.get(key, []) if s < b and a < e
        }

    for c in sentence_candidates(doc):
        hs, ts = gold_ids(c.subject), gold_ids(c.object)
        rules = ruled.get((c.subject, c.object), set())
        if not hs or not ts:
            label: tuple[str, ...] = (SKIP,)
        else:
            kinds = {rels[(h, t)] for h in hs for t in ts if (h, t) in rels}
            label = tuple(sorted(_ours(k, c.subject_type, rules, c.features) for k in kinds))
            if "" in label:
                label = (SKIP,)
        yield Example(name, c, label, frozenset(rules))


def _ours(kind: str, subject_type: str, rules: set[str], features: tuple[str, ...]) -> str:
    if kind == "Kill":
        return "attacked"
    if kind == "Located_In":
        return "locatedIn"
    if kind == "OrgBased_In":
        return "locatedIn" if subject_type in _PLACES else "presentIn"
    if kind == "Work_For":
        found = sorted(rules & _WORK)
        if found:
            return found[0]
        return "leaderOf" if "pcue=leaderOf" in features else "affiliatedWith"
    return ""
