"""The version a run writes: each shard of the corpus, as the corpus stages left it, split into parts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ...transforms.classifiers import score_column
from ...transforms.config import Config
from ..corpus.index import INDEX_COLUMNS, index_part, write_index_file
from ..corpus.stage import Corpus
from .dataset import INDEX_DIR, PARTS, part_name, part_schema, write_table_atomic
from .distributions import tally
from .tokens import count_tokens


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
    tokens: dict[str, int] = field(default_factory=dict)  # kept and rejected, with tokens.tokenizer
    distributions: dict[str, Any] = field(default_factory=dict)  # storage/distributions.py's tally


def write_parts(
    corpus: Corpus, shard: int, index: int, next_dir: str, run: RunColumns, sequence: int, config: Config
) -> PartCounts:
    """Split shard `shard` of the corpus, as the corpus stages left it, into its data/, rejected/ and
    errors/ parts (named for the shard's `index`; empty parts are not written), and record the
    signatures of its data rows in the version's dedup index, from the same rows. Tokens are
    counted here, on the text as published, and the rows tallied for the plots."""
    staged = corpus.rows(shard)
    cluster_size = staged.schema.get_field_index("cluster_size")
    staged = staged.set_column(cluster_size, "cluster_size", pc.fill_null(staged["cluster_size"], 1))
    if config.tokens.tokenizer:
        counted = count_tokens(staged["text"], config.tokens.tokenizer)  # null for error rows
        staged = staged.set_column(staged.schema.get_field_index("tokens"), "tokens", counted)
    staged = _with_score_columns(_with_run_columns(staged, run), config.quality.names())

    tables = {}
    for part, wanted in (("data", "kept"), ("rejected", "rejected"), ("errors", "error")):
        rows = staged.filter(pc.equal(staged["status"], wanted))
        schema = part_schema(part, config.quality.names())
        tables[part] = rows.select(schema.names).cast(schema)
        if rows.num_rows:
            write_table_atomic(tables[part], Path(next_dir) / part / part_name(index, sequence))
        if part == "data" and rows.num_rows:
            published = rows.select(INDEX_COLUMNS)
            write_index_file(
                published, Path(next_dir) / INDEX_DIR / index_part(sequence, index), config.dedup
            )
    return PartCounts(
        kept=tables["data"].num_rows,
        rejected=tables["rejected"].num_rows,
        errors=tables["errors"].num_rows,
        reasons=dict(Counter(tables["rejected"]["reason"].to_pylist())),
        chars_removed=_chars_removed_by_stage([tables["data"], tables["rejected"]]),
        tokens={"kept": _total(tables["data"]), "rejected": _total(tables["rejected"])}
        if config.tokens.tokenizer
        else {},
        distributions=tally(tables["data"], tables["rejected"], config.filter),
    )


def _total(table: pa.Table) -> int:
    return pc.sum(table["tokens"]).as_py() or 0


def _chars_removed_by_stage(tables: list[pa.Table]) -> dict[str, int]:
    steps = pa.concat_arrays([pc.list_flatten(table["steps"].combine_chunks()) for table in tables])
    if not len(steps):
        return {}
    flat = pa.table(
        {"name": pc.struct_field(steps, "name"), "chars": pc.struct_field(steps, "chars_removed")}
    )
    totals = flat.group_by("name", use_threads=False).aggregate([("chars", "sum")])
    return dict(zip(totals["name"].to_pylist(), totals["chars_sum"].to_pylist(), strict=True))


def make_part_dirs(next_dir: str) -> None:
    """data/, rejected/ and errors/ exist even without rows, so OUT/data always resolves; a part
    with no rows has no file (Hugging Face `datasets` fails on a file of 0 rows)."""
    for part in PARTS:
        (Path(next_dir) / part).mkdir(parents=True, exist_ok=True)


def _with_score_columns(table: pa.Table, classifiers: Sequence[str]) -> pa.Table:
    """The classifiers' scores, staged as a list per row, as a quality_<name> column each."""
    if not classifiers:
        return table
    staged = [dict(map(_pair, scores or ())) for scores in table["quality_scores"].to_pylist()]
    for name in classifiers:
        table = table.append_column(score_column(name), pa.array([s.get(name) for s in staged], pa.float64()))
    return table


def _pair(item: dict[str, Any]) -> tuple[str, float]:
    return item["name"], item["score"]


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
