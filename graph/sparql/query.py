"""SPARQL over an rdflib graph, offline by default and read-only.

rdflib would follow ``SERVICE`` clauses and remote ``FROM`` graphs over the
network; those are refused unless the caller opts in with ``allow_network``.
Only read queries (SELECT, ASK, CONSTRUCT, DESCRIBE) run here: updates such as
``LOAD`` are rejected by the parser, and :func:`check_read_only` (which the CLI
calls first) refuses them by name with :class:`UpdateRefused`.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from actorgraph.graph.core.rdf import PREFIXES
from actorgraph.graph.errors import QueryError

if TYPE_CHECKING:  # rdflib's SPARQL parser takes a while to import: only when a query needs it
    from rdflib import Graph
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.query import Result
    from rdflib.term import Identifier, Node

__all__ = [
    "UpdateRefused",
    "check_read_only",
    "prepare",
    "query_kind",
    "run_query",
    "stream_triples",
    "unknown_terms",
]

# --------------------------------------------------------------------------- queries


def _walk(node: Any) -> Any:
    """Yield every algebra node of a parsed query."""
    yield node
    if isinstance(node, Mapping):
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list | tuple):
        for v in node:
            yield from _walk(v)


class UpdateRefused(QueryError):
    """A SPARQL update (``INSERT``, ``DELETE``, ``DROP`` ...) was given: graphs are read-only."""

    exit_code = 2


#: the keywords an update request may start with (SPARQL 1.1 Update)
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)

_PROLOGUE = re.compile(
    r"""\s*(?:\#[^\n]*(?:\n|$)|(?i:PREFIX)\s+[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>)"""
)


def check_read_only(text: str) -> None:
    """Refuse an update request before any parser sees it.

    Raises:
        UpdateRefused: the request (after its PREFIX / BASE lines and comments) starts
            with an update keyword.
    """
    pos = 0
    while (m := _PROLOGUE.match(text, pos)) is not None and m.end() > pos:
        pos = m.end()
    word = re.match(r"\s*([A-Za-z]+)", text[pos:])
    if word is not None and word.group(1).upper() in UPDATE_KEYWORDS:
        raise UpdateRefused("updates are not supported: the graph is read-only here")


_STRINGS_IRIS_COMMENTS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\s\"{}|^`]*>|#[^\n]*"
)


def unknown_terms(text: str) -> list[tuple[str, str | None]]:
    """Terms of the ``ag:`` namespace a query uses that the ontology does not define.

    Returns:
        ``(term, closest known term or None)`` for each unknown ``ag:NAME`` (also
        written as a full IRI), in order of first use. A query that binds ``ag:``
        to another namespace is not checked.
    """
    from actorgraph.ontology import AG, NS_IRI

    declared = re.search(r"(?i)\bPREFIX\s+ag:\s*<([^>]*)>", text)
    known = sorted(AG.__annotations__)
    by_lower = {k.lower(): k for k in known}
    iris = re.findall(r"<([^<>\s]*)>", text)
    names = [iri[len(NS_IRI) :] for iri in iris if iri.startswith(NS_IRI)]
    if declared is None or declared.group(1) == NS_IRI:
        code = _STRINGS_IRIS_COMMENTS.sub(" ", text)
        names += re.findall(r"(?<![\w:?$.-])ag:([A-Za-z_][\w-]*(?:\.[\w-]+)*)", code)
    out: dict[str, str | None] = {}
    for name in names:
        if name and name not in known and name not in out:
            close = by_lower.get(name.lower()) or next(
                iter(difflib.get_close_matches(name, known, n=1, cutoff=0.6)), None
            )
            out[name] = close
    return list(out.items())


def prepare(text: str, *, allow_network: bool = False) -> Query:
    """Parse a query; refuse network access unless allowed. Raises :class:`QueryError`."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        q = prepareQuery(text, initNs=PREFIXES)
    except ParseException as exc:
        raise QueryError(
            f"malformed SPARQL at line {exc.lineno}, column {exc.col}: {exc.msg}"
        ) from None
    except Exception as exc:
        raise QueryError(f"malformed SPARQL: {str(exc).splitlines()[0]}") from None
    if not allow_network:
        if q.algebra.get("datasetClause"):
            raise QueryError(
                "FROM / FROM NAMED would load remote graphs; refused (use --allow-network)"
            )
        for node in _walk(q.algebra):
            if getattr(node, "name", None) == "ServiceGraphPattern":
                raise QueryError(
                    "SERVICE would query a remote endpoint; refused (use --allow-network)"
                )
    return q


def query_kind(query: Query) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` for a prepared query."""
    name = str(getattr(query.algebra, "name", ""))
    return name.removesuffix("Query").upper() or "SELECT"


def run_query(
    graph: Graph,
    text: str,
    *,
    bindings: Mapping[str, Identifier] | None = None,
    allow_network: bool = False,
) -> Result:
    """Run a read query over a graph with optional variable bindings (no time limit)."""
    q = prepare(text, allow_network=allow_network)
    try:
        return graph.query(q, initBindings=dict(bindings or {}))
    except Exception as exc:
        raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from None


def stream_triples(
    graph: Graph, query: Query, bindings: Mapping[str, Identifier] | None = None
) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of a CONSTRUCT or DESCRIBE query, each once, as they are made.

    rdflib builds the whole result graph before handing back any of it; this
    evaluates the same algebra one solution at a time, so a reader that stops
    early (``--limit``) stops the evaluation too. The triples are those rdflib's
    result graph holds, in the order they are found.
    """
    from rdflib import URIRef
    from rdflib.plugins.sparql.evaluate import _fillTemplate, evalPart
    from rdflib.plugins.sparql.sparql import QueryContext
    from rdflib.term import Variable

    main = query.algebra
    init = {Variable(k): v for k, v in (bindings or {}).items()}
    # keyed by Variable, as rdflib's own evalQuery does (its annotation says str)
    ctx = QueryContext(
        graph,
        initBindings=init,  # type: ignore[arg-type]
        datasetClause=main.datasetClause,
    )
    ctx.prologue = query.prologue
    seen: set[tuple[Node, Node, Node]] = set()
    if main.name == "ConstructQuery":
        template = main.template or main.p.p.triples  # CONSTRUCT WHERE: the pattern itself
        for solution in evalPart(ctx, main.p):
            for triple in _fillTemplate(template, solution):
                if triple not in seen:
                    seen.add(triple)
                    yield triple
        return
    if main.name != "DescribeQuery":
        raise QueryError(f"{query_kind(query)} queries give rows, not triples")
    source = ctx.graph
    assert source is not None
    described: set[Node] = set()
    resources: Iterator[Node] = (iri for iri in main.PV if isinstance(iri, URIRef))
    solutions = evalPart(ctx, main.p) if main.p is not None else iter(())
    for resource in itertools.chain(resources, (v for s in solutions for v in s.values())):
        if resource in described:
            continue
        described.add(resource)
        for found in source.cbd(resource):
            if found not in seen:
                seen.add(found)
                yield found
