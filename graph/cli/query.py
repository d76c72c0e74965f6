"""``actorgraph query``: SPARQL over a built graph, a persistent store or a remote endpoint."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from actorgraph.graph.errors import InputError, QueryError

from .options import (
    endpoint_option,
    format_option,
    graph_option,
    max_answer_option,
    timeout_option,
)

if TYPE_CHECKING:
    from actorgraph.graph.sparql.engines import Backend
    from actorgraph.graph.sparql.results import QueryOutcome


def _split_binding(text: str) -> tuple[str, str]:
    name, eq, value = text.partition("=")
    if not eq or not name.strip():
        raise QueryError(f'--bind {text!r}: write VAR=VALUE, e.g. --bind actor="Kataib Hezbollah"')
    return name.strip().lstrip("?$"), value


def _query_text(query: str) -> str:
    """The query itself, or the content of the ``.rq`` / ``.sparql`` / ``.txt`` file it names."""
    candidate = Path(query)
    if len(query) < 4096 and "\n" not in query and candidate.suffix in {".rq", ".sparql", ".txt"}:
        if not candidate.is_file():
            raise InputError(f"query file '{candidate}' not found")
        return candidate.read_text(encoding="utf-8")
    return query


@click.command()
@click.argument("query", required=False)
@graph_option(
    "The graph to query (Turtle, N-Triples, TriG, N-Quads, JSON-LD, RDF/XML).",
)
@format_option(
    ["table", "csv", "tsv", "json", "turtle"],
    "Output format (json/csv/tsv are the SPARQL 1.1 results formats; turtle for CONSTRUCT).",
    default="table",
)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@click.option("-n", "--name", "name", metavar="NAME", help="Run a named query (see --list).")
@click.option(
    "-b",
    "--bind",
    "binds",
    multiple=True,
    metavar="VAR=VALUE",
    help="Bind a variable (repeatable). An entity name is resolved to its IRI by label, alias "
    "or the gazetteer's name for it, ignoring case and punctuation; <IRI>, ag:name, numbers "
    'and "text"@en bind as such.',
)
@timeout_option(
    "Seconds a query may run (0: no limit); with --endpoint, the whole request: sending, "
    "waiting and reading the answer together."
)
@click.option(
    "--store",
    default="oxigraph",
    show_default=True,
    metavar="oxigraph|rdflib|oxigraph:DIR",
    help="Engine: oxigraph (the store a build keeps beside its graph, else the file read into "
    "memory), rdflib (the file parsed by rdflib; slower, same answers), or a persistent "
    "Oxigraph store in DIR (loaded on first use, reloaded when the graph file changes).",
)
@endpoint_option(
    "Query a remote SPARQL endpoint instead of a graph file (this is a network opt-in)."
)
@max_answer_option("With --endpoint: stop reading the answer past this many bytes (0: no cap).")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    help="Show at most this many rows (triples for CONSTRUCT and DESCRIBE); results are "
    "read only up to the limit.",
)
@click.option(
    "--allow-network", is_flag=True, help="Allow SERVICE and remote FROM (off by default)."
)
def query(
    query: str | None,
    graph_path: Path,
    fmt: str,
    list_queries: bool,
    name: str | None,
    binds: tuple[str, ...],
    timeout: float,
    store: str,
    endpoint: str | None,
    max_answer_bytes: int,
    limit: int | None,
    allow_network: bool,
) -> None:
    """Run a SPARQL query (text, or a .rq file holding it), or a named query.

    Prefixes ag:, rdf:, rdfs:, skos:, prov:, xsd:, dcterms:, owl: are predefined.
    Examples:

    \b
      actorgraph query 'SELECT ?s ?o WHERE { ?s ag:partOf ?o }'
      actorgraph query --list
      actorgraph query --name who-backs --bind actor="Kataib Hezbollah"
      actorgraph query --name paths --bind from=KH --bind to="United States" --bind hops=2
      actorgraph query --name most-connected --limit 10 -f csv
      actorgraph query --store oxigraph:out/store --name single-source
      actorgraph query --endpoint http://127.0.0.1:7878/query --name members-of --bind group=PMF
    """
    from actorgraph.graph.sparql.named_queries import (
        bind_free,
        bind_named,
        format_library,
        get_query,
        run_named,
    )
    from actorgraph.graph.sparql.query import check_read_only, unknown_terms
    from actorgraph.graph.sparql.results import format_outcome

    if list_queries:
        click.echo(format_library().rstrip("\n"))
        return
    if (query is None) == (name is None):
        raise QueryError("give a SPARQL query or --name NAME (see --list), not both")
    raw = dict(_split_binding(b) for b in binds)
    if query is not None:
        text = _query_text(query)
        check_read_only(text)
        for term, close in unknown_terms(text):
            hint = f"; did you mean ag:{close}?" if close else ""
            click.echo(f"warning: ag:{term} is not in the ontology{hint}", err=True)
    backend = _backend(
        graph_path,
        named_graphs=query is not None and _uses_graph(text),
        store=store,
        endpoint=endpoint,
        timeout=timeout,
        allow_network=allow_network,
        max_answer_bytes=max_answer_bytes,
    )
    if name is not None:
        named = get_query(name)
        outcome = run_named(named, backend, bind_named(named, raw, backend), limit=limit)
    else:
        outcome = backend.query(text, bind_free(raw, backend), limit=limit).limited(limit)
    labels = _labels(backend, outcome) if fmt == "table" else None
    click.echo(format_outcome(outcome, fmt, labels=labels).rstrip("\n"))


def _uses_graph(text: str) -> bool:
    """Whether a query has a ``GRAPH`` pattern (outside strings, IRIs and comments)."""
    from actorgraph.graph.sparql.text import _tokens

    return any(tok.upper() == "GRAPH" for _, tok in _tokens(text))


def _backend(graph_path: Path, *, named_graphs: bool, **options: Any) -> Backend:
    """The backend the options ask for; a GRAPH query on a build's Turtle gets its named graphs.

    ``graph.ttl`` holds the merged graph only; the per-article graphs that
    ``export --format trig`` writes are derived from it: added once to the Oxigraph
    store (a build's, or ``--store oxigraph:DIR``), to the in-memory store, or (with
    ``--store rdflib``) made by rdflib.
    """
    from actorgraph.graph.core.graphfile import graph_format
    from actorgraph.graph.sparql.engines import (
        OxigraphBackend,
        OxigraphMemoryBackend,
        RdflibBackend,
        open_backend,
    )

    derive = named_graphs and graph_format(graph_path) not in {"trig", "nquads"}
    if derive and options.get("store") == "rdflib" and not options.get("endpoint"):
        from rdflib import Dataset

        from actorgraph.graph.core.graphfile import load_graph
        from actorgraph.graph.core.rdf import article_graphs, bind_prefixes

        merged = load_graph(graph_path)
        ds = Dataset()
        bind_prefixes(ds)
        default = ds.default_graph  # ds.add() warns that default_context is deprecated
        for t in merged:
            default.add(t)
        for iri, part in article_graphs(merged).items():
            named = ds.graph(iri)
            for t in part:
                named.add(t)
        limit = options.get("timeout") or None
        return RdflibBackend(
            ds,
            timeout=limit,
            allow_network=bool(options.get("allow_network")),
            description=f"rdflib: {graph_path} (+ one named graph per article)",
        )
    backend = open_backend(graph_path, **options)
    if derive and isinstance(backend, OxigraphBackend | OxigraphMemoryBackend):
        backend.add_article_graphs()
    return backend


def _labels(backend: Backend, outcome: QueryOutcome) -> dict[str, str]:
    """``skos:prefLabel`` of the IRIs in a SELECT outcome's cells (for the table)."""
    from rdflib import URIRef

    # the first 2,000 in the order they are shown: the top of a long table gets its labels
    seen = dict.fromkeys(str(v) for row in outcome.rows for v in row if isinstance(v, URIRef))
    iris = [iri for iri in seen if ">" not in iri and " " not in iri][:2000]
    if outcome.kind != "SELECT" or not iris:
        return {}
    values = " ".join(f"<{iri}>" for iri in iris)
    text = f"SELECT ?e ?l WHERE {{ VALUES ?e {{ {values} }} ?e skos:prefLabel ?l }}"
    try:
        found = backend.query(text)
    except QueryError:
        return {}  # labels are a nicety; the IRIs are shown instead
    return {str(e): str(lbl) for e, lbl in found.rows if e is not None and lbl is not None}


command = query
