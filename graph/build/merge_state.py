"""The merge store of the last build, kept beside the cache, and how a build uses it.

A build leaves its merge store (:class:`~actorgraph.graph.build.stream_merge.MergeStore`,
merged, with the pieces of its output files) in ``OUT/.actorgraph-cache/merge/``.  The next
build (:class:`Plan`) opens it if it was made by the same code with the same extraction
fingerprint, base IRI and ``--min-confidence`` (else it is not used: a full merge), and
then, for each article of the input:

* *kept*: the store holds the same name, path, text hash, title, date, other names and
  cache entry (size and time: a damaged or removed entry is read again, and counts as
  missing as it always did) -- neither its result nor (a second time) its file is read;
* otherwise its result (from the cache or the model) goes into a staging store.

Articles of the store not met are *removed*.  If the kept articles come in the order
they had, the new ones are given places between their neighbours (a full build leaves
gaps) and :func:`~actorgraph.graph.build.merge_delta.apply` merges the change into the
store inside one transaction; if not, or if the change is large, the store is made
again from the kept rows and the staged ones (no result is read again), as a full merge.

All or nothing: the transaction is committed, or the new store put in place, only after
the output files are; a build that fails or is killed leaves the store it found (SQLite's
journal undoes an unfinished transaction).  Each store file has a name of its own and a
pointer file names the current one, so a store is never replaced under its journal.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
import secrets
import sqlite3
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path

from actorgraph.extractors.records import Article, ArticleResult

from . import merge_delta
from .cache import CACHE_DIR, _write_atomic
from .merge_delta import Changes, copy_rows
from .stream_merge import MAX_SEQ, SEQ_GAP_BITS, MergeStore, full_seq
from .write import graph_code

__all__ = ["Plan", "StoreBroken"]

#: the folder of the last build's store, inside the cache folder
FOLDER = "merge"
#: the file naming the current store
POINTER = "CURRENT"
#: the layout of the store (a store of another layout is not used)
FORMAT = "1"
#: changes (articles added plus removed) merged into the last store, at most: this share
#: of the articles, or SMALL_CHANGE articles; larger ones make the store again
CHANGE_SHARE = 0.2
SMALL_CHANGE = 1000
#: SQLite's page cache of the kept store
CACHE_MB = 64


class StoreBroken(Exception):
    """The last build's store failed (damaged): build without it.  Raised by the build
    for any SQLite error while the last store is in use (:attr:`Plan.old`)."""


def store_meta(base: str, min_confidence: float, fingerprint: str) -> dict[str, str]:
    """What a store must have been made with to be used again."""
    return {
        "format": FORMAT,
        "code": graph_code(),
        "fingerprint": fingerprint,
        "base": base,
        "min_confidence": repr(min_confidence),
    }


class Plan:
    """How one build gets its merged store (see the module doc).

    Args:
        out: the output folder.
        work: the build's scratch folder (in ``out``).
        meta: :func:`store_meta` of this build.
        min_confidence: ``--min-confidence``.
        use_last: whether the last build's store may be used.
        stamp: the size and time of an article's cache entry (by text hash), or None.
    """

    def __init__(
        self,
        out: Path,
        work: Path,
        meta: dict[str, str],
        min_confidence: float,
        *,
        use_last: bool,
        stamp: Callable[[str], str | None],
    ) -> None:
        self.folder = Path(out) / CACHE_DIR / FOLDER
        self.meta = meta
        self.stamp = stamp
        self.old = self._open_last() if use_last else None
        name = "staged.sqlite" if self.old is not None else "merge.sqlite"
        self.target = MergeStore(work / name, min_confidence=min_confidence)
        self.kept_index: array[int] = array("q")
        self.kept_seq: array[int] = array("q")
        self._held = ("", 0)
        self.incremental = False

    # ------------------------------------------------------------------ the last store

    def _current(self) -> Path | None:
        try:
            name = (self.folder / POINTER).read_text(encoding="utf-8").strip()
        except OSError:
            return None
        path = self.folder / name
        return path if name and "/" not in name and path.is_file() else None

    def _open_last(self) -> MergeStore | None:
        path = self._current()
        if path is None:
            return None
        try:
            db = sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None)
        except sqlite3.Error:
            return None
        try:
            db.execute(f"PRAGMA cache_size={-CACHE_MB * 1024}")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            meta = dict(db.execute("SELECT k, v FROM meta"))
        except sqlite3.Error:
            db.close()
            return None
        if any(meta.get(k) != v for k, v in self.meta.items()):
            db.close()
            return None
        store = MergeStore(path, min_confidence=float(self.meta["min_confidence"]), db=db)
        store.base = self.meta["base"]
        return store

    # ------------------------------------------------------------------ collecting

    def holds(self, article: Article) -> bool:
        """Whether the last store holds ``article`` (read once, text empty) as it is:
        then its text and result are not read (see :meth:`keep`)."""
        if self.old is None:
            return False
        row = self.old.db.execute(
            "SELECT seq, path, sha, title, date, also, entry FROM art WHERE name = ?",
            (article.name,),
        ).fetchone()
        if row is None or row[6] is None:
            return False
        a = article
        now = (a.path, a.sha256, a.title, a.date, json.dumps(a.also_named))
        if tuple(row[1:6]) != now or row[6] != self.stamp(a.sha256):
            return False
        self._held = (a.name, row[0])
        return True

    def keep(self, index: int, article: Article) -> None:
        """Keep the article :meth:`holds` has just found, at ``index`` in the input."""
        name, seq = self._held
        assert name == article.name, (name, article.name)
        self.kept_index.append(index)
        self.kept_seq.append(seq)

    def add(self, index: int, result: ArticleResult) -> None:
        """Take the result of an article the last store does not hold."""
        seq = index if self.old is not None else full_seq(index)
        self.target.add(seq, result, self.stamp(result.article.sha256))

    # ------------------------------------------------------------------ merging

    def finish(self, base: str) -> tuple[MergeStore, Changes | None]:
        """The merged store of this build, and what changed in it (None: merged whole)."""
        self.target.flush()
        if self.old is None:
            self.target.merge(base)
            self.target.set_meta(self.meta)
            return self.target, None
        staged = [s for (s,) in self.target.db.execute("SELECT seq FROM art ORDER BY seq")]
        ordered = all(a < b for a, b in zip(self.kept_seq, self.kept_seq[1:], strict=False))
        removed = list(self._removed()) if ordered else []
        seqs = _places(self.kept_index, self.kept_seq, staged, removed) if ordered else None
        change = len(staged) + len(removed)
        small = change <= max(SMALL_CHANGE, CHANGE_SHARE * (len(self.kept_seq) + len(staged)))
        if seqs is not None and small:
            self.target.close()
            db = self.old.db
            db.execute("ATTACH DATABASE ? AS stg", (str(self.target.path),))
            db.execute("BEGIN IMMEDIATE")
            self.incremental = True
            changes = merge_delta.apply(self.old, removed, "stg", seqs)
            return self.old, changes
        return self._rebuild(base, staged), None

    def _removed(self) -> Iterator[int]:
        """The ``seq`` of the last store's articles that were not kept (both in order)."""
        assert self.old is not None
        kept = iter(self.kept_seq)
        nxt = next(kept, None)
        for (seq,) in self.old.db.execute("SELECT seq FROM art ORDER BY seq"):
            if seq == nxt:
                nxt = next(kept, None)
            else:
                yield seq

    def _rebuild(self, base: str, staged: list[int]) -> MergeStore:
        """A new store of the kept rows (numbered afresh) and the staged ones, merged."""
        assert self.old is not None
        path = self.target.path.with_name("merge.sqlite")
        new = MergeStore(path, min_confidence=self.target.min_confidence)
        db = new.db
        db.execute("ATTACH DATABASE ? AS old", (str(self.old.path),))
        db.execute("ATTACH DATABASE ? AS stg", (str(self.target.path),))
        places = [
            ("old", zip(self.kept_seq, (full_seq(i) for i in self.kept_index), strict=True)),
            ("stg", ((i, full_seq(i)) for i in staged)),
        ]
        with new.transaction():
            for schema, pairs in places:
                db.execute("DROP TABLE IF EXISTS temp.m")
                db.execute("CREATE TEMP TABLE m(old INTEGER PRIMARY KEY, seq INTEGER)")
                db.executemany("INSERT INTO temp.m VALUES (?,?)", pairs)
                copy_rows(db, schema, "m")
            db.execute(
                "INSERT OR REPLACE INTO names SELECT name, sha FROM art UNION ALL "
                "SELECT j.value, art.sha FROM art, json_each(art.also) AS j"
            )
        db.execute("DETACH DATABASE old")
        db.execute("DETACH DATABASE stg")
        self.old.close()
        self.old = None
        self.target.close()
        self.target = new
        new.merge(base)
        new.set_meta(self.meta)
        return new

    # ------------------------------------------------------------------ ending

    def commit(self) -> str | None:
        """Keep this build's store for the next one (after the outputs are in place).

        Returns:
            Why it could not be kept (the next build then merges everything), or None.
        """
        if self.incremental:
            assert self.old is not None
            db = self.old.db
            db.execute("COMMIT")
            db.execute("DETACH DATABASE stg")
            with contextlib.suppress(sqlite3.Error):
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.close()
            return None
        self.close()
        name = f"merge-{secrets.token_hex(6)}.sqlite"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            os.replace(self.target.path, self.folder / name)
            _write_atomic(self.folder / POINTER, name.encode("utf-8"))
        except OSError as exc:
            return f"cannot keep the merge store in {self.folder}: {exc.strerror or exc}"
        for path in self.folder.iterdir():
            if path.name != POINTER and not path.name.startswith(name):
                with contextlib.suppress(OSError):
                    path.unlink()
        return None

    def close(self) -> None:
        """Close the stores (an open transaction is rolled back: the last store stays)."""
        for store in (self.old, self.target):
            if store is None:
                continue
            with contextlib.suppress(sqlite3.Error):
                if store.db.in_transaction:
                    store.db.execute("ROLLBACK")
                store.close()


def _places(
    kept_index: array[int], kept_seq: array[int], staged: list[int], freed: list[int]
) -> list[tuple[int, int]] | None:
    """A ``seq`` for each staged article (by input index) between those of its kept
    neighbours: the places of removed articles there if there are enough (a changed
    article keeps its own), else evenly spread; None where there is no room."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(staged):
        k = bisect.bisect_left(kept_index, staged[i])  # the next kept article
        j = i
        while j < len(staged) and (k == len(kept_index) or staged[j] < kept_index[k]):
            j += 1
        run = staged[i:j]
        lo = kept_seq[k - 1] if k > 0 else 0
        hi = kept_seq[k] if k < len(kept_seq) else lo + ((len(run) + 1) << SEQ_GAP_BITS)
        if hi > MAX_SEQ:
            return None
        spare = freed[bisect.bisect_right(freed, lo) : bisect.bisect_left(freed, hi)]
        if len(spare) >= len(run):
            places = spare[: len(run)]
        else:
            step = (hi - lo) // (len(run) + 1)
            if step < 1:
                return None
            places = [lo + step * (n + 1) for n in range(len(run))]
        out += zip(run, places, strict=True)
        i = j
    return out
