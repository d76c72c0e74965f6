"""``build --dask``: articles processed on a Dask cluster give the same outputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS

from actorgraph.graph.build import BuildOptions, build
from actorgraph.graph.errors import InputError

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
    from actorgraph.graph.build import parallel

    monkeypatch.setattr(parallel, "DASK_CONNECT_TIMEOUT", 1.0)
    (tmp_path / "a.txt").write_text("Iran backs Hezbollah.\n", encoding="utf-8")
    opts = BuildOptions(html=False, dask="tcp://127.0.0.1:1", cache=False)
    with pytest.raises(
        InputError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:1"
    ):
        build([tmp_path / "a.txt"], tmp_path / "out", opts)
