"""The output files in pieces, kept in the merge store, so that a build that changes a few
articles writes the files again without making every line again.

* ``entities.jsonl``: one line per node (``fr_ent``, by IRI);
* ``triples.jsonl``: the lines of one edge (``fr_edge``, by subject, relation, object);
* ``graph.ttl``: one Turtle block per subject (``fr_ttl``, by the subject's N-Triples
  form, with the namespaces its triples use).

graph.ttl is Oxigraph's Turtle of the sorted, distinct N-Triples lines.  Oxigraph writes
each subject's triples as one block that depends on nothing else but the prefixes, and
only a prefix that a block's triples use changes it; so the file is the header of the
prefixes used anywhere followed by the blocks in subject order, each made with every
prefix declared (:func:`turtle_blocks`; the tests compare with the whole file made at
once).  :func:`update` makes again the pieces of what an incremental merge changed
(:class:`~actorgraph.graph.build.merge_delta.Changes`), :func:`write_files` writes
the three files from the pieces.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from rdflib import URIRef

from actorgraph.extractors.records import Article, Edge, Entity, Evidence
from actorgraph.graph.core.iri import article_iri, fact_iri
from actorgraph.graph.core.jsonl import edge_records, entity_record, jsonl
from actorgraph.graph.core.rdf import article_triples, edge_triples, entity_triples, ntriple
from actorgraph.ontology import AG

from .merge_delta import Changes
from .stream_merge import EV_ORDER, MergeStore

__all__ = ["Fragments", "header", "turtle_blocks", "update", "write_files"]

#: bytes of N-Triples handed to Oxigraph's serialiser at a time
PARSE_BYTES = 1 << 20
#: bytes of pieces buffered before they are written
BATCH_BYTES = 1 << 20

_TABLES = """
CREATE TABLE IF NOT EXISTS fr_ent(iri TEXT, line TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS fr_ent_iri ON fr_ent(iri);
CREATE TABLE IF NOT EXISTS fr_edge(s TEXT, rel TEXT, o TEXT, lines TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS fr_edge_key ON fr_edge(s, rel, o);
CREATE TABLE IF NOT EXISTS fr_ttl(subj TEXT, mask INTEGER, body BLOB);
CREATE UNIQUE INDEX IF NOT EXISTS fr_ttl_subj ON fr_ttl(subj);
CREATE INDEX IF NOT EXISTS fr_ttl_mask ON fr_ttl(mask);
"""

#: a line of Oxigraph's Turtle that starts a subject's block (the others start with a tab)
_BLOCK_START = re.compile(rb"^(?!\t)", re.MULTILINE)
_DUMMY = b"<urn:x:s> <urn:x:p> <urn:x:o> .\n"


class Fragments:
    """Where the pieces go while the files are written whole (buffered inserts)."""

    def __init__(self, store: MergeStore) -> None:
        self.db = store.db
        self.rows: dict[str, list[tuple[Any, ...]]] = {"fr_ent": [], "fr_edge": [], "fr_ttl": []}
        self.size = 0

    def clear(self) -> None:
        """Forget every piece (the files are about to be written whole)."""
        for statement in _TABLES.strip().split(";\n"):
            self.db.execute(statement)
        for table in self.rows:
            self.db.execute(f"DELETE FROM {table}")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('fragments', '0')")

    def add(self, table: str, *row: Any) -> None:
        self.rows[table].append(row)
        self.size += len(row[-1])
        if self.size >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        for table, rows in self.rows.items():
            if rows:
                marks = ",".join("?" * len(rows[0]))
                self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", rows)
                rows.clear()
        self.size = 0

    def done(self) -> None:
        """Every piece is in: the next build may write from them."""
        self.flush()
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('fragments', '1')")


def complete(store: MergeStore) -> bool:
    """Whether the store holds every piece of its files."""
    return store.meta().get("fragments") == "1"


# --------------------------------------------------------------------------- Turtle


@functools.lru_cache(maxsize=64)
def _header_of(prefixes: tuple[tuple[str, str], ...]) -> bytes:
    import pyoxigraph as ox

    triples = ox.parse(_DUMMY, format=ox.RdfFormat.N_TRIPLES)
    out = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(prefixes))
    assert out is not None and out.endswith(_DUMMY)
    return out[: -len(_DUMMY)]


def header(prefixes: dict[str, str]) -> bytes:
    """The ``@prefix`` lines Oxigraph writes before the triples for these prefixes."""
    return _header_of(tuple(prefixes.items()))


def turtle_blocks(
    lines: Iterable[bytes], namespaces: dict[str, str]
) -> Iterator[tuple[str, int, bytes]]:
    """``(subject, mask, block)`` for sorted, distinct N-Triples lines (each with its
    newline): the subject's N-Triples form, bit ``i`` of ``mask`` set when its triples
    use the ``i``-th of ``namespaces``, and its Turtle block with every prefix declared."""
    needles = [b"<" + ns.encode("utf-8") for ns in namespaces.values()]
    groups: list[tuple[bytes, list[bytes]]] = []
    size = 0
    for line in lines:
        subject = line[: line.index(b" ")]
        if not groups or groups[-1][0] != subject:
            if size >= PARSE_BYTES:
                yield from _blocks(groups, namespaces, needles)
                groups, size = [], 0
            groups.append((subject, []))
        groups[-1][1].append(line)
        size += len(line)
    if groups:
        yield from _blocks(groups, namespaces, needles)


def _blocks(
    groups: list[tuple[bytes, list[bytes]]], namespaces: dict[str, str], needles: list[bytes]
) -> Iterator[tuple[str, int, bytes]]:
    import pyoxigraph as ox

    data = [b"".join(lines) for _, lines in groups]
    triples = ox.parse(b"".join(data), format=ox.RdfFormat.N_TRIPLES)
    out = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=namespaces)
    head = header(namespaces)
    assert out is not None and out.startswith(head)
    body = memoryview(out)[len(head) :]
    starts = [m.start() for m in _BLOCK_START.finditer(body) if m.start() < len(body)]
    if len(starts) != len(groups):
        raise RuntimeError(f"Turtle of {len(groups)} subjects came in {len(starts)} blocks")
    starts.append(len(body))
    for i, (subject, _) in enumerate(groups):
        mask = sum(1 << bit for bit, needle in enumerate(needles) if needle in data[i])
        yield subject.decode("utf-8"), mask, bytes(body[starts[i] : starts[i + 1]])


class BlankLineBetweenSubjects:
    """A binary writer that adds a blank line before every subject but the first:
    ``turtle.replace(b" .\\n<", b" .\\n\\n<")`` on a stream (the pattern never overlaps
    itself, so holding back its length less one byte is enough)."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.held = b""

    def write(self, data: bytes) -> int:
        text = (self.held + bytes(data)).replace(b" .\n<", b" .\n\n<")
        self.out.write(text[:-3])
        self.held = text[-3:]
        return len(data)

    def flush(self) -> None:
        self.out.flush()

    def close(self) -> None:
        self.out.write(self.held)
        self.held = b""


def used_prefixes(namespaces: dict[str, str], mask: int) -> dict[str, str]:
    """The namespaces whose bits are set in ``mask``, in their order."""
    return {p: ns for bit, (p, ns) in enumerate(namespaces.items()) if mask >> bit & 1}


# --------------------------------------------------------------------------- files


def write_files(
    store: MergeStore, ttl: Path, triples: Path, entities: Path, namespaces: dict[str, str]
) -> None:
    """The three files from the pieces (see the module doc)."""
    db = store.db
    with entities.open("w", encoding="utf-8") as fh:
        fh.writelines(line for (line,) in db.execute("SELECT line FROM fr_ent ORDER BY iri"))
    with triples.open("w", encoding="utf-8") as fh:
        rows = db.execute("SELECT lines FROM fr_edge ORDER BY s, rel, o")
        fh.writelines(lines for (lines,) in rows)
    mask = 0
    for (m,) in db.execute("SELECT DISTINCT mask FROM fr_ttl"):
        mask |= m
    with ttl.open("wb") as raw:
        out = BlankLineBetweenSubjects(raw)
        out.write(header(used_prefixes(namespaces, mask)) if mask else b"")
        for (body,) in db.execute("SELECT body FROM fr_ttl ORDER BY subj"):
            out.write(body)
        out.close()


# --------------------------------------------------------------------------- update


def _entity(store: MergeStore, iri: str) -> tuple[Entity, list[str]] | None:
    """One node with its aliases, article names and their hashes; None if it is gone."""
    db = store.db
    row = db.execute("SELECT rkey, label, type, mentions FROM ent WHERE iri = ?", (iri,)).fetchone()
    if row is None:
        return None
    aliases = tuple(
        n for (n,) in db.execute("SELECT name FROM ealias WHERE iri = ? ORDER BY name", (iri,))
    )
    arts = db.execute("SELECT name, sha FROM earts WHERE iri = ? ORDER BY name", (iri,)).fetchall()
    entity = Entity(iri, row[0], row[1], row[2], aliases, row[3], tuple(a[0] for a in arts))
    return entity, [a[1] for a in arts]


def _edge(
    store: MergeStore, key: tuple[str, str, str]
) -> tuple[Edge, dict[tuple[str, str], str]] | None:
    rows = store.db.execute(
        "SELECT article, sha, sentence, start, end_, extractor, confidence, node FROM ev "
        f"WHERE s = ? AND rel = ? AND o = ? ORDER BY {EV_ORDER}",
        key,
    ).fetchall()
    if not rows:
        return None
    evidence = tuple(Evidence(*row[:7]) for row in rows)
    nodes = {(row[0], row[1]): row[7] for row in rows}
    s, rel, o = key
    return Edge(str(fact_iri(store.base, s, rel, o)), s, rel, o, evidence), nodes


def _edges_of(db: sqlite3.Connection, iris: Iterable[str]) -> set[tuple[str, str, str]]:
    """The edges that have one of these nodes as subject or object."""
    edges: set[tuple[str, str, str]] = set()
    for iri in iris:
        edges.update(db.execute("SELECT DISTINCT s, rel, o FROM ev WHERE s = ?", (iri,)))
        edges.update(db.execute("SELECT DISTINCT s, rel, o FROM ev WHERE o = ?", (iri,)))
    return edges


def _article_node(base: str, nodes: dict[tuple[str, str], str], ev: Evidence) -> URIRef:
    return article_iri(base, nodes[(ev.article, ev.article_sha256)])


class TurtleChange:
    """The Turtle of the subjects an update replaced, before and after, kept in two files
    of ``folder`` for the query store (:meth:`pairs`)."""

    def __init__(self, folder: Path, namespaces: dict[str, str]) -> None:
        self.head = header(namespaces)
        self.paths = (folder / "before.ttl", folder / "after.ttl")
        self._files = [path.open("wb") for path in self.paths]
        #: per subject: where its block starts and ends in each file
        self.spans: list[tuple[int, int, int, int]] = []

    def replace(
        self, db: sqlite3.Connection, subject: str, block: tuple[int, bytes] | None
    ) -> None:
        """Put ``block`` (mask, body) in place of the subject's block (None: delete it)."""
        row = db.execute("SELECT body FROM fr_ttl WHERE subj = ?", (subject,)).fetchone()
        old, new = self._files
        span = [old.tell(), old.tell(), new.tell(), new.tell()]
        if row is not None:
            span[1] += old.write(row[0])
            db.execute("DELETE FROM fr_ttl WHERE subj = ?", (subject,))
        if block is not None:
            db.execute("INSERT INTO fr_ttl VALUES (?,?,?)", (subject, *block))
            span[3] += new.write(block[1])
        self.spans.append((span[0], span[1], span[2], span[3]))

    def close(self) -> None:
        for fh in self._files:
            fh.close()
        self._files = []  # closed: :meth:`pairs` may be sent to another process

    def pairs(self) -> Iterator[tuple[bytes, bytes]]:
        """Each subject's Turtle before and after (with the prefixes), one at a time."""
        with self.paths[0].open("rb") as old, self.paths[1].open("rb") as new:
            for a, b, c, d in self.spans:
                old.seek(a)
                new.seek(c)
                yield self.head + old.read(b - a), self.head + new.read(d - c)


def _replace(
    db: sqlite3.Connection,
    change: TurtleChange,
    namespaces: dict[str, str],
    lines: Iterable[str],
    subjects: Iterable[str] = (),
) -> set[str]:
    """The blocks of ``lines`` in place of their subjects' and of ``subjects``' blocks;
    returns the subjects replaced."""
    data = (line.encode("utf-8") + b"\n" for line in sorted(set(lines)))
    blocks = {subject: (mask, body) for subject, mask, body in turtle_blocks(data, namespaces)}
    done = set(subjects) | blocks.keys()
    for subject in sorted(done):
        change.replace(db, subject, blocks.get(subject))
    return done


def update(
    store: MergeStore, changes: Changes, namespaces: dict[str, str], folder: Path
) -> TurtleChange:
    """Make again the pieces of what an incremental merge changed, one node, edge or
    article at a time; returns the Turtle replaced (files in ``folder``)."""
    db, base = store.db, store.base
    change = TurtleChange(folder, namespaces)
    done: set[str] = set()
    for iri in sorted(changes.iris | {s for s, _, _ in changes.edges}):
        found = _entity(store, iri)
        if iri in changes.iris:
            db.execute("DELETE FROM fr_ent WHERE iri = ?", (iri,))
            if found is not None:
                line = jsonl(iter([entity_record(found[0])]))
                db.execute("INSERT INTO fr_ent VALUES (?,?)", (iri, line))
        lines: list[str] = []
        if found is not None:
            entity, shas = found
            articles = (article_iri(base, sha) for sha in shas)
            lines += map(ntriple, entity_triples(entity, articles))
            rows = db.execute("SELECT DISTINCT rel, o FROM ev WHERE s = ?", (iri,))
            lines += (ntriple((URIRef(iri), AG[rel], URIRef(o))) for rel, o in rows)
        done |= _replace(db, change, namespaces, lines, [f"<{iri}>"])
    for key in sorted(changes.edges | _edges_of(db, changes.labels)):
        db.execute("DELETE FROM fr_edge WHERE s = ? AND rel = ? AND o = ?", key)
        found_edge = _edge(store, key)
        lines = []
        if found_edge is not None:
            edge, nodes = found_edge
            s, o = store.entity(edge.subject), store.entity(edge.object)
            db.execute(
                "INSERT INTO fr_edge VALUES (?,?,?,?)", (*key, jsonl(edge_records(edge, s, o)))
            )
        if key not in changes.edges:
            continue  # its nodes' names changed, not its evidence: the Turtle stays
        if found_edge is not None:
            node = functools.partial(_article_node, base, nodes)
            plain = f"<{edge.subject}> "  # the subject's own block has the plain triple
            lines = [
                t for t in map(ntriple, edge_triples(edge, base, node)) if not t.startswith(plain)
            ]
        done |= _replace(db, change, namespaces, lines, [f"<{fact_iri(base, *key)}>"])
    for sha in sorted(changes.articles):
        columns = "name, path, sha, title, date, also"
        row = db.execute(f"SELECT {columns} FROM art WHERE sha = ?", (sha,)).fetchone()
        lines = []
        if row is not None:
            also = tuple(json.loads(row[5]))
            article = Article(row[0], row[1], "", row[2], row[3], row[4], also)
            lines = list(map(ntriple, article_triples(article, base)))
        done |= _replace(db, change, namespaces, lines, [f"<{article_iri(base, sha)}>"])
    for subject in sorted(f"<{iri}>" for iri in changes.evidence):
        if subject not in done:  # evidence of an edge that lost it
            change.replace(db, subject, None)
    change.close()
    return change
