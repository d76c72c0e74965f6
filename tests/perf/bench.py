"""Benchmark ``actorgraph build`` on a corpus (not part of the test run).

Usage::

    python tests/perf/bench.py --corpus ../shared/corpora/bbc_news --json bench.json

Each measurement runs in a fresh child process (this script with a hidden
``_child`` mode) whose process tree is sampled for memory, so runs do not share
caches and a worker's memory counts.  It reports:

* bare ``nlp.pipe`` time: the stock model, no actorgraph components, over the
  same distinct texts the build processes, same batch size;
* end-to-end build time (interpreter start to exit, model load included) with
  ``--jobs 1`` (one worker process), with and without graph.html, and with
  ``--jobs 2``; articles/s, words/s, their ratios to bare ``nlp.pipe``;
* peak RSS of the build's process tree, and its RSS after 500 and 1,000 articles
  and near the last (sampled every 50 articles);
* graph size: entities, facts, RDF triples, Turtle bytes;
* incremental builds on the built folder: the same input again, and one new
  article added (both end-to-end, model load included when needed).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RSS_MARKS = (500, 1000)


# --------------------------------------------------------------------------- memory


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


class PeakSampler(threading.Thread):
    """Samples a process tree's RSS every ``interval`` seconds; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop_event.wait(self.interval)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


# --------------------------------------------------------------------------- children


def child_bare(inputs: list[str], batch_size: int) -> dict[str, Any]:
    """Time the stock model's ``nlp.pipe`` over the distinct texts of ``inputs``."""
    from actorgraph.extractors.pipeline import DEFAULT_MODEL, load_model
    from actorgraph.graph.read import iter_articles

    texts = [a.text for a in iter_articles(inputs, on_skip=lambda s: None)]
    nlp = load_model(DEFAULT_MODEL)
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "texts": len(texts), "words": sum(len(t.split()) for t in texts)}


def child_build(
    inputs: list[str], out: str, jobs: int, html: bool, task_articles: int = 32
) -> dict[str, Any]:
    """Run ``build_files()`` as the CLI does (quiet), noting tree RSS at article counts."""
    from actorgraph.graph.build import BuildOptions, build_files

    marks: dict[str, int] = {}
    done = 0

    def on_article(_a: object) -> None:
        nonlocal done
        done += 1
        if done in RSS_MARKS:
            marks[str(done)] = tree_rss(os.getpid())
        if done % 50 == 0 or done in RSS_MARKS:
            marks["last"] = tree_rss(os.getpid())

    started = time.perf_counter()
    opts = BuildOptions(html=html, jobs=jobs, task_articles=task_articles)
    summary = build_files(inputs, out, opts, on_article=on_article)
    return {
        "seconds_in_build": time.perf_counter() - started,
        "articles": summary.articles,
        "processed": summary.processed,
        "from_cache": summary.from_cache,
        "up_to_date": summary.up_to_date,
        "entities": summary.entities,
        "facts": summary.facts,
        "skipped": len(summary.skipped),
        "rss_at": marks,
    }


def run_child(args: list[str]) -> dict[str, Any]:
    """Run this script's child mode; returns its JSON plus wall time and peak tree RSS."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "_child", *args]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = PeakSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    peak = sampler.stop()
    if proc.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{err[-3000:]}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    # the 1-minute load average at the end: above the run's own process count, other
    # work shared the CPU and the timing is pessimistic
    result.update(wall_seconds=wall, peak_rss=peak, load_after=os.getloadavg()[0])
    return result


# --------------------------------------------------------------------------- the run


def corpus_files(corpus: Path, limit: int | None, exclude: Sequence[str]) -> list[str]:
    """The corpus's article files in build order, less ``exclude`` names (SOURCE.txt)."""
    from actorgraph.graph.read import discover

    found = discover([corpus], on_skip=lambda s: None)
    files = [str(p) for p in found if p.name not in exclude]
    return files[:limit] if limit else files


