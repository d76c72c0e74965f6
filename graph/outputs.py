"""Write build outputs so that a failed or killed build never damages earlier ones.

* :class:`OutputTransaction` stages every output in a hidden folder inside the
  output folder (same filesystem) and moves them into place only on
  :meth:`~OutputTransaction.commit`; each file is replaced atomically, so a
  reader sees either the old or the new file, never a half-written one.
* :func:`atomic_write_text` does the same for one file.
* :func:`build_lock` keeps two builds from writing to one folder at a time.
"""

from __future__ import annotations

import contextlib
import errno
import os
import pathlib
import re
import secrets
import shutil
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from actorgraph.graph.errors import OutputError

__all__ = ["LOCK_NAME", "OutputTransaction", "atomic_write_text", "build_lock"]

LOCK_NAME = ".actorgraph.lock"
_STAGING_PREFIX = ".actorgraph-staging-"
_RESERVED = ".actorgraph"


def _ensure_dir(out_dir: pathlib.Path) -> pathlib.Path:
    """Create ``out_dir`` (and parents) if missing; OutputError if impossible."""
    out_dir = pathlib.Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(
            f"output folder '{out_dir}' exists and is not a folder; "
            "remove it or choose another -o folder"
        )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create output folder '{out_dir}': {_why(exc)}; choose another -o folder"
        ) from None
    return out_dir


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _fsync_file(path: pathlib.Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: pathlib.Path) -> None:
    """Persist renames in ``path``; filesystems that cannot fsync folders are tolerated."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES):
            raise
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- one file


def atomic_write_text(path: pathlib.Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically: temp file, fsync, ``os.replace``.

    The temporary file lives in the same folder; it is removed if anything fails,
    and ``path`` then keeps its previous content.  An existing file's permission
    bits are kept; a new file gets the usual umask-based ones.

    Raises:
        OutputError: the file cannot be written (folder missing, read-only, disk full ...).
    """
    path = pathlib.Path(path)
    data = text.encode("utf-8")
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise OutputError(
            f"cannot write '{path}': {_why(exc)}; check that its folder exists and is writable"
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(
                f"cannot write '{path}': {_why(exc)}; its previous content is unchanged; "
                "check free space and permissions"
            ) from None
        raise
    _fsync_dir(path.parent)


# --------------------------------------------------------------------------- transaction


def _host_tag() -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", socket.gethostname())[:40] or "host"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _remove_stale_staging(out_dir: pathlib.Path) -> None:
    """Delete staging folders left by killed builds of this host."""
    host = _host_tag()
    with contextlib.suppress(OSError), os.scandir(out_dir) as it:
        for entry in it:
            if not entry.name.startswith(_STAGING_PREFIX):
                continue
            owner, _, pid_and_rest = entry.name[len(_STAGING_PREFIX) :].partition("-")
            pid = pid_and_rest.partition("-")[0]
            if owner == host and pid.isdigit() and not _pid_alive(int(pid)):
                shutil.rmtree(entry.path, ignore_errors=True)


def _check_name(name: str) -> pathlib.PurePosixPath:
    rel = pathlib.PurePosixPath(name)
    if (
        not name
        or rel.is_absolute()
        or any(part in ("", ".", "..") for part in name.split("/"))
        or rel.parts[0].startswith(_RESERVED)
    ):
        raise ValueError(f"output name {name!r} must be a plain relative file name")
    return rel


class OutputTransaction:
    """Stage output files and put them in place all together, or not at all.

    Usage::

        with OutputTransaction(out_dir) as tx:
            tx.path("graph.ttl").write_text(...)
            tx.commit()

    Leaving the block by an exception, or without :meth:`commit`, deletes the
    staged files and leaves ``out_dir`` as it was.  Staging folders left by a
    killed process of this host are removed by the next transaction.  A crash
    in the middle of :meth:`commit` itself (a handful of renames) can leave some
    files new and some old, but never a partly written file.
    """

    def __init__(self, out_dir: pathlib.Path) -> None:
        self.out_dir = pathlib.Path(out_dir)
        self._staging: pathlib.Path | None = None
        self._staged: dict[pathlib.PurePosixPath, pathlib.Path] = {}

    def __enter__(self) -> OutputTransaction:
        _ensure_dir(self.out_dir)
        _remove_stale_staging(self.out_dir)
        prefix = f"{_STAGING_PREFIX}{_host_tag()}-{os.getpid()}-"
        try:
            self._staging = pathlib.Path(tempfile.mkdtemp(prefix=prefix, dir=self.out_dir))
        except OSError as exc:
            raise OutputError(
                f"cannot write to output folder '{self.out_dir}': {_why(exc)}; "
                "fix its permissions or choose another -o folder"
            ) from None
        self._staged = {}
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._discard()

    def path(self, name: str) -> pathlib.Path:
        """Where to write output ``name`` (relative, ``/``-separated) during the transaction.

        Raises:
            ValueError: ``name`` is absolute, empty, has ``..`` or a reserved name.
            RuntimeError: called outside the ``with`` block or after :meth:`commit`.
        """
        staging = self._open_staging()
        rel = _check_name(name)
        target = staging.joinpath(*rel.parts)
        if len(rel.parts) > 1:
            target.parent.mkdir(parents=True, exist_ok=True)
        self._staged[rel] = target
        return target

    def commit(self) -> None:
        """Fsync every staged file, then ``os.replace`` each into ``out_dir``.

        Raises:
            OutputError: a staged file was never written, a destination is a
                folder, or the disk refused; nothing is replaced when the
                problem is found before the first rename.
        """
        self._open_staging()
        self._check_ready()
        try:
            for staged in self._staged.values():
                _fsync_file(staged)
            parents: set[pathlib.Path] = set()
            for rel, staged in sorted(self._staged.items()):
                dest = self.out_dir.joinpath(*rel.parts)
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, dest)
                parents.add(dest.parent)
            for parent in sorted(parents):
                _fsync_dir(parent)
        except OSError as exc:
            raise OutputError(
                f"cannot write outputs to '{self.out_dir}': {_why(exc)}; "
                "check free space and permissions, then build again"
            ) from None
        self._discard()

    def _check_ready(self) -> None:
        for rel, staged in self._staged.items():
            if not staged.is_file():
                raise OutputError(
                    f"output '{rel}' was never written; nothing in '{self.out_dir}' was replaced"
                )
            dest = self.out_dir.joinpath(*rel.parts)
            if dest.is_dir():
                raise OutputError(
                    f"cannot replace '{dest}': it is a folder; remove it or choose another "
                    "-o folder (nothing was replaced)"
                )

    def _open_staging(self) -> pathlib.Path:
        if self._staging is None:
            raise RuntimeError("OutputTransaction used outside its with-block or after commit()")
        return self._staging

    def _discard(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
        self._staging = None
        self._staged = {}


# --------------------------------------------------------------------------- lock


@contextmanager
def build_lock(out_dir: pathlib.Path) -> Iterator[None]:
    """Hold an exclusive, non-blocking lock on ``out_dir`` for one build.

    Uses ``fcntl.flock`` on ``out_dir/.actorgraph.lock`` (created if missing,
    never deleted), which the kernel releases when the holder exits or is
    killed, so a stale lock file never blocks.  The holder's pid is written
    into the file for the message other builds show.

    Raises:
        OutputError: another process holds the lock, or the folder/lock file
            cannot be created.
    """
    import fcntl  # POSIX only; imported here so the rest of the module works anywhere

    out_dir = _ensure_dir(out_dir)
    fd = _open_lock_file(out_dir / LOCK_NAME)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"another actorgraph build is writing to {out_dir} (pid {_holder(fd)}); "
                "wait for it to finish or choose another -o folder"
            ) from None
        except OSError as exc:
            raise OutputError(
                f"cannot lock output folder '{out_dir}': {_why(exc)}; choose another -o folder"
            ) from None
        _write_pid(fd)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
    finally:
        os.close(fd)


def _open_lock_file(lock_path: pathlib.Path) -> int:
    try:
        return os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except PermissionError:
        with contextlib.suppress(OSError):
            return os.open(lock_path, os.O_RDONLY | os.O_CLOEXEC)
        raise OutputError(
            f"cannot create lock file '{lock_path}': permission denied; "
            "fix the folder's permissions or choose another -o folder"
        ) from None
    except OSError as exc:
        raise OutputError(
            f"cannot create lock file '{lock_path}': {_why(exc)}; choose another -o folder"
        ) from None


def _write_pid(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)


def _holder(fd: int) -> str:
    """The pid recorded by the lock holder, or ``unknown``."""
    try:
        raw = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return "unknown"
    return raw if raw.isdigit() else "unknown"
