"""The main job: articles in, graph files out.

``build()`` is a plain function; the CLI only parses options and reports.
Outputs are staged and renamed into place together, so a failing or killed
run leaves the previous outputs as they were.

Articles stream through the build: each is read, looked up in the cache inside
the output folder (see :mod:`actorgraph.graph.cache`), and only the ones not
found there go through the spaCy pipeline, in this process (``jobs=0``), in
worker processes (``jobs>=1``, see :mod:`actorgraph.graph.parallel`) or on a
Dask cluster.  The model is loaded only once an article needs it.  Per-article
results are kept without their text and merged in input order, so every way of
running gives the same outputs.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from actorgraph.extractors.records import Article, ArticleResult, KnowledgeGraph, LocalEntity
from actorgraph.extractors.version import DEFAULT_MODEL

from .cache import ArticleCache, code_digest, extraction_fingerprint, input_stats, slim
from .errors import InputError, OutputError
from .exports import entity_records, jsonl, triple_records
from .iri import DEFAULT_BASE
from .outputs import OutputTransaction, build_lock
from .rdf import bind_prefixes, ntriples_lines
from .reader import DEFAULT_MAX_BYTES, Skipped, discover, iter_articles, split_for_nlp

if TYPE_CHECKING:
    from spacy.language import Language

    from .stream_merge import MergeStore

OUTPUT_FILES = ("graph.ttl", "graph.html", "triples.jsonl", "entities.jsonl")
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
DEFAULT_TIMEOUT = 60.0

_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_RUN + 1},}}\s*")  # and the space after it


@dataclass
class BuildOptions:
    """Everything a build can be told; the CLI's options map onto these fields.

    Attributes:
        model: spaCy model package name or folder.
        base: base IRI of entities, facts and articles.
        min_confidence: evidence below this confidence is dropped.
        gazetteer_paths: the user's extra gazetteer JSONL files.
        html: write graph.html.
        batch_size: texts per ``nlp.pipe`` batch.
        max_bytes: input files larger than this are skipped.
        jobs: NLP worker processes; 0 runs the model in this process (no time bound).
        cache: use cached per-article results; False processes every article again
            (fresh results still refresh the cache).
        prune: delete cache entries this build did not use.
        article_timeout: seconds an article may take in a worker before it is skipped
            (kind ``timeout``); None for no bound.  Not applied with ``jobs=0``.
        dask: address of a Dask scheduler to process articles on instead.
        task_articles: articles sent to a worker (process or Dask) at a time.
        follow_links: follow symbolic links that lead out of an input folder.
    """

    model: str = DEFAULT_MODEL
    base: str = DEFAULT_BASE
    min_confidence: float = 0.5
    gazetteer_paths: Sequence[str] = ()
    html: bool = True
    batch_size: int = 16
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 1
    cache: bool = True
    prune: bool = False
    article_timeout: float | None = DEFAULT_TIMEOUT
    dask: str | None = None
    task_articles: int = 32
    follow_links: bool = False


@dataclass
class BuildSummary:
    """What a build did, for the CLI's report."""

    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    entities: int = 0
    facts: int = 0
    per_relation: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    #: articles whose results came from the cache
    from_cache: int = 0
    #: articles that went through the model
    processed: int = 0
    #: the outputs already matched the inputs and were not rewritten
    up_to_date: bool = False
    #: cache entries removed by ``prune``
    pruned: int = 0
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- NLP


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


def _run_nlp(
    items: Iterator[tuple[int, Article]],
    opts: BuildOptions,
    nlp: Language | None,
    *,
    prestart: bool = False,
) -> Iterator[tuple[int, ArticleResult | Skipped]]:
    """Send the articles that need the model to it; start nothing if there are none.

    With ``prestart`` (input files changed since the last build) a worker process
    starts loading the model at once instead of when the first such article is met.
    """
    local = nlp is not None or (opts.jobs == 0 and not opts.dask)
    pooled = not local and not opts.dask
    if not (pooled and prestart):
        first = next(items, None)
        if first is None:
            return
        items = itertools.chain([first], items)
    if local:
        model = nlp if nlp is not None else _load_model(opts)
        yield from iter_nlp_results(model, items, batch_size=opts.batch_size)
        return
    from . import parallel

    spec = parallel.PipelineSpec(opts.model, tuple(map(str, opts.gazetteer_paths)), opts.batch_size)
    if opts.dask:
        yield from parallel.dask_results(
            opts.dask,
            spec,
            items,
            task_articles=opts.task_articles,
            timeout=opts.article_timeout,
        )
        return
    yield from parallel.pool_results(
        spec,
        items,
        jobs=opts.jobs,
        timeout=opts.article_timeout,
        task_articles=opts.task_articles,
        prestart=prestart,
    )


def _load_model(opts: BuildOptions) -> Language:
    from actorgraph.extractors.pipeline import load_pipeline

    return load_pipeline(opts.model, gazetteer_paths=opts.gazetteer_paths)


# --------------------------------------------------------------------------- build


