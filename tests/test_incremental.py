"""Incremental builds: the per-article cache in the output folder."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS

from actorgraph.extractors.records import Article, ArticleResult, Evidence, Fact, LocalEntity
from actorgraph.graph.build import BuildOptions, BuildSummary, build, parallel
from actorgraph.graph.build import run as build_module
from actorgraph.graph.build.cache import (
    CACHE_DIR,
    extraction_fingerprint,
    model_identity,
    result_from_json,
    result_to_json,
)

OUTPUTS = ("graph.ttl", "triples.jsonl", "entities.jsonl", "skipped.jsonl")
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def article(name: str, text: str) -> Article:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(name=name, path=name, text=text, sha256=sha)


def snapshot(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in OUTPUTS}


def entries(out: Path) -> list[Path]:
    return sorted((out / CACHE_DIR).rglob("*.json"))


def entry_files(out: Path) -> list[Path]:
    return [p for p in entries(out) if p.name != "manifest.json"]


# --------------------------------------------------------------------------- records (no model)


def sample_result() -> ArticleResult:
    art = article("a.txt", "Kata’ib Hizbollah is part of the PMF. «Ünïcode»")
    ev = Evidence("a.txt", art.sha256, "Kata’ib Hizbollah is part of the PMF.", 0, 38, "cop", 0.85)
    return ArticleResult(
        article=art,
        entities=(
            LocalEntity("gaz:kataib-hezbollah", "Kata’ib Hizbollah", "ArmedGroup", ("KH",), 2),
            LocalEntity("gaz:pmf", "PMF", "ArmedGroup", (), 1),
        ),
        facts=(Fact("gaz:kataib-hezbollah", "partOf", "gaz:pmf", ev),),
    )


def test_a_result_round_trips_through_json():
    result = sample_result()
    record = json.loads(json.dumps(result_to_json(result)))
    assert "text" not in json.dumps(record)  # the article text is not stored
    assert result_from_json(record, result.article) == result


def test_cached_evidence_takes_the_current_file_name():
    result = sample_result()
    renamed = Article("b.txt", "x/b.txt", result.article.text, result.article.sha256)
    again = result_from_json(result_to_json(result), renamed)
    assert again.article is renamed
    assert {f.evidence.article for f in again.facts} == {"b.txt"}


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: {**r, "format": 99},
        lambda r: {**r, "sha256": "0" * 64},
        lambda r: {**r, "entities": "nope"},
        lambda r: {**r, "facts": [r["facts"][0][:5]]},
        lambda r: {**r, "facts": [[*r["facts"][0][:4], "12", *r["facts"][0][5:]]]},
        lambda r: {**r, "entities": [[*r["entities"][0][:4], True]]},
        lambda r: {k: v for k, v in r.items() if k != "facts"},
        lambda r: [r],
        # issue 12 #13: values that used to pass and then broke the build or its outputs
        lambda r: {**r, "facts": [["gaz:nobody", *r["facts"][0][1:]]]},
        lambda r: {**r, "facts": [[r["facts"][0][0], "invented", *r["facts"][0][2:]]]},
        lambda r: {**r, "facts": [[*r["facts"][0][:7], float("nan")]]},
        lambda r: {**r, "facts": [[*r["facts"][0][:7], 1.5]]},
        lambda r: {**r, "facts": [[*r["facts"][0][:3], "lone \ud800", *r["facts"][0][4:]]]},
        lambda r: {**r, "entities": [[*r["entities"][0][:2], "Dragon", *r["entities"][0][3:]]]},
        lambda r: {**r, "entities": [[r["entities"][0][0], "x\udfff", *r["entities"][0][2:]]]},
    ],
)
def test_an_invalid_record_is_refused(damage):  # type: ignore[no-untyped-def]
    result = sample_result()
    with pytest.raises(ValueError, match="invalid cache entry"):
        result_from_json(damage(result_to_json(result)), result.article)


def test_model_identity_reads_meta_json_without_loading(tmp_path):  # type: ignore[no-untyped-def]
    meta = {"lang": "en", "name": "tiny", "version": "1.2.3"}
    (tmp_path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    assert model_identity(str(tmp_path)).startswith("en_tiny@1.2.3:")
    before = extraction_fingerprint(str(tmp_path), (), (1, 2))
    (tmp_path / "meta.json").write_text(json.dumps({**meta, "version": "1.2.4"}), "utf-8")
    assert extraction_fingerprint(str(tmp_path), (), (1, 2)) != before
    assert extraction_fingerprint(str(tmp_path), (), (1, 3)) != before
    assert model_identity(str(tmp_path / "missing")).startswith("unknown:")


# --------------------------------------------------------------------------- builds


@pytest.fixture
def no_model(monkeypatch):  # type: ignore[no-untyped-def]
    """Fail the test if a build loads the model or starts an NLP worker."""

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("the model was loaded")

    import actorgraph.extractors.pipeline as pipeline

    monkeypatch.setattr(pipeline, "load_pipeline", refuse)
    monkeypatch.setattr(build_module, "_load_model", refuse)
    monkeypatch.setattr(parallel, "pool_results", refuse)
    monkeypatch.setattr(parallel, "dask_results", refuse)


@pytest.fixture(scope="module")
def seeds_dir(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("in")
    for p in SEED_FILES:
        shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp, seeds_dir) -> Path:  # type: ignore[no-untyped-def]
    """A full build of the seeds, with its cache."""
    out = tmp_path_factory.mktemp("built")
    _, summary = build([seeds_dir], out, BuildOptions(html=False), nlp=nlp)
    assert summary.processed == 5 and summary.from_cache == 0
    return out


@pytest.fixture
def work(built, seeds_dir, tmp_path) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    """A copy of the input folder and of the built output folder (cache included)."""
    inp, out = tmp_path / "in", tmp_path / "out"
    shutil.copytree(seeds_dir, inp)
    shutil.copytree(built, out)
    return inp, out


def rebuild(inp: Path, out: Path, **kw: object) -> BuildSummary:
    opts = BuildOptions(html=False, jobs=0, **kw)  # type: ignore[arg-type]
    return build([inp], out, opts)[1]


def fresh(inp: Path, out: Path, nlp) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    build([inp], out, BuildOptions(html=False, cache=False), nlp=nlp)
    return snapshot(out)


@pytest.mark.model
def test_unchanged_input_loads_no_model_and_rewrites_nothing(work, no_model):  # type: ignore[no-untyped-def]
    inp, out = work
    before = snapshot(out)
    mtimes = {n: (out / n).stat().st_mtime_ns for n in OUTPUTS}
    summary = build([inp], out, BuildOptions(html=False))[1]  # default: --jobs 1
    assert (summary.processed, summary.from_cache, summary.up_to_date) == (0, 5, True)
    assert snapshot(out) == before
    assert {n: (out / n).stat().st_mtime_ns for n in OUTPUTS} == mtimes
    assert summary.facts > 20


@pytest.mark.model
def test_outputs_from_the_cache_equal_a_fresh_build(work, nlp, no_model, tmp_path):  # type: ignore[no-untyped-def]
    inp, out = work
    expected = snapshot(out)
    for name in OUTPUTS:
        (out / name).unlink()
    summary = rebuild(inp, out)
    assert (summary.processed, summary.up_to_date) == (0, False)
    assert snapshot(out) == expected


@pytest.mark.model
def test_a_touched_output_is_written_again(work, no_model):  # type: ignore[no-untyped-def]
    inp, out = work
    expected = snapshot(out)
    (out / "triples.jsonl").write_text("", encoding="utf-8")
    summary = rebuild(inp, out)
    assert not summary.up_to_date
    assert snapshot(out) == expected


@pytest.mark.model
def test_an_added_article_is_the_only_one_processed(work, nlp, tmp_path):  # type: ignore[no-untyped-def]
    inp, out = work
    text = "Kataib Hezbollah is part of the Popular Mobilization Forces.\n"
    (inp / "new.txt").write_text(text, encoding="utf-8")
    _, summary = build([inp], out, BuildOptions(html=False), nlp=nlp)
    assert (summary.processed, summary.from_cache) == (1, 5)
    assert snapshot(out) == fresh(inp, tmp_path / "fresh", nlp)
    triples = (out / "triples.jsonl").read_text(encoding="utf-8")
    assert '"article": "new.txt"' in triples


@pytest.mark.model
def test_a_changed_article_replaces_its_old_facts(work, nlp, tmp_path):  # type: ignore[no-untyped-def]
    inp, out = work
    target = inp / SEED_FILES[0].name
    old = [
        json.loads(line)
        for line in (out / "triples.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["article"] == target.name
    ]
    assert old
    target.write_text("Iran backs Hezbollah.\n", encoding="utf-8")
    _, summary = build([inp], out, BuildOptions(html=False), nlp=nlp)
    assert (summary.processed, summary.from_cache) == (1, 4)
    new = (out / "triples.jsonl").read_text(encoding="utf-8")
    assert all(rec["sentence"] not in new for rec in old)
    assert snapshot(out) == fresh(inp, tmp_path / "fresh", nlp)


@pytest.mark.model
def test_a_removed_article_leaves_the_graph_and_prune_clears_its_entry(work, no_model):  # type: ignore[no-untyped-def]
    inp, out = work
    gone = inp / SEED_FILES[1].name
    gone.unlink()
    assert len(entry_files(out)) == 5
    summary = rebuild(inp, out)
    assert (summary.articles, summary.from_cache, summary.pruned) == (4, 4, 0)
    assert gone.name not in (out / "entities.jsonl").read_text(encoding="utf-8")
    assert gone.name not in (out / "triples.jsonl").read_text(encoding="utf-8")
    assert len(entry_files(out)) == 5  # without --prune the entry stays
    summary = rebuild(inp, out, prune=True)
    assert summary.pruned == 1 and len(entry_files(out)) == 4


@pytest.mark.model
def test_a_renamed_file_is_a_cache_hit_under_its_new_name(work, no_model):  # type: ignore[no-untyped-def]
    inp, out = work
    old = inp / SEED_FILES[2].name
    old.rename(inp / "renamed.txt")
    summary = rebuild(inp, out)
    assert (summary.processed, summary.from_cache) == (0, 5)
    triples = (out / "triples.jsonl").read_text(encoding="utf-8")
    assert '"article": "renamed.txt"' in triples and old.name not in triples


@pytest.mark.model
@pytest.mark.parametrize(
    "corrupt",
    [
        pytest.param(lambda p: p.write_bytes(b"\x00garbage"), id="garbage"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:40]), id="truncated"),
        pytest.param(lambda p: p.write_text('{"format": 1}', encoding="utf-8"), id="incomplete"),
        pytest.param(lambda p: p.unlink(), id="missing"),
    ],
)
def test_a_corrupt_entry_is_recomputed(work, nlp, corrupt):  # type: ignore[no-untyped-def]
    inp, out = work
    expected = snapshot(out)
    victim = entry_files(out)[0]
    corrupt(victim)
    _, summary = build([inp], out, BuildOptions(html=False), nlp=nlp)
    assert (summary.processed, summary.from_cache) == (1, 4)
    assert snapshot(out) == expected
    json.loads(victim.read_text(encoding="utf-8"))  # rewritten whole
    assert not [p for p in victim.parent.iterdir() if p.suffix == ".tmp"]


@pytest.mark.model
def test_no_cache_processes_everything_again(work, nlp):  # type: ignore[no-untyped-def]
    inp, out = work
    expected = snapshot(out)
    _, summary = build([inp], out, BuildOptions(html=False, cache=False), nlp=nlp)
    assert (summary.processed, summary.from_cache, summary.up_to_date) == (5, 0, False)
    assert snapshot(out) == expected


@pytest.mark.model
def test_another_gazetteer_is_another_cache(work, nlp, tmp_path):  # type: ignore[no-untyped-def]
    inp, out = work
    gaz = tmp_path / "extra.jsonl"
    gaz.write_text('{"id": "x-brigade", "name": "X Brigade", "type": "ArmedGroup"}\n', "utf-8")
    opts = BuildOptions(html=False, gazetteer_paths=[str(gaz)])
    _, summary = build([inp], out, opts, nlp=nlp)
    assert (summary.processed, summary.from_cache) == (5, 0)


@pytest.mark.model
def test_an_unwritable_cache_warns_but_the_build_succeeds(work, nlp):  # type: ignore[no-untyped-def]
    inp, out = work
    shutil.rmtree(out / CACHE_DIR)
    (out / CACHE_DIR).write_text("not a folder", encoding="utf-8")
    _, summary = build([inp], out, BuildOptions(html=False), nlp=nlp)
    assert summary.processed == 5
    assert summary.warnings and "cannot write the cache" in summary.warnings[0]
    assert (out / "graph.ttl").is_file()
