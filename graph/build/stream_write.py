"""Write graph.ttl, triples.jsonl and entities.jsonl from a :class:`MergeStore`, streaming.

The files are the bytes :func:`~actorgraph.graph.build.write_outputs` writes from the
in-memory graph: the same records (:mod:`actorgraph.graph.core.jsonl`), the same triples
(:mod:`actorgraph.graph.core.rdf`) and the same Turtle.  That Turtle is Oxigraph's, written
from the distinct N-Triples lines in sorted order; here the lines are sorted on disk
(:class:`LineSorter`: sorted runs, then a merge) and handed to Oxigraph's serialiser as a
stream, so neither the lines nor the graph are ever in memory whole.
"""

from __future__ import annotations

import contextlib
import functools
import heapq
import itertools
import shutil
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rdflib import Graph, URIRef

from actorgraph.extractors.records import Evidence, KnowledgeGraph
from actorgraph.graph.core.iri import article_iri
from actorgraph.graph.core.jsonl import edge_records, entity_record, jsonl
from actorgraph.graph.core.rdf import (
    article_triples,
    bind_prefixes,
    edge_triples,
    entity_triples,
    ntriple,
)
from actorgraph.graph.errors import OutputError
from actorgraph.graph.outputs import OutputTransaction
from actorgraph.graph.read import Skipped

from . import fragments
from .cache import ArticleCache
from .fragments import BlankLineBetweenSubjects, Fragments, header, turtle_blocks
from .merge_delta import Changes
from .options import BuildOptions, BuildSummary
from .stream_merge import MergeStore
from .write import (
    HTML_ALL_ENTITIES_UP_TO,
    TURTLE_PREFIXES,
    outputs_digest,
    skipped_report,
)
from .write import _output_names as output_names
from .write import _prime_store as prime_store
from .write import _store_source as store_source

__all__ = ["LineSorter", "merge_and_write", "work_dir", "write_store_outputs", "write_streamed"]

#: characters of N-Triples lines sorted in memory at a time
RUN_CHARS = 32_000_000
#: most runs merged at once (more are first merged into one: open files stay bounded)
MAX_RUNS = 64


class LineSorter:
    """Sorted, distinct lines from any number of lines, in bounded memory.

    Lines are kept until :data:`RUN_CHARS` characters, then sorted and written to a
    run file in ``folder``; :meth:`sorted` merges the runs.  Sorting is by code point
    (Python's ``str`` order, which is UTF-8's byte order).  Also notes which of
    ``watch`` (byte strings) occur in any line.
    """

    def __init__(
        self, folder: Path, watch: Iterable[bytes] = (), run_chars: int | None = None
    ) -> None:
        self.folder = Path(folder)
        self.run_chars = run_chars or RUN_CHARS
        self.lines: list[str] = []
        self.chars = 0
        self.runs: list[Path] = []
        self._count = 0
        self.watch = set(watch)
        self.seen: set[bytes] = set()

    def add(self, line: str) -> None:
        """Take one line (no newline in it)."""
        self.lines.append(line)
        self.chars += len(line)
        if self.chars >= self.run_chars:
            self._spill()

    def _sorted_run(self) -> bytes:
        lines = sorted(set(self.lines))
        self.lines, self.chars = [], 0
        data = "".join(line + "\n" for line in lines).encode("utf-8")
        for needle in self.watch - self.seen:
            if needle in data:
                self.seen.add(needle)
        return data

    def _spill(self) -> None:
        path = self.folder / f"run-{self._count:05d}.nt"
        self._count += 1
        path.write_bytes(self._sorted_run())
        self.runs.append(path)
        if len(self.runs) >= MAX_RUNS:
            merged = self.folder / f"run-{self._count:05d}.nt"
            self._count += 1
            with merged.open("wb") as fh:
                fh.writelines(self._merged())
            self.runs = [merged]

    def _merged(self) -> Iterator[bytes]:
        """The runs merged, each line once; the run files are deleted after."""
        with contextlib.ExitStack() as stack:
            files = [stack.enter_context(p.open("rb")) for p in self.runs]
            previous = None
            for line in heapq.merge(*files):
                if line != previous:
                    yield line
                    previous = line
        for path in self.runs:
            path.unlink(missing_ok=True)

    def sorted(self) -> Iterator[bytes]:
        """Every distinct line, with its newline, in order (call once, after the last add).

        The watched strings are all noted before the first line is given.
        """
        if not self.runs:
            data = self._sorted_run()
            for line in data.split(b"\n")[:-1]:
                yield line + b"\n"
            return
        if self.lines:
            self._spill()
        yield from self._merged()


