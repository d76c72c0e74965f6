"""The main job: articles in, graph files out.

``build()`` is a plain function; the CLI only parses options and reports.
Outputs are staged and renamed into place together, so a failing or killed
run leaves the previous outputs as they were.

Articles stream through the build: each is read, looked up in the cache inside
the output folder (see :mod:`actorgraph.graph.build.cache`), and only the ones not
found there go through the spaCy pipeline, in this process (``jobs=0``), in
worker processes (``jobs>=1``, see :mod:`actorgraph.graph.build.parallel`) or on a
Dask cluster.  The model is loaded only once an article needs it.  Per-article
results are kept without their text and merged in input order, so every way of
running gives the same outputs (:mod:`~actorgraph.graph.build.nlp` runs the
pipeline, :mod:`~actorgraph.graph.build.write` writes the files).  :func:`build_files`
keeps the results and the merge on disk instead
(:mod:`~actorgraph.graph.build.stream_merge`, :mod:`~actorgraph.graph.build.stream_write`).
"""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from actorgraph.extractors.records import Article, ArticleResult, KnowledgeGraph
from actorgraph.extractors.version import DEFAULT_MODEL
from actorgraph.graph.errors import InputError, OutputError
from actorgraph.graph.outputs import build_lock
from actorgraph.graph.read import Found, Skipped, iter_articles, walk_inputs

from .cache import ArticleCache, extraction_fingerprint, input_stats
from .nlp import CHUNK_CHARS, MAX_RUN, iter_nlp_results
from .options import BuildOptions, BuildSummary

if TYPE_CHECKING:
    from spacy.language import Language

    from .merge_state import Plan

__all__ = ["build", "build_files"]


def _run_nlp(
    items: Iterator[tuple[int, Article]],
    opts: BuildOptions,
    nlp: Language | None,
    *,
    prestart: bool = False,
    on_status: Callable[[str], None] = lambda text: None,
) -> Iterator[tuple[int, ArticleResult | Skipped]]:
    """Send the articles that need the model to it; start nothing if there are none.

    With ``prestart`` (input files changed since the last build) a worker process
    starts loading the model at once instead of when the first such article is met.
    ``on_status`` hears ``loading model NAME ...`` when the model starts loading (here
    or in the workers), and ``""`` when the first article comes back from it.
    """
    results = _run_nlp_quietly(items, opts, nlp, prestart=prestart, on_status=on_status)
    first = True
    for item in results:
        if first:
            on_status("")
            first = False
        yield item


def _run_nlp_quietly(
    items: Iterator[tuple[int, Article]],
    opts: BuildOptions,
    nlp: Language | None,
    *,
    prestart: bool,
    on_status: Callable[[str], None],
) -> Iterator[tuple[int, ArticleResult | Skipped]]:
    local = nlp is not None or (opts.jobs == 0 and not opts.dask)
    pooled = not local and not opts.dask
    if not (pooled and prestart):
        first = next(items, None)
        if first is None:
            return
        items = itertools.chain([first], items)
    if nlp is None:
        on_status(f"loading model {opts.model or DEFAULT_MODEL} ...")
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
    plan: Plan
    on_status: Callable[[str], None] = lambda text: None

    def skip(self, s: Skipped) -> None:
        self.summary.skipped.append(s)
        self.on_skip(s)

    def done(self, index: int, result: ArticleResult) -> None:
        self.plan.add(index, result)
        if self.on_article is not None:
            self.on_article(result.article)

    def misses(self, articles: Iterator[Article]) -> Iterator[tuple[int, Article]]:
        """Articles not in the cache; cached ones are taken on the way, and those the
        last build's merge store holds as they are (yielded without their text, see
        :meth:`needs_text`) are kept from it."""
        for index, art in enumerate(articles):
            if not art.text:
                self.plan.keep(index, art)
                self.cache.keep(art.sha256)
                self.summary.from_cache += 1
                if self.on_article is not None:
                    self.on_article(art)
                continue
            hit = self.cache.get(art) if self.opts.cache else None
            if hit is None:
                yield index, art
                continue
            self.summary.from_cache += 1
            self.done(index, hit)

    def needs_text(self, article: Article) -> bool:
        """Whether an article must be read: not if the last merge store holds it."""
        return not (self.opts.cache and self.plan.holds(article))

    def collect(self, inputs: Found, nlp: Language | None, *, prestart: bool = False) -> None:
        """Every article's result, into the store."""
        articles = iter_articles(
            inputs,
            on_skip=self.skip,
            max_bytes=self.opts.max_bytes,
            follow_links=self.opts.follow_links,
            max_chars=self.opts.max_article_chars,
            timeout=self.opts.article_timeout,
            need_text=self.needs_text,
        )
        todo = self.misses(articles)
        nlp_results = _run_nlp(todo, self.opts, nlp, prestart=prestart, on_status=self.on_status)
        for index, result in nlp_results:
            if isinstance(result, Skipped):
                self.skip(result)
                continue
            self.summary.processed += 1
            self.cache.put(result)
            self.done(index, result)


