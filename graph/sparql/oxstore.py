"""Oxigraph's side of a query: filling a store from a graph file, running a query in a worker.

These functions run inside the forked query workers of
:mod:`~actorgraph.graph.sparql.engines` (the backends that decide where and how
long). A SELECT answer leaves the worker as a :class:`~.results.Compact` outcome,
its terms as plain strings: building rdflib terms in the worker, pickling them
and building them again in the caller took longer than the query itself on large
answers (29,376 rows: 1.8 s against 0.5 s this way).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from actorgraph.graph.core.graphfile import load_dataset, load_graph
from actorgraph.graph.core.rdf import ARTICLE_GRAPH_QUERIES, PREFIXES
from actorgraph.graph.core.serialize import ntriples_text
from actorgraph.graph.errors import GraphFileError, QueryError

from .limits import _first_line, memory_message
from .results import XSD_STRING, Cell, Compact, QueryOutcome, expand_cell

__all__ = [
    "add_article_graphs",
    "add_article_graphs_to",
    "fill",
    "load_in_slices",
    "load_into",
    "query_db",
    "query_store",
    "triple_changes",
]


#: bytes of a graph file given to Oxigraph's bulk loader at a time: the loader holds what
#: it is given in memory several times over (about 25 MB per MB of Turtle; 1.6 GB for the
#: 263 MB graph.ttl of 100,000 articles loaded whole, 160 MB in slices of 4 MB, 105 MB in
#: slices of 2 MB, which took 13 % longer)
LOAD_SLICE_BYTES = 2 << 20


def load_into(db: Path, graph_path: Path, fmt: str, slice_bytes: int | None = None) -> None:
    """(Worker) Replace the content of the store in folder ``db`` with a graph file.

    The file is loaded in slices of about ``slice_bytes`` (default
    :data:`LOAD_SLICE_BYTES`) when it can be cut safely (:func:`load_in_slices`), so
    memory does not grow with the graph; else whole, as :func:`fill` does.
    """
    import pyoxigraph as ox

    try:
        store = ox.Store(str(db))
    except OSError as exc:
        raise GraphFileError(f"cannot open store '{db}': {_first_line(exc)}") from None
    store.clear()
    try:
        if not load_in_slices(store, graph_path, fmt, slice_bytes or LOAD_SLICE_BYTES):
            store.clear()
            fill(store, graph_path, fmt, bulk=True)
    except GraphFileError:
        store.clear()
        raise
    store.flush()


#: where a slice may end: before a line that starts a statement (Turtle: a line that
#: starts with an IRI, as every subject of Oxigraph's Turtle does; N-Triples and N-Quads:
#: any line)
_CUT_BEFORE = {"turtle": b"\n<", "nt": b"\n", "nquads": b"\n"}
#: a line of Turtle that declares a prefix or base (only the file's first lines may)
_DIRECTIVE = re.compile(rb"^[ \t]*(?:@prefix|@base|prefix|base)\b", re.IGNORECASE | re.MULTILINE)


def load_in_slices(store: Any, graph_path: Path, fmt: str, slice_bytes: int) -> int:
    """Bulk-load a Turtle, N-Triples or N-Quads file into an empty store a slice at a time,
    each slice a document of its own (the file's prefixes, then whole statements).

    A slice ends before a line that can start a statement, and is loaded only if it
    parses whole: a cut inside a statement leaves a slice that does not parse, since a
    slice that parses ends where the statements of the whole file end.  Two things that
    would parse but mean something else are looked for instead: a prefix or base
    declared after the first statement (later slices would not see it) and blank node
    labels (``_:b``: Oxigraph names them afresh in each document, so one label in two
    slices would become two nodes).

    Returns:
        The number of slices loaded; 0 if the file cannot be loaded this way (another
        format, a declaration after the first statement, blank node labels, a slice that
        does not parse, no place to cut), and the store may then hold part of it, to be
        cleared.
    """
    import pyoxigraph as ox

    cut = _CUT_BEFORE.get(fmt)
    if cut is None:
        return 0
    rdf_format = {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "nquads": ox.RdfFormat.N_QUADS,
    }[fmt]
    with graph_path.open("rb") as fh:
        head = _header(fh) if fmt == "turtle" else b""
        pending, count = b"", 0
        while True:
            data = fh.read(slice_bytes)
            pending += data
            last = len(data) < slice_bytes  # the end of the file
            end = len(pending) if last else pending.rfind(cut) + 1
            if end <= 0 and not last:
                if len(pending) > 16 * slice_bytes:
                    return 0  # statements that never start a line: Oxigraph reads it whole
                continue  # no place to cut yet: read on
            part, pending = pending[:end], pending[end:]
            if b"_:" in part or (fmt == "turtle" and _DIRECTIVE.search(part)):
                return 0
            if part.strip() or not count:
                try:
                    store.bulk_load(input=head + part, format=rdf_format)
                except (SyntaxError, ValueError):
                    return 0
                count += 1
            if last:
                return count


def _header(fh: Any) -> bytes:
    """The first lines of a Turtle file that declare prefixes (or are blank or comments);
    the file is left just after them."""
    head = []
    while True:
        start = fh.tell()
        line = fh.readline()
        stripped = line.strip()
        if line and (not stripped or stripped.startswith(b"#") or _is_prefix(stripped)):
            head.append(line)
            continue
        fh.seek(start)
        return b"".join(head)


def _is_prefix(line: bytes) -> bool:
    return line.startswith(b"@prefix") or line[:7].lower() == b"prefix "


def triple_changes(before: bytes, after: bytes) -> tuple[list[Any], list[Any]]:
    """The triples that only one of two Turtle documents holds: ``(gone, came)``.

    The pieces of a build's graph.ttl give their triples in order (a subject's block is
    Oxigraph's Turtle of its sorted N-Triples lines), so the two are walked side by side
    and only the differences are kept: a hub named in 370,000 articles has a block of
    as many triples, and two sets of them took some 300 MB.  Documents that turn out not
    to be in that order are compared as sets.
    """
    import pyoxigraph as ox

    try:
        return _walk_changes(before, after)
    except _Unordered:
        old = set(ox.parse(before, format=ox.RdfFormat.TURTLE))
        new = set(ox.parse(after, format=ox.RdfFormat.TURTLE))
        return list(old - new), list(new - old)


class _Unordered(Exception):
    """Triples not in increasing order of their text."""


def _walk_changes(before: bytes, after: bytes) -> tuple[list[Any], list[Any]]:
    import pyoxigraph as ox

    def ordered(data: bytes) -> Iterator[tuple[str, Any]]:
        last = None
        for triple in ox.parse(data, format=ox.RdfFormat.TURTLE):
            key = str(triple)
            if last is not None and key <= last:
                raise _Unordered
            last = key
            yield key, triple

    gone: list[Any] = []
    came: list[Any] = []
    old, new = ordered(before), ordered(after)
    a, b = next(old, None), next(new, None)
    while a is not None or b is not None:
        if a is not None and (b is None or a[0] < b[0]):
            gone.append(a[1])
            a = next(old, None)
        elif b is not None and (a is None or b[0] < a[0]):
            came.append(b[1])
            b = next(new, None)
        else:  # the same triple in both
            a, b = next(old, None), next(new, None)
    return gone, came


def fill(store: Any, graph_path: Path, fmt: str, *, bulk: bool) -> None:
    """Load a graph file into an Oxigraph store (named graphs of TriG / N-Quads kept).

    Turtle, N-Triples, TriG and N-Quads are read by Oxigraph itself; other formats
    (and a file Oxigraph refuses, so the message is rdflib's, naming the line) are
    read safely by rdflib (JSON-LD contexts, XML entities) and handed over.
    """
    import pyoxigraph as ox

    direct = {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "trig": ox.RdfFormat.TRIG,
        "nquads": ox.RdfFormat.N_QUADS,
    }
    load = store.bulk_load if bulk else store.load
    if fmt in direct:
        try:
            load(path=str(graph_path), format=direct[fmt])
            return
        except (SyntaxError, ValueError, UnicodeDecodeError):
            store.clear()  # rdflib reads it again below, and says what is wrong
    rdflib_graph = load_dataset(graph_path) if fmt in direct else load_graph(graph_path)
    quads = fmt in {"trig", "nquads"}
    fmt_out = ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES
    # a dataset read by rdflib as N-Quads: its default graph stays the default
    data = str(rdflib_graph.serialize(format="nquads")) if quads else ntriples_text(rdflib_graph)
    try:
        load(input=data.encode("utf-8"), format=fmt_out)
    except (SyntaxError, ValueError) as exc:
        raise GraphFileError(f"'{graph_path}' is not valid {fmt}: {_first_line(exc)}") from None


def add_article_graphs(store: Any, *, bulk: bool = False) -> None:
    """Add to a store of a merged graph one named graph per article, as ``export --format
    trig`` writes them (:data:`~actorgraph.graph.core.rdf.ARTICLE_GRAPH_QUERIES`).

    The default graph stays as it is. ``bulk``: write as Oxigraph's bulk loader does
    (a persistent store: a SPARQL update there is slower by orders of magnitude).
    """
    import pyoxigraph as ox

    quads = (
        ox.Quad(row[1], row[2], row[3], row[0])
        for text in ARTICLE_GRAPH_QUERIES
        for row in store.query(text, prefixes=PREFIXES)
    )
    if bulk:
        store.bulk_extend(quads)  # streamed: the bulk loader writes files it adds at the end
    else:
        store.extend(list(quads))  # read all first: a transaction waits for open readers


def add_article_graphs_to(db: Path) -> None:
    """(Worker) :func:`add_article_graphs` for the store in folder ``db``."""
    import pyoxigraph as ox

    try:
        store = ox.Store(str(db))
        add_article_graphs(store, bulk=True)
        store.flush()
    except OSError as exc:
        raise GraphFileError(f"cannot add article graphs to '{db}': {_first_line(exc)}") from None


def query_db(db: Path, text: str, limit: int | None = None) -> QueryOutcome | Compact:
    """(Worker) Run a query over the store in folder ``db``, opened read-only."""
    import pyoxigraph as ox

    return query_store(ox.Store.read_only(str(db)), text, limit)


def query_store(store: Any, text: str, limit: int | None = None) -> QueryOutcome | Compact:
    """(Worker) Run a query over an Oxigraph store; read at most ``limit`` rows.

    Returns:
        The rows of a SELECT query as a :class:`Compact` outcome; ASK and
        CONSTRUCT / DESCRIBE answers as a :class:`QueryOutcome`.
    """
    import pyoxigraph as ox

    cell = _cell_of()
    try:
        result = store.query(text, prefixes=PREFIXES)
        if isinstance(result, ox.QueryBoolean):
            return QueryOutcome("ASK", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = tuple(v.value for v in result.variables)
            rows = tuple(tuple(map(cell, sol)) for sol in itertools.islice(result, limit))
            return Compact(names, rows)
        triples = tuple(
            (
                expand_cell(cell(t.subject)),
                expand_cell(cell(t.predicate)),
                expand_cell(cell(t.object)),
            )
            for t in itertools.islice(result, limit)  # made as read: stop at the limit
        )
        return QueryOutcome("CONSTRUCT", triples=triples)  # type: ignore[arg-type]
    except SyntaxError as exc:
        from .query import prepare

        prepare(text, allow_network=True)  # rdflib's message names the line and column
        raise QueryError(f"malformed SPARQL (Oxigraph): {_first_line(exc)}") from None
    except MemoryError:
        raise QueryError(memory_message()) from None
    except OSError as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from None


def _cell_of() -> Callable[[Any], Cell]:
    """The function that writes a pyoxigraph term as a :data:`~.results.Cell`."""
    import pyoxigraph as ox

    named, literal, blank = ox.NamedNode, ox.Literal, ox.BlankNode

    def cell(term: Any) -> Cell:
        if term is None:
            return None
        kind = type(term)
        if kind is named:
            return str(term.value)
        if kind is literal:
            if term.language:
                return (term.value, "@" + term.language)
            dt = term.datatype.value
            return (term.value, "" if dt == XSD_STRING else dt)
        if kind is blank:
            return (term.value,)
        return (str(term), "")  # an RDF-star triple: shown as its text

    return cell
