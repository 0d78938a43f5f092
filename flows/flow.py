"""The Prefect flow: plan shards → process shards in worker processes → corpus-wide line frequency →
dedup (exact, then near: band-group tasks, then clustering) → write parts → publish → manifest.

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
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import psutil
import pyarrow as pa
import pyarrow.parquet as pq
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.runner import Runner
from prefect.runtime import flow_run
from prefect.states import Failed
from prefect.task_runners import ProcessPoolTaskRunner

from flows.corpus_lines import apply_frequent_lines, frequent_line_keys, paragraph_owners
from flows.dataset import (
    INDEX_DIR,
    check_output_dir,
    claim_output_dir,
    dataset_lock,
    index_name,
    publish,
    remove_leftovers,
    write_table_atomic,
    write_text_atomic,
)
from flows.dedup import (
    INDEX_SCHEMA,
    band_groups,
    candidate_pairs,
    combine_published,
    find_duplicates,
    load_dataset_index,
    load_index,
    run_index_rows,
    write_index,
    write_index_file,
)
from flows.environment import become_worker, quiet_resource_tracker, reclaim_sigterm, stop_workers
from flows.errors import DiskFull, is_disk_full
from flows.incremental import Selection, selection_for
from flows.manifest import (
    build_manifest,
    dataset_card,
    dumps,
    merge_counts,
    pipeline_version,
    run_record,
    run_report,
)
from flows.publish import PartCounts, RunColumns, ensure_every_part_dir, write_parts
from flows.readers import (
    DEFAULT_INPUT,
    Discovery,
    Shard,
    default_output,
    discover,
    local_input_roots,
    plan_shards,
)
from flows.shard import ShardSummary, process_shard
from transforms.config import Config, RunConfig


def _disk_full_fails_quietly(function: Callable[..., Any]) -> Callable[..., Any]:
    """A full disk ends a task in a Failed state that says so. Raised, it would make Prefect log a
    traceback from every worker; the flow turns it into one line for the user (see refine)."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except OSError as error:
            if not is_disk_full(error):
                raise
            full = DiskFull(error.strerror or str(error))
            return Failed(message=str(full), data=full)

    return run


