"""The interactive HTML view of a knowledge graph (``graph.html``).

The network is assembled with pyvis and rendered with actorgraph's own template
(``graph/assets/``), never pyvis's: the page is a single offline file with
vis-network inlined, no network URL at all, and a Content-Security-Policy that
only lets its own two scripts run. Article text reaches the page only as JSON
(``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped) and is shown with ``textContent``, never as HTML.
"""

from __future__ import annotations

import base64
import difflib
import functools
import hashlib
import html
import importlib.resources
import json
import math
import pathlib
import re
import unicodedata
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
from pyvis.network import Network

from actorgraph.extractors.records import Edge, Entity, KnowledgeGraph

__all__ = [
    "FAMILY_COLORS",
    "RELATION_FAMILIES",
    "TYPE_STYLES",
    "ego_graph",
    "render_html",
    "script_json",
    "support",
    "write_html",
]

#: ontology class -> (fill colour, vis-network shape); label-outside shapes only,
#: so that the node size shows importance.
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Person": ("#4e79a7", "dot"),
    "Country": ("#59a14f", "hexagon"),
    "ArmedGroup": ("#e15759", "triangle"),
    "MilitaryForce": ("#f28e2b", "triangleDown"),
    "GovernmentBody": ("#76b7b2", "square"),
    "PoliticalGroup": ("#b07aa1", "diamond"),
    "Coalition": ("#edc948", "star"),
    "InternationalOrganization": ("#9c755f", "hexagon"),
    "MediaOrganization": ("#ff9da7", "square"),
    "Organization": ("#a0a4ad", "diamond"),
    "Place": ("#8cd17d", "dot"),
    "Facility": ("#499894", "square"),
    "Weapon": ("#79706e", "triangle"),
}
_OTHER_TYPE_STYLE = ("#c0c4cc", "dot")
#: extra vis-network options of an ego page's central actor.
_CENTRE_STYLE: dict[str, Any] = {
    "borderWidth": 5,
    "borderWidthSelected": 6,
}

#: relation family -> relations, in display order.
RELATION_FAMILIES: dict[str, tuple[str, ...]] = {
    "structure": ("partOf", "memberOf", "leaderOf", "affiliatedWith"),
    "alignment": ("backedBy", "alliedWith", "opposes", "fightsAgainst"),
    "actions": ("attacked", "threatened", "accused", "condemned", "sanctioned", "trained"),
    "geography": ("locatedIn", "presentIn"),
}
FAMILY_COLORS: dict[str, str] = {
    "structure": "#4c6ef5",
    "alignment": "#9c36b5",
    "actions": "#e03131",
    "geography": "#868e96",
    "other": "#495057",
}
_FAMILY_OF = {rel: fam for fam, rels in RELATION_FAMILIES.items() for rel in rels}
_RELATION_ORDER = {rel: i for i, rel in enumerate(_FAMILY_OF)}
_TYPE_ORDER = {name: i for i, name in enumerate(TYPE_STYLES)}

SIZE_BY = ("degree", "pagerank", "betweenness")
LAYOUTS = ("auto", "physics", "static")
#: above this many nodes, "auto" precomputes positions and turns physics off.
PHYSICS_MAX_NODES = 300
#: tooltips show at most this many evidence sentences per relation.
MAX_EVIDENCE = 5
_MAX_ALIASES = 25
_MAX_ARTICLES = 20
_BETWEENNESS_SAMPLE = 300

_VIS_DIR = ("templates", "lib", "vis-9.1.2")
_MARKER = re.compile(r"\{\{([A-Z_]+)\}\}")
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_QUOTES = re.compile("['\u2018\u2019`\u00b4]")


# --------------------------------------------------------------------------- #
# public API
# --------------------------------------------------------------------------- #


