"""Merge per-article results on disk, in memory that does not grow with the corpus.

:func:`~actorgraph.graph.core.merge.merge` holds every result, and the whole merged graph,
in memory: about 5 KB an article.  :class:`MergeStore` takes the same results one at a
time into an SQLite database (the standard library's: no server, no new dependency,
one file that is deleted afterwards) and makes the same decisions with SQL over its
rows, so that what stays in memory is bounded by the largest single entity or fact,
plus one integer per distinct entity key for the union-find:

1. *ingest*: each result becomes rows (article, entity occurrences, facts above the
   confidence bound), written in batches; results may arrive in any order, each with
   its input position.
2. *identity*: occurrences that are alike (same key, label, type and aliases) are
   grouped, and only the first of each group, in input order, can change a name's
   first owner or join two keys (a repeat finds them already joined), so the names
   that join keys across articles are worked out for these groups only, and the union-
   find of :func:`~actorgraph.graph.core.merge.merge` is replayed over integer key ids
   (ids follow key order, so "the smaller key wins" compares ids).
3. *aggregates*: labels, types, aliases, mention counts and article lists per node;
   facts mapped onto nodes, checked against the ontology and grouped into edges with
   their evidence sorted as :func:`merge` sorts it.

Every tie is broken as the in-memory merge breaks it (the first label or type seen,
in input order), so the records read back are equal to :func:`merge`'s and the files
written from them (:mod:`actorgraph.graph.build.stream_write`) equal byte for byte those
written from the in-memory graph.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from actorgraph.extractors.normalize import bare_name, fold, is_acronym, is_generic_name
from actorgraph.extractors.records import (
    Article,
    ArticleResult,
    Edge,
    Entity,
    Evidence,
    KnowledgeGraph,
)
from actorgraph.graph.core.iri import DEFAULT_BASE, entity_iri, fact_iri
from actorgraph.graph.core.merge import _type_group
from actorgraph.ontology import load_schema

__all__ = ["MergeStore"]

#: an occurrence's order is (input position << POS_BITS) | its place among the entities
POS_BITS = 24
#: results buffered before their rows are written
FLUSH_ARTICLES = 512
#: rows made in Python (names, roots) buffered before they are written
BATCH_ROWS = 50_000
#: nodes kept for the facts' records (triples.jsonl)
ENTITY_CACHE = 4096

_SCHEMA = """
CREATE TABLE art(seq INTEGER PRIMARY KEY, name TEXT, path TEXT, sha TEXT, title TEXT,
                 date TEXT, also TEXT);
CREATE TABLE names(name TEXT PRIMARY KEY, sha TEXT) WITHOUT ROWID;
CREATE TABLE occ(ord INTEGER, seq INTEGER, key TEXT, label TEXT, type TEXT,
                 mentions INTEGER, aliases TEXT);
CREATE TABLE fact(subj TEXT, rel TEXT, obj TEXT, article TEXT, sha TEXT, sentence TEXT,
                  start INTEGER, end_ INTEGER, extractor TEXT, confidence REAL);
