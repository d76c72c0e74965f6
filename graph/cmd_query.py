"""``actorgraph query``: SPARQL over a built graph."""

from __future__ import annotations

from pathlib import Path

import click

from .errors import InputError

DEFAULT_OUT = "out"


@click.command()
@click.argument("query")
@click.option(
    "--graph",
    "graph_path",
    default=f"{DEFAULT_OUT}/graph.ttl",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Graph file to query.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "csv", "tsv", "json", "turtle"]),
    help="Output format (json/csv/tsv are the SPARQL 1.1 results formats).",
)
@click.option(
    "--allow-network", is_flag=True, help="Allow SERVICE and remote FROM (off by default)."
)
def query(query: str, graph_path: Path, fmt: str, allow_network: bool) -> None:
    """Run a SPARQL query (text, or a file holding it) over a built graph.

    Prefixes ag:, rdf:, rdfs:, skos:, prov:, xsd:, dcterms: are predefined. Example:

    \b
      actorgraph query 'SELECT ?s ?o WHERE { ?s ag:partOf ?o }'
    """
    from .query import format_result, load_graph, run_query

    text = query
    candidate = Path(query)
    if len(query) < 4096 and "\n" not in query and candidate.suffix in {".rq", ".sparql", ".txt"}:
        if not candidate.is_file():
            raise InputError(f"query file '{candidate}' not found")
        text = candidate.read_text(encoding="utf-8")
    g = load_graph(graph_path)
    result = run_query(g, text, allow_network=allow_network)
    click.echo(format_result(result, fmt, g).rstrip("\n"))


command = query
