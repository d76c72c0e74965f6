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
#: seconds a query, or an HTTP request to a store, may take by default
DEFAULT_TIMEOUT = 30.0

F = TypeVar("F", bound=Callable[..., Any])


def count(n: int, one: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``: a number with its noun; ``many`` for irregular plurals."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def graph_option(help: str) -> Callable[[F], F]:
    """``--graph FILE`` (default ``out/graph.ttl``): the graph file the command reads."""
    return click.option(
        "--graph",
        "graph_path",
        default=DEFAULT_GRAPH,
        show_default=True,
        type=click.Path(path_type=Path),
        help=help,
    )


def build_folder_option(*decls: str, help: str) -> Callable[[F], F]:
    """A build folder (default ``out``), under the names ``decls`` (``-o``, ``--out`` ...)."""
    return click.option(
        *decls, default=DEFAULT_OUT, show_default=True, type=click.Path(path_type=Path), help=help
    )


def format_option(
    choices: Sequence[str], help: str, default: str | None = None
) -> Callable[[F], F]:
    """``-f/--format``, one of ``choices``; the default is shown when there is one."""
    shown: dict[str, Any] = {} if default is None else {"default": default, "show_default": True}
    return click.option("-f", "--format", "fmt", type=click.Choice(choices), help=help, **shown)


def timeout_option(help: str) -> Callable[[F], F]:
    """``--timeout SECONDS`` (default 30, 0 for none)."""
    return click.option(
        "--timeout",
        default=DEFAULT_TIMEOUT,
        show_default=True,
        type=click.FloatRange(min=0),
        help=help,
    )


def endpoint_option(help: str, *, required: bool = False) -> Callable[[F], F]:
    """``--endpoint URL``: a SPARQL 1.1 service."""
    return click.option("--endpoint", required=required, metavar="URL", help=help)


def model_option(help: str) -> Callable[[F], F]:
    """``--model NAME|PATH``: a spaCy pipeline (default: actorgraph's default model)."""
    return click.option("--model", default=None, metavar="NAME|PATH", help=help)


def prune_option(help: str) -> Callable[[F], F]:
    """``--prune``: delete what is no longer among the inputs."""
    return click.option("--prune", is_flag=True, help=help)


def quiet_option(help: str) -> Callable[[F], F]:
    """``-q/--quiet``."""
    return click.option("-q", "--quiet", is_flag=True, help=help)
