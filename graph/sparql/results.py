"""What a query gave, the same for every engine, written as a table or a results format.

Results of every engine (rdflib, Oxigraph, a remote endpoint) are a
:class:`QueryOutcome`, written by :func:`format_outcome` as a table or in the
SPARQL 1.1 results formats (JSON, CSV, TSV), or as Turtle for CONSTRUCT.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import shutil
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD, NamespaceManager
from rdflib.query import Result
from rdflib.term import Node

from actorgraph.graph.core.rdf import bind_prefixes
from actorgraph.graph.errors import QueryError

__all__ = [
    "FORMATS",
    "Cell",
    "Compact",
    "QueryOutcome",
    "expand_cell",
    "format_outcome",
    "format_result",
    "outcome_from_result",
    "render_table",
    "rows_as_csv",
]

FORMATS = ("table", "csv", "tsv", "json", "turtle")


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
        """The same outcome with at most ``limit`` rows or triples (all when ``None``)."""
        if limit is None or (len(self.rows) <= limit and len(self.triples) <= limit):
            return self
        return QueryOutcome(
            self.kind, self.variables, self.rows[:limit], self.boolean, self.triples[:limit]
        )

    def graph(self) -> Graph:
        """The triples of a CONSTRUCT / DESCRIBE outcome as a graph."""
        g = bind_prefixes(Graph())
        for t in self.triples:
            g.add(t)
        return g


_XMLNS = "http://www.w3.org/XML/1998/namespace"

#: ``str(XSD.string)``: literals of this datatype are kept without one, as rdflib reads them
XSD_STRING = str(XSD.string)

#: a term in compact form, for query workers and the answers a store keeps: an IRI is
#: its string, a literal ``(value, tag)`` (tag: ``""`` for a plain string, ``"@lang"``
#: or the datatype IRI), a blank node ``(id,)``; lists (from JSON) read the same
Cell = str | tuple[str, ...] | list[str] | None


@dataclass(frozen=True, slots=True)
class Compact:
    """The rows of a SELECT outcome with their terms as :data:`Cell` values.

    Cheap to pickle and to write as JSON; :meth:`outcome` makes the rdflib terms,
    once for each distinct term.
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def outcome(self) -> QueryOutcome:
        """The same rows as rdflib terms."""
        made: dict[object, Node | None] = {}

        def term(cell: Cell) -> Node | None:
            key = tuple(cell) if isinstance(cell, list) else cell
            try:
                return made[key]
            except KeyError:
                made[key] = found = expand_cell(cell)
                return found

        rows = tuple(tuple(map(term, row)) for row in self.rows)
        return QueryOutcome("SELECT", tuple(self.variables), rows)


def expand_cell(cell: Cell) -> Node | None:
    """The rdflib term of a :data:`Cell`."""
    if cell is None:
        return None
    if isinstance(cell, str):
        return URIRef(cell)
    if len(cell) == 1:
        return BNode(cell[0])
    value, tag = cell[0], cell[1]
    if tag.startswith("@"):
        return Literal(value, lang=tag[1:])
    return Literal(value, datatype=URIRef(tag) if tag else None)


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
    from actorgraph.graph.core.serialize import jsonld_text, ntriples_text, turtle_text

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
    iri_text = _IriText(nsm or bind_prefixes(Graph()).namespace_manager)
    labels = labels or {}

    def cell(v: Node | None) -> str:
        if v is None:
            return ""
        if isinstance(v, URIRef):
            return labels.get(str(v)) or iri_text(v)
        return str(v)

    return render_table(names, [[cell(v) for v in row] for row in outcome.rows], width=width)


class _IriText:
    """An IRI as rdflib's ``n3`` writes it (``ag:partOf``, ``<https://...>``), sooner.

    rdflib finds a prefix by splitting off the longest local name the IRI ends with
    (never holding ``/`` or ``#``), 15 microseconds an IRI. An IRI that no bound
    namespace starts with, or only with a rest holding ``/`` or ``#``, cannot get one.
    """

    _NOT_IN_IRI = re.compile(r'[<>" {}|\\^`]')  # rdflib's n3 refuses these: it says so

    def __init__(self, nsm: NamespaceManager) -> None:
        self.nsm = nsm
        self.spaces = [str(ns) for _, ns in nsm.namespaces()]

    def __call__(self, iri: URIRef) -> str:
        text = str(iri)
        if self._NOT_IN_IRI.search(text) is None and not self._may_have_prefix(text):
            return f"<{text}>"
        return str(iri.n3(self.nsm))

    def _may_have_prefix(self, text: str) -> bool:
        for ns in self.spaces:
            if text.startswith(ns):
                rest = text[len(ns) :]
                if ns == _XMLNS or ("/" not in rest and "#" not in rest):
                    return True
        return False


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
    from actorgraph.graph.core.serialize import nt_term

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
        if all(len(c) <= w for c, w in zip(row, widths, strict=True)):
            return [GAP.join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()]
        wrapped = [_wrap(c, w) for c, w in zip(row, widths, strict=True)]
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


_WHITESPACE = re.compile(r"[\t\n\x0b\x0c\r ]")  # what textwrap breaks lines at


def _wrap(cell: str, width: int) -> list[str]:
    """The lines of one cell at most ``width`` wide (``textwrap.wrap``, faster for one word)."""
    if len(cell) <= width:
        return [cell]
    if _WHITESPACE.search(cell) is None:  # an IRI, a hash: textwrap would cut it in equal parts
        return [cell[i : i + width] for i in range(0, len(cell), width)]
    words = cell.split(" ")
    if "" in words or _WHITESPACE.search(cell.replace(" ", "")) or max(map(len, words)) > width:
        return textwrap.wrap(cell, width, break_on_hyphens=False) or [""]
    lines = [words[0]]  # words apart by one space, none too long: what textwrap does
    for word in words[1:]:
        if len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


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
