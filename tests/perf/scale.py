"""Benchmarks at scale: the streaming merge, incremental builds, Dask (not part of the test run).

Usage::

    python tests/perf/scale.py synthetic --corpus ../shared/corpora/bbc_news --built BBC_OUT \\
        --articles 10000 100000 1000000 --json merge.json
    python tests/perf/scale.py incremental --corpus ../shared/corpora/bbc_news --built BBC_OUT \\
        --articles 100000
    python tests/perf/scale.py realtext --corpus ../shared/corpora/bbc_news --articles 10000
    python tests/perf/scale.py dask --corpus ../shared/corpora/bbc_news --articles 2000

``BBC_OUT`` is the output folder of an ``actorgraph build`` of the whole corpus (its cache
holds the per-article results the synthetic ones are made from; they are looked up under
the extraction fingerprint of the code that runs the script)::

    actorgraph build ../shared/corpora/bbc_news -o BBC_OUT --jobs 2 --no-html

Synthetic results (``synthetic``, ``incremental``): article ``i`` is a copy of the real
result of article ``i mod n`` of the corpus (n = 2,127 distinct BBC texts), so the
numbers of entities, aliases, mentions and facts per article, the types and relations
and the entities shared within a copy are exactly the real build's.  Copy ``c`` (``i div
n``) renames every entity found only in the text (keys ``name:...``, labels, aliases)
by a letter substitution of its own (copy 0 is the real corpus): names keep their
words, case and acronym form, so they merge within a copy as in the real build but not
across copies; gazetteer entities (a quarter of the mentions) are shared by all copies.
The number of distinct entities therefore grows with the articles at the real rate
(about 5.6 new entities an article: 567,460 at 100,000, 5,562,954 at 1,000,000), the worst
case for memory: a real archive repeats names more and grows more slowly.

``incremental`` writes N small article files and a synthetic result for each in the output
folder's cache, builds them as the CLI does (``--jobs 1 --no-html``), builds again
unchanged, then adds one real article (a seed article), changes one (a seed article's
text in place of a synthetic one), removes one and builds again unchanged, each step a
fresh process; it reports each build's phases (``BuildSummary.phases``).

Every measurement runs in a fresh child process; peak RSS is the resident memory of the
child and its descendants (psutil, sampled every 0.1 s), the build's worker processes
included.  Times are wall clock; the machine may be shared (load average reported).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import PeakSampler, corpus_files, machine, tree_rss

MB = 2**20


# --------------------------------------------------------------------------- synthetic results


def load_templates(corpus: str, built: str, exclude: Sequence[str] = ("SOURCE.txt",)) -> list[Any]:
    """The real per-article results of a built corpus, from its cache, in input order."""
    from actorgraph.graph.build import BuildOptions
    from actorgraph.graph.build.cache import ArticleCache, slim
    from actorgraph.graph.build.run import _fingerprint
    from actorgraph.graph.read import iter_articles

    cache = ArticleCache(Path(built), _fingerprint(BuildOptions()))
    files = corpus_files(Path(corpus), None, exclude)
    out = []
    for art in iter_articles(files, on_skip=lambda s: None):
        hit = cache.get(art)
        if hit is None:
            raise SystemExit(f"{art.name} is not in the cache of {built}: build the corpus there")
        out.append(slim(hit))
    return out


def _letters(copy: int) -> dict[int, int]:
    """Copy ``copy``'s letter substitution (copy 0: none), same for both cases."""
    if copy == 0:
        return {}
    lower = list(string.ascii_lowercase)
    random.Random(copy).shuffle(lower)
    perm = "".join(lower)
    return str.maketrans(string.ascii_lowercase + string.ascii_uppercase, perm + perm.upper())


