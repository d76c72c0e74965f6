"""A built graph -> SPARQL answers: engines (rdflib, Oxigraph, an endpoint), named queries, push."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engines import Backend, OxigraphBackend, RdflibBackend, open_backend
    from .named_queries import bind_free, bind_named, get_query, library, run_named
    from .push import PushReport, push
    from .query import check_read_only, prepare, run_query, unknown_terms
    from .remote import EndpointBackend
    from .results import QueryOutcome, format_outcome, format_result

#: name -> the module that defines it, imported on first use: a command that
#: needs one module of this package does not wait for all of them to import
_WHERE = {
    "Backend": ".engines",
    "OxigraphBackend": ".engines",
    "RdflibBackend": ".engines",
    "open_backend": ".engines",
    "bind_free": ".named_queries",
    "bind_named": ".named_queries",
    "get_query": ".named_queries",
    "library": ".named_queries",
    "run_named": ".named_queries",
    "PushReport": ".push",
    "push": ".push",
    "check_read_only": ".query",
    "prepare": ".query",
    "run_query": ".query",
    "unknown_terms": ".query",
    "EndpointBackend": ".remote",
    "QueryOutcome": ".results",
    "format_outcome": ".results",
    "format_result": ".results",
}

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
    "run_named",
    "run_query",
    "unknown_terms",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_WHERE[name], __name__), name)
