"""The pyvis network: one node per actor, one edge per fact, with the data the page shows."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from pyvis.network import Network

from actorgraph.extractors.records import Edge, Entity
from actorgraph.graph.core.names import gazetteer_names, squash

from .ego import support
from .styles import _CENTRE_STYLE, _OTHER_TYPE_STYLE, FAMILY_COLORS, TYPE_STYLES, _family, _shade

__all__ = ["MAX_EVIDENCE", "PHYSICS_MAX_NODES"]

#: above this many nodes, "auto" precomputes positions and turns physics off.
PHYSICS_MAX_NODES = 300
#: tooltips show at most this many evidence sentences per relation.
MAX_EVIDENCE = 5
_MAX_ALIASES = 25
_MAX_ARTICLES = 20


def _node_sizes(scores: Mapping[str, float], n: int) -> dict[str, float]:
    """Node sizes in pixels, growing with the square root of the score."""
    small, large = (12.0, 42.0) if n <= PHYSICS_MAX_NODES else (7.0, 30.0)
    top = max(scores.values(), default=0.0)
    if top <= 0 or not math.isfinite(top):
        return dict.fromkeys(scores, small)
    return {
        k: round(small + (large - small) * math.sqrt(max(v, 0.0) / top), 1)
        for k, v in scores.items()
    }


def _build_network(
    entities: Sequence[Entity],
    edges: Sequence[Edge],
    scores: Mapping[str, float],
    positions: Mapping[str, tuple[int, int]] | None,
    centre: str | None = None,
) -> Any:
    """A pyvis Network with one node per entity and one edge per fact.

    An actor in no fact is marked ``ag.isolated`` (the page hides those by
    default); the ``centre`` of an ego page is drawn larger and outlined.
    """
    net = Network(directed=True)
    sizes = _node_sizes(scores, len(entities))
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        degree[e.subject] += 1
        degree[e.object] += 1
    for ent in entities:
        extra: dict[str, Any] = {}
        if positions is not None:
            extra.update(zip("xy", positions[ent.id], strict=True))
        meta = _node_meta(ent, scores[ent.id], degree[ent.id])
        meta["isolated"] = degree[ent.id] == 0 and ent.id != centre
        size, color = sizes[ent.id], _node_color(ent.type)
        if ent.id == centre:
            meta["centre"] = True
            size = max(size, 42.0) + 8.0
            color["border"] = "#111827"
            extra.update(_CENTRE_STYLE)
        net.add_node(
            ent.id,
            label=ent.label or ent.id,
            shape=TYPE_STYLES.get(ent.type, _OTHER_TYPE_STYLE)[1],
            color=color,
            size=size,
            ag=meta,
            **extra,
        )
    curves = _edge_curves(edges)
    for i, edge in enumerate(edges):
        net.add_edge(edge.subject, edge.object, **_edge_options(f"e{i}", edge, curves[i]))
    return net


def _node_color(entity_type: str) -> dict[str, Any]:
    """vis-network colour object for an entity type."""
    fill = TYPE_STYLES.get(entity_type, _OTHER_TYPE_STYLE)[0]
    border = _shade(fill, 0.35)
    return {
        "background": fill,
        "border": border,
        "highlight": {"background": fill, "border": "#111827"},
        "hover": {"background": fill, "border": "#111827"},
    }


def _node_meta(ent: Entity, score: float, degree: int) -> dict[str, Any]:
    """Data shown in a node's tooltip and detail panel."""
    aliases = sorted(set(ent.aliases) - {ent.label})
    articles = sorted(set(ent.articles))
    seen = {squash(n) for n in (ent.label, *aliases[:_MAX_ALIASES])}
    more = (*aliases[_MAX_ALIASES:], *gazetteer_names(ent.id))
    return {
        "type": ent.type,
        "aliases": aliases[:_MAX_ALIASES],
        "moreAliases": max(len(aliases) - _MAX_ALIASES, 0),
        # for search only: the other names (aliases past the shown ones, the gazetteer's)
        "knownAs": sorted({n for n in more if squash(n) not in seen}),
        "articles": articles[:_MAX_ARTICLES],
        "nArticles": len(articles),
        "mentions": ent.mentions,
        "degree": degree,
        "score": _finite(score, 6),
    }


