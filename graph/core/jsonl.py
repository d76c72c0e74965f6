"""JSON Lines exports of the merged graph: one fact per (article, fact), one entity per line."""

from __future__ import annotations

import json
from collections.abc import Iterator

from actorgraph.extractors.records import Edge, Entity, Evidence, KnowledgeGraph

TRIPLE_KEYS = (
    "article",
    "subject",
    "subject_id",
    "subject_aliases",
    "relation",
    "object",
    "object_id",
    "object_aliases",
    "sentence",
    "start",
    "end",
    "extractor",
    "confidence",
)


def triple_records(kg: KnowledgeGraph) -> Iterator[dict[str, object]]:
    """One record per (article, fact): the article's best-supported sentence for it."""
    for edge in kg.edges:
        yield from edge_records(edge, kg.entities[edge.subject], kg.entities[edge.object])


def edge_records(edge: Edge, s: Entity, o: Entity) -> Iterator[dict[str, object]]:
    """The records of one fact (see :func:`triple_records`); ``s`` and ``o``: its entities."""
    best: dict[str, Evidence] = {}
    for ev in edge.evidence:
        cur = best.get(ev.article)
        if cur is None or ev.confidence > cur.confidence:
            best[ev.article] = ev
    for article in sorted(best):
        ev = best[article]
        yield {
            "article": article,
            "subject": s.label,
            "subject_id": s.id,
            "subject_aliases": list(s.aliases),
            "relation": edge.relation,
            "object": o.label,
            "object_id": o.id,
            "object_aliases": list(o.aliases),
            "sentence": ev.sentence,
            "start": ev.start,
            "end": ev.end,
            "extractor": ev.extractor,
            "confidence": ev.confidence,
        }


def entity_records(kg: KnowledgeGraph) -> Iterator[dict[str, object]]:
    for e in sorted(kg.entities.values(), key=lambda e: e.id):
        yield entity_record(e)


def entity_record(e: Entity) -> dict[str, object]:
    """The entities.jsonl record of one entity."""
    return {
        "id": e.id,
        "label": e.label,
        "type": e.type,
        "aliases": list(e.aliases),
        "mentions": e.mentions,
        "articles": list(e.articles),
    }


def jsonl(records: Iterator[dict[str, object]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in records)
