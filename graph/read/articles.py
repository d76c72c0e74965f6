"""Find and read article files robustly: any folder, any encoding, clear skips.

A file becomes an :class:`~actorgraph.extractors.records.Article` by the rules of
:mod:`~actorgraph.graph.read.decode` (bytes to text) and
:mod:`~actorgraph.graph.read.markup` (HTML and Markdown to text); folders are walked by
:mod:`~actorgraph.graph.read.walk`.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import pathlib
from collections.abc import Callable, Iterator, Mapping, Sequence

from actorgraph.extractors.records import Article

from .bound import OutOfTime, time_bound
from .decode import (
    _binary_signature,
    _clean_field,
    _declared_charset,
    _decode,
    _normalise,
    _read_bytes,
)
from .markup import html_to_text, markdown_to_text
from .skipped import ArticleSkipped, Skipped, _show, _skip
from .walk import Found, walk_inputs

DEFAULT_MAX_BYTES = 50_000_000
#: longest article text (characters, once decoded and stripped of markup) that is
#: processed: the pipeline reads about 26,000 characters a second, so a 1,000,000-
#: character text takes some 40 s, inside the default ``--article-timeout`` of 60 s,
#: while its results stay a few megabytes; a 30 MB text took 5 GB in the worker
DEFAULT_MAX_CHARS = 1_000_000

_HTML_SUFFIXES = (".html", ".htm")
_MARKDOWN_SUFFIXES = (".md", ".markdown")


# --------------------------------------------------------------------------- read


def read_article(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
    max_chars: int | None = None,
    timeout: float | None = None,
) -> Article:
    """Read one file into an :class:`Article` (the rules: :mod:`~actorgraph.graph.read.decode`).

    Args:
        path: the file.  ``.html``/``.htm`` and ``.md``/``.markdown`` files have
            their markup removed; anything else is read as plain text.
        max_bytes: files larger than this are skipped.
        name: the article's name (default: the file name); see :func:`discover_named`.
        max_chars: texts longer than this (decoded, without markup) are skipped
            (kind ``too-long``) before any parsing; None (the default) for no limit;
            a build uses :data:`DEFAULT_MAX_CHARS`.
        timeout: seconds reading, decoding and stripping may take before the file
            is skipped (kind ``timeout``; see :mod:`~actorgraph.graph.read.bound`).

    Returns:
        The article: ``name`` is ``name`` or the file name, ``path`` is ``str(path)``,
        ``sha256`` the hex digest of the UTF-8 encoded normalised ``text``.

    Raises:
        ArticleSkipped: for every reason the file cannot be used; ``.skipped``
            carries the path, a one-line reason and a ``kind`` code.
    """
    path = pathlib.Path(path)
    try:
        with time_bound(timeout):
            article = _read_article(path, max_bytes, name)
    except OutOfTime:
        raise _skip(
            path,
            "timeout",
            f"reading it took longer than {timeout:g} s (--article-timeout); "
            "split the file or raise the bound",
        ) from None
    if max_chars is not None and len(article.text) > max_chars:
        raise _skip(
            path,
            "too-long",
            f"article too long: {len(article.text):,} characters > --max-article-chars "
            f"{max_chars:,}; refused before parsing; split it into smaller files or "
            "raise the limit",
        )
    return article


def _read_article(path: pathlib.Path, max_bytes: int, name: str | None) -> Article:
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


# --------------------------------------------------------------------------- iterate


def iter_articles(
    inputs: Sequence[str | os.PathLike[str]] | Found,
    *,
    on_skip: Callable[[Skipped], None],
    max_bytes: int = DEFAULT_MAX_BYTES,
    follow_links: bool = False,
    max_chars: int | None = None,
    timeout: float | None = None,
    need_text: Callable[[Article], bool] | None = None,
) -> Iterator[Article]:
    """Discover and read articles, each distinct text once.

    A first pass reads every file keeping only its text hash, title and date; the
    second reads again and yields, so at most one text is in memory at a time.  A
    text found under several names is yielded once (the first in discovery order)
    with ``also_named`` listing the other names; each of those is reported via
    ``on_skip`` (kind ``duplicate``).  Files that cannot be read are reported in
    discovery order, interleaved with the yields.  Between the passes each file takes
    32 bytes (its hash), and titles, dates and skips are kept for the files that have
    them: a million files, 32 MB.

    Args:
        inputs: files and folders (see :func:`discover`), or what a walk of them found
            (:func:`~actorgraph.graph.read.walk_inputs`, with the same ``follow_links``):
            its skips are reported first, as a walk here would.
        on_skip: called for every file left out.
        max_bytes: per-file size limit (see :func:`read_article`).
        follow_links: see :func:`discover`.
        max_chars: per-article length limit (see :func:`read_article`).
        timeout: per-file bound on reading (see :func:`read_article`).
        need_text: asked, with the article as the first pass saw it (text empty),
            whether its text is needed; if not, that article is yielded as it is and
            the file is not read a second time (a build whose last merge store holds
            the article).  By default every text is read.

    Raises:
        InputError: an input path does not exist.
    """
    found = inputs if isinstance(inputs, Found) else walk_inputs(inputs, follow_links=follow_links)
    for walked in found.skipped:
        on_skip(walked)
    read = functools.partial(
        read_article, max_bytes=max_bytes, max_chars=max_chars, timeout=timeout
    )
    count = len(found)
    digests = bytearray(32 * count)
    skips: dict[int, Skipped] = {}
    fields: dict[int, tuple[str | None, str | None]] = {}  # title and date, when there are
    for index in range(count):
        try:
            first_read = read(found.path(index))
        except ArticleSkipped as exc:
            skips[index] = exc.skipped
            continue
        digests[32 * index : 32 * index + 32] = bytes.fromhex(first_read.sha256)
        if first_read.title is not None or first_read.date is not None:
            fields[index] = (first_read.title, first_read.date)
    owners, copies = _same_texts(digests, count, skips)
    for index in range(count):
        skipped = skips.pop(index, None)
        if skipped is not None:
            on_skip(skipped)
            continue
        path, name = found.path(index), found.name(index)
        owner = owners.get(index, index)
        if owner != index:
            reason = f"same text as {_show(found.name(owner))}; kept as a second source"
            on_skip(Skipped(path, reason, "duplicate"))
            continue
        also = tuple(found.name(i) for i in copies.get(index, ()))
        if need_text is not None:
            sha = digests[32 * index : 32 * index + 32].hex()
            title, date = fields.get(index, (None, None))
            seen_first = Article(name, path, "", sha, title, date, also)
            if not need_text(seen_first):
                yield seen_first
                continue
        try:
            article = read(path, name=name)
        except ArticleSkipped as exc:  # changed between the two passes
            on_skip(exc.skipped)
            continue
        yield dataclasses.replace(article, also_named=also)


def _same_texts(
    digests: bytearray, count: int, skips: Mapping[int, Skipped]
) -> tuple[dict[int, int], dict[int, list[int]]]:
    """Files with the same text hash: for each file but the first of its text, that
    first file; for each first file, the others in order.  (Sorted by hash rather than
    looked up in a dict of every hash: a million files, 70 MB for a moment instead of
    200 MB for the whole build.)"""

    def prefix(index: int) -> int:
        return int.from_bytes(digests[32 * index : 32 * index + 8], "big")

    order = sorted((i for i in range(count) if i not in skips), key=prefix)  # stable
    owners: dict[int, int] = {}
    copies: dict[int, list[int]] = {}
    start = 0
    while start < len(order):
        end, key = start + 1, prefix(order[start])
        while end < len(order) and prefix(order[end]) == key:
            end += 1
        if end - start > 1:  # the same first 8 bytes: the whole hash decides
            firsts: dict[bytes, int] = {}
            for index in order[start:end]:  # in input order
                first = firsts.setdefault(bytes(digests[32 * index : 32 * index + 32]), index)
                if first != index:
                    owners[index] = first
                    copies.setdefault(first, []).append(index)
        start = end
    return owners, copies