def _edge_curves(edges: Sequence[Edge]) -> list[dict[str, Any] | None]:
    """Per-edge curvature so that parallel and opposite edges do not overlap."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, e in enumerate(edges):
        groups[(min(e.subject, e.object), max(e.subject, e.object))].append(i)
    curves: list[dict[str, Any] | None] = [None] * len(edges)
    for (low, _), members in groups.items():
        offset = len(members) % 2  # an odd group keeps one straight edge
        for rank, i in enumerate(members[offset:]):
            clockwise = rank % 2 == 0
            if edges[i].subject != low:  # curvedCW is relative to the edge's direction
                clockwise = not clockwise
            roundness = round(0.18 + 0.14 * (rank // 2), 2)
            kind = "curvedCW" if clockwise else "curvedCCW"
            curves[i] = {"enabled": True, "type": kind, "roundness": roundness}
    return curves


def _edge_options(edge_id: str, edge: Edge, curve: dict[str, Any] | None) -> dict[str, Any]:
    """pyvis ``add_edge`` options for one fact."""
    color = FAMILY_COLORS[_family(edge.relation)]
    n = support(edge)
    options: dict[str, Any] = {
        "id": edge_id,
        "label": edge.relation,
        "width": round(min(1.0 + 1.4 * math.log2(max(n, 1)), 8.0), 2),
        "color": {"color": color, "highlight": color, "hover": color, "opacity": 0.85},
        "ag": _edge_meta(edge),
    }
    if curve is not None:
        options["smooth"] = curve
    return options


def _edge_meta(edge: Edge) -> dict[str, Any]:
    """Data shown in an edge's tooltip and detail panel."""
    evidence = sorted(
        edge.evidence, key=lambda v: (-_finite(v.confidence, 6), v.article, v.start, v.end)
    )
    return {
        "iri": edge.id,
        "relation": edge.relation,
        "family": _family(edge.relation),
        "support": support(edge),
        "nArticles": len({v.article for v in edge.evidence}),
        "confidence": max((_finite(v.confidence, 3) for v in edge.evidence), default=0.0),
        "evidence": [
            {"article": v.article, "sentence": v.sentence, "confidence": _finite(v.confidence, 3)}
            for v in evidence[:MAX_EVIDENCE]
        ],
        "more": max(len(evidence) - MAX_EVIDENCE, 0),
    }


def _finite(value: float, digits: int) -> float:
    """``value`` rounded, with NaN and infinities replaced by 0 (JSON has neither)."""
    value = float(value)
    return round(value, digits) if math.isfinite(value) else 0.0


def _vis_options(n_nodes: int, physics: bool) -> dict[str, Any]:
    """vis-network options: physics for small graphs, cheap drawing for big ones."""
    big = n_nodes > PHYSICS_MAX_NODES
    font = {"face": "system-ui", "strokeWidth": 3, "strokeColor": "#ffffff"}
    return {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "font": {**font, "size": 14, "color": "#1f2937"},
            "widthConstraint": {"maximum": 180},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "arrowStrikethrough": False,
            "font": {**font, "size": 11, "color": "#495057", "align": "middle"},
            "smooth": {"enabled": False},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": {"enabled": False},
        },
        "layout": {"improvedLayout": not big and n_nodes <= 150, "randomSeed": 7},
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -120,
                "centralGravity": 0.01,
                "springLength": 150,
                "springConstant": 0.05,
                "avoidOverlap": 0.8,
            },
            "stabilization": {"enabled": physics, "iterations": 400, "fit": False},
            "minVelocity": 0.75,
        },
    }
