"""Where queries run: rdflib in memory, a persistent Oxigraph store, or a remote endpoint.

Every engine is a :class:`Backend` whose :meth:`~Backend.query` returns a
:class:`~actorgraph.graph.sparql.results.QueryOutcome`, so the CLI and the named queries
do not care which one answers:

* Oxigraph (``--store oxigraph``, the default): a build's graph is answered from
  the store the build leaves in ``OUT/.actorgraph-store/`` (:func:`build_store`,
  reloaded if the graph changed since); any other graph file is read into an
  in-memory Oxigraph store (:class:`OxigraphMemoryBackend`). Neither reads Turtle
  with rdflib, which is what made a query on a small graph take about a second.
* :class:`RdflibBackend` (``--store rdflib``): the graph file parsed into rdflib;
  variable bindings go through ``prepareQuery`` + ``initBindings``.
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
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rdflib import Graph
from rdflib.term import Identifier

from actorgraph.graph.core.graphfile import graph_format, load_dataset, load_graph
from actorgraph.graph.errors import GraphFileError, QueryError

# limits.QUERY_MEMORY is read per query: it can be lowered at run time
from . import answers, limits
from .limits import DEFAULT_TIMEOUT, _first_line, memory_message, run_isolated
from .oxstore import (
    add_article_graphs,
    add_article_graphs_to,
    fill,
    load_into,
    query_db,
    query_store,
    triple_changes,
)
from .query import prepare, query_kind, stream_triples
from .results import Compact, QueryOutcome, outcome_from_result
from .text import query_form, refuse_network, with_values

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query

__all__ = [
    "Backend",
    "OxigraphBackend",
    "OxigraphMemoryBackend",
    "RdflibBackend",
    "build_store",
    "open_backend",
]

#: where a build folder keeps the Oxigraph store of its graph (one sub-folder per file)
STORE_DIR = ".actorgraph-store"

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

        With ``limit``, rows (or the triples of CONSTRUCT and DESCRIBE) are read only
        until there are that many.
        """
        prepared = _prepared(text, self.allow_network)
        init = dict(bindings or {})

        def work() -> QueryOutcome:
            try:
                if limit is not None and query_kind(prepared) in {"CONSTRUCT", "DESCRIBE"}:
                    found = stream_triples(self.graph, prepared, init)  # stops at the limit
                    return QueryOutcome("CONSTRUCT", triples=tuple(itertools.islice(found, limit)))
                return outcome_from_result(self.graph.query(prepared, initBindings=init), limit)
            except MemoryError:
                raise QueryError(memory_message()) from None
            except Exception as exc:
                raise QueryError(f"query failed: {_first_line(exc)}") from None

        return run_isolated(work, timeout=self.timeout, memory=limits.QUERY_MEMORY)


