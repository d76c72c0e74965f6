"""Time ``actorgraph query`` end to end, in fresh processes (not part of the test run).

Usage::

    python tests/perf/query_bench.py --graph out/graph.ttl --runs 10 [--store rdflib] \\
        [--bind actor=KH] [--limit N] [-f tsv] [--name who-backs | --query 'SELECT ...']

Each run is a new ``actorgraph`` process (interpreter start, imports, reading the
graph or opening its store, the query, the table); the script prints the fastest,
the median and the slowest wall-clock time and the median CPU time (user + system
of the process and its query workers), which a busy machine disturbs less.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", required=True)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--store")
    ap.add_argument("--name")
    ap.add_argument("--query")
    ap.add_argument("--bind", action="append", default=[])
    ap.add_argument("--limit", type=int, help="passed on: show at most N rows")
    ap.add_argument("-f", "--format", dest="fmt", help="passed on (default: the table)")
    args = ap.parse_args()
    exe = shutil.which("actorgraph") or sys.exit("actorgraph is not installed")
    cmd = [exe, "query", "--graph", args.graph]
    if args.store:
        cmd += ["--store", args.store]
    cmd += ["--name", args.name] if args.name else [args.query or "SELECT * WHERE { ?s ?p ?o }"]
    for b in args.bind:
        cmd += ["--bind", b]
    if args.limit is not None:
        cmd += ["--limit", str(args.limit)]
    if args.fmt:
        cmd += ["-f", args.fmt]
    walls, cpus = [], []
    for _ in range(args.runs):
        before = os.times()
        started = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
        after = os.times()
        cpus.append(
            after.children_user
            - before.children_user
            + after.children_system
            - before.children_system
        )
    print(
        f"wall min {min(walls):.3f} s, median {statistics.median(walls):.3f} s, "
        f"max {max(walls):.3f} s; cpu median {statistics.median(cpus):.3f} s ({args.runs} runs)"
    )


if __name__ == "__main__":
    main()
