"""The merge's aggregates in SQL, for the whole store or for a part of it.

After the union-find has given every key its root (table ``kr``), the rest of
:func:`~actorgraph.graph.core.merge.merge` is grouping: per key (mentions, types), per
root (label, type, mentions), per IRI (the node, its aliases and articles) and per fact
(evidence onto nodes).  A full merge runs each statement over everything; an incremental
one (:mod:`~actorgraph.graph.build.merge_delta`) first deletes the rows of what changed and
runs the same statements limited to the keys, roots, IRIs and facts listed in its
temporary tables.  One text for both keeps their results equal by construction.

Every tie is broken as the in-memory merge breaks it (the first label or type seen,
in input order).
"""

from __future__ import annotations

import sqlite3

from actorgraph.ontology import load_schema
from actorgraph.ontology.namespace import ENTITY_TYPES, RELATIONS

__all__ = ["create_tables", "entities", "evidence", "key_aggregates", "roots", "script"]

_TABLES = """
CREATE TABLE IF NOT EXISTS kagg(kid INTEGER PRIMARY KEY, n INTEGER, f INTEGER, m INTEGER);
CREATE TABLE IF NOT EXISTS kt(kid INTEGER, type TEXT, t INTEGER, ft INTEGER,
                              PRIMARY KEY(kid, type)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS root(rid INTEGER PRIMARY KEY, rkey TEXT, iri TEXT, label TEXT,
                                type TEXT, m INTEGER);
CREATE TABLE IF NOT EXISTS ent(iri TEXT PRIMARY KEY, rid INTEGER, rkey TEXT, first TEXT,
                               label TEXT, type TEXT, mentions INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS kiri(key TEXT PRIMARY KEY, iri TEXT, live INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ealias(iri TEXT, name TEXT, PRIMARY KEY(iri, name)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS earts(iri TEXT, name TEXT, sha TEXT,
                                 PRIMARY KEY(iri, name)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fits(rel TEXT, st TEXT, ot TEXT, PRIMARY KEY(rel, st, ot))
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ev(s TEXT, rel TEXT, o TEXT, article TEXT, sha TEXT, sentence TEXT,
                              start INTEGER, end_ INTEGER, extractor TEXT, confidence REAL,
                              node TEXT);
"""

#: indexes the incremental merge looks rows up by (made once, after a full merge)
INDEXES = """
CREATE INDEX IF NOT EXISTS ent_rid ON ent(rid);
CREATE INDEX IF NOT EXISTS root_iri ON root(iri);
CREATE INDEX IF NOT EXISTS kiri_iri ON kiri(iri);
CREATE UNIQUE INDEX IF NOT EXISTS ev_order ON ev(s, rel, o, article, start, extractor, end_,
                                                 sentence, confidence, sha);
CREATE INDEX IF NOT EXISTS ev_o ON ev(o);
CREATE INDEX IF NOT EXISTS ev_article ON ev(article, sha);
"""


def script(db: sqlite3.Connection, sql: str) -> None:
    """Run several statements inside the current transaction (``executescript`` would
    commit it first)."""
    statement = ""
    for line in sql.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement.strip()[:80]}")


def create_tables(db: sqlite3.Connection) -> None:
    """The tables of the aggregates (empty), and which relations fit which types."""
    script(db, _TABLES)
    schema = load_schema()
    rows = [
        (r, s, o)
        for r in RELATIONS
        for s in ENTITY_TYPES
        for o in ENTITY_TYPES
        if schema.fits(r, s, o)
    ]
    db.executemany("INSERT OR IGNORE INTO fits VALUES (?,?,?)", rows)


def _only(column: str, table: str | None) -> str:
    """`` AND column IN`` the first column of ``temp.table`` (nothing without a table)."""
    if not table:
        return ""
    name, _, first = table.partition(".")
    return f" AND {column} IN (SELECT {first or '*'} FROM temp.{name})"


def key_aggregates(db: sqlite3.Connection, keys: str | None = None) -> None:
    """Per key: occurrences, first occurrence and mentions (``kagg``); mentions and first
    occurrence by type (``kt``).  ``keys``: a temporary table of key ids (else all)."""
    where = _only("k.id", keys)
    db.execute(
        "INSERT INTO kagg SELECT k.id, SUM(sig.c), MIN(sig.f), SUM(sig.m) FROM sig "
        f"JOIN k ON k.key = sig.key WHERE 1{where} GROUP BY k.id"
    )
    db.execute(
        "INSERT INTO kt SELECT k.id, sig.type, SUM(sig.m), MIN(sig.f) FROM sig "
        f"JOIN k ON k.key = sig.key WHERE 1{where} GROUP BY k.id, sig.type"
    )


