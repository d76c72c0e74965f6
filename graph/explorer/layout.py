"""Node importance (degree, PageRank, betweenness) and positions for large graphs."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import networkx as nx

from actorgraph.extractors.records import Edge, Entity

_BETWEENNESS_SAMPLE = 300


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
