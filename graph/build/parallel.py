"""Run the spaCy pipeline outside the building process: worker processes or Dask.

Worker processes (:func:`pool_results`, ``actorgraph build --jobs N``)
    Each worker is a fresh interpreter (a subprocess) that loads the pipeline once and
    then processes tasks of a few dozen articles, sending each result back as soon
    as it is ready.  Workers start only when an article needs the model, one more
    at a time while there is work and fewer than ``jobs`` run.  A task that makes
    no progress for ``timeout`` seconds gets its worker killed; its unfinished
    articles are tried again one by one, and an article that alone runs past the
    bound is reported as skipped (kind ``timeout``).  A worker that dies (killed
    for memory, a crash in native code) is handled the same way, kind ``crash``.
    Workers run in their own session, so Ctrl-C reaches only the building process,
    which stops them; a worker whose parent dies sees its connection close and exits.

Dask (:func:`dask_results`, ``actorgraph build --dask ADDRESS``)
    Tasks of articles go to the workers of a ``dask.distributed`` scheduler.  With a
    time bound (``--article-timeout``), each Dask worker process keeps one worker
    process of the kind above, which loads the pipeline once, and runs its tasks
    there under the same bound and with the same outcomes (``timeout``, ``crash``);
    without one, it loads the pipeline itself (:func:`cached_pipeline`).  Either way
    it runs one task at a time.  Workers need actorgraph and the model installed.

Both give back ``(index, result)`` pairs in completion order; the caller merges
them in input order, so the outputs equal a single-process run's.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import subprocess
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing import Pipe
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, Protocol

from actorgraph.extractors.records import Article, ArticleResult
from actorgraph.graph.read import Skipped

from .nlp import iter_nlp_results

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "PipelineSpec",
    "WorkerError",
    "cached_pipeline",
    "dask_results",
    "pool_results",
    "process_task",
]

Item = tuple[int, Article]
Outcome = tuple[int, ArticleResult | Skipped]

#: worker start-ups in a row that die before loading the model, before giving up
_MAX_FAILED_STARTS = 2
#: seconds to wait for a worker to exit after being told to stop
_STOP_GRACE = 2.0


class Loader(Protocol):
    """What a worker needs to build its pipeline: picklable, with a ``load`` method."""

    @property
    def batch_size(self) -> int: ...

    def load(self) -> Language: ...


@dataclass(frozen=True)
class PipelineSpec:
    """The settings a worker loads its pipeline from (picklable, hashable)."""

    model: str
    gazetteer_paths: tuple[str, ...] = ()
    batch_size: int = 16

    def load(self) -> Language:
        """Load the model with actorgraph's components."""
        from actorgraph.extractors.pipeline import load_pipeline

        return load_pipeline(self.model, gazetteer_paths=self.gazetteer_paths)


class WorkerError(RuntimeError):
    """An NLP worker raised an exception while processing articles."""


def process_task(nlp: Language, loader: Loader, items: list[Item]) -> list[tuple[int, Any]]:
    """Process one task of numbered articles on a loaded pipeline (results lack text)."""
    return list(iter_nlp_results(nlp, items, batch_size=loader.batch_size))


# --------------------------------------------------------------------------- worker side


def worker_entry(fd: int) -> None:
    """Entry point of a worker process (``python -c``): serve the connection on ``fd``.

    The first message is the parent's ``sys.path`` and the second the loader, so a
    loader defined outside actorgraph (a test's) unpickles as in the parent.
    """
    conn = Connection(fd)
    try:
        sys.path[:] = conn.recv()
        loader = conn.recv()
    except (EOFError, OSError):
        return
    _worker_main(loader, conn)


def _worker_main(loader: Loader, conn: Connection) -> None:
    """Body of a worker process: load once, then answer tasks until told to stop."""
    try:
        try:
            nlp = loader.load()
        except Exception as exc:
            conn.send(("load-error", f"{type(exc).__name__}: {exc}"))
            return
        conn.send(("ready",))
        while (task := conn.recv()) is not None:
            _serve(nlp, loader, task, conn)
    except (EOFError, OSError, KeyboardInterrupt):
        return  # the building process is gone or stopping us


def _serve(nlp: Language, loader: Loader, task: list[Item], conn: Connection) -> None:
    try:
        for index, result in iter_nlp_results(nlp, task, batch_size=loader.batch_size):
            conn.send(("result", index, result))
    except (EOFError, OSError):
        raise
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))
        return
    conn.send(("idle",))


# --------------------------------------------------------------------------- parent side


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection
    ready: bool = False
    #: articles of the current task not yet returned, in order
    task: list[Item] = field(default_factory=list)
    #: when the current task last made progress (monotonic seconds)
    since: float = 0.0

    @property
    def busy(self) -> bool:
        return bool(self.task)


