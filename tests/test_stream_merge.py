"""The streaming merge (SQLite store + external sort) against the in-memory merge.

Synthetic results, no model: random entities and facts made to hit every rule of
:func:`~actorgraph.graph.core.merge.merge` (names shared across articles and types, gazetteer
keys, acronyms, bare surnames, ties between labels and types, facts whose types no
longer fit, weak and repeated evidence) and text that needs escaping.
"""

from __future__ import annotations

import hashlib
import random
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph.extractors.normalize import fold
from actorgraph.extractors.records import Article, ArticleResult, Evidence, Fact, LocalEntity
from actorgraph.graph.build import (
    BuildOptions,
    fragments,
    stream_merge,
    stream_write,
    write_outputs,
)
from actorgraph.graph.build.stream_merge import MergeStore
from actorgraph.graph.build.stream_write import LineSorter, write_store_outputs
from actorgraph.graph.core.merge import merge
from actorgraph.graph.read import Skipped

FILES = ("graph.ttl", "triples.jsonl", "entities.jsonl", "skipped.jsonl")

NAMES = [
    "North Front", "Anna Smith", "Smith", "KH", "Kataib Hezbollah", "Kata'ib Hizbollah",
    "U.S.", "Iraq", "Baghdad", "the Group", "Front", "Popular Mobilization Forces", "PMF",
    'Say "hi"\nnow', "<script>x</script>", "Ünïcode Brigade", "Zeta", "Alpha Beta",
]  # fmt: skip
TYPES = ["Person", "ArmedGroup", "Organization", "Country", "Place", "PoliticalGroup"]
GAZ = ["gaz:iraq", "gaz:iran", "gaz:kataib-hezbollah", "gaz:pmf"]
RELATIONS = ["partOf", "memberOf", "leaderOf", "backedBy", "opposes", "presentIn", "attacked"]


WORDS = "amber basalt cedar delta ember fjord garnet harbor indigo juniper karst lumen".split()


def _name(rng: random.Random, tag: str) -> str:
    if rng.random() < 0.25:
        return rng.choice(NAMES) + tag  # names that clash across types and keys
    words = rng.sample(WORDS, rng.choice([1, 2, 2, 3]))
    name = " ".join(w.upper() if len(w) < 6 and rng.random() < 0.2 else w.title() for w in words)
    return name + tag


def _entity(rng: random.Random, tag: str) -> LocalEntity:
    etype = rng.choice(TYPES)
    label = _name(rng, tag)
    if rng.random() < 0.15:
        key = rng.choice(GAZ)
    else:
        name = label if rng.random() < 0.8 else _name(rng, tag)
        key = f"name:{rng.choice([etype, etype, *TYPES])}:{name.lower()}"
    aliases = tuple(sorted({_name(rng, tag) for _ in range(rng.choice([0, 0, 0, 1, 2]))}))
    return LocalEntity(key, label, etype, aliases, rng.choice([0, 1, 1, 2, 5]))


