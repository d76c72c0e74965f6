"""A remote SPARQL 1.1 endpoint: queries over HTTP (the SPARQL protocol, with ``urllib``)."""

from __future__ import annotations

import ipaddress
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from actorgraph.graph.errors import ActorGraphError, QueryError

from .limits import DEFAULT_TIMEOUT
from .results import QueryOutcome
from .text import _with_prefixes, query_form, with_values

__all__ = ["EndpointBackend", "check_url", "http_request"]

_SPARQL_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
#: bytes read from an answer at a time (the deadline is checked between blocks)
_BLOCK = 1 << 16


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
    if not outcome or isinstance(outcome[0], _DeadlinePassed):
        # the reader may reach its own deadline a moment before this thread stops waiting
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
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        with _opener(url).open(request, timeout=timeout) as resp:
            return resp.status, resp.headers.get_content_type(), _read_body(resp, deadline)
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers.get_content_type(), _read_body(exc, deadline)


class _DeadlinePassed(TimeoutError):
    """The reading thread gave up at the caller's deadline."""


def _read_body(resp: Any, deadline: float | None) -> bytes:
    """The whole body, a block at a time, given up on at the deadline.

    The caller has stopped waiting by then; this ends the reading thread too, so a
    server trickling bytes does not keep a connection open for ever.
    """
    chunks: list[bytes] = []
    read = getattr(resp, "read1", resp.read)  # read1: what one socket read gives, no more
    while chunk := read(_BLOCK):
        if deadline is not None and time.monotonic() > deadline:
            raise _DeadlinePassed("the answer did not arrive in time")
        chunks.append(chunk)
    return b"".join(chunks)


def _body_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return text.splitlines()[0][:200] if text else "(empty answer)"
