"""What an unusable input file becomes: a :class:`Skipped` record, with a one-line reason."""

from __future__ import annotations

import pathlib
import re
from dataclasses import dataclass

from actorgraph.graph.errors import InputError


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input file that was not used, and why."""

    path: str  #: the file as given/found
    reason: str  #: one line: what is wrong and, where useful, what to do
    kind: str  #: short machine code: ``empty``, ``binary``, ``too-large`` ...


class ArticleSkipped(InputError):
    """A file cannot be used as an article; ``.skipped`` says which and why."""

    def __init__(self, skipped: Skipped) -> None:
        super().__init__(f"skipped '{_show(skipped.path)}': {skipped.reason}")
        self.skipped = skipped

    def __reduce__(self) -> tuple[type[ArticleSkipped], tuple[Skipped]]:
        return (type(self), (self.skipped,))


# --------------------------------------------------------------------------- messages

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _show(text: str) -> str:
    """A file name made safe for a one-line message (controls escaped)."""
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], text)


def _skip(path: pathlib.Path | str, kind: str, reason: str) -> ArticleSkipped:
    return ArticleSkipped(Skipped(str(path), reason, kind))


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


_NOT_REGULAR = "is not a regular file (a FIFO, socket or device); only regular files are read"
