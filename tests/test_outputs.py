"""Tests for actorgraph.graph.outputs: staged commits, atomic writes, the build lock."""

from __future__ import annotations

import errno
import os
import pathlib
import signal
import subprocess
import sys
import textwrap

import pytest

from actorgraph.graph.errors import OutputError
from actorgraph.graph.outputs import (
    CURRENT,
    GENERATIONS,
    LOCK_NAME,
    OutputTransaction,
    atomic_write_text,
    build_lock,
    output_set,
)

OLD = {"graph.ttl": "@prefix old: <x:> .\n" * 100, "triples.jsonl": '{"old": true}\n' * 100}


def visible(out_dir: pathlib.Path) -> dict[str, str]:
    """Non-hidden files of ``out_dir`` and their text."""
    return {
        p.relative_to(out_dir).as_posix(): p.read_text()
        for p in sorted(out_dir.rglob("*"))
        if p.is_file() and not p.relative_to(out_dir).as_posix().startswith(".")
    }


def hidden(out_dir: pathlib.Path) -> list[str]:
    """Hidden entries other than the current set of outputs (its generation and pointer)."""
    gens = out_dir / GENERATIONS
    extra = [p.name for p in gens.iterdir()] if gens.is_dir() else []
    assert len(extra) <= 1, f"old generations left: {extra}"
    keep = {GENERATIONS, CURRENT}
    return sorted(
        p.name for p in out_dir.iterdir() if p.name.startswith(".") and p.name not in keep
    )


def make_previous(out_dir: pathlib.Path) -> None:
    with OutputTransaction(out_dir) as tx:
        for name, text in OLD.items():
            tx.path(name).write_text(text)
        tx.commit()


