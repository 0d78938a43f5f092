"""Corpus-wide line frequency (CCNet-style): lines that many different documents of the run share
are site chrome, even when they read like prose.

Two passes: count, per line key, the distinct kept documents (by text hash, so exact copies of one
document count once) that contain it; then, shard by shard, take the frequent lines out of the
documents holding one, judge those again, and write them as the shard's revision. Nothing is
written when no line is frequent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import xxhash

from ...transforms.boilerplate import remove_frequent_lines
from ...transforms.config import Config
from ...transforms.judge import revise
from ...transforms.rows import document_columns, document_from_row
from ..storage.dataset import STAGING_SCHEMA, write_table_atomic
from .stage import Corpus, Revision, StageWork

FREQUENT_SCHEMA = pa.schema([("key", pa.uint64()), ("documents", pa.int64())])


def frequent_line_keys(corpus: Corpus, min_docs: int) -> pa.Table:
    """Line keys present in at least `min_docs` distinct kept documents."""
    if min_docs <= 0:
        return FREQUENT_SCHEMA.empty_table()
    pairs = []
    for shard in range(len(corpus.shards)):
        table = corpus.kept_rows(shard, ["text_hash", "line_keys"])
        keys = table["line_keys"].combine_chunks() if table.num_rows else pa.array([], pa.list_(pa.uint64()))
        if not len(keys):
            continue
        # A document is a 64-bit hash of its text hash (copies count once): an integer, not a
        # 32-character string, since a million documents have ~20 million (line, document) pairs.
        hashes = table["text_hash"].to_pylist()
        documents = pa.array([xxhash.xxh3_64_intdigest(h.encode()) for h in hashes], pa.uint64())
        pieces = pa.table(
            {"key": pc.list_flatten(keys), "document": pc.take(documents, pc.list_parent_indices(keys))}
        ).filter(pc.is_valid(pc.field("key")))  # lines too short to have a key
        pairs.append(pieces.group_by(["key", "document"], use_threads=False).aggregate([]))
    if not pairs:
        return FREQUENT_SCHEMA.empty_table()
    distinct = pa.concat_tables(pairs).group_by(["key", "document"], use_threads=False).aggregate([])
    counts = distinct.group_by("key", use_threads=False).aggregate([("document", "count")])
    counts = counts.rename_columns(["key", "documents"])
    frequent = counts.filter(pc.greater_equal(counts["documents"], min_docs))
    return frequent.sort_by("key").cast(FREQUENT_SCHEMA)


def count_frequent_lines(corpus: Corpus, min_docs: int, path: str) -> int:
    """Write the frequent line keys to `path`; how many there are."""
    frequent = frequent_line_keys(corpus, min_docs)
    write_table_atomic(frequent, Path(path))
    return frequent.num_rows


def remove_frequent_lines_from(
    corpus: Corpus, shard: int, frequent_path: str, config: Config, path: str
) -> tuple[Revision | None, int]:
    """The shard's documents without the corpus's frequent lines, judged again, as a revision at
    `path` (None when no document changed); and how many of the shard's documents are still kept.

    Only kept rows with a frequent line among their line keys can change, and only the texts of
    those are read into Python; a whole row only when its text changes."""
    staged = corpus.rows(shard)
    frequent = pq.read_table(frequent_path)["key"]
    keys = set(frequent.to_pylist())
    candidates = _rows_with_any(staged, frequent)
    revised_rows = []
    texts_and_keys = staged.select(["text", "line_keys"]).take(candidates).to_pylist()
    for index, row in zip(candidates, texts_and_keys, strict=True):
        text, step = remove_frequent_lines(
            row["text"], row["line_keys"], keys, config.boilerplate.corpus_line_max_share
        )
        if step.chars_removed:
            row = staged.slice(index, 1).to_pylist()[0]
            document = revise(document_from_row(row), text, step, config)
            revised_rows.append(row | document_columns(document, config.dedup))
    kept = staged["status"].to_pylist().count("kept") - sum(row["status"] != "kept" for row in revised_rows)
    if not revised_rows:
        return None, kept
    write_table_atomic(pa.Table.from_pylist(revised_rows, schema=STAGING_SCHEMA), Path(path))
    return Revision(path, shard), kept


def _rows_with_any(staged: pa.Table, frequent: pa.ChunkedArray) -> np.ndarray:
    """Indices of the kept rows whose line keys include one of `frequent`."""
    if not len(frequent) or not staged.num_rows:
        return np.zeros(0, dtype=np.int64)
    keys = staged["line_keys"].combine_chunks()
    hits = pc.is_in(pc.list_flatten(keys), value_set=frequent.combine_chunks())
    rows = np.unique(pc.filter(pc.list_parent_indices(keys), hits).to_numpy())
    kept = staged["status"].combine_chunks().to_numpy(zero_copy_only=False)[rows] == "kept"
    return rows[kept].astype(np.int64)


@dataclass(frozen=True)
class FrequentLines:
    """boilerplate.corpus_line_min_docs: lines that many documents of the run share go."""

    name: str = "corpus_lines"

    def wanted(self, config: Config) -> bool:
        return config.boilerplate.corpus_line_min_docs > 0

    def run(self, corpus: Corpus, work: StageWork) -> Corpus:
        min_docs = work.config.boilerplate.corpus_line_min_docs
        frequent_path = work.file("frequent-lines")
        frequent = work.one(count_frequent_lines, corpus, min_docs, frequent_path)
        work.log("corpus line frequency: %d lines found in ≥ %d documents", frequent, min_docs)
        if not frequent:
            return corpus
        calls = [
            (corpus, shard, frequent_path, work.config, work.file(f"lines-{shard:05d}"))
            for shard in range(len(corpus.shards))
        ]
        results = work.each(remove_frequent_lines_from, calls)
        revisions = [revision for revision, _ in results if revision is not None]
        return corpus.revised(revisions, kept=sum(kept for _, kept in results))
