"""dedup.paragraphs: a paragraph several kept documents share stays in one of them only.

It stays in the first of them (input order) that is still kept once it has lost what earlier
documents published. A document judged again and rejected publishes nothing, so a later copy keeps
the paragraph: no paragraph is lost because its owner fell under a filter. Sequential by nature
(each decision depends on the ones before), but only documents holding a shared paragraph are read
whole and judged again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ...transforms.boilerplate import remove_seen_paragraphs
from ...transforms.config import Config
from ...transforms.judge import revise
from ...transforms.rows import document_columns, document_from_row
from ..storage.dataset import STAGING_SCHEMA, write_table_atomic
from .stage import Corpus, Revision, StageWork


def shared_paragraph_keys(corpus: Corpus) -> pa.Array:
    """Paragraph keys found in two or more kept documents."""
    pieces = []
    for shard in range(len(corpus.shards)):
        table = corpus.kept_rows(shard, ["id", "line_keys"])
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


def remove_shared_paragraphs(corpus: Corpus, config: Config, path: str) -> tuple[Revision | None, int, int]:
    """The documents that lose paragraphs an earlier kept document holds, judged again, as a revision
    at `path` (None when there are none); how many lose paragraphs, and how many are rejected for it."""
    shared_keys = shared_paragraph_keys(corpus)
    shared = set(shared_keys.to_pylist())
    published: set[int] = set()
    revised: list[dict] = []
    for shard in range(len(corpus.shards)) if shared else ():
        table = corpus.kept_rows(shard, ["id", "line_keys"])
        keys_column = table["line_keys"].combine_chunks()
        holding = pc.filter(
            pc.list_parent_indices(keys_column), pc.is_in(pc.list_flatten(keys_column), value_set=shared_keys)
        )
        full: list[dict] | None = None
        for position in np.unique(holding.to_numpy()).tolist():  # documents holding a shared paragraph
            keys = keys_column[position].as_py()
            mine = {key for key in keys if key in shared}
            seen = mine & published
            if not seen:
                published |= mine
                continue
            if full is None:  # the shard's kept rows, whole, in the same order
                full = corpus.kept_rows(shard, STAGING_SCHEMA.names).to_pylist()
            row = full[position]
            text, step = remove_seen_paragraphs(row["text"], keys, seen)
            document = revise(document_from_row(row), text, step, config)
            if document.reason is None:
                published |= mine - seen
            revised.append(row | document_columns(document, config.dedup))
    rejected = sum(row["status"] != "kept" for row in revised)
    if not revised:
        return None, 0, 0
    write_table_atomic(pa.Table.from_pylist(revised, schema=STAGING_SCHEMA), Path(path))
    return Revision(path), len(revised), rejected


@dataclass(frozen=True)
class SharedParagraphs:
    """dedup.paragraphs: paragraphs an earlier kept document holds go from later ones."""

    name: str = "paragraphs"

    def wanted(self, config: Config) -> bool:
        return config.dedup.paragraphs

    def run(self, corpus: Corpus, work: StageWork) -> Corpus:
        revision, losing, rejected = work.one(
            remove_shared_paragraphs, corpus, work.config, work.file("paragraphs")
        )
        work.log(
            "paragraph dedup: %d documents lose paragraphs published earlier, %d of them rejected for it",
            losing,
            rejected,
        )
        return corpus.revised([revision] if revision else [], kept=corpus.kept - rejected)
