"""The neighbourhood of one actor, found by its label or any alias: an ego graph."""

from __future__ import annotations

import difflib
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence

from actorgraph.extractors.records import Edge, Entity, KnowledgeGraph
from actorgraph.graph.core.names import match_names
from actorgraph.graph.core.names import squash as _squash

from .styles import _FAMILY_OF

__all__ = ["ego_graph", "support"]


def ego_graph(
    kg: KnowledgeGraph,
    name: str,
    *,
    hops: int = 1,
    min_support: int = 1,
    relations: Sequence[str] | None = None,
) -> KnowledgeGraph:
    """The neighbourhood of one actor, found by its label or any alias.

    Names match ignoring case, accents and punctuation (``kataib hezbollah``
    finds ``Kata'ib Hezbollah``). Edges are followed in both directions.

    Args:
        kg: the merged graph.
        name: label or alias of the actor at the centre.
        hops: how many edges away from the centre to go (0: the actor alone).
        min_support: keep only edges with at least this many evidence sentences.
        relations: keep only these relations (``None``: all).

    Returns:
        A graph of the reached actors, every kept edge between them, and the
        articles they cite.

    Raises:
        LookupError: no actor has that name; the message lists close matches.
        ValueError: ``hops`` < 0, ``min_support`` < 1 or an unknown relation.
    """
    if hops < 0:
        raise ValueError(f"hops must be >= 0, not {hops}")
    if min_support < 1:
        raise ValueError(f"min_support must be >= 1, not {min_support}")
    wanted = _check_relations(kg, relations)
    centre = _find_entity(kg, name)
    usable = [
        e
        for e in _drawable_edges(kg)
        if support(e) >= min_support and (wanted is None or e.relation in wanted)
    ]
    reached = _bfs(centre.id, usable, hops)
    kept = tuple(e for e in usable if e.subject in reached and e.object in reached)
    entities = {iri: kg.entities[iri] for iri in sorted(reached)}
    cited = {a for ent in entities.values() for a in ent.articles}
    cited |= {ev.article for e in kept for ev in e.evidence}
    articles = tuple(
        a for a in kg.articles if a.name in cited or any(n in cited for n in a.also_named)
    )
    return KnowledgeGraph(entities=entities, edges=kept, articles=articles)


def support(edge: Edge) -> int:
    """How many evidence sentences support ``edge``."""
    return len(edge.evidence)


def _check_relations(kg: KnowledgeGraph, relations: Sequence[str] | None) -> frozenset[str] | None:
    """Validate a relation filter against known relations and those in ``kg``."""
    if relations is None:
        return None
    if isinstance(relations, str):
        relations = [relations]
    known = set(_FAMILY_OF) | {e.relation for e in kg.edges}
    unknown = sorted(set(relations) - known)
    if unknown:
        raise ValueError(
            f"unknown relation(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    return frozenset(relations)


def _find_entity(kg: KnowledgeGraph, name: str) -> Entity:
    """The entity ``name`` names (:func:`~actorgraph.graph.core.names.match_names`): its
    label, an alias, or the gazetteer's alias; among several, the most mentioned."""
    found = match_names(name, ((e.id, e.label, e.aliases) for e in kg.entities.values()))
    if not found:
        raise LookupError(_no_match_message(kg, name, _squash(name)))
    ranked = [kg.entities[iri] for _, iri in found]
    return min(ranked, key=lambda e: (-e.mentions, -len(e.articles), e.id))


def _no_match_message(kg: KnowledgeGraph, name: str, key: str) -> str:
    """A helpful 'not found' message listing the closest actor names."""
    labels: dict[str, str] = {}
    for ent in sorted(kg.entities.values(), key=lambda e: e.id):
        for form in (ent.label, *ent.aliases):
            labels.setdefault(_squash(form), f"{ent.label} ({ent.type})")
    close = difflib.get_close_matches(key, list(labels), n=5, cutoff=0.6) if key else []
    close += sorted(k for k in labels if key and len(key) >= 3 and key in k and k not in close)
    names = list(dict.fromkeys(labels[k] for k in close))[:8]
    msg = f"no actor named {name!r} among {len(kg.entities)} actors"
    return f"{msg}; did you mean: {'; '.join(names)}?" if names else msg


def _bfs(start: str, edges: Iterable[Edge], hops: int) -> set[str]:
    """Entities at most ``hops`` undirected steps from ``start``."""
    adjacent: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        adjacent[e.subject].add(e.object)
        adjacent[e.object].add(e.subject)
    seen = {start}
    queue = deque([(start, 0)])
    while queue:
        node, depth = queue.popleft()
        if depth == hops:
            continue
        for other in sorted(adjacent[node] - seen):
            seen.add(other)
            queue.append((other, depth + 1))
    return seen


def _drawable_edges(kg: KnowledgeGraph) -> list[Edge]:
    """Edges whose two ends are in the graph, in a stable order."""
    edges = [e for e in kg.edges if e.subject in kg.entities and e.object in kg.entities]
    return sorted(edges, key=lambda e: (e.subject, e.relation, e.object, e.id))
