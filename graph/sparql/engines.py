"""Where queries run: rdflib in memory, a persistent Oxigraph store, or a remote endpoint.

Every engine is a :class:`Backend` whose :meth:`~Backend.query` returns a
:class:`~actorgraph.graph.sparql.results.QueryOutcome`, so the CLI and the named queries
do not care which one answers:

* :class:`RdflibBackend` (default): the graph file parsed into rdflib; variable
  bindings go through ``prepareQuery`` + ``initBindings``.
* :class:`OxigraphBackend` (``--store oxigraph:DIR``): a persistent pyoxigraph
  store in ``DIR``; the first use loads the graph file, later uses reuse the
  store and reload it when the graph file changed.
* :class:`EndpointBackend` (``--endpoint URL``): any SPARQL 1.1 endpoint over
  HTTP (the SPARQL protocol, with ``urllib``; see :mod:`~actorgraph.graph.sparql.remote`).

Local queries run in a forked worker process that is killed when it passes its
time limit (rdflib has no timeout of its own and threads cannot be killed; see
:mod:`~actorgraph.graph.sparql.limits`). Oxigraph and remote endpoints have no
``initBindings``: their bindings become a ``VALUES`` block at the top of the WHERE
clause, each term written by a strict serialiser
(:func:`~actorgraph.graph.sparql.text.sparql_term`), never raw user text.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier, Node

from actorgraph.graph.core.graphfile import graph_format, load_dataset, load_graph
from actorgraph.graph.core.rdf import PREFIXES
from actorgraph.graph.core.serialize import ntriples_text
from actorgraph.graph.errors import GraphFileError, QueryError

from . import limits  # limits.QUERY_MEMORY is read per query: it can be lowered at run time
from .limits import DEFAULT_TIMEOUT, _first_line, memory_message, run_isolated
from .query import prepare
from .remote import EndpointBackend
from .results import QueryOutcome, outcome_from_result
from .text import query_form, refuse_network, with_values

__all__ = ["Backend", "OxigraphBackend", "RdflibBackend", "open_backend"]

# --------------------------------------------------------------------------- backends


class Backend(Protocol):
    """A place queries run."""

    #: a short description for messages (``rdflib: out/graph.ttl``)
    description: str

    def query(
        self,
        text: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        limit: int | None = None,
    ) -> QueryOutcome:
        """Run a read query with variables bound to terms (at most ``limit`` rows)."""
        ...


@functools.lru_cache(maxsize=64)
def _prepared(text: str, allow_network: bool) -> Query:
    """A parsed query, kept: parsing a long query costs rdflib a noticeable time."""
    return prepare(text, allow_network=allow_network)


class RdflibBackend:
    """A graph held in memory by rdflib; queries run in a forked worker with a time limit."""

    def __init__(
        self,
        graph: Graph,
        *,
        timeout: float | None = DEFAULT_TIMEOUT,
        allow_network: bool = False,
        description: str = "rdflib",
    ) -> None:
        self.graph = graph
        self.timeout = timeout
        self.allow_network = allow_network
        self.description = description

    @classmethod
    def from_file(cls, path: str | Path, **kwargs: Any) -> RdflibBackend:
        """Parse a graph file; TriG and N-Quads keep their named graphs for ``GRAPH``."""
        graph = load_dataset(path) if graph_format(path) in {"trig", "nquads"} else load_graph(path)
        return cls(graph, description=f"rdflib: {path}", **kwargs)

    def query(
        self,
        text: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        limit: int | None = None,
    ) -> QueryOutcome:
        """Run a query; bindings go through ``initBindings``, never into the text.

        With ``limit``, rows are read only until there are that many.
        """
        prepared = _prepared(text, self.allow_network)
        init = dict(bindings or {})

        def work() -> QueryOutcome:
            try:
                return outcome_from_result(self.graph.query(prepared, initBindings=init), limit)
            except MemoryError:
                raise QueryError(memory_message()) from None
            except Exception as exc:
                raise QueryError(f"query failed: {_first_line(exc)}") from None

        return run_isolated(work, timeout=self.timeout, memory=limits.QUERY_MEMORY)


class OxigraphBackend:
    """A persistent pyoxigraph store in a folder, loaded from a graph file when stale.

    Layout of the folder: ``db/`` (the store), ``actorgraph-store.json`` (which
    graph file was loaded, its size and modification time) and a lock file that
    keeps a load and queries from overlapping.
    """

    MARKER = "actorgraph-store.json"
    LOCK = ".actorgraph-store.lock"

    def __init__(
        self,
        graph_path: str | Path,
        store_dir: str | Path,
        *,
        timeout: float | None = DEFAULT_TIMEOUT,
        allow_network: bool = False,
    ) -> None:
        self.graph_path = Path(graph_path)
        self.store_dir = Path(store_dir)
        self.timeout = timeout
        self.allow_network = allow_network
        self.description = f"oxigraph: {self.store_dir}"

    @property
    def db(self) -> Path:
        return self.store_dir / "db"

    def ensure_loaded(self) -> bool:
        """Load the graph file into the store unless it holds that file already.

        Returns:
            Whether the store was (re)loaded.

        Raises:
            GraphFileError: the graph file is missing or does not parse, or the
                folder is not an actorgraph store.
        """
        if not self.graph_path.is_file():
            raise GraphFileError(
                f"graph file '{self.graph_path}' not found; run `actorgraph build` first "
                "or pass --graph PATH"
            )
        self._check_folder()
        source = self._source()
        with self._lock(exclusive=True):
            if self._marker() == source:
                return False
            (self.store_dir / self.MARKER).unlink(missing_ok=True)
            graph_path, fmt = self.graph_path, graph_format(self.graph_path)
            run_isolated(lambda: _oxigraph_load(self.db, graph_path, fmt), timeout=None)
            (self.store_dir / self.MARKER).write_text(json.dumps(source), encoding="utf-8")
        return True

    def query(
        self,
        text: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        limit: int | None = None,
    ) -> QueryOutcome:
        """Run a query over the store (loaded first when stale); at most ``limit`` rows."""
        query_form(text)
        full = with_values(text, bindings)
        if not self.allow_network:
            refuse_network(full)
            # the keyword scan is a first, cheap look; what decides is the parsed query:
            # a query rdflib cannot parse, or whose algebra holds SERVICE or FROM, is refused
            _prepared(full, False)
        self.ensure_loaded()
        with self._lock(exclusive=False):
            return run_isolated(
                lambda: _oxigraph_query(self.db, full, limit),
                timeout=self.timeout,
                memory=limits.QUERY_MEMORY,
            )

    def _source(self) -> dict[str, Any]:
        st = self.graph_path.stat()
        return {
            "graph": str(self.graph_path.resolve()),
            "size": st.st_size,
            "mtime_ns": st.st_mtime_ns,
        }

    def _marker(self) -> dict[str, Any] | None:
        try:
            data = json.loads((self.store_dir / self.MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _check_folder(self) -> None:
        d = self.store_dir
        if d.exists() and not d.is_dir():
            raise GraphFileError(f"store folder '{d}' is a file; give a folder to --store")
        if d.is_dir():
            why = self._not_a_store(d)
            if why is not None:
                raise GraphFileError(
                    f"'{d}' is not an actorgraph store ({why}); nothing was written there; "
                    "choose a new or empty folder for --store oxigraph:DIR"
                )
        try:
            d.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GraphFileError(f"cannot create store folder '{d}': {exc.strerror}") from None

    def _not_a_store(self, d: Path) -> str | None:
        """Why folder ``d`` must not be used as a store, or None if it is empty or one.

        A store holds only ``db/`` (an Oxigraph/RocksDB folder: empty, or with its
        ``CURRENT`` file), the marker and the lock file.
        """
        try:
            names = sorted(p.name for p in d.iterdir())
            db = d / "db"
            in_db = sorted(p.name for p in db.iterdir()) if db.is_dir() else []
        except OSError as exc:
            return f"it cannot be listed: {exc.strerror}"
        others = [n for n in names if n not in {"db", self.MARKER, self.LOCK}]
        if others:
            return f"it holds {others[0]!r}"
        if db.exists() and not db.is_dir():
            return "its 'db' is a file"
        if in_db and "CURRENT" not in in_db:
            return f"its 'db' folder holds {in_db[0]!r}, not an Oxigraph database"
        return None

    @contextlib.contextmanager
    def _lock(self, *, exclusive: bool) -> Iterator[None]:
        import fcntl

        fd = os.open(self.store_dir / self.LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            yield
        finally:
            os.close(fd)


def _oxigraph_load(db: Path, graph_path: Path, fmt: str) -> None:
    """(Worker) Replace the store's content with a graph file."""
    import pyoxigraph as ox

    try:
        store = ox.Store(str(db))
    except OSError as exc:
        raise GraphFileError(f"cannot open store '{db}': {_first_line(exc)}") from None
    store.clear()
    try:
        direct = {
            "turtle": ox.RdfFormat.TURTLE,
            "nt": ox.RdfFormat.N_TRIPLES,
            "trig": ox.RdfFormat.TRIG,
            "nquads": ox.RdfFormat.N_QUADS,
        }
        if fmt in direct:  # named graphs of TriG / N-Quads are kept
            store.bulk_load(path=str(graph_path), format=direct[fmt])
        else:  # read safely by rdflib (JSON-LD contexts, XML entities), then hand over
            data = ntriples_text(load_graph(graph_path)).encode("utf-8")
            store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)
    except (SyntaxError, ValueError) as exc:
        store.clear()
        raise GraphFileError(f"'{graph_path}' is not valid {fmt}: {_first_line(exc)}") from None
    store.flush()


