"""Answers a persistent store keeps: a query that reads the whole graph, answered once per graph.

The named queries without parameters (``single-source``, ``most-connected``) read
every fact. On a graph of a million triples Oxigraph spends 1.6-2.8 s in its
RocksDB store on them even written as well as we could (each of the 30,000 rows
takes about nine index reads and the strings it shows), so a build answers them
right after loading its store, and :meth:`OxigraphBackend.query_kept
<actorgraph.graph.sparql.engines.OxigraphBackend.query_kept>` keeps each answer in
``STORE/answers/NAME.json``: the rows (terms in the compact form of
:data:`~actorgraph.graph.sparql.results.Cell`), the hash of the query text and the
marker of the graph the store held. An answer is read back only for the same
query text on the same loaded graph; reloading the store drops them all.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from .results import Compact

__all__ = ["FOLDER", "MAX_ROWS", "answer_path", "read_answer", "write_answer"]

#: the sub-folder of a store that holds kept answers
FOLDER = "answers"

#: answers with more rows are not kept (reading them back would not be quick either)
MAX_ROWS = 1_000_000

_FORMAT = 1


def answer_path(store_dir: Path, key: str) -> Path:
    """Where the answer kept under ``key`` (a query's name) lives."""
    return store_dir / FOLDER / (re.sub(r"[^A-Za-z0-9_-]", "_", key) + ".json")


def _query_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_answer(path: Path, marker: dict[str, Any] | None, text: str) -> Compact | None:
    """The answer kept in ``path`` if it was made by ``text`` on the graph ``marker`` names.

    Anything else (no file, another graph or query, a damaged file) gives None.
    """
    if marker is None:
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if (
            doc.get("format") != _FORMAT
            or doc.get("graph") != marker
            or doc.get("query") != _query_hash(text)
        ):
            return None
        variables = tuple(str(v) for v in doc["variables"])
        rows = tuple(tuple(row) for row in doc["rows"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if any(len(row) != len(variables) for row in rows):
        return None
    return Compact(variables, rows)  # a damaged cell fails in Compact.outcome()


def write_answer(path: Path, marker: dict[str, Any] | None, text: str, answer: Compact) -> None:
    """Keep ``answer`` to ``text`` on the graph ``marker`` names (best effort, atomic)."""
    if marker is None or len(answer.rows) > MAX_ROWS:
        return
    doc = {
        "format": _FORMAT,
        "graph": marker,
        "query": _query_hash(text),
        "variables": list(answer.variables),
        "rows": answer.rows,
    }
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except (OSError, ValueError):  # a full disk; a string UTF-8 cannot hold
        with contextlib.suppress(OSError):
            tmp.unlink()
