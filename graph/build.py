"""The main job: articles in, graph files out.

``build()`` is a plain function; the CLI only parses options and reports.
Outputs are staged and renamed into place together, so a failing or killed
run leaves the previous outputs as they were.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from actorgraph.extractors.pipeline import DEFAULT_MODEL, doc_to_result, load_pipeline
from actorgraph.extractors.records import Article, ArticleResult, KnowledgeGraph, LocalEntity

from .exports import entity_records, jsonl, triple_records
from .iri import DEFAULT_BASE
from .merge import merge
from .outputs import OutputTransaction, build_lock
from .rdf import to_rdf
from .reader import DEFAULT_MAX_BYTES, Skipped, iter_articles, split_for_nlp

OUTPUT_FILES = ("graph.ttl", "graph.html", "triples.jsonl", "entities.jsonl")
#: longest text handed to spaCy in one piece; longer articles are split
CHUNK_CHARS = 100_000


@dataclass
class BuildOptions:
    model: str = DEFAULT_MODEL
    base: str = DEFAULT_BASE
    min_confidence: float = 0.5
    gazetteer_paths: Sequence[str] = ()
    html: bool = True
    batch_size: int = 16
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class BuildSummary:
    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    entities: int = 0
    facts: int = 0
    per_relation: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)


def process_articles(
    nlp: Language,
    articles: Iterator[Article],
    *,
    batch_size: int = 16,
    on_article: Callable[[Article], None] | None = None,
) -> Iterator[ArticleResult]:
    """Run the pipeline over articles, streaming; long texts are split into chunks."""

    def chunks() -> Iterator[tuple[str, tuple[Article, int, int]]]:
        for art in articles:
            parts = (
                split_for_nlp(art.text, CHUNK_CHARS)
                if len(art.text) > CHUNK_CHARS
                else [(0, art.text)]
            )
            for n, (offset, text) in enumerate(parts):
                yield text, (art, offset, len(parts) - 1 - n)

    pending: list[ArticleResult] = []
    for doc, (art, offset, left) in nlp.pipe(chunks(), as_tuples=True, batch_size=batch_size):
        pending.append(doc_to_result(doc, art, offset=offset))
        if left == 0:
            yield _combine(pending)
            pending = []
            if on_article is not None:
                on_article(art)


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


def build(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    options: BuildOptions | None = None,
    *,
    nlp: Language | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> tuple[KnowledgeGraph, BuildSummary]:
    """Build the graph of the articles under ``inputs`` and write it into ``out_dir``."""
    opts = options or BuildOptions()
    out = Path(out_dir)
    started = time.perf_counter()
    summary = BuildSummary()

    def skipped(s: Skipped) -> None:
        summary.skipped.append(s)
        if on_skip is not None:
            on_skip(s)

    with build_lock(out):
        if nlp is None:
            nlp = load_pipeline(opts.model, gazetteer_paths=opts.gazetteer_paths)
        articles = iter_articles(inputs, on_skip=skipped, max_bytes=opts.max_bytes)
        results = list(
            process_articles(nlp, articles, batch_size=opts.batch_size, on_article=on_article)
        )
        kg = merge(results, base=opts.base, min_confidence=opts.min_confidence)
        summary.outputs = write_outputs(kg, out, opts, summary.skipped)
    summary.articles = len(kg.articles)
    summary.entities = len(kg.entities)
    summary.facts = len(kg.edges)
    summary.per_relation = dict(Counter(e.relation for e in kg.edges).most_common())
    summary.seconds = time.perf_counter() - started
    return kg, summary


def write_outputs(
    kg: KnowledgeGraph, out: Path, opts: BuildOptions, skipped: Sequence[Skipped] = ()
) -> list[Path]:
    """Write every output file of a build, all or nothing."""
    with OutputTransaction(out) as tx:
        to_rdf(kg, base=opts.base).serialize(destination=str(tx.path("graph.ttl")), format="turtle")
        tx.path("triples.jsonl").write_text(jsonl(triple_records(kg)), encoding="utf-8")
        tx.path("entities.jsonl").write_text(jsonl(entity_records(kg)), encoding="utf-8")
        names = ["graph.ttl", "triples.jsonl", "entities.jsonl"]
        if opts.html:
            from .html import write_html

            write_html(kg, tx.path("graph.html"))
            names.append("graph.html")
        report = "".join(
            json.dumps({"path": s.path, "kind": s.kind, "reason": s.reason}, ensure_ascii=False)
            + "\n"
            for s in skipped
        )
        tx.path("skipped.jsonl").write_text(report, encoding="utf-8")
        names.append("skipped.jsonl")
        tx.commit()
    return [out / n for n in names]
