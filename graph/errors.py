"""One exception type per kind of failure, each with a message a user can act on."""

from __future__ import annotations


class ActorGraphError(Exception):
    """Base class: the CLI prints ``error: <message>`` and exits non-zero, no traceback."""

    exit_code = 1


class InputError(ActorGraphError):
    """An input file or folder cannot be used (missing, unreadable, not text ...)."""

    exit_code = 2


class ModelError(ActorGraphError):
    """The spaCy model cannot be loaded."""

    exit_code = 3


class QueryError(ActorGraphError):
    """A SPARQL query is malformed, refused or timed out."""

    exit_code = 4


class OutputError(ActorGraphError):
    """The output folder cannot be written, or is locked by another build."""

    exit_code = 5


class GraphFileError(ActorGraphError):
    """A graph file to read (``graph.ttl`` ...) is missing or does not parse."""

    exit_code = 6