@dataclass
class _Run:
    """State of one build while articles stream through it."""

    opts: BuildOptions
    summary: BuildSummary
    cache: ArticleCache
    on_skip: Callable[[Skipped], None]
    on_article: Callable[[Article], None] | None
    store: MergeStore

    def skip(self, s: Skipped) -> None:
        self.summary.skipped.append(s)
        self.on_skip(s)

    def done(self, index: int, result: ArticleResult) -> None:
        self.store.add(index, result)
        if self.on_article is not None:
            self.on_article(result.article)

    def misses(self, articles: Iterator[Article]) -> Iterator[tuple[int, Article]]:
        """Articles not in the cache; cached ones are taken on the way."""
        for index, art in enumerate(articles):
            hit = self.cache.get(art) if self.opts.cache else None
            if hit is None:
                yield index, art
                continue
            self.summary.from_cache += 1
            self.done(index, hit)

    def collect(
        self, inputs: Sequence[str | Path], nlp: Language | None, *, prestart: bool = False
    ) -> None:
        """Every article's result, into the store."""
        articles = iter_articles(
            inputs,
            on_skip=self.skip,
            max_bytes=self.opts.max_bytes,
            follow_links=self.opts.follow_links,
        )
        todo = self.misses(articles)
        for index, result in _run_nlp(todo, self.opts, nlp, prestart=prestart):
            if isinstance(result, Skipped):
                self.skip(result)
                continue
            self.summary.processed += 1
            self.cache.put(result)
            self.done(index, result)


