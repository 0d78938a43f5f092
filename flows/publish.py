"""Turn staged shards plus the dedup decision into the published dataset, its manifest and card."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from refinery.flows.dataset import PARTS, part_name, write_table_atomic
from refinery.transforms.boilerplate import remove_seen_paragraphs
from refinery.transforms.config import Config
from refinery.transforms.judge import revise
from refinery.transforms.rows import document_columns, document_from_row


@dataclass(frozen=True, slots=True)
class RunColumns:
    """Provenance every row of a run carries."""

    run_id: str
    config_hash: str
    pipeline_version: str
    processed_at: datetime


@dataclass
class PartCounts:
    kept: int = 0
    rejected: int = 0
    errors: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    chars_removed: dict[str, int] = field(default_factory=dict)  # per stage, over kept and rejected


def write_parts(
    staging_path: str,
    index: int,
    duplicates: pa.Table,
    next_dir: str,
    run: RunColumns,
    config: Config,
    paragraph_decisions: pa.Table | None = None,
    sequence: int = 0,
) -> PartCounts:
    """Split one staged shard into its data/, rejected/ and errors/ parts (empty parts are not written).

    With `paragraph_decisions` (dedup.paragraphs), the documents named there first lose the paragraphs
    an earlier published document holds, and are judged again under `config`."""
    staged = pq.read_table(staging_path)
    position = pc.index_in(staged["id"], value_set=duplicates["id"])

    def cluster_column(name: str) -> pa.Array:
        return pc.take(duplicates[name], position)

    duplicate_of = cluster_column("duplicate_of")
    is_duplicate = pc.is_valid(duplicate_of)
    for name, column in (
        ("duplicate_of", duplicate_of),
        ("reason", pc.if_else(is_duplicate, cluster_column("reason"), staged["reason"])),
        ("status", pc.if_else(is_duplicate, pa.scalar("rejected"), staged["status"])),
        ("similarity", cluster_column("similarity")),
        ("cluster_size", pc.fill_null(cluster_column("cluster_size"), 1)),
    ):
        staged = staged.set_column(staged.schema.get_field_index(name), name, column)
    if paragraph_decisions is not None and paragraph_decisions.num_rows:
        staged = _drop_seen_paragraphs(staged, paragraph_decisions, config)
    staged = _with_run_columns(staged, run)

    tables = {}
    for part, wanted in (("data", "kept"), ("rejected", "rejected"), ("errors", "error")):
        rows = staged.filter(pc.equal(staged["status"], wanted))
        tables[part] = rows.select(PARTS[part].names).cast(PARTS[part])
        if rows.num_rows:
            write_table_atomic(tables[part], Path(next_dir) / part / part_name(index, sequence))
    return PartCounts(
        kept=tables["data"].num_rows,
        rejected=tables["rejected"].num_rows,
        errors=tables["errors"].num_rows,
        reasons=dict(Counter(tables["rejected"]["reason"].to_pylist())),
        chars_removed=_chars_removed_by_stage([tables["data"], tables["rejected"]]),
    )


def _chars_removed_by_stage(tables: list[pa.Table]) -> dict[str, int]:
    steps = pa.concat_arrays([pc.list_flatten(table["steps"].combine_chunks()) for table in tables])
    if not len(steps):
        return {}
    flat = pa.table(
        {"name": pc.struct_field(steps, "name"), "chars": pc.struct_field(steps, "chars_removed")}
    )
    totals = flat.group_by("name", use_threads=False).aggregate([("chars", "sum")])
    return dict(zip(totals["name"].to_pylist(), totals["chars_sum"].to_pylist(), strict=True))


def _drop_seen_paragraphs(staged: pa.Table, decisions: pa.Table, config: Config) -> pa.Table:
    """The documents paragraph_decisions names lose their paragraphs and are revised (judged again on
    what is left), with the outcome the decisions recorded."""
    decided = {row["id"]: row for row in decisions.to_pylist()}
    rows = staged.to_pylist()
    for row in rows:
        decision = decided.get(row["id"]) if row["status"] == "kept" else None
        if decision is None:
            continue
        text, step = remove_seen_paragraphs(row["text"], row["line_keys"], set(decision["drop"]))
        row.update(document_columns(revise(document_from_row(row), text, step, config), config.dedup))
        if (row["status"] == "rejected") != decision["rejected"]:
            raise RuntimeError(f"paragraph dedup judged {row['id']} twice and differently")
    return pa.Table.from_pylist(rows, schema=staged.schema)


def make_part_dirs(next_dir: str) -> None:
    """data/, rejected/ and errors/ exist even without rows, so OUT/data always resolves; a part
    with no rows has no file (Hugging Face `datasets` fails on a file of 0 rows)."""
    for part in PARTS:
        (Path(next_dir) / part).mkdir(parents=True, exist_ok=True)


def _with_run_columns(table: pa.Table, run: RunColumns) -> pa.Table:
    n = table.num_rows
    values = {
        "run_id": pa.array([run.run_id] * n, pa.string()),
        "config_hash": pa.array([run.config_hash] * n, pa.string()),
        "pipeline_version": pa.array([run.pipeline_version] * n, pa.string()),
        "processed_at": pa.array([run.processed_at] * n, pa.timestamp("us", tz="UTC")),
    }
    for name, column in values.items():
        table = table.append_column(name, column)
    return table
