"""The dataset contract: explicit Arrow schemas, atomic Parquet writes, and the output layout.

OUT/data/part-RRRR-SSSSS.parquet      kept documents (run RRRR of the dataset, shard SSSSS)
OUT/rejected/part-RRRR-SSSSS.parquet  dropped documents: document columns + reason, duplicate_of
OUT/errors/part-RRRR-SSSSS.parquet    records that could not be read or processed: source columns + error
OUT/dedup-index/run-RRRR.parquet      signatures of the documents each run kept, for later runs
OUT/manifest.json                     provenance of the dataset and of every run that wrote it
OUT/README.md                         dataset card

A replace run rewrites the whole dataset (RRRR = 0000); an append run adds its own parts. The
manifest is written last: it is the commit point, so files of a run it does not list are leftovers
of a killed run and are removed by the next one.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from flows.errors import UserError
from transforms.quality import SIGNALS

STEP_TYPE = pa.struct([("name", pa.string()), ("chars_removed", pa.int64()), ("detail", pa.string())])
TIMESTAMP = pa.timestamp("us", tz="UTC")

_SOURCE_FIELDS = [
    pa.field("id", pa.string(), nullable=False),
    pa.field("source_uri", pa.string(), nullable=False),
    pa.field("source_record", pa.string()),
    pa.field("source_format", pa.string(), nullable=False),
    pa.field("source_sha256", pa.string()),
    pa.field("source_url", pa.string()),
]
_RUN_FIELDS = [
    pa.field("run_id", pa.string(), nullable=False),
    pa.field("config_hash", pa.string(), nullable=False),
    pa.field("pipeline_version", pa.string(), nullable=False),
    pa.field("processed_at", TIMESTAMP, nullable=False),
]
_DOCUMENT_FIELDS = [
    pa.field("text", pa.string(), nullable=False),
    pa.field("title", pa.string()),
    pa.field("lang", pa.string()),
    pa.field("lang_score", pa.float64()),
    pa.field("lang_alternatives", pa.list_(pa.struct([("lang", pa.string()), ("score", pa.float64())]))),
    pa.field("lang_mixed", pa.bool_()),  # a sizeable part is in another language
    pa.field("script", pa.string()),
    pa.field("converted", pa.string()),
    pa.field("text_hash", pa.string()),
    pa.field("steps", pa.list_(STEP_TYPE)),
    pa.field("metadata", pa.string()),  # JSON object: extractor metadata (author, date, sitename)
    # quality signals (transforms/quality.py): one column each
    *(pa.field(name, pa.bool_() if name == "spun" else pa.float64()) for name in SIGNALS),
    pa.field("cluster_size", pa.int64()),  # documents in its duplicate cluster, itself included
]

DATA_SCHEMA = pa.schema(_SOURCE_FIELDS[:1] + _DOCUMENT_FIELDS + _SOURCE_FIELDS[1:] + _RUN_FIELDS)
REJECTED_SCHEMA = (
    DATA_SCHEMA.append(pa.field("reason", pa.string(), nullable=False))
    .append(pa.field("duplicate_of", pa.string()))
    .append(pa.field("similarity", pa.float64()))  # estimated Jaccard to the kept copy
)
ERRORS_SCHEMA = pa.schema([*_SOURCE_FIELDS, pa.field("error", pa.string(), nullable=False), *_RUN_FIELDS])
# Staging keeps every row of a shard until the global dedup decides: all columns, all nullable
# (error rows have no text), plus the row's status.
# Run columns are filled when the dataset is published, so a resumed run can reuse staged shards.
RUN_COLUMNS = tuple(field.name for field in _RUN_FIELDS)
STAGING_SCHEMA = pa.schema(
    [field.with_nullable(True) for field in REJECTED_SCHEMA if field.name not in RUN_COLUMNS]
    + [
        pa.field("error", pa.string()),
        pa.field("status", pa.string(), nullable=False),  # kept/rejected/error
        pa.field("line_keys", pa.list_(pa.uint64())),  # for corpus-wide line frequency
        pa.field("text_chars", pa.int64()),  # for dedup's keep policy, without reading texts
        pa.field("minhash", pa.list_(pa.uint32())),  # near-dup signature
        pa.field("bands", pa.list_(pa.uint64())),  # its LSH band keys
    ]
)
PARTS = {"data": DATA_SCHEMA, "rejected": REJECTED_SCHEMA, "errors": ERRORS_SCHEMA}


INDEX_DIR = "dedup-index"
_RUN_FILE = re.compile(r"^(?:part|run)-(\d{4})[-.]")


def part_name(index: int, sequence: int = 0) -> str:
    """Parts of the dataset's `sequence`-th run (0-based), one per shard."""
    return f"part-{sequence:04d}-{index:05d}.parquet"


def index_name(sequence: int) -> str:
    return f"run-{sequence:04d}.parquet"


def run_sequence(path: Path) -> int | None:
    """Which run of the dataset wrote a part or index file."""
    match = _RUN_FILE.match(path.name)
    return int(match.group(1)) if match else None