def render_html(
    kg: KnowledgeGraph,
    *,
    title: str = "actorgraph",
    size_by: str = "degree",
    layout: str = "auto",
    centre: str | None = None,
) -> str:
    """Render ``kg`` as one self-contained, offline, interactive HTML page.

    Args:
        kg: the merged graph.
        title: page title and heading (shown as text, never as HTML).
        size_by: node importance: ``degree``, ``pagerank`` or ``betweenness``.
        layout: ``auto`` (physics up to 300 nodes, else precomputed positions),
            ``physics`` (live force simulation) or ``static`` (precomputed).
        centre: IRI of the actor an ego page is about: drawn larger and outlined,
            named in the heading, and always shown.

    Returns:
        The HTML text; the same graph always gives the same bytes.
    """
    if size_by not in SIZE_BY:
        raise ValueError(f"size_by must be one of {', '.join(SIZE_BY)}, not {size_by!r}")
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    if centre is not None and centre not in kg.entities:
        raise ValueError(f"centre {centre!r} is not an actor of the graph")
    entities = sorted(kg.entities.values(), key=lambda e: e.id)
    edges = _drawable_edges(kg)
    physics = layout == "physics" or (layout == "auto" and len(entities) <= PHYSICS_MAX_NODES)
    physics = physics and bool(entities)
    positions = None if physics else _layout_positions(entities, edges)
    net = _build_network(entities, edges, _centrality(entities, edges, size_by), positions, centre)
    net.options = _vis_options(len(entities), physics)
    payload = _payload(kg, net, title=title, size_by=size_by, physics=physics, layout=layout)
    payload["centre"] = centre
    return _fill_template(title, payload)


def write_html(kg: KnowledgeGraph, path: pathlib.Path, **kwargs: Any) -> None:
    """Write :func:`render_html`'s page to ``path`` (UTF-8), atomically.

    The page is written to a temporary file and renamed over ``path`` only when
    complete, so a full disk or a kill never leaves a truncated page.

    Args:
        kg: the merged graph.
        path: the file to write; its folder must exist.
        **kwargs: passed on to :func:`render_html`.

    Raises:
        OutputError: the page cannot be written; ``path`` keeps its previous content.
    """
    from .outputs import atomic_write_text

    atomic_write_text(pathlib.Path(path), render_html(kg, **kwargs))


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


# --------------------------------------------------------------------------- #
# ego graph helpers
# --------------------------------------------------------------------------- #


def _squash(text: str) -> str:
    """Case-, accent- and punctuation-free form of a name (``Al-Qa'ida`` -> ``alqaida``)."""
    text = unicodedata.normalize("NFKD", _QUOTES.sub("", text))
    return "".join(c for c in text.casefold() if c.isalnum())


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
    """The entity whose label (preferred) or alias matches ``name``."""
    key = _squash(name)
    best: tuple[tuple[int, int, int, str], Entity] | None = None
    for ent in kg.entities.values():
        if _squash(ent.label) == key:
            rank = 0
        elif any(_squash(a) == key for a in ent.aliases):
            rank = 1
        else:
            continue
        score = (rank, -ent.mentions, -len(ent.articles), ent.id)
        if best is None or score < best[0]:
            best = (score, ent)
    if best is None or not key:
        raise LookupError(_no_match_message(kg, name, key))
    return best[1]


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


# --------------------------------------------------------------------------- #
# graph measures and layout
# --------------------------------------------------------------------------- #


def _drawable_edges(kg: KnowledgeGraph) -> list[Edge]:
    """Edges whose two ends are in the graph, in a stable order."""
    edges = [e for e in kg.edges if e.subject in kg.entities and e.object in kg.entities]
    return sorted(edges, key=lambda e: (e.subject, e.relation, e.object, e.id))


