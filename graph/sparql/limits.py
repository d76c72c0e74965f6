"""Queries run in a worker process that is stopped at its time limit or memory cap.

rdflib has no timeout of its own and threads cannot be killed, so a local query
runs in a forked worker (:func:`run_isolated`) that inherits the parsed graph.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from actorgraph.graph.errors import ActorGraphError, QueryError

__all__ = [
    "DEFAULT_TIMEOUT",
    "PUSH_TIMEOUT",
    "QUERY_MEMORY",
    "memory_message",
    "run_isolated",
    "timeout_message",
]

T = TypeVar("T")

#: seconds a query may run unless told otherwise
DEFAULT_TIMEOUT = 30.0
#: seconds a whole push (every request together) may take unless told otherwise
PUSH_TIMEOUT = 600.0


def timeout_message(seconds: float) -> str:
    """The one-line message of a query that ran out of time."""
    shown = f"{seconds:g}"
    return f"query timed out after {shown} s; narrow it or raise --timeout"


#: memory a query worker may take beyond what it starts with (the parsed graph)
QUERY_MEMORY = 2 * 1024**3


def memory_message() -> str:
    """The one-line message of a query that ran out of memory."""
    return (
        f"query needed more than {QUERY_MEMORY / 1024**3:g} GB of memory and was stopped; "
        "narrow it or use --limit"
    )


def run_isolated(
    fn: Callable[[], T], *, timeout: float | None, memory: int | None = None, fresh: bool = False
) -> T:
    """Run ``fn`` in a forked worker process and return its result.

    The worker inherits everything already in memory (the parsed graph), so
    nothing is re-read; it is killed when ``timeout`` seconds pass, and with
    ``memory`` it may allocate at most that many bytes more than it starts with
    (``RLIMIT_DATA``; going over raises MemoryError in it). Where ``fork`` is not
    available the work runs in a daemon thread instead.

    With ``fresh`` the worker is a new interpreter instead (``spawn``: ``fn`` must be
    picklable, a module-level function or a ``functools.partial`` of one), which holds
    none of this process's memory: for long work started from a process that holds a
    lot (a forked worker shares those pages, and is counted with them).

    Raises:
        QueryError: the time ran out, or the worker died without answering.
        ActorGraphError: whatever ``fn`` raised (passed back from the worker).
    """
    try:
        ctx = multiprocessing.get_context("spawn") if fresh else multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - Windows
        return _run_in_thread(fn, timeout)
    receiver, sender = ctx.Pipe(duplex=False)
    # a fresh worker may start workers of its own, which a daemon process may not
    proc = ctx.Process(
        target=_worker_main, args=(fn, sender, memory, fresh, os.getpid()), daemon=not fresh
    )
    proc.start()
    sender.close()
    try:
        status, payload = _answer(receiver, proc, timeout)
    finally:
        receiver.close()
        if proc.is_alive():
            proc.kill()
        proc.join()
    if status == "error":
        raise payload
    result: T = payload
    return result


def _answer(receiver: Any, proc: Any, timeout: float | None) -> tuple[str, Any]:
    """The worker's ``(status, payload)``, waited for at most ``timeout`` seconds and never
    longer than the worker lives.

    Waiting on the pipe alone is not enough: a worker that ends without answering closes
    its end of the pipe, but a process it started holds a copy of that end (a fork
    inherits it, and the worker's sentinel too) and keeps the pipe open as long as it
    runs.  So the wait on the pipe is cut into short spells, and between them the
    worker's exit is asked of the system (``waitpid``).

    Raises:
        QueryError: the time ran out, or the worker ended without answering.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        spell = _SPELL if deadline is None else min(_SPELL, deadline - time.monotonic())
        if receiver.poll(max(spell, 0.0)):  # an answer, or the end of the pipe
            break
        if not proc.is_alive():
            # an answer sent before the worker ended would be in the pipe already
            if receiver.poll(0):
                break
            return _no_answer(proc)
        if deadline is not None and time.monotonic() >= deadline:
            raise QueryError(timeout_message(timeout or 0))
    try:
        answer: tuple[str, Any] = receiver.recv()
    except EOFError:
        return _no_answer(proc)
    return answer


#: seconds between two looks at whether a worker still runs while its answer is awaited
_SPELL = 0.25


def _no_answer(proc: Any) -> NoReturn:
    proc.join(5)
    raise QueryError(
        f"the query worker stopped (exit code {proc.exitcode}) without answering; "
        "it may have run out of memory: narrow the query"
    )


def _worker_main(
    fn: Callable[[], Any],
    sender: Any,
    memory: int | None = None,
    fresh: bool = False,
    parent: int | None = None,
) -> None:
    """Body of the worker process: run, send ``(status, payload)`` back.

    A forked worker leaves Ctrl-C to the parent, which kills it; a fresh one (which may
    have forked workers of its own) stops on it, and so stops those first.  A worker
    is killed when the process that started it (``parent``, its process id) ends, so
    that none is left running with nobody waiting for it.
    """
    _die_with_parent(parent)
    if not fresh:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory is not None:
        # Oxigraph (Rust) aborts when an allocation fails; with RUST_BACKTRACE set it first
        # tries to print a backtrace, which can hang with no memory left: abort at once
        os.environ["RUST_BACKTRACE"] = "0"
        _cap_memory(memory)
    try:
        message: tuple[str, Any] = ("ok", fn())
    except KeyboardInterrupt:
        return  # (a fresh worker) the parent is stopping too
    except ActorGraphError as exc:
        message = ("error", exc)
    except MemoryError:
        message = ("error", QueryError(memory_message()))
    except Exception as exc:
        message = ("error", QueryError(f"query failed: {_first_line(exc)}"))
    try:
        sender.send(message)
    except Exception as exc:
        sender.send(("error", QueryError(f"query result cannot be passed back: {exc}")))
    sender.close()


def _die_with_parent(parent: int | None) -> None:
    """Have the kernel kill this process when its parent ends (best effort, Linux)."""
    if parent is None or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl
        return
    if os.getppid() != parent:  # it ended before the request was made
        os._exit(1)


#: prctl(2) option: the signal this process gets when its parent ends
_PR_SET_PDEATHSIG = 1


def _cap_memory(extra: int) -> None:
    """Let this process allocate at most ``extra`` bytes more (best effort, Linux)."""
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as fh:
            kib = next(int(line.split()[1]) for line in fh if line.startswith("VmData:"))
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        cap = kib * 1024 + extra
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    except (ImportError, OSError, ValueError, StopIteration):
        pass


def _run_in_thread(fn: Callable[[], T], timeout: float | None) -> T:  # pragma: no cover
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["ok"] = fn()
        except BaseException as exc:
            box["error"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryError(timeout_message(timeout or 0))
    if "error" in box:
        raise box["error"]
    result: T = box["ok"]
    return result


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