def _start(loader: Loader) -> _Worker:
    """Start a worker: a fresh interpreter in its own session (Ctrl-C reaches only us).

    A plain subprocess rather than ``multiprocessing``: the caller's ``__main__``
    is never imported again, so scripts need no ``if __name__ == "__main__"`` guard.
    """
    parent, child = Pipe(duplex=True)
    code = (
        f"from actorgraph.graph.build.parallel import worker_entry; worker_entry({child.fileno()})"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], pass_fds=(child.fileno(),), start_new_session=True
    )
    child.close()
    parent.send(sys.path)
    parent.send(loader)
    return _Worker(process, parent)


def _stop(worker: _Worker, *, kill: bool = False, wait: bool = True) -> None:
    """Stop a worker: ask it to exit (or kill it), then reap it now or in the background."""
    if not kill:
        with contextlib.suppress(OSError, ValueError):
            worker.conn.send(None)
    else:
        worker.process.kill()
    if wait:
        _reap(worker)
    else:  # the build goes on while the interpreter exits
        threading.Thread(target=_reap, args=(worker,), daemon=True).start()


def _reap(worker: _Worker) -> None:
    with contextlib.suppress(subprocess.TimeoutExpired):
        worker.process.wait(_STOP_GRACE)
    if worker.process.poll() is None:
        worker.process.kill()
        worker.process.wait()
    worker.conn.close()


class _Pool:
    """The parent's bookkeeping for :func:`pool_results`."""

    def __init__(
        self,
        loader: Loader,
        items: Iterator[Item],
        *,
        jobs: int,
        timeout: float | None,
        task_articles: int,
    ) -> None:
        self.loader = loader
        self.items: Iterator[Item] = items
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.task_articles = max(1, task_articles)
        self.workers: list[_Worker] = []
        #: tasks read ahead; an article to try again alone is a task of its own
        self.queue: deque[list[Item]] = deque()
        self.more = True
        self.failed_starts = 0
        self.out: deque[Outcome] = deque()

    def _fill(self) -> None:
        """Read tasks ahead so that every worker, running or starting, has one waiting."""
        while self.more and len(self.queue) < self.jobs:
            task = list(itertools.islice(self.items, self.task_articles))
            self.more = len(task) == self.task_articles
            if task:
                self.queue.append(task)

    def assign(self) -> None:
        """Give tasks to idle workers; start workers while tasks wait and room is left."""
        self._fill()
        for worker in self.workers:
            if worker.ready and not worker.busy and self.queue:
                worker.task = self.queue.popleft()
                worker.since = time.monotonic()
                worker.conn.send(worker.task)
        self._fill()
        starting = sum(not w.ready for w in self.workers)
        while len(self.workers) < self.jobs and len(self.queue) > starting:
            self.workers.append(_start(self.loader))
            starting += 1

    def active(self) -> bool:
        return bool(self.queue or self.more or any(w.busy for w in self.workers))

    def step(self) -> None:
        """Wait for messages (or the nearest deadline) and handle them."""
        conns = {w.conn: w for w in self.workers}
        if conns:
            for conn in wait(list(conns), self._wait_time()):
                self._receive(conns[conn])  # type: ignore[index]
        self._check_deadlines()

    def _wait_time(self) -> float | None:
        if self.timeout is None:
            return None
        busy = [w.since + self.timeout for w in self.workers if w.busy]
        return max(0.0, min(busy) - time.monotonic()) if busy else None

    def _receive(self, worker: _Worker) -> None:
        try:
            msg = worker.conn.recv()
        except (EOFError, OSError):
            self._lost(worker, "crash")
            return
        kind = msg[0]
        if kind == "ready":
            worker.ready, self.failed_starts = True, 0
        elif kind == "result":
            worker.task = [it for it in worker.task if it[0] != msg[1]]
            worker.since = time.monotonic()
            self.out.append((msg[1], msg[2]))
        elif kind == "load-error":
            from actorgraph.extractors.pipeline import ModelLoadError

            raise ModelLoadError(msg[1])
        elif kind == "error":
            names = ", ".join(a.name for _, a in worker.task)
            raise WorkerError(f"an NLP worker failed on {names}: {msg[1]}")
        # "idle": the task is done; nothing to do

    def _check_deadlines(self) -> None:
        if self.timeout is None:
            return
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.busy and now - worker.since > self.timeout:
                self._lost(worker, "timeout")

    def _lost(self, worker: _Worker, why: str) -> None:
        """A worker timed out or died: stop it and deal with its unfinished articles."""
        _stop(worker, kill=True)
        self.workers.remove(worker)
        if not worker.ready:
            self.failed_starts += 1
            if self.failed_starts >= _MAX_FAILED_STARTS:
                raise WorkerError(
                    f"NLP worker processes exit while loading the model "
                    f"(exit code {worker.process.returncode}); check memory and the model"
                )
        if len(worker.task) == 1:
            index, art = worker.task[0]
            self.out.append((index, _skipped(art, why, self.timeout)))
            return
        for item in reversed(worker.task):
            self.queue.appendleft([item])

    def run(self, items: Iterator[Item] | None = None) -> Iterator[Outcome]:
        """Process ``items`` (default: those given at creation) and yield the outcomes;
        the workers are left running for the next call."""
        if items is not None:
            self.items, self.more = items, True
        while True:
            self.assign()
            while self.out:
                yield self.out.popleft()
            if not self.active():
                return
            self.step()

    def close(self) -> None:
        for worker in self.workers:
            _stop(worker, kill=worker.busy or not worker.ready, wait=False)
        self.workers = []


