"""``build --dask``: articles processed on a Dask cluster give the same outputs."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from conftest import SEEDS
from test_build import TroubleLoader, article

from actorgraph.extractors.records import ArticleResult
from actorgraph.graph.build import BuildOptions, build, parallel
from actorgraph.graph.build.parallel import dask_results
from actorgraph.graph.errors import InputError
from actorgraph.graph.read import Skipped

distributed = pytest.importorskip("distributed")

OUTPUTS = ("triples.jsonl", "entities.jsonl", "graph.ttl")


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    """A small in-process cluster: one worker, one thread."""
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as c:
        yield c


@pytest.mark.model
def test_dask_build_equals_a_local_build(cluster, seeds_build, tmp_path: Path):  # type: ignore[no-untyped-def]
    local, remote = seeds_build[1], tmp_path / "dask"
    opts = BuildOptions(html=False, dask=cluster.scheduler_address, task_articles=2)
    _, summary = build([SEEDS], remote, opts)
    assert (summary.processed, summary.from_cache) == (5, 0)
    assert summary.facts > 20
    for name in OUTPUTS:
        assert (remote / name).read_bytes() == (local / name).read_bytes(), name


def test_an_unreachable_scheduler_is_a_one_line_input_error(tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parallel, "DASK_CONNECT_TIMEOUT", 1.0)
    (tmp_path / "a.txt").write_text("Iran backs Hezbollah.\n", encoding="utf-8")
    opts = BuildOptions(html=False, dask="tcp://127.0.0.1:1", cache=False)
    with pytest.raises(
        InputError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:1"
    ):
        build([tmp_path / "a.txt"], tmp_path / "out", opts)


@dataclasses.dataclass(frozen=True)
class SleepyLoader(TroubleLoader):
    """TroubleLoader, equal by value as PipelineSpec is (tasks bring their own copy)."""

    batch_size: int = 4


def test_an_article_past_the_time_bound_is_skipped_on_dask_as_locally(cluster):  # type: ignore[no-untyped-def]
    """--article-timeout bounds an article on Dask as in worker processes: the task's
    worker process is killed, the other articles are done again one by one."""
    texts = {"a.txt": "Fine text.", "slow.txt": "SLEEP here.", "c.txt": "Also fine."}
    items = iter(enumerate(article(n, t) for n, t in texts.items()))
    started = time.perf_counter()
    address = cluster.scheduler_address
    outcomes = dict(dask_results(address, SleepyLoader(), items, task_articles=3, timeout=1.5))
    assert time.perf_counter() - started < 25
    assert isinstance(outcomes[0], ArticleResult) and isinstance(outcomes[2], ArticleResult)
    skipped = outcomes[1]
    assert isinstance(skipped, Skipped) and skipped.kind == "timeout"
    assert skipped.path == "in/slow.txt" and "longer than 1.5 s" in skipped.reason
    # the Dask worker keeps its worker process for the next task
    pool = parallel._BOUNDED[SleepyLoader()]
    (worker,) = pool.workers
    again = dict(
        dask_results(address, SleepyLoader(), iter([(7, article("d.txt", "Fine."))]), timeout=1.5)
    )
    assert isinstance(again[7], ArticleResult)
    assert parallel._BOUNDED[SleepyLoader()].workers == [worker]
