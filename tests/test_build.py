"""The build: text pieces for spaCy, pathological inputs, --jobs, worker time bounds, CLI."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS
from spacy.language import Language
from spacy.tokens import Doc

from actorgraph.extractors.records import Article, ArticleResult
from actorgraph.graph.build import BuildOptions, build
from actorgraph.graph.build.nlp import CHUNK_CHARS, MAX_RUN, nlp_pieces, process_articles
from actorgraph.graph.build.parallel import WorkerError, pool_results
from actorgraph.graph.cli.build import build as build_command
from actorgraph.graph.read import Skipped

OUTPUTS = ("triples.jsonl", "entities.jsonl", "graph.ttl")


def article(name: str, text: str) -> Article:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(name=name, path=f"in/{name}", text=text, sha256=sha)


# --------------------------------------------------------------------------- pieces


def test_an_ordinary_article_is_one_piece():
    text = "Kataib Hezbollah is part of the PMF.\n\nIt was founded in 2003."
    assert nlp_pieces(text) == [(0, text)]


def test_long_runs_are_left_out_and_offsets_kept():
    url = "https://example.com/" + "a/" * MAX_RUN
    text = f"Iran backs Hezbollah. See {url} for more. The end."
    pieces = nlp_pieces(text)
    assert [p for _, p in pieces] == ["Iran backs Hezbollah. See ", "for more. The end."]
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
    assert nlp_pieces("x" * (MAX_RUN + 1)) == [(0, "")]
    assert nlp_pieces("y" * MAX_RUN) == [(0, "y" * MAX_RUN)]  # at the limit: kept


def test_huge_texts_are_split_into_chunks():
    text = "Iran backs Hezbollah. " * (CHUNK_CHARS // 10)
    pieces = nlp_pieces(text)
    assert len(pieces) > 1
    assert all(len(p) <= CHUNK_CHARS for _, p in pieces)
    assert "".join(p for _, p in pieces) == text


# --------------------------------------------------------------------------- pathological


@pytest.mark.model
@pytest.mark.parametrize(
    "junk",
    [
        pytest.param("!" * 100_000, id="100k-repeated-characters"),
        pytest.param("https://example.com/" + "abc/" * 12_495, id="50k-character-url"),
    ],
)
def test_pathological_text_is_processed_quickly(nlp, junk):  # type: ignore[no-untyped-def]
    fact = "Kataib Hezbollah is part of the Popular Mobilization Forces."
    text = f"{fact} {junk} {fact}"
    started = time.perf_counter()
    [result] = list(process_articles(nlp, iter([article("junk.txt", text)])))
    assert time.perf_counter() - started < 5  # unsplit, "!" * 100k alone takes minutes
    assert {(f.relation, f.evidence.sentence) for f in result.facts} == {("partOf", fact)}
    starts = sorted(f.evidence.start for f in result.facts)
    assert starts == [0, len(text) - len(fact)]  # offsets are in the whole article


# --------------------------------------------------------------------------- --jobs


@pytest.mark.model
def test_two_worker_processes_give_byte_identical_outputs(seeds_build, tmp_path):  # type: ignore[no-untyped-def]
    _, summary = build([SEEDS], tmp_path, BuildOptions(html=False, jobs=2, task_articles=2))
    assert summary.processed == 5 and summary.from_cache == 0
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (seeds_build[1] / name).read_bytes(), name


# --------------------------------------------------------------------------- worker pool
# A blank pipeline whose component sleeps, crashes or raises on a keyword: it loads
# in a fraction of a second, so the pool's failure handling is tested quickly.


@Language.component("test_trouble")
def _trouble(doc: Doc) -> Doc:
    if "SLEEP" in doc.text:
        time.sleep(30)
    if "CRASH" in doc.text:
        os._exit(3)
    if "BOOM" in doc.text:
        raise ValueError("boom")
    return doc


class TroubleLoader:
    """A picklable loader for worker processes (see :class:`PipelineSpec`)."""

    batch_size = 4

    def load(self) -> Language:
        import spacy

        from actorgraph.extractors.resolve import ensure_extensions

        ensure_extensions()
        nlp = spacy.blank("en")
        nlp.add_pipe("test_trouble")
        return nlp


class BrokenLoader(TroubleLoader):
    def load(self) -> Language:
        from actorgraph.extractors.pipeline import ModelLoadError

        raise ModelLoadError("cannot load spaCy model 'nope'")


def run_pool(texts: dict[str, str], **kw: object) -> dict[str, ArticleResult | Skipped]:
    items = iter(enumerate(article(n, t) for n, t in texts.items()))
    names = list(texts)
    return {names[i]: r for i, r in pool_results(TroubleLoader(), items, **kw)}  # type: ignore[arg-type]


def test_an_article_past_the_time_bound_is_skipped_and_the_rest_processed():
    texts = {"a.txt": "Fine text.", "slow.txt": "SLEEP here.", "c.txt": "Also fine."}
    started = time.perf_counter()
    out = run_pool(texts, jobs=1, timeout=1.5, task_articles=3)
    assert time.perf_counter() - started < 25
    assert isinstance(out["a.txt"], ArticleResult) and isinstance(out["c.txt"], ArticleResult)
    skipped = out["slow.txt"]
    assert isinstance(skipped, Skipped)
    assert skipped.kind == "timeout" and skipped.path == "in/slow.txt"
    assert "longer than 1.5 s" in skipped.reason


def test_an_article_that_kills_its_worker_is_skipped_as_a_crash():
    out = run_pool({"a.txt": "Fine.", "b.txt": "CRASH now.", "c.txt": "Fine too."}, jobs=2)
    assert isinstance(out["a.txt"], ArticleResult) and isinstance(out["c.txt"], ArticleResult)
    assert isinstance(out["b.txt"], Skipped) and out["b.txt"].kind == "crash"


def test_an_exception_in_a_worker_fails_the_build_with_its_message():
    with pytest.raises(WorkerError, match=r"failed on .*b\.txt.*ValueError: boom"):
        run_pool({"a.txt": "Fine.", "b.txt": "BOOM"}, jobs=1)


def test_a_model_that_cannot_load_is_reported_once():
    from actorgraph.extractors.pipeline import ModelLoadError

    items = iter(enumerate([article("a.txt", "text")]))
    with pytest.raises(ModelLoadError, match="cannot load spaCy model 'nope'"):
        list(pool_results(BrokenLoader(), items, jobs=2))


def test_no_worker_starts_without_articles(monkeypatch):
    from actorgraph.graph.build import parallel

    def no_start(*_a: object) -> None:
        raise AssertionError("a worker was started")

    monkeypatch.setattr(parallel, "_start", no_start)
    assert list(pool_results(TroubleLoader(), iter([]), jobs=2)) == []


# --------------------------------------------------------------------------- CLI


def test_help_explains_every_option():
    text = CliRunner().invoke(build_command, ["--help"]).output
    for option in (
        "--out",
        "--model",
        "--min-confidence",
        "--base",
        "--gazetteer",
        "--max-bytes",
        "--jobs",
        "--article-timeout",
        "--no-cache",
        "--prune",
        "--dask",
        "--no-html",
        "--quiet",
    ):
        assert option in text, option
    assert "exactly the articles given" in " ".join(text.split())


@pytest.mark.model
def test_cli_summary_counts_processed_and_cached_articles(tmp_path):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    args = [str(SEEDS), "-o", str(tmp_path), "--no-html", "--jobs", "0"]
    first = runner.invoke(build_command, args)
    assert first.exit_code == 0, first.output
    assert "5 articles (5 processed, 0 from cache)" in first.output
    assert "wrote " in first.output
    again = runner.invoke(build_command, args)
    assert "5 articles (0 processed, 5 from cache)" in again.output
    assert "outputs up to date" in again.output


@pytest.mark.model
def test_ctrl_c_with_a_worker_running_stops_without_traceback(tmp_path):  # type: ignore[no-untyped-def]
    exe = Path(sys.executable).parent / "actorgraph"
    proc = subprocess.Popen(
        [str(exe), "build", str(SEEDS), "-o", str(tmp_path), "--no-cache"],
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.0)  # the worker is loading the model or processing
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the build finished before the interrupt arrived")
    assert proc.returncode == 130
    assert "Traceback" not in err and "interrupted" in err
    assert not (tmp_path / "graph.ttl").exists()
