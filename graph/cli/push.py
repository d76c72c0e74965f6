"""``actorgraph push``: upload a graph to a SPARQL 1.1 Graph Store, one named graph per article."""

from __future__ import annotations

from pathlib import Path

import click

from .options import (
    DEFAULT_PUSH_TIMEOUT,
    endpoint_option,
    graph_option,
    max_answer_option,
    prune_option,
    timeout_option,
)


@click.command()
@endpoint_option(
    "Graph Store HTTP Protocol endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph).",
    required=True,
)
@graph_option("The graph to upload.")
@prune_option("Delete the store's article graphs whose article is no longer in the graph.")
@click.option(
    "--query-endpoint",
    metavar="URL",
    help="SPARQL query endpoint used by --prune to list graphs "
    "(default: the endpoint with /store replaced by /query, else the endpoint itself).",
)
@timeout_option(
    "Seconds the whole push may take, all its requests together, not each one (0: no "
    "limit). When they are up the push stops with one line; graphs already replaced stay "
    "replaced, and pushing again finishes the job.",
    default=DEFAULT_PUSH_TIMEOUT,
)
@max_answer_option("Stop reading an answer of the store past this many bytes (0: no cap).")
@click.option("--dry-run", is_flag=True, help="Compare with the store; change nothing.")
@click.option("-v", "--verbose", is_flag=True, help="List every graph and what happened to it.")
def push(
    endpoint: str,
    graph_path: Path,
    prune: bool,
    query_endpoint: str | None,
    timeout: float,
    max_answer_bytes: int,
    dry_run: bool,
    verbose: bool,
) -> None:
    """Upload a graph to any SPARQL 1.1 store (Graph Store HTTP Protocol).

    The merged graph goes to the default graph and each article's provenance to
    a named graph whose IRI is the article IRI (see `actorgraph export --help`,
    trig). A graph is replaced (HTTP PUT) only when its content changed. Then
    query the store with `actorgraph query --endpoint URL`.

    \b
    Example (Oxigraph: `oxigraph serve --location store --bind 127.0.0.1:7878`):
      actorgraph push --endpoint http://127.0.0.1:7878/store --prune
      actorgraph query --endpoint http://127.0.0.1:7878/query --name single-source
    """
    from actorgraph.graph.core.graphfile import load_graph
    from actorgraph.graph.sparql.push import push as push_graph

    graph = load_graph(graph_path)
    report = push_graph(
        graph,
        endpoint,
        prune=prune,
        query_endpoint=query_endpoint,
        timeout=timeout or None,
        dry_run=dry_run,
        max_bytes=max_answer_bytes or None,
    )
    if verbose:
        for what, names in (
            ("new", report.new),
            ("replaced", report.replaced),
            ("unchanged", report.unchanged),
            ("pruned", report.pruned),
        ):
            for name in names:
                click.echo(f"{what:9} {name}")
    click.echo(report.summary(), err=True)


command = push
