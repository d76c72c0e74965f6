"""Find and read article files robustly: any folder, any encoding, clear skips.

Decoding rules (applied by :func:`read_article`, in this order):

1. A file over ``max_bytes`` is skipped (``too-large``) before it is read.
2. An empty file, or a file whose text is only whitespace, is skipped (``empty``).
3. A file whose first bytes are a known binary signature (PDF, PNG, JPEG, GIF,
   ZIP/docx, gzip, ELF ...) is skipped (``binary``), naming the format.
4. A byte-order mark decides the encoding: UTF-8 (BOM removed), UTF-32 LE/BE,
   UTF-16 LE/BE.  Without a BOM, text where nearly every other byte is NUL is
   tried as BOM-less UTF-16.
5. Otherwise the bytes are judged: NUL bytes are removed when the rest is clearly
   text; the file is binary when more than 2 % of the remaining bytes (and more
   than 3 of them) are C0 control bytes other than tab, newline, carriage return,
   form feed, vertical tab, ``\\x1a`` and ESC.
6. Valid UTF-8 is decoded as UTF-8.  For an HTML file that is not valid UTF-8,
   a ``<meta charset>`` naming a legacy encoding (``windows-1251`` ...) is used.
   Otherwise every valid UTF-8 sequence is decoded as UTF-8 and every byte that
   is not part of one is decoded as cp1252 (the usual source of stray bytes in
   scraped text: Windows curly quotes and dashes); the five bytes cp1252 leaves
   undefined become U+FFFD.  A pure cp1252 file therefore decodes exactly as
   cp1252, and a UTF-8 file with a few cp1252 quotes keeps both intact.
7. Normalisation: ``\\r\\n`` and ``\\r`` become ``\\n``; form feed, vertical tab
   and the separators ``\\x1c``-``\\x1e`` become ``\\n`` (so words are not glued
   together); other C0 controls except ``\\n`` and ``\\t``, and DEL, are removed;
   leading U+FEFF is dropped; the text is put in Unicode NFC.

HTML and Markdown files then have their markup removed (see :func:`html_to_text`
and :func:`markdown_to_text`).  Other legacy encodings without a declaration
(Shift-JIS, KOI8-R ...) are not guessed: they come out as cp1252 mojibake.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import errno
import hashlib
import html
import os
import pathlib
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import NamedTuple

from actorgraph.extractors.records import Article
from actorgraph.graph.errors import InputError

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ArticleSkipped",
    "Skipped",
    "discover",
    "discover_named",
    "html_to_text",
    "iter_articles",
    "markdown_to_text",
    "read_article",
    "split_for_nlp",
]

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
DEFAULT_MAX_BYTES = 50_000_000

_HTML_SUFFIXES = (".html", ".htm")
_MARKDOWN_SUFFIXES = (".md", ".markdown")


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


# --------------------------------------------------------------------------- discover


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
) -> list[tuple[pathlib.Path, str]]:
    """:func:`discover`, with each file's article name.

    The name is the file's path relative to the input folder it was found in
    (``/``-separated; a file given directly: its base name).  Names are unique:
    files that would share one (``siteA/index.html`` and ``siteB/index.html``
    given as two inputs) are named by their paths relative to the folder the
    inputs have in common, so every file keeps its own identity.
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    roots = [pathlib.Path(os.fspath(p)) for p in inputs]
    for root in roots:
        _check_exists(root)
    walk = _Walk(on_skip, follow_links=follow_links)
    for root in roots:
        if root.is_dir():
            walk.folder(root)
        elif root.is_file():
            walk.add(root, root.name)
        else:
            on_skip(Skipped(str(root), _NOT_REGULAR, "unsupported"))
    return list(zip(walk.found, _unique_names(walk.found, walk.names, roots), strict=True))


def _unique_names(
    paths: list[pathlib.Path], names: list[str], roots: list[pathlib.Path]
) -> list[str]:
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

_NOT_REGULAR = "is not a regular file (a FIFO, socket or device); only regular files are read"