def synthetic_results(templates: list[Any], n: int, start: int = 0) -> Iterator[Any]:
    """Results ``start`` .. ``start + n - 1`` (see the module doc)."""
    from actorgraph.extractors.records import Article, ArticleResult, Evidence, Fact, LocalEntity

    current, tr = -1, {}
    for i in range(start, start + n):
        copy, j = divmod(i, len(templates))
        t = templates[j]
        if copy != current:
            current, tr = copy, _letters(copy)

        def key(k: str, tr: dict[int, int] = tr) -> str:
            if k.startswith("gaz:"):
                return k
            kind, etype, name = k.split(":", 2)
            return f"{kind}:{etype}:{name.translate(tr)}"

        name = f"c{copy:04d}/{t.article.name}"
        sha = hashlib.sha256(f"{copy}:{t.article.sha256}".encode()).hexdigest()
        art = Article(name, name, "", sha, t.article.title, t.article.date)
        ents = tuple(
            e
            if e.key.startswith("gaz:")
            else LocalEntity(
                key(e.key),
                e.label.translate(tr),
                e.type,
                tuple(a.translate(tr) for a in e.aliases),
                e.mentions,
            )
            for e in t.entities
        )
        facts = tuple(
            Fact(
                key(f.subject),
                f.relation,
                key(f.object),
                Evidence(name, sha, *(getattr(f.evidence, a) for a in _EV_REST)),
            )
            for f in t.facts
        )
        yield ArticleResult(art, ents, facts)


_EV_REST = ("sentence", "start", "end", "extractor", "confidence")


