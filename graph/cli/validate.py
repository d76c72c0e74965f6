"""``actorgraph validate``: check a graph against actorgraph's SHACL shapes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import DEFAULT_GRAPH, count, quiet_option


@click.command()
@click.argument("graph", default=DEFAULT_GRAPH, type=click.Path(path_type=Path))
@click.option(
    "--shapes",
    type=click.Path(path_type=Path),
    help="A SHACL shapes file of your own (default: actorgraph's ontology/shapes.ttl).",
)
@quiet_option("Print nothing; only the exit status tells.")
def validate(graph: Path, shapes: Path | None, quiet: bool) -> None:
    """Check GRAPH (default out/graph.ttl) against the SHACL shapes; exit 1 if it does not conform.

    One line per violation: the node (and its label), the property, what is wrong
    and the offending value. The shapes check that every entity has one type
    among the ontology's entity classes and one skos:prefLabel; every fact a
    subject, relation and object, supportCount >= 1, confidence in (0, 1] and
    evidence; every piece of evidence its article, sentence, offsets
    (start < end), extractor and confidence; and that each relation's subject
    and object fit its domain and range.
    """
    from actorgraph.graph.core.validate import validate_file
    from actorgraph.graph.errors import GraphFileError

    for path, how in (
        (graph, "name the file to check: `actorgraph validate PATH`"),
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