class _Walk:
    """State of one :func:`discover` call: files found, folders already walked."""

    def __init__(self, on_skip: Callable[[Skipped], None], *, follow_links: bool = False) -> None:
        self.on_skip = on_skip
        self.follow_links = follow_links
        self.found: list[pathlib.Path] = []
        self.names: list[str] = []
        self._seen_files: set[str] = set()
        self._seen_dirs: dict[tuple[int, int], str] = {}
        self._root = ""
        self._root_real = ""

    def add(self, path: pathlib.Path, name: str) -> None:
        key = os.path.abspath(path)
        if key not in self._seen_files:
            self._seen_files.add(key)
            self.found.append(path)
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
            (ident, self._entries(root))
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
                stack.append((child, self._entries(pathlib.Path(entry.path))))

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

    def _entries(self, folder: pathlib.Path) -> Iterator[os.DirEntry[str]]:
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
        outputs = BUILD_OUTPUT_NAMES if BUILD_MARKER in hidden else frozenset()
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
                self.add(path, pathlib.Path(os.path.relpath(entry.path, self._root)).as_posix())
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


# --------------------------------------------------------------------------- read


def read_article(
    path: pathlib.Path, *, max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None
) -> Article:
    """Read one file into an :class:`Article` (see the module docstring for the rules).

    Args:
        path: the file.  ``.html``/``.htm`` and ``.md``/``.markdown`` files have
            their markup removed; anything else is read as plain text.
        max_bytes: files larger than this are skipped.
        name: the article's name (default: the file name); see :func:`discover_named`.

    Returns:
        The article: ``name`` is ``name`` or the file name, ``path`` is ``str(path)``,
        ``sha256`` the hex digest of the UTF-8 encoded normalised ``text``.

    Raises:
        ArticleSkipped: for every reason the file cannot be used; ``.skipped``
            carries the path, a one-line reason and a ``kind`` code.
    """
    path = pathlib.Path(path)
    data = _read_bytes(path, max_bytes)
    if not data:
        raise _skip(path, "empty", "file is empty (0 bytes); nothing to read")
    magic = _binary_signature(data)
    if magic is not None:
        what, kind = magic
        raise _skip(path, kind, f"looks like {what}, not text; convert it to .txt first")
    suffix = path.suffix.lower()
    declared = _declared_charset(data) if suffix in _HTML_SUFFIXES else None
    text = _normalise(_decode(data, path, declared))
    title = date = None
    if suffix in _HTML_SUFFIXES:
        text, title, date = html_to_text(text)
        text = _normalise(text)
    elif suffix in _MARKDOWN_SUFFIXES:
        text, title, date = markdown_to_text(text)
        text = _normalise(text)
    if not text.strip():
        raise _skip(path, "empty", _empty_reason(suffix))
    return Article(
        name=path.name if name is None else name,
        path=str(path),
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=_clean_field(title),
        date=_clean_field(date),
    )


def _empty_reason(suffix: str) -> str:
    if suffix in _HTML_SUFFIXES:
        return "has no visible text once the HTML markup is removed; check it is the article page"
    if suffix in _MARKDOWN_SUFFIXES:
        return "has no text once the Markdown markup is removed"
    return "contains only whitespace; nothing to read"


