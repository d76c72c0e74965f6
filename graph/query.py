"""SPARQL over a built graph, offline by default, and the results formats.

rdflib would follow ``SERVICE`` clauses and remote ``FROM`` graphs over the
network; those are refused unless the caller opts in with ``allow_network``.
Only read queries (SELECT, ASK, CONSTRUCT, DESCRIBE) run here: updates such as
``LOAD`` are rejected by the parser, and :func:`check_read_only` (which the CLI
calls first) refuses them by name with :class:`UpdateRefused`.

Reading graph files is safe too: JSON-LD is read only when every ``@context`` is
inline (rdflib would fetch a remote one), and RDF/XML only without a DOCTYPE (no
entity expansion). Results of every engine (rdflib, Oxigraph, a remote endpoint)
are a :class:`QueryOutcome`, written by :func:`format_outcome` as a table or in
the SPARQL 1.1 results formats (JSON, CSV, TSV), or as Turtle for CONSTRUCT.
"""

from __future__ import annotations

import csv
import difflib
import io
import itertools
import json
import re
import shutil
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyparsing import ParseException
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD, NamespaceManager
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Identifier, Node

from .errors import GraphFileError, QueryError
from .rdf import PREFIXES, bind_prefixes

__all__ = [
    "FORMATS",
    "GRAPH_SUFFIXES",
    "PREFIXES",
    "QueryOutcome",
    "UpdateRefused",
    "check_read_only",
    "format_outcome",
    "format_result",
    "load_dataset",
    "load_graph",
    "outcome_from_result",
    "prepare",
    "query_kind",
    "render_table",
    "rows_as_csv",
    "run_query",
    "unknown_terms",
]

FORMATS = ("table", "csv", "tsv", "json", "turtle")

#: graph file suffix -> rdflib parser name
GRAPH_SUFFIXES = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}

# --------------------------------------------------------------------------- reading graphs


def graph_format(path: str | Path) -> str:
    """The rdflib parser name for a graph file, from its suffix (Turtle when unknown)."""
    return GRAPH_SUFFIXES.get(Path(path).suffix.lower(), "turtle")


