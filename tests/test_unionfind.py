"""The one union-find (extractors/unionfind.py) and the two representative rules that use it."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from actorgraph.extractors.resolve import _gazetteer_first
from actorgraph.extractors.unionfind import UnionFind
from actorgraph.graph.core.merge import _gazetteer_then_smallest

Rule = Callable[[str, str], str | None]
KEYS = st.sampled_from(["gaz:a", "gaz:b", "gaz:c", "x", "y", "z", "w"])


def _first(a: str, b: str) -> str | None:
    return a


def _never(a: str, b: str) -> str | None:
    return None


def _partition(ops: list[tuple[str, str]], rule: Rule) -> dict[str, str]:
    """key -> representative, by relabelling whole sets at every join (slow and plain)."""
    rep: dict[str, str] = {}
    for a, b in ops:
        ra, rb = rep.setdefault(a, a), rep.setdefault(b, b)
        root = rule(ra, rb) if ra != rb else None
        if root is not None:
            rep = {k: root if r in (ra, rb) else r for k, r in rep.items()}
    return rep


def test_a_new_key_is_its_own_set():
    uf = UnionFind(_first)
    assert uf.find("a") == "a"
    assert uf.parent == {"a": "a"}


def test_the_rule_picks_the_representative():
    first = UnionFind(_first)
    first.union("b", "a")
    assert first.find("a") == first.find("b") == "b"
    smallest = UnionFind(lambda a, b: min(a, b))
    smallest.union("b", "a")
    assert smallest.find("b") == "a"


def test_a_rule_returning_none_keeps_the_sets_apart():
    uf = UnionFind(_never)
    uf.union("a", "b")
    assert uf.find("a") == "a" and uf.find("b") == "b"


def test_joins_are_transitive():
    uf = UnionFind(_first)
    uf.union("a", "b")
    uf.union("c", "d")
    uf.union("b", "d")
    assert {uf.find(k) for k in "abcd"} == {"a"}


def test_the_resolver_rule_prefers_gazetteer_keys_then_the_first():
    assert _gazetteer_first("x", "gaz:a") == "gaz:a"
    assert _gazetteer_first("gaz:a", "x") == "gaz:a"
    assert _gazetteer_first("y", "x") == "y"
    assert _gazetteer_first("gaz:a", "gaz:b") is None


def test_the_merge_rule_prefers_gazetteer_keys_then_the_smallest():
    assert _gazetteer_then_smallest("x", "gaz:a") == "gaz:a"
    assert _gazetteer_then_smallest("gaz:a", "x") == "gaz:a"
    assert _gazetteer_then_smallest("y", "x") == "x"
    assert _gazetteer_then_smallest("x", "y") == "x"
    assert _gazetteer_then_smallest("gaz:a", "gaz:b") is None


@given(st.lists(st.tuples(KEYS, KEYS), max_size=25))
def test_the_same_sets_and_representatives_as_a_plain_relabelling(ops: list[tuple[str, str]]):
    for rule in (_gazetteer_first, _gazetteer_then_smallest):
        uf = UnionFind(rule)
        for a, b in ops:
            uf.union(a, b)
        expected = _partition(ops, rule)
        assert {k: uf.find(k) for k in expected} == expected
