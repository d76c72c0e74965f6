"""Upload a graph to a SPARQL 1.1 Graph Store: the default graph and one named graph per article."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

from rdflib import RDF, Graph, URIRef

from actorgraph.graph.core.rdf import article_graphs
from actorgraph.graph.core.serialize import nt_iri, ntriples_text, term_key
from actorgraph.graph.errors import OutputError, QueryError
from actorgraph.ontology import AG

from .limits import PUSH_TIMEOUT
from .remote import _NTRIPLES, EndpointBackend, _body_line, _parse_graph
from .transport import ANSWER_BYTES, Deadline, check_url, http_request

__all__ = ["PushReport", "default_query_endpoint", "graph_url", "push"]

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
    timeout: float | None = PUSH_TIMEOUT,
    dry_run: bool = False,
    max_bytes: int | None = ANSWER_BYTES,
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
        timeout: seconds the whole push may take, every request together (``None``:
            no limit); when they are up the push stops with :class:`OutputError`
            (the graphs already replaced stay replaced; pushing again finishes the job).
        dry_run: compare only; change nothing.
        max_bytes: the most bytes of one answer of the store read (``None``: no cap).

    Raises:
        OutputError: the store refused a request, cannot be reached, or the push
            did not finish within ``timeout``.
        QueryError: listing the store's graphs failed (``prune``).
    """
    check_url(endpoint, OutputError)
    deadline = Deadline(timeout, what=f"push to {endpoint}")
    store = _Store(endpoint, deadline, max_bytes)
    report = PushReport(endpoint=endpoint, dry_run=dry_run)
    parts = article_graphs(graph)
    for iri, part in parts.items():
        outcome = _sync_graph(store, str(iri), part, dry_run)
        {"new": report.new, "replaced": report.replaced, "unchanged": report.unchanged}[
            outcome
        ].append(str(iri))
    report.default_graph = _sync_graph(store, None, graph, dry_run)
    if prune:
        listing = EndpointBackend(
            query_endpoint or default_query_endpoint(endpoint),
            timeout=deadline,
            max_bytes=max_bytes,
        )
        for name in sorted(_remote_article_graphs(listing) - {str(i) for i in parts}):
            if not dry_run:
                _delete_graph(store, name)
            report.pruned.append(name)
    return report


@dataclass(frozen=True)
class _Store:
    """Where a push sends its requests, and the one deadline they share."""

    endpoint: str
    deadline: Deadline
    max_bytes: int | None

    def request(
        self,
        method: str,
        name: str | None,
        *,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str, bytes]:
        """One request about graph ``name`` (``None``: the default graph)."""
        return http_request(
            method,
            graph_url(self.endpoint, name),
            data=data,
            headers=headers,
            timeout=self.deadline,
            error=OutputError,
            max_bytes=self.max_bytes,
        )


def _sync_graph(store: _Store, name: str | None, graph: Graph, dry_run: bool) -> str:
    """PUT one graph unless the store holds the same; returns new / replaced / unchanged."""
    remote = _get_graph(store, name)
    if remote is not None and remote == _keys(graph):
        return "unchanged"
    if not dry_run:
        _put_graph(store, name, graph)
    return "replaced" if remote else "new"  # a store's default graph exists even when empty


def _keys(graph: Graph) -> set[tuple[tuple[str, ...], ...]]:
    return {(term_key(s), term_key(p), term_key(o)) for s, p, o in graph}


def _graph_label(name: str | None) -> str:
    return "the default graph" if name is None else f"graph <{name}>"


def _get_graph(store: _Store, name: str | None) -> set[tuple[tuple[str, ...], ...]] | None:
    endpoint = store.endpoint
    status, ctype, body = store.request(
        "GET", name, headers={"Accept": f"{_NTRIPLES}, text/turtle;q=0.8"}
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


def _put_graph(store: _Store, name: str | None, graph: Graph) -> None:
    data = ntriples_text(graph).encode("utf-8")
    status, _, body = store.request("PUT", name, data=data, headers={"Content-Type": _NTRIPLES})
    if status not in {200, 201, 204}:
        raise OutputError(
            f"{store.endpoint}: replacing {_graph_label(name)} answered HTTP {status}: "
            f"{_body_line(body)}; check the URL and that the store accepts writes"
        )


def _delete_graph(store: _Store, name: str) -> None:
    status, _, body = store.request("DELETE", name)
    if status not in {200, 202, 204, 404}:
        raise OutputError(
            f"{store.endpoint}: deleting graph <{name}> answered HTTP {status}: {_body_line(body)}"
        )


def _remote_article_graphs(backend: EndpointBackend) -> set[str]:
    query = (
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g "
        f"{nt_iri(str(RDF.type))} {nt_iri(str(AG.Article))} }} }}"
    )
    outcome = backend.query(query)
    return {str(row[0]) for row in outcome.rows if isinstance(row[0], URIRef)}
