"""A remote SPARQL 1.1 endpoint: queries over HTTP (the SPARQL protocol, with ``urllib``)."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from actorgraph.graph.errors import QueryError

from .limits import DEFAULT_TIMEOUT
from .results import QueryOutcome
from .text import _with_prefixes, query_form, with_values
from .transport import ANSWER_BYTES, Deadline, check_url, http_request

__all__ = ["EndpointBackend", "check_url", "http_request"]  # the last two from .transport

_SPARQL_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"


class EndpointBackend:
    """A remote SPARQL 1.1 endpoint, spoken to with the SPARQL protocol (HTTP POST).

    Giving an endpoint is the explicit network opt-in, so ``SERVICE`` and
    ``FROM`` are passed on; the endpoint itself decides what it allows.

    Args:
        url: the query endpoint.
        timeout: seconds each query may take as a whole (``None``: no limit), or
            one :class:`~actorgraph.graph.sparql.transport.Deadline` for every query.
        max_bytes: the most bytes of an answer read (``None``: no cap).
    """

    def __init__(
        self,
        url: str,
        *,
        timeout: float | Deadline | None = DEFAULT_TIMEOUT,
        max_bytes: int | None = ANSWER_BYTES,
    ) -> None:
        self.url = check_url(url, QueryError)
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.description = f"endpoint: {url}"

    def query(
        self,
        text: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        limit: int | None = None,
    ) -> QueryOutcome:
        """POST the query (predefined prefixes declared, bindings as VALUES) and read the answer.

        ``limit`` is applied to the rows (or triples) read back; the endpoint
        computes them all, and its answer is read up to ``max_bytes``.
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
            max_bytes=self.max_bytes,
        )
        if status != 200:
            raise QueryError(
                f"endpoint {self.url} answered HTTP {status}: {_body_line(body)}; "
                "check the query and that the URL is a SPARQL query endpoint"
            )
        if kind in {"SELECT", "ASK"}:
            return _parse_results_json(body, self.url).limited(limit)
        triples = tuple(_parse_graph(body, ctype, self.url))
        return QueryOutcome("CONSTRUCT", triples=triples).limited(limit)


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


def _body_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return text.splitlines()[0][:200] if text else "(empty answer)"