def _read_bytes(path: pathlib.Path, max_bytes: int) -> bytes:
    """The file's bytes, after checking it is a regular file within the size limit."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _stat_skip(path, exc) from None
    if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        raise _skip(path, "unsupported", _NOT_REGULAR)
    _check_size(path, st.st_size, max_bytes)
    try:
        with open(path, "rb") as fh:
            _check_size(path, os.fstat(fh.fileno()).st_size, max_bytes)
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise _skip(
            path,
            "unreadable",
            f"cannot read it: {_os_reason(exc)}; check that it is a file you may read",
        ) from None
    _check_size(path, len(data), max_bytes)
    return data


def _stat_skip(path: pathlib.Path, exc: OSError) -> ArticleSkipped:
    if exc.errno == errno.ELOOP:
        return _skip(path, "loop", "is a symbolic link loop; fix or remove the link")
    if exc.errno == errno.ENOENT:
        return _skip(
            path, "unreadable", "does not exist (moved or deleted while reading?); check the path"
        )
    return _skip(
        path,
        "unreadable",
        f"cannot read it: {_os_reason(exc)}; check that it is a file you may read",
    )


def _check_size(path: pathlib.Path, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise _skip(
            path,
            "too-large",
            f"is {size:,} bytes, over the limit of {max_bytes:,} bytes; "
            "split it or raise the limit with --max-bytes",
        )


# --------------------------------------------------------------------------- binary sniffing

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office (.doc/.xls) document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"OggS\x00", "an Ogg audio/video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"wOFF", "a WOFF font"),
    (b"wOF2", "a WOFF2 font"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\x00\x00\x01\x00", "an icon (.ico) image"),
)

_ZIP_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"word/", "a Word (.docx) document"),
    (b"xl/", "an Excel (.xlsx) workbook"),
    (b"ppt/", "a PowerPoint (.pptx) presentation"),
    (b"application/epub+zip", "an EPUB e-book"),
    (b"application/vnd.oasis.opendocument", "an OpenDocument file"),
)


def _binary_signature(data: bytes) -> tuple[str, str] | None:
    """``(what, kind)`` when ``data`` starts like a known non-text format."""
    head = data[:64]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        for marker, what in _ZIP_KINDS:
            if marker in data[:4096]:
                return what, "binary"
        return "a ZIP archive (or a .docx/.xlsx/.odt document)", "binary"
    if head.startswith(b"RIFF") and len(head) >= 12:
        riff = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}
        return riff.get(head[8:12], "a RIFF media file"), "binary"
    if head[4:8] == b"ftyp":
        return "an MP4/QuickTime media file", "binary"
    if head.startswith(b"ID3") and len(head) >= 4 and head[3] in (2, 3, 4):
        return "an MP3 audio file", "binary"
    if re.match(rb"BZh[1-9]1AY&SY", head):
        return "a bzip2 archive", "binary"
    if head.startswith(b"{\\rtf"):
        return "an RTF document", "unsupported"
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what, "binary"
    return None


# Control bytes that never occur in text; tab, LF, CR, FF, VT, SUB (0x1a) and
# ESC are tolerated (and removed later), NUL is counted separately.
_BAD_CONTROLS = bytes(b for b in range(1, 0x20) if b not in b"\t\n\r\x0b\x0c\x1a\x1b")


def _check_text_bytes(data: bytes, path: pathlib.Path) -> None:
    """Raise ``binary`` unless ``data`` (NULs aside) is clearly text."""
    rest = len(data) - data.count(0)
    if not data:
        return
    if rest == 0:
        raise _skip(path, "binary", "contains only NUL bytes, not text; check it is the right file")
    bad = rest - len(data.translate(None, _BAD_CONTROLS + b"\x00"))
    if bad > 3 and bad * 50 > rest:
        raise _skip(
            path,
            "binary",
            f"looks like binary data, not text ({100 * bad / rest:.0f}% control bytes); "
            "convert it to .txt or remove it from the input",
        )


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit on one byte parity only (Latin text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= 0.4 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.4 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


# --------------------------------------------------------------------------- decoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_NOT_CHARSETS = frozenset(
    {
        "iso8859-1", "ascii", "cp1252", "mbcs", "idna", "punycode", "undefined",
        "unicode-escape", "raw-unicode-escape", "palmos",
    }
)  # fmt: skip
_ESCAPED = re.compile("[\udc80-\udcff]+")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def _decode(data: bytes, path: pathlib.Path, declared: str | None) -> str:
    """Bytes to text by the rules in the module docstring."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _decode_with_bom(data[len(bom) :], codec, path)
            if text is not None:
                _check_text_bytes(text.encode("utf-8", "replace"), path)
                return text
    wide = _utf16_without_bom(data)
    if wide is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            pass
        else:
            _check_text_bytes(text.encode("utf-8", "replace"), path)
            return text
    _check_text_bytes(data, path)
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared is not None:
        try:
            return data.decode(declared, "replace")
        except (LookupError, UnicodeError):  # not a text encoding (base64 ...)
            pass
    return _decode_mixed(data)