def _centrality(
    entities: Sequence[Entity], edges: Sequence[Edge], size_by: str
) -> dict[str, float]:
    """Importance of each entity by ``size_by``."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(e.id for e in entities)
    graph.add_edges_from((e.subject, e.object) for e in edges)
    if size_by == "degree":
        return {n: float(d) for n, d in graph.degree()}
    if size_by == "pagerank":
        return _pagerank(nx.DiGraph(graph))
    simple = nx.Graph(graph)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    sample = _BETWEENNESS_SAMPLE if len(simple) > _BETWEENNESS_SAMPLE else None
    return dict(nx.betweenness_centrality(simple, k=sample, seed=0))


def _pagerank(graph: nx.DiGraph) -> dict[str, float]:
    """networkx PageRank; a plain power iteration where scipy is not installed."""
    if len(graph) == 0:
        return {}
    try:
        return dict(nx.pagerank(graph))
    except ImportError:
        return _pagerank_power(graph)


def _pagerank_power(
    graph: nx.DiGraph, alpha: float = 0.85, iterations: int = 100
) -> dict[str, float]:
    """PageRank by power iteration, without scipy."""
    nodes = list(graph)
    n = len(nodes)
    rank = dict.fromkeys(nodes, 1.0 / n)
    out_degree = {v: graph.out_degree(v) for v in nodes}
    for _ in range(iterations):
        dangling = alpha * sum(rank[v] for v in nodes if out_degree[v] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for v in nodes:
            if out_degree[v]:
                share = alpha * rank[v] / out_degree[v]
                for w in graph.successors(v):
                    new[w] += share
        done = sum(abs(new[v] - rank[v]) for v in nodes) < n * 1e-10
        rank = new
        if done:
            break
    return rank


def _layout_positions(
    entities: Sequence[Entity], edges: Sequence[Edge]
) -> dict[str, tuple[int, int]]:
    """Precomputed node positions in pixels (force-directed, fixed seed)."""
    index = {e.id: i for i, e in enumerate(entities)}
    pairs = [(index[e.subject], index[e.object]) for e in edges if e.subject != e.object]
    coords = _force_layout(len(entities), pairs)
    spread = 110.0 * math.sqrt(max(len(entities), 1))
    return {
        e.id: (round(float(coords[i][0]) * spread), round(float(coords[i][1]) * spread))
        for i, e in enumerate(entities)
    }


def _force_layout(n: int, pairs: Sequence[tuple[int, int]], iterations: int = 60) -> Any:
    """Fruchterman-Reingold positions in [-0.5, 0.5]², numpy only, seeded.

    networkx's spring_layout needs scipy above 500 nodes; this dense variant
    lays out 2,000 nodes in about a second with numpy alone, in row blocks so
    that memory stays small.
    """
    import numpy as np

    if n < 2:
        return np.zeros((n, 2), dtype=np.float32)
    pos = np.random.default_rng(7).random((n, 2)).astype(np.float32) - np.float32(0.5)
    src = np.array([p[0] for p in pairs], dtype=np.intp)
    dst = np.array([p[1] for p in pairs], dtype=np.intp)
    k = np.float32(1.0 / math.sqrt(n))
    for step in range(iterations):
        disp = _repulsion(pos, k * k)
        pull = pos[src] - pos[dst]
        pull *= (np.sqrt(np.einsum("ij,ij->i", pull, pull)) / k)[:, None]
        np.subtract.at(disp, src, pull)
        np.add.at(disp, dst, pull)
        disp -= pos * np.float32(2.0)  # gravity keeps components together
        length = np.maximum(np.sqrt(np.einsum("ij,ij->i", disp, disp)), np.float32(1e-9))
        cap = np.float32(0.1 * (1.0 - step / iterations))
        pos += disp * (np.minimum(length, cap) / length)[:, None]
    pos -= pos.mean(axis=0)
    return pos / max(float(np.abs(pos).max()) * 2.0, 1e-9)


def _repulsion(pos: Any, k2: Any, block_cells: int = 1 << 22) -> Any:
    """Sum over all other nodes of ``k² d / |d|²``, one block of rows at a time."""
    import numpy as np

    n = len(pos)
    x, y = pos[:, 0], pos[:, 1]
    disp = np.empty((n, 2), dtype=np.float32)
    rows = max(1, block_cells // n)
    for lo in range(0, n, rows):
        hi = min(lo + rows, n)
        dx = x[lo:hi, None] - x[None, :]
        dy = y[lo:hi, None] - y[None, :]
        weight = dx * dx
        weight += dy * dy
        np.maximum(weight, np.float32(1e-6), out=weight)
        np.divide(k2, weight, out=weight)
        dx *= weight
        dy *= weight
        disp[lo:hi, 0] = dx.sum(axis=1)
        disp[lo:hi, 1] = dy.sum(axis=1)
    return disp


# --------------------------------------------------------------------------- #
# pyvis network
# --------------------------------------------------------------------------- #


def _family(relation: str) -> str:
    """The relation family of ``relation`` (``other`` when not in the ontology)."""
    return _FAMILY_OF.get(relation, "other")


def _shade(color: str, factor: float) -> str:
    """``color`` (``#rrggbb``) darkened by ``factor`` (0..1)."""
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * (1.0 - factor)):02x}" for c in rgb)


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
    return {
        "type": ent.type,
        "aliases": aliases[:_MAX_ALIASES],
        "moreAliases": max(len(aliases) - _MAX_ALIASES, 0),
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


# --------------------------------------------------------------------------- #
# page
# --------------------------------------------------------------------------- #


def _article_count(kg: KnowledgeGraph) -> int:
    """How many articles the graph draws on."""
    if kg.articles:
        return len(kg.articles)
    names = {a for e in kg.entities.values() for a in e.articles}
    return len(names | {v.article for e in kg.edges for v in e.evidence})


def _legend(net: Any) -> dict[str, Any]:
    """Entity types and relations present, in ontology order, with counts."""
    types: dict[str, int] = defaultdict(int)
    relations: dict[str, int] = defaultdict(int)
    for node in net.nodes:
        types[node["ag"]["type"]] += 1
    for edge in net.edges:
        relations[edge["ag"]["relation"]] += 1
    type_rows = [
        {
            "type": t,
            "color": TYPE_STYLES.get(t, _OTHER_TYPE_STYLE)[0],
            "shape": TYPE_STYLES.get(t, _OTHER_TYPE_STYLE)[1],
            "count": types[t],
        }
        for t in sorted(types, key=lambda t: (_TYPE_ORDER.get(t, len(_TYPE_ORDER)), t))
    ]
    rel_rows = [
        {"relation": r, "family": _family(r), "count": relations[r]}
        for r in sorted(relations, key=lambda r: (_RELATION_ORDER.get(r, len(_FAMILY_OF)), r))
    ]
    return {"types": type_rows, "relations": rel_rows, "familyColors": FAMILY_COLORS}


def _payload(
    kg: KnowledgeGraph, net: Any, *, title: str, size_by: str, physics: bool, layout: str
) -> dict[str, Any]:
    """Everything the page script needs, as one JSON-ready dict."""
    return {
        "title": title,
        "sizeBy": size_by,
        "layout": layout,
        "physics": physics,
        "freezeAfterStabilization": layout == "auto",
        "isolated": sum(1 for node in net.nodes if node["ag"]["isolated"]),
        "counts": {
            "nodes": len(net.nodes),
            "edges": len(net.edges),
            "articles": _article_count(kg),
        },
        "legend": _legend(net),
        "options": net.options,
        "nodes": net.nodes,
        "edges": net.edges,
    }


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>``, ``&``, U+2028 and U+2029 become ``\\uXXXX`` escapes, so no
    text can close the element or open a comment; ``JSON.parse`` gives the
    original strings back.
    """
    text = json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


@functools.cache
def _asset(name: str) -> str:
    """Text of one file of ``graph/assets/``."""
    return (importlib.resources.files("actorgraph.graph") / "assets" / name).read_text("utf-8")


@functools.cache
def _vis_asset(name: str) -> str:
    """Text of one vis-network file shipped inside the installed pyvis package."""
    resource = importlib.resources.files("pyvis")
    for part in (*_VIS_DIR, name):
        resource = resource / part
    return resource.read_text("utf-8")


def _inline(text: str, element: str) -> str:
    """Check that ``text`` can sit inside a raw ``<script>``/``<style>`` element."""
    lowered = text.lower()
    if f"</{element}" in lowered or "<!--" in lowered:
        raise ValueError(f"cannot inline text containing </{element} or <!--")
    return text


def _csp(scripts: Sequence[str]) -> str:
    """Content-Security-Policy: no network, only the page's own scripts run."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; "
        "img-src data:; "
        "base-uri 'none'; "
        "form-action 'none'"
    )


def _fill_template(title: str, payload: Mapping[str, Any]) -> str:
    """The page: template with CSS, data and scripts inlined in one pass."""
    vis_js = _inline(_vis_asset("vis-network.min.js"), "script")
    app_js = _inline(_asset("graph.js"), "script")
    parts = {
        "CSP": html.escape(_csp([vis_js, app_js])),
        "TITLE": html.escape(title),
        "VIS_CSS": _inline(_vis_asset("vis-network.css"), "style"),
        "APP_CSS": _inline(_asset("graph.css"), "style"),
        "DATA": script_json(payload),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
    }
    return _MARKER.sub(lambda m: parts[m.group(1)], _asset("graph.html"))