def build(
    inputs: Sequence[str | Path] | Found,
    out_dir: str | Path,
    options: BuildOptions | None = None,
    *,
    nlp: Language | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    on_article: Callable[[Article], None] | None = None,
    on_status: Callable[[str], None] | None = None,
) -> tuple[KnowledgeGraph, BuildSummary]:
    """Build the graph of the articles under ``inputs`` and write it into ``out_dir``.

    The graph always holds exactly the articles given; cached results of earlier
    builds are reused for texts already seen (see :mod:`actorgraph.graph.build.cache`),
    and outputs that already match the inputs are not rewritten.  The merged graph
    is also returned, in memory: for large corpora use :func:`build_files`.

    Args:
        inputs: files and folders of articles, or what a walk of them found
            (:func:`~actorgraph.graph.read.walk_inputs` with ``options.follow_links``:
            the folders are then not walked again).
        out_dir: the output folder (created if missing).
        options: build settings (defaults: :class:`BuildOptions`).
        nlp: an already loaded pipeline to run in this process (``jobs`` and ``dask``
            are then ignored).
        on_skip: called for every input left out (unreadable, duplicate, timeout ...).
        on_article: called for every article done, cached or processed.
        on_status: called with what the build is waiting for (``loading model NAME ...``),
            and with ``""`` once that is over.

    Returns:
        The merged graph and a summary of the build.

    Raises:
        InputError: an input or gazetteer cannot be read.
        OutputError: the output folder cannot be written or is locked.
        ModelLoadError: the model cannot be loaded.
    """
    kg, summary = _build(
        inputs, out_dir, options, nlp, on_skip, on_article, on_status, keep_graph=True
    )
    assert kg is not None
    return kg, summary


def build_files(
    inputs: Sequence[str | Path] | Found,
    out_dir: str | Path,
    options: BuildOptions | None = None,
    *,
    nlp: Language | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    on_article: Callable[[Article], None] | None = None,
    on_status: Callable[[str], None] | None = None,
) -> BuildSummary:
    """:func:`build` without the graph in memory: memory stays bounded whatever the
    number of articles (results and merge are on disk, see
    :mod:`~actorgraph.graph.build.stream_merge`); the files written are the same."""
    _, summary = _build(
        inputs, out_dir, options, nlp, on_skip, on_article, on_status, keep_graph=False
    )
    return summary


@dataclass
class _Callbacks:
    on_skip: Callable[[Skipped], None]
    on_article: Callable[[Article], None] | None
    on_status: Callable[[str], None] | None