def build(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    options: BuildOptions | None = None,
    *,
    nlp: Language | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> tuple[KnowledgeGraph, BuildSummary]:
    """Build the graph of the articles under ``inputs`` and write it into ``out_dir``.

    The graph always holds exactly the articles given; cached results of earlier
    builds are reused for texts already seen (see :mod:`actorgraph.graph.cache`),
    and outputs that already match the inputs are not rewritten.  The merged graph
    is also returned, in memory: for large corpora use :func:`build_files`.

    Args:
        inputs: files and folders of articles.
        out_dir: the output folder (created if missing).
        options: build settings (defaults: :class:`BuildOptions`).
        nlp: an already loaded pipeline to run in this process (``jobs`` and ``dask``
            are then ignored).
        on_skip: called for every input left out (unreadable, duplicate, timeout ...).
        on_article: called for every article done, cached or processed.

    Returns:
        The merged graph and a summary of the build.

    Raises:
        InputError: an input or gazetteer cannot be read.
        OutputError: the output folder cannot be written or is locked.
        ModelLoadError: the model cannot be loaded.
    """
    kg, summary = _build(inputs, out_dir, options, nlp, on_skip, on_article, keep_graph=True)
    assert kg is not None
    return kg, summary


def build_files(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    options: BuildOptions | None = None,
    *,
    nlp: Language | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> BuildSummary:
    """:func:`build` without the graph in memory: memory stays bounded whatever the
    number of articles (results and merge are on disk, see
    :mod:`~actorgraph.graph.stream_merge`); the files written are the same."""
    return _build(inputs, out_dir, options, nlp, on_skip, on_article, keep_graph=False)[1]


def _build(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    options: BuildOptions | None,
    nlp: Language | None,
    on_skip: Callable[[Skipped], None] | None,
    on_article: Callable[[Article], None] | None,
    *,
    keep_graph: bool,
) -> tuple[KnowledgeGraph | None, BuildSummary]:
    from .stream_merge import MergeStore
    from .stream_write import merge_and_write, work_dir

    opts = options or BuildOptions()
    out = Path(out_dir)
    started = time.perf_counter()
    summary = BuildSummary()
    with build_lock(out), work_dir(out) as work:
        cache = ArticleCache(out, _fingerprint(opts))
        found = discover(inputs, on_skip=lambda s: None, follow_links=opts.follow_links)
        stats = input_stats(found)
        try:
            store = MergeStore(work / "merge.sqlite", min_confidence=opts.min_confidence)
            try:
                run = _Run(opts, summary, cache, on_skip or (lambda s: None), on_article, store)
                changed = not opts.cache or cache.inputs_changed(stats)
                run.collect(inputs, nlp, prestart=changed)
                kg = merge_and_write(store, out, opts, cache, summary, stats, work, keep_graph)
            finally:
                store.close()
        except sqlite3.Error as exc:
            raise OutputError(
                f"cannot write the merge data in '{work}': {exc}; the previous outputs are "
                "unchanged; check free space and permissions, then build again"
            ) from None
        if opts.prune:
            summary.pruned = cache.prune()
    if cache.write_error:
        summary.warnings.append(cache.write_error)
    summary.seconds = time.perf_counter() - started
    return kg, summary


def _fingerprint(opts: BuildOptions) -> str:
    try:
        return extraction_fingerprint(opts.model, opts.gazetteer_paths, (CHUNK_CHARS, MAX_RUN))
    except OSError as exc:
        raise InputError(f"cannot read gazetteer '{exc.filename}': {exc.strerror or exc}") from None


def _output_names(opts: BuildOptions) -> list[str]:
    names = ["graph.ttl", "triples.jsonl", "entities.jsonl"]
    if opts.html:
        names.append("graph.html")
    return [*names, "skipped.jsonl"]


def outputs_digest(
    opts: BuildOptions, fingerprint: str, articles: Iterable[Article], skipped: Sequence[Skipped]
) -> str:
    """A hash of everything the output files depend on (cheap: no RDF is built).

    The merged graph is a function of the articles (names, hashes, metadata, in name
    order) and the extraction fingerprint; the files also depend on the options, the
    skip report and the code of the graph and ontology packages.
    """
    h = hashlib.sha256()
    code = code_digest(
        {
            "actorgraph.graph": (".py", ".html", ".js", ".css", ".rq"),
            "actorgraph.ontology": (".py", ".ttl", ".jsonl"),
        }
    )
    head = [fingerprint, code, opts.base, repr(opts.min_confidence), str(opts.html)]
    h.update(json.dumps(head).encode("utf-8"))
    for a in articles:
        h.update(json.dumps([a.name, a.sha256, a.title, a.date, a.also_named]).encode("utf-8"))
    for s in skipped:
        h.update(json.dumps([s.path, s.kind, s.reason]).encode("utf-8"))
    return h.hexdigest()


#: prefixes graph.ttl may declare (data IRIs under the base stay whole: their local
#: parts hold ``/``, which Turtle would have to escape)
TURTLE_PREFIXES = ("ag", "dcterms", "owl", "prov", "rdf", "rdfs", "skos", "xsd")


def turtle_bytes(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> bytes:
    """The graph as deterministic Turtle, written by Oxigraph (several times rdflib's speed).

    Triples are sorted by their N-Triples form (made straight from the records, see
    :func:`~actorgraph.graph.rdf.ntriples_lines`), so the same graph always gives the
    same bytes; only prefixes the graph uses are declared.  Subjects are IRIs
    (actorgraph makes no blank nodes), each block separated by a blank line.
    """
    import pyoxigraph as ox
    from rdflib import Graph

    data = "".join(line + "\n" for line in ntriples_lines(kg, base=base)).encode("utf-8")
    namespaces = dict(bind_prefixes(Graph(), base).namespaces())
    prefixes = {
        p: str(namespaces[p])
        for p in TURTLE_PREFIXES
        if p in namespaces and b"<" + str(namespaces[p]).encode("utf-8") in data
    }
    triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert turtle is not None  # no output file given: the bytes are returned
    return turtle.replace(b" .\n<", b" .\n\n<")  # a blank line between subjects


#: above this many entities, graph.html shows only actors that take part in a fact
HTML_ALL_ENTITIES_UP_TO = 300


def html_view(kg: KnowledgeGraph) -> KnowledgeGraph:
    """What graph.html shows: every entity of a small graph; on a large one the actors with
    relations only (entities.jsonl and graph.ttl keep the rest), so the page stays fast."""
    if len(kg.entities) <= HTML_ALL_ENTITIES_UP_TO:
        return kg
    linked = {e.subject for e in kg.edges} | {e.object for e in kg.edges}
    ents = {iri: e for iri, e in kg.entities.items() if iri in linked}
    return KnowledgeGraph(entities=ents, edges=kg.edges, articles=kg.articles)


def write_outputs(
    kg: KnowledgeGraph, out: Path, opts: BuildOptions, skipped: Sequence[Skipped] = ()
) -> list[Path]:
    """Write every output file of a build, all or nothing.

    Raises:
        OutputError: an output cannot be written (disk full ...); the previous
            outputs are then unchanged.
    """
    try:
        return _write_outputs(kg, out, opts, skipped)
    except OSError as exc:
        raise OutputError(
            f"cannot write outputs to '{out}': {exc.strerror or exc}; the previous outputs "
            "are unchanged; check free space and permissions, then build again"
        ) from None


def _write_outputs(
    kg: KnowledgeGraph, out: Path, opts: BuildOptions, skipped: Sequence[Skipped]
) -> list[Path]:
    with OutputTransaction(out) as tx:
        tx.path("graph.ttl").write_bytes(turtle_bytes(kg, opts.base))
        tx.path("triples.jsonl").write_text(jsonl(triple_records(kg)), encoding="utf-8")
        tx.path("entities.jsonl").write_text(jsonl(entity_records(kg)), encoding="utf-8")
        names = ["graph.ttl", "triples.jsonl", "entities.jsonl"]
        if opts.html:
            from .html import write_html

            write_html(html_view(kg), tx.path("graph.html"))
            names.append("graph.html")
        tx.path("skipped.jsonl").write_text(skipped_report(skipped), encoding="utf-8")
        names.append("skipped.jsonl")
        tx.commit()
    return [out / n for n in names]


def skipped_report(skipped: Sequence[Skipped]) -> str:
    """skipped.jsonl: one line per file left out."""
    return "".join(
        json.dumps({"path": s.path, "kind": s.kind, "reason": s.reason}, ensure_ascii=False) + "\n"
        for s in skipped
    )
