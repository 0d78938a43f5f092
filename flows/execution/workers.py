"""The worker processes of a local run and the work its tasks hand them.

The flow's tasks run on threads of the flow's process (Prefect records their states there); each
task's CPU-bound body goes to a pool of spawned worker processes. The workers never import
Prefect: a worker that did paid ~2 s for it, and its own API client, before its first document.
The command line starts the pool, and the shards it planned, while the temporary Prefect server
boots; the flow's shard tasks then take those shards instead of starting them.

Nothing here imports Prefect: a worker unpickles these functions by reference.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...transforms.config import Config, RunConfig
from ..inputs.readers import Shard
from ..shards.process import ShardSummary, load_shard_resources, process_shard, staging_path
from .environment import become_worker

# The pool the tasks of the current run hand their work to; unset: the work runs in the task's
# own process (a run with one shard, or a Dask worker).
WORKER_POOL: ContextVar[WorkerPool | None] = ContextVar("refinery_worker_pool", default=None)


@dataclass(frozen=True, slots=True)
class Measured:
    """A task's result and the CPU seconds its work took in the process that did it."""

    value: Any
    cpu_seconds: float


def timed(function: Callable[..., Any], *args: Any) -> Measured:
    started = time.process_time()
    value = function(*args)
    return Measured(value, round(time.process_time() - started, 3))


class WorkerPool(ProcessPoolExecutor):
    """The run's worker processes, and the shards the command line started on them before the
    flow could ask (while the Prefect server booted), by staging path."""

    stopping = False  # the run is being stopped: tasks still waiting for a worker end quietly

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.early: dict[Path, Future[Measured]] = {}

    def start_shards(self, shards: list[Shard], config: Config, staging_dir: str, version: str) -> None:
        for shard in shards:
            future = self.submit(timed, process_shard_work, shard, config, staging_dir, version)
            self.early[staging_path(shard, config, staging_dir, version)] = future


class RunStopped(Exception):
    """A task's work did not run, or was cut short, because the run is being stopped."""


def run_in_worker(function: Callable[..., Any], *args: Any) -> Measured:
    """`function(*args)` in the run's worker pool when it has one, else here."""
    pool = WORKER_POOL.get()
    if pool is None:
        return timed(function, *args)
    with _quiet_when_stopping(pool):
        return pool.submit(timed, function, *args).result()


def run_shard(shard: Shard, config: Config, staging_dir: str, version: str) -> Measured:
    """The shard's staging, from the worker the command line started it on if it did."""
    pool = WORKER_POOL.get()
    early = pool.early.pop(staging_path(shard, config, staging_dir, version), None) if pool else None
    if pool is None or early is None:
        return run_in_worker(process_shard_work, shard, config, staging_dir, version)
    with _quiet_when_stopping(pool):
        return early.result()


@contextlib.contextmanager
def _quiet_when_stopping(pool: WorkerPool) -> Iterator[None]:
    """Work that a stopping run shut down, cancelled or killed raises RunStopped."""
    try:
        yield
    except (RuntimeError, CancelledError, BrokenProcessPool) as error:
        if pool.stopping:
            raise RunStopped("the run was stopped") from error
        raise


def worker_count(run: RunConfig) -> int:
    """`run.workers`, 0 meaning one per core."""
    return run.workers or os.cpu_count() or 1


def _start_worker(config_json: str) -> None:
    become_worker()
    load_shard_resources(Config.model_validate_json(config_json))


@contextlib.contextmanager
def worker_pool(workers: int, config: Config) -> Iterator[WorkerPool]:
    """`workers` spawned processes for the run's tasks, each with the pipeline's tables loaded
    (about 1.5 s) before its first task."""
    pool = WorkerPool(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(config.model_dump_json(),),
    )
    token = WORKER_POOL.set(pool)
    try:
        yield pool
    except BaseException:
        pool.stopping = True
        raise
    finally:
        WORKER_POOL.reset(token)
        pool.shutdown(wait=True, cancel_futures=True)


# What the tasks do, in a worker or in the task's own process.


def process_shard_work(shard: Shard, config: Config, staging_dir: str, version: str) -> ShardSummary:
    become_worker()
    return process_shard(shard, config, staging_dir, version)
