"""``actorgraph train``: fit the learned relation scorer on gold articles."""

from __future__ import annotations

import time
from pathlib import Path

import click

from .errors import InputError, ModelError


@click.command()
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of gold files: *.jsonl facts plus entities.jsonl / new_entities*.jsonl.",
)
@click.option(
    "--articles",
    "article_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Article files or folders (may be repeated); only articles with gold facts are "
    "used. Default: the gold folder's sibling 'articles'.",
)
@click.option(
    "--exclude",
    "excludes",
    multiple=True,
    metavar="PREFIX",
    help="Leave out articles whose file name starts with PREFIX (may be repeated), "
    "e.g. to keep a conflict held out.",
)
@click.option(
    "-o",
    "--out",
    "out_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Weights file to write (.npz). Use it with ACTORGRAPH_LEARNED=1 "
    "ACTORGRAPH_LEARNED_WEIGHTS=FILE actorgraph build ...",
)
@click.option(
    "--conll04",
    "conll04_file",
    default=None,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CoNLL04 sentences (SpERT JSON) to add as training examples, relations mapped "
    "to ours (Kill, Located_In, OrgBased_In, Work_For).",
)
@click.option("--model", default=None, metavar="NAME|PATH", help="spaCy model package or folder.")
def command(
    gold_dir: Path,
    article_paths: tuple[Path, ...],
    excludes: tuple[str, ...],
    out_file: Path,
    conll04_file: Path | None,
    model: str | None,
) -> None:
    """Train the learned relation scorer from gold annotations (deterministic).

    \b
    The packaged weights were made with:
      actorgraph train --gold ../shared/eval/gold --articles ../shared/eval/articles \\
        --articles seeds --exclude y4 --exclude y5 -o extractors/learned/weights.npz

    Every article named in the gold files is parsed with the rule pipeline; each
    ordered pair of actors in a sentence becomes a candidate, labelled from the
    gold facts whose evidence overlaps the sentence. The decision threshold is
    chosen by article-level cross-validation for a precision of 0.8 on the facts
    the rules miss.
    """
    from actorgraph.extractors.learned import doc_examples, fit, load_gold
    from actorgraph.extractors.pipeline import DEFAULT_MODEL, ModelLoadError, load_pipeline

    from .reader import read_article

    started = time.perf_counter()
    try:
        gold = load_gold(gold_dir)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read gold folder {gold_dir}: {exc}") from None
    sources = list(article_paths) or [gold_dir.parent / "articles"]
    files: dict[str, Path] = {}
    for src in sources:
        for p in [src] if src.is_file() else sorted(src.glob("*")):
            if p.is_file() and p.name in gold.facts and not p.name.startswith(excludes or ("\0",)):
                files.setdefault(p.name, p)
    if not files:
        raise InputError(
            f"none of the articles in {', '.join(map(str, sources))} has gold facts in "
            f"{gold_dir}; pass the article folder with --articles"
        )
    try:
        nlp = load_pipeline(model or DEFAULT_MODEL, learned=False)
    except ModelLoadError as exc:
        raise ModelError(str(exc)) from None
    names = sorted(files)
    arts = [read_article(files[n]) for n in names]
    examples = []
    for art, doc in zip(arts, nlp.pipe(a.text for a in arts), strict=True):
        examples += doc_examples(doc, art.name, gold)
    extra = []
    if conll04_file is not None:
        from actorgraph.extractors.learned.conll04 import conll04_examples

        try:
            extra = conll04_examples(nlp, conll04_file)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"cannot read CoNLL04 file {conll04_file}: {exc}") from None
    result = fit(examples, extra=extra)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    result.save(out_file)
    click.echo(
        f"trained on {len(arts)} articles, {result.meta['rows']} candidates "
        f"({result.meta['positives']} positive), {len(result.vocab)} features, "
        f"threshold {result.threshold:.2f}, in {time.perf_counter() - started:.1f}s -> {out_file}"
    )