class PhaseSampler(threading.Thread):
    """Samples this process tree's RSS; keeps the peak of each named phase."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.phase = "start"
        self.peaks: dict[str, int] = {}
        self.times: dict[str, float] = {}
        self._t = time.perf_counter()
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            rss = tree_rss(os.getpid())
            self.peaks[self.phase] = max(self.peaks.get(self.phase, 0), rss)
            self._stop_event.wait(0.1)

    def next(self, phase: str) -> None:
        now = time.perf_counter()
        self.times[self.phase] = now - self._t
        self._t = now
        self.phase = phase

    def stop(self) -> None:
        self.next("done")
        self._stop_event.set()
        self.join()


# --------------------------------------------------------------------------- children


def child_synthetic(corpus: str, built: str, n: int, work: str, in_memory: bool) -> dict[str, Any]:
    """Ingest, merge and write ``n`` synthetic results (or merge them in memory)."""
    from actorgraph.graph.build import BuildOptions, write_outputs
    from actorgraph.graph.build.stream_merge import MergeStore
    from actorgraph.graph.build.stream_write import turtle_namespaces, write_streamed
    from actorgraph.graph.core.merge import merge

    sampler = PhaseSampler()
    sampler.start()
    templates = load_templates(corpus, built)
    out = Path(work)
    sampler.next("ingest")
    if in_memory:
        results = list(synthetic_results(templates, n))
        sampler.next("merge")
        kg = merge(results, min_confidence=0.5)
        sampler.next("write")
        write_outputs(kg, out, BuildOptions(html=False))
        counts = {"entities": len(kg.entities), "facts": len(kg.edges)}
        db_bytes = 0
    else:
        store = MergeStore(out / "merge.sqlite", min_confidence=0.5)
        for i, r in enumerate(synthetic_results(templates, n)):
            store.add(i, r)
        store.flush()
        sampler.next("merge")
        store.merge()
        sampler.next("write")
        write_streamed(
            store,
            out / "graph.ttl",
            out / "triples.jsonl",
            out / "entities.jsonl",
            namespaces=turtle_namespaces(store.base),
            work=out,
        )
        counts = {"entities": store.entity_count(), "facts": sum(store.per_relation().values())}
        db_bytes = (out / "merge.sqlite").stat().st_size
        store.close()
    sampler.stop()
    sizes = {f: (out / f).stat().st_size for f in ("graph.ttl", "triples.jsonl", "entities.jsonl")}
    return {
        "articles": n,
        "in_memory": in_memory,
        **counts,
        "seconds": sampler.times,
        "phase_peak_rss": sampler.peaks,
        "bytes": {**sizes, "merge.sqlite": db_bytes},
    }


def child_generate(corpus: str, built: str, n: int) -> dict[str, Any]:
    """Only generate ``n`` synthetic results (the share of the ingest time that is the
    benchmark's own)."""
    templates = load_templates(corpus, built)
    started = time.perf_counter()
    count = sum(1 for _ in synthetic_results(templates, n))
    return {"articles": count, "seconds": time.perf_counter() - started}


def run_child(args: list[str], timeout: float | None = None) -> dict[str, Any]:
    """This script's child mode in a fresh process: its JSON, wall time and peak tree RSS."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "_child", *args]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = PeakSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate(timeout=timeout)
    wall = time.perf_counter() - started
    peak = sampler.stop()
    if proc.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{err[-3000:]}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result.update(wall_seconds=wall, peak_rss=peak, load_after=os.getloadavg()[0])
    return result


# --------------------------------------------------------------------------- commands


def cmd_synthetic(args: argparse.Namespace) -> dict[str, Any]:
    report: dict[str, Any] = {"machine": machine(), "runs": []}
    gen = run_child(["generate", args.corpus, args.built, str(min(args.articles))])
    report["generate"] = gen
    print(f"generating {gen['articles']:,} results alone: {gen['seconds']:.1f} s", file=sys.stderr)
    for n in args.articles:
        for in_memory in [False, *([True] if n <= args.in_memory_up_to else [])]:
            work = Path(tempfile.mkdtemp(prefix=f"merge-{n}-", dir=args.workdir))
            try:
                mode = "in-memory" if in_memory else "streaming"
                print(f"... {n:,} articles, {mode}", file=sys.stderr, flush=True)
                r = run_child(
                    ["synthetic", args.corpus, args.built, str(n), str(work), str(int(in_memory))]
                )
            finally:
                if args.keep and not in_memory:
                    keep = Path(args.keep) / f"synthetic-{n}"
                    shutil.rmtree(keep, ignore_errors=True)
                    shutil.copytree(work, keep, ignore=shutil.ignore_patterns("*.sqlite"))
                shutil.rmtree(work, ignore_errors=True)
            report["runs"].append(r)
            secs = sum(v for k, v in r["seconds"].items() if k in ("ingest", "merge", "write"))
            print(
                f"{n:>9,} {mode:<10} {r['wall_seconds']:8.1f} s wall, merge+write {secs:8.1f} s "
                f"({n / secs:,.0f} articles/s), peak RSS {r['peak_rss'] / MB:,.0f} MB; "
                f"{r['entities']:,} entities, {r['facts']:,} facts; phases "
                + ", ".join(f"{k} {v:.1f} s" for k, v in r["seconds"].items()),
                file=sys.stderr,
                flush=True,
            )
    return report


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        mode, rest = sys.argv[2], sys.argv[3:]
        if mode == "synthetic":
            result = child_synthetic(rest[0], rest[1], int(rest[2]), rest[3], rest[4] == "1")
        elif mode == "generate":
            result = child_generate(rest[0], rest[1], int(rest[2]))
        else:
            result = CHILDREN[mode](*rest)
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", help="write the report as JSON here")
    parser.add_argument("--workdir", help="scratch folder (default: the system's temp folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    syn = sub.add_parser("synthetic", help="the merge alone on synthetic per-article results")
    syn.add_argument("--corpus", required=True, help="the corpus the templates come from")
    syn.add_argument("--built", required=True, help="output folder of a build of the corpus")
    syn.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    syn.add_argument(
        "--in-memory-up-to",
        type=int,
        default=0,
        metavar="N",
        help="also run the in-memory merge (merge() + write_outputs) up to N articles",
    )
    syn.add_argument(
        "--keep", metavar="DIR", help="keep each size's graph files in DIR/synthetic-N"
    )
    syn.set_defaults(run=cmd_synthetic)
    add_more_commands(sub)
    args = parser.parse_args()
    report = args.run(args)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")


# --------------------------------------------------------------------------- builds


def child_build(
    inputs: str, out: str, jobs: str, dask: str = "", workers: str = "0"
) -> dict[str, Any]:
    """``build_files`` as the CLI runs it (``--no-html``), optionally on a LocalCluster of
    ``workers`` single-thread worker processes started here (``dask`` = "local")."""
    from actorgraph.graph.build import BuildOptions, build_files

    paths = (
        json.loads(Path(inputs).read_text(encoding="utf-8"))
        if inputs.endswith(".json")
        else [inputs]
    )
    opts = BuildOptions(html=False, jobs=int(jobs))
    cluster = None
    timeline = Timeline()
    timeline.start()
    started = time.perf_counter()
    if dask == "local":
        from distributed import LocalCluster

        cluster = LocalCluster(
            n_workers=int(workers), threads_per_worker=1, processes=True, dashboard_address=None
        )
        opts.dask = cluster.scheduler_address
    cluster_seconds = time.perf_counter() - started
    try:
        summary = build_files(paths, out, opts)
    finally:
        if cluster is not None:
            cluster.close()
    phases = getattr(summary, "phases", {})
    phase_peaks = timeline.peaks(phases)
    return {
        "phase_peak_rss": phase_peaks,
        "seconds_in_build": time.perf_counter() - started - cluster_seconds,
        "cluster_start_seconds": cluster_seconds,
        "articles": summary.articles,
        "processed": summary.processed,
        "from_cache": summary.from_cache,
        "up_to_date": summary.up_to_date,
        "entities": summary.entities,
        "facts": summary.facts,
        "skipped": len(summary.skipped),
        # (builds before the incremental merge had neither: the script measures them too)
        "incremental": getattr(summary, "incremental", False),
        "phases": getattr(summary, "phases", {}),
    }


class Timeline(threading.Thread):
    """Samples this process tree's RSS every 0.1 s with the time, to give each phase of a
    build its peak afterwards (:meth:`peaks`)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[tuple[float, int]] = []
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.samples.append((time.perf_counter(), tree_rss(os.getpid())))
            self._stop_event.wait(0.1)

    def peaks(self, phases: dict[str, float]) -> dict[str, int]:
        """Peak RSS per phase (``BuildSummary.phases``: seconds, in order, ending when the
        build returned; the time before the first is ``setup``: walking the inputs ...)."""
        self._stop_event.set()
        self.join()
        end = time.perf_counter()
        bounds, t = [], end
        for name, seconds in reversed(list(phases.items())):
            bounds.append((name, t - seconds, t))
            t -= seconds
        bounds.append(("setup", 0.0, t))
        out: dict[str, int] = {}
        for name, a, b in reversed(bounds):
            inside = [rss for when, rss in self.samples if a <= when < b]
            out[name] = max(inside, default=0)
        return out


def _sizes(out: Path) -> dict[str, int]:
    """Bytes of the output files, the kept merge store and the query store of a build."""
    from actorgraph.graph.build.cache import CACHE_DIR
    from actorgraph.graph.sparql.engines import STORE_DIR

    def folder(path: Path) -> int:
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())

    files = {f: (out / f).stat().st_size for f in ("graph.ttl", "triples.jsonl", "entities.jsonl")}
    return {
        **files,
        "merge_store": folder(out / CACHE_DIR / "merge"),
        "query_store": folder(out / STORE_DIR),
    }


