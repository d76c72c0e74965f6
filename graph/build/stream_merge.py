"""Merge per-article results on disk, in memory that does not grow with the corpus.

:func:`~actorgraph.graph.core.merge.merge` holds every result, and the whole merged graph,
in memory: about 5 KB an article.  :class:`MergeStore` takes the same results one at a
time into an SQLite database (the standard library's: no server, no new dependency,
one file) and makes the same decisions with SQL over its rows, so that what stays in
memory is bounded by the largest single entity or fact, plus one integer per distinct
entity key for the union-find:

1. *ingest*: each result becomes rows (article, entity occurrences, facts above the
   confidence bound), written in batches; results may arrive in any order, each with
   its place in the input (``seq``: only the order of these numbers matters, so a
   build leaves gaps between them for articles added later).
2. *identity*: occurrences that are alike (same key, label, type and aliases) are
   grouped, and only the first of each group, in input order, can change a name's
   first owner or join two keys (a repeat finds them already joined), so the names
   that join keys across articles are worked out for these groups only, and the union-
   find of :func:`~actorgraph.graph.core.merge.merge` is replayed over integer key ids
   (ids follow key order, so "the smaller key wins" compares ids).
3. *aggregates* (:mod:`~actorgraph.graph.build.merge_sql`): labels, types, aliases,
   mention counts and article lists per node; facts mapped onto nodes, checked against
   the ontology and grouped into edges with their evidence sorted as :func:`merge` sorts it.

Every tie is broken as the in-memory merge breaks it (the first label or type seen,
in input order), so the records read back are equal to :func:`merge`'s and the files
written from them (:mod:`actorgraph.graph.build.stream_write`) equal byte for byte those
written from the in-memory graph.  The database is kept after the build, with the
indexes that let the next build merge only what its changes reach
(:mod:`~actorgraph.graph.build.merge_delta`).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from actorgraph.extractors.normalize import fold
from actorgraph.extractors.records import (
    Article,
    ArticleResult,
    Edge,
    Entity,
    Evidence,
    KnowledgeGraph,
)
from actorgraph.graph.core.iri import DEFAULT_BASE, entity_iri, fact_iri
from actorgraph.graph.core.merge import name_keys

from . import merge_sql

__all__ = ["MergeStore", "full_seq"]

#: an occurrence's order is (input position << POS_BITS) | its place among the entities
POS_BITS = 24
#: a full build numbers article i as (i + 1) << SEQ_GAP_BITS: room for later insertions
SEQ_GAP_BITS = 12
#: the largest ``seq`` (``seq << POS_BITS`` must stay a 64-bit integer)
MAX_SEQ = (1 << (63 - POS_BITS)) - 1
#: results buffered before their rows are written
FLUSH_ARTICLES = 512
#: rows made in Python (names, roots) buffered before they are written
BATCH_ROWS = 50_000
#: nodes kept for the facts' records (triples.jsonl)
ENTITY_CACHE = 4096

_SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
CREATE TABLE art(seq INTEGER PRIMARY KEY, name TEXT, path TEXT, sha TEXT, title TEXT,
                 date TEXT, also TEXT, entry TEXT);
CREATE TABLE names(name TEXT PRIMARY KEY, sha TEXT) WITHOUT ROWID;
CREATE TABLE occ(ord INTEGER, seq INTEGER, key TEXT, label TEXT, type TEXT,
                 mentions INTEGER, aliases TEXT);
CREATE TABLE fact(seq INTEGER, subj TEXT, rel TEXT, obj TEXT, article TEXT, sha TEXT,
                  sentence TEXT, start INTEGER, end_ INTEGER, extractor TEXT, confidence REAL);
"""

