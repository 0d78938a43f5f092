"""Corpus-wide line frequency (CCNet-style): lines that many different documents of the run share
are site chrome, even when they read like prose.

Two passes over the staged shards: count, per line key, the distinct documents (by text hash, so
exact copies of one document count once) that contain it; then remove the frequent lines from each
staged shard into a sibling file. The original staging stays as it was, so a resumed run counts
the same lines and ends with the same dataset.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import xxhash

from refinery.flows.dataset import STAGING_SCHEMA, write_table_atomic
from refinery.flows.dedup import rejected_ids
from refinery.transforms.boilerplate import remove_frequent_lines, remove_seen_paragraphs
from refinery.transforms.config import Config
from refinery.transforms.judge import revise
from refinery.transforms.rows import document_columns, document_from_row

FREQUENT_SCHEMA = pa.schema([("key", pa.uint64()), ("documents", pa.int64())])


def frequent_line_keys(staging_paths: list[str], min_docs: int) -> pa.Table:
    """Line keys present in at least `min_docs` distinct kept documents."""
    if min_docs <= 0:
        return FREQUENT_SCHEMA.empty_table()
    pairs = []
    for path in staging_paths:
        table = pq.read_table(path, columns=["text_hash", "line_keys", "status"])
        table = table.filter(pc.equal(table["status"], "kept"))
        keys = table["line_keys"].combine_chunks() if table.num_rows else pa.array([], pa.list_(pa.uint64()))
        if not len(keys):
            continue
        # A document is a 64-bit hash of its text hash (copies count once): an integer, not a
        # 32-character string, since a million documents have ~20 million (line, document) pairs.
        hashes = table["text_hash"].to_pylist()
        documents = pa.array([xxhash.xxh3_64_intdigest(h.encode()) for h in hashes], pa.uint64())
        shard = pa.table(
            {"key": pc.list_flatten(keys), "document": pc.take(documents, pc.list_parent_indices(keys))}
        ).filter(pc.is_valid(pc.field("key")))  # lines too short to have a key
        pairs.append(shard.group_by(["key", "document"], use_threads=False).aggregate([]))
    if not pairs:
        return FREQUENT_SCHEMA.empty_table()
    distinct = pa.concat_tables(pairs).group_by(["key", "document"], use_threads=False).aggregate([])
    counts = distinct.group_by("key", use_threads=False).aggregate([("document", "count")])
    counts = counts.rename_columns(["key", "documents"])
    frequent = counts.filter(pc.greater_equal(counts["documents"], min_docs))
    return frequent.sort_by("key").cast(FREQUENT_SCHEMA)


def lines_path(staging_path: str) -> str:
    return str(Path(staging_path).with_suffix(".lines.parquet"))


def apply_frequent_lines(staging_path: str, frequent_path: str, config: Config) -> str:
    """Write the shard with frequent lines removed next to its staging file; returns that path.
    A changed document is revised: fresh dedup and quality columns, judged again.

    Only kept rows with a frequent line among their staged line keys can change, and only the
    texts of those are read into Python; a whole row only when its text changes."""
    staged = pq.read_table(staging_path)
    frequent = pq.read_table(frequent_path)["key"]
    keys = set(frequent.to_pylist())
    candidates = _rows_with_any(staged, frequent)
    changed, revised_rows = [], []
    texts_and_keys = staged.select(["text", "line_keys"]).take(candidates).to_pylist()
    for index, row in zip(candidates, texts_and_keys, strict=True):
        text, step = remove_frequent_lines(
            row["text"], row["line_keys"], keys, config.boilerplate.corpus_line_max_share
        )
        if step.chars_removed:
            row = staged.slice(index, 1).to_pylist()[0]
            document = revise(document_from_row(row), text, step, config)
            changed.append(index)
            revised_rows.append(row | document_columns(document, config.dedup))
    # Row i of the result is row i of the staging, or its revision where its text changed.
    order = np.arange(staged.num_rows)
    order[changed] = staged.num_rows + np.arange(len(changed))
    revised = pa.Table.from_pylist(revised_rows, schema=staged.schema)
    target = lines_path(staging_path)
    write_table_atomic(pa.concat_tables([staged, revised]).take(order), Path(target))
    return target


def _rows_with_any(staged: pa.Table, frequent: pa.ChunkedArray) -> np.ndarray:
    """Indices of the kept rows whose line keys include one of `frequent`."""
    if not len(frequent) or not staged.num_rows:
        return np.zeros(0, dtype=np.int64)
    keys = staged["line_keys"].combine_chunks()
    hits = pc.is_in(pc.list_flatten(keys), value_set=frequent.combine_chunks())
    rows = np.unique(pc.filter(pc.list_parent_indices(keys), hits).to_numpy())
    kept = staged["status"].combine_chunks().to_numpy(zero_copy_only=False)[rows] == "kept"
    return rows[kept].astype(np.int64)


DECISIONS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("drop", pa.list_(pa.uint64())),  # keys of the paragraphs it loses
        pa.field("rejected", pa.bool_(), nullable=False),  # judged again on what is left: rejected
        # what the dedup index records of its text as published (null when rejected)
        *(STAGING_SCHEMA.field(name) for name in ("text_hash", "text_chars", "minhash", "bands")),
    ]
)


def paragraph_decisions(staging_paths: list[str], duplicates: pa.Table, config: Config) -> pa.Table:
    """dedup.paragraphs: a paragraph several surviving documents share stays in the first of them (input
    order) that is still kept once it has lost what earlier documents published. A document judged
    again and rejected publishes nothing, so a later copy keeps the paragraph: no paragraph is lost
    because its owner fell under a filter. One row per document that loses paragraphs.

    Sequential by nature (each decision depends on the ones before), but only documents holding a
    shared paragraph are read whole and judged again."""
    copies = rejected_ids(duplicates)
    shared_keys = _shared_keys(staging_paths, copies)
    shared = set(shared_keys.to_pylist())
    published: set[int] = set()
    decisions: list[dict] = []
    for path in staging_paths:
        if not shared:
            break
        table = _surviving(pq.read_table(path, columns=["id", "line_keys", "status"]), copies)
        keys_column = table["line_keys"].combine_chunks()
        holding = pc.filter(
            pc.list_parent_indices(keys_column), pc.is_in(pc.list_flatten(keys_column), value_set=shared_keys)
        )
        full: list[dict] | None = None
        for position in np.unique(holding.to_numpy()).tolist():  # documents holding a shared paragraph
            doc_id, keys = table["id"][position].as_py(), keys_column[position].as_py()
            mine = {key for key in keys if key in shared}
            seen = mine & published
            if not seen:
                published |= mine
                continue
            if full is None:  # the shard's rows, whole, in the same order
                full = _surviving(pq.read_table(path), copies).to_pylist()
            row = full[position]
            text, step = remove_seen_paragraphs(row["text"], keys, seen)
            revised = revise(document_from_row(row), text, step, config)
            kept = revised.reason is None
            if kept:
                published |= mine - seen
            columns = document_columns(revised, config.dedup) if kept else {}
            decisions.append(
                {"id": doc_id, "drop": sorted(seen), "rejected": not kept}
                | {name: columns.get(name) for name in ("text_hash", "text_chars", "minhash", "bands")}
            )
    return pa.Table.from_pylist(decisions, schema=DECISIONS_SCHEMA)


def _surviving(table: pa.Table, copies: pa.Array) -> pa.Table:
    """Kept rows that dedup did not reject, in staging order."""
    return table.filter(
        pc.and_(pc.equal(table["status"], "kept"), pc.invert(pc.is_in(table["id"], value_set=copies)))
    )


def _shared_keys(staging_paths: list[str], copies: pa.Array) -> pa.Array:
    """Paragraph keys found in two or more documents that survive dedup."""
    pieces = []
    for path in staging_paths:
        table = _surviving(pq.read_table(path, columns=["id", "line_keys", "status"]), copies)
        keys = table["line_keys"].combine_chunks()
        if len(keys):
            pairs = pa.table(
                {"key": pc.list_flatten(keys), "doc": pc.take(table["id"], pc.list_parent_indices(keys))}
            )
            pieces.append(pairs.filter(pc.is_valid(pc.field("key"))))
    if not pieces:
        return pa.array([], pa.uint64())
    grouped = (
        pa.concat_tables(pieces).group_by("key", use_threads=False).aggregate([("doc", "count_distinct")])
    )
    return grouped.filter(pc.greater(grouped["doc_count_distinct"], 1))["key"].combine_chunks()
