"""``actorgraph validate``: check a graph against actorgraph's SHACL shapes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import count, graph_file, graph_option, quiet_option


@click.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@graph_option("The graph to check (or give it as GRAPH).")
@click.option(
    "--shapes",
    type=click.Path(path_type=Path),
    help="A SHACL shapes file of your own (default: actorgraph's ontology/shapes.ttl).",
)
@quiet_option("Print nothing; only the exit status tells.")
def validate(graph: Path | None, graph_path: Path, shapes: Path | None, quiet: bool) -> None:
    """Check GRAPH (a graph file or build folder, default out) against the SHACL shapes.

    Exits 1 if it does not conform. One line per violation: the node (and its
    label), the property, what is wrong and the offending value. The shapes check
    that every entity has one type among the ontology's entity classes and one
    skos:prefLabel; every fact a
    subject, relation and object, supportCount >= 1, confidence in (0, 1] and
    evidence; every piece of evidence its article, sentence, offsets
    (start < end), extractor and confidence; and that each relation's subject
    and object fit its domain and range.
    """
    from actorgraph.graph.core.validate import validate_file
    from actorgraph.graph.errors import GraphFileError, InputError

    if (
        graph is not None
        and click.get_current_context().get_parameter_source("graph_path")
        is click.core.ParameterSource.COMMANDLINE
    ):
        raise InputError("give the graph once: as GRAPH or with --graph, not both")
    graph = graph_file(graph) if graph is not None else graph_path
    for path, how in (
        (graph, "name the graph to check: `actorgraph validate --graph PATH`"),
        (shapes, "check --shapes"),
    ):
        if path is not None and not path.is_file():
            run = "run `actorgraph build` first or " if path == graph else ""
            raise GraphFileError(f"'{path}' not found; {run}{how}")
    report = validate_file(graph, shapes)
    if not quiet:
        for line in report.lines():
            click.echo(line)
    if report.conforms:
        if not quiet:
            click.echo(f"{graph} conforms to the shapes", err=True)
        return
    if not quiet:
        click.echo(f"{graph} does not conform: {count(len(report.violations), 'result')}", err=True)
    sys.exit(1)


command = validate