def load_graph(path: str | Path) -> Graph:
    """Parse a graph file (format from its suffix); errors name the file and what to do.

    TriG and N-Quads files are read as the union of their graphs. JSON-LD with a
    remote ``@context`` and RDF/XML with a DOCTYPE are refused.

    Raises:
        GraphFileError: the file is missing, unsafe or does not parse.
    """
    p = Path(path)
    if not p.is_file():
        raise GraphFileError(
            f"graph file '{p}' not found; run `actorgraph build` first or pass --graph PATH"
        )
    fmt = graph_format(p)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise GraphFileError(f"cannot read graph file '{p}': {exc.strerror}") from None
    data = _safe_text(raw, fmt, p)
    g = bind_prefixes(Graph())
    try:
        if fmt in {"trig", "nquads"}:
            ds = Dataset()
            ds.parse(data=data, format=fmt)
            for s, pred, o, _ in ds.quads((None, None, None, None)):
                g.add((s, pred, o))
        else:
            g.parse(data=data, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        msg = " ".join(str(exc).replace(" of <>", "").split())[:200] or type(exc).__name__
        raise GraphFileError(f"'{p}' is not valid {fmt}: {msg}") from None
    _check_iris(g, p)
    return g


_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*")


def _check_iris(g: Graph, path: Path) -> None:
    """Refuse a graph holding an IRI no writer can write (relative, or with ``\\``, spaces ...).

    Parsers let some through (JSON-LD ``"@type": "\\"``, an empty datatype); every
    export would then fail half-way or write a file that does not parse.
    """
    for triple in g:
        for term in triple:
            for iri in (term, getattr(term, "datatype", None)):
                if isinstance(iri, URIRef) and not _ABSOLUTE_IRI.fullmatch(iri):
                    raise GraphFileError(
                        f"'{path}' holds an IRI that is not a valid absolute IRI: "
                        f"{ascii(str(iri))[:100]}; fix it or export the graph again"
                    )


def load_dataset(path: str | Path) -> Dataset:
    """Parse a TriG or N-Quads file keeping its named graphs (other formats: default graph).

    Queries over the result see the file's default graph by default and its
    named graphs through ``GRAPH``.

    Raises:
        GraphFileError: the file is missing, unsafe or does not parse.
    """
    p = Path(path)
    fmt = graph_format(p)
    if fmt not in {"trig", "nquads"}:
        ds = Dataset()
        for t in load_graph(p):
            ds.add(t)
        return ds
    if not p.is_file():
        raise GraphFileError(
            f"graph file '{p}' not found; run `actorgraph export` first or pass --graph PATH"
        )
    try:
        data = _safe_text(p.read_bytes(), fmt, p)
    except OSError as exc:
        raise GraphFileError(f"cannot read graph file '{p}': {exc.strerror}") from None
    ds = Dataset()
    bind_prefixes(ds)
    try:
        ds.parse(data=data, format=fmt)
    except Exception as exc:
        msg = " ".join(str(exc).replace(" of <>", "").split())[:200] or type(exc).__name__
        raise GraphFileError(f"'{p}' is not valid {fmt}: {msg}") from None
    _check_iris(ds, p)
    return ds


def _safe_text(raw: bytes, fmt: str, path: Path) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GraphFileError(f"'{path}' is not UTF-8 text; convert it to UTF-8") from None
    if fmt == "json-ld":
        _check_jsonld(text, path)
    elif fmt == "xml":
        _check_xml(text, path)
    return text


def _check_jsonld(text: str, path: Path) -> None:
    """Refuse JSON-LD that would make rdflib fetch a context over the network."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GraphFileError(
            f"'{path}' is not valid JSON: {exc.msg} at line {exc.lineno}"
        ) from None
    except RecursionError:
        raise GraphFileError(
            f"'{path}' is nested too deeply to read as JSON-LD; flatten it or use Turtle"
        ) from None
    for ctx in _contexts(doc):
        if isinstance(ctx, str) or (isinstance(ctx, dict) and "@import" in ctx):
            raise GraphFileError(
                f"'{path}' refers to a remote @context, which is never fetched; "
                "inline the context (actorgraph export --format jsonld does) or use Turtle"
            )


def _contexts(node: Any) -> Iterator[Any]:
    """Every ``@context`` value (list items one by one) anywhere in a JSON document.

    Walked with a stack, not recursion: a document nested thousands deep is fine.
    """
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "@context":
                    yield from value if isinstance(value, list) else [value]
                stack.append(value)
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _check_xml(text: str, path: Path) -> None:
    """Refuse RDF/XML with a DOCTYPE: entity declarations would be expanded."""
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise GraphFileError(
            f"'{path}' has a DOCTYPE / entity declarations, which are refused (entity "
            "expansion); remove them or convert the file to Turtle"
        )


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


# --------------------------------------------------------------------------- outcomes


@dataclass(frozen=True, slots=True)
class QueryOutcome:
    """What a query gave, the same for every engine (and picklable).

    ``kind`` is ``SELECT``, ``ASK`` or ``CONSTRUCT`` (DESCRIBE results are graphs
    too and count as CONSTRUCT).
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Node, Node, Node], ...] = ()

    def limited(self, limit: int | None) -> QueryOutcome:
        """The same outcome with at most ``limit`` rows (all when ``None``)."""
        if limit is None or len(self.rows) <= limit:
            return self
        return QueryOutcome(self.kind, self.variables, self.rows[:limit], self.boolean)

    def graph(self) -> Graph:
        """The triples of a CONSTRUCT / DESCRIBE outcome as a graph."""
        g = bind_prefixes(Graph())
        for t in self.triples:
            g.add(t)
        return g


def outcome_from_result(result: Result, limit: int | None = None) -> QueryOutcome:
    """Convert an rdflib query result; with ``limit``, read at most that many rows.

    Rows are read as rdflib produces them, so a query without ORDER BY, DISTINCT or
    aggregates stops being evaluated once ``limit`` rows are in.
    """
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        assert result.graph is not None
        return QueryOutcome("CONSTRUCT", triples=tuple(result.graph))
    if result.type == "ASK":
        return QueryOutcome("ASK", boolean=bool(result.askAnswer))
    names = tuple(str(v) for v in result.vars or [])
    rows = tuple(tuple(row) for row in itertools.islice(result, limit))  # type: ignore[arg-type]
    return QueryOutcome("SELECT", names, rows)


def format_result(result: Result, fmt: str, graph: Graph) -> str:
    """Render an rdflib result (see :func:`format_outcome`)."""
    return format_outcome(outcome_from_result(result), fmt, graph.namespace_manager)


