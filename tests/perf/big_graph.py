"""Make a large graph by repeating a built one (not part of the test run).

Usage::

    python tests/perf/big_graph.py out/graph.ttl --triples 1000000 -o big/graph.nt

Copy 0 is the graph as it is; copy ``k`` renames every data IRI
(``.../id/entity/x`` becomes ``.../id/entity/x-rk``) and appends `` rk`` to every
``skos:prefLabel`` / ``skos:altLabel``, so names stay unique (``Kataib Hezbollah``
resolves to copy 0) and every copy has the shape of the original. Copies are added
until the graph holds at least ``--triples`` triples. Written as N-Triples.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pyoxigraph as ox

DATA_IRI = re.compile(r"<(https?://[^>]*/id/[^>]*)>")
LABEL = re.compile(r'(<http://www\.w3\.org/2004/02/skos/core#(?:pref|alt)Label> "(?:[^"\\]|\\.)*)"')


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", type=Path, help="a graph file (Turtle or N-Triples)")
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args()
    fmt = ox.RdfFormat.from_extension(args.graph.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    quads = list(ox.parse(path=str(args.graph), format=fmt))
    nt = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    assert nt is not None
    lines = nt.decode("utf-8").splitlines()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    written, k = 0, 0
    with args.out.open("w", encoding="utf-8") as fh:
        while written < args.triples:
            for line in lines:
                if k:
                    line = DATA_IRI.sub(rf"<\1-r{k}>", line)
                    line = LABEL.sub(rf'\1 r{k}"', line)
                fh.write(line + "\n")
            written += len(lines)
            k += 1
    print(f"wrote {args.out}: {written} triples, {k} copies of {len(lines)}")


if __name__ == "__main__":
    main()
