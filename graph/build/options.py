"""What a build can be told (:class:`BuildOptions`) and what it did (:class:`BuildSummary`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from actorgraph.extractors.version import DEFAULT_MODEL
from actorgraph.graph.core.iri import DEFAULT_BASE
from actorgraph.graph.read import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, Skipped

__all__ = ["DEFAULT_TIMEOUT", "BuildOptions", "BuildSummary"]

DEFAULT_TIMEOUT = 60.0


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
        max_article_chars: articles whose text is longer than this are skipped
            (kind ``too-long``) before parsing; None for no limit.
        jobs: NLP worker processes; 0 runs the model in this process (no time bound).
        cache: use cached per-article results; False processes every article again
            (fresh results still refresh the cache).
        prune: delete cache entries this build did not use.
        article_timeout: seconds an article may take in a worker before it is skipped
            (kind ``timeout``); None for no bound.  Reading a file (decoding, stripping
            markup) is bounded by it too, in every mode; the model is not with
            ``jobs=0``.
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
    max_article_chars: int | None = DEFAULT_MAX_CHARS
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
    #: the last build's merge store was used: only what changed was merged again
    incremental: bool = False
    #: seconds spent reading (inputs, cache, model), merging, writing the files, loading
    #: the query store and keeping the merge store
    phases: dict[str, float] = field(default_factory=dict)
    #: cache entries removed by ``prune``
    pruned: int = 0
    warnings: list[str] = field(default_factory=list)
