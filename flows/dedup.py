"""Corpus-wide exact dedup over the staged shards: only ids and hashes are read, never texts."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

DUPLICATES_SCHEMA = pa.schema([("id", pa.string()), ("duplicate_of", pa.string())])


def exact_duplicates(staging_paths: list[str]) -> pa.Table:
    """Rows whose dedup key (text_hash) a kept row earlier in input order already has.

    The first copy in input order (shard, then row) is kept: deterministic, and on re-runs over a
    grown input the older document keeps its place.
    """
    pieces = []
    for path in staging_paths:
        table = pq.read_table(path, columns=["id", "text_hash", "status"])
        pieces.append(table.filter(pc.equal(table["status"], "kept")).select(["id", "text_hash"]))
    if not pieces:
        return DUPLICATES_SCHEMA.empty_table()
    kept = pa.concat_tables(pieces)
    kept = kept.append_column("order", pa.array(range(kept.num_rows), pa.int64()))
    first = kept.group_by("text_hash", use_threads=False).aggregate([("order", "min")])
    keepers = kept.join(
        first, keys=["text_hash", "order"], right_keys=["text_hash", "order_min"], join_type="inner"
    )
    keepers = keepers.select(["text_hash", "id"]).rename_columns(["text_hash", "duplicate_of"])
    joined = kept.join(keepers, keys="text_hash", join_type="inner")
    duplicates = joined.filter(pc.not_equal(joined["id"], joined["duplicate_of"]))
    return duplicates.select(["id", "duplicate_of"]).sort_by("id").cast(DUPLICATES_SCHEMA)
