"""The exports of a built graph: one function for every format ``actorgraph export`` writes.

Formats (:data:`EXPORT_FORMATS`):

* ``ttl`` Turtle, ``nt`` N-Triples, ``jsonld`` JSON-LD with its ``@context``
  inline: the merged graph (``graph.ttl``);
* ``trig`` TriG, ``nq`` N-Quads: the merged graph as the default graph plus one
  named graph per article (see :func:`actorgraph.graph.core.rdf.article_graphs`);
* ``graphml``, ``gexf``: the actor network for Gephi / networkx;
* ``csv``: ``nodes.csv`` and ``edges.csv`` for spreadsheets.

The writers live in :mod:`~actorgraph.graph.core.serialize` (RDF) and
:mod:`~actorgraph.graph.core.network` (the actor network). All of them are
computed from an RDF graph, so they work on any built graph file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from actorgraph.graph.errors import OutputError
from actorgraph.graph.outputs import atomic_write_text

from .network import csv_tables, gexf_text, graphml_text
from .rdf import article_graphs
from .serialize import jsonld_text, nquads_text, ntriples_text, trig_text, turtle_text

__all__ = ["EXPORT_FORMATS", "SUFFIX_FORMATS", "export", "export_text"]

#: every format ``actorgraph export`` writes, with a one-line description
EXPORT_FORMATS: dict[str, str] = {
    "ttl": "Turtle: the merged graph",
    "trig": "TriG: the merged graph as default graph + one named graph per article",
    "nt": "N-Triples: the merged graph, one sorted triple per line",
    "nq": "N-Quads: like trig, one sorted quad per line",
    "jsonld": "JSON-LD with its @context inline: the merged graph",
    "graphml": "GraphML actor network (Gephi, networkx, yEd)",
    "gexf": "GEXF actor network (Gephi, networkx)",
    "csv": "nodes.csv + edges.csv in a folder (spreadsheets)",
}

#: file suffix -> export format
SUFFIX_FORMATS = {
    ".ttl": "ttl",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nq",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".graphml": "graphml",
    ".gexf": "gexf",
}


# --------------------------------------------------------------------------- export


def export_text(graph: Graph, fmt: str) -> str:
    """One export format (not ``csv``) as text."""
    if fmt in {"trig", "nq"}:
        named = article_graphs(graph)
        return trig_text(graph, named) if fmt == "trig" else nquads_text(graph, named)
    writers: dict[str, Callable[[Graph], str]] = {
        "ttl": turtle_text,
        "nt": ntriples_text,
        "jsonld": jsonld_text,
        "graphml": graphml_text,
        "gexf": gexf_text,
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    return writers[fmt](graph)


def export(graph: Graph, fmt: str, dest: str | Path) -> list[Path]:
    """Write one export of a graph; ``csv`` writes ``nodes.csv`` and ``edges.csv`` into a folder.

    Args:
        graph: the RDF graph (``load_graph("out/graph.ttl")``).
        fmt: one of :data:`EXPORT_FORMATS`.
        dest: the file to write, or for ``csv`` the folder (created if missing).

    Returns:
        The files written.

    Raises:
        OutputError: the destination cannot be written.
    """
    target = Path(dest)
    if fmt == "csv":
        return _export_csv(graph, target)
    if target.is_dir():
        raise OutputError(f"'{target}' is a folder; give a file name such as {target}/graph.{fmt}")
    _ensure_parent(target)
    atomic_write_text(target, export_text(graph, fmt))
    return [target]


def _export_csv(graph: Graph, folder: Path) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"csv export writes a folder, and '{folder}' is a file; give a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create folder '{folder}': {exc.strerror}") from None
    nodes, edges = csv_tables(graph)
    atomic_write_text(folder / "nodes.csv", nodes)
    atomic_write_text(folder / "edges.csv", edges)
    return [folder / "nodes.csv", folder / "edges.csv"]


def _ensure_parent(target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create folder '{target.parent}': {exc.strerror}; choose another -o"
        ) from None
