"""A build's output files, written all together or not at all.

``graph.ttl`` (deterministic Turtle), ``triples.jsonl``, ``entities.jsonl``,
``graph.html`` (unless turned off) and ``skipped.jsonl`` are staged and switched
into place with one rename (:class:`~actorgraph.graph.outputs.OutputTransaction`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from actorgraph.extractors.records import Article, KnowledgeGraph
from actorgraph.graph.core.iri import DEFAULT_BASE
from actorgraph.graph.core.jsonl import entity_records, jsonl, triple_records
from actorgraph.graph.core.rdf import bind_prefixes, ntriples_lines
from actorgraph.graph.errors import OutputError
from actorgraph.graph.outputs import OutputTransaction
from actorgraph.graph.read import Skipped

from .cache import code_digest
from .options import BuildOptions

__all__ = [
    "HTML_ALL_ENTITIES_UP_TO",
    "html_view",
    "outputs_digest",
    "skipped_report",
    "turtle_bytes",
    "write_outputs",
]

OUTPUT_FILES = ("graph.ttl", "graph.html", "triples.jsonl", "entities.jsonl")


def _output_names(opts: BuildOptions) -> list[str]:
    names = ["graph.ttl", "triples.jsonl", "entities.jsonl"]
    if opts.html:
        names.append("graph.html")
    return [*names, "skipped.jsonl"]


#: prefixes graph.ttl may declare (data IRIs under the base stay whole: their local
#: parts hold ``/``, which Turtle would have to escape)
TURTLE_PREFIXES = ("ag", "dcterms", "owl", "prov", "rdf", "rdfs", "skos", "xsd")


def turtle_bytes(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> bytes:
    """The graph as deterministic Turtle, written by Oxigraph (several times rdflib's speed).

    Triples are sorted by their N-Triples form (made straight from the records, see
    :func:`~actorgraph.graph.core.rdf.ntriples_lines`), so the same graph always gives the
    same bytes; only prefixes the graph uses are declared.  Subjects are IRIs
    (actorgraph makes no blank nodes), each block separated by a blank line.
    """
    import pyoxigraph as ox
    from rdflib import Graph

    data = "".join(line + "\n" for line in ntriples_lines(kg, base=base)).encode("utf-8")
    namespaces = dict(bind_prefixes(Graph(), base).namespaces())
    prefixes = {
        p: str(namespaces[p])
        for p in TURTLE_PREFIXES
        if p in namespaces and b"<" + str(namespaces[p]).encode("utf-8") in data
    }
    triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert turtle is not None  # no output file given: the bytes are returned
    return turtle.replace(b" .\n<", b" .\n\n<")  # a blank line between subjects


#: above this many entities, graph.html shows only actors that take part in a fact
HTML_ALL_ENTITIES_UP_TO = 300


def html_view(kg: KnowledgeGraph) -> KnowledgeGraph:
    """What graph.html shows: every entity of a small graph; on a large one the actors with
    relations only (entities.jsonl and graph.ttl keep the rest), so the page stays fast."""
    if len(kg.entities) <= HTML_ALL_ENTITIES_UP_TO:
        return kg
    linked = {e.subject for e in kg.edges} | {e.object for e in kg.edges}
    ents = {iri: e for iri, e in kg.entities.items() if iri in linked}
    return KnowledgeGraph(entities=ents, edges=kg.edges, articles=kg.articles)


def write_outputs(
    kg: KnowledgeGraph, out: Path, opts: BuildOptions, skipped: Sequence[Skipped] = ()
) -> list[Path]:
    """Write every output file of a build, all or nothing.

    Raises:
        OutputError: an output cannot be written (disk full ...); the previous
            outputs are then unchanged.
    """
    try:
        return _write_outputs(kg, out, opts, skipped)
    except OSError as exc:
        raise OutputError(
            f"cannot write outputs to '{out}': {exc.strerror or exc}; the previous outputs "
            "are unchanged; check free space and permissions, then build again"
        ) from None


def _write_outputs(
    kg: KnowledgeGraph, out: Path, opts: BuildOptions, skipped: Sequence[Skipped]
) -> list[Path]:
    with OutputTransaction(out) as tx:
        tx.path("graph.ttl").write_bytes(turtle_bytes(kg, opts.base))
        tx.path("triples.jsonl").write_text(jsonl(triple_records(kg)), encoding="utf-8")
        tx.path("entities.jsonl").write_text(jsonl(entity_records(kg)), encoding="utf-8")
        names = ["graph.ttl", "triples.jsonl", "entities.jsonl"]
        if opts.html:
            from actorgraph.graph.explorer.page import write_html

            write_html(html_view(kg), tx.path("graph.html"))
            names.append("graph.html")
        tx.path("skipped.jsonl").write_text(skipped_report(skipped), encoding="utf-8")
        names.append("skipped.jsonl")
        tx.commit()
    return [out / n for n in names]


def skipped_report(skipped: Sequence[Skipped]) -> str:
    """skipped.jsonl: one line per file left out."""
    return "".join(
        json.dumps({"path": s.path, "kind": s.kind, "reason": s.reason}, ensure_ascii=False) + "\n"
        for s in skipped
    )


def graph_code() -> str:
    """A digest of the code and data the files depend on (the graph and ontology packages)."""
    return code_digest(
        {
            "actorgraph.graph": (".py", ".html", ".js", ".css", ".rq"),
            "actorgraph.ontology": (".py", ".ttl", ".jsonl"),
        }
    )


def outputs_digest(
    opts: BuildOptions, fingerprint: str, articles: Iterable[Article], skipped: Sequence[Skipped]
) -> str:
    """A hash of everything the output files depend on (cheap: no RDF is built).

    The merged graph is a function of the articles (names, hashes, metadata, in name
    order) and the extraction fingerprint; the files also depend on the options, the
    skip report and the code of the graph and ontology packages.
    """
    h = hashlib.sha256()
    head = [fingerprint, graph_code(), opts.base, repr(opts.min_confidence), str(opts.html)]
    h.update(json.dumps(head).encode("utf-8"))
    for a in articles:
        h.update(json.dumps([a.name, a.sha256, a.title, a.date, a.also_named]).encode("utf-8"))
    for s in skipped:
        h.update(json.dumps([s.path, s.kind, s.reason]).encode("utf-8"))
    return h.hexdigest()


#: graphs larger than this (bytes of graph.ttl) are put in the query store by a fresh
#: process (a second interpreter costs about 0.3 s; a forked one nothing, but it shares,
#: and is counted with, all the memory the build holds)
FRESH_LOAD_BYTES = 32 * 2**20


def _prime_store(
    graph: Path,
    held: dict[str, Any] | None = None,
    change: Callable[[], Iterable[tuple[bytes, bytes]]] | None = None,
) -> None:
    """Load the new graph into the Oxigraph store that queries use (``OUT/.actorgraph-store``):
    when the store held the earlier graph (``held``, see :func:`_store_source`), by removing
    and adding the triples that changed (``change``: pieces of their Turtle before and
    after, see :meth:`~actorgraph.graph.sparql.engines.OxigraphBackend.patch`); then answer
    the named queries that read the whole graph there (they are kept; see
    :func:`~actorgraph.graph.sparql.named_queries.refresh_build_store`).  A graph over
    :data:`FRESH_LOAD_BYTES` is handled by a fresh process.

    Best effort: a store that cannot be written is made by the first query instead.
    """
    from actorgraph.graph.errors import ActorGraphError
    from actorgraph.graph.sparql.engines import build_store
    from actorgraph.graph.sparql.limits import run_isolated
    from actorgraph.graph.sparql.named_queries import refresh_build_store

    folder = build_store(graph)
    if folder is None:
        return
    refresh = functools.partial(refresh_build_store, graph, folder, held, change)
    with contextlib.suppress(ActorGraphError, OSError):
        if graph.stat().st_size > FRESH_LOAD_BYTES:
            run_isolated(refresh, timeout=None, fresh=True)
        else:
            refresh()


def _store_source(graph: Path) -> dict[str, Any] | None:
    """Which graph file the query store holds, if it holds the one now in place."""
    from actorgraph.graph.sparql.engines import OxigraphBackend, build_store

    folder = build_store(graph)
    return None if folder is None else OxigraphBackend(graph, folder).source()
