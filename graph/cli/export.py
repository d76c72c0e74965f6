"""``actorgraph export``: a built graph in other RDF syntaxes and as a network for Gephi."""

from __future__ import annotations

from pathlib import Path

import click

from actorgraph.graph.errors import InputError

from .options import format_option, graph_option

FORMATS = ("ttl", "trig", "nt", "nq", "jsonld", "graphml", "gexf", "csv")


def _pick_format(fmt: str | None, dest: str) -> str:
    if fmt is not None:
        return fmt
    from actorgraph.graph.core.formats import SUFFIX_FORMATS

    guessed = SUFFIX_FORMATS.get(Path(dest).suffix.lower())
    if guessed is None:
        raise InputError(
            f"cannot tell the format of '{dest}' from its name; add --format ({'|'.join(FORMATS)})"
        )
    return guessed


def _check_folder_name(dest: str) -> None:
    """Refuse a file-like name (``edges.csv``) for the csv export, which writes a folder."""
    from actorgraph.graph.core.formats import SUFFIX_FORMATS

    target = Path(dest)
    suffix = target.suffix.lower()
    if not target.is_dir() and (suffix in SUFFIX_FORMATS or suffix in {".csv", ".tsv", ".txt"}):
        raise InputError(
            f"csv writes nodes.csv and edges.csv into a folder; '{dest}' looks like a file "
            f"name: give a folder with -o, e.g. -o {target.with_suffix('')}"
        )


@click.command()
@format_option(FORMATS, "Export format (default: from the -o file's suffix).")
@graph_option("The graph to export (any RDF syntax `actorgraph query` reads).")
@click.option(
    "-o",
    "--output",
    "dest",
    required=True,
    metavar="FILE_OR_DIR",
    help="File to write ('-' for standard output); a folder for csv.",
)
def export(fmt: str | None, graph_path: Path, dest: str) -> None:
    """Export a built graph as RDF (ttl, trig, nt, nq, jsonld) or as a network.

    \b
    RDF formats (they parse back to the same graph, e.g. with pyoxigraph):
      ttl      Turtle, sorted and deterministic: the merged graph
      nt       N-Triples, one sorted triple per line
      jsonld   JSON-LD; its @context is inline, never a URL
      trig     the merged graph as default graph + one named graph per
               article (graph IRI = article IRI), holding that article's
               evidence and the facts and entities it supports
      nq       the same dataset as N-Quads
    Network formats (one node per entity, one edge per relation triple):
      graphml, gexf  for Gephi / networkx; node attributes label, type,
               aliases (joined with " | "), mentions, articles; edge attributes
               relation, confidence, support, articles (edge key = fact IRI)
      csv      a folder with nodes.csv and edges.csv (UTF-8, header row):
               nodes.csv: id, label, type, aliases (" | "-joined), mentions
               (times named), articles (articles naming it)
               edges.csv: source, source_label, relation, target, target_label,
               confidence (0-1, best evidence), support (evidence sentences),
               articles (distinct articles), fact (IRI of the reified fact)

    \b
    Examples:
      actorgraph export -o out/graph.trig
      actorgraph export --format csv -o out/tables
      actorgraph export --format gexf --graph out/graph.ttl -o actors.gexf
    """
    from actorgraph.graph.core.formats import export as write_export
    from actorgraph.graph.core.formats import export_text
    from actorgraph.graph.core.graphfile import load_graph

    chosen = _pick_format(fmt, dest)
    if chosen == "csv" and dest != "-":
        _check_folder_name(dest)
    graph = load_graph(graph_path)
    if dest == "-":
        if chosen == "csv":
            raise InputError("csv writes two files; give a folder with -o, not '-'")
        click.echo(export_text(graph, chosen), nl=False)
        return
    written = write_export(graph, chosen, dest)
    click.echo(f"wrote {', '.join(str(p) for p in written)}", err=True)


command = export
