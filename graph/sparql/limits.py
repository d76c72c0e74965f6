"""Queries run in a worker process that is stopped at its time limit or memory cap.

rdflib has no timeout of its own and threads cannot be killed, so a local query
runs in a forked worker (:func:`run_isolated`) that inherits the parsed graph.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from typing import Any, TypeVar

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


def run_isolated(fn: Callable[[], T], *, timeout: float | None, memory: int | None = None) -> T:
    """Run ``fn`` in a forked worker process and return its result.

    The worker inherits everything already in memory (the parsed graph), so
    nothing is re-read; it is killed when ``timeout`` seconds pass, and with
    ``memory`` it may allocate at most that many bytes more than it starts with
    (``RLIMIT_DATA``; going over raises MemoryError in it). Where ``fork`` is not
    available the work runs in a daemon thread instead.

    Raises:
        QueryError: the time ran out, or the worker died without answering.
        ActorGraphError: whatever ``fn`` raised (passed back from the worker).
    """
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - Windows
        return _run_in_thread(fn, timeout)
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker_main, args=(fn, sender, memory), daemon=True)
    proc.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryError(timeout_message(timeout or 0))
        status, payload = receiver.recv()
    except EOFError:
        proc.join(5)
        raise QueryError(
            f"the query worker stopped (exit code {proc.exitcode}) without answering; "
            "it may have run out of memory: narrow the query"
        ) from None
    finally:
        receiver.close()
        if proc.is_alive():
            proc.kill()
        proc.join()
    if status == "error":
        raise payload
    result: T = payload
    return result


def _worker_main(fn: Callable[[], Any], sender: Any, memory: int | None = None) -> None:
    """Body of the worker process: run, send ``(status, payload)`` back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if memory is not None:
        # Oxigraph (Rust) aborts when an allocation fails; with RUST_BACKTRACE set it first
        # tries to print a backtrace, which can hang with no memory left: abort at once
        os.environ["RUST_BACKTRACE"] = "0"
        _cap_memory(memory)
    try:
        message: tuple[str, Any] = ("ok", fn())
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
