"""Where queries run: rdflib in memory, a persistent Oxigraph store, or a remote endpoint.

Every engine is a :class:`Backend` whose :meth:`~Backend.query` returns a
:class:`~actorgraph.graph.query.QueryOutcome`, so the CLI and the named queries
do not care which one answers:

* :class:`RdflibBackend` (default): the graph file parsed into rdflib; variable
  bindings go through ``prepareQuery`` + ``initBindings``.
* :class:`OxigraphBackend` (``--store oxigraph:DIR``): a persistent pyoxigraph
  store in ``DIR``; the first use loads the graph file, later uses reuse the
  store and reload it when the graph file changed.
* :class:`EndpointBackend` (``--endpoint URL``): any SPARQL 1.1 endpoint over
  HTTP (the SPARQL protocol, with ``urllib``).

Local queries run in a forked worker process that is killed when it passes its
time limit (rdflib has no timeout of its own and threads cannot be killed).
Oxigraph and remote endpoints have no ``initBindings``: their bindings become a
``VALUES`` block at the top of the WHERE clause, each term written by a strict
serialiser (:func:`sparql_term`), never raw user text.

:func:`push` uploads a graph to a SPARQL 1.1 Graph Store (HTTP protocol): the
merged graph as the default graph and one named graph per article.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import itertools
import json
import multiprocessing
import os
import re
import signal
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier, Node

from actorgraph.ontology import AG

from .errors import ActorGraphError, GraphFileError, OutputError, QueryError
from .formats import nt_iri, nt_string, ntriples_text, term_key
from .query import PREFIXES, QueryOutcome, graph_format, load_dataset, load_graph, prepare
from .rdf import article_graphs

__all__ = [
    "DEFAULT_TIMEOUT",
    "Backend",
    "EndpointBackend",
    "OxigraphBackend",
    "PushReport",
    "RdflibBackend",
    "open_backend",
    "push",
    "run_isolated",
    "sparql_term",
    "with_values",
]

T = TypeVar("T")

#: seconds a query may run unless told otherwise
DEFAULT_TIMEOUT = 30.0

_SPARQL_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"

# --------------------------------------------------------------------------- time limits


def timeout_message(seconds: float) -> str:
    """The one-line message of a query that ran out of time."""
    shown = f"{seconds:g}"
    return f"query timed out after {shown} s; narrow it or raise --timeout"


#: memory a query worker may take beyond what it starts with (the parsed graph)
QUERY_MEMORY = 2 * 1024**3


def memory_message() -> str:
    """The one-line message of a query that ran out of memory."""
    return (
        f"query needed more than {QUERY_MEMORY / 1024**3:g} GB of memory and was stopped; "
        "narrow it or use --limit"
    )


def run_isolated(fn: Callable[[], T], *, timeout: float | None, memory: int | None = None) -> T:
    """Run ``fn`` in a forked worker process and return its result.

    The worker inherits everything already in memory (the parsed graph), so
    nothing is re-read; it is killed when ``timeout`` seconds pass, and with
    ``memory`` it may allocate at most that many bytes more than it starts with
    (``RLIMIT_DATA``; going over raises MemoryError in it). Where ``fork`` is not
    available the work runs in a daemon thread instead.

    Raises:
        QueryError: the time ran out, or the worker died without answering.
        ActorGraphError: whatever ``fn`` raised (passed back from the worker).
    """
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - Windows
        return _run_in_thread(fn, timeout)
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker_main, args=(fn, sender, memory), daemon=True)
    proc.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryError(timeout_message(timeout or 0))
        status, payload = receiver.recv()
    except EOFError:
        proc.join(5)
        raise QueryError(
            f"the query worker stopped (exit code {proc.exitcode}) without answering; "
            "it may have run out of memory: narrow the query"
        ) from None
    finally:
        receiver.close()
        if proc.is_alive():
            proc.kill()
        proc.join()
    if status == "error":
        raise payload
    result: T = payload
    return result


def _worker_main(fn: Callable[[], Any], sender: Any, memory: int | None = None) -> None:
    """Body of the worker process: run, send ``(status, payload)`` back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if memory is not None:
        _cap_memory(memory)
    try:
        message: tuple[str, Any] = ("ok", fn())
    except ActorGraphError as exc:
        message = ("error", exc)
    except MemoryError:
        message = ("error", QueryError(memory_message()))
    except Exception as exc:
        message = ("error", QueryError(f"query failed: {_first_line(exc)}"))
    try:
        sender.send(message)
    except Exception as exc:
        sender.send(("error", QueryError(f"query result cannot be passed back: {exc}")))
    sender.close()