def run_python(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


# --------------------------------------------------------------------------- transaction


def test_commit_puts_files_in_place(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "deep" / "out"  # parents are created
    with OutputTransaction(out) as tx:
        staged = tx.path("graph.ttl")
        assert staged.parent != out and staged.parent.parent == out
        staged.write_text("new graph")
        tx.path("lib/vis.js").write_text("js")
        assert visible(out) == {}  # nothing visible before commit
        tx.commit()
    assert visible(out) == {"graph.ttl": "new graph", "lib/vis.js": "js"}
    assert hidden(out) == []  # staging folder removed


def test_commit_replaces_previous_outputs(tmp_path: pathlib.Path) -> None:
    make_previous(tmp_path)
    with OutputTransaction(tmp_path) as tx:
        tx.path("graph.ttl").write_text("v2")
        tx.commit()
    assert visible(tmp_path) == {"graph.ttl": "v2", "triples.jsonl": OLD["triples.jsonl"]}


def test_exception_leaves_previous_outputs_untouched(tmp_path: pathlib.Path) -> None:
    make_previous(tmp_path)
    with pytest.raises(RuntimeError, match="boom"), OutputTransaction(tmp_path) as tx:
        tx.path("graph.ttl").write_text("half")
        raise RuntimeError("boom")
    assert visible(tmp_path) == OLD
    assert hidden(tmp_path) == []


def test_no_commit_leaves_previous_outputs_untouched(tmp_path: pathlib.Path) -> None:
    make_previous(tmp_path)
    with OutputTransaction(tmp_path) as tx:
        tx.path("graph.ttl").write_text("never committed")
    assert visible(tmp_path) == OLD
    assert hidden(tmp_path) == []


def test_unwritten_output_refuses_commit_and_replaces_nothing(tmp_path: pathlib.Path) -> None:
    make_previous(tmp_path)
    with (
        pytest.raises(OutputError, match=r"'triples\.jsonl' was never written"),
        OutputTransaction(tmp_path) as tx,
    ):
        tx.path("graph.ttl").write_text("new")
        tx.path("triples.jsonl")
        tx.commit()
    assert visible(tmp_path) == OLD


def test_destination_folder_refuses_commit(tmp_path: pathlib.Path) -> None:
    (tmp_path / "graph.ttl").mkdir()
    with pytest.raises(OutputError, match="it is a folder"), OutputTransaction(tmp_path) as tx:
        tx.path("a.txt").write_text("a")
        tx.path("graph.ttl").write_text("g")
        tx.commit()
    assert not (tmp_path / "a.txt").exists()


@pytest.mark.parametrize("name", ["", "/abs", "../up", "a/../b", "a//b", ".actorgraph.lock"])
def test_bad_output_names(tmp_path: pathlib.Path, name: str) -> None:
    with OutputTransaction(tmp_path) as tx, pytest.raises(ValueError, match="output name"):
        tx.path(name)


def test_use_outside_block_is_an_error(tmp_path: pathlib.Path) -> None:
    tx = OutputTransaction(tmp_path)
    with pytest.raises(RuntimeError):
        tx.path("a.txt")
    with tx:
        tx.path("a.txt").write_text("a")
        tx.commit()
        with pytest.raises(RuntimeError):
            tx.commit()


def test_out_dir_is_a_file(tmp_path: pathlib.Path) -> None:
    target = tmp_path / "out"
    target.write_text("I am a file")
    with pytest.raises(OutputError, match=r"'.*out' exists and is not a folder.*-o"):
        OutputTransaction(target).__enter__()
    assert target.read_text() == "I am a file"


def test_out_dir_under_a_file(tmp_path: pathlib.Path) -> None:
    (tmp_path / "file").write_text("x")
    with (
        pytest.raises(OutputError, match="cannot create output folder"),
        OutputTransaction(tmp_path / "file" / "out"),
    ):
        pass


def test_out_dir_not_writable(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkdtemp", refuse)
    with (
        pytest.raises(OutputError, match=r"cannot write to output folder .*Permission denied"),
        OutputTransaction(tmp_path),
    ):
        pass


CRASH = """
import os, pathlib, signal, sys
from actorgraph.graph.outputs import OutputTransaction
out = pathlib.Path(sys.argv[1])
with OutputTransaction(out) as tx:
    tx.path("graph.ttl").write_text("NEW COMPLETE FILE\\n")
    with open(tx.path("triples.jsonl"), "w") as fh:
        fh.write('{"half": ')
        fh.flush()
        print("staged", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
"""


def test_killed_build_leaves_previous_outputs_intact(tmp_path: pathlib.Path) -> None:
    make_previous(tmp_path)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    proc = run_python(CRASH, str(tmp_path))
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert proc.stdout.strip() == "staged"
    assert visible(tmp_path) == OLD
    assert {n: tmp_path.joinpath(n).stat().st_mtime_ns for n in OLD} == {n: before[n] for n in OLD}
    leftovers = [n for n in hidden(tmp_path) if n.startswith(".actorgraph-staging-")]
    assert len(leftovers) == 1  # the killed process could not clean up ...
    with OutputTransaction(tmp_path) as tx:  # ... the next transaction does
        assert hidden(tmp_path) == [tx.path("x").parent.name]
    assert hidden(tmp_path) == []
    assert visible(tmp_path) == OLD


def test_os_exit_before_commit_leaves_previous_outputs_intact(tmp_path: pathlib.Path) -> None:
    make_previous(tmp_path)
    code = CRASH.replace("os.kill(os.getpid(), signal.SIGKILL)", "os._exit(3)")
    proc = run_python(code, str(tmp_path))
    assert proc.returncode == 3, proc.stderr
    assert visible(tmp_path) == OLD


# --------------------------------------------------------------------------- atomic_write_text


def test_atomic_write_text_writes_and_replaces(tmp_path: pathlib.Path) -> None:
    target = tmp_path / "report.txt"
    atomic_write_text(target, "first ✓")
    assert target.read_text(encoding="utf-8") == "first ✓"
    target.chmod(0o640)
    atomic_write_text(target, "second")
    assert target.read_text() == "second"
    assert target.stat().st_mode & 0o777 == 0o640  # permissions kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_atomic_write_text_new_file_is_not_private(tmp_path: pathlib.Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644


def test_atomic_write_text_failure_keeps_old_content(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old")

    def no_space(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OutputError, match=r"report.txt.*No space left.*unchanged"):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_atomic_write_text_missing_folder(tmp_path: pathlib.Path) -> None:
    with pytest.raises(OutputError, match=r"cannot write '.*nope/a.txt'.*folder exists"):
        atomic_write_text(tmp_path / "nope" / "a.txt", "x")


# --------------------------------------------------------------------------- build_lock

TRY_LOCK = """
import sys, pathlib
from actorgraph.graph.errors import OutputError
from actorgraph.graph.outputs import build_lock
try:
    with build_lock(pathlib.Path(sys.argv[1])):
        print("acquired")
except OutputError as exc:
    print(f"refused: {exc}")
"""

HOLD_LOCK = """
import sys, pathlib, time
from actorgraph.graph.outputs import build_lock
with build_lock(pathlib.Path(sys.argv[1])):
    print("holding", flush=True)
    time.sleep(120)
"""


def test_second_lock_holder_in_subprocess_is_refused(tmp_path: pathlib.Path) -> None:
    with build_lock(tmp_path):
        proc = run_python(TRY_LOCK, str(tmp_path))
    assert proc.stdout.strip() == (
        f"refused: another actorgraph build is writing to {tmp_path} (pid {os.getpid()}); "
        "wait for it to finish or choose another -o folder"
    ), proc.stderr
    assert run_python(TRY_LOCK, str(tmp_path)).stdout.strip() == "acquired"  # released


def test_lock_held_by_subprocess_refuses_us_until_it_is_killed(tmp_path: pathlib.Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(OutputError, match=rf"\(pid {holder.pid}\)"), build_lock(tmp_path):
            pass
    finally:
        holder.kill()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
    assert (tmp_path / LOCK_NAME).exists()  # stale lock file from a killed process ...
    with build_lock(tmp_path):  # ... does not block
        assert (tmp_path / LOCK_NAME).read_text().strip() == str(os.getpid())


def test_stale_lock_file_does_not_block(tmp_path: pathlib.Path) -> None:
    (tmp_path / LOCK_NAME).write_text("999999\n")
    with build_lock(tmp_path):
        pass
    assert (tmp_path / LOCK_NAME).read_text() == ""


def test_lock_creates_out_dir_and_rejects_files(tmp_path: pathlib.Path) -> None:
    with build_lock(tmp_path / "new" / "out"):
        assert (tmp_path / "new" / "out" / LOCK_NAME).is_file()
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match="not a folder"), build_lock(tmp_path / "f"):
        pass


# --------------------------------------------------------------------------- the switch

KILL_ON_RENAME = """
import os, pathlib, signal, sys
from actorgraph.graph.outputs import OutputTransaction
out, kill_at = pathlib.Path(sys.argv[1]), int(sys.argv[2])
calls = 0
def counting(real):
    def call(*args, **kwargs):
        global calls
        calls += 1
        if calls == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return call
for name in ("replace", "rename", "symlink", "link"):
    setattr(os, name, counting(getattr(os, name)))
with OutputTransaction(out) as tx:
    for name in sys.argv[3:]:
        tx.path(name).write_text("NEW " + name)
    tx.commit()
print("done", calls)
"""

SET = ["entities.jsonl", "graph.html", "graph.ttl", "skipped.jsonl", "triples.jsonl"]


@pytest.mark.parametrize("layout", ["generations", "plain files of an older version"])
def test_kill_at_any_rename_of_commit_leaves_one_whole_set(
    tmp_path: pathlib.Path, layout: str
) -> None:
    """Issue 12 #3: a SIGKILL between the renames left graph.ttl new beside old triples."""
    kill_at = 1
    while kill_at < 40:
        out = tmp_path / f"out{kill_at}"
        if layout == "generations":
            with OutputTransaction(out) as tx:
                for name in SET:
                    tx.path(name).write_text("OLD " + name)
                tx.commit()
        else:
            out.mkdir()
            for name in SET:
                (out / name).write_text("OLD " + name)
        proc = run_python(KILL_ON_RENAME, str(out), str(kill_at), *SET)
        seen = {name: (out / name).read_text() if (out / name).exists() else "" for name in SET}
        versions = {text.split(" ")[0] for text in seen.values()}
        assert versions in ({"OLD"}, {"NEW"}), (kill_at, seen)
        if proc.returncode == 0:  # got past the last rename: the new set is in place
            assert versions == {"NEW"}
            assert hidden(out) == []
            break
        assert proc.returncode == -signal.SIGKILL, proc.stderr
        kill_at += 1
    assert kill_at > 3  # the kill did land inside the commit several times


def test_outputs_not_restaged_are_kept(tmp_path: pathlib.Path) -> None:
    make_previous(tmp_path)
    with OutputTransaction(tmp_path) as tx:
        tx.path("graph.ttl").write_text("v2")
        tx.commit()
    with OutputTransaction(tmp_path) as tx:
        tx.path("graph.ttl").write_text("v3")
        tx.commit()
    assert visible(tmp_path) == {"graph.ttl": "v3", "triples.jsonl": OLD["triples.jsonl"]}
    assert output_set(tmp_path) != tmp_path
    assert (output_set(tmp_path) / "graph.ttl").read_text() == "v3"


def test_disk_full_during_commit_keeps_previous_set(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_previous(tmp_path)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("os.rename", full)
    with (
        pytest.raises(OutputError, match=r"No space left.*previous outputs are unchanged"),
        OutputTransaction(tmp_path) as tx,
    ):
        tx.path("graph.ttl").write_text("new")
        tx.commit()
    monkeypatch.undo()
    assert visible(tmp_path) == OLD
