"""Which files are articles: input folders walked safely (links, loops, a build's outputs)."""

from __future__ import annotations

import errno
import os
import pathlib
from array import array
from collections.abc import Callable, Iterator, Sequence

from actorgraph.graph.errors import InputError

from .skipped import _NOT_REGULAR, Skipped, _os_reason, _show

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")


def discover(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    on_skip: Callable[[Skipped], None],
    follow_links: bool = False,
) -> list[pathlib.Path]:
    """List the article files named by ``inputs``.

    Files named directly are taken whatever their suffix.  Folders are walked
    recursively for :data:`SUPPORTED_SUFFIXES` (case-insensitive) in sorted
    order, following symbolic links that stay inside the folder; a link that
    leads out of it is reported (kind ``outside``) and not followed unless
    ``follow_links``.  A link back to one of its own parent folders is reported
    once (kind ``loop``) and not followed, and a folder reached a second time is
    read only once.  Names starting with ``.`` are ignored inside folders, and so
    are the outputs of a build (``graph.html`` ...) in a folder that holds a
    build's lock file: outputs are never inputs.  The same file named twice is
    listed once.

    Args:
        inputs: files and folders, as the user gave them.
        on_skip: called for every entry that is left out, with the reason.
        follow_links: also follow links that lead out of an input folder.

    Returns:
        The files to read, in a deterministic order.

    Raises:
        InputError: an input path does not exist.
    """
    return [path for path, _ in discover_named(inputs, on_skip=on_skip, follow_links=follow_links)]


def discover_named(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    on_skip: Callable[[Skipped], None],
    follow_links: bool = False,
    out_dir: str | os.PathLike[str] | None = None,
) -> list[tuple[pathlib.Path, str]]:
    """:func:`discover`, with each file's article name.

    The name is the file's path relative to the input folder it was found in
    (``/``-separated; a file given directly: its base name).  Names are unique:
    files that would share one (``siteA/index.html`` and ``siteB/index.html``
    given as two inputs) are named by their paths relative to the folder the
    inputs have in common, so every file keeps its own identity.  ``out_dir``: a
    build's output folder, whose outputs are left out even before its lock file exists.
    """
    paths, names = _walk(inputs, on_skip, follow_links, out_dir)
    return list(zip(map(pathlib.Path, paths), names, strict=True))


def _walk(
    inputs: Sequence[str | os.PathLike[str]],
    on_skip: Callable[[Skipped], None],
    follow_links: bool,
    out_dir: str | os.PathLike[str] | None,
) -> tuple[list[str], list[str]]:
    """The paths (as ``str(Path(...))`` writes them) and unique names of the files found."""
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    roots = [pathlib.Path(os.fspath(p)) for p in inputs]
    for root in roots:
        _check_exists(root)
    # one input: no file can be met twice, and names (paths in it) are unique
    single = len(roots) == 1
    walk = _Walk(on_skip, follow_links=follow_links, out_dir=out_dir, single=single)
    for root in roots:
        if root.is_dir():
            walk.folder(root)
        elif root.is_file():
            walk.add(str(root), root.name)
        else:
            on_skip(Skipped(str(root), _NOT_REGULAR, "unsupported"))
    return walk.found, walk.names if single else _unique_names(walk.found, walk.names, roots)


class Found:
    """What one walk of the inputs found: the files with their article names
    (:func:`discover_named`), and what it left out (``skipped``, in the order it met
    them).  Given in place of the inputs (to :func:`~actorgraph.graph.read.iter_articles`
    or a build), it saves walking the folders again.

    Held compactly, as a build of a million files keeps it throughout: each path once,
    as a string, and a name that ends its path (as almost all do) as where it starts.
    """

    def __init__(self, paths: list[str], names: list[str], skipped: list[Skipped]) -> None:
        self.skipped = skipped
        self._paths = paths
        self._starts = array("I")  # where the name starts in the path; _OWN: in _names
        self._names: dict[int, str] = {}
        for index, (path, name) in enumerate(zip(paths, names, strict=True)):
            start = len(path) - len(name)
            if path.endswith(name) and (start == 0 or path[start - 1] == os.sep):
                self._starts.append(start)
            else:
                self._starts.append(_OWN)
                self._names[index] = name

    def __len__(self) -> int:
        return len(self._paths)

    def path(self, index: int) -> str:
        """The ``index``-th file's path, as ``str(pathlib.Path(...))`` writes it."""
        return self._paths[index]

    def name(self, index: int) -> str:
        """The ``index``-th file's article name (see :func:`discover_named`)."""
        start = self._starts[index]
        return self._names[index] if start == _OWN else self._paths[index][start:]

    @property
    def named(self) -> list[tuple[pathlib.Path, str]]:
        """Every file with its name, as :func:`discover_named` gives them."""
        return [(pathlib.Path(self.path(i)), self.name(i)) for i in range(len(self))]