class OxigraphBackend:
    """A persistent pyoxigraph store in a folder, loaded from a graph file when stale.

    Layout of the folder: ``db/`` (the store), ``actorgraph-store.json`` (which
    graph file was loaded, its size and modification time), ``answers/`` (see
    :meth:`query_kept`), ``article-graphs.json`` (see :meth:`add_article_graphs`)
    and a lock file that keeps a load and queries from overlapping.
    """

    MARKER = "actorgraph-store.json"
    GRAPHS = "article-graphs.json"
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
            (self.store_dir / self.GRAPHS).unlink(missing_ok=True)
            shutil.rmtree(self.store_dir / answers.FOLDER, ignore_errors=True)
            graph_path, fmt = self.graph_path, graph_format(self.graph_path)
            run_isolated(lambda: load_into(self.db, graph_path, fmt), timeout=None)
            (self.store_dir / self.MARKER).write_text(json.dumps(source), encoding="utf-8")
        return True

    def add_article_graphs(self) -> bool:
        """Add one named graph per article, derived from the merged graph the store holds
        (:func:`~.oxstore.add_article_graphs`), once per loaded graph: for ``GRAPH``
        queries on a build's graph.ttl.

        Returns:
            Whether they were added now.
        """
        self.ensure_loaded()
        with self._lock(exclusive=True):
            marker = self._marker()
            if marker is None or self._marker(self.GRAPHS) == marker:
                return False
            run_isolated(lambda: add_article_graphs_to(self.db), timeout=None)
            (self.store_dir / self.GRAPHS).write_text(json.dumps(marker), encoding="utf-8")
        return True

    def source(self) -> dict[str, Any] | None:
        """What the store holds now, as :meth:`patch` expects it (None: no graph file)."""
        try:
            return self._source()
        except OSError:
            return None

    def patch(
        self, held: dict[str, Any] | None, changes: Callable[[], Iterable[tuple[bytes, bytes]]]
    ) -> bool:
        """Bring a store that holds an earlier graph file (``held``: its :meth:`source`)
        up to date with the graph file now in place, by removing and adding the triples
        that changed instead of loading the file again.  ``changes`` gives pieces of
        Turtle before and after (each a document of its own, of a few subjects).

        Returns:
            False, and nothing done, if the store does not hold that earlier file.
        """
        if held is None or not self.db.is_dir() or self._not_a_store(self.store_dir):
            return False
        if (self.store_dir / self.GRAPHS).exists():
            return False  # per-article named graphs of the earlier graph: load afresh
        source = self._source()
        with self._lock(exclusive=True):
            if self._marker() != held:
                return False
            (self.store_dir / self.MARKER).unlink()  # a patch cut short means a reload
            run_isolated(lambda: _oxigraph_patch(self.db, changes()), timeout=None)
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
        full = _checked_text(text, bindings, self.allow_network)
        self.ensure_loaded()
        with self._lock(exclusive=False):
            answer = run_isolated(
                lambda: query_db(self.db, full, limit),
                timeout=self.timeout,
                memory=limits.QUERY_MEMORY,
            )
        return _expanded(answer)

    def query_kept(self, key: str, text: str, *, memory: int | None = None) -> QueryOutcome:
        """Run a query without bindings once per loaded graph (see :mod:`.answers`).

        The answer of a SELECT query is kept in ``answers/KEY.json`` and read back
        by later calls while the store holds the same graph and ``text`` is unchanged.
        ``memory``: what the query's worker may take (default ``limits.QUERY_MEMORY``).
        """
        full = _checked_text(text, None, self.allow_network)
        self.ensure_loaded()
        path = answers.answer_path(self.store_dir, key)
        with self._lock(exclusive=False):
            marker = self._marker()
            kept = answers.read_answer(path, marker, text)
            if kept is not None:
                with contextlib.suppress(TypeError, AttributeError, IndexError, ValueError):
                    return kept.outcome()  # else a damaged answer: the query runs again
            answer = run_isolated(
                lambda: query_db(self.db, full),
                timeout=self.timeout,
                memory=limits.QUERY_MEMORY if memory is None else memory,
            )
            if isinstance(answer, Compact):
                answers.write_answer(path, marker, text, answer)
        return _expanded(answer)

    def _source(self) -> dict[str, Any]:
        st = self.graph_path.stat()
        return {
            "graph": str(self.graph_path.resolve()),
            "size": st.st_size,
            "mtime_ns": st.st_mtime_ns,
            "inode": st.st_ino,
        }

    def _marker(self, name: str = MARKER) -> dict[str, Any] | None:
        """What graph file the store holds (or, with ``name=GRAPHS``, got article graphs for)."""
        try:
            data = json.loads((self.store_dir / name).read_text(encoding="utf-8"))
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
        ``CURRENT`` file), ``answers/``, the two markers and the lock file.
        """
        try:
            names = sorted(p.name for p in d.iterdir())
            db = d / "db"
            in_db = sorted(p.name for p in db.iterdir()) if db.is_dir() else []
        except OSError as exc:
            return f"it cannot be listed: {exc.strerror}"
        others = [
            n for n in names if n not in {"db", answers.FOLDER, self.MARKER, self.GRAPHS, self.LOCK}
        ]
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


def _oxigraph_patch(db: Path, changes: Iterable[tuple[bytes, bytes]]) -> None:
    """(Worker) For each piece of Turtle before and after, remove from the default graph
    the triples that went and add those that came."""
    import pyoxigraph as ox

    store = ox.Store(str(db))
    graph = ox.DefaultGraph()
    for before, after in changes:
        gone, came = triple_changes(before, after)
        for t in gone:
            store.remove(ox.Quad(t.subject, t.predicate, t.object, graph))
        store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in came)
    store.flush()


class OxigraphMemoryBackend:
    """A graph file read into an in-memory Oxigraph store; queries run in a forked worker."""

    def __init__(
        self,
        store: Any,
        *,
        timeout: float | None = DEFAULT_TIMEOUT,
        allow_network: bool = False,
        description: str = "oxigraph (in memory)",
    ) -> None:
        self.store = store
        self.timeout = timeout
        self.allow_network = allow_network
        self.description = description

    @classmethod
    def from_file(cls, path: str | Path, **kwargs: Any) -> OxigraphMemoryBackend:
        """Read a graph file (any format :mod:`~actorgraph.graph.core.graphfile` reads).

        Raises:
            GraphFileError: the file is missing or does not parse.
        """
        import pyoxigraph as ox

        p = Path(path)
        if not p.is_file():
            raise GraphFileError(
                f"graph file '{p}' not found; run `actorgraph build` first or pass --graph PATH"
            )
        store = ox.Store()
        fill(store, p, graph_format(p), bulk=False)
        return cls(store, description=f"oxigraph: {p} (in memory)", **kwargs)

    def add_article_graphs(self) -> bool:
        """Add one named graph per article, derived from the merged graph in the store."""
        add_article_graphs(self.store)
        return True

    def query(
        self,
        text: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        limit: int | None = None,
    ) -> QueryOutcome:
        """Run a query (at most ``limit`` rows) in a worker stopped at the time limit."""
        full = _checked_text(text, bindings, self.allow_network)
        store = self.store
        answer = run_isolated(
            lambda: query_store(store, full, limit),
            timeout=self.timeout,
            memory=limits.QUERY_MEMORY,
        )
        return _expanded(answer)


def _expanded(answer: QueryOutcome | Compact) -> QueryOutcome:
    """A worker's answer with rdflib terms (a SELECT's rows come back compact)."""
    return answer.outcome() if isinstance(answer, Compact) else answer


_NETWORK_WORD = re.compile(r"(?i)(?<![\w?$])(?:service|from)(?!\w)")


def _checked_text(text: str, bindings: Mapping[str, Identifier] | None, allow_network: bool) -> str:
    """The query with its bindings as VALUES, refused if it would reach the network.

    The keyword scan (:func:`~actorgraph.graph.sparql.text.refuse_network`) is a
    first, cheap look. What decides is the parsed query: a query whose text (with
    ``\\u`` escapes decoded) holds the word SERVICE or FROM anywhere is parsed by
    rdflib, and refused when it cannot be parsed or its algebra holds SERVICE or
    FROM. A query without either word cannot hold them, so it skips that parse.
    """
    query_form(text)
    full = with_values(text, bindings)
    if not allow_network:
        refuse_network(full)
        if _NETWORK_WORD.search(_unescape(full)):
            _prepared(full, False)
    return full


def _unescape(text: str) -> str:
    """``\\uXXXX`` / ``\\UXXXXXXXX`` escapes decoded (SPARQL reads them before parsing)."""
    if "\\" not in text:
        return text
    return re.sub(
        r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})",
        lambda m: chr(min(int(m.group(1) or m.group(2), 16), 0x10FFFF)),
        text,
    )


def build_store(graph_path: str | Path) -> Path | None:
    """The folder where a build keeps the Oxigraph store of ``graph_path``, or None.

    A graph file in a build folder (one holding ``.actorgraph-current``, which
    ``actorgraph build`` makes) has its store in ``OUT/.actorgraph-store/NAME``; any
    other file has none (it is read into memory instead).
    """
    from actorgraph.graph.outputs import CURRENT

    p = Path(graph_path)
    if not (p.parent / CURRENT).is_symlink():
        return None
    return p.parent / STORE_DIR / p.name


def open_backend(
    graph_path: str | Path,
    *,
    store: str | None = None,
    endpoint: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    allow_network: bool = False,
    max_answer_bytes: int | None = None,
) -> Backend:
    """The backend the CLI options ask for.

    Args:
        graph_path: the graph file (ignored with ``endpoint``).
        store: ``None`` / ``"oxigraph"`` (a build's store, else the file in memory),
            ``"rdflib"`` (in memory) or ``"oxigraph:DIR"`` (a persistent store in DIR).
        endpoint: a SPARQL endpoint URL (then ``store`` must be ``None``).
        timeout: seconds per query; ``None`` or 0 for no limit.
        allow_network: let local queries use ``SERVICE`` / ``FROM``.
        max_answer_bytes: the most bytes of an endpoint's answer read (``None``: the
            default cap, 0: none).

    Raises:
        QueryError: conflicting or malformed options.
        GraphFileError: the graph file cannot be read.
    """
    limit = timeout or None
    if endpoint:
        from .remote import EndpointBackend  # urllib, ssl: only when a remote store is asked for

        if store not in (None, "oxigraph", "rdflib"):
            raise QueryError("--endpoint and --store exclude each other; give one")
        if max_answer_bytes is None:
            return EndpointBackend(endpoint, timeout=limit)
        return EndpointBackend(endpoint, timeout=limit, max_bytes=max_answer_bytes or None)
    if store == "rdflib":
        return RdflibBackend.from_file(graph_path, timeout=limit, allow_network=allow_network)
    if store in (None, "oxigraph"):
        folder = build_store(graph_path)
        if folder is not None and Path(graph_path).is_file():
            try:
                backend = OxigraphBackend(
                    graph_path, folder, timeout=limit, allow_network=allow_network
                )
                backend.ensure_loaded()
                return backend
            except GraphFileError:
                pass  # a store that cannot be written (read-only folder ...): read into memory
        return OxigraphMemoryBackend.from_file(
            graph_path, timeout=limit, allow_network=allow_network
        )
    kind, _, folder_name = store.partition(":")
    if kind != "oxigraph" or not folder_name:
        raise QueryError(f"unknown --store {store!r}; use oxigraph, rdflib or oxigraph:DIR")
    backend = OxigraphBackend(graph_path, folder_name, timeout=limit, allow_network=allow_network)
    backend.ensure_loaded()
    return backend
