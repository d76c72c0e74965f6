"""Graph files of any RDF syntax, read safely into rdflib.

JSON-LD is read only when every ``@context`` is inline (rdflib would fetch a
remote one), RDF/XML only without a DOCTYPE (no entity expansion), and a graph
holding an IRI that no writer can write is refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef

from actorgraph.graph.errors import GraphFileError

from .rdf import bind_prefixes

__all__ = ["GRAPH_SUFFIXES", "graph_format", "load_dataset", "load_graph"]

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
