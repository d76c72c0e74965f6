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
from collections.abc import Callable
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
    "load_into",
    "query_db",
    "query_store",
]


def load_into(db: Path, graph_path: Path, fmt: str) -> None:
    """(Worker) Replace the content of the store in folder ``db`` with a graph file."""
    import pyoxigraph as ox

    try:
        store = ox.Store(str(db))
    except OSError as exc:
        raise GraphFileError(f"cannot open store '{db}': {_first_line(exc)}") from None
    store.clear()
    try:
        fill(store, graph_path, fmt, bulk=True)
    except GraphFileError:
        store.clear()
        raise
    store.flush()


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