def _skipped(art: Article, why: str, timeout: float | None) -> Skipped:
    if why == "timeout":
        reason = (
            f"processing took longer than {timeout:g} s (--article-timeout); "
            "split the file or raise the bound"
        )
    else:
        reason = "the NLP worker process died while processing it (out of memory?)"
    return Skipped(art.path, reason, why)


def pool_results(
    loader: Loader,
    items: Iterator[Item],
    *,
    jobs: int = 1,
    timeout: float | None = None,
    task_articles: int = 32,
    prestart: bool = False,
) -> Iterator[Outcome]:
    """Process numbered articles in ``jobs`` worker processes.

    Args:
        loader: how workers load the pipeline (e.g. :class:`PipelineSpec`).
        items: ``(index, article)`` pairs, read lazily.
        jobs: the most worker processes to run at once.
        timeout: seconds a task may go without progress; None for no bound.
        task_articles: articles per task.
        prestart: start a worker before reading the first article (when one will
            most likely be needed), so the model loads while articles are read.

    Yields:
        ``(index, ArticleResult)`` as results come, or ``(index, Skipped)`` for an
        article that timed out (kind ``timeout``) or killed its worker (``crash``).

    Raises:
        ModelLoadError: a worker cannot load the model.
        WorkerError: a worker raised while processing, or workers keep dying at start.
    """
    pool = _Pool(loader, items, jobs=jobs, timeout=timeout, task_articles=task_articles)
    try:
        if prestart:
            pool.workers.append(_start(loader))
        yield from pool.run()
    finally:
        pool.close()


# --------------------------------------------------------------------------- Dask

#: seconds to wait for the Dask scheduler to answer
DASK_CONNECT_TIMEOUT = 30.0

_PIPELINES: dict[Any, tuple[Language, threading.Lock]] = {}
_PIPELINES_LOCK = threading.Lock()


def cached_pipeline(loader: Loader) -> tuple[Language, threading.Lock]:
    """The pipeline for ``loader`` in this process, loaded on first use, and its lock.

    A pipeline is not safe to use from two threads at once: callers hold the lock.
    """
    with _PIPELINES_LOCK:
        if loader not in _PIPELINES:
            _PIPELINES[loader] = (loader.load(), threading.Lock())
        return _PIPELINES[loader]


def dask_task(
    loader: Loader, items: list[Item], timeout: float | None = None
) -> list[tuple[int, Any]]:
    """A Dask task: process numbered articles on this worker's cached pipeline, or with
    a time bound in this worker's own worker process (see the module doc)."""
    if timeout is None:
        nlp, lock = cached_pipeline(loader)
        with lock:
            return process_task(nlp, loader, items)
    with _BOUNDED_LOCK:
        pool = _BOUNDED.get(loader)
        if pool is None:
            if not _BOUNDED:
                atexit.register(_close_bounded)
            pool = _Pool(loader, iter(()), jobs=1, timeout=timeout, task_articles=len(items))
            _BOUNDED[loader] = pool
        pool.timeout, pool.task_articles = timeout, max(1, len(items))
        try:
            return list(pool.run(iter(items)))
        except BaseException:
            pool.close()
            del _BOUNDED[loader]
            raise


#: per loader, the worker process a Dask worker runs bounded tasks in
_BOUNDED: dict[Any, _Pool] = {}
_BOUNDED_LOCK = threading.Lock()


def _close_bounded() -> None:
    with _BOUNDED_LOCK:
        for pool in _BOUNDED.values():
            pool.close()
        _BOUNDED.clear()


def dask_results(
    address: str,
    loader: Loader,
    items: Iterator[Item],
    *,
    task_articles: int = 32,
    in_flight: int | None = None,
    timeout: float | None = None,
) -> Iterator[Outcome]:
    """Process numbered articles on the workers of the Dask scheduler at ``address``.

    At most ``in_flight`` tasks (default: two per worker thread) are submitted at
    once, so articles stream from disk instead of all being sent up front.  With
    ``timeout``, an article is bounded as in :func:`pool_results` and one past the
    bound comes back as ``Skipped`` (kind ``timeout``).

    Raises:
        InputError: dask.distributed is not installed or the scheduler cannot be reached.
    """
    from actorgraph.graph.errors import InputError

    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError("--dask needs dask.distributed: pip install 'actorgraph[dask]'") from None
    try:
        client = Client(address, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        limit = in_flight or max(2, 2 * sum(client.nthreads().values()))
        tasks = iter(lambda: list(itertools.islice(items, task_articles)), [])
        running = as_completed(loop=client.loop)
        for task in itertools.islice(tasks, limit):
            running.add(client.submit(dask_task, loader, task, timeout, pure=False))
        for future in running:
            yield from future.result()
            future.release()
            nxt = next(tasks, None)
            if nxt is not None:
                running.add(client.submit(dask_task, loader, nxt, timeout, pure=False))
    finally:
        client.close()
