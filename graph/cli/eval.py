"""``actorgraph eval``: score a build against gold facts, or the pipeline on CoNLL04."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import click

from actorgraph.graph.errors import InputError, ModelError

from .options import graph_option, model_option


@click.command(name="eval")
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(path_type=Path),
    help="Folder of gold files (entities.jsonl, new_entities*.jsonl and one *.jsonl of facts "
    "per article) to score a build against.",
)
@click.option(
    "--conll04",
    "conll04",
    type=click.Path(path_type=Path),
    help="A CoNLL04 split (JSON): run the pipeline on its sentences and score end to end.",
)
@model_option("spaCy model for --conll04 (default model).")
@graph_option(
    "The build to score (triples.jsonl and entities.jsonl).", folder=True, aliases=["--out"]
)
@click.option(
    "--triples", type=click.Path(path_type=Path), help="Score this triples.jsonl instead."
)
@click.option(
    "--articles",
    default=None,
    help="Comma-separated article file names to score (default: the gold articles in the build).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(
    gold_dir: Path | None,
    conll04: Path | None,
    model: str | None,
    graph_path: Path,
    triples: Path | None,
    articles: str | None,
    as_json: bool,
) -> None:
    """Score extraction: a build against gold facts (--gold), or the pipeline on CoNLL04.

    \b
    --gold DIR:     per article, per relation and overall precision/recall/F1, typed and
                    untyped (the figures of the reference score.py on the same articles),
                    and entity resolution (gold entities split over several nodes, nodes
                    merging two gold entities). By default the gold articles that the
                    build read are scored; --articles picks others.
    --conll04 FILE: end-to-end strict and lenient P/R/F1 per CoNLL04 relation type
                    (Work_For, Kill, Located_In, OrgBased_In; Live_In is not scored).
    """
    if (gold_dir is None) == (conll04 is None):
        raise InputError("give exactly one of --gold DIR or --conll04 FILE")
    if conll04 is not None:
        _eval_conll04(conll04, model, as_json)
        return
    assert gold_dir is not None
    _eval_gold(gold_dir, graph_path, triples, articles, as_json)


def _eval_gold(
    gold_dir: Path, out_dir: Path, triples: Path | None, articles: str | None, as_json: bool
) -> None:
    from actorgraph.graph.evaluation.gold import (
        TRIPLE_FIELDS,
        format_score,
        load_gold,
        read_jsonl,
        score,
    )

    try:
        gold = load_gold(gold_dir)
    except FileNotFoundError as exc:
        raise InputError(str(exc)) from None
    tpath = triples or out_dir / "triples.jsonl"
    if not tpath.is_file():
        raise InputError(f"'{tpath}' not found; run `actorgraph build ... -o {out_dir}` first")
    records = read_jsonl(tpath, TRIPLE_FIELDS)
    epath = (triples.parent if triples else out_dir) / "entities.jsonl"
    ents = read_jsonl(epath) if epath.is_file() else []
    notes: list[str] = []
    if articles:
        arts = _requested(articles, gold.facts, notes, gold_dir)
    else:
        built = {Path(str(t["article"])).name for t in records}
        built |= {str(a) for e in ents for a in _list(e.get("articles"))}
        arts = sorted(a for a in gold.facts if a in built)
        left = len(gold.facts) - len(arts)
        if left:
            notes.append(
                f"note: {left} gold article(s) not in this build left out "
                "(--articles NAME,... scores them anyway)"
            )
        if not arts:
            raise InputError(
                f"none of the {len(gold.facts)} gold articles in '{gold_dir}' is in '{tpath}'; "
                "build them first or name them with --articles"
            )
    result = score(records, gold, articles=arts, entities=ents)
    for note in notes:
        click.echo(note, err=True)
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else format_score(result))


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def _requested(
    articles: str, gold: Mapping[str, object], notes: list[str], gold_dir: Path
) -> list[str]:
    """The named articles that have gold (a name may omit ``.txt`` or be a path)."""
    arts: list[str] = []
    for raw in articles.split(","):
        name = Path(raw.strip()).name
        if not name:
            continue
        if name not in gold and f"{name}.txt" in gold:
            name = f"{name}.txt"
        if name not in gold:
            notes.append(f"note: '{name}' has no gold facts; not scored")
        elif name not in arts:
            arts.append(name)
    if not arts:
        raise InputError(
            "no gold facts for "
            + ", ".join(repr(n.strip()) for n in articles.split(","))
            + f" in '{gold_dir}'"
        )
    return arts


def _eval_conll04(path: Path, model: str | None, as_json: bool) -> None:
    from actorgraph.extractors.pipeline import DEFAULT_MODEL, ModelLoadError, load_pipeline
    from actorgraph.graph.evaluation.conll04 import evaluate_conll04, format_conll04

    if not path.is_file():
        raise InputError(f"CoNLL04 file '{path}' not found")
    try:
        nlp = load_pipeline(model or DEFAULT_MODEL)
    except ModelLoadError as exc:
        raise ModelError(str(exc)) from None
    result = evaluate_conll04(path, nlp)
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else format_conll04(result))


command = eval_cmd