def graph_size(out: Path) -> dict[str, int]:
    import pyoxigraph as ox

    ttl = out / "graph.ttl"
    triples = sum(1 for _ in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
    with (out / "entities.jsonl").open(encoding="utf-8") as fh:
        entities = sum(1 for _ in fh)
    return {"entities": entities, "triples": triples, "turtle_bytes": ttl.stat().st_size}


def machine() -> dict[str, Any]:
    import psutil
    import spacy

    cpu = platform.processor()
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "date": datetime.date.today().isoformat(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(args.workdir or tempfile.mkdtemp(prefix="actorgraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    files = corpus_files(Path(args.corpus), args.limit, args.exclude)
    (work / "inputs.json").write_text(json.dumps(files), encoding="utf-8")
    inputs = str(work / "inputs.json")
    report: dict[str, Any] = {"machine": machine(), "corpus": str(args.corpus), "files": len(files)}

    def build(name: str, jobs: int, html: bool, fresh: bool = True, extra: str = "") -> Any:
        out = work / name
        if fresh:
            shutil.rmtree(out, ignore_errors=True)
        step = ["build", inputs, str(out), str(jobs), "1" if html else "0", extra]
        step.append(str(args.task_articles))
        print(f"... {name}", file=sys.stderr, flush=True)
        return run_child(step)

    if args.only:
        return run_only(args, report, inputs, build)
    print("... bare nlp.pipe", file=sys.stderr, flush=True)
    report["bare"] = run_child(["bare", inputs, str(args.batch_size)])
    report["single"] = build("single", 1, html=False)
    report["graph"] = {**graph_size(work / "single"), "facts": report["single"]["facts"]}
    report["rerun_unchanged"] = build("single", 1, html=False, fresh=False)
    new = work / "new" / "zz_new_article.txt"
    new.parent.mkdir(exist_ok=True)
    new.write_text(next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8"), "utf-8")
    report["add_one"] = build("single", 1, html=False, fresh=False, extra=str(new))
    if not args.skip_html:
        report["single_html"] = build("single_html", 1, html=True)
    report["jobs"] = build(f"jobs{args.jobs}", args.jobs, html=False)
    report["jobs"]["n"] = args.jobs
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return report


def run_only(args: argparse.Namespace, report: dict[str, Any], inputs: str, build: Any) -> Any:
    """``--only``: the chosen measurements, ``--repeat`` times in turn (the best is kept)."""
    for _ in range(args.repeat):
        if "bare" in args.only:
            print("... bare nlp.pipe", file=sys.stderr, flush=True)
            report.setdefault("bare_runs", []).append(
                run_child(["bare", inputs, str(args.batch_size)])
            )
        if "jobs" in args.only:
            report.setdefault("jobs_runs", []).append(build(f"jobs{args.jobs}", args.jobs, False))
    for key, seconds in (("bare_runs", "seconds"), ("jobs_runs", "wall_seconds")):
        if key in report:
            runs = report[key]
            print(f"{key}: " + ", ".join(f"{r[seconds]:.1f} s" for r in runs))
            report[key.removesuffix("_runs")] = min(runs, key=lambda r: r[seconds])
    if "bare" in report and "jobs" in report:
        ratio = report["jobs"]["wall_seconds"] / report["bare"]["seconds"]
        print(f"best --jobs {args.jobs} / best bare nlp.pipe: {ratio:.2f}")
    return report


def ratios(report: dict[str, Any]) -> dict[str, float]:
    bare = report["bare"]["seconds"]
    out = {
        "single_vs_bare": report["single"]["wall_seconds"] / bare,
        "jobs_vs_bare": report["jobs"]["wall_seconds"] / bare,
    }
    if "single_html" in report:
        out["single_html_vs_bare"] = report["single_html"]["wall_seconds"] / bare
    return out


def table(report: dict[str, Any]) -> str:
    mb = 2**20
    bare, single = report["bare"], report["single"]
    texts, words = bare["texts"], bare["words"]
    rows = [
        ("corpus", f"{report['files']} files, {texts} distinct texts, {words:,} words"),
        (
            "bare nlp.pipe (stock model)",
            f"{bare['seconds']:.1f} s, {texts / bare['seconds']:.1f} art/s",
        ),
    ]
    for key, label in (
        ("single", "build --jobs 1 --no-html"),
        ("single_html", "build --jobs 1 (with graph.html)"),
        ("jobs", f"build --jobs {report['jobs']['n']} --no-html"),
    ):
        if key in report:
            r = report[key]
            s = r["wall_seconds"]
            rows.append(
                (
                    label,
                    f"{s:.1f} s = {s / bare['seconds']:.2f} x bare; {texts / s:.1f} art/s, "
                    f"{words / s:,.0f} words/s; peak RSS {r['peak_rss'] / mb:,.0f} MB",
                )
            )
    marks = single["rss_at"]
    rows.append(
        (
            "RSS (jobs 1) at 500 / 1000 / all articles",
            " / ".join(f"{marks[k] / mb:,.0f} MB" for k in ("500", "1000", "last") if k in marks),
        )
    )
    g = report["graph"]
    rows.append(
        (
            "graph",
            f"{g['entities']:,} entities, {g['facts']:,} facts, {g['triples']:,} triples, "
            f"Turtle {g['turtle_bytes'] / mb:.1f} MB",
        )
    )
    for key, label in (
        ("rerun_unchanged", "re-run, unchanged input"),
        ("add_one", "add one article"),
    ):
        r = report[key]
        rows.append(
            (
                label,
                f"{r['wall_seconds']:.1f} s ({r['processed']} processed, {r['from_cache']} cached, "
                f"outputs {'kept' if r['up_to_date'] else 'rewritten'})",
            )
        )
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


def child_main(argv: list[str]) -> None:
    mode = argv[0]
    inputs = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    if mode == "bare":
        result = child_bare(inputs, int(argv[2]))
    else:
        out, jobs, html, extra = argv[2], int(argv[3]), argv[4] == "1", argv[5]
        files = [*inputs, extra] if extra else inputs
        result = child_build(files, out, jobs, html, int(argv[6]))
    print(json.dumps(result))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        child_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="folder of articles (read in place)")
    parser.add_argument("--json", help="write the full report as JSON here")
    parser.add_argument("--limit", type=int, help="use only the first N files")
    parser.add_argument(
        "--exclude",
        action="append",
        default=["SOURCE.txt", "README.txt", "README.TXT"],
        help="file names in the corpus that are not articles (default: SOURCE.txt, README.txt)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the jobs run")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size")
    parser.add_argument(
        "--task-articles", type=int, default=32, help="articles sent to a worker at a time"
    )
    parser.add_argument(
        "--only",
        choices=["bare", "jobs"],
        action="append",
        help="run only these measurements (bare nlp.pipe, the --jobs build); repeatable",
    )
    parser.add_argument("--skip-html", action="store_true", help="skip the build with graph.html")
    parser.add_argument("--workdir", help="keep build folders here (default: a temp folder)")
    parser.add_argument("--repeat", type=int, default=1, help="with --only: runs of each")
    args = parser.parse_args()
    report = run(args)
    if not args.only:
        report["ratios"] = ratios(report)
        print(table(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