def _oxigraph_query(db: Path, text: str, limit: int | None = None) -> QueryOutcome:
    """(Worker) Run a query over a store opened read-only; read at most ``limit`` rows."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(db))
    try:
        result = store.query(text, prefixes=PREFIXES)
        if isinstance(result, ox.QueryBoolean):
            return QueryOutcome("ASK", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = tuple(v.value for v in result.variables)
            rows = tuple(
                tuple(_from_ox(sol[i]) for i in range(len(names)))
                for sol in itertools.islice(result, limit)
            )
            return QueryOutcome("SELECT", names, rows)
        triples = tuple(
            (_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in result
        )
        return QueryOutcome("CONSTRUCT", triples=triples)  # type: ignore[arg-type]
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL (Oxigraph): {_first_line(exc)}") from None
    except MemoryError:
        raise QueryError(memory_message()) from None
    except OSError as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from None


def _from_ox(term: Any) -> Node | None:
    """A pyoxigraph term as an rdflib term (``None`` stays unbound)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == str(XSD.string) else URIRef(dt))
    return Literal(str(term))


def open_backend(
    graph_path: str | Path,
    *,
    store: str | None = None,
    endpoint: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    allow_network: bool = False,
) -> Backend:
    """The backend the CLI options ask for.

    Args:
        graph_path: the graph file (ignored with ``endpoint``).
        store: ``None`` / ``"rdflib"`` (in memory) or ``"oxigraph:DIR"``.
        endpoint: a SPARQL endpoint URL (then ``store`` must be ``None``).
        timeout: seconds per query; ``None`` or 0 for no limit.
        allow_network: let local queries use ``SERVICE`` / ``FROM``.

    Raises:
        QueryError: conflicting or malformed options.
        GraphFileError: the graph file cannot be read.
    """
    limit = timeout or None
    if endpoint:
        if store not in (None, "rdflib"):
            raise QueryError("--endpoint and --store exclude each other; give one")
        return EndpointBackend(endpoint, timeout=limit)
    if store in (None, "rdflib"):
        return RdflibBackend.from_file(graph_path, timeout=limit, allow_network=allow_network)
    kind, _, folder = store.partition(":")
    if kind != "oxigraph" or not folder:
        raise QueryError(f"unknown --store {store!r}; use rdflib or oxigraph:DIR")
    backend = OxigraphBackend(graph_path, folder, timeout=limit, allow_network=allow_network)
    backend.ensure_loaded()
    return backend
