"""Write build outputs so that a failed or killed build never damages earlier ones.

* :class:`OutputTransaction` stages every output in a hidden folder inside the
  output folder (same filesystem) and switches them in only on
  :meth:`~OutputTransaction.commit`, all together with one rename: the staged
  folder becomes a *generation* (``OUT/.actorgraph-gen/<id>/``), the pointer
  ``OUT/.actorgraph-current`` (a symbolic link) is renamed onto it, and each
  output ``OUT/graph.ttl`` is a link ``.actorgraph-current/graph.ttl`` that never
  changes.  A reader (or a kill at any moment) therefore sees the old set or the
  new set, never a mix and never a half-written file.
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

__all__ = ["LOCK_NAME", "OutputTransaction", "atomic_write_text", "build_lock", "output_set"]

LOCK_NAME = ".actorgraph.lock"
_STAGING_PREFIX = ".actorgraph-staging-"
_RESERVED = ".actorgraph"
#: folder of output generations, and the link to the current one
GENERATIONS = ".actorgraph-gen"
CURRENT = ".actorgraph-current"


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
    killed process of this host are removed by the next transaction.  The set
    switches with one rename (see the module doc), so even a crash in the middle
    of :meth:`commit` leaves the old set or the new one, never a mix.
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
        """Fsync every staged file, then switch the whole set in with one rename.

        Files of the previous set that were not staged again stay as they were.

        Raises:
            OutputError: a staged file was never written, a destination is a
                folder, or the disk refused; the previous set is then still the
                one in place.
        """
        staging = self._open_staging()
        self._check_ready()
        try:
            for staged in self._staged.values():
                _fsync_file(staged)
            _switch(self.out_dir, staging, sorted(self._staged))
        except OSError as exc:
            raise OutputError(
                f"cannot write outputs to '{self.out_dir}': {_why(exc)}; the previous "
                "outputs are unchanged; check free space and permissions, then build again"
            ) from None
        self._staging = None  # the staging folder is now the current generation
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


# --------------------------------------------------------------------------- generations


def _link_target(rel: pathlib.PurePosixPath) -> str:
    """What ``OUT/rel`` links to: the same name in the current generation (relative)."""
    return "/".join([".."] * (len(rel.parts) - 1) + [CURRENT, *rel.parts])


def _current_generation(out_dir: pathlib.Path) -> pathlib.Path | None:
    pointer = out_dir / CURRENT
    if not pointer.is_symlink() or not pointer.resolve().is_dir():
        return None
    return out_dir / GENERATIONS / os.path.basename(os.readlink(pointer))


def _point(out_dir: pathlib.Path, generation: pathlib.Path) -> None:
    """Make ``OUT/.actorgraph-current`` lead to ``generation``: one atomic rename."""
    pointer = out_dir / CURRENT
    if pointer.exists() and not pointer.is_symlink():
        # a copy of the output folder made without keeping links: a plain folder or file
        # here that no output leads through (they are plain copies too)
        if pointer.is_dir():
            shutil.rmtree(pointer)
        else:
            pointer.unlink()
    tmp = out_dir / f"{CURRENT}.{secrets.token_hex(6)}.tmp"
    os.symlink(f"{GENERATIONS}/{generation.name}", tmp)
    try:
        os.replace(tmp, out_dir / CURRENT)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(out_dir)


def _link_or_copy(src: pathlib.Path, dest: pathlib.Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def _files(folder: pathlib.Path) -> list[pathlib.PurePosixPath]:
    return sorted(
        pathlib.PurePosixPath(p.relative_to(folder).as_posix())
        for p in folder.rglob("*")
        if p.is_file()
    )


def _switch(
    out_dir: pathlib.Path, staging: pathlib.Path, names: list[pathlib.PurePosixPath]
) -> None:
    """Put the staged files in place as the new current generation (see the module doc)."""
    gens = out_dir / GENERATIONS
    gens.mkdir(exist_ok=True)
    current = _current_generation(out_dir)
    unlinked = [rel for rel in names if not _is_output_link(out_dir, rel)]
    if unlinked:
        # First switch to a copy of what readers see now, with every output a link into it:
        # the outputs' contents do not change on the way, so a kill here changes nothing.
        carry = pathlib.Path(tempfile.mkdtemp(prefix="carry-", dir=gens))
        if current is not None:
            for rel in _files(current):
                _link_or_copy(current.joinpath(*rel.parts), carry.joinpath(*rel.parts))
        for rel in unlinked:
            dest = out_dir.joinpath(*rel.parts)
            if dest.is_file():
                with contextlib.suppress(FileNotFoundError):
                    carry.joinpath(*rel.parts).unlink()
                _link_or_copy(dest, carry.joinpath(*rel.parts))
        _point(out_dir, carry)
        current = carry
        for rel in unlinked:
            dest = out_dir.joinpath(*rel.parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(6)}.tmp")
            os.symlink(_link_target(rel), tmp)
            os.replace(tmp, dest)
            _fsync_dir(dest.parent)
    generation = gens / staging.name.replace(_STAGING_PREFIX, "gen-", 1)
    if current is not None:  # outputs of the previous set that were not staged again
        staged = set(names)
        for rel in _files(current):
            if rel not in staged:
                _link_or_copy(current.joinpath(*rel.parts), staging.joinpath(*rel.parts))
    os.rename(staging, generation)
    _fsync_dir(gens)
    _point(out_dir, generation)  # the switch
    _remove_old_generations(out_dir)


def _is_output_link(out_dir: pathlib.Path, rel: pathlib.PurePosixPath) -> bool:
    dest = out_dir.joinpath(*rel.parts)
    try:
        return dest.is_symlink() and os.readlink(dest) == _link_target(rel)
    except OSError:
        return False


def _remove_old_generations(out_dir: pathlib.Path) -> None:
    """Delete every generation but the current one (old sets, leftovers of killed builds)."""
    current = _current_generation(out_dir)
    with contextlib.suppress(OSError), os.scandir(out_dir / GENERATIONS) as it:
        for entry in it:
            if current is None or entry.name != current.name:
                shutil.rmtree(entry.path, ignore_errors=True)


def output_set(out_dir: pathlib.Path) -> pathlib.Path:
    """The folder holding one consistent set of a build's outputs.

    The current generation when there is one (read every file of a set from it, so
    a build switching sets meanwhile cannot mix them), else ``out_dir`` itself.
    """
    current = _current_generation(pathlib.Path(out_dir))
    return current if current is not None else pathlib.Path(out_dir)


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