def synthetic(n: int, seed: int = 0, block: int | None = None) -> Iterator[ArticleResult]:
    """``n`` random results, made one at a time (nothing kept).

    With ``block``, names found in the text are those of a block of that many articles
    (a number glued to them), as the people and groups of a news story: no entity but
    the gazetteer's, and no fact but between two of them, grows with the corpus.
    """
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        tag = "" if block is None else str(i // block)
        name = f"dir/{i:05d}.txt" if rng.random() < 0.9 else f"{i}-é.txt"
        sha = hashlib.sha256(name.encode()).hexdigest()
        also = (f"copy-of-{i}.txt",) if rng.random() < 0.05 else ()
        title = rng.choice([None, "", "A title", 'Quote " and \\ back'])
        art = Article(name, name, "", sha, title, rng.choice([None, "2024-01-02"]), also)
        ents: dict[str, LocalEntity] = {}
        for _ in range(rng.randint(0, 8)):
            e = _entity(rng, tag)
            ents.setdefault(e.key, e)
        keys = list(ents)
        facts = []
        for _ in range(rng.randint(0, 4) if len(keys) > 1 else 0):
            s, o = rng.sample(keys, 2)
            if block is not None and s.startswith("gaz:") and o.startswith("gaz:"):
                continue
            start_ = rng.choice([0, 10, 40])
            ev = Evidence(
                name,
                sha,
                rng.choice(["A said B.", "x\ty\r\nz ' \" \\", "Ünïcode <b>"]),
                start_,
                start_ + 9,
                rng.choice(["verb", "copula"]),
                rng.choice([0.3, 0.5, 0.75, 0.9, 0.9, 1.0]),
            )
            facts += [Fact(s, rng.choice(RELATIONS), o, ev)] * rng.choice([1, 1, 2])
        yield ArticleResult(art, tuple(ents.values()), tuple(facts))


def _streamed(results: list[ArticleResult], out: Path, work: Path, seed: int) -> MergeStore:
    store = MergeStore(work / "merge.sqlite", min_confidence=0.5)
    order = list(enumerate(results))
    random.Random(seed).shuffle(order)  # workers hand results back in any order
    for index, result in order:
        store.add(index, result)
    store.merge()
    skipped = [Skipped("x/bad.txt", "empty", "empty")]
    write_store_outputs(store, out, BuildOptions(html=False), skipped, work)
    return store


@pytest.mark.parametrize("seed", range(6))
def test_streamed_outputs_are_the_in_memory_outputs_byte_for_byte(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream_merge, "FLUSH_ARTICLES", 7)
    monkeypatch.setattr(stream_write, "RUN_CHARS", 3_000)  # many sorted runs
    monkeypatch.setattr(stream_write, "MAX_RUNS", 4)  # and runs merged on the way
    results = list(synthetic(150, seed))
    kg = merge(results, min_confidence=0.5)
    assert len(kg.edges) > 5 and len(kg.entities) > 20
    skipped = [Skipped("x/bad.txt", "empty", "empty")]
    write_outputs(kg, tmp_path / "memory", BuildOptions(html=False), skipped)
    work = tmp_path / "work"
    work.mkdir()
    store = _streamed(results, tmp_path / "streamed", work, seed)
    for name in FILES:
        memory = (tmp_path / "memory" / name).read_bytes()
        assert (tmp_path / "streamed" / name).read_bytes() == memory, name
    assert store.knowledge_graph() == kg
    assert list(store.knowledge_graph().entities) == list(kg.entities)  # the same order
    assert store.entity_count() == len(kg.entities)
    assert sum(store.per_relation().values()) == len(kg.edges)
    store.close()


def test_an_empty_input_gives_the_same_empty_files(tmp_path: Path) -> None:
    skipped = [Skipped("x/bad.txt", "empty", "empty")]
    write_outputs(merge([]), tmp_path / "memory", BuildOptions(html=False), skipped)
    work = tmp_path / "work"
    work.mkdir()
    _streamed([], tmp_path / "streamed", work, 0).close()
    for name in FILES:
        assert (tmp_path / "streamed" / name).read_bytes() == (
            tmp_path / "memory" / name
        ).read_bytes()


def test_the_sorter_gives_distinct_lines_in_code_point_order(tmp_path: Path) -> None:
    rng = random.Random(5)
    alphabet = 'ab<>"\\ é€😀\u2028\x0b'
    lines = ["".join(rng.choices(alphabet, k=rng.randint(0, 6))) for _ in range(3000)]
    sorter = LineSorter(tmp_path, [b"<a", b"zz"], run_chars=500)
    for line in lines:
        sorter.add(line)
    got = [line.decode("utf-8")[:-1] for line in sorter.sorted()]
    assert got == sorted(set(lines))
    assert sorter.seen == {b"<a"}
    assert list(tmp_path.iterdir()) == []  # the runs are gone


def _peak_streamed(n: int, work: Path) -> int:
    """Peak Python memory of ingesting, merging and writing ``n`` results."""
    (work / "out").mkdir(parents=True)
    tracemalloc.start()
    store = MergeStore(work / "merge.sqlite", min_confidence=0.5)
    for index, result in enumerate(synthetic(n, seed=1, block=50)):
        store.add(index, result)
    store.merge()
    write_store_outputs(store, work / "out", BuildOptions(html=False), [], work)
    store.close()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def _peak_in_memory(n: int, out: Path) -> int:
    tracemalloc.start()
    write_outputs(
        merge(synthetic(n, seed=1, block=50), min_confidence=0.5), out, BuildOptions(html=False)
    )
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_memory_does_not_grow_with_the_number_of_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four times the articles: the in-memory merge takes about four times the memory,
    the streaming merge about the same: its batches, sorted runs and caches are bounded
    (made small here, so that they are full at both sizes); what may grow is one
    entity's list of articles or one fact's evidence, kept small here as in news."""
    monkeypatch.setattr(stream_merge, "FLUSH_ARTICLES", 100)
    monkeypatch.setattr(stream_merge, "BATCH_ROWS", 1_000)
    monkeypatch.setattr(stream_write, "RUN_CHARS", 100_000)
    monkeypatch.setattr(stream_write, "MAX_RUNS", 8)
    monkeypatch.setattr(fragments, "PARSE_BYTES", 50_000)
    monkeypatch.setattr(fragments, "BATCH_BYTES", 50_000)
    monkeypatch.setattr(stream_merge, "ENTITY_CACHE", 64)
    # fold()'s own cache (65,536 names at most) fills with the vocabulary: left out here
    monkeypatch.setattr(stream_merge, "fold", fold.__wrapped__)
    n = 500
    small, large = _peak_streamed(n, tmp_path / "a"), _peak_streamed(4 * n, tmp_path / "b")
    memory_small = _peak_in_memory(n, tmp_path / "c")
    memory_large = _peak_in_memory(4 * n, tmp_path / "d")
    assert memory_large > 2.5 * memory_small  # the measure sees growth where there is some
    # what four times the articles add: under a twentieth of the in-memory merge's growth
    # (here the gazetteer nodes' article lists and the key ids, a few hundred kB)
    assert large - small < (memory_large - memory_small) / 20, (small, large)
    assert large < memory_small / 2
