"""A wall-clock bound on reading one file (``--article-timeout`` covers reading too).

Reading, decoding and stripping markup are linear in a file's size, and the size
is bounded by ``--max-bytes``; this bound is the second line of defence, for a
pattern that turns out slow on some input nobody thought of.  It is a
``SIGALRM`` timer: Python code (``html.parser``) and regular expressions (which
check for signals as they run) are interrupted at the deadline; the steps that
cannot be (decoding, NFC, hashing) are single linear passes.

The timer is used only in the main thread and only when no other ``ITIMER_REAL``
timer is running (a test runner's, the caller's own): elsewhere reading runs
unbounded, exactly as before.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

__all__ = ["OutOfTime", "time_bound"]


class OutOfTime(BaseException):
    """The bound ran out (a BaseException: ``except Exception`` must not swallow it)."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise OutOfTime


def _usable() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


@contextlib.contextmanager
def time_bound(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OutOfTime` in the body once ``seconds`` have passed (None: no bound).

    Callers catch :class:`OutOfTime` *outside* the ``with``: the timer may go off
    while the bound is being taken down.
    """
    if not seconds or seconds <= 0 or not _usable():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
