"""One shard: read its records, run every per-document transform, stage the rows as Parquet.

Runs inside a worker process (a Prefect task on the process pool or on a Dask worker); nothing here
talks to Prefect, so it can be tested and profiled alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ...transforms.config import Config
from ...transforms.document import Document, RawRecord, Step
from ...transforms.hashing import sha256_hex
from ...transforms.pipeline import RecordError, load_resources, process_record
from ...transforms.rows import document_columns, step_row
from ..inputs.readers import FORMATS, Shard, Unread, read_piece
from ..inputs.user_files import config_hash
from ..storage.dataset import STAGING_SCHEMA, StagingWriter, read_metadata
from ..storage.manifest import code_digest
from .isolation import IsolatedProcessor, RecordFailure
from .progress import ProgressFile, progress_path

_SUMMARY_KEY = "refinery.shard_summary"


@dataclass
class ShardSummary:
    index: int
    staging_path: str
    documents: int = 0
    kept: int = 0
    rejected: int = 0
    errors: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    scripts: dict[str, int] = field(default_factory=dict)
    # documents flagged: spun, flagged_words, contaminated
    flagged: dict[str, int] = field(default_factory=dict)
    pii: dict[str, int] = field(default_factory=dict)  # personal values found, per kind
    inputs: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    isolated_cpu_seconds: float = 0.0  # the isolated extractor's CPU, which the task's own omits
    resumed: bool = False


# What a staged row holds; a change here (line_keys became one key per line in 2) must not let a
# resumed run reuse staging written the old way by the same release.
STAGING_FORMAT = "2"


def shard_fingerprint(shard: Shard, config_hash: str, pipeline_version: str) -> str:
    """Changes whenever the shard's files, the configuration, the pipeline (its version or its code) or
    the staging format change."""
    parts = [config_hash, pipeline_version, code_digest(), STAGING_FORMAT] + [
        f"{p.file.key}\x00{p.file.size}\x00{p.file.ukey}\x00{p.start}\x00{p.stop}" for p in shard.pieces
    ]
    return hashlib.sha256("\x01".join(parts).encode()).hexdigest()[:16]


def staging_path(shard: Shard, config: Config, staging_dir: str, pipeline_version: str) -> Path:
    """Where the shard is staged, named by the fingerprint of its inputs, configuration and pipeline."""
    fingerprint = shard_fingerprint(shard, config_hash(config), pipeline_version)
    return Path(staging_dir) / f"shard-{shard.index:05d}-{fingerprint}.parquet"


def process_shard(shard: Shard, config: Config, staging_dir: str, pipeline_version: str) -> ShardSummary:
    """Stage one shard; a shard already staged by an interrupted run with the same inputs is reused."""
    started = time.perf_counter()
    path = staging_path(shard, config, staging_dir, pipeline_version)
    if path.exists():
        summary = ShardSummary(**read_metadata(path, _SUMMARY_KEY))
        summary.resumed = True
        ProgressFile(progress_path(path), done_bytes=shard.size).write(summary)
        return summary

    load_shard_resources(config)
    summary = ShardSummary(index=shard.index, staging_path=str(path))
    counters: dict[str, Counter[str]] = {
        name: Counter() for name in ("reasons", "languages", "scripts", "flagged", "pii")
    }
    isolated = isolated_processor(config.model_dump_json()) if can_isolate(config) else None
    isolated_cpu_before = isolated.cpu_seconds if isolated is not None else 0.0
    pages = 0
    progress = ProgressFile(progress_path(path))
    with StagingWriter(path, STAGING_SCHEMA) as writer:
        for piece in shard.pieces:
            records, checksum = 0, None
            for record in read_piece(piece, config.read):
                pages += record.content_type == "html"
                progress.advance(summary, 0 if isinstance(record, Unread) else len(record.data))
                row = (
                    _error_row(record, record.error)
                    if isinstance(record, Unread)
                    else _process(record, config, isolated)
                )
                row["source_format"] = piece.file.source_format  # the container: jsonl, warc, ...
                row = encodable(row)
                _count(summary, counters, row)
                writer.add(row)
                records, checksum = records + 1, row["source_sha256"]
            item = piece.file
            summary.inputs.append(
                {
                    "key": item.key,
                    "size": item.size,
                    "ukey": item.ukey,
                    # A .txt or .html file is one record: the record checksum is the file checksum.
                    "sha256": checksum if FORMATS[item.source_format].records is None else None,
                    "records": records,
                    **piece.describe(),
                }
            )
        for name, counter in counters.items():
            setattr(summary, name, dict(sorted(counter.items())))
        summary.seconds = round(time.perf_counter() - started, 3)
        if isolated is not None:
            summary.isolated_cpu_seconds = round(isolated.cpu_seconds - isolated_cpu_before, 3)
        writer.commit({_SUMMARY_KEY: asdict(summary)})
    progress.write(summary)
    if isolated is not None and not pages:
        isolated.close()  # no HTML here, maybe no more: free its ~220 MB until a page comes
    return summary


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(row: dict[str, Any]) -> dict[str, Any]:
    """The row with every string Parquet can store: a lone surrogate (a JSON escape such as
    "\\ud83d" in a URL or a metadata field) becomes U+FFFD, and a document row's steps say how many."""
    replaced = 0

    def repair(value: Any) -> Any:
        nonlocal replaced
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                value, count = _SURROGATE.subn("\ufffd", value)
                replaced += count
            return value
        if isinstance(value, list):
            return [repair(item) for item in value]
        if isinstance(value, dict):
            return {key: repair(item) for key, item in value.items()}
        return value

    row = {key: repair(value) for key, value in row.items()}
    if replaced and row.get("steps") is not None:
        detail = f"{replaced} unencodable characters (lone surrogates) replaced by U+FFFD"
        row["steps"] = [*row["steps"], step_row(Step("repair", 0, detail))]
    return row


