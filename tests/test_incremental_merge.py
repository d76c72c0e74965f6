"""Incremental merges: a build that adds, changes and removes articles merges them into the
last build's store, and its files are those of a fresh build of the same input, byte for
byte.  No model: every article's result is put in the cache beforehand (the random results
of test_stream_merge, made to hit every rule of the merge), and the model named cannot
load, so a cache miss would fail the build.
"""

from __future__ import annotations

import errno
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from test_stream_merge import synthetic

from actorgraph.extractors.records import Article, ArticleResult
from actorgraph.graph.build import (
    BuildOptions,
    BuildSummary,
    build_files,
    fragments,
    merge_delta,
    merge_state,
)
from actorgraph.graph.build.cache import CACHE_DIR, ArticleCache
from actorgraph.graph.build.merge_state import FOLDER, POINTER, _places
from actorgraph.graph.build.run import _fingerprint
from actorgraph.graph.errors import OutputError
from actorgraph.graph.read.articles import read_article

FILES = ("graph.ttl", "triples.jsonl", "entities.jsonl", "skipped.jsonl")
OPTS = {"model": "no-such-model", "html": False, "jobs": 0}
#: one text under two names (one article: a0016.txt, also named z-copy.txt)
SHARED = ("a0016.txt", "z-copy.txt")