def _cap_memory(extra: int) -> None:
    """Let this process allocate at most ``extra`` bytes more (best effort, Linux)."""
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as fh:
            kib = next(int(line.split()[1]) for line in fh if line.startswith("VmData:"))
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        cap = kib * 1024 + extra
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    except (ImportError, OSError, ValueError, StopIteration):
        pass


def _run_in_thread(fn: Callable[[], T], timeout: float | None) -> T:  # pragma: no cover
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["ok"] = fn()
        except BaseException as exc:
            box["error"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryError(timeout_message(timeout or 0))
    if "error" in box:
        raise box["error"]
    result: T = box["ok"]
    return result


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# --------------------------------------------------------------------------- bindings as VALUES

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def sparql_term(term: Identifier) -> str:
    """A term in SPARQL syntax, refusing anything that could escape its token.

    Raises:
        QueryError: an IRI with characters IRIs may not hold, a literal holding a
            ``\\u`` escape (SPARQL processes those before parsing), or a blank node.
    """
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(str(term)):
            raise QueryError(f"cannot bind {str(term)!r}: not a valid IRI")
        return nt_iri(str(term))
    if isinstance(term, Literal):
        if re.search(r"\\[uU]", str(term)):
            raise QueryError(f"cannot bind {str(term)!r}: '\\u' escapes are not allowed in values")
        text = nt_string(str(term))
        if term.language:
            if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", term.language):
                raise QueryError(f"cannot bind language tag {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{sparql_term(URIRef(term.datatype))}"
        return text
    raise QueryError("cannot bind a blank node; bind an IRI or a literal")


#: a comment right after ``{`` that asks for the bindings in that group too
VALUES_MARK = "#@values"


def with_values(text: str, bindings: Mapping[str, Identifier] | None) -> str:
    """The query with a ``VALUES`` block for ``bindings`` opening its WHERE clause.

    Bound variables are then visible in the WHERE group's triple patterns and
    top-level FILTERs, not inside nested groups or sub-queries. A group opened
    by ``{ #@values`` gets the same block, so a query can use its parameters
    there too, and engines can start evaluating that group from them.

    Raises:
        QueryError: a variable name is invalid, or the WHERE clause cannot be found.
    """
    if not bindings:
        return text
    names = sorted(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"invalid variable name {name!r} in --bind")
    where = _where_brace(text)
    if where < 0:
        raise QueryError("cannot bind variables: the query has no WHERE { ... } clause")
    cells = " ".join(sparql_term(bindings[n]) for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({cells}) }} "
    for pos in sorted({where, *_marked_braces(text)}, reverse=True):
        text = text[: pos + 1] + block + text[pos + 1 :]
    return text


def _marked_braces(text: str) -> list[int]:
    """Positions of the ``{`` directly followed by the ``#@values`` comment."""
    pairs = itertools.pairwise(_tokens(text, comments=True))
    return [pos for (pos, tok), (_, nxt) in pairs if tok == "{" and nxt.startswith(VALUES_MARK)]


#: an IRI reference, with the \u / \U escapes SPARQL allows in it
_IRI = re.compile(r"<(?:[^\s<>\"{}|^`\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>")


def _tokens(text: str, *, comments: bool = False) -> Iterator[tuple[int, str]]:
    """(position, token) of the words and braces outside IRIs, strings and comments."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            if comments:
                yield i, text[i:end]
            i = end
        elif c in "\"'":
            i = _skip_string(text, i)
        elif c == "<" and (iri := _IRI.match(text, i)) is not None:
            i = iri.end()
        elif c in "{}":
            yield i, c
            i += 1
        elif c.isalpha() or c == "_":
            m = re.match(r"[A-Za-z_][\w.-]*", text[i:])
            assert m is not None
            word = m.group().rstrip(".")
            follows = text[i + len(word) : i + len(word) + 1]
            if (i == 0 or text[i - 1] not in "?$:_") and follows != ":":
                yield i, word  # a keyword, not a variable or part of a prefixed name
            i += len(word)
        else:
            i += 1


def _skip_string(text: str, i: int) -> int:
    quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
    j = i + len(quote)
    while j < len(text):
        if text[j] == "\\":
            j += 2
        elif text.startswith(quote, j):
            return j + len(quote)
        else:
            j += 1
    return len(text)


def _where_brace(text: str) -> int:
    """Index of the ``{`` that opens the outer WHERE group, or -1."""
    previous = ""
    first_brace = -1
    form = ""
    for pos, tok in _tokens(text):
        upper = tok.upper()
        if not form and upper in {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}:
            form = upper
        if tok == "{":
            if previous == "WHERE":
                return pos
            if first_brace < 0:
                first_brace = pos
        previous = upper
    return first_brace if form in {"SELECT", "ASK"} else -1


def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: the query's first form keyword."""
    for _, tok in _tokens(text):
        if tok.upper() in {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}:
            return tok.upper()
    raise QueryError("malformed SPARQL: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def refuse_network(text: str) -> None:
    """Refuse ``SERVICE`` and ``FROM`` by their keywords (cheaper than a full parse).

    Raises:
        QueryError: the query has either keyword outside strings, IRIs and comments.
    """
    words = {tok.upper() for _, tok in _tokens(text)}
    if "SERVICE" in words:
        raise QueryError("SERVICE would query a remote endpoint; refused (use --allow-network)")
    if "FROM" in words:
        raise QueryError(
            "FROM / FROM NAMED would load remote graphs; refused (use --allow-network)"
        )


def _with_prefixes(text: str) -> str:
    """Declare the predefined prefixes a query uses but does not declare itself."""
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:", text)}
    lines = [f"PREFIX {p}: {nt_iri(ns)}" for p, ns in sorted(PREFIXES.items()) if p not in declared]
    return "\n".join([*lines, text])


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
        from .query import outcome_from_result

        prepared = _prepared(text, self.allow_network)
        init = dict(bindings or {})

        def work() -> QueryOutcome:
            try:
                return outcome_from_result(self.graph.query(prepared, initBindings=init), limit)
            except MemoryError:
                raise QueryError(memory_message()) from None
            except Exception as exc:
                raise QueryError(f"query failed: {_first_line(exc)}") from None

        return run_isolated(work, timeout=self.timeout, memory=QUERY_MEMORY)


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
                memory=QUERY_MEMORY,
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


class EndpointBackend:
    """A remote SPARQL 1.1 endpoint, spoken to with the SPARQL protocol (HTTP POST).

    Giving an endpoint is the explicit network opt-in, so ``SERVICE`` and
    ``FROM`` are passed on; the endpoint itself decides what it allows.
    """

    def __init__(self, url: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.url = check_url(url, QueryError)
        self.timeout = timeout
        self.description = f"endpoint: {url}"

    def query(
        self,
        text: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        limit: int | None = None,
    ) -> QueryOutcome:
        """POST the query (predefined prefixes declared, bindings as VALUES) and read the answer.

        ``limit`` is applied to the rows read back (the endpoint computes them all).
        """
        kind = query_form(text)
        full = _with_prefixes(with_values(text, bindings))
        accept = _SPARQL_JSON if kind in {"SELECT", "ASK"} else f"{_NTRIPLES}, text/turtle;q=0.8"
        status, ctype, body = http_request(
            "POST",
            self.url,
            data=urllib.parse.urlencode({"query": full}).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            timeout=self.timeout,
            error=QueryError,
        )
        if status != 200:
            raise QueryError(
                f"endpoint {self.url} answered HTTP {status}: {_body_line(body)}; "
                "check the query and that the URL is a SPARQL query endpoint"
            )
        if kind in {"SELECT", "ASK"}:
            return _parse_results_json(body, self.url).limited(limit)
        return QueryOutcome("CONSTRUCT", triples=tuple(_parse_graph(body, ctype, self.url)))


def _parse_results_json(body: bytes, url: str) -> QueryOutcome:
    bad = QueryError(f"endpoint {url} did not answer SPARQL results JSON")
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise bad from None
    if not isinstance(doc, dict):
        raise bad
    if "boolean" in doc:
        return QueryOutcome("ASK", boolean=bool(doc["boolean"]))
    head, results = doc.get("head", {}), doc.get("results", {})
    names = head.get("vars", []) if isinstance(head, dict) else None
    bindings = results.get("bindings", []) if isinstance(results, dict) else None
    if (
        not isinstance(names, list)
        or not all(isinstance(n, str) for n in names)
        or not isinstance(bindings, list)
        or not all(isinstance(b, dict) for b in bindings)
    ):
        raise bad
    try:
        rows = tuple(tuple(_json_term(b[n]) if n in b else None for n in names) for b in bindings)
    except (TypeError, ValueError) as exc:
        raise QueryError(f"endpoint {url} sent a result that cannot be read: {exc}") from None
    return QueryOutcome("SELECT", tuple(names), rows)


def _json_term(cell: object) -> Node:
    if not isinstance(cell, dict):
        raise TypeError("a binding is not a JSON object")
    kind, value = cell.get("type"), cell.get("value", "")
    if not isinstance(value, str):
        raise TypeError("a binding's value is not a string")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    lang, dt = cell.get("xml:lang"), cell.get("datatype")
    if lang is not None:
        return Literal(value, lang=str(lang))  # ValueError for a malformed tag
    if dt is not None and not isinstance(dt, str):
        raise TypeError("a binding's datatype is not a string")
    return Literal(value, datatype=URIRef(dt) if dt and dt != str(XSD.string) else None)


def _parse_graph(body: bytes, ctype: str, url: str) -> Graph:
    fmt = {_NTRIPLES: "nt", "text/plain": "nt", "text/turtle": "turtle"}.get(ctype)
    if fmt is None:
        raise QueryError(f"endpoint {url} answered {ctype}, not N-Triples or Turtle")
    g = Graph()
    try:
        g.parse(data=body.decode("utf-8"), format=fmt)
    except Exception as exc:
        raise QueryError(f"endpoint {url} sent a graph that does not parse: {exc}") from None
    return g


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


# --------------------------------------------------------------------------- HTTP


def check_url(url: str, error: type[ActorGraphError]) -> str:
    """Accept only absolute ``http(s)://`` URLs (never ``file:`` and the like)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise error(f"endpoint {url!r} must be an http:// or https:// URL")
    return url


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _opener(url: str) -> urllib.request.OpenerDirector:
    """HTTP(S) only; loopback addresses never go through a proxy."""
    opener = urllib.request.OpenerDirector()
    proxies: dict[str, str] | None = {} if _is_loopback(url) else None
    for handler in (
        urllib.request.ProxyHandler(proxies),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def http_request(
    method: str,
    url: str,
    *,
    data: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float | None,
    error: type[ActorGraphError],
) -> tuple[int, str, bytes]:
    """One HTTP request; returns status, content type and body (also for 4xx/5xx).

    ``timeout`` bounds the whole request (connecting, sending, the headers and the
    whole body), not each socket read: a server that answers a byte at a time is
    given up on after ``timeout`` seconds all the same.

    Raises:
        error: the server cannot be reached or does not answer in time.
    """
    check_url(url, error)
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    where = urllib.parse.urlsplit(url)._replace(query="", fragment="").geturl()
    outcome: list[tuple[int, str, bytes] | BaseException] = []

    def work() -> None:
        try:
            outcome.append(_http_exchange(request, url, timeout))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)

    # a daemon thread: one that is given up on must not keep the process alive
    worker = threading.Thread(target=work, name="actorgraph-http", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise error(
            f"{where} did not answer within {timeout:g} s; check that the server is "
            "running, or give more time with --timeout"
        )
    result = outcome[0]
    if isinstance(result, urllib.error.URLError | TimeoutError | OSError):
        reason = getattr(result, "reason", result)
        raise error(
            f"cannot reach {where}: {reason}; check the URL and that the server is running"
        ) from None
    if isinstance(result, BaseException):
        raise result
    return result


def _http_exchange(
    request: urllib.request.Request, url: str, timeout: float | None
) -> tuple[int, str, bytes]:
    try:
        with _opener(url).open(request, timeout=timeout) as resp:
            return resp.status, resp.headers.get_content_type(), resp.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers.get_content_type(), exc.read()


def _body_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return text.splitlines()[0][:200] if text else "(empty answer)"


# --------------------------------------------------------------------------- Graph Store push


@dataclass
class PushReport:
    """What :func:`push` did (or would do, on a dry run), by article graph IRI."""

    endpoint: str
    new: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    default_graph: str = "unchanged"
    dry_run: bool = False

    def summary(self) -> str:
        """One line: counts of article graphs by outcome, and the default graph's."""
        n = len(self.new) + len(self.replaced) + len(self.unchanged)
        verb = "would push" if self.dry_run else "pushed"
        return (
            f"{verb} {n} article graph{'s' if n != 1 else ''} to {self.endpoint}: "
            f"{len(self.new)} new, {len(self.replaced)} replaced, {len(self.unchanged)} "
            f"unchanged, {len(self.pruned)} pruned; default graph {self.default_graph}"
        )


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store URL of a named graph (or ``?default``)."""
    sep = "&" if "?" in endpoint else "?"
    if graph is None:
        return f"{endpoint}{sep}default"
    return f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"


def default_query_endpoint(endpoint: str) -> str:
    """The query endpoint beside a Graph Store endpoint: Oxigraph's ``/store`` -> ``/query``."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.path.endswith("/store"):
        return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len("store")] + "query"))
    return endpoint


def push(
    graph: Graph,
    endpoint: str,
    *,
    prune: bool = False,
    query_endpoint: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    dry_run: bool = False,
) -> PushReport:
    """Upload a graph to a SPARQL 1.1 Graph Store: default graph + one named graph per article.

    Each graph is fetched first and replaced (HTTP PUT) only when its content
    differs (compared by value: stores may rewrite ``1.0`` as ``1``). With
    ``prune``, article graphs the store holds (named graphs whose name is typed
    ``ag:Article`` inside them) that the local graph no longer has are deleted.

    Args:
        graph: the merged graph (``load_graph("out/graph.ttl")``).
        endpoint: the Graph Store endpoint, e.g. ``http://127.0.0.1:7878/store``.
        prune: delete the store's article graphs missing locally.
        query_endpoint: SPARQL query endpoint used to list graphs for ``prune``
            (default: :func:`default_query_endpoint`).
        timeout: seconds per HTTP request.
        dry_run: compare only; change nothing.

    Raises:
        OutputError: the store refused a request or cannot be reached.
        QueryError: listing the store's graphs failed (``prune``).
    """
    check_url(endpoint, OutputError)
    report = PushReport(endpoint=endpoint, dry_run=dry_run)
    parts = article_graphs(graph)
    for iri, part in parts.items():
        outcome = _sync_graph(endpoint, str(iri), part, timeout, dry_run)
        {"new": report.new, "replaced": report.replaced, "unchanged": report.unchanged}[
            outcome
        ].append(str(iri))
    report.default_graph = _sync_graph(endpoint, None, graph, timeout, dry_run)
    if prune:
        listing = EndpointBackend(
            query_endpoint or default_query_endpoint(endpoint), timeout=timeout
        )
        for name in sorted(_remote_article_graphs(listing) - {str(i) for i in parts}):
            if not dry_run:
                _delete_graph(endpoint, name, timeout)
            report.pruned.append(name)
    return report


def _sync_graph(
    endpoint: str, name: str | None, graph: Graph, timeout: float | None, dry_run: bool
) -> str:
    """PUT one graph unless the store holds the same; returns new / replaced / unchanged."""
    remote = _get_graph(endpoint, name, timeout)
    if remote is not None and remote == _keys(graph):
        return "unchanged"
    if not dry_run:
        _put_graph(endpoint, name, graph, timeout)
    return "replaced" if remote else "new"  # a store's default graph exists even when empty


def _keys(graph: Graph) -> set[tuple[tuple[str, ...], ...]]:
    return {(term_key(s), term_key(p), term_key(o)) for s, p, o in graph}


def _graph_label(name: str | None) -> str:
    return "the default graph" if name is None else f"graph <{name}>"


def _get_graph(
    endpoint: str, name: str | None, timeout: float | None
) -> set[tuple[tuple[str, ...], ...]] | None:
    status, ctype, body = http_request(
        "GET",
        graph_url(endpoint, name),
        headers={"Accept": f"{_NTRIPLES}, text/turtle;q=0.8"},
        timeout=timeout,
        error=OutputError,
    )
    if status == 404:
        return None
    if status != 200:
        raise OutputError(
            f"{endpoint}: reading {_graph_label(name)} answered HTTP {status}: "
            f"{_body_line(body)}; is it a Graph Store endpoint (e.g. http://HOST:7878/store)?"
        )
    try:
        return _keys(_parse_graph(body, ctype, endpoint))
    except QueryError as exc:
        raise OutputError(str(exc)) from None


def _put_graph(endpoint: str, name: str | None, graph: Graph, timeout: float | None) -> None:
    status, _, body = http_request(
        "PUT",
        graph_url(endpoint, name),
        data=ntriples_text(graph).encode("utf-8"),
        headers={"Content-Type": _NTRIPLES},
        timeout=timeout,
        error=OutputError,
    )
    if status not in {200, 201, 204}:
        raise OutputError(
            f"{endpoint}: replacing {_graph_label(name)} answered HTTP {status}: "
            f"{_body_line(body)}; check the URL and that the store accepts writes"
        )


def _delete_graph(endpoint: str, name: str, timeout: float | None) -> None:
    status, _, body = http_request(
        "DELETE", graph_url(endpoint, name), timeout=timeout, error=OutputError
    )
    if status not in {200, 202, 204, 404}:
        raise OutputError(
            f"{endpoint}: deleting graph <{name}> answered HTTP {status}: {_body_line(body)}"
        )


def _remote_article_graphs(backend: EndpointBackend) -> set[str]:
    query = (
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g "
        f"{nt_iri(str(RDF.type))} {nt_iri(str(AG.Article))} }} }}"
    )
    outcome = backend.query(query)
    return {str(row[0]) for row in outcome.rows if isinstance(row[0], URIRef)}