@contextlib.contextmanager
def _atomic_path(path: Path) -> Iterator[Path]:
    """A temporary sibling to write; on success it is fsynced and renamed over `path`, so readers
    see the old file or the whole new one, never a torso."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_for(path)
    yield temporary
    _commit(temporary, path)


def _temporary_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _commit(temporary: Path, path: Path) -> None:
    """Make a fully written temporary file durable, then put it in place in one rename."""
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def write_table_atomic(table: pa.Table, path: Path, metadata: dict[str, Any] | None = None) -> None:
    if metadata:
        encoded = {key.encode(): json.dumps(value).encode() for key, value in metadata.items()}
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **encoded})
    with _atomic_path(path) as temporary:
        pq.write_table(table, temporary, compression="zstd", write_statistics=True)


class StagingWriter:
    """Rows written as they come, in row groups, so a shard's memory does not grow with its size;
    the file appears under its name only on commit (fsync + rename), with `metadata` in its footer."""

    def __init__(self, path: Path, schema: pa.Schema, rows_per_group: int = 1000) -> None:
        self.path, self.schema, self.rows_per_group = path, schema, rows_per_group
        self.temporary = _temporary_for(path)
        self.rows: list[dict[str, Any]] = []
        self.writer: pq.ParquetWriter | None = None

    def __enter__(self) -> StagingWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.writer = pq.ParquetWriter(self.temporary, self.schema, compression="zstd")
        return self

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.rows_per_group:
            self._flush()

    def _flush(self) -> None:
        if self.rows and self.writer is not None:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def commit(self, metadata: dict[str, Any]) -> None:
        assert self.writer is not None
        self._flush()
        self.writer.add_key_value_metadata({key: json.dumps(value) for key, value in metadata.items()})
        self.writer.close()
        self.writer = None
        _commit(self.temporary, self.path)

    def __exit__(self, *exc_info: object) -> None:
        if self.writer is not None:  # not committed: leave nothing behind
            self.writer.close()
            self.temporary.unlink(missing_ok=True)


def write_text_atomic(text: str, path: Path) -> None:
    with _atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8")


def read_metadata(path: Path, key: str) -> Any:
    raw = pq.read_metadata(path).metadata or {}  # the footer: schema metadata and writer key-values
    value = raw.get(key.encode())
    return None if value is None else json.loads(value)


def publish(next_dir: Path, out: Path) -> None:
    """Replace: swap freshly written directories into place, one directory rename each."""
    for name in (*PARTS, INDEX_DIR):
        target = out / name
        retired = out / f".{name}.old"
        if retired.exists():
            shutil.rmtree(retired)
        if target.exists():
            os.replace(target, retired)
        if (next_dir / name).exists():
            os.replace(next_dir / name, target)
        if retired.exists():
            shutil.rmtree(retired)
    shutil.rmtree(next_dir, ignore_errors=True)


def publish_append(next_dir: Path, out: Path) -> None:
    """Append: move a run's new files next to the published ones, which are never touched."""
    for name in (*PARTS, INDEX_DIR):
        for path in sorted((next_dir / name).glob("*.parquet")):
            (out / name).mkdir(parents=True, exist_ok=True)
            os.replace(path, out / name / path.name)
    shutil.rmtree(next_dir, ignore_errors=True)


def remove_leftovers(out: Path, committed_runs: int | None) -> list[str]:
    """Delete what interrupted runs left: their unpublished part directories, and (append,
    `committed_runs` given) files of runs the manifest does not list. Staged shards stay: they
    are how a run resumes."""
    removed = []
    for path in sorted(out.glob(".next-*")):
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path.name)
    if committed_runs is None:
        return removed
    for name in (*PARTS, INDEX_DIR):
        for path in sorted((out / name).glob("*.parquet")):
            sequence = run_sequence(path)
            if sequence is not None and sequence >= committed_runs:
                path.unlink()
                removed.append(str(path.relative_to(out)))
    return removed


MARKER = ".refinery"  # written into every output directory refinery claims
_DEBRIS = re.compile(r"^(\.lock|\.staging|\.next-.*|\..*\.old|\.probe-.*)$")  # what a run killed early leaves


def is_refinery_dataset(out: Path) -> bool:
    """Written by refinery: its marker, or (datasets of 0.3 and before) its manifest."""
    if (out / MARKER).is_file():
        return True
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and {"runs", "config_hash", "counts"} <= manifest.keys()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output_dir(out: Path, input_roots: list[Path]) -> None:
    """Refuse an output directory refinery could damage or that would feed itself: it must be
    absent, empty, or a refinery dataset, and apart from every input. Raises UserError."""
    if out.parent == out:
        raise UserError(f"--out {out} is a filesystem root: give the dataset a directory of its own")
    for root in input_roots:
        if _inside(root, out):
            raise UserError(f"--out {out} holds the input {root}: write the dataset somewhere else")
        if _inside(out, root):
            raise UserError(f"--out {out} is inside the input {root}: the dataset would read itself")
    if not out.exists():
        return
    if not out.is_dir():
        raise UserError(f"--out {out} is a file, not a directory")
    try:
        entries = sorted(path.name for path in out.iterdir())
    except OSError as error:
        raise UserError(f"--out {out}: cannot read it ({error.strerror})") from error
    if all(_DEBRIS.match(name) for name in entries) or is_refinery_dataset(out):
        return
    shown = ", ".join(entries[:4]) + (", ..." if len(entries) > 4 else "")
    raise UserError(
        f"--out {out} holds files refinery did not write ({shown}): refinery only writes into a new or "
        "empty directory or a dataset of its own"
    )


def check_writable(out: Path) -> None:
    """The output directory can be created and written (it is created if absent)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".probe-"):
            pass
    except OSError as error:
        raise UserError(f"--out {out}: cannot write there ({error.strerror or error})") from error


def claim_output_dir(out: Path) -> None:
    """Mark `out` as refinery's (after check_output_dir, under the dataset lock)."""
    if not (out / MARKER).is_file():
        write_text_atomic(
            "A refinery dataset: refinery may replace what is in this directory.\n", out / MARKER
        )


@contextlib.contextmanager
def dataset_lock(out: Path) -> Iterator[None]:
    """Exclusive use of a dataset directory for one run. The operating system releases the lock
    when its process dies, even by SIGKILL, so a killed run never blocks the next one."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "a") as handle:  # "a": taking the lock does not touch the file
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise UserError(f"another run is writing {out}; wait for it to finish") from error
        yield