#: (:class:`Found`) a name kept on its own
_OWN = 2**32 - 1


def walk_inputs(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    follow_links: bool = False,
    out_dir: str | os.PathLike[str] | None = None,
) -> Found:
    """Walk the inputs once (see :func:`discover_named`); the skips are kept, not reported.

    Raises:
        InputError: an input path does not exist.
    """
    skipped: list[Skipped] = []
    paths, names = _walk(inputs, skipped.append, follow_links, out_dir)
    return Found(paths, names, skipped)


def _unique_names(paths: list[str], names: list[str], roots: list[pathlib.Path]) -> list[str]:
    """``names``, with every name that two files share replaced by a longer, unique one."""
    count: dict[str, int] = {}
    for name in names:
        count[name] = count.get(name, 0) + 1
    if all(n == 1 for n in count.values()):
        return names
    bases = [os.path.abspath(r if r.is_dir() else r.parent) for r in roots]
    common = os.path.commonpath(bases) if bases else os.sep
    out = [
        pathlib.Path(os.path.relpath(os.path.abspath(p), common)).as_posix()
        if count[name] > 1
        else name
        for p, name in zip(paths, names, strict=True)
    ]
    if len(set(out)) < len(out):  # still shared (odd roots): absolute paths are unique
        out = [
            os.path.abspath(p) if out.count(n) > 1 else n for p, n in zip(paths, out, strict=True)
        ]
    return out


def _check_exists(path: pathlib.Path) -> None:
    """Raise InputError unless ``path`` can be looked at."""
    try:
        os.stat(path)
    except OSError as exc:
        shown = _show(str(path))
        if exc.errno == errno.ELOOP:
            raise InputError(
                f"input '{shown}' is a symbolic link loop; fix or remove the link"
            ) from None
        if os.path.islink(path):
            raise InputError(
                f"input '{shown}' does not exist (it is a link to '{_show(os.readlink(path))}', "
                "which is missing); fix the link or name another input"
            ) from None
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise InputError(f"input '{shown}' does not exist; check the path") from None
        raise InputError(
            f"input '{shown}' cannot be read: {_os_reason(exc)}; check its permissions"
        ) from None


#: a build's lock file: the folder holding it is a build's output folder
BUILD_MARKER = ".actorgraph.lock"
#: what a build writes there (never read as articles)
BUILD_OUTPUT_NAMES = frozenset(
    {"graph.ttl", "graph.html", "triples.jsonl", "entities.jsonl", "skipped.jsonl"}
)