def _decode_with_bom(body: bytes, codec: str, path: pathlib.Path) -> str | None:
    """Decode the bytes after a BOM; None if the BOM was a false alarm (UTF-32 LE)."""
    if codec == "utf-8":
        return _decode_mixed(body) if body else ""
    try:
        return body.decode(codec)
    except UnicodeDecodeError:
        if codec.startswith("utf-32"):
            return None  # FF FE 00 00 may be a UTF-16 LE BOM followed by U+0000
    text = body.decode(codec, "replace")
    if text.count("\ufffd") * 10 > len(text):
        raise _skip(
            path,
            "decode",
            f"starts with a {codec[:6].upper()} byte-order mark but is not valid "
            f"{codec[:6].upper()}; re-save it as UTF-8",
        )
    return text


def _decode_mixed(data: bytes) -> str:
    """UTF-8 where valid, each remaining byte as cp1252 (undefined bytes -> U+FFFD)."""
    text = data.decode("utf-8", "surrogateescape")
    if not _ESCAPED.search(text):
        return text
    return _ESCAPED.sub(
        lambda m: bytes(ord(c) - 0xDC00 for c in m.group()).decode("cp1252", "replace"), text
    )


def _declared_charset(data: bytes) -> str | None:
    """A legacy codec declared by ``<meta charset>`` in the first 4 KiB, if usable."""
    m = _META_CHARSET.search(data[:4096])
    if m is None:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # UTF-8/16/32 declarations and Latin-1 fall back to the mixed rule (WHATWG
    # treats latin-1 and ascii labels as windows-1252 anyway); codecs that are
    # not character sets (idna, unicode-escape ...) are ignored.
    if name.startswith("utf") or name in _NOT_CHARSETS:
        return None
    return name


