"""The ``actorgraph`` group: finds each command's module when it is used, one-line errors."""

from __future__ import annotations

import difflib
import importlib
import sys

import click

from actorgraph.graph.errors import ActorGraphError


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


#: commands living in their own modules (graph/cli/<name>.py, each exposing ``command``),
#: imported only when used so ``actorgraph --help`` stays fast
LAZY_COMMANDS = {
    "build": "build",
    "query": "query",
    "export": "export",
    "validate": "validate",
    "push": "push",
    "view": "view",
    "eval": "eval",
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

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As click's, but a mistyped command name gets the closest ones as a hint."""
        name = click.utils.make_str(args[0]) if args else ""
        if args and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name.lower(), self.list_commands(ctx), n=3)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            ctx.fail(f"no such command '{name}'{hint}")
        return super().resolve_command(ctx, args)


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
