import os

import pyarrow.parquet as pq
import pytest

from refinery.flows.execution.workers import (
    WORKER_POOL,
    RunStopped,
    process_shard_work,
    run_in_worker,
    run_shard,
    worker_pool,
)
from refinery.flows.inputs.readers import discover, plan_shards
from refinery.transforms.config import Config


@pytest.fixture
def shards(tmp_path):
    config = Config.from_toml("[run]\nshard_docs = 1\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c"):
        (corpus / f"{name}.txt").write_text(f"第{name}篇文章的正文，有标点。\n它还有第二段，也有标点。")
    return config, plan_shards(discover([str(corpus)], config.read).files, config)


def test_work_runs_in_the_workers_which_never_import_prefect(shards):
    config, _ = shards
    with worker_pool(2, config):
        measured = run_in_worker(_imports, "prefect")
    assert measured.value[0] != os.getpid() and measured.value[1] is False
    assert measured.cpu_seconds >= 0
    assert WORKER_POOL.get() is None  # the pool is the run's, not left behind
    assert run_in_worker(_imports, "prefect").value[0] == os.getpid()  # no pool: here


def test_shards_started_early_are_taken_not_run_again(shards, tmp_path):
    config, planned = shards
    staging = str(tmp_path / "staging")
    os.mkdir(staging)
    with worker_pool(2, config) as pool:
        pool.start_shards(planned[:2], config, staging, "test")
        early = dict(pool.early)
        first = run_shard(planned[0], config, staging, "test")
        assert early and first is not None and len(pool.early) == 1  # taken from what was started
        third = run_shard(planned[2], config, staging, "test")  # not started early: runs now
        run_shard(planned[1], config, staging, "test")
        assert not pool.early
    assert (first.value.documents, third.value.documents) == (1, 1)
    assert not first.value.resumed and not third.value.resumed
    assert len(os.listdir(staging)) == 3 * 2  # three staged shards and their progress files
    assert pq.read_table(first.value.staging_path).num_rows == 1


def test_a_stopping_run_ends_waiting_tasks_quietly_and_only_then(shards, tmp_path):
    config, planned = shards
    args = (planned[0], config, str(tmp_path), "test")
    with worker_pool(1, config) as finished:
        pass
    with pytest.raises(KeyboardInterrupt), worker_pool(1, config) as stopped:
        raise KeyboardInterrupt  # Ctrl-C reaches the flow: the pool shuts down, stopping
    assert stopped.stopping and not finished.stopping
    for pool, expected in ((stopped, RunStopped), (finished, RuntimeError)):
        token = WORKER_POOL.set(pool)  # a task thread still in the run's context
        try:
            with pytest.raises(expected):
                run_in_worker(process_shard_work, *args)
        finally:
            WORKER_POOL.reset(token)


def _imports(module: str) -> tuple[int, bool]:
    import sys

    return os.getpid(), module in sys.modules
