"""Incremental builds: per-article extraction results cached inside the output folder.

Layout (all under ``OUT/.actorgraph-cache/``, hidden and owned by actorgraph)::

    v1/<fingerprint>/<sha[:2]>/<sha256>.json   one ArticleResult per distinct article text
    v1/manifest.json                          what the last build wrote, to skip rewriting

An entry is addressed by the SHA-256 of the article text inside a folder named
by the *fingerprint* of everything else extraction depends on: the model's name
and version (read from its ``meta.json``, without loading it), spaCy's version,
``EXTRACTOR_VERSION`` and the source of the extractor package, the gazetteers'
contents and the chunking limits.  Changing any of them starts a fresh folder;
the old one stays until ``--prune``.

Entries are JSON (never pickle), written to a temporary file and renamed into
place, and fully validated when read: an unreadable, truncated or edited entry
counts as missing and is computed again.  The cache never decides what is in the
graph: a build always merges exactly the articles it is given.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import contextlib
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import secrets
import shutil
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from actorgraph.extractors.records import Article, ArticleResult, Evidence, Fact, LocalEntity
from actorgraph.ontology.namespace import ENTITY_TYPES, RELATIONS

__all__ = [
    "CACHE_DIR",
    "ArticleCache",
    "code_digest",
    "extraction_fingerprint",
    "input_stats",
    "model_identity",
    "result_from_json",
    "result_to_json",
]

CACHE_DIR = ".actorgraph-cache"
_VERSION_DIR = "v1"
_FORMAT = 1
_MANIFEST = "manifest.json"


# --------------------------------------------------------------------------- fingerprints


def _sha256(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\x1f")
    return h.hexdigest()


def model_identity(model: str) -> str:
    """``name@version`` of a spaCy model package or folder, read without loading it.

    The version comes from the model's ``meta.json``; a model whose meta cannot be
    read is identified by its name (or path) alone.
    """
    folder = Path(model)
    if not folder.is_dir():
        spec = importlib.util.find_spec(model) if model.isidentifier() else None
        locations = list(spec.submodule_search_locations or []) if spec else []
        folder = Path(locations[0]) if locations else folder
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return f"{meta.get('lang', '')}_{meta.get('name', '')}@{meta.get('version', '')}:{model}"
    except (OSError, ValueError, AttributeError):
        return f"unknown:{model}"


def _package_files(package: str, suffixes: tuple[str, ...]) -> Iterable[tuple[str, bytes]]:
    """``(relative name, bytes)`` of a package's files with these suffixes, sub-folders too."""
    stack: list[tuple[str, Traversable]] = [("", files(package))]
    while stack:
        prefix, folder = stack.pop()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir() and not entry.name.startswith(("_", ".")):
                stack.append((f"{prefix}{entry.name}/", entry))
            elif entry.is_file() and entry.name.endswith(suffixes):
                yield prefix + entry.name, entry.read_bytes()


def code_digest(packages: Mapping[str, tuple[str, ...]]) -> str:
    """SHA-256 over the named files of some packages (``{package: suffixes}``)."""
    parts: list[bytes | str] = []
    for package, suffixes in sorted(packages.items()):
        for name, data in _package_files(package, suffixes):
            parts += [package, name, data]
    return _sha256(*parts)


def extraction_fingerprint(
    model: str, gazetteer_paths: Sequence[str | os.PathLike[str]], limits: Sequence[int]
) -> str:
    """What a cached ArticleResult depends on, besides the article text.

    Args:
        model: the spaCy model name or folder (``--model``).
        gazetteer_paths: the user's extra gazetteer files, in order.
        limits: the chunking constants of the build (split sizes).

    Raises:
        OSError: a gazetteer file cannot be read.
    """
    from actorgraph.extractors.version import EXTRACTOR_VERSION

    gazetteers = [Path(p).read_bytes() for p in gazetteer_paths]
    return _sha256(
        model_identity(model),
        _spacy_version(),
        EXTRACTOR_VERSION,
        code_digest({"actorgraph.extractors": (".py",), "actorgraph.ontology": (".jsonl",)}),
        *gazetteers,
        ",".join(map(str, limits)),
    )[:24]