def roots(db: sqlite3.Connection, scoped: bool) -> None:
    """One row per root of ``temp.ri`` (``rid, rkey, iri``) in ``root``: its label, type
    and mentions.  ``scoped``: only the keys of those roots are read (else all keys)."""
    where = _only("kr.rid", "ri.rid") if scoped else ""
    script(
        db,
        f"""
        DROP TABLE IF EXISTS temp.rl;
        DROP TABLE IF EXISTS temp.rt;
        DROP TABLE IF EXISTS temp.rm;
        -- the label most mentioned, the root key's own mentions weighing 1000 more each;
        -- a tie goes to the label seen first
        CREATE TEMP TABLE rl(rid INTEGER PRIMARY KEY, label TEXT);
        INSERT INTO rl SELECT rid, label FROM (
            SELECT kr.rid AS rid, sig.label AS label, ROW_NUMBER() OVER (
                PARTITION BY kr.rid
                ORDER BY SUM(sig.m + (kr.kid = kr.rid) * 1000 * sig.c) DESC, MIN(sig.f)
            ) AS r
            FROM sig JOIN k ON k.key = sig.key JOIN kr ON kr.kid = k.id WHERE 1{where}
            GROUP BY kr.rid, sig.label) WHERE r = 1;
        -- the type: every occurrence of a key adds all the mentions of that key by type;
        -- a tie goes to the type seen first (first key of the node, then its first type)
        CREATE TEMP TABLE rt(rid INTEGER PRIMARY KEY, type TEXT);
        INSERT INTO rt SELECT rid, type FROM (
            SELECT rid, type, ROW_NUMBER() OVER (PARTITION BY rid ORDER BY w DESC, o) AS r
            FROM (SELECT kr.rid AS rid, kt.type AS type, SUM(kagg.n * kt.t) AS w,
                      MIN(printf('%020d %020d', kagg.f, kt.ft)) AS o
                  FROM kt JOIN kagg ON kagg.kid = kt.kid JOIN kr ON kr.kid = kt.kid
                  WHERE 1{where} GROUP BY kr.rid, kt.type)) WHERE r = 1;
        CREATE TEMP TABLE rm(rid INTEGER PRIMARY KEY, m INTEGER);
        INSERT INTO rm SELECT kr.rid, SUM(kagg.m) FROM kagg JOIN kr ON kr.kid = kagg.kid
            WHERE 1{where} GROUP BY kr.rid;
        INSERT INTO root SELECT ri.rid, ri.rkey, ri.iri, rl.label, rt.type, rm.m FROM temp.ri
            JOIN rl ON rl.rid = ri.rid JOIN rt ON rt.rid = ri.rid JOIN rm ON rm.rid = ri.rid;
        """,
    )


def entities(db: sqlite3.Connection, iris: str | None = None) -> None:
    """The nodes (``ent``), each key's node (``kiri``), their aliases and articles, for the
    IRIs of the temporary table ``iris`` (else all)."""
    db.execute(
        f"""
        -- two roots with one IRI (a slug clash): the last root in key order holds it
        INSERT INTO ent SELECT iri, rid, rkey, first, label, type, m FROM (
            SELECT iri, rid, rkey, label, type, m,
                MIN(rkey) OVER (PARTITION BY iri) AS first,
                ROW_NUMBER() OVER (PARTITION BY iri ORDER BY rkey DESC) AS r
            FROM root WHERE 1{_only("iri", iris)}) WHERE r = 1
        """
    )
    db.execute(
        "INSERT INTO kiri SELECT k.key, root.iri, root.rid = e.rid FROM root "
        "JOIN kr ON kr.rid = root.rid JOIN k ON k.id = kr.kid JOIN ent e ON e.iri = root.iri "
        f"WHERE 1{_only('root.iri', iris)} ORDER BY k.key"
    )
    db.execute(
        "INSERT INTO ealias SELECT DISTINCT e.iri, kn.name FROM ent e "
        "JOIN kr ON kr.rid = e.rid JOIN kn ON kn.kid = kr.kid "
        f"WHERE kn.name != e.label{_only('e.iri', iris)} ORDER BY 1, 2"
    )
    db.execute(
        "INSERT OR IGNORE INTO earts SELECT DISTINCT ki.iri, a.name, a.sha FROM kiri ki "
        "JOIN occ o ON o.key = ki.key JOIN art a ON a.seq = o.seq "
        f"WHERE ki.live{_only('ki.iri', iris)} ORDER BY 1, 2"
    )


def _fit_types(db: sqlite3.Connection, iris: str | None) -> None:
    """Add to ``fits`` the types of nodes that the ontology does not list (a node's type
    comes from its articles' results: :func:`merge` checks any type it meets)."""
    known = set(ENTITY_TYPES)
    found = db.execute(f"SELECT DISTINCT type FROM ent WHERE 1{_only('iri', iris)}")
    extra = {t for (t,) in found} - known
    if not extra:
        return
    schema = load_schema()
    types = sorted(known | extra)
    rows = [(r, s, o) for r in RELATIONS for s in types for o in types if schema.fits(r, s, o)]
    db.executemany("INSERT OR IGNORE INTO fits VALUES (?,?,?)", rows)


def evidence(db: sqlite3.Connection, facts: str | None = None, iris: str | None = None) -> None:
    """Facts onto nodes (``ev``), kept where the nodes' types fit the relation, for the
    fact rows (rowids) of the temporary table ``facts`` (else all); ``iris``: the nodes
    made again (else all)."""
    _fit_types(db, iris)
    db.execute(
        f"""
        INSERT OR IGNORE INTO ev SELECT DISTINCT s.iri, f.rel, o.iri, f.article, f.sha,
            f.sentence, f.start, f.end_, f.extractor, f.confidence, COALESCE(nm.sha, f.sha)
        FROM fact f JOIN kiri s ON s.key = f.subj JOIN kiri o ON o.key = f.obj
        JOIN ent es ON es.iri = s.iri JOIN ent eo ON eo.iri = o.iri
        JOIN fits ON fits.rel = f.rel AND fits.st = es.type AND fits.ot = eo.type
        LEFT JOIN names nm ON nm.name = f.article
        WHERE s.iri != o.iri{_only("f.rowid", facts)}
        ORDER BY s.iri, f.rel, o.iri, f.article, f.start, f.extractor, f.end_, f.sentence,
            f.confidence, f.sha
        """
    )
