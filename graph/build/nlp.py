"""Articles through the spaCy pipeline in this process: cut into pieces, batched, results kept.

Worker processes and Dask (:mod:`~actorgraph.graph.build.parallel`) run the same
:func:`iter_nlp_results` on their share of the articles.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from actorgraph.extractors.records import Article, ArticleResult, LocalEntity

from .cache import slim

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "BATCH_CHARS",
    "CHUNK_CHARS",
    "MAX_RUN",
    "ZONE_ARTICLES",
    "iter_nlp_results",
    "nlp_pieces",
    "process_articles",
    "split_for_nlp",
]

#: longest text handed to spaCy in one piece; longer articles are split
CHUNK_CHARS = 100_000
#: a whitespace-free run longer than this (a URL, a data blob, a character repeated
#: thousands of times) holds no words to read; it is left out of the text given to
#: spaCy, whose tokenizer takes time quadratic in such a run's length
MAX_RUN = 1_000
#: most characters parsed in one ``nlp.pipe`` batch: a 100,000-character piece takes
#: about 0.3 GB while it is parsed, so a batch of sixteen pieces of one long article
#: took 5 GB; batches of ordinary articles (a few thousand characters) are unchanged
BATCH_CHARS = CHUNK_CHARS
#: articles processed inside one spaCy memory zone (keeps the string store flat)
ZONE_ARTICLES = 64


_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_RUN + 1},}}\s*")  # and the space after it


def nlp_pieces(text: str) -> list[tuple[int, str]]:
    """Split an article into the ``(offset, text)`` pieces given to spaCy.

    Whitespace-free runs longer than :data:`MAX_RUN` characters are left out with
    the whitespace after them (the text on either side becomes separate pieces),
    and pieces longer than :data:`CHUNK_CHARS` are split with :func:`split_for_nlp`.
    An ordinary article is one piece, ``[(0, text)]``; there is always at least one.
    """
    pieces: list[tuple[int, str]] = []
    start = 0
    for run in _LONG_RUN.finditer(text):
        pieces += _chunks(text, start, run.start())
        start = run.end()
    pieces += _chunks(text, start, len(text))
    return pieces or [(0, "")]


def _chunks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    if end <= start:
        return []
    segment = text[start:end] if start or end < len(text) else text
    if len(segment) <= CHUNK_CHARS:
        return [(start, segment)]
    return [(start + offset, part) for offset, part in split_for_nlp(segment, CHUNK_CHARS)]


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


def process_articles(
    nlp: Language,
    articles: Iterator[Article],
    *,
    batch_size: int = 16,
    on_article: Callable[[Article], None] | None = None,
) -> Iterator[ArticleResult]:
    """Run the pipeline over articles, streaming, in order (see :func:`nlp_pieces`)."""
    from actorgraph.extractors.pipeline import doc_to_result

    def chunks() -> Iterator[tuple[str, tuple[Article, int, int]]]:
        for art in articles:
            parts = nlp_pieces(art.text)
            for n, (offset, text) in enumerate(parts):
                yield text, (art, offset, len(parts) - 1 - n)

    pending: list[ArticleResult] = []
    for batch in _batches(chunks(), batch_size, BATCH_CHARS):
        for doc, (art, offset, left) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            pending.append(doc_to_result(doc, art, offset=offset))
            if left == 0:
                yield _combine(pending)
                pending = []
                if on_article is not None:
                    on_article(art)


_Item = tuple[str, tuple[Article, int, int]]


def _batches(items: Iterator[_Item], size: int, chars: int) -> Iterator[list[_Item]]:
    """Consecutive groups of at most ``size`` texts and ``chars`` characters (a longer text
    is a group of its own), so the Docs parsed at once, and the memory they take, stay
    bounded whatever the length of the articles."""
    batch: list[_Item] = []
    total = 0
    for item in items:
        if batch and (len(batch) >= size or total + len(item[0]) > chars):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += len(item[0])
    if batch:
        yield batch


def iter_nlp_results(
    nlp: Language,
    items: Iterable[tuple[int, Article]],
    *,
    batch_size: int = 16,
    zone_articles: int = ZONE_ARTICLES,
) -> Iterator[tuple[int, ArticleResult]]:
    """Results of numbered articles, in order, without their text.

    Every ``zone_articles`` articles are processed in one spaCy memory zone, so the
    strings and caches they add are freed and memory stays flat over long runs.
    """
    it = iter(items)
    while group := list(itertools.islice(it, zone_articles)):
        with _memory_zone(nlp):
            results = process_articles(nlp, (a for _, a in group), batch_size=batch_size)
            for (index, _), result in zip(group, results, strict=True):
                yield index, slim(result)


def _memory_zone(nlp: Language) -> contextlib.AbstractContextManager[object]:
    zone = getattr(nlp, "memory_zone", None)
    return zone() if zone is not None else contextlib.nullcontext()


def _combine(parts: list[ArticleResult]) -> ArticleResult:
    if len(parts) == 1:
        return parts[0]
    ents: dict[str, LocalEntity] = {}
    for p in parts:
        for e in p.entities:
            cur = ents.get(e.key)
            if cur is None:
                ents[e.key] = e
            else:
                aliases = tuple(sorted(set(cur.aliases) | set(e.aliases)))
                ents[e.key] = LocalEntity(
                    e.key, cur.label, cur.type, aliases, cur.mentions + e.mentions
                )
    facts = tuple(f for p in parts for f in p.facts)
    return ArticleResult(article=parts[0].article, entities=tuple(ents.values()), facts=facts)
