"""``actorgraph view``: the neighbourhood of one actor as its own page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from actorgraph.graph.errors import InputError, OutputError

from .options import count, graph_option

if TYPE_CHECKING:
    from actorgraph.extractors.records import Entity, KnowledgeGraph

#: the node-size measures of :func:`actorgraph.graph.explorer.page.render_html`
SIZE_BY = ("degree", "pagerank", "betweenness")


@click.command()
@click.argument("name")
@graph_option(
    "The build to read (graph.ttl and entities.jsonl).", folder=True, aliases=["--graph-dir"]
)
@click.option(
    "--hops",
    default=1,
    show_default=True,
    type=click.IntRange(0),
    help="How many relations away from NAME to go (0: the actor alone).",
)
@click.option(
    "--min-support",
    default=1,
    show_default=True,
    type=click.IntRange(1),
    help="Keep only relations with at least this many evidence sentences.",
)
@click.option(
    "--relations",
    default=None,
    metavar="REL[,REL...]",
    help="Keep only these relations, comma-separated (e.g. partOf,backedBy).",
)
@click.option(
    "--size-by",
    default="degree",
    show_default=True,
    type=click.Choice(SIZE_BY),
    help="Node size by this centrality measure.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML file to write (default: <actor>.html in the current folder).",
)
def view(
    name: str,
    graph_path: Path,
    hops: int,
    min_support: int,
    relations: str | None,
    size_by: str,
    output: Path | None,
) -> None:
    """Write the ego-network of the actor NAME (its label or any alias) as one HTML page.

    The graph is read back from the build (graph.ttl, entities.jsonl) with every piece of
    evidence, so support counts and the best sentences are those of graph.html. Example:

    \b
      actorgraph view "Kataib Hezbollah" --hops 2 -o kh.html
    """
    from actorgraph.graph.core.iri import slug
    from actorgraph.graph.core.load import load_knowledge_graph

    kg = load_knowledge_graph(graph_path)
    ego, centre = _ego(kg, name, graph_path, hops, min_support, _split(relations))
    label = centre.label
    path = output or Path(f"{slug(label)}.html")
    _write(ego, path, title=_title(label, hops), size_by=size_by, centre=centre.id)
    click.echo(
        f"wrote {path}: {count(len(ego.entities), 'actor')}, "
        f"{count(len(ego.edges), 'relation')} within {count(hops, 'hop')} of {label}",
        err=True,
    )


def _split(relations: str | None) -> list[str] | None:
    """``"partOf, BACKEDBY"`` -> ``["partOf", "backedBy"]`` (any case); ``None`` stays ``None``."""
    if relations is None:
        return None
    from actorgraph.ontology import RELATIONS

    names = [r.strip() for r in relations.split(",") if r.strip()]
    if not names:
        raise InputError("--relations is empty; give relation names such as partOf,backedBy")
    by_lower = {rel.lower(): rel for rel in RELATIONS}
    return [by_lower.get(n.lower(), n) for n in names]


def _ego(
    kg: KnowledgeGraph,
    name: str,
    graph_dir: Path,
    hops: int,
    min_support: int,
    relations: list[str] | None,
) -> tuple[KnowledgeGraph, Entity]:
    """The ego graph around ``name`` and its centre, or an :class:`InputError`."""
    from actorgraph.graph.explorer.ego import ego_graph

    try:
        ego = ego_graph(kg, name, hops=hops, min_support=min_support, relations=relations)
        (centre,) = ego_graph(kg, name, hops=0).entities.values()
    except LookupError as exc:
        raise InputError(f"'{graph_dir}': {exc.args[0]}") from None
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return ego, centre


def _title(label: str, hops: int) -> str:
    """Page title: ``Kataib Hezbollah: 2 hops``."""
    return f"{label}: {count(hops, 'hop')}"


def _write(kg: KnowledgeGraph, path: Path, *, title: str, size_by: str, centre: str) -> None:
    """Write the page, creating its folder; an :class:`OutputError` if that fails."""
    from actorgraph.graph.explorer.page import write_html

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_html(kg, path, title=title, size_by=size_by, centre=centre)
    except OSError as exc:
        raise OutputError(
            f"cannot write '{path}': {exc.strerror or exc}; pass another file with -o"
        ) from None


command = view
