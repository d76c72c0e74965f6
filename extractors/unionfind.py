"""Union-find over keys, with the rule that picks a merged set's representative as a parameter.

Two stages cluster keys with it: the resolver inside one article
(:mod:`actorgraph.extractors.resolve`) and the merge across articles
(:mod:`actorgraph.graph.core.merge`). They differ only in their rule, which
takes the representatives of two different sets and returns the one that
represents the joined set, or None to keep the sets apart.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    """Disjoint sets of keys; a key is a set of its own until joined (path halving).

    Args:
        representative: ``rule(a, b)`` for the representatives ``a`` (of the first
            argument of :meth:`union`) and ``b`` of two different sets: ``a`` or
            ``b`` to represent the joined set, or None to leave them apart.
    """

    def __init__(self, representative: Callable[[K, K], K | None]) -> None:
        self.parent: dict[K, K] = {}
        self._representative = representative

    def find(self, key: K) -> K:
        """The representative of ``key``'s set (``key`` itself the first time it is seen)."""
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: K, b: K) -> None:
        """Join the sets of ``a`` and ``b``, unless the rule keeps them apart."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        root = self._representative(ra, rb)
        if root is None:
            return
        self.parent[rb if root == ra else ra] = root