def child_seed_cache(corpus: str, built: str, n: str, folder: str, out: str) -> dict[str, Any]:
    """Write ``n`` small article files and, in ``out``'s cache, a synthetic result for
    each (so a build of the folder finds every article in the cache)."""
    from dataclasses import replace

    from actorgraph.graph.build import BuildOptions
    from actorgraph.graph.build.cache import ArticleCache
    from actorgraph.graph.build.run import _fingerprint

    templates = load_templates(corpus, built)
    cache = ArticleCache(Path(out), _fingerprint(BuildOptions()))
    root = Path(folder)
    started = time.perf_counter()
    for i, r in enumerate(synthetic_results(templates, int(n))):
        text = f"Synthetic article {i}.\n"
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        path = root / f"{i // 1000:04d}" / f"a{i:07d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        cache.put(replace(r, article=replace(r.article, sha256=sha)))
    return {"articles": int(n), "seconds": time.perf_counter() - started}


def cmd_incremental(args: argparse.Namespace) -> dict[str, Any]:
    """Build N synthetic articles from the cache, build again unchanged, then add one real
    article, change one (a real text in place of a synthetic one) and remove one."""
    from actorgraph.graph.build.cache import CACHE_DIR

    work = Path(tempfile.mkdtemp(prefix="incremental-", dir=args.workdir))
    report: dict[str, Any] = {"machine": machine(), "articles": args.articles}
    seeds = sorted(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt"))
    try:
        inp, out = work / "in", work / "out"
        print(f"... writing {args.articles:,} articles and cache entries", file=sys.stderr)
        report["seed"] = run_child(
            ["seed_cache", args.corpus, args.built, str(args.articles), str(inp), str(out)]
        )
        middle = inp / f"{args.articles // 2000:04d}" / f"a{args.articles // 2:07d}.txt"
        last = inp / f"{(args.articles - 1) // 1000:04d}" / f"a{args.articles - 1:07d}.txt"
        steps: list[tuple[str, Any]] = [
            ("first", None),
            ("unchanged", None),
            ("add_one", lambda: (inp / "zz_new.txt").write_text(seeds[0].read_text("utf-8"))),
            ("change_one", lambda: middle.write_text(seeds[1].read_text("utf-8"))),
            ("remove_one", lambda: last.unlink()),
            ("unchanged_again", None),
        ]
        for name, edit in steps:
            if args.steps and name not in args.steps:
                continue
            if edit is not None:
                edit()
            print(f"... {name}", file=sys.stderr, flush=True)
            r = run_child(["build", str(inp), str(out), "1"])
            r["sizes"] = _sizes(out)
            report[name] = r
            phases = ", ".join(
                f"{k} {v:.1f} s ({r['phase_peak_rss'].get(k, 0) / MB:,.0f} MB)"
                for k, v in r["phases"].items()
            )
            print(
                f"{name:>15}: {r['wall_seconds']:.1f} s, peak RSS {r['peak_rss'] / MB:,.0f} MB, "
                f"{r['processed']} processed, {r['from_cache']:,} from cache, "
                f"{'incremental' if r['incremental'] else 'full'} merge, outputs "
                f"{'kept' if r['up_to_date'] else 'written'}; setup "
                f"({r['phase_peak_rss'].get('setup', 0) / MB:,.0f} MB), {phases}; load after "
                f"{r['load_after']:.1f}; sizes (MB) "
                + ", ".join(f"{k} {v / MB:,.0f}" for k, v in r["sizes"].items()),
                file=sys.stderr,
                flush=True,
            )
        report["cache_bytes"] = sum(
            f.stat().st_size for f in (out / CACHE_DIR).rglob("*") if f.is_file()
        )
        report["store_bytes"] = sum(
            f.stat().st_size for f in (out / CACHE_DIR / "merge").rglob("*") if f.is_file()
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return report


def _copies(corpus: str, n: int, folder: Path) -> list[str]:
    """``n`` articles: the corpus's files, then copies of them each with a line of its own
    appended (``(copy 2)``), so that no two texts are alike (no cache hit, no duplicate)."""
    files = corpus_files(Path(corpus), None, ("SOURCE.txt",))
    out: list[str] = []
    for i in range(n):
        copy, j = divmod(i, len(files))
        if copy == 0:
            out.append(files[j])
            continue
        src = Path(files[j])
        dest = folder / f"copy{copy:03d}" / src.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(src.read_text(encoding="utf-8") + f"\n(copy {copy})\n", encoding="utf-8")
        out.append(str(dest))
    return out


def cmd_realtext(args: argparse.Namespace) -> dict[str, Any]:
    """A build of N real articles with --jobs N --no-html (a fresh output folder)."""
    work = Path(tempfile.mkdtemp(prefix="realtext-", dir=args.workdir))
    report: dict[str, Any] = {"machine": machine(), "articles": args.articles, "jobs": args.jobs}
    try:
        files = _copies(args.corpus, args.articles, work / "copies")
        (work / "inputs.json").write_text(json.dumps(files), encoding="utf-8")
        print(f"... {len(files):,} articles, --jobs {args.jobs}", file=sys.stderr, flush=True)
        r = run_child(["build", str(work / "inputs.json"), str(work / "out"), str(args.jobs)])
        report["build"] = r
        print(
            f"{r['articles']:,} articles in {r['wall_seconds']:.1f} s "
            f"({r['articles'] / r['wall_seconds']:.1f} articles/s), peak RSS "
            f"{r['peak_rss'] / MB:,.0f} MB; {r['entities']:,} entities, {r['facts']:,} facts",
            file=sys.stderr,
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return report


def cmd_dask(args: argparse.Namespace) -> dict[str, Any]:
    """The same N articles with --jobs 2 and on a LocalCluster of two single-thread workers."""
    work = Path(tempfile.mkdtemp(prefix="dask-", dir=args.workdir))
    report: dict[str, Any] = {"machine": machine(), "articles": args.articles}
    try:
        files = _copies(args.corpus, args.articles, work / "copies")
        inputs = work / "inputs.json"
        inputs.write_text(json.dumps(files), encoding="utf-8")
        runs = [("jobs2", ["2"]), ("dask", ["1", "local", "2"])]
        for name, extra in runs * args.repeat:
            out = work / f"out-{name}"
            shutil.rmtree(out, ignore_errors=True)
            print(f"... {name}", file=sys.stderr, flush=True)
            r = run_child(["build", str(inputs), str(out), *extra])
            report.setdefault(name, []).append(r)
            print(
                f"{name:>6}: {r['wall_seconds']:.1f} s wall ({r['seconds_in_build']:.1f} s in the "
                f"build, cluster start {r['cluster_start_seconds']:.1f} s), peak RSS "
                f"{r['peak_rss'] / MB:,.0f} MB, {r['processed']:,} processed, load after "
                f"{r['load_after']:.1f}",
                file=sys.stderr,
                flush=True,
            )
        a, b = (work / "out-jobs2"), (work / "out-dask")
        report["same_outputs"] = all(
            (a / f).read_bytes() == (b / f).read_bytes()
            for f in ("graph.ttl", "triples.jsonl", "entities.jsonl")
        )
        print(f"same outputs: {report['same_outputs']}", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return report


CHILDREN: dict[str, Any] = {"build": child_build, "seed_cache": child_seed_cache}


def add_more_commands(sub: Any) -> None:
    """The subcommands that run whole builds."""
    inc = sub.add_parser(
        "incremental", help="add, change and remove one article in a build of N synthetic ones"
    )
    inc.add_argument("--corpus", required=True)
    inc.add_argument("--built", required=True)
    inc.add_argument("--articles", type=int, default=100_000)
    inc.add_argument("--keep", action="store_true", help="keep the scratch folders")
    inc.add_argument(
        "--steps",
        nargs="+",
        choices=["first", "unchanged", "add_one", "change_one", "remove_one", "unchanged_again"],
        help="run only these steps (in their usual order; default: all)",
    )
    inc.set_defaults(run=cmd_incremental)
    real = sub.add_parser("realtext", help="a build of N real articles (the corpus repeated)")
    real.add_argument("--corpus", required=True)
    real.add_argument("--articles", type=int, default=10_000)
    real.add_argument("--jobs", type=int, default=2)
    real.add_argument("--keep", action="store_true")
    real.set_defaults(run=cmd_realtext)
    dask = sub.add_parser("dask", help="N articles on a LocalCluster of 2 workers and --jobs 2")
    dask.add_argument("--corpus", required=True)
    dask.add_argument("--articles", type=int, default=2_000)
    dask.add_argument("--repeat", type=int, default=1, help="runs of each (best is quoted)")
    dask.add_argument("--keep", action="store_true")
    dask.set_defaults(run=cmd_dask)


if __name__ == "__main__":
    main()
