"""A built graph -> SPARQL answers: engines (rdflib, Oxigraph, an endpoint), named queries, push."""

from .engines import Backend, OxigraphBackend, RdflibBackend, open_backend
from .named_queries import bind_free, bind_named, get_query, library
from .push import PushReport, push
from .query import check_read_only, prepare, run_query, unknown_terms
from .remote import EndpointBackend
from .results import QueryOutcome, format_outcome, format_result

__all__ = [
    "Backend",
    "EndpointBackend",
    "OxigraphBackend",
    "PushReport",
    "QueryOutcome",
    "RdflibBackend",
    "bind_free",
    "bind_named",
    "check_read_only",
    "format_outcome",
    "format_result",
    "get_query",
    "library",
    "open_backend",
    "prepare",
    "push",
    "run_query",
    "unknown_terms",
]