def _spacy_version() -> str:
    """spaCy's version, from its installed metadata: importing spaCy takes 0.6 s, which a
    build that runs the model in worker processes, or not at all, need not pay."""
    try:
        return importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:
        import spacy

        return spacy.__version__


# --------------------------------------------------------------------------- JSON records


def result_to_json(result: ArticleResult) -> dict[str, Any]:
    """A cache record of one article's result (the article itself is not stored)."""
    return {
        "format": _FORMAT,
        "sha256": result.article.sha256,
        "entities": [
            [e.key, e.label, e.type, list(e.aliases), e.mentions] for e in result.entities
        ],
        "facts": [
            [
                f.subject,
                f.relation,
                f.object,
                f.evidence.sentence,
                f.evidence.start,
                f.evidence.end,
                f.evidence.extractor,
                f.evidence.confidence,
            ]
            for f in result.facts
        ],
    }


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    if _SURROGATE.search(value):  # cannot be written as UTF-8
        raise TypeError("a string holds a lone surrogate")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected an integer")
    return value


def _confidence(value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError("expected a number")
    if not 0.0 < value <= 1.0:  # NaN fails too
        raise TypeError("confidence outside (0, 1]")
    return float(value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _entity(row: object) -> LocalEntity:
    if not isinstance(row, list) or len(row) != 5 or not isinstance(row[3], list):
        raise TypeError("bad entity row")
    aliases = tuple(_str(a) for a in row[3])
    if _str(row[2]) not in ENTITY_TYPES:
        raise TypeError(f"unknown entity type {row[2]!r}")
    mentions = _int(row[4])
    if mentions < 0:
        raise TypeError("negative mention count")
    return LocalEntity(_str(row[0]), _str(row[1]), row[2], aliases, mentions)


def _fact(row: object, article: Article, keys: set[str]) -> Fact:
    if not isinstance(row, list) or len(row) != 8:
        raise TypeError("bad fact row")
    subject, relation, obj = _str(row[0]), _str(row[1]), _str(row[2])
    if relation not in RELATIONS:
        raise TypeError(f"unknown relation {relation!r}")
    if subject not in keys or obj not in keys:
        raise TypeError("a fact names an entity the entry does not hold")
    start, end = _int(row[4]), _int(row[5])
    if not 0 <= start <= end:
        raise TypeError("bad sentence offsets")
    evidence = Evidence(
        article=article.name,
        article_sha256=article.sha256,
        sentence=_str(row[3]),
        start=start,
        end=end,
        extractor=_str(row[6]),
        confidence=_confidence(row[7]),
    )
    return Fact(subject, relation, obj, evidence)


def result_from_json(record: object, article: Article) -> ArticleResult:
    """Rebuild a cached result for ``article`` (whose current name the evidence takes).

    Every field is checked: entity types and relations must be the ontology's,
    facts must name entities of the entry, confidences lie in (0, 1] (never NaN),
    and strings must be writable as UTF-8 (no lone surrogates).

    Raises:
        ValueError: the record is not a valid entry for this article's text.
    """
    try:
        if not isinstance(record, dict) or record.get("format") != _FORMAT:
            raise TypeError("unknown format")
        if record.get("sha256") != article.sha256:
            raise TypeError("entry is for another text")
        entities, facts = record["entities"], record["facts"]
        if not isinstance(entities, list) or not isinstance(facts, list):
            raise TypeError("bad lists")
        ents = tuple(_entity(row) for row in entities)
        keys = {e.key for e in ents}
        return ArticleResult(
            article=article,
            entities=ents,
            facts=tuple(_fact(row, article, keys) for row in facts),
        )
    except (TypeError, KeyError) as exc:
        raise ValueError(f"invalid cache entry: {exc}") from None


# --------------------------------------------------------------------------- the cache


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and ``os.replace``.

    No fsync: a torn entry after a power cut is caught by validation and recomputed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


@dataclass
class ArticleCache:
    """Cached ArticleResults of one output folder for one extraction fingerprint.

    Args:
        out_dir: the build's output folder; the cache lives in ``out_dir/.actorgraph-cache``.
        fingerprint: :func:`extraction_fingerprint` of this build's settings.
    """

    out_dir: Path
    fingerprint: str
    hits: int = 0
    writes: int = 0
    #: set after the first failed write: later writes are not attempted
    write_error: str | None = None
    #: note the entries this build uses, for :meth:`prune` (a million hashes: 150 MB)
    track_used: bool = True
    _used: set[str] = field(default_factory=set)
    _folder: str = field(default="", init=False, repr=False)

    def __post_init__(self) -> None:
        self._folder = os.fspath(self.root / self.fingerprint)

    @property
    def root(self) -> Path:
        """The versioned cache folder (``OUT/.actorgraph-cache/v1``)."""
        return Path(self.out_dir) / CACHE_DIR / _VERSION_DIR

    def _entry(self, sha256: str) -> Path:
        return self.root / self.fingerprint / sha256[:2] / f"{sha256}.json"

    def get(self, article: Article) -> ArticleResult | None:
        """The cached result for ``article``'s text, or None (missing or invalid)."""
        try:
            record = json.loads(self._entry(article.sha256).read_bytes())
            result = result_from_json(record, article)
        except (OSError, ValueError, RecursionError):
            return None
        if self.track_used:
            self._used.add(article.sha256)
        self.hits += 1
        return result

    def put(self, result: ArticleResult) -> None:
        """Store a fresh result; a failing write disables the cache for this build."""
        sha = result.article.sha256
        if self.track_used:
            self._used.add(sha)
        if self.write_error is not None:
            return
        data = json.dumps(result_to_json(result), ensure_ascii=False, separators=(",", ":"))
        try:
            _write_atomic(self._entry(sha), data.encode("utf-8"))
        except OSError as exc:
            self.write_error = f"cannot write the cache in {self.root}: {exc.strerror or exc}"
            return
        self.writes += 1

    def stamp(self, sha256: str) -> str | None:
        """The size and modification time of the entry of a text, or None if it has none
        (a store made from the entry notes it: a changed entry is read again)."""
        try:  # a path made as a string: this runs for every article
            st = os.stat(f"{self._folder}/{sha256[:2]}/{sha256}.json")
        except OSError:
            return None
        return f"{st.st_size}:{st.st_mtime_ns}"

    def keep(self, sha256: str) -> None:
        """Count an article as read from the cache without reading it (its result is in
        the merge store): ``prune`` keeps its entry."""
        if self.track_used:
            self._used.add(sha256)
        self.hits += 1

    def prune(self) -> int:
        """Delete every entry this build did not use, and other fingerprints' folders.

        Returns:
            How many entry files were removed.
        """
        if not self.track_used:
            raise ValueError("prune() needs a cache that notes the entries used (track_used)")
        removed = 0
        if not self.root.is_dir():
            return 0
        for folder in self.root.iterdir():
            if folder.is_dir() and folder.name != self.fingerprint:
                removed += sum(1 for _ in folder.rglob("*.json"))
                shutil.rmtree(folder, ignore_errors=True)
        current = self.root / self.fingerprint
        if current.is_dir():
            for entry in current.glob("*/*"):
                stem = entry.name.split(".")[0] if entry.name.endswith(".json") else ""
                if stem not in self._used:
                    with contextlib.suppress(OSError):
                        entry.unlink()
                        removed += entry.name.endswith(".json")
        return removed

    # -- manifest: what the last build read and wrote -----------------------------------

    def _manifest(self) -> dict[str, Any]:
        try:
            manifest = json.loads((self.root / _MANIFEST).read_bytes())
        except (OSError, ValueError):
            return {}
        return manifest if isinstance(manifest, dict) else {}

    def outputs_current(self, digest: str, out_files: Sequence[Path]) -> bool:
        """Whether the last build had ``digest`` and its output files are untouched."""
        manifest = self._manifest()
        recorded = manifest.get("outputs")
        if manifest.get("digest") != digest or not isinstance(recorded, dict):
            return False
        if sorted(recorded) != sorted(p.name for p in out_files):
            return False
        try:
            return all(_stamp(p) == recorded[p.name] for p in out_files)
        except OSError:
            return False

    def inputs_changed(self, stats: array[int]) -> bool:
        """Whether any input file is new or has another size or mtime than at the last
        build (``stats``: :func:`input_stats`); False when there was none (its results
        may all be in the cache: the model starts at the first that is not).

        Files are compared by name, size and mtime (not folder), so a corpus moved
        or copied with its times kept counts as unchanged.  Only a hint, to start
        the model early: what is processed is decided by the hashes of the texts.
        """
        last = self._manifest().get("inputs")
        if not isinstance(last, str):
            return False
        try:
            seen = array("Q", base64.b64decode(last, validate=True))
        except (ValueError, binascii.Error):
            return True
        for stamp in stats:  # both sorted
            at = bisect.bisect_left(seen, stamp)
            if at == len(seen) or seen[at] != stamp:
                return True
        return False

    def record(
        self,
        digest: str,
        out_files: Sequence[Path],
        stats: array[int],
        counts: Mapping[str, Any] | None = None,
    ) -> None:
        """Remember this build: its digest, what it wrote (size, mtime) and read
        (:func:`input_stats`), and the graph's counts (``entities``, ``per_relation``)
        to report when nothing changes."""
        manifest = {
            "digest": digest,
            "outputs": {p.name: _stamp(p) for p in out_files},
            "inputs": base64.b64encode(stats.tobytes()).decode("ascii"),
            "counts": dict(counts or {}),
        }
        with contextlib.suppress(OSError):
            _write_atomic(self.root / _MANIFEST, json.dumps(manifest).encode("utf-8"))

    def recorded_counts(self) -> dict[str, Any] | None:
        """The counts :meth:`record` kept, or None if missing or malformed."""
        counts = self._manifest().get("counts")
        if not isinstance(counts, dict):
            return None
        entities, per_relation = counts.get("entities"), counts.get("per_relation")
        if not isinstance(entities, int) or not isinstance(per_relation, dict):
            return None
        if not all(isinstance(k, str) and isinstance(v, int) for k, v in per_relation.items()):
            return None
        return {"entities": entities, "per_relation": per_relation}

    def forget_outputs(self) -> None:
        """Drop the manifest (before outputs are rewritten)."""
        with contextlib.suppress(OSError):
            (self.root / _MANIFEST).unlink()


def input_stats(paths: Iterable[str | os.PathLike[str]]) -> array[int]:
    """The name, size and mtime of each input file (files that vanished are left out),
    each as 8 bytes of a hash, sorted: a million files, 8 MB."""
    stats = array("Q")
    for path in paths:
        with contextlib.suppress(OSError):
            st = os.stat(path)
            stamp = f"{os.path.basename(path)}\x1f{st.st_size}\x1f{st.st_mtime_ns}"
            digest = hashlib.blake2b(stamp.encode("utf-8", "surrogateescape"), digest_size=8)
            stats.append(int.from_bytes(digest.digest(), "little"))
    return array("Q", sorted(stats))


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def slim(result: ArticleResult) -> ArticleResult:
    """The result without the article text (all later stages need only its name and hash)."""
    if not result.article.text:
        return result
    return replace(result, article=replace(result.article, text=""))