"""


def _name_keys(label: str, etype: str, aliases: Iterable[str]) -> list[str]:
    """The names under which :func:`merge` files an entity (``group\\x1ffolded``)."""
    group = _type_group(etype)
    keys = []
    for name in (label, *aliases):
        if is_acronym(name) or (etype == "Person" and bare_name(name)):
            continue
        if is_generic_name(name):  # "Foreign Ministry": each state has one
            continue
        keys.append(f"{group}\x1f{fold(name)}")
    if (
        len(label.split()) >= 2
        and not is_generic_name(label)
        and not (etype == "Person" and bare_name(label))
    ):
        keys.append(f"any\x1f{fold(label)}")
    return keys


class MergeStore:
    """Per-article results on disk, merged into one graph as :func:`merge` merges them.

    Args:
        path: the database file (created; the caller deletes it).
        min_confidence: evidence below this confidence is dropped.
        cache_mb: SQLite's page cache.

    Usage::

        store = MergeStore(tmp / "merge.sqlite", min_confidence=0.5)
        for index, result in enumerate(results):
            store.add(index, result)
        store.merge(base)
        for edge in store.edges(): ...
        store.close()
    """

    def __init__(self, path: Path, *, min_confidence: float = 0.0, cache_mb: int = 64) -> None:
        self.path = Path(path)
        self.min_confidence = min_confidence
        self.db = sqlite3.connect(self.path, isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", f"cache_size={-cache_mb * 1024}"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.executescript(_SCHEMA)
        self._rows: dict[str, list[tuple[Any, ...]]] = {
            "art": [],
            "names": [],
            "occ": [],
            "fact": [],
        }
        self._pending = 0
        self.base = DEFAULT_BASE
        self.merged = False
        #: the last nodes looked up by :meth:`entity` (the endpoints of facts repeat)
        self._entities_seen: dict[str, Entity] = {}

    # ------------------------------------------------------------------ ingest

    def add(self, seq: int, result: ArticleResult) -> None:
        """Take one article's result; ``seq``: its position in the input (unique)."""
        a = result.article
        rows = self._rows
        rows["art"].append(
            (seq, a.name, a.path, a.sha256, a.title, a.date, json.dumps(a.also_named))
        )
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
            head = (f.subject, f.relation, f.object, ev.article, ev.article_sha256)
            rows["fact"].append((*head, ev.sentence, ev.start, ev.end, ev.extractor, ev.confidence))
        self._pending += 1
        if self._pending >= FLUSH_ARTICLES:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows."""
        with self._transaction():
            for table, rows in self._rows.items():
                if rows:
                    marks = ",".join("?" * len(rows[0]))
                    verb = "INSERT OR REPLACE" if table == "names" else "INSERT"
                    self.db.executemany(f"{verb} INTO {table} VALUES ({marks})", rows)
                    rows.clear()
        self._pending = 0

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        """Close the database (the caller deletes the file)."""
        self.db.close()

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
                CREATE TABLE sn(n INTEGER PRIMARY KEY, kid INTEGER, nk TEXT);
                CREATE TABLE kn(kid INTEGER, name TEXT);
                COMMIT;
                """
        )
        with self._transaction():
            self._name_rows()
        parent = self._union_find()
        with self._transaction():
            self._roots(parent)
        self._entities()
        self._edges()
        self.merged = True

    def _name_rows(self) -> None:
        """The names each group of alike occurrences is filed under, in input order
        (table ``sn``, in ``n`` order), and every name of each key (table ``kn``)."""
        db = self.db
        db.execute(
            "INSERT INTO kn SELECT k.id, sig.label FROM sig JOIN k ON k.key = sig.key "
            "UNION ALL SELECT k.id, j.value FROM sig JOIN k ON k.key = sig.key, "
            "json_each(sig.aliases) AS j WHERE sig.aliases != '[]'"
        )
        signatures = db.execute(
            "SELECT k.id, sig.label, sig.type, sig.aliases FROM sig JOIN k ON k.key = sig.key "
            "ORDER BY sig.f"
        )
        sn: list[tuple[int, str]] = []
        for kid, label, etype, aliases_json in signatures:
            aliases = () if aliases_json == "[]" else json.loads(aliases_json)
            sn += [(kid, nk) for nk in _name_keys(label, etype, aliases)]
            if len(sn) > BATCH_ROWS:
                db.executemany("INSERT INTO sn(kid, nk) VALUES (?,?)", sn)
                sn = []
        db.executemany("INSERT INTO sn(kid, nk) VALUES (?,?)", sn)

    def _union_find(self) -> array[int]:
        """Replay :func:`merge`'s unions over key ids; returns the parent array."""
        db = self.db
        db.executescript(
            """
            BEGIN;
            CREATE TABLE holder(nk TEXT PRIMARY KEY, kid INTEGER) WITHOUT ROWID;
            INSERT OR IGNORE INTO holder SELECT nk, kid FROM sn ORDER BY n;
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
            "WHERE h.kid != s.kid ORDER BY s.n"
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
        """Each key's node: its root and the root's IRI (table ``kiri``)."""
        db = self.db
        db.execute("CREATE TABLE kr(kid INTEGER PRIMARY KEY, rid INTEGER)")
        batch: list[tuple[int, int]] = []
        for kid in range(1, len(parent)):
            batch.append((kid, parent[kid]))
            if len(batch) >= BATCH_ROWS:
                db.executemany("INSERT INTO kr VALUES (?,?)", batch)
                batch = []
        db.executemany("INSERT INTO kr VALUES (?,?)", batch)
        db.execute("CREATE TABLE ri(rid INTEGER PRIMARY KEY, rkey TEXT, iri TEXT)")
        rows = db.execute(
            "SELECT DISTINCT k.id, k.key FROM kr JOIN k ON k.id = kr.rid ORDER BY k.id"
        )
        out: list[tuple[int, str, str]] = []
        for rid, rkey in rows:
            out.append((rid, rkey, str(entity_iri(self.base, rkey))))
            if len(out) >= BATCH_ROWS:
                db.executemany("INSERT INTO ri VALUES (?,?,?)", out)
                out = []
        db.executemany("INSERT INTO ri VALUES (?,?,?)", out)

    def _entities(self) -> None:
        """One node per root: label, type, mentions, aliases and articles as :func:`merge`."""
        db = self.db
        db.executescript(
            """
            BEGIN;
            CREATE TABLE kagg AS SELECT k.id AS kid, SUM(sig.c) AS n, MIN(sig.f) AS f,
                SUM(sig.m) AS m FROM sig JOIN k ON k.key = sig.key GROUP BY k.id;
            -- the label most mentioned, the root key's own mentions weighing 1000 more each;
            -- a tie goes to the label seen first
            CREATE TABLE rl(rid INTEGER PRIMARY KEY, label TEXT);
            INSERT INTO rl SELECT rid, label FROM (
                SELECT kr.rid AS rid, sig.label AS label, ROW_NUMBER() OVER (
                    PARTITION BY kr.rid
                    ORDER BY SUM(sig.m + (kr.kid = kr.rid) * 1000 * sig.c) DESC, MIN(sig.f)
                ) AS r
                FROM sig JOIN k ON k.key = sig.key JOIN kr ON kr.kid = k.id
                GROUP BY kr.rid, sig.label) WHERE r = 1;
            -- the type: every occurrence of a key adds all the mentions of that key by type;
            -- a tie goes to the type seen first (first key of the node, then its first type)
            CREATE TABLE kt AS SELECT k.id AS kid, sig.type AS type, SUM(sig.m) AS t,
                MIN(sig.f) AS ft FROM sig JOIN k ON k.key = sig.key GROUP BY k.id, sig.type;
            CREATE TABLE rt(rid INTEGER PRIMARY KEY, type TEXT);
            INSERT INTO rt SELECT rid, type FROM (
                SELECT rid, type, ROW_NUMBER() OVER (PARTITION BY rid ORDER BY w DESC, o) AS r
                FROM (SELECT kr.rid AS rid, kt.type AS type, SUM(kagg.n * kt.t) AS w,
                          MIN(printf('%020d %020d', kagg.f, kt.ft)) AS o
                      FROM kt JOIN kagg ON kagg.kid = kt.kid JOIN kr ON kr.kid = kt.kid
                      GROUP BY kr.rid, kt.type)) WHERE r = 1;
            -- two roots with one IRI (a slug clash): the last root in key order holds it
            CREATE TABLE ent(iri TEXT PRIMARY KEY, rid INTEGER, rkey TEXT, first TEXT,
                             label TEXT, type TEXT, mentions INTEGER) WITHOUT ROWID;
            INSERT INTO ent SELECT iri, rid, rkey, first, label, type, m FROM (
                SELECT ri.iri, ri.rid, ri.rkey, rl.label, rt.type, rm.m,
                    MIN(ri.rkey) OVER (PARTITION BY ri.iri) AS first,
                    ROW_NUMBER() OVER (PARTITION BY ri.iri ORDER BY ri.rkey DESC) AS r
                FROM ri JOIN rl ON rl.rid = ri.rid JOIN rt ON rt.rid = ri.rid
                JOIN (SELECT kr.rid AS rid, SUM(kagg.m) AS m FROM kagg
                      JOIN kr ON kr.kid = kagg.kid GROUP BY kr.rid) rm ON rm.rid = ri.rid)
                WHERE r = 1;
            CREATE INDEX ent_rid ON ent(rid);
            CREATE TABLE kiri(key TEXT PRIMARY KEY, iri TEXT, live INTEGER) WITHOUT ROWID;
            INSERT INTO kiri SELECT k.key, ri.iri, ri.rid = e.rid FROM k
                JOIN kr ON kr.kid = k.id JOIN ri ON ri.rid = kr.rid JOIN ent e ON e.iri = ri.iri
                ORDER BY k.key;
            CREATE TABLE ealias(iri TEXT, name TEXT, PRIMARY KEY(iri, name)) WITHOUT ROWID;
            INSERT INTO ealias SELECT DISTINCT e.iri, kn.name FROM kn
                JOIN kr ON kr.kid = kn.kid JOIN ent e ON e.rid = kr.rid
                WHERE kn.name != e.label ORDER BY 1, 2;
            CREATE TABLE earts(iri TEXT, name TEXT, sha TEXT, PRIMARY KEY(iri, name)) WITHOUT ROWID;
            INSERT OR IGNORE INTO earts SELECT DISTINCT ki.iri, a.name, a.sha FROM occ o
                JOIN kiri ki ON ki.key = o.key JOIN art a ON a.seq = o.seq
                WHERE ki.live ORDER BY 1, 2;
            COMMIT;
            """
        )

    def _edges(self) -> None:
        """Facts onto nodes, kept where the nodes' types fit the relation; evidence sorted."""
        db = self.db
        schema = load_schema()
        rels = [r for (r,) in db.execute("SELECT DISTINCT rel FROM fact")]
        types = [t for (t,) in db.execute("SELECT DISTINCT type FROM ent")]
        db.execute("CREATE TABLE fits(rel TEXT, st TEXT, ot TEXT, PRIMARY KEY(rel, st, ot))")
        with self._transaction():
            db.executemany(
                "INSERT INTO fits VALUES (?,?,?)",
                [(r, s, o) for r in rels for s in types for o in types if schema.fits(r, s, o)],
            )
        db.execute(
            """
            CREATE TABLE ev AS SELECT DISTINCT s.iri AS s, f.rel AS rel, o.iri AS o, f.article,
                f.sha, f.sentence, f.start, f.end_, f.extractor, f.confidence,
                COALESCE(nm.sha, f.sha) AS node
            FROM fact f JOIN kiri s ON s.key = f.subj JOIN kiri o ON o.key = f.obj
            JOIN ent es ON es.iri = s.iri JOIN ent eo ON eo.iri = o.iri
            JOIN fits ON fits.rel = f.rel AND fits.st = es.type AND fits.ot = eo.type
            LEFT JOIN names nm ON nm.name = f.article
            WHERE s.iri != o.iri
            ORDER BY s.iri, f.rel, o.iri, f.article, f.start, f.extractor, f.end_, f.sentence,
                f.confidence, f.sha
            """
        )

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
        rows = self.db.execute(
            "SELECT rel, COUNT(*) AS n, MIN(first) AS f FROM (SELECT rel, MIN(rowid) AS first "
            "FROM ev GROUP BY s, rel, o) GROUP BY rel ORDER BY n DESC, f"
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
        rows = self.db.execute("SELECT * FROM ev ORDER BY rowid")
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