#: indexes of the raw rows and of the identity tables, for the incremental merge
_INDEXES = """
CREATE INDEX IF NOT EXISTS art_name ON art(name);
CREATE INDEX IF NOT EXISTS art_sha ON art(sha);
CREATE INDEX IF NOT EXISTS occ_seq ON occ(seq);
CREATE INDEX IF NOT EXISTS occ_key ON occ(key);
CREATE INDEX IF NOT EXISTS fact_seq ON fact(seq);
CREATE INDEX IF NOT EXISTS fact_subj ON fact(subj);
CREATE INDEX IF NOT EXISTS fact_obj ON fact(obj);
CREATE UNIQUE INDEX IF NOT EXISTS sig_id ON sig(key, label, type, aliases);
CREATE INDEX IF NOT EXISTS sn_nk ON sn(nk, f, j);
CREATE INDEX IF NOT EXISTS sn_kid ON sn(kid);
CREATE INDEX IF NOT EXISTS kn_kid ON kn(kid);
CREATE INDEX IF NOT EXISTS kr_rid ON kr(rid);
"""


#: the order of ``ev``: edges by (subject, relation, object), evidence as :func:`merge` sorts it
EV_ORDER = "s, rel, o, article, start, extractor, end_, sentence, confidence, sha"


def full_seq(index: int) -> int:
    """The ``seq`` a full build gives the article at ``index`` in the input."""
    return (index + 1) << SEQ_GAP_BITS


def connect(path: Path, cache_mb: int) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are begun explicitly)."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA cache_size={-cache_mb * 1024}")
    return db