class _Walk:
    """State of one :func:`discover` call: files found, folders already walked."""

    def __init__(
        self,
        on_skip: Callable[[Skipped], None],
        *,
        follow_links: bool = False,
        out_dir: str | os.PathLike[str] | None = None,
        single: bool = False,
    ) -> None:
        self.on_skip = on_skip
        self.single = single
        self.follow_links = follow_links
        self._out: tuple[int, int] | None = None
        if out_dir is not None:
            try:
                st = os.stat(out_dir)
                self._out = (st.st_dev, st.st_ino)
            except OSError:
                pass  # not there yet: it holds no outputs
        self.found: list[str] = []  # as str(Path(...)) writes them
        self.names: list[str] = []
        self._seen_files: set[str] = set()
        self._seen_dirs: dict[tuple[int, int], str] = {}
        self._root = ""
        self._root_real = ""

    def add(self, path: str, name: str) -> None:
        if not self.single:  # (a million paths would take 150 MB here)
            key = os.path.abspath(path)
            if key in self._seen_files:
                return
            self._seen_files.add(key)
        self.found.append(str(pathlib.Path(path)))  # (normalised: './a' is 'a')
        self.names.append(name)

    def folder(self, root: pathlib.Path) -> None:
        """Walk ``root`` depth-first in name order, without recursion."""
        self._root = str(root)
        self._root_real = os.path.realpath(root)
        ident = self._enter(root, ancestors={})
        if ident is None:
            return
        ancestors = {ident: str(root)}
        stack: list[tuple[tuple[int, int], Iterator[os.DirEntry[str]]]] = [
            (ident, self._entries(root, ident))
        ]
        while stack:
            ident, entries = stack[-1]
            entry = next(entries, None)
            if entry is None:
                stack.pop()
                ancestors.pop(ident, None)
                continue
            child = self._entry(entry, ancestors)
            if child is not None:
                ancestors[child] = entry.path
                stack.append((child, self._entries(pathlib.Path(entry.path), child)))

    def _enter(
        self, path: pathlib.Path, ancestors: dict[tuple[int, int], str]
    ) -> tuple[int, int] | None:
        """The identity of a folder to walk, or None (reported) if it must not be."""
        try:
            st = os.stat(path)
        except OSError as exc:
            self._report_stat_error(path, exc)
            return None
        ident = (st.st_dev, st.st_ino)
        if ident in ancestors:
            self.on_skip(
                Skipped(
                    str(path),
                    f"link leads back to its own parent folder '{_show(ancestors[ident])}' "
                    "(a symbolic link loop); not followed",
                    "loop",
                )
            )
            return None
        first = self._seen_dirs.get(ident)
        if first is not None:
            self.on_skip(
                Skipped(
                    str(path),
                    f"same folder as '{_show(first)}', which is already read; not read twice",
                    "duplicate",
                )
            )
            return None
        self._seen_dirs[ident] = str(path)
        return ident

    def _entries(self, folder: pathlib.Path, ident: tuple[int, int]) -> Iterator[os.DirEntry[str]]:
        try:
            with os.scandir(folder) as it:
                listed = list(it)
        except OSError as exc:
            self.on_skip(
                Skipped(
                    str(folder),
                    f"cannot list folder: {_os_reason(exc)}; check its permissions",
                    "unreadable",
                )
            )
            return iter(())
        hidden = {e.name for e in listed if e.name.startswith(".")}
        built = BUILD_MARKER in hidden or ident == self._out
        outputs = BUILD_OUTPUT_NAMES if built else frozenset()
        entries = [e for e in listed if e.name not in hidden and e.name not in outputs]
        entries.sort(key=lambda e: e.name)
        return iter(entries)

    def _leaves_tree(self, entry: os.DirEntry[str]) -> bool:
        """Whether ``entry`` is a link out of the folder being walked (reported if so)."""
        if self.follow_links or not entry.is_symlink():
            return False
        target = os.path.realpath(entry.path)
        root = self._root_real
        if target == root or target.startswith(root.rstrip(os.sep) + os.sep):
            return False
        self.on_skip(
            Skipped(
                entry.path,
                f"is a symbolic link to '{_show(target)}', outside the input folder "
                f"'{_show(self._root)}'; not followed (--follow-links reads it)",
                "outside",
            )
        )
        return True

    def _entry(
        self, entry: os.DirEntry[str], ancestors: dict[tuple[int, int], str]
    ) -> tuple[int, int] | None:
        """Handle one folder entry; return a folder identity to descend into."""
        path = pathlib.Path(entry.path)
        supported = entry.name.lower().endswith(SUPPORTED_SUFFIXES)
        try:
            if self._leaves_tree(entry):
                return None
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError as exc:  # ELOOP for a link to itself
            self._report_stat_error(path, exc)
            return None
        if is_dir:
            return self._enter(path, ancestors)
        if is_file:
            if supported:
                name = pathlib.Path(os.path.relpath(entry.path, self._root)).as_posix()
                self.add(entry.path, name)
            return None
        if entry.is_symlink():
            try:
                os.stat(path)
            except OSError as exc:
                if exc.errno == errno.ELOOP or supported:
                    self._report_stat_error(path, exc)
                return None
        if supported:
            self.on_skip(Skipped(str(path), _NOT_REGULAR, "unsupported"))
        return None

    def _report_stat_error(self, path: pathlib.Path, exc: OSError) -> None:
        if exc.errno == errno.ELOOP:
            self.on_skip(Skipped(str(path), "is a symbolic link loop; not followed", "loop"))
        elif exc.errno == errno.ENOENT and os.path.islink(path):
            self.on_skip(
                Skipped(
                    str(path),
                    f"is a broken link to '{_show(os.readlink(path))}'; fix or remove the link",
                    "unreadable",
                )
            )
        else:
            self.on_skip(Skipped(str(path), f"cannot open: {_os_reason(exc)}", "unreadable"))
