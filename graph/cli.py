"""The ``actorgraph`` command line: a thin layer over plain functions."""

from __future__ import annotations

import importlib
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


#: commands living in their own modules (graph/cmd_<name>.py, each exposing ``command``),
#: imported only when used so ``actorgraph --help`` stays fast
LAZY_COMMANDS = {
    "build": "cmd_build",
    "query": "cmd_query",
    "export": "cmd_export",
    "validate": "cmd_validate",
    "push": "cmd_push",
    "view": "cmd_view",
}


class _LazyGroup(_Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module = importlib.import_module(f"{__package__}.{LAZY_COMMANDS[name]}")
            cmd: click.Command = module.command
            return cmd
        return super().get_command(ctx, name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="actorgraph")
def main() -> None:
    """Turn news articles into a knowledge graph of actors and who does what to whom.

    \b
    Typical use:
      actorgraph build seeds -o out        # articles -> out/graph.ttl, graph.html, *.jsonl
      actorgraph query "SELECT ..." --graph out/graph.ttl
      actorgraph eval --gold ../shared/eval/gold --out out
    """


@main.command(name="eval")
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(path_type=Path),
    help="Folder of gold files (entities.jsonl and NNN_*.jsonl) to score a build against.",
)
@click.option(
    "--conll04",
    "conll04",
    type=click.Path(path_type=Path),
    help="A CoNLL04 split (JSON): run the pipeline on its sentences and score end to end.",
)
@click.option(
    "--model", default=None, metavar="NAME|PATH", help="spaCy model for --conll04 (default model)."
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
    gold_dir: Path | None,
    conll04: Path | None,
    model: str | None,
    out_dir: Path,
    triples: Path | None,
    articles: str | None,
    as_json: bool,
) -> None:
    """Score extraction: a build against gold facts (--gold), or the pipeline on CoNLL04.

    \b
    --gold DIR:     per-relation and overall precision/recall/F1, typed and untyped, and
                    entity resolution (gold entities split over nodes, nodes merging two).
    --conll04 FILE: end-to-end strict and lenient P/R/F1 per CoNLL04 relation type
                    (Work_For, Kill, Located_In, OrgBased_In; Live_In is not scored).
    """
    from .evaluate import format_score, load_gold, read_jsonl, score

    if (gold_dir is None) == (conll04 is None):
        raise InputError("give exactly one of --gold DIR or --conll04 FILE")
    if conll04 is not None:
        _eval_conll04(conll04, model, as_json)
        return
    assert gold_dir is not None
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


def _eval_conll04(path: Path, model: str | None, as_json: bool) -> None:
    from actorgraph.extractors.pipeline import DEFAULT_MODEL, ModelLoadError, load_pipeline

    from .conll04 import evaluate_conll04, format_conll04

    if not path.is_file():
        raise InputError(f"CoNLL04 file '{path}' not found")
    try:
        nlp = load_pipeline(model or DEFAULT_MODEL)
    except ModelLoadError as exc:
        raise ModelError(str(exc)) from None
    result = evaluate_conll04(path, nlp)
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else format_conll04(result))


if __name__ == "__main__":
    main()