def format_outcome(
    outcome: QueryOutcome,
    fmt: str,
    nsm: NamespaceManager | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    width: int | None = None,
) -> str:
    """Render an outcome as table, csv, tsv, json (SPARQL 1.1 results) or turtle.

    CONSTRUCT / DESCRIBE results are Turtle (``table``, ``turtle``), JSON-LD
    (``json``) or N-Triples (``csv``, ``tsv``); ASK results are ``true`` /
    ``false`` or the SPARQL JSON boolean. In a ``table``, an IRI found in
    ``labels`` is shown by its label, and long cells wrap to fit ``width``
    (default: the terminal's width).

    Raises:
        QueryError: ``turtle`` asked for a SELECT or ASK result.
    """
    from .formats import jsonld_text, ntriples_text, turtle_text

    if outcome.kind == "CONSTRUCT":
        g = outcome.graph()
        if fmt == "json":
            return jsonld_text(g)
        return ntriples_text(g) if fmt in {"csv", "tsv"} else turtle_text(g)
    if fmt == "turtle":
        raise QueryError(
            "-f turtle is for CONSTRUCT and DESCRIBE queries; use table, csv, tsv or json"
        )
    if outcome.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(outcome.boolean)})
        return "true" if outcome.boolean else "false"
    if fmt == "json":
        return results_json(outcome)
    if fmt == "csv":
        return results_csv(outcome)
    if fmt == "tsv":
        return results_tsv(outcome)
    names = list(outcome.variables)
    nsm = nsm or bind_prefixes(Graph()).namespace_manager
    rows = [[_cell(v, nsm, labels or {}) for v in row] for row in outcome.rows]
    return render_table(names, rows, width=width)


def _cell(v: Node | None, nsm: NamespaceManager, labels: Mapping[str, str]) -> str:
    if v is None:
        return ""
    if isinstance(v, URIRef):
        return labels.get(str(v)) or str(v.n3(nsm))
    return str(v)


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    return {"type": "uri", "value": str(term)}


def results_json(outcome: QueryOutcome) -> str:
    """SPARQL 1.1 Query Results JSON of a SELECT outcome."""
    bindings = [
        {n: _json_term(v) for n, v in zip(outcome.variables, row, strict=True) if v is not None}
        for row in outcome.rows
    ]
    doc = {"head": {"vars": list(outcome.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1)


def results_csv(outcome: QueryOutcome) -> str:
    """SPARQL 1.1 Query Results CSV: plain values, CRLF line ends."""

    def value(v: Node | None) -> str:
        if v is None:
            return ""
        return f"_:{v}" if isinstance(v, BNode) else str(v)

    return rows_as_csv(list(outcome.variables), [[value(v) for v in r] for r in outcome.rows])


def results_tsv(outcome: QueryOutcome) -> str:
    """SPARQL 1.1 Query Results TSV: ``?var`` header, terms in N-Triples syntax."""
    from .formats import nt_term

    lines = ["\t".join(f"?{n}" for n in outcome.variables)]
    for row in outcome.rows:
        lines.append("\t".join("" if v is None else nt_term(v) for v in row))
    return "\n".join(lines) + "\n"


#: a column is never squeezed narrower than this (or its widest cell, if narrower)
MIN_COLUMN = 12
GAP = "  "


def render_table(names: list[str], rows: Sequence[Sequence[str]], width: int | None = None) -> str:
    """A plain-text table (no colour codes, so it pipes cleanly) that fits ``width``.

    ``width`` defaults to the terminal's width. Cells are never cut: when the
    columns do not fit, the widest are narrowed and their cells wrap onto more lines.
    """
    if not names:
        return ""
    if width is None:
        width = shutil.get_terminal_size().columns
    cells = [[" ".join(c.split()) if "\n" in c else c for c in r] for r in rows]
    natural = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    widths = _fit(natural, width - len(GAP) * (len(names) - 1))

    def lines(row: Sequence[str]) -> list[str]:
        wrapped = [
            textwrap.wrap(c, w, break_on_hyphens=False) or [""] if len(c) > w else [c]
            for c, w in zip(row, widths, strict=True)
        ]
        height = max(len(cell) for cell in wrapped)
        return [
            GAP.join(
                (cell[k] if k < len(cell) else "").ljust(w)
                for cell, w in zip(wrapped, widths, strict=True)
            ).rstrip()
            for k in range(height)
        ]

    out = lines(names) + lines(["-" * w for w in widths])
    for r in cells:
        out += lines(r)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _fit(natural: list[int], room: int) -> list[int]:
    """Column widths within ``room``: narrow columns keep their width, wide ones share the rest."""
    if sum(natural) <= room:
        return natural
    widths = list(natural)
    order = sorted(range(len(natural)), key=lambda i: natural[i])
    left, rest = room, len(natural)
    for i in order:
        share = max(left // rest, min(natural[i], MIN_COLUMN))
        widths[i] = min(natural[i], share)
        left -= widths[i]
        rest -= 1
    return widths


def rows_as_csv(names: list[str], rows: list[list[str]]) -> str:
    """Rows as CSV with a header (RFC 4180: CRLF line ends)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(names)
    w.writerows(rows)
    return buf.getvalue()
