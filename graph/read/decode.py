"""A file's bytes to clean text: size and binary checks, encodings, normalisation.

Decoding rules (applied by :func:`~actorgraph.graph.read.articles.read_article`, in this
order):

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

HTML and Markdown files then have their markup removed (see
:func:`~actorgraph.graph.read.markup.html_to_text` and
:func:`~actorgraph.graph.read.markup.markdown_to_text`).  Other legacy encodings without a
declaration (Shift-JIS, KOI8-R ...) are not guessed: they come out as cp1252 mojibake.
"""

from __future__ import annotations

import codecs
import errno
import os
import pathlib
import re
import stat
import unicodedata

from .skipped import _NOT_REGULAR, ArticleSkipped, _os_reason, _skip


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