class MergeStore:
    """Per-article results on disk, merged into one graph as :func:`merge` merges them.

    Args:
        path: the database file (created; it must not exist).
        min_confidence: evidence below this confidence is dropped.
        cache_mb: SQLite's page cache.
        db: an open connection to an existing, merged store instead (see
            :mod:`~actorgraph.graph.build.merge_state`); ``path`` is then its file.

    Usage::

        store = MergeStore(tmp / "merge.sqlite", min_confidence=0.5)
        for index, result in enumerate(results):
            store.add(full_seq(index), result)
        store.merge(base)
        for edge in store.edges(): ...
        store.close()
    """

    def __init__(
        self,
        path: Path,
        *,
        min_confidence: float = 0.0,
        cache_mb: int = 64,
        db: sqlite3.Connection | None = None,
    ) -> None:
        self.path = Path(path)
        self.min_confidence = min_confidence
        self.base = DEFAULT_BASE
        if db is None:
            self.db = connect(self.path, cache_mb)
            for pragma in ("journal_mode=OFF", "synchronous=OFF"):
                self.db.execute(f"PRAGMA {pragma}")
            self.db.executescript(_SCHEMA)
            self.merged = False
        else:
            self.db = db
            self.merged = True
        self._rows: dict[str, list[tuple[Any, ...]]] = {
            "art": [],
            "names": [],
            "occ": [],
            "fact": [],
        }
        self._pending = 0
        #: the last nodes looked up by :meth:`entity` (the endpoints of facts repeat)
        self._entities_seen: dict[str, Entity] = {}

    # ------------------------------------------------------------------ ingest

    def add(self, seq: int, result: ArticleResult, entry: str | None = None) -> None:
        """Take one article's result; ``seq``: its place in the input (unique, in input
        order); ``entry``: what the cache entry it came from looked like (see
        :mod:`~actorgraph.graph.build.merge_state`)."""
        a = result.article
        rows = self._rows
        also = json.dumps(a.also_named)
        rows["art"].append((seq, a.name, a.path, a.sha256, a.title, a.date, also, entry))
        rows["names"] += [(n, a.sha256) for n in (a.name, *a.also_named)]
        base = seq << POS_BITS
        for pos, e in enumerate(result.entities):
            if pos >> POS_BITS:
                raise ValueError(f"{a.name}: more than {1 << POS_BITS} entities")
            aliases = json.dumps(e.aliases, ensure_ascii=False)
            rows["occ"].append((base | pos, seq, e.key, e.label, e.type, e.mentions, aliases))
        for f in result.facts:
            ev = f.evidence
            if ev.confidence < self.min_confidence:
                continue
            head = (seq, f.subject, f.relation, f.object, ev.article, ev.article_sha256)
            rows["fact"].append((*head, ev.sentence, ev.start, ev.end, ev.extractor, ev.confidence))
        self._pending += 1
        if self._pending >= FLUSH_ARTICLES:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows."""
        with self.transaction():
            for table, rows in self._rows.items():
                if rows:
                    marks = ",".join("?" * len(rows[0]))
                    verb = "INSERT OR REPLACE" if table == "names" else "INSERT"
                    self.db.executemany(f"{verb} INTO {table} VALUES ({marks})", rows)
                    rows.clear()
        self._pending = 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """A transaction, or a savepoint inside one already open."""
        if self.db.in_transaction:
            self.db.execute("SAVEPOINT part")
            try:
                yield
            except BaseException:
                self.db.execute("ROLLBACK TO part")
                raise
            self.db.execute("RELEASE part")
            return
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        """Close the database (the caller keeps or deletes the file)."""
        self.db.close()

    def set_meta(self, meta: dict[str, str]) -> None:
        """Record what the store was made with (checked before it is used again)."""
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", meta.items())

    def meta(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT k, v FROM meta"))

    # ------------------------------------------------------------------ merge

    def merge(self, base: str = DEFAULT_BASE) -> None:
        """Resolve entities and group facts into edges (see the module doc)."""
        self.flush()
        self.base = base
        db = self.db
        db.executescript(
            """
                BEGIN;
                CREATE TABLE sig AS SELECT key, label, type, aliases, SUM(mentions) AS m,
                    COUNT(*) AS c, MIN(ord) AS f FROM occ GROUP BY key, label, type, aliases;
                CREATE TABLE k(id INTEGER PRIMARY KEY, key TEXT);
                INSERT INTO k(key) SELECT DISTINCT key FROM sig ORDER BY key;
                CREATE UNIQUE INDEX k_key ON k(key);
                CREATE TABLE sn(f INTEGER, j INTEGER, kid INTEGER, nk TEXT,
                                PRIMARY KEY(f, j)) WITHOUT ROWID;
                CREATE TABLE kn(kid INTEGER, name TEXT);
                COMMIT;
                """
        )
        with self.transaction():
            self._name_rows()
        parent = self._union_find()
        with self.transaction():
            self._roots(parent)
            merge_sql.create_tables(db)
            merge_sql.key_aggregates(db)
            merge_sql.roots(db, scoped=False)
            merge_sql.entities(db)
            merge_sql.evidence(db)
            merge_sql.script(db, _INDEXES)
            merge_sql.script(db, merge_sql.INDEXES)
        self.set_meta({"base": base})
        self.merged = True

    def _name_rows(self) -> None:
        """The names each group of alike occurrences is filed under, in input order
        (table ``sn``, in ``(f, j)`` order), and every name of each key (table ``kn``)."""
        db = self.db
        db.execute(
            "INSERT INTO kn SELECT k.id, sig.label FROM sig JOIN k ON k.key = sig.key "
            "UNION ALL SELECT k.id, j.value FROM sig JOIN k ON k.key = sig.key, "
            "json_each(sig.aliases) AS j WHERE sig.aliases != '[]'"
        )
        signatures = db.execute(
            "SELECT k.id, sig.label, sig.type, sig.aliases, sig.f FROM sig "
            "JOIN k ON k.key = sig.key ORDER BY sig.f"
        )
        insert_names(db, signatures)

    def _union_find(self) -> array[int]:
        """Replay :func:`merge`'s unions over key ids; returns the parent array."""
        db = self.db
        db.executescript(
            """
            BEGIN;
            CREATE TABLE holder(nk TEXT PRIMARY KEY, kid INTEGER) WITHOUT ROWID;
            INSERT OR IGNORE INTO holder SELECT nk, kid FROM sn ORDER BY f, j;
            COMMIT;
            """
        )
        (count,) = db.execute("SELECT COUNT(*) FROM k").fetchone()
        lo, hi = db.execute(
            "SELECT MIN(id), MAX(id) FROM k WHERE key >= 'gaz:' AND key < 'gaz;'"
        ).fetchone()
        lo, hi = (lo, hi) if lo is not None else (0, -1)
        parent = array("q", range(count + 1))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        pairs = db.execute(
            "SELECT h.kid, s.kid FROM sn s JOIN holder h ON h.nk = s.nk "
            "WHERE h.kid != s.kid ORDER BY s.f, s.j"
        )
        for a, b in pairs:
            ra, rb = find(a), find(b)
            a_gaz, b_gaz = lo <= ra <= hi, lo <= rb <= hi
            if ra == rb or (a_gaz and b_gaz):
                continue
            if b_gaz or (not a_gaz and rb < ra):
                ra, rb = rb, ra
            parent[rb] = ra
        for x in range(1, count + 1):
            parent[x] = find(x)
        return parent

    def _roots(self, parent: array[int]) -> None:
        """Each key's root (table ``kr``), and each root's key and IRI (``temp.ri``)."""
        db = self.db
        db.execute("CREATE TABLE kr(kid INTEGER PRIMARY KEY, rid INTEGER)")
        batch: list[tuple[int, int]] = []
        for kid in range(1, len(parent)):
            batch.append((kid, parent[kid]))
            if len(batch) >= BATCH_ROWS:
                db.executemany("INSERT INTO kr VALUES (?,?)", batch)
                batch = []
        db.executemany("INSERT INTO kr VALUES (?,?)", batch)
        rows = db.execute(
            "SELECT DISTINCT k.id, k.key FROM kr JOIN k ON k.id = kr.rid ORDER BY k.id"
        )
        insert_roots(db, self.base, rows)

    # ------------------------------------------------------------------ reading

    def _check(self) -> None:
        if not self.merged:
            raise RuntimeError("MergeStore.merge() must run first")

    def article_count(self) -> int:
        (n,) = self.db.execute("SELECT COUNT(*) FROM art").fetchone()
        return int(n)

    def articles(self) -> Iterator[Article]:
        """Every article (without its text), by name."""
        rows = self.db.execute("SELECT name, path, sha, title, date, also FROM art ORDER BY name")
        for name, path, sha, title, date, also in rows:
            yield Article(name, path, "", sha, title, date, tuple(json.loads(also)))

    def entity_count(self) -> int:
        self._check()
        (n,) = self.db.execute("SELECT COUNT(*) FROM ent").fetchone()
        return int(n)

    def per_relation(self) -> dict[str, int]:
        """Edges per relation, most first (ties: in edge order), as ``Counter.most_common``."""
        self._check()
        # a relation's first edge in (s, rel, o) order: its smallest subject, then itself
        rows = self.db.execute(
            "SELECT rel, COUNT(*) AS n, MIN(s) AS f FROM (SELECT DISTINCT s, rel, o FROM ev) "
            "GROUP BY rel ORDER BY n DESC, f, rel"
        )
        return {rel: n for rel, n, _ in rows}

    def entities(self) -> Iterator[tuple[Entity, list[str]]]:
        """Every node by IRI, with the hashes of its articles (in the order of their names)."""
        self._check()
        db = self.db
        aliases = _Groups(db.execute("SELECT iri, name FROM ealias ORDER BY iri, name"))
        arts = _Groups(db.execute("SELECT iri, name, sha FROM earts ORDER BY iri, name"))
        rows = db.execute("SELECT iri, rkey, label, type, mentions FROM ent ORDER BY iri")
        for iri, rkey, label, etype, mentions in rows:
            names = tuple(a[0] for a in aliases.take(iri))
            mentioned = arts.take(iri)
            entity = Entity(
                iri, rkey, label, etype, names, mentions, tuple(a[0] for a in mentioned)
            )
            yield entity, [a[1] for a in mentioned]

    def entity(self, iri: str) -> Entity:
        """One node, without its article list (what triples.jsonl needs)."""
        entity = self._entities_seen.get(iri)
        if entity is None:
            row = self.db.execute(
                "SELECT rkey, label, type, mentions FROM ent WHERE iri = ?", (iri,)
            ).fetchone()
            names = self.db.execute("SELECT name FROM ealias WHERE iri = ? ORDER BY name", (iri,))
            entity = Entity(iri, row[0], row[1], row[2], tuple(n for (n,) in names), row[3], ())
            if len(self._entities_seen) >= ENTITY_CACHE:
                self._entities_seen.pop(next(iter(self._entities_seen)))
            self._entities_seen[iri] = entity
        return entity

    def edges(self) -> Iterator[tuple[Edge, dict[tuple[str, str], str]]]:
        """Every edge in (subject, relation, object) order, with the hash of the article
        node of each of its evidence's (article name, hash)."""
        self._check()
        rows = self.db.execute(f"SELECT * FROM ev ORDER BY {EV_ORDER}")
        current: tuple[str, str, str] | None = None
        evidence: list[Evidence] = []
        nodes: dict[tuple[str, str], str] = {}
        for s, rel, o, article, sha, sentence, start, end, extractor, conf, node in rows:
            if (s, rel, o) != current:
                if current is not None:
                    yield self._edge(current, evidence), nodes
                current, evidence, nodes = (s, rel, o), [], {}
            evidence.append(Evidence(article, sha, sentence, start, end, extractor, conf))
            nodes[(article, sha)] = node
        if current is not None:
            yield self._edge(current, evidence), nodes

    def _edge(self, key: tuple[str, str, str], evidence: list[Evidence]) -> Edge:
        s, rel, o = key
        return Edge(str(fact_iri(self.base, s, rel, o)), s, rel, o, tuple(evidence))

    def knowledge_graph(self, *, linked_only: bool = False) -> KnowledgeGraph:
        """The merged graph in memory, equal to :func:`merge`'s (entities in its order).

        Args:
            linked_only: only the entities that take part in an edge (for graph.html).
        """
        self._check()
        db = self.db
        edges = tuple(edge for edge, _ in self.edges())
        linked = {e.subject for e in edges} | {e.object for e in edges}
        aliases: dict[str, list[str]] = {}
        for iri, name in db.execute("SELECT iri, name FROM ealias ORDER BY iri, name"):
            aliases.setdefault(iri, []).append(name)
        arts: dict[str, list[str]] = {}
        for iri, name in db.execute("SELECT iri, name FROM earts ORDER BY iri, name"):
            arts.setdefault(iri, []).append(name)
        entities: dict[str, Entity] = {}
        rows = db.execute("SELECT iri, rkey, label, type, mentions FROM ent ORDER BY first")
        for iri, rkey, label, etype, mentions in rows:
            if linked_only and iri not in linked:
                continue
            entities[iri] = Entity(
                iri,
                rkey,
                label,
                etype,
                tuple(aliases.get(iri, ())),
                mentions,
                tuple(arts.get(iri, ())),
            )
        return KnowledgeGraph(entities=entities, edges=edges, articles=tuple(self.articles()))