_C0 = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_VERTICAL = re.compile("[\x0b\x0c\x1c-\x1e]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _normalise(text: str) -> str:
    """Newlines to ``\\n``, controls removed (``\\n``/``\\t`` kept), NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _VERTICAL.sub("\n", text)
    text = _C0.sub("", text)
    text = _LONE_SURROGATE.sub("\ufffd", text)
    text = text.lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)


_SPACES = re.compile(r"\s+")


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = _SPACES.sub(" ", _normalise(value)).strip()
    return value or None


# --------------------------------------------------------------------------- HTML

_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas"}
)
_HEAD_TAGS = frozenset(
    {"title", "meta", "link", "style", "script", "base", "noscript", "template", "head", "html"}
)
_PARAGRAPH_TAGS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "main", "nav", "aside",
        "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table",
        "figure", "figcaption", "form", "fieldset", "address", "hr", "pre", "details",
        "summary", "body",
    }
)  # fmt: skip
_LINE_TAGS = frozenset({"br", "li", "dt", "dd", "tr", "caption", "option", "legend"})
_CELL_TAGS = frozenset({"td", "th"})
_DATE_META = (("property", "article:published_time"), ("name", "date"))
#: an unfinished construct longer than this at the end is read linearly (see close())
_RETRY_CHARS = 2_000
_TAG_LIKE = re.compile(r"<[^<>]*>?")


class _HTMLText(HTMLParser):
    """Collects visible text, the title, the first h1 and date hints."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] | None = None
        self.h1: list[str] | None = None
        self.meta_dates: dict[tuple[str, str], str] = {}
        self.time_date: str | None = None
        self._skip = 0
        self._head = False
        self._in_title = False
        self._in_h1 = False
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
            return
        if tag in _SKIP_TAGS:
            self._skip += 1
            return
        if self._skip:
            return
        if tag == "time" and self.time_date is None:
            self.time_date = dict(attrs).get("datetime") or None
        if tag == "head":
            self._head = True
        elif tag == "title":
            self._in_title = self.title is None
            if self._in_title:
                self.title = []
        elif tag not in _HEAD_TAGS:
            self._head = self._in_title = False  # body content ends an unclosed head/title
        self._start_block(tag)

    def _start_block(self, tag: str) -> None:
        if tag == "h1" and self.h1 is None:
            self.h1, self._in_h1 = [], True
        if tag == "pre":
            self._pre += 1
        self._block(tag)

    def _block(self, tag: str) -> None:
        if tag in _PARAGRAPH_TAGS:
            self.parts.append("\n\n")
        elif tag in _LINE_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag == "head":
            self._head = False
        elif tag == "title":
            self._in_title = False
        elif tag == "h1":
            self._in_h1 = False
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in _PARAGRAPH_TAGS:
            self._block(tag)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title and self.title is not None:
            self.title.append(data)
            return
        if self._head:
            return
        if self._in_h1 and self.h1 is not None:
            self.h1.append(data)
        self.parts.append(data if self._pre else _SPACES.sub(" ", data))

    def _meta(self, attrs: dict[str, str | None]) -> None:
        content = attrs.get("content")
        if not content:
            return
        for attr, value in _DATE_META:
            if (attrs.get(attr) or "").strip().lower() == value:
                self.meta_dates.setdefault((attr, value), content)

    def parse_html_declaration(self, i: int) -> int:
        # ``<![`` outside foreign content is a bogus comment up to the next ``>`` (HTML5):
        # Word/Outlook's ``<![if mso]>``, ``<![endif]>``, ``<![foo]>``.  html.parser would
        # raise on unknown keywords and everything after would be lost.
        if self.rawdata.startswith("<![", i):
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1
        return super().parse_html_declaration(i)

    def close(self) -> None:
        # What feed() left is an unfinished construct (a tag, comment or quote never
        # closed).  html.parser retries it at every later ``<``, each time scanning to
        # the end: quadratic.  Read a long remainder linearly instead: as text, with
        # anything tag-like removed (script/style content is dropped).
        rest = self.rawdata
        if len(rest) > _RETRY_CHARS:
            self.rawdata = ""
            if self.cdata_elem is None:
                self.handle_data(html.unescape(_TAG_LIKE.sub(" ", rest)))
        super().close()

    @property
    def date(self) -> str | None:
        for key in _DATE_META:
            if key in self.meta_dates:
                return self.meta_dates[key]
        return self.time_date


_MANY_NEWLINES = re.compile(r"\n{3,}")
_LINE_EDGES = re.compile(r"[ \t]*\n[ \t]*")


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Visible text of an HTML page, with its title and publication date.

    Scripts, styles, ``noscript``, ``template``, SVG and the ``head`` (except
    ``<title>``) are dropped; block elements become line breaks (paragraph-like
    ones a blank line); entities are unescaped.

    Returns:
        ``(text, title, date)``: title from ``<title>`` else the first ``<h1>``;
        date from ``<meta property="article:published_time">``, else
        ``<meta name="date">``, else the first ``<time datetime>``.
    """
    parser = _HTMLText()
    # html.parser may still raise on hostile markup; keep what was read up to there.
    with contextlib.suppress(Exception):
        parser.feed(html)
        parser.close()
    text = "".join(parser.parts)
    text = _LINE_EDGES.sub("\n", text)
    text = _MANY_NEWLINES.sub("\n\n", text).strip()
    title = "".join(parser.title or ()).strip() or "".join(parser.h1 or ()).strip() or None
    return text, title, parser.date


# --------------------------------------------------------------------------- Markdown

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
# Every pattern is linear in the line's length: bracket and parenthesis contents
# exclude the bracket that opens them (a run of ``[`` is one failed step each), and
# emphasis spans are at most _SPAN characters (a run of unclosed ``*``/``_``/``**``
# costs at most _SPAN steps each, instead of a scan to the end of the line).
_SPAN = 300
_LABEL = r"[^\[\]\n]{0,1000}"
_TARGET = r"(?:[^()\n]|\([^()\n]{0,1000}\)){0,2000}"  # one level of (...) as in wiki URLs
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"!\[{_LABEL}\](?:\({_TARGET}\)|\[{_LABEL}\])"), ""),
    (re.compile(rf"\[({_LABEL})\]\({_TARGET}\)"), r"\1"),
    (re.compile(r"\[([^\[\]\n]{1,1000})\]\[" + _LABEL + r"\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^<>\s]+)>"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(rf"(\*\*|__)(?=\S)(.{{1,{_SPAN}}}?)(?<=\S)\1"), r"\2"),
    (re.compile(rf"~~(?=\S)(.{{1,{_SPAN}}}?)(?<=\S)~~"), r"\1"),
    (re.compile(rf"(?<![\w*])\*(?=[^\s*])(.{{1,{_SPAN}}}?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(rf"(?<![\w_])_(?=[^\s_])(.{{1,{_SPAN}}}?)(?<=[^\s_])_(?![\w_])"), r"\1"),
)


def markdown_to_text(md: str) -> tuple[str, str | None, str | None]:
    """Markdown lightly stripped to text, with title and date.

    YAML front matter (``---`` ... ``---`` at the top) is dropped and its
    ``title:``/``date:`` kept; heading marks, emphasis, link targets and images
    are removed; fenced code is kept as plain text.

    Returns:
        ``(text, title, date)``: title from the front matter, else the first heading.
    """
    meta, md = _front_matter(md)
    blocks: list[tuple[bool, list[str]]] = []  # (is_code, lines), consecutive runs
    fence: str | None = None
    heading: str | None = None
    previous = ""
    for line in md.split("\n"):
        m = _FENCE.match(line)
        if m is not None and (fence is None or m.group(1)[0] == fence[0]):
            fence = None if fence is not None else m.group(1)
            continue
        if fence is not None:
            _add_line(blocks, line, code=True)
            continue
        text, heading_text = _markdown_line(line, previous)
        previous = line if text is not None else ""
        if heading is None and heading_text:
            heading = _inline(heading_text).strip() or None
        if text is not None:
            _add_line(blocks, text, code=False)
    body = "\n".join(
        "\n".join(lines) if code else _inline("\n".join(lines)) for code, lines in blocks
    )
    return body.strip(), meta.get("title") or heading, meta.get("date")


def _add_line(blocks: list[tuple[bool, list[str]]], line: str, *, code: bool) -> None:
    if blocks and blocks[-1][0] == code:
        blocks[-1][1].append(line)
    else:
        blocks.append((code, [line]))


def _markdown_line(line: str, previous: str) -> tuple[str | None, str | None]:
    """One non-code line without block markup (None: drop it), and heading text if any."""
    if _LINK_DEF.match(line):
        return None, None
    if _SETEXT.match(line):  # underline of the previous line, or a rule
        return None, previous.strip() or None
    atx = _ATX.match(line)
    if atx is not None:
        return atx.group(1) or "", atx.group(1)
    return _QUOTE.sub("", line), None


def _inline(text: str) -> str:
    """Inline markup removed (patterns never cross a line break)."""
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text


_BLOCK = ("", "|", ">", "|-", ">-", "|+", ">+")  # empty, or a YAML block scalar we do not parse
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


def _front_matter(md: str) -> tuple[dict[str, str], str]:
    """Split YAML front matter off ``md``: (``{"title": ..., "date": ...}``, body)."""
    if not md.startswith("---\n"):
        return {}, md
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", md[4:], re.M)
    if end is None:
        return {}, md
    meta: dict[str, str] = {}
    for line in md[4 : 4 + end.start()].split("\n"):
        m = _FRONT_KEY.match(line)
        value = _unquote(m.group(2)) if m is not None else ""
        if m is not None and m.group(1).lower() in ("title", "date") and value not in _BLOCK:
            meta.setdefault(m.group(1).lower(), value)
    return meta, md[4 + end.end() :].lstrip("\n")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


# --------------------------------------------------------------------------- iterate


class _Seen(NamedTuple):
    """Outcome of the first pass for one path: its text hash, or why it is skipped."""

    sha256: str | None
    skipped: Skipped | None


def iter_articles(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    on_skip: Callable[[Skipped], None],
    max_bytes: int = DEFAULT_MAX_BYTES,
    follow_links: bool = False,
) -> Iterator[Article]:
    """Discover and read articles, each distinct text once.

    A first pass reads every file keeping only its text hash; the second reads
    again and yields, so at most one text is in memory at a time.  A text found
    under several names is yielded once (the first in discovery order) with
    ``also_named`` listing the other names; each of those is reported via
    ``on_skip`` (kind ``duplicate``).  Files that cannot be read are reported in
    discovery order, interleaved with the yields.

    Args:
        inputs: files and folders (see :func:`discover`).
        on_skip: called for every file left out.
        max_bytes: per-file size limit (see :func:`read_article`).
        follow_links: see :func:`discover`.

    Raises:
        InputError: an input path does not exist.
    """
    named = discover_named(inputs, on_skip=on_skip, follow_links=follow_links)
    paths = [path for path, _ in named]
    names = [name for _, name in named]
    seen: list[_Seen] = []
    first: dict[str, int] = {}
    others: dict[int, list[str]] = {}
    for index, path in enumerate(paths):
        try:
            sha = read_article(path, max_bytes=max_bytes).sha256
        except ArticleSkipped as exc:
            seen.append(_Seen(None, exc.skipped))
            continue
        seen.append(_Seen(sha, None))
        owner = first.setdefault(sha, index)
        if owner != index:
            others.setdefault(owner, []).append(names[index])
    for index, path in enumerate(paths):
        sha, skipped = seen[index]
        if skipped is not None:
            on_skip(skipped)
            continue
        assert sha is not None
        owner = first[sha]
        if owner != index:
            reason = f"same text as {_show(names[owner])}; kept as a second source"
            on_skip(Skipped(str(path), reason, "duplicate"))
            continue
        try:
            article = read_article(path, max_bytes=max_bytes, name=names[index])
        except ArticleSkipped as exc:  # changed between the two passes
            on_skip(exc.skipped)
            continue
        yield dataclasses.replace(article, also_named=tuple(others.get(index, ())))


# --------------------------------------------------------------------------- split

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*\s+")
_WHITESPACE = re.compile(r"\s+")


def split_for_nlp(text: str, max_chars: int) -> list[tuple[int, str]]:
    """Split ``text`` into ``(offset, chunk)`` pieces of at most ``max_chars``.

    Cuts fall after a paragraph break, else after a sentence end, else after
    whitespace (preferring cuts in the second half of a chunk), else anywhere
    (but never before a combining mark).  ``"".join(chunks) == text`` and
    ``text[offset:offset + len(chunk)] == chunk`` for every chunk.

    Raises:
        ValueError: ``max_chars`` is smaller than 1.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars}")
    chunks: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > max_chars:
        cut = _best_cut(text, start, start + max_chars)
        chunks.append((start, text[start:cut]))
        start = cut
    chunks.append((start, text[start:]))
    return chunks


def _best_cut(text: str, start: int, end: int) -> int:
    """Where to end the chunk ``text[start:end]`` (exclusive, > start)."""
    window = text[start:end]
    half = max(len(window) // 2, 1)
    cuts: list[int] = []
    for pattern in (_PARAGRAPH_BREAK, _SENTENCE_END, _WHITESPACE):
        cut = _last_end(pattern, window)
        if cut >= half:
            return start + cut
        cuts.append(cut)
    for cut in cuts:
        if cut > 0:
            return start + cut
    cut = end
    while cut > start + 1 and unicodedata.combining(text[cut]):
        cut -= 1
    return cut


def _last_end(pattern: re.Pattern[str], window: str) -> int:
    last = 0
    for m in pattern.finditer(window):
        last = m.end()
    return last
