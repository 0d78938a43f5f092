"""The Prefect flow: plan (unless the command line did) → shards in worker processes → the corpus
stages of flows/corpus (frequent lines, dedup, paragraph dedup), each writing revisions → write
every shard as revised into a new version → manifest → publish.

Tasks are coarse (one per shard, thousands of documents each) so Prefect's per-task cost and its
API never become the bottleneck. Shard results are staged atomically under OUT/.staging, named by
a fingerprint of their inputs and the configuration, so a killed run started again reuses every
shard it had finished. That fingerprint is the task cache: Prefect's own result cache would point
at staged files a finished run has removed.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.runner import Runner
from prefect.runtime import flow_run
from prefect.states import Cancelled, Failed, State
from prefect.task_runners import ThreadPoolTaskRunner

from ..transforms.config import Config, RunConfig
from .corpus import STAGES, Corpus
from .corpus.index import check_index_dir, write_index
from .errors import DiskFull, is_disk_full
from .execution import workers
from .execution.environment import quiet_resource_tracker, reclaim_sigterm, stop_workers
from .execution.workers import Measured, RunStopped, run_in_worker, timed, worker_count
from .inputs.plan import Plan, make_plan, plan_given
from .inputs.readers import (
    DEFAULT_INPUT,
    Discovery,
    Shard,
    default_output,
    local_input_roots,
)
from .inputs.user_files import check_user_files, config_hash
from .shards.process import ShardSummary
from .storage.dataset import (
    STAGING,
    check_output_dir,
    claim_output_dir,
    dataset_lock,
    inside,
    publish,
    remove_leftovers,
    write_text_atomic,
)
from .storage.distributions import merge_all
from .storage.manifest import (
    Manifest,
    build_manifest,
    dataset_card,
    dumps,
    merge_counts,
    pipeline_version,
    run_inputs,
    run_record,
    run_report,
)
from .storage.parts import PartCounts, RunColumns, make_part_dirs, write_parts
from .storage.plots import draw


def _no_empty_traceback(record: logging.LogRecord) -> bool:
    """Prefect logs a task that ended in a Failed state it returned with `exc_info=True` outside
    any exception, which prints a stray "NoneType: None" line."""
    if record.exc_info and record.exc_info[0] is None:
        record.exc_info = None
    return True


def _quiet_failures(function: Callable[..., Measured]) -> Callable[..., Measured | State]:
    """A full disk fails the task with a message that says so, and a task whose work a stopping
    run did not do ends Cancelled: raised, either would make Prefect log a traceback from every
    task (the flow turns a full disk into one line for the user, see refine). Every task returns
    its work's result with the work's CPU time (the run report's stage table)."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Measured | State:
        try:
            return function(*args, **kwargs)
        except RunStopped as stopped:  # Ctrl-C or a cancelled deployment run: no traceback per task
            return Cancelled(message=str(stopped))
        except OSError as error:
            if not is_disk_full(error):
                raise
            full = DiskFull(error.strerror or str(error))
            logging.getLogger("prefect.task_runs").addFilter(_no_empty_traceback)
            return Failed(message=str(full), data=full)

    return run


@task(name="plan-shards", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
@_quiet_failures
def plan_task(inputs: list[str], config: Config, out_dir: Path) -> Measured:
    return timed(make_plan, inputs, out_dir, config)


@task(name="process-shard", cache_policy=NO_CACHE)
@_quiet_failures
def process_shard_task(shard: Shard, config: Config, staging_dir: str, version: str) -> Measured:
    return workers.run_shard(shard, config, staging_dir, version)


@task(name="work", cache_policy=NO_CACHE)
@_quiet_failures
def work_task(function: Callable[..., Any], args: tuple[Any, ...]) -> Measured:
    """Any stage's work, `function(*args)`, in the run's worker processes (named for the stage)."""
    return run_in_worker(function, *args)


@dataclass
class Stage:
    """What one stage of a run did: documents in and out, wall time, and the CPU seconds of its
    tasks (one entry per shard for the per-shard stages), as the run report shows them."""

    name: str
    documents_in: int | None = None
    documents_out: int | None = None
    seconds: float = 0.0
    task_cpu_seconds: list[float] = field(default_factory=list)

    def results(self, measured: Iterable[Measured]) -> list[Any]:
        """The tasks' results, their CPU seconds recorded."""
        values = []
        for item in measured:
            if isinstance(item, State):  # ended quietly (see _quiet_failures): raise what ended it
                item.result()
                raise RuntimeError(f"a task of stage {self.name} ended {item.type.value}: {item.message}")
            self.task_cpu_seconds.append(item.cpu_seconds)
            values.append(item.value)
        return values

    def report(self) -> dict[str, Any]:
        cpu = self.task_cpu_seconds
        return {
            "name": self.name,
            "documents_in": self.documents_in,
            "documents_out": self.documents_out,
            "seconds": self.seconds,
            "cpu_seconds": round(sum(cpu), 3),
            "tasks": len(cpu),
            "max_task_cpu_seconds": max(cpu, default=0.0),
        }


class Stages:
    """The stages of one run, in order, each timed."""

    def __init__(self) -> None:
        self.done: list[Stage] = []

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[Stage]:
        stage, started = Stage(name), time.perf_counter()
        try:
            yield stage
        finally:
            stage.seconds = round(time.perf_counter() - started, 3)
            self.done.append(stage)


@flow(name="refinery", task_runner=ThreadPoolTaskRunner(), log_prints=False, validate_parameters=True)
def refine(
    inputs: list[str] | None = None, out: str | None = None, config: Config | None = None
) -> dict[str, Any]:
    """Clean, deduplicate and publish the documents under `inputs` as a Parquet dataset in `out`.

    `config.run.mode` decides what happens to a dataset already in `out`: replace rebuilds it
    (nothing to do if inputs and configuration are unchanged); append adds only inputs it has not
    seen, deduplicated against what it holds. One run at a time writes a dataset (a lock file)."""
    config = config or Config()
    inputs = inputs or [DEFAULT_INPUT]
    out_dir = Path(out or default_output(inputs)).expanduser().resolve()
    reclaim_sigterm()
    quiet_resource_tracker()
    plan = plan_given(inputs, out_dir, config)
    if plan is None:
        roots = local_input_roots(inputs)
        check_output_dir(out_dir, roots)  # never write into what is not ours
        if config.dedup.index:
            check_index_dir(Path(config.dedup.index).expanduser().resolve(), out_dir, roots)
        check_user_files(config)
    try:
        with dataset_lock(out_dir):  # held already when the command line planned the run
            claim_output_dir(out_dir)
            return _refine(inputs, out_dir, config, plan)
    except Exception as error:
        if not (isinstance(error, DiskFull) or is_disk_full(error)):
            raise
        where = out_dir
        if config.dedup.index and inside(
            Path(getattr(error, "filename", None) or out_dir), Path(config.dedup.index)
        ):
            where = Path(config.dedup.index)  # the shared index lives on a device of its own
        full = DiskFull(
            f"no space left on the device holding {where}: free some space and run the same "
            "command again; it resumes from the shards already finished"
        )
        return Failed(message=str(full), data=full)
    except BaseException:  # Ctrl-C or cancellation of a deployment's run: do not finish the shards
        stop_workers()
        raise


@dataclass(frozen=True)
class StagingPaths:
    """Where a run keeps its intermediate files: under OUT/.staging, named by the configuration
    hash, so a resumed run with the same configuration finds them; the version being built is
    OUT/.next-<run id> until it is published."""

    out_dir: Path
    run: RunColumns

    @property
    def staging(self) -> Path:
        return self.out_dir / STAGING

    @property
    def next_version(self) -> Path:
        return self.out_dir / f".next-{self.run.run_id}"

    def file(self, name: str) -> str:
        return str(self.staging / f"{name}-{self.run.config_hash}.parquet")


@dataclass
class RunContext:
    """What every stage of one run needs."""

    config: Config
    out_dir: Path
    run: RunColumns
    paths: StagingPaths
    sequence: int
    stages: Stages
    logger: Any

    @property
    def append(self) -> bool:
        return self.config.run.mode == "append"


def _refine(inputs: list[str], out_dir: Path, config: Config, plan: Plan | None) -> dict[str, Any]:
    logger = get_run_logger()
    started, began = datetime.now(UTC), time.perf_counter()
    stages = Stages()
    run = RunColumns(
        run_id=str(flow_run.id or f"local-{started:%Y%m%dT%H%M%S}"),
        config_hash=config_hash(config),
        pipeline_version=pipeline_version(),
        processed_at=started.replace(microsecond=0),
    )
    by_command_line = plan is not None  # which then prints the run's verdict itself
    with stages.stage("plan") as stage:
        if plan is None:
            (plan,) = stage.results([plan_task(inputs, config, out_dir)])
    if not stage.task_cpu_seconds:  # planned by the command line: its time, no task
        stage.seconds = plan.seconds
    discovery, previous, selection, shards = plan.discovery, plan.previous, plan.selection, list(plan.shards)
    sequence = len(previous.runs) if config.run.mode == "append" and previous else 0
    ctx = RunContext(config, out_dir, run, StagingPaths(out_dir, run), sequence, stages, logger)
    if selection.changed:
        logger.warning(
            "%d inputs changed since the dataset read them; append adds new inputs only, "
            "run in replace mode to reprocess them: %s",
            len(selection.changed),
            ", ".join(selection.changed[:5]),
        )
    for leftover in remove_leftovers(out_dir, staging=selection.up_to_date):
        logger.warning("removed %s, left by a run that was interrupted", leftover)
    if selection.up_to_date:
        logger.info("%s is up to date: no new inputs, same configuration; nothing to do", out_dir)
        if config.dedup.index:  # a run stopped after publishing may not have recorded it there
            write_index(Path(config.dedup.index), out_dir, config.dedup)
        published = previous.model_dump(mode="json") if previous else {}
        return {**published, "up_to_date": True, "out": str(out_dir), "seconds": 0.0}
    ctx.paths.staging.mkdir(parents=True, exist_ok=True)
    logger.info(
        "%s run %d: %d files in %d shards → %s",
        config.run.mode,
        sequence,
        len(selection.files),
        len(shards),
        out_dir,
    )
    with contextlib.ExitStack() as stack:
        # The command line brings a pool already started; a deployment's run or a call from Python
        # starts one here when there is more than one shard to share out.
        if config.run.runner == "process" and workers.WORKER_POOL.get() is None and len(shards) > 1:
            stack.enter_context(workers.worker_pool(worker_count(config.run), config))
        summaries = _process_shards(ctx, shards)
        corpus = Corpus.of([s.staging_path for s in summaries], kept=sum(s.kept for s in summaries))
        corpus = _corpus_stages(ctx, corpus)
        parts = _write_version(ctx, corpus, summaries)
    manifest = _commit(ctx, started, summaries, parts, previous if ctx.append else None, discovery)
    if not by_command_line:  # a deployment's run, or a call from Python
        _log_verdict(ctx, manifest.runs[-1].counts.model_dump(mode="json"))
    finished = {"out": str(out_dir), "seconds": round(time.perf_counter() - began, 2)}
    return {**manifest.model_dump(mode="json"), **finished}


def _log_verdict(ctx: RunContext, counts: dict[str, Any]) -> None:
    """What the command line prints after a run, in the run's log too: a scheduled run says it."""
    from .storage.verdict import verdict

    warning, error = verdict(ctx.out_dir, ctx.sequence, counts)
    if warning:
        ctx.logger.warning(warning)
    if error:
        ctx.logger.error(error)


def _process_shards(ctx: RunContext, shards: list[Shard]) -> list[ShardSummary]:
    """Every shard through the per-document pipeline, into its staging file (reused when a killed
    run had finished it)."""
    with ctx.stages.stage("shards") as stage:
        calls = [(shard, ctx.config, str(ctx.paths.staging), ctx.run.pipeline_version) for shard in shards]
        summaries: list[ShardSummary] = []
        for done, measured in enumerate(_as_completed(process_shard_task, calls), start=1):
            (summary,) = stage.results([measured])
            # The shard's CPU includes its isolated extractor's, a process of its own.
            stage.task_cpu_seconds[-1] = round(stage.task_cpu_seconds[-1] + summary.isolated_cpu_seconds, 3)
            summaries.append(summary)
            ctx.logger.info(
                "shard %d/%d: %d documents, %d kept, %d rejected, %d errors%s",
                done,
                len(shards),
                summary.documents,
                summary.kept,
                summary.rejected,
                summary.errors,
                " (resumed)" if summary.resumed else "",
            )
        stage.documents_in = sum(s.documents for s in summaries)
        stage.documents_out = sum(s.kept for s in summaries)
    return sorted(summaries, key=lambda s: s.index)


@dataclass
class _StageWork:
    """What a corpus stage works with (flows/corpus/stage.py's StageWork): its tasks are named for
    it, and their CPU seconds go into its line of the run report."""

    ctx: RunContext
    stage: Stage
    retries: int = 0

    @property
    def config(self) -> Config:
        return self.ctx.config

    @property
    def out_dir(self) -> Path:
        return self.ctx.out_dir

    @property
    def sequence(self) -> int:
        return self.ctx.sequence

    def file(self, name: str) -> str:
        return self.ctx.paths.file(name)

    def _task(self, function: Callable[..., Any]) -> Any:
        name = f"{self.stage.name}: {function.__name__.replace('_', ' ')}"
        return work_task.with_options(name=name, retries=self.retries, retry_delay_seconds=1)

    def one(self, function: Callable[..., Any], *args: Any) -> Any:
        (value,) = self.stage.results([self._task(function)(function, args)])
        return value

    def each(self, function: Callable[..., Any], calls: Sequence[tuple[Any, ...]]) -> list[Any]:
        task = self._task(function)
        return self.stage.results(_in_order(task, [(function, args) for args in calls]))

    def log(self, message: str, *args: Any) -> None:
        self.ctx.logger.info(message, *args)

    def warn(self, message: str, *args: Any) -> None:
        self.ctx.logger.warning(message, *args)


def _corpus_stages(ctx: RunContext, corpus: Corpus) -> Corpus:
    """Every corpus-wide stage the configuration wants, in order, each on the corpus the one before
    left."""
    for corpus_stage in STAGES:
        if not corpus_stage.wanted(ctx.config):
            continue
        with ctx.stages.stage(corpus_stage.name) as stage:
            stage.documents_in = corpus.kept
            corpus = corpus_stage.run(corpus, _StageWork(ctx, stage))
            stage.documents_out = corpus.kept
    return corpus


def _write_version(ctx: RunContext, corpus: Corpus, summaries: list[ShardSummary]) -> list[PartCounts]:
    """The new version of the dataset, complete but not yet published: parts and dedup index."""
    next_dir = ctx.paths.next_version
    with ctx.stages.stage("write") as stage:
        stage.documents_in = corpus.kept
        shutil.rmtree(next_dir, ignore_errors=True)
        calls = [
            (corpus, position, s.index, str(next_dir), ctx.run, ctx.sequence, ctx.config)
            for position, s in enumerate(summaries)
        ]
        parts = _StageWork(ctx, stage, retries=2).each(write_parts, calls)
        make_part_dirs(str(next_dir))
        stage.documents_out = sum(p.kept for p in parts)
    return parts


def _commit(
    ctx: RunContext,
    started: datetime,
    summaries: list[ShardSummary],
    parts: list[PartCounts],
    previous: Manifest | None,
    discovery: Discovery,
) -> Manifest:
    """Manifest and card into the new version, then publish it: the commit point."""
    config, next_dir = ctx.config, ctx.paths.next_version
    totals = {name: sum(getattr(p, name) for p in parts) for name in ("kept", "rejected", "errors")}
    record = run_record(
        sequence=ctx.sequence,
        mode=config.run.mode,
        run_id=ctx.run.run_id,
        started_at=started.isoformat(timespec="seconds"),
        finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
        shards=summaries,
        parts=totals,
        reasons=merge_counts([p.reasons for p in parts]),
        chars_removed=merge_counts([p.chars_removed for p in parts]),
        tokens=merge_counts([p.tokens for p in parts]),
        stages=[done.report() for done in ctx.stages.done],
        config_hash=ctx.run.config_hash,
    )
    if not record.counts.invariant_holds:
        raise RuntimeError(f"documents read != kept + rejected + errors: {record.counts}")
    inputs = run_inputs(ctx.sequence, summaries)
    manifest = build_manifest(
        previous,
        record,
        inputs,
        list(discovery.skipped),
        config.model_dump(mode="json"),
        merge_all([p.distributions for p in parts]),
    )
    write_text_atomic(dumps(manifest), next_dir / "manifest.json")
    plots = draw(manifest.counts, config.filter, next_dir / "plots") if config.run.plots else []
    write_text_atomic(dataset_card(manifest, ctx.out_dir.name, plots), next_dir / "README.md")
    publish(next_dir, ctx.out_dir, keep_published=ctx.append)  # the commit point
    if config.dedup.index:
        indexed = write_index(Path(config.dedup.index), ctx.out_dir, config.dedup)
        ctx.logger.info("dedup index %s: %d documents of this dataset recorded", config.dedup.index, indexed)
    shutil.rmtree(ctx.paths.staging, ignore_errors=True)
    create_markdown_artifact(
        key="refinery-run-report",
        markdown=run_report(record),
        description=f"refinery {config.run.mode} run {ctx.sequence} into {ctx.out_dir}",
    )
    return manifest


def _as_completed(task: Any, calls: list[tuple[Any, ...]]) -> Iterator[Any]:
    """Results as they complete. A single call runs right here: a small input does not pay for
    starting worker processes (about 3 s); more calls go to the task runner's workers."""
    if len(calls) == 1:
        yield task(*calls[0])
        return
    for future in as_completed([task.submit(*args) for args in calls]):
        yield future.result()


def _in_order(task: Any, calls: list[tuple[Any, ...]]) -> list[Any]:
    """Results in call order (see _as_completed)."""
    if len(calls) == 1:
        return [task(*calls[0])]
    futures = [task.submit(*args) for args in calls]
    return [future.result() for future in futures]


def task_runner(run: RunConfig) -> Any:
    """Local: the tasks on threads, their work in the run's worker processes (flows.workers).
    Dask: the tasks, work included, on a cluster of `run.workers` processes, or at dask_address."""
    count = worker_count(run)
    if run.runner == "dask":
        from prefect_dask import DaskTaskRunner

        if run.dask_address:
            return DaskTaskRunner(address=run.dask_address)
        cluster = {"n_workers": count, "threads_per_worker": 1, "processes": True, "host": "127.0.0.1"}
        return DaskTaskRunner(cluster_kwargs={**cluster, "dashboard_address": None})
    return ThreadPoolTaskRunner(max_workers=count)


def configured_flow(config: Config) -> Any:
    """The flow with the task runner its configuration asks for."""
    return refine.with_options(task_runner=task_runner(config.run))


class _Runner(Runner):
    """Prefect's runner answers SIGTERM by calling its async stop without awaiting it and exiting
    mid-loop, with asyncio tracebacks. Ctrl-C in a terminal stops cleanly within seconds, because
    the runs being served get the SIGINT too: SIGTERM does the same."""

    def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
        for child in psutil.Process().children():  # the flow-run processes
            with contextlib.suppress(psutil.NoSuchProcess):
                child.send_signal(signal.SIGINT)
        signal.raise_signal(signal.SIGINT)


def serve(config: Config, name: str, parameters: dict[str, Any], schedule: dict[str, Any]) -> None:
    """Serve the flow as deployment refinery/`name` until Ctrl-C or SIGTERM, one run at a time
    (runs write the same dataset)."""
    runner = _Runner(name=name, pause_on_shutdown=False, limit=1)
    signal.signal(signal.SIGTERM, runner.handle_sigterm)  # from now, not once start() sets it
    try:
        runner.add_flow(configured_flow(config), name=name, parameters=parameters, **schedule)
        print(
            f"refinery: serving; start a run with `prefect deployment run refinery/{name}`, stop with Ctrl-C",
            file=sys.stderr,
        )
        asyncio.run(runner.start())
    except KeyboardInterrupt:
        print(f"refinery: stopped serving refinery/{name}", file=sys.stderr)