def write_turtle(
    sorter: LineSorter,
    namespaces: dict[str, str],
    path: Path,
    on_block: Callable[[str, int, bytes], None] | None = None,
) -> None:
    """The sorted lines as Turtle, declaring the namespaces that occur in them (in order);
    ``on_block`` hears each subject's block (see :func:`~.fragments.turtle_blocks`)."""
    lines = sorter.sorted()
    first = next(lines, None)  # runs are merged and the namespaces noted from here on
    prefixes = {p: ns for p, ns in namespaces.items() if b"<" + ns.encode("utf-8") in sorter.seen}
    with path.open("wb") as fh:
        out = BlankLineBetweenSubjects(fh)
        if first is not None:
            out.write(header(prefixes))
            for subject, mask, block in turtle_blocks(itertools.chain([first], lines), namespaces):
                out.write(block)
                if on_block is not None:
                    on_block(subject, mask, block)
        out.close()


def write_streamed(
    store: MergeStore,
    ttl: Path,
    triples: Path,
    entities: Path,
    *,
    namespaces: dict[str, str],
    work: Path,
    pieces: Fragments | None = None,
) -> None:
    """Write the three files of a merged store (see the module doc).

    Args:
        store: a store after :meth:`MergeStore.merge`.
        ttl, triples, entities: where graph.ttl, triples.jsonl and entities.jsonl go.
        namespaces: prefix -> namespace IRI, in the order graph.ttl declares them when used.
        work: a folder for the sorted runs.
        pieces: where to keep the files' pieces for the next build (see
            :mod:`~actorgraph.graph.build.fragments`).
    """
    base = store.base
    with tempfile.TemporaryDirectory(prefix="ntriples-", dir=work) as tmp:
        sorter = LineSorter(Path(tmp), [b"<" + ns.encode("utf-8") for ns in namespaces.values()])
        for article in store.articles():
            for t in article_triples(article, base):
                sorter.add(ntriple(t))
        with entities.open("w", encoding="utf-8") as fh:
            for entity, shas in store.entities():
                line = jsonl(iter([entity_record(entity)]))
                fh.write(line)
                if pieces is not None:
                    pieces.add("fr_ent", entity.id, line)
                for t in entity_triples(entity, (article_iri(base, sha) for sha in shas)):
                    sorter.add(ntriple(t))
        with triples.open("w", encoding="utf-8") as fh:
            for edge, nodes in store.edges():
                s, o = store.entity(edge.subject), store.entity(edge.object)
                records = jsonl(edge_records(edge, s, o))
                fh.write(records)
                if pieces is not None:
                    pieces.add("fr_edge", edge.subject, edge.relation, edge.object, records)
                node = functools.partial(_article_node, base, nodes)
                for t in edge_triples(edge, base, node):
                    sorter.add(ntriple(t))
        block = functools.partial(pieces.add, "fr_ttl") if pieces is not None else None
        write_turtle(sorter, namespaces, ttl, block)


def _article_node(base: str, nodes: dict[tuple[str, str], str], ev: Evidence) -> URIRef:
    return article_iri(base, nodes[(ev.article, ev.article_sha256)])


def turtle_namespaces(base: str) -> dict[str, str]:
    """The prefixes graph.ttl may declare, in the order it declares them."""
    bound = dict(bind_prefixes(Graph(), base).namespaces())
    return {p: str(bound[p]) for p in TURTLE_PREFIXES if p in bound}


