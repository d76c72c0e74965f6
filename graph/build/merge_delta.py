"""Merge again only what some added, changed or removed articles reach.

What the merge computes across articles, and so what one article can change:

* *identity*: an entity key joins the keys that file one of its names (a folded label
  or alias, :func:`~actorgraph.graph.build.stream_merge.name_keys`), in input order,
  a gazetteer key or else the smallest key representing the set, and two gazetteer
  keys never joining.  That last rule makes the result depend on the order of the
  unions, but only within a *cluster*: the keys linked through shared names.  The
  union-find of a cluster reads only that cluster's names, so a cluster that holds
  no key of a changed article merges as before.
* *per node*: label, type, mentions, aliases and article list come from the keys of
  one root; an IRI shared by two roots (a slug clash) goes to the last root.
* *per fact*: the evidence of an edge, which needs the nodes of its two keys and
  their types.

So :func:`apply` takes the keys of the changed articles' entities, grows them into
their clusters as they were and as they are now (both: an article removed may split
a cluster, one added may join two), replays the union-find over those clusters alone
with the in-memory merge's rule, and makes again, with the statements of the full
merge (:mod:`~actorgraph.graph.build.merge_sql`), the nodes of the IRIs involved
(before or after) and the evidence of the facts that reach them.  Everything else
is left as it is, so the store ends as a full merge of the same articles would leave
it (tested byte for byte on the outputs).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from actorgraph.extractors.unionfind import UnionFind
from actorgraph.graph.core.iri import evidence_iri, fact_iri
from actorgraph.graph.core.merge import _gazetteer_then_smallest

from . import merge_sql
from .stream_merge import POS_BITS, MergeStore, insert_names, insert_roots

__all__ = ["Changes", "apply", "copy_rows"]

#: parameters per ``IN (...)`` list
CHUNK = 500

_SIG = "d.key = s.key AND d.label = s.label AND d.type = s.type AND d.aliases = s.aliases"


@dataclass
class Changes:
    """What an incremental merge changed, for the output files.

    Attributes:
        iris: nodes made again (``temp.ti`` holds them too); some may be gone.
        labels: those of them whose label or aliases changed (their edges' records too).
        edges: edges (subject, relation, object) whose evidence changed.
        evidence: IRIs of evidence nodes of the old rows of those edges.
        articles: hashes of the articles added or removed.
    """

    iris: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    edges: set[tuple[str, str, str]] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)


def _chunks(items: Iterable[object]) -> Iterator[list[object]]:
    chunk: list[object] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _temp(
    db: sqlite3.Connection, name: str, columns: str, rows: Iterable[tuple[object, ...]]
) -> None:
    """A temporary table filled with ``rows``."""
    db.execute(f"DROP TABLE IF EXISTS temp.{name}")
    db.execute(f"CREATE TEMP TABLE {name}({columns})")
    marks = ",".join("?" * len(columns.split(",")))
    db.executemany(f"INSERT OR IGNORE INTO temp.{name} VALUES ({marks})", rows)


def _closure(db: sqlite3.Connection, seeds: Iterable[int]) -> tuple[set[int], set[str]]:
    """The keys linked to ``seeds`` through shared names, and those names (table ``sn``)."""
    keys, names = set(seeds), set()
    frontier: list[object] = list(keys)
    while frontier:
        found: list[object] = []
        for chunk in _chunks(frontier):
            marks = ",".join("?" * len(chunk))
            for (nk,) in db.execute(f"SELECT DISTINCT nk FROM sn WHERE kid IN ({marks})", chunk):
                if nk not in names:
                    names.add(nk)
                    found.append(nk)
        frontier = []
        for chunk in _chunks(found):
            marks = ",".join("?" * len(chunk))
            for (kid,) in db.execute(f"SELECT DISTINCT kid FROM sn WHERE nk IN ({marks})", chunk):
                if kid not in keys:
                    keys.add(kid)
                    frontier.append(kid)
    return keys, names


def apply(
    store: MergeStore, removed: Sequence[int], staged: str, seqs: Sequence[tuple[int, int]]
) -> Changes:
    """Remove some articles and add others, and merge again what they reach.

    Args:
        store: a merged store, inside a transaction.
        removed: ``seq`` of the articles to remove (changed ones are removed and added).
        staged: the attached database (its schema name) holding the new articles'
            rows, numbered by their index in the input.
        seqs: ``(index, seq)`` of each new article: its place among the kept ones.
    """
    db = store.db
    store._entities_seen.clear()
    changes = Changes()
    _temp(db, "gone", "seq INTEGER PRIMARY KEY", ((s,) for s in removed))
    _temp(
        db,
        "gart",
        "name TEXT, sha TEXT",
        db.execute("SELECT name, sha FROM art WHERE seq IN (SELECT seq FROM temp.gone)").fetchall(),
    )
    _temp(db, "smap", "old INTEGER PRIMARY KEY, seq INTEGER", seqs)
    changes.articles = {
        sha
        for (sha,) in db.execute(
            f"SELECT sha FROM art WHERE seq IN (SELECT seq FROM temp.gone) "
            f"UNION SELECT sha FROM {staged}.art"
        )
    }
    # the entity signatures the change touches, their keys, and those keys' clusters as
    # they were
    db.execute("DROP TABLE IF EXISTS temp.dsig")
    db.execute(
        "CREATE TEMP TABLE dsig(key TEXT, label TEXT, type TEXT, aliases TEXT, "
        "PRIMARY KEY(key, label, type, aliases))"
    )
    db.execute(
        "INSERT OR IGNORE INTO temp.dsig SELECT key, label, type, aliases FROM occ "
        f"WHERE seq IN (SELECT seq FROM temp.gone) UNION "
        f"SELECT key, label, type, aliases FROM {staged}.occ"
    )
    old_kids = [
        kid for (kid,) in db.execute("SELECT k.id FROM k JOIN temp.dsig d ON d.key = k.key")
    ]
    old_keys, old_names = _closure(db, old_kids)
    _change_rows(db, staged)
    _signatures(db)
    new_kids = [
        kid
        for (kid,) in db.execute("SELECT DISTINCT k.id FROM temp.dsig d JOIN k ON k.key = d.key")
    ]
    new_keys, new_names = _closure(db, new_kids)
    cluster = old_keys | new_keys
    _temp(db, "rk", "kid INTEGER PRIMARY KEY", ((k,) for k in cluster))
    _identity(db, old_names | new_names, store.base)
    changes.iris = {iri for (iri,) in db.execute("SELECT iri FROM temp.ti")}
    before = _nodes(db)
    for table in ("ent", "kiri", "ealias", "earts"):
        db.execute(f"DELETE FROM {table} WHERE iri IN (SELECT iri FROM temp.ti)")
    merge_sql.entities(db, "ti")
    _compare(db, before, _nodes(db), changes)
    _evidence(db, store.base, changes)
    return changes


def _change_rows(db: sqlite3.Connection, staged: str) -> None:
    """Delete the removed articles' rows and add the new ones in their places."""
    gone = "seq IN (SELECT seq FROM temp.gone)"
    db.execute(
        "DELETE FROM names WHERE name IN (SELECT name FROM art WHERE "
        f"{gone} UNION SELECT j.value FROM art, json_each(art.also) AS j WHERE art.{gone})"
    )
    for table in ("art", "occ", "fact"):
        db.execute(f"DELETE FROM {table} WHERE {gone}")
    copy_rows(db, staged, "smap")
    db.execute(f"INSERT OR REPLACE INTO names SELECT * FROM {staged}.names")


def copy_rows(db: sqlite3.Connection, schema: str, places: str) -> None:
    """Add the article rows of ``schema`` (art, occ, fact) with the places (``seq``) given by
    the temporary table ``places`` (``old, seq``: old place -> new one)."""
    mask = (1 << POS_BITS) - 1
    db.execute(
        "INSERT INTO art SELECT m.seq, a.name, a.path, a.sha, a.title, a.date, a.also, a.entry "
        f"FROM {schema}.art a JOIN temp.{places} m ON m.old = a.seq"
    )
    db.execute(
        f"INSERT INTO occ SELECT (m.seq << {POS_BITS}) | (o.ord & {mask}), m.seq, o.key, "
        f"o.label, o.type, o.mentions, o.aliases FROM {schema}.occ o "
        f"JOIN temp.{places} m ON m.old = o.seq"
    )
    db.execute(
        "INSERT INTO fact SELECT m.seq, f.subj, f.rel, f.obj, f.article, f.sha, f.sentence, "
        f"f.start, f.end_, f.extractor, f.confidence FROM {schema}.fact f "
        f"JOIN temp.{places} m ON m.old = f.seq"
    )


def _signatures(db: sqlite3.Connection) -> None:
    """The touched signatures again (``sig``), their names (``sn``), their keys (``k``,
    ``kn``, ``kagg``, ``kt``); keys left without any occurrence are dropped."""
    db.execute(f"DELETE FROM sn WHERE f IN (SELECT s.f FROM temp.dsig d JOIN sig s ON {_SIG})")
    db.execute(
        f"DELETE FROM sig WHERE rowid IN (SELECT s.rowid FROM temp.dsig d JOIN sig s ON {_SIG})"
    )
    db.execute(
        "INSERT INTO sig SELECT s.key, s.label, s.type, s.aliases, SUM(s.mentions), COUNT(*), "
        f"MIN(s.ord) FROM temp.dsig d CROSS JOIN occ s ON {_SIG} "
        "GROUP BY s.key, s.label, s.type, s.aliases"
    )
    db.execute(
        "INSERT INTO k(key) SELECT DISTINCT d.key FROM temp.dsig d WHERE "
        "NOT EXISTS (SELECT 1 FROM k WHERE k.key = d.key) "
        "AND EXISTS (SELECT 1 FROM sig WHERE sig.key = d.key)"
    )
    _temp(
        db,
        "dk",
        "kid INTEGER PRIMARY KEY",
        db.execute("SELECT k.id FROM temp.dsig d JOIN k ON k.key = d.key").fetchall(),
    )
    insert_names(
        db,
        db.execute(
            f"SELECT k.id, s.label, s.type, s.aliases, s.f FROM temp.dsig d JOIN sig s ON {_SIG} "
            "JOIN k ON k.key = s.key"
        ).fetchall(),
    )
    keys = "kid IN (SELECT kid FROM temp.dk)"
    for table in ("kn", "kagg", "kt"):
        db.execute(f"DELETE FROM {table} WHERE {keys}")
    db.execute(
        "INSERT INTO kn SELECT k.id, sig.label FROM temp.dk d JOIN k ON k.id = d.kid "
        "JOIN sig ON sig.key = k.key UNION ALL SELECT k.id, j.value FROM temp.dk d "
        "JOIN k ON k.id = d.kid JOIN sig ON sig.key = k.key, json_each(sig.aliases) AS j "
        "WHERE sig.aliases != '[]'"
    )
    merge_sql.key_aggregates(db, "dk")
    db.execute(
        "DELETE FROM k WHERE id IN (SELECT kid FROM temp.dk) "
        "AND NOT EXISTS (SELECT 1 FROM sig WHERE sig.key = k.key)"
    )


def _identity(db: sqlite3.Connection, names: set[str], base: str) -> None:
    """The union-find over the clusters of ``temp.rk`` (whose names are ``names``): each
    key's root (``kr``), the roots' rows (``root``), and every IRI of a root before or
    after (``temp.ti``)."""
    for chunk in _chunks(names):
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM holder WHERE nk IN ({marks})", chunk)
        db.execute(
            f"INSERT OR IGNORE INTO holder SELECT nk, kid FROM sn WHERE nk IN ({marks}) "
            "ORDER BY f, j",
            chunk,
        )
    uf: UnionFind[str] = UnionFind(_gazetteer_then_smallest)
    alive = db.execute("SELECT k.id, k.key FROM temp.rk r JOIN k ON k.id = r.kid").fetchall()
    for _, key in alive:
        uf.find(key)
    pairs = db.execute(
        "SELECT hk.key, sk.key FROM temp.rk r JOIN sn s ON s.kid = r.kid "
        "JOIN holder h ON h.nk = s.nk JOIN k hk ON hk.id = h.kid JOIN k sk ON sk.id = s.kid "
        "WHERE h.kid != s.kid ORDER BY s.f, s.j"
    )
    for a, b in pairs.fetchall():
        uf.union(a, b)
    id_of = {key: kid for kid, key in alive}
    old_roots = "SELECT DISTINCT rid FROM kr WHERE kid IN (SELECT kid FROM temp.rk)"
    _temp(
        db,
        "ti",
        "iri TEXT PRIMARY KEY",
        db.execute(f"SELECT iri FROM root WHERE rid IN ({old_roots})").fetchall(),
    )
    db.execute(f"DELETE FROM root WHERE rid IN ({old_roots})")
    db.execute("DELETE FROM kr WHERE kid IN (SELECT kid FROM temp.rk)")
    db.executemany(
        "INSERT INTO kr VALUES (?,?)", [(kid, id_of[uf.find(key)]) for kid, key in alive]
    )
    roots = sorted({uf.find(key) for _, key in alive})
    insert_roots(db, base, [(id_of[r], r) for r in roots])
    merge_sql.roots(db, scoped=True)
    db.execute("INSERT OR IGNORE INTO temp.ti SELECT iri FROM temp.ri")


_Nodes = tuple[dict[str, tuple[str, str]], dict[str, list[str]], dict[str, str]]


def _nodes(db: sqlite3.Connection) -> _Nodes:
    """The nodes of ``temp.ti``: label and type, aliases, and the node of each key."""
    nodes = {
        iri: (label, etype)
        for iri, label, etype in db.execute(
            "SELECT iri, label, type FROM ent WHERE iri IN (SELECT iri FROM temp.ti)"
        )
    }
    aliases: dict[str, list[str]] = {}
    for iri, name in db.execute(
        "SELECT iri, name FROM ealias WHERE iri IN (SELECT iri FROM temp.ti) ORDER BY iri, name"
    ):
        aliases.setdefault(iri, []).append(name)
    keys = dict(db.execute("SELECT key, iri FROM kiri WHERE iri IN (SELECT iri FROM temp.ti)"))
    return nodes, aliases, keys


def _compare(db: sqlite3.Connection, before: _Nodes, after: _Nodes, changes: Changes) -> None:
    """Which of the nodes made again changed what their edges depend on: the nodes whose
    keys, existence or type changed (``temp.tid``: their facts are mapped again), and
    those whose label or aliases changed (``Changes.labels``: their edges' records)."""
    (old, old_aliases, old_keys), (new, new_aliases, new_keys) = before, after
    moved = {k for k in old_keys.keys() | new_keys.keys() if old_keys.get(k) != new_keys.get(k)}
    ident = {iri for k in moved for iri in (old_keys.get(k), new_keys.get(k)) if iri}
    ident |= {
        iri
        for iri in changes.iris
        if (old.get(iri) or ("", ""))[1] != (new.get(iri) or ("", ""))[1]
    }
    changes.labels = {
        iri
        for iri in changes.iris
        if old.get(iri) != new.get(iri) or old_aliases.get(iri) != new_aliases.get(iri)
    }
    _temp(db, "tid", "iri TEXT PRIMARY KEY", ((iri,) for iri in ident))


def _evidence(db: sqlite3.Connection, base: str, changes: Changes) -> None:
    """The evidence of the facts of new articles and of the facts whose nodes changed
    (``temp.tid``); the old rows of removed articles and of those nodes are deleted first."""
    columns = "ev.rowid, s, rel, o, ev.sha, start, end_, extractor"
    old = db.execute(
        f"SELECT {columns} FROM ev WHERE s IN (SELECT iri FROM temp.tid) UNION "
        f"SELECT {columns} FROM ev WHERE o IN (SELECT iri FROM temp.tid) UNION "
        f"SELECT {columns} FROM temp.gart g JOIN ev ON ev.article = g.name AND ev.sha = g.sha"
    ).fetchall()
    for _, s, rel, o, sha, start, end, extractor in old:
        changes.edges.add((s, rel, o))
        fact = str(fact_iri(base, s, rel, o))
        changes.evidence.add(str(evidence_iri(base, fact, sha, start, end, extractor)))
    for chunk in _chunks(row[0] for row in old):
        db.execute(f"DELETE FROM ev WHERE rowid IN ({','.join('?' * len(chunk))})", chunk)
    (last,) = db.execute("SELECT COALESCE(MAX(rowid), 0) FROM ev").fetchone()
    script = """
        DROP TABLE IF EXISTS temp.tf;
        CREATE TEMP TABLE tf(id INTEGER PRIMARY KEY);
        INSERT OR IGNORE INTO temp.tf SELECT f.rowid FROM fact f
            WHERE f.seq IN (SELECT seq FROM temp.smap);
        INSERT OR IGNORE INTO temp.tf SELECT f.rowid FROM kiri ki JOIN fact f ON f.subj = ki.key
            WHERE ki.iri IN (SELECT iri FROM temp.tid);
        INSERT OR IGNORE INTO temp.tf SELECT f.rowid FROM kiri ki JOIN fact f ON f.obj = ki.key
            WHERE ki.iri IN (SELECT iri FROM temp.tid);
    """
    merge_sql.script(db, script)
    merge_sql.evidence(db, "tf", "tid")
    changes.edges.update(db.execute("SELECT DISTINCT s, rel, o FROM ev WHERE rowid > ?", (last,)))