def _count(summary: ShardSummary, counters: dict[str, Counter[str]], row: dict[str, Any]) -> None:
    summary.documents += 1
    status = row["status"]
    if status == "error":
        summary.errors += 1
        return
    if status == "rejected":
        summary.rejected += 1
        counters["reasons"][row["reason"]] += 1
    else:
        summary.kept += 1
    counters["languages"][row["lang"] or "und"] += 1
    counters["scripts"][row["script"] or "Zyyy"] += 1
    if row.get("spun"):
        counters["flagged"]["spun"] += 1
    if row.get("flagged_share"):
        counters["flagged"]["flagged_words"] += 1
    if row.get("contaminated_by"):
        counters["flagged"]["contaminated"] += 1
    for item in row.get("pii") or ():
        counters["pii"][item["kind"]] += item["count"]


@cache
def isolated_processor(config_json: str) -> IsolatedProcessor:
    """One isolated child per worker process and configuration, kept while the worker's shards have
    HTML: starting one (imports and tables) takes about a second, the time of 150 density-engine
    pages. A shard without pages stops it (it holds ~220 MB); it is a daemon, so it ends with the
    worker."""
    return IsolatedProcessor(Config.model_validate_json(config_json))


def load_shard_resources(config: Config) -> None:
    """The tables this process needs for a shard's records: without the extractors when its pages
    go to the isolation child (which loads them itself)."""
    load_resources(config, pages=not can_isolate(config))


def can_isolate(config: Config) -> bool:
    """Daemonic processes (Dask's workers) may not start children: there, records run in-process."""
    return config.extract.isolate and not multiprocessing.current_process().daemon


class RecordTimeout(BaseException):
    """A BaseException, like KeyboardInterrupt: libraries that catch Exception (trafilatura logs and
    swallows errors in its metadata step) must not absorb it and carry on for minutes."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (a pathological page must not stall its shard).

    Uses SIGALRM, so it applies where the shard runs on a process's main thread (the local process
    pool); on a thread of a Dask worker the block runs without a limit.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise RecordTimeout(f"processing took longer than {seconds:g}s (extract.timeout_seconds)")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds, seconds)  # re-fires, should one alarm get lost
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _process(record: RawRecord, config: Config, isolated: IsolatedProcessor | None) -> dict[str, Any]:
    """HTML goes to the isolated child when there is one; everything else runs here, under a signal
    time limit."""
    try:
        if isolated is not None and record.content_type == "html":
            document = isolated.process(record, config.extract.timeout_seconds)
        else:
            with time_limit(config.extract.timeout_seconds):
                document = process_record(record, config)
    except (RecordError, RecordTimeout, RecordFailure) as error:
        return _error_row(record, str(error))
    except Exception as error:  # one bad record must not take the shard down; it is kept as an error row
        return _error_row(record, f"{type(error).__name__}: {error}")
    return _document_row(record, document, config)


def _source_columns(record: RawRecord | Unread) -> dict[str, Any]:
    """Where a row comes from; a record that could not be read has no bytes, so no checksum."""
    read = isinstance(record, RawRecord)
    return {
        "id": record.id,
        "source_uri": record.source_uri,
        "source_record": record.source_record,
        "content_type": record.content_type,
        "source_sha256": sha256_hex(record.data) if read else None,
        "source_url": record.source_url if read else None,
    }


def _error_row(record: RawRecord | Unread, message: str) -> dict[str, Any]:
    return {**_source_columns(record), "status": "error", "error": message}


def _document_row(record: RawRecord, document: Document, config: Config) -> dict[str, Any]:
    return {**_source_columns(record), **document_columns(document, config.dedup)}
