"""SPARQL over a built graph, offline by default.

rdflib would follow ``SERVICE`` clauses and remote ``FROM`` graphs over the
network; those are refused unless the caller opts in with ``allow_network``.
Only read queries (SELECT, ASK, CONSTRUCT, DESCRIBE) run here: updates such as
``LOAD`` are rejected by the parser.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pyparsing import ParseException
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Identifier

from actorgraph.ontology import AG

from .errors import GraphFileError, QueryError
from .rdf import bind_prefixes

PREFIXES = {
    "ag": str(AG._NS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
}

FORMATS = ("table", "csv", "tsv", "json", "turtle")


def load_graph(path: str | Path) -> Graph:
    """Parse a graph file (format from its suffix); errors name the file and what to do."""
    p = Path(path)
    if not p.is_file():
        raise GraphFileError(
            f"graph file '{p}' not found; run `actorgraph build` first or pass --graph PATH"
        )
    fmt = {
        ".ttl": "turtle",
        ".nt": "nt",
        ".trig": "trig",
        ".nq": "nquads",
        ".jsonld": "json-ld",
        ".rdf": "xml",
        ".owl": "xml",
    }.get(p.suffix.lower(), "turtle")
    if fmt in {"json-ld", "xml"}:
        raise GraphFileError(
            f"'{p}': {fmt} input is not read here (it can fetch remote contexts or expand XML "
            "entities); convert it to Turtle or N-Triples first"
        )
    g = bind_prefixes(Graph())
    try:
        g.parse(str(p), format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise GraphFileError(f"'{p}' is not valid {fmt}: {str(exc).splitlines()[0]}") from None
    return g


def _walk(node: Any) -> Any:
    """Yield every algebra node of a parsed query."""
    yield node
    if isinstance(node, Mapping):
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list | tuple):
        for v in node:
            yield from _walk(v)


def prepare(text: str, *, allow_network: bool = False) -> Query:
    """Parse a query; refuse network access unless allowed. Raises :class:`QueryError`."""
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


def run_query(
    graph: Graph,
    text: str,
    *,
    bindings: Mapping[str, Identifier] | None = None,
    allow_network: bool = False,
) -> Result:
    """Run a read query over a graph with optional variable bindings."""
    q = prepare(text, allow_network=allow_network)
    try:
        return graph.query(q, initBindings=dict(bindings or {}))
    except Exception as exc:
        raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from None


def _cell(v: Any, graph: Graph) -> str:
    if v is None:
        return ""
    if isinstance(v, Identifier):
        return str(v.n3(graph.namespace_manager)) if not hasattr(v, "language") else str(v)
    return str(v)


def format_result(result: Result, fmt: str, graph: Graph) -> str:
    """Render a query result as table, csv, tsv, json (SPARQL 1.1 results) or turtle."""
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        g = result.graph
        assert g is not None
        bind_prefixes(g)
        out = g.serialize(
            format="turtle"
            if fmt in {"table", "turtle"}
            else {"json": "json-ld", "csv": "nt", "tsv": "nt"}[fmt]
        )
        return out if isinstance(out, str) else out.decode()
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)})
        return "true" if result.askAnswer else "false"
    if fmt == "tsv":  # SPARQL 1.1 TSV: ?var header, terms in N-Triples syntax
        names = [str(v) for v in result.vars or []]
        lines = ["\t".join(f"?{n}" for n in names)]
        for row in result:
            lines.append("\t".join("" if v is None else v.n3() for v in row))  # type: ignore[union-attr]
        return "\n".join(lines) + "\n"
    if fmt in {"json", "csv"}:
        data = result.serialize(format=fmt)
        return data.decode("utf-8") if isinstance(data, bytes) else str(data)
    names = [str(v) for v in result.vars or []]
    rows = [[_cell(row[i], graph) for i in range(len(names))] for row in result]  # type: ignore[index]
    return render_table(names, rows)


def render_table(names: list[str], rows: list[list[str]]) -> str:
    """A plain-text table (no colour codes, so it pipes cleanly)."""
    if not names:
        return ""
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            (c if len(c) <= 60 else c[:57] + "...").ljust(w)
            for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    buf = io.StringIO()
    buf.write(line(names) + "\n")
    buf.write(line(["-" * w for w in widths]) + "\n")
    for r in rows:
        buf.write(line(r) + "\n")
    buf.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return buf.getvalue()


def rows_as_csv(names: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(names)
    w.writerows(rows)
    return buf.getvalue()
