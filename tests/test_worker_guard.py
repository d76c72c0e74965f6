"""A worker of :func:`run_isolated` can never leave its caller waiting forever.

A build once hung in CI: its query-store worker spun on the end of a graph file with no
triples (fixed in ``load_in_slices``) and the build, which gives loads no time limit,
waited for it without end.  These tests hold the guards around any such worker: its
caller stops waiting when it ends, however it ends, and it does not outlive its caller.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from actorgraph.graph.errors import QueryError
from actorgraph.graph.sparql.limits import run_isolated

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork, /proc")


def _gone(pid: int) -> bool:
    """Whether a process has ended (a zombie waiting to be reaped has)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def _wait_for(path: Path, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    while not path.exists() or not path.read_text().strip():
        assert time.monotonic() < deadline, f"{path} never written"
        time.sleep(0.05)
    return path.read_text().strip()


def test_a_worker_killed_without_answering_ends_the_wait_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(QueryError, match="without answering"):
        run_isolated(lambda: os.kill(os.getpid(), signal.SIGKILL), timeout=None)
    assert time.monotonic() - started < 10


def test_a_dead_worker_is_noticed_while_a_process_it_started_holds_the_pipe(
    tmp_path: Path,
) -> None:
    """The pipe stays open while the worker's own child runs; its end does not."""
    pid_file = tmp_path / "child.pid"

    def leave_a_child() -> None:
        child = os.fork()
        if child == 0:  # holds the worker's end of the pipe, as a fork does
            time.sleep(60)
            os._exit(0)
        pid_file.write_text(str(child))
        os._exit(3)  # no answer

    started = time.monotonic()
    try:
        with pytest.raises(QueryError, match=r"exit code 3\) without answering"):
            run_isolated(leave_a_child, timeout=None)
        assert time.monotonic() - started < 10  # not the child's 60 s
    finally:
        if pid_file.exists():
            child = int(pid_file.read_text())
            if not _gone(child):
                os.kill(child, signal.SIGKILL)


def test_an_answer_sent_just_before_the_worker_ends_is_read() -> None:
    for _ in range(20):
        assert run_isolated(lambda: "x" * 200_000, timeout=None) == "x" * 200_000


def test_a_worker_does_not_outlive_its_caller(tmp_path: Path) -> None:
    """A caller killed outright (no finally runs in it) takes its worker with it."""
    pid_file = tmp_path / "worker.pid"
    script = textwrap.dedent(
        f"""
        import os, time
        from actorgraph.graph.sparql.limits import run_isolated

        def spin():
            with open({str(pid_file)!r}, "w") as fh:
                fh.write(str(os.getpid()))
            while True:
                time.sleep(0.1)

        run_isolated(spin, timeout=None)
        """
    )
    caller = subprocess.Popen([sys.executable, "-c", script])
    try:
        worker = int(_wait_for(pid_file))
        caller.kill()
        caller.wait(10)
        deadline = time.monotonic() + 10
        while not _gone(worker):
            assert time.monotonic() < deadline, "the worker outlived its caller"
            time.sleep(0.05)
    finally:
        if caller.poll() is None:
            caller.kill()
            caller.wait()
        if pid_file.exists() and pid_file.read_text().strip():
            worker = int(pid_file.read_text())
            if not _gone(worker):
                os.kill(worker, signal.SIGKILL)