class Corpus:
    """Article files and, in the output folder's cache, a result for each text."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.inp, self.out = root / "in", root / "out"
        self.inp.mkdir()
        self.cache = ArticleCache(self.out, _fingerprint(BuildOptions(**OPTS)))
        self.rng = random.Random(len(str(root)))
        self.serial = 0

    def write(self, name: str, title: str | None = None) -> None:
        """A new text under ``name`` (Markdown with a title: an article with a date and
        title in graph.ttl) and a random result for it."""
        self.serial += 1
        text = f"Text {self.serial} of {name}.\n"
        if title is not None:
            text = f"---\ntitle: {title}\ndate: 2024-0{self.serial % 9 + 1}-01\n---\n{text}"
        path = self.inp / name
        path.write_text(text, encoding="utf-8")
        result = next(synthetic(1, seed=self.serial * 7919 + len(name)))
        sha = read_article(path).sha256
        self.cache.put(ArticleResult(Article("x", "x", "", sha), result.entities, result.facts))

    def copy(self, name: str, to: str) -> None:
        """The same text under a second name (one article, two names)."""
        shutil.copyfile(self.inp / name, self.inp / to)

    def names(self, shared: bool = True) -> list[str]:
        names = sorted(p.name for p in self.inp.iterdir())
        return names if shared else [n for n in names if n not in SHARED]

    def build(self, out: Path | None = None, **opts: object) -> BuildSummary:
        return build_files([self.inp], out or self.out, BuildOptions(**{**OPTS, **opts}))

    def fresh(self, **opts: object) -> dict[str, bytes]:
        """The files of a build of the same input into a new folder (the same cache
        entries, no merge store)."""
        out = self.root / f"fresh-{self.rng.random()}"
        shutil.copytree(self.out / CACHE_DIR / "v1", out / CACHE_DIR / "v1")
        summary = self.build(out, **opts)
        assert not summary.incremental and summary.processed == 0
        return snapshot(out)

    def edit(self, *, remove: int, change: int, add: int, tag: str) -> None:
        """Remove, change and add articles at random places (names sort among the others);
        the text under two names stays as it is."""
        for name in self.rng.sample(self.names(shared=False), remove):
            (self.inp / name).unlink()
        for name in self.rng.sample(self.names(shared=False), change):
            self.write(name, title=f"T {tag}" if name.endswith(".md") else None)
        for n in range(add):
            name = f"a{self.rng.randrange(1000):04d}{tag}{n}"
            self.write(f"{name}.md", title=f"T {name}") if n % 3 == 0 else self.write(f"{name}.txt")


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILES}


def same(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    for name in FILES:
        assert a[name] == b[name], name


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    c = Corpus(tmp_path)
    for i in range(120):
        c.write(f"a{i * 8:04d}.md", title=f"Title {i}") if i % 9 == 0 else c.write(
            f"a{i * 8:04d}.txt"
        )
    c.copy(*SHARED)
    first = c.build()
    assert not first.incremental and first.from_cache == 120 and first.entities > 50
    return c


@pytest.mark.parametrize("seed", range(4))
def test_adding_changing_and_removing_articles_gives_a_fresh_build_s_bytes(
    corpus: Corpus, seed: int
) -> None:
    corpus.rng.seed(seed)
    for round_ in range(5):
        sizes = corpus.rng.choice([(1, 0, 0), (0, 1, 0), (0, 0, 1), (3, 3, 4), (10, 5, 12)])
        corpus.edit(remove=sizes[0], change=sizes[1], add=sizes[2], tag=f"r{round_}")
        if round_ == 2:
            (corpus.inp / SHARED[1]).unlink()  # the article loses its other name
        summary = corpus.build()
        assert summary.incremental, round_
        assert summary.processed == 0 and summary.from_cache == summary.articles
        same(snapshot(corpus.out), corpus.fresh())


def test_an_unchanged_input_reads_no_cached_result(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(corpus.out)

    def no_reading(self: ArticleCache, article: Article) -> None:
        raise AssertionError(f"{article.name} was read from the cache")

    monkeypatch.setattr(ArticleCache, "get", no_reading)
    summary = corpus.build()
    assert summary.up_to_date and summary.incremental and summary.from_cache == 120
    assert snapshot(corpus.out) == before


def test_touched_outputs_are_written_again_from_the_store(corpus: Corpus) -> None:
    before = snapshot(corpus.out)
    (corpus.out / "graph.ttl").write_text("", encoding="utf-8")
    summary = corpus.build()
    assert summary.incremental and not summary.up_to_date
    assert snapshot(corpus.out) == before


def _store(out: Path) -> Path:
    folder = out / CACHE_DIR / FOLDER
    return folder / (folder / POINTER).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda p: shutil.rmtree(p.parent), id="missing"),
        pytest.param(lambda p: p.write_bytes(b"not a database" * 100), id="garbage"),
        pytest.param(lambda p: _set_meta(p, "format", "0"), id="another-version"),
        pytest.param(lambda p: _set_meta(p, "code", "x"), id="other-code"),
    ],
)
def test_a_store_that_cannot_be_used_means_a_full_merge(corpus: Corpus, spoil) -> None:
    corpus.edit(remove=2, change=2, add=2, tag="s")
    spoil(_store(corpus.out))
    summary = corpus.build()
    assert not summary.incremental
    same(snapshot(corpus.out), corpus.fresh())
    corpus.edit(remove=1, change=1, add=1, tag="t")
    assert corpus.build().incremental  # the new store is kept
    same(snapshot(corpus.out), corpus.fresh())


def _set_meta(path: Path, key: str, value: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET v = ? WHERE k = ?", (value, key))


def test_a_damaged_store_is_set_aside_with_a_warning(corpus: Corpus) -> None:
    corpus.edit(remove=1, change=1, add=1, tag="d")
    with sqlite3.connect(_store(corpus.out)) as db:
        db.execute("DROP TABLE sn")  # opens, but the merge cannot read it
    summary = corpus.build()
    assert not summary.incremental
    assert any("merge store of the last build was unreadable" in w for w in summary.warnings)
    assert summary.from_cache == summary.articles
    same(snapshot(corpus.out), corpus.fresh())


def test_other_options_mean_a_full_merge(corpus: Corpus) -> None:
    corpus.edit(remove=1, change=1, add=1, tag="o")
    summary = corpus.build(min_confidence=0.8)
    assert not summary.incremental
    same(snapshot(corpus.out), corpus.fresh(min_confidence=0.8))
    summary = corpus.build(min_confidence=0.8, base="https://example.org/x/")
    assert not summary.incremental
    same(snapshot(corpus.out), corpus.fresh(min_confidence=0.8, base="https://example.org/x/"))


def test_inputs_in_another_order_make_the_store_again(corpus: Corpus) -> None:
    names = corpus.names()
    files = [corpus.inp / n for n in names[60:] + names[:60]]
    summary = build_files(files, corpus.out, BuildOptions(**OPTS))
    assert not summary.incremental and summary.from_cache == summary.articles
    fresh = corpus.root / "fresh-order"
    shutil.copytree(corpus.out / CACHE_DIR / "v1", fresh / CACHE_DIR / "v1")
    build_files(files, fresh, BuildOptions(**OPTS))
    same(snapshot(corpus.out), snapshot(fresh))


def test_a_large_change_makes_the_store_again_from_its_rows(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(merge_state, "SMALL_CHANGE", 5)
    corpus.edit(remove=10, change=10, add=10, tag="l")
    reads: list[str] = []
    get = ArticleCache.get

    def counted(self: ArticleCache, article: Article) -> ArticleResult | None:
        reads.append(article.name)
        return get(self, article)

    monkeypatch.setattr(ArticleCache, "get", counted)
    summary = corpus.build()
    assert not summary.incremental
    assert len(reads) == 20  # the changed and added ones only: the rest come from the store
    same(snapshot(corpus.out), corpus.fresh())


@pytest.mark.parametrize("where", ["merge", "write"])
def test_a_failing_build_leaves_the_outputs_and_the_store_as_they_were(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    before = snapshot(corpus.out)
    corpus.edit(remove=3, change=3, add=3, tag="f")
    if where == "merge":

        def broken(*args: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(merge_delta, "_evidence", broken)
        with pytest.raises(KeyboardInterrupt):
            corpus.build()
    else:

        def full_disk(*args: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(fragments, "write_files", full_disk)
        with pytest.raises(OutputError, match="previous outputs are unchanged"):
            corpus.build()
    assert snapshot(corpus.out) == before
    monkeypatch.undo()
    summary = corpus.build()
    assert summary.incremental
    same(snapshot(corpus.out), corpus.fresh())


def test_new_articles_take_places_between_their_neighbours() -> None:
    from array import array

    kept_index, kept_seq = array("q", [1, 2, 5]), array("q", [4096, 8192, 20480])
    # index 0 before the first, 3 and 4 between 8192 and 20480, 6 after the last
    places = _places(kept_index, kept_seq, [0, 3, 4, 6], freed=[])
    assert places == [(0, 2048), (3, 12288), (4, 16384), (6, 24576)]
    # a changed article keeps the place it had
    assert _places(kept_index, kept_seq, [3], freed=[12288]) == [(3, 12288)]
    # no room left between two neighbours: None (the store is made again)
    assert _places(array("q", [0, 2]), array("q", [7, 8]), [1], freed=[]) is None


_SAME_TRIPLES = """
import sys, pyoxigraph as ox
held = ox.Store.read_only(sys.argv[1])
fresh = ox.Store()  # loaded from the file, as a query would (literals made canonical)
fresh.load(path=sys.argv[2], format=ox.RdfFormat.TURTLE)
triples = lambda store: {(q.subject, q.predicate, q.object) for q in store}
print(len(fresh), triples(held) == triples(fresh))
"""


def test_the_query_store_is_patched_to_the_new_graph(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actorgraph.graph.sparql.engines import OxigraphBackend, build_store

    graph = corpus.out / "graph.ttl"
    backend = OxigraphBackend(graph, build_store(graph) or corpus.out)
    assert backend._marker() == backend.source()  # the full build loaded it

    loaded = OxigraphBackend.ensure_loaded

    def no_reload(self: OxigraphBackend) -> bool:
        # the kept named-query answers ask for the store: fine once it holds the new graph
        if self._marker() != self.source():
            raise AssertionError("the store was loaded again from graph.ttl")
        return loaded(self)

    monkeypatch.setattr(OxigraphBackend, "ensure_loaded", no_reload)
    for round_ in range(3):
        corpus.edit(remove=2, change=2, add=3, tag=f"q{round_}")
        assert corpus.build().incremental
        assert backend._marker() == backend.source()  # queries take it as it is
        # in another process: this one forks query workers, which must not inherit RocksDB
        check = [sys.executable, "-c", _SAME_TRIPLES, str(backend.db), str(graph)]
        size, same = subprocess.run(
            check, capture_output=True, text=True, check=True
        ).stdout.split()
        assert int(size) > 500 and same == "True"
