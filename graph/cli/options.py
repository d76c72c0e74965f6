"""What several commands share: their common options, declared once, and message wording.

Each option factory takes the help text, which says what the option means for
that command; everything else (name, default, type) is the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

#: the build folder commands write and read by default
DEFAULT_OUT = "out"
#: the graph file commands read by default
DEFAULT_GRAPH = f"{DEFAULT_OUT}/graph.ttl"
#: seconds a query, or a request to an endpoint, may take by default (``limits.DEFAULT_TIMEOUT``)
DEFAULT_TIMEOUT = 30.0
#: seconds a whole push, every request together, may take by default (``limits.PUSH_TIMEOUT``)
DEFAULT_PUSH_TIMEOUT = 600.0
#: the most bytes of one answer of an endpoint read by default (``transport.ANSWER_BYTES``)
DEFAULT_ANSWER_BYTES = 250_000_000

F = TypeVar("F", bound=Callable[..., Any])


def count(n: int, one: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``: a number with its noun; ``many`` for irregular plurals."""
    return f"{n} {one if n == 1 else many or one + 's'}"


class AliasedOption(click.Option):
    """An option whose old spellings still work but are left out of ``--help``."""

    def __init__(self, *args: Any, hidden_aliases: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hidden_aliases = frozenset(hidden_aliases)

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        shown, self.opts = self.opts, [o for o in self.opts if o not in self.hidden_aliases]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = shown


def graph_file(path: Path) -> Path:
    """The graph file ``--graph PATH`` names: PATH itself, or a build folder's graph.ttl."""
    folder = path.is_dir() or (not path.exists() and path.suffix not in GRAPH_SUFFIXES)
    return path / GRAPH_FILE if folder else path


def build_folder(path: Path) -> Path:
    """The build folder ``--graph PATH`` names: PATH itself, or the folder of a graph file."""
    return path.parent if path.is_file() or path.suffix in GRAPH_SUFFIXES else path


#: suffixes of graph files, so that ``--graph new/graph.ttl`` means the folder new/
GRAPH_SUFFIXES = frozenset({".ttl", ".nt", ".trig", ".nq", ".jsonld", ".json", ".rdf", ".owl"})
GRAPH_FILE = "graph.ttl"


def graph_option(
    help: str, *, folder: bool = False, aliases: Sequence[str] = ()
) -> Callable[[F], F]:
    """``--graph PATH`` (default ``out``): which build, the same option for every command.

    PATH is a build folder or a graph file. The command gets a graph file (a
    folder's graph.ttl), or with ``folder`` the build folder (a file's folder).
    ``aliases`` are older spellings (``--graph-dir``, ``--out``): they still work
    and are not shown in ``--help``.
    """
    convert = build_folder if folder else graph_file

    def resolve(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
        return None if value is None else convert(value)

    return click.option(
        "--graph",
        *aliases,
        "graph_path",
        cls=AliasedOption,
        hidden_aliases=aliases,
        default=DEFAULT_OUT,
        show_default=True,
        metavar="PATH",
        type=click.Path(path_type=Path),
        callback=resolve,
        help=f"{help} PATH is a build folder or a graph file in it.",
    )


def build_folder_option(*decls: str, help: str, aliases: Sequence[str] = ()) -> Callable[[F], F]:
    """A build folder (default ``out``), under the names ``decls`` (``-o``, ``--out`` ...);
    ``aliases`` also work but are not shown in ``--help``."""
    return click.option(
        *decls,
        *aliases,
        cls=AliasedOption,
        hidden_aliases=aliases,
        default=DEFAULT_OUT,
        show_default=True,
        type=click.Path(path_type=Path),
        help=help,
    )


def format_option(
    choices: Sequence[str], help: str, default: str | None = None
) -> Callable[[F], F]:
    """``-f/--format``, one of ``choices``; the default is shown when there is one."""
    shown: dict[str, Any] = {} if default is None else {"default": default, "show_default": True}
    return click.option("-f", "--format", "fmt", type=click.Choice(choices), help=help, **shown)


def timeout_option(help: str, *, default: float = DEFAULT_TIMEOUT) -> Callable[[F], F]:
    """``--timeout SECONDS`` (default 30, 0 for none)."""
    return click.option(
        "--timeout",
        default=default,
        show_default=True,
        type=click.FloatRange(min=0),
        help=help,
    )


def endpoint_option(help: str, *, required: bool = False) -> Callable[[F], F]:
    """``--endpoint URL``: a SPARQL 1.1 service."""
    return click.option("--endpoint", required=required, metavar="URL", help=help)


def max_answer_option(help: str) -> Callable[[F], F]:
    """``--max-answer-bytes N`` (default 250,000,000, 0 for no cap)."""
    return click.option(
        "--max-answer-bytes",
        default=DEFAULT_ANSWER_BYTES,
        show_default=True,
        type=click.IntRange(min=0),
        metavar="N",
        help=help,
    )


def model_option(help: str) -> Callable[[F], F]:
    """``--model NAME|PATH``: a spaCy pipeline (default: actorgraph's default model)."""
    return click.option("--model", default=None, metavar="NAME|PATH", help=help)


def prune_option(help: str) -> Callable[[F], F]:
    """``--prune``: delete what is no longer among the inputs."""
    return click.option("--prune", is_flag=True, help=help)


def quiet_option(help: str) -> Callable[[F], F]:
    """``-q/--quiet``."""
    return click.option("-q", "--quiet", is_flag=True, help=help)