def _build(
    inputs: Sequence[str | Path] | Found,
    out_dir: str | Path,
    options: BuildOptions | None,
    nlp: Language | None,
    on_skip: Callable[[Skipped], None] | None,
    on_article: Callable[[Article], None] | None,
    on_status: Callable[[str], None] | None,
    *,
    keep_graph: bool,
) -> tuple[KnowledgeGraph | None, BuildSummary]:
    from .merge_state import StoreBroken

    opts = options or BuildOptions()
    out = Path(out_dir)
    started = time.perf_counter()
    summary = BuildSummary()
    calls = _Callbacks(on_skip or (lambda s: None), on_article, on_status)
    with build_lock(out):
        found = (  # the one walk of the inputs
            inputs
            if isinstance(inputs, Found)
            else walk_inputs(inputs, follow_links=opts.follow_links, out_dir=out)
        )
        try:
            kg, cache, kept = _attempt(
                found, out, opts, nlp, calls, summary, keep_graph, opts.cache
            )
        except StoreBroken as exc:
            # the last build's merge store is damaged: read every result again, once, without
            # it (what the model processed is in the cache by now); the callbacks had it all
            first = summary
            summary = BuildSummary(processed=first.processed)
            summary.warnings.append(f"the merge store of the last build was unreadable ({exc})")
            quiet = _Callbacks(lambda s: None, None, None)
            kg, cache, kept = _attempt(found, out, opts, nlp, quiet, summary, keep_graph, False)
            summary.from_cache -= first.processed
    summary.warnings += [w for w in (cache.write_error, kept) if w]
    summary.seconds = time.perf_counter() - started
    return kg, summary


def _attempt(
    inputs: Found,
    out: Path,
    opts: BuildOptions,
    nlp: Language | None,
    calls: _Callbacks,
    summary: BuildSummary,
    keep_graph: bool,
    use_last: bool,
) -> tuple[KnowledgeGraph | None, ArticleCache, str | None]:
    """One pass over the inputs: collect, merge (with the last store if ``use_last``), write;
    returns the graph (if ``keep_graph``), the cache, and why the store could not be kept.

    Raises:
        StoreBroken: the last build's merge store turned out to be damaged.
    """
    from .merge_state import Plan, StoreBroken, store_meta
    from .stream_write import merge_and_write, work_dir

    with work_dir(out) as work:
        cache = ArticleCache(out, _fingerprint(opts), track_used=opts.prune)
        stats = input_stats(inputs.path(i) for i in range(len(inputs)))
        meta = store_meta(opts.base, opts.min_confidence, cache.fingerprint)
        plan: Plan | None = None
        try:
            plan = Plan(out, work, meta, opts.min_confidence, use_last=use_last, stamp=cache.stamp)
            run = _Run(opts, summary, cache, calls.on_skip, calls.on_article, plan)
            if calls.on_status is not None:
                run.on_status = calls.on_status
            changed = not opts.cache or cache.inputs_changed(stats)
            clock = _Clock(summary.phases)
            run.collect(inputs, nlp, prestart=changed)
            clock.lap("read")
            store, changes = plan.finish(opts.base)
            summary.incremental = changes is not None
            clock.lap("merge")
            merge_and_write(store, out, opts, cache, summary, stats, work, changes, clock.lap)
            kg = store.knowledge_graph() if keep_graph else None
            kept = plan.commit()
            clock.lap("keep")
        except sqlite3.Error as exc:
            if plan is not None and plan.old is not None:  # the last build's store failed
                raise StoreBroken(str(exc)) from None
            raise OutputError(
                f"cannot write the merge data in '{work}': {exc}; the previous outputs are "
                "unchanged; check free space and permissions, then build again"
            ) from None
        finally:
            if plan is not None:
                plan.close()
        if opts.prune:
            summary.pruned = cache.prune()
    return kg, cache, kept


class _Clock:
    """Seconds between laps, added up by name."""

    def __init__(self, phases: dict[str, float]) -> None:
        self.phases = phases
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.phases[name] = self.phases.get(name, 0.0) + now - self.last
        self.last = now


def _fingerprint(opts: BuildOptions) -> str:
    try:
        return extraction_fingerprint(opts.model, opts.gazetteer_paths, (CHUNK_CHARS, MAX_RUN))
    except OSError as exc:
        raise InputError(f"cannot read gazetteer '{exc.filename}': {exc.strerror or exc}") from None