def html_graph(store: MergeStore) -> KnowledgeGraph:
    """What graph.html shows (:func:`~actorgraph.graph.build.write.html_view`), from the store."""
    return store.knowledge_graph(linked_only=store.entity_count() > HTML_ALL_ENTITIES_UP_TO)


def write_store_outputs(
    store: MergeStore, out: Path, opts: BuildOptions, skipped: list[Skipped], work: Path
) -> list[Path]:
    """Every output file of a build from a merged store, all or nothing
    (as :func:`~actorgraph.graph.build.write_outputs` from a graph in memory): from the
    pieces the store holds when it holds them all, else made whole (and the pieces kept).

    Raises:
        OutputError: an output cannot be written (disk full ...); the previous
            outputs are then unchanged.
    """
    namespaces = turtle_namespaces(store.base)
    try:
        with OutputTransaction(out) as tx:
            names = ["graph.ttl", "triples.jsonl", "entities.jsonl"]
            ttl, triples, entities = (tx.path(n) for n in names)
            if fragments.complete(store):
                fragments.write_files(store, ttl, triples, entities, namespaces)
            else:
                with store.transaction():
                    pieces = Fragments(store)
                    pieces.clear()
                    write_streamed(
                        store,
                        ttl,
                        triples,
                        entities,
                        namespaces=namespaces,
                        work=work,
                        pieces=pieces,
                    )
                    pieces.done()
            if opts.html:
                from actorgraph.graph.explorer.page import write_html

                write_html(html_graph(store), tx.path("graph.html"))
                names.append("graph.html")
            tx.path("skipped.jsonl").write_text(skipped_report(skipped), encoding="utf-8")
            names.append("skipped.jsonl")
            tx.commit()
    except OSError as exc:
        raise OutputError(
            f"cannot write outputs to '{out}': {exc.strerror or exc}; the previous outputs "
            "are unchanged; check free space and permissions, then build again"
        ) from None
    return [out / n for n in names]


#: the folder inside the output folder for the merge's database and sorted runs
WORK_DIR = ".actorgraph-work"


@contextlib.contextmanager
def work_dir(out: Path) -> Iterator[Path]:
    """An empty scratch folder in ``out`` (left by a killed build: cleared), removed after."""
    work = out / WORK_DIR
    shutil.rmtree(work, ignore_errors=True)
    try:
        work.mkdir()
    except OSError as exc:
        raise OutputError(
            f"cannot write to output folder '{out}': {exc.strerror or exc}; "
            "fix its permissions or choose another -o folder"
        ) from None
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def merge_and_write(
    store: MergeStore,
    out: Path,
    opts: BuildOptions,
    cache: ArticleCache,
    summary: BuildSummary,
    stats: array[int],
    work: Path,
    changes: Changes | None,
    lap: Callable[[str], None] = lambda phase: None,
) -> None:
    """Write the outputs of a merged store, unless the last build wrote them from the same
    inputs (then its recorded counts are reported); ``changes``: what an incremental merge
    changed (the pieces of the files are made again first); ``lap`` hears when the
    files are written (``write``) and the query store loaded (``query store``)."""
    change = None
    if changes is not None and fragments.complete(store):
        change = fragments.update(store, changes, turtle_namespaces(store.base), work).pairs
    held = store_source(out / "graph.ttl") if change is not None else None
    summary.articles = store.article_count()
    paths = [out / n for n in output_names(opts)]
    digest = outputs_digest(opts, cache.fingerprint, store.articles(), summary.skipped)
    current = opts.cache and cache.outputs_current(digest, paths)
    counts = cache.recorded_counts() if current else None
    if counts is None:
        counts = {"entities": store.entity_count(), "per_relation": store.per_relation()}
    summary.entities = counts["entities"]
    summary.per_relation = counts["per_relation"]
    summary.facts = sum(summary.per_relation.values())
    if current:
        summary.up_to_date = True
    else:
        cache.forget_outputs()
        paths = write_store_outputs(store, out, opts, summary.skipped, work)
        lap("write")
        prime_store(out / "graph.ttl", held, change)
        lap("query store")
    cache.record(digest, paths, stats, counts)
    summary.outputs = paths