def insert_names(
    db: sqlite3.Connection, signatures: Iterable[tuple[int, str, str, str, int]]
) -> None:
    """Table ``sn``: the names of each signature ``(kid, label, type, aliases, f)``."""
    sn: list[tuple[int, int, int, str]] = []
    for kid, label, etype, aliases_json, f in signatures:
        aliases = () if aliases_json == "[]" else json.loads(aliases_json)
        sn += [(f, j, kid, nk) for j, nk in enumerate(name_keys(label, etype, aliases, fold))]
        if len(sn) > BATCH_ROWS:
            db.executemany("INSERT INTO sn VALUES (?,?,?,?)", sn)
            sn = []
    db.executemany("INSERT INTO sn VALUES (?,?,?,?)", sn)


def insert_roots(db: sqlite3.Connection, base: str, rows: Iterable[tuple[int, str]]) -> None:
    """``temp.ri``: each root ``(rid, rkey)`` with its IRI."""
    db.execute("DROP TABLE IF EXISTS temp.ri")
    db.execute("CREATE TEMP TABLE ri(rid INTEGER PRIMARY KEY, rkey TEXT, iri TEXT)")
    out: list[tuple[int, str, str]] = []
    for rid, rkey in rows:
        out.append((rid, rkey, str(entity_iri(base, rkey))))
        if len(out) >= BATCH_ROWS:
            db.executemany("INSERT INTO temp.ri VALUES (?,?,?)", out)
            out = []
    db.executemany("INSERT INTO temp.ri VALUES (?,?,?)", out)


class _Groups:
    """Rows sorted by their first column, handed out one key at a time."""

    def __init__(self, rows: Iterable[tuple[Any, ...]]) -> None:
        self._rows = iter(rows)
        self._next = next(self._rows, None)

    def take(self, key: str) -> list[tuple[Any, ...]]:
        """The rest of each row whose first column is ``key`` (keys asked in sorted order)."""
        out = []
        while self._next is not None and self._next[0] <= key:
            if self._next[0] == key:
                out.append(self._next[1:])
            self._next = next(self._rows, None)
        return out
