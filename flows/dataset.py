"""The dataset contract: explicit Arrow schemas, atomic Parquet writes, and the output layout.

OUT/data/part-*.parquet      kept documents
OUT/rejected/part-*.parquet  dropped documents: document columns + reason, duplicate_of
OUT/errors/part-*.parquet    records that could not be read or processed: source columns + error
OUT/manifest.json            run-level provenance
OUT/README.md                dataset card
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

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


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


@contextlib.contextmanager
def _atomic_path(path: Path) -> Iterator[Path]:
    """A temporary sibling to write; on success it is fsynced and renamed over `path`, so readers
    see the old file or the whole new one, never a torso."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    yield temporary
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def write_table_atomic(table: pa.Table, path: Path, metadata: dict[str, Any] | None = None) -> None:
    if metadata:
        encoded = {key.encode(): json.dumps(value).encode() for key, value in metadata.items()}
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **encoded})
    with _atomic_path(path) as temporary:
        pq.write_table(table, temporary, compression="zstd", write_statistics=True)


def write_text_atomic(text: str, path: Path) -> None:
    with _atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8")


def read_metadata(path: Path, key: str) -> Any:
    raw = pq.read_schema(path).metadata or {}
    value = raw.get(key.encode())
    return None if value is None else json.loads(value)


def publish(next_dir: Path, out: Path) -> None:
    """Swap freshly written part directories into place, one directory rename each."""
    for name in PARTS:
        target = out / name
        retired = out / f".{name}.old"
        if retired.exists():
            shutil.rmtree(retired)
        if target.exists():
            os.replace(target, retired)
        os.replace(next_dir / name, target)
        if retired.exists():
            shutil.rmtree(retired)
    shutil.rmtree(next_dir, ignore_errors=True)