@task(name="plan-shards", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def plan_task(
    inputs: list[str], config: Config, out_dir: str
) -> tuple[Discovery, dict[str, Any] | None, Selection, list[Shard]]:
    discovery = discover(inputs, config.read)
    previous, selection = selection_for(discovery.files, Path(out_dir), config)
    return discovery, previous, selection, plan_shards(selection.files, config)


@task(name="process-shard", cache_policy=NO_CACHE)
@_disk_full_fails_quietly
def process_shard_task(shard: Shard, config: Config, staging_dir: str, version: str) -> ShardSummary:
    become_worker()
    return process_shard(shard, config, staging_dir, version)


@task(name="count-corpus-lines", cache_policy=NO_CACHE)
@_disk_full_fails_quietly
def frequent_lines_task(staging_paths: list[str], min_docs: int, frequent_path: str) -> int:
    frequent = frequent_line_keys(staging_paths, min_docs)
    write_table_atomic(frequent, Path(frequent_path))
    return frequent.num_rows


@task(name="remove-corpus-lines", cache_policy=NO_CACHE)
@_disk_full_fails_quietly
def apply_lines_task(staging_path: str, frequent_path: str, config: Config) -> str:
    become_worker()
    return apply_frequent_lines(staging_path, frequent_path, config)


@task(name="load-dedup-index", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
@_disk_full_fails_quietly
def load_index_task(config: Config, out_dir: str, published_path: str) -> int:
    """Gather, once for every dedup task, what is already published: by earlier runs of this dataset
    (append) and by other datasets sharing the index (dedup.index)."""
    found = []
    if config.run.mode == "append":
        found.append(load_dataset_index(Path(out_dir), config.dedup))
    if config.dedup.index:
        found.append(load_index(Path(config.dedup.index), Path(out_dir), config.dedup))
    skipped = [name for _, names in found for name in names]
    if skipped:
        get_run_logger().warning(
            "dedup index files made with other signature settings, not compared: %s", skipped
        )
    table = combine_published(*(published for published, _ in found))
    table = table if table is not None else INDEX_SCHEMA.empty_table()
    write_table_atomic(table, Path(published_path))
    return table.num_rows


@task(name="candidate-pairs", cache_policy=NO_CACHE)
@_disk_full_fails_quietly
def candidate_pairs_task(
    staging_paths: list[str], config: Config, published_path: str | None, bands: tuple[int, int], path: str
) -> int:
    become_worker()
    pairs = candidate_pairs(staging_paths, config.dedup, _read_optional(published_path), bands)
    write_table_atomic(pa.table({"first": pairs[:, 0], "other": pairs[:, 1]}), Path(path))
    return len(pairs)


@task(name="dedup", cache_policy=NO_CACHE)
@_disk_full_fails_quietly
def dedup_task(
    staging_paths: list[str],
    config: Config,
    duplicates_path: str,
    published_path: str | None,
    pairs_paths: list[str],
) -> dict[str, int]:
    pairs = None
    if pairs_paths:
        tables = [pq.read_table(path) for path in pairs_paths]
        stacked = np.concatenate([np.column_stack([t["first"], t["other"]]) for t in tables])
        pairs = np.unique(stacked.reshape(-1, 2), axis=0)
    duplicates = find_duplicates(staging_paths, config.dedup, _read_optional(published_path), pairs)
    write_table_atomic(duplicates, Path(duplicates_path))
    reasons = duplicates["reason"].drop_null().to_pylist()
    return {reason: reasons.count(reason) for reason in sorted(set(reasons))}


def _read_optional(path: str | None) -> pa.Table | None:
    return pq.read_table(path) if path else None


@task(name="paragraph-owners", cache_policy=NO_CACHE)
@_disk_full_fails_quietly
def paragraph_owners_task(staging_paths: list[str], duplicates_path: str, owners_path: str) -> int:
    owners = paragraph_owners(staging_paths, pq.read_table(duplicates_path))
    write_table_atomic(owners, Path(owners_path))
    return owners.num_rows


@task(name="write-parts", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
@_disk_full_fails_quietly
def write_parts_task(
    staging_path: str,
    index: int,
    duplicates_path: str,
    next_dir: str,
    run: RunColumns,
    owners_path: str | None,
    sequence: int,
    config: Config,
) -> PartCounts:
    become_worker()
    duplicates = pq.read_table(duplicates_path)
    owners = _read_optional(owners_path)
    return write_parts(staging_path, index, duplicates, next_dir, run, owners, sequence, config)


@task(name="write-dedup-index", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
@_disk_full_fails_quietly
def run_index_task(staging_paths: list[str], duplicates_path: str, path: str, config: Config) -> int:
    """Signatures of what this run keeps, so later append runs and other datasets dedup against it."""
    rows = run_index_rows(staging_paths, pq.read_table(duplicates_path))
    return write_index_file(rows, Path(path), config.dedup)


class StageClock:
    """Wall time per stage of a run, for the run report."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = round(time.perf_counter() - started, 3)


@flow(name="refinery", task_runner=ProcessPoolTaskRunner(), log_prints=False, validate_parameters=True)
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
    check_output_dir(out_dir, local_input_roots(inputs))  # never write into what is not ours
    try:
        with dataset_lock(out_dir):
            claim_output_dir(out_dir)
            return _refine(inputs, out_dir, config)
    except Exception as error:
        if not (isinstance(error, DiskFull) or is_disk_full(error)):
            raise
        full = DiskFull(
            f"no space left on the device holding {out_dir}: free some space and run the same "
            "command again; it resumes from the shards already finished"
        )
        return Failed(message=str(full), data=full)
    except BaseException:  # Ctrl-C or cancellation of a deployment's run: do not finish the shards
        stop_workers()
        raise


def _refine(inputs: list[str], out_dir: Path, config: Config) -> dict[str, Any]:
    logger = get_run_logger()
    started, began = datetime.now(UTC), time.perf_counter()
    clock = StageClock()
    append = config.run.mode == "append"
    run = RunColumns(
        run_id=str(flow_run.id or f"local-{started:%Y%m%dT%H%M%S}"),
        config_hash=config.content_hash(),
        pipeline_version=pipeline_version(),
        processed_at=started.replace(microsecond=0),
    )
    staging_dir = out_dir / ".staging"
    next_dir = out_dir / f".next-{run.run_id}"

    with clock.stage("plan"):
        discovery, previous, selection, shards = plan_task(inputs, config, str(out_dir))
    sequence = len(previous["runs"]) if append and previous else 0
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
        return {**(previous or {}), "up_to_date": True, "out": str(out_dir), "seconds": 0.0}
    staging_dir.mkdir(parents=True, exist_ok=True)
    logger.info(
        "%s run %d: %d files in %d shards → %s",
        config.run.mode,
        sequence,
        len(selection.files),
        len(shards),
        out_dir,
    )

    with clock.stage("shards"):
        calls = [(shard, config, str(staging_dir), run.pipeline_version) for shard in shards]
        summaries: list[ShardSummary] = []
        for done, summary in enumerate(_as_completed(process_shard_task, calls), start=1):
            summaries.append(summary)
            logger.info(
                "shard %d/%d: %d documents, %d kept, %d rejected, %d errors%s",
                done,
                len(shards),
                summary.documents,
                summary.kept,
                summary.rejected,
                summary.errors,
                " (resumed)" if summary.resumed else "",
            )
        summaries.sort(key=lambda s: s.index)

    with clock.stage("corpus_lines"):
        frequent_path = str(staging_dir / f"frequent-lines-{run.config_hash}.parquet")
        frequent_count = frequent_lines_task(
            [s.staging_path for s in summaries], config.boilerplate.corpus_line_min_docs, frequent_path
        )
        logger.info(
            "corpus line frequency: %d lines found in ≥ %d documents",
            frequent_count,
            config.boilerplate.corpus_line_min_docs,
        )
        staging_paths = _in_order(
            apply_lines_task, [(s.staging_path, frequent_path, config) for s in summaries]
        )

    with clock.stage("dedup"):
        duplicates_path = str(staging_dir / f"duplicates-{run.config_hash}.parquet")
        published_path = None
        if config.dedup.index or (append and sequence):
            published_path = str(staging_dir / f"published-{run.config_hash}.parquet")
            published_count = load_index_task(config, str(out_dir), published_path)
            logger.info("dedup against %d documents already published", published_count)
        pairs_paths = []
        kept_by_shards = sum(s.kept for s in summaries)
        groups = band_groups(config.dedup.bands, kept_by_shards, config.run.dedup_band_groups)
        if config.dedup.near and len(groups) > 1:
            pairs_paths = [str(staging_dir / f"pairs-{run.config_hash}-{g[0]:03d}.parquet") for g in groups]
            found = _in_order(
                candidate_pairs_task,
                [
                    (staging_paths, config, published_path, g, path)
                    for g, path in zip(groups, pairs_paths, strict=True)
                ],
            )
            logger.info("near-dup candidates: %d pairs from %d band groups", sum(found), len(groups))
        duplicate_counts = dedup_task(staging_paths, config, duplicates_path, published_path, pairs_paths)
        logger.info(
            "dedup: %s", ", ".join(f"{n} {r}" for r, n in duplicate_counts.items()) or "no duplicates"
        )

    owners_path = None
    if config.dedup.paragraphs:
        with clock.stage("paragraphs"):
            owners_path = str(staging_dir / f"paragraph-owners-{run.config_hash}.parquet")
            shared = paragraph_owners_task(staging_paths, duplicates_path, owners_path)
            logger.info("paragraph dedup: %d paragraphs shared by kept documents", shared)

    with clock.stage("write"):
        shutil.rmtree(next_dir, ignore_errors=True)
        index_path = str(next_dir / INDEX_DIR / index_name(sequence))
        run_index_task(staging_paths, duplicates_path, index_path, config)
        parts = _in_order(
            write_parts_task,
            [
                (path, s.index, duplicates_path, str(next_dir), run, owners_path, sequence, config)
                for path, s in zip(staging_paths, summaries, strict=True)
            ],
        )
        ensure_every_part_dir(str(next_dir), sequence, out_dir if append else None)

    totals = {
        "kept": sum(p.kept for p in parts),
        "rejected": sum(p.rejected for p in parts),
        "errors": sum(p.errors for p in parts),
    }
    record = run_record(
        sequence=sequence,
        mode=config.run.mode,
        run_id=run.run_id,
        started_at=started.isoformat(timespec="seconds"),
        finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
        shards=[asdict(s) for s in summaries],
        parts=totals,
        reasons=merge_counts([p.reasons for p in parts]),
        chars_removed=merge_counts([p.chars_removed for p in parts]),
        seconds_by_stage=clock.seconds,
        kept_after_stage={
            "shards": kept_by_shards,
            "dedup": kept_by_shards - sum(duplicate_counts.values()),
            "write": totals["kept"],
        },
        config_hash=run.config_hash,
    )
    if not record["counts"]["invariant_holds"]:
        raise RuntimeError(f"documents read != kept + rejected + errors: {record['counts']}")
    manifest = build_manifest(
        previous if append else None, record, list(discovery.skipped), config.model_dump(mode="json")
    )
    write_text_atomic(dumps(manifest), next_dir / "manifest.json")
    write_text_atomic(dataset_card(manifest, out_dir.name), next_dir / "README.md")
    with clock.stage("publish"):
        publish(next_dir, out_dir, keep_published=append)  # the commit point
        if config.dedup.index:
            indexed = write_index(Path(config.dedup.index), out_dir, config.dedup)
            logger.info("dedup index %s: %d documents of this dataset recorded", config.dedup.index, indexed)
    shutil.rmtree(staging_dir, ignore_errors=True)
    create_markdown_artifact(
        key="refinery-run-report",
        markdown=run_report(record),
        description=f"refinery {config.run.mode} run {sequence} into {out_dir}",
    )
    return {**manifest, "out": str(out_dir), "seconds": round(time.perf_counter() - began, 2)}


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
    """A process pool of `run.workers` processes (0: one per core), or Dask."""
    workers = run.workers or os.cpu_count() or 1
    if run.runner == "dask":
        from prefect_dask import DaskTaskRunner

        if run.dask_address:
            return DaskTaskRunner(address=run.dask_address)
        cluster = {"n_workers": workers, "threads_per_worker": 1, "processes": True, "host": "127.0.0.1"}
        return DaskTaskRunner(cluster_kwargs={**cluster, "dashboard_address": None})
    return ProcessPoolTaskRunner(max_workers=workers)


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
    runner.add_flow(configured_flow(config), name=name, parameters=parameters, **schedule)
    print(
        f"refinery: serving; start a run with `prefect deployment run refinery/{name}`, stop with Ctrl-C",
        file=sys.stderr,
    )
    try:
        asyncio.run(runner.start())
    except KeyboardInterrupt:
        print(f"refinery: stopped serving refinery/{name}", file=sys.stderr)
