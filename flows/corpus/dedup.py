"""Corpus-wide dedup over the kept documents: exact (text hash) then near (MinHash LSH).

Only ids, hashes, lengths and signatures are read, never texts. Exact copies collapse onto their
first occurrence; one representative per text hash then goes through LSH: documents that share a
band key are candidate pairs (each bucket paired to its first member, so a bucket of k documents
gives k-1 pairs, not k²/2), candidates are verified by their estimated Jaccard, and verified pairs
are joined into clusters (union-find). Within each cluster, the documents that stay are chosen so that
every dropped one is similar to one that stays (see `_keepers`); the keep policy breaks ties.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ...transforms.config import Config, DedupConfig
from ..storage.dataset import write_table_atomic
from .index import load_published
from .stage import Corpus, Revision, StageWork

_VERIFY_CHUNK = 50_000  # candidate pairs verified at a time: ~50 MB of gathered signatures

DUPLICATES_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("duplicate_of", pa.string()),  # null for the document a cluster keeps
        ("reason", pa.string()),  # exact_duplicate / near_duplicate; null for the kept one
        ("similarity", pa.float64()),  # estimated Jaccard to the kept document (1.0 for exact copies)
        ("cluster_size", pa.int64()),
    ]
)


def _corpus_rows(corpus: Corpus, columns: list[str], published: pa.Table | None) -> pa.Table:
    """The rows dedup compares, in a fixed order every task agrees on: published documents first,
    then this run's kept documents in input order."""
    kept = corpus.all_kept_rows(columns)
    if published is not None and published.num_rows and kept.num_rows:
        kept = pa.concat_tables([published.select(columns).cast(kept.schema), kept])
    return kept


def _representatives(hashes: np.ndarray, exact: bool) -> np.ndarray:
    """Each document's exact-copy representative: the first document with its text hash."""
    if not exact:
        return np.arange(len(hashes))
    _, first_index, inverse = np.unique(hashes, return_index=True, return_inverse=True)
    return first_index[inverse]


def band_groups(bands: int, documents: int, wanted: int = 0) -> list[tuple[int, int]]:
    """The LSH bands split into contiguous groups, one candidate-search task each: `wanted`
    groups, or (0) one per 250,000 documents."""
    count = max(1, min(bands, wanted or -(-documents // 250_000)))
    edges = np.linspace(0, bands, count + 1).round().astype(int)
    return [(int(start), int(end)) for start, end in itertools.pairwise(edges)]


def candidate_pairs(
    corpus: Corpus, config: DedupConfig, published: pa.Table | None, bands: tuple[int, int]
) -> np.ndarray:
    """(first, other) row pairs sharing a key in bands [start, end): one group's share of the LSH
    search. Reads only hashes and band keys, so groups run as separate tasks on any worker."""
    rows = _corpus_rows(corpus, ["text_hash", "bands"], published)
    if rows.num_rows < 2:
        return np.empty((0, 2), dtype=np.int64)
    hashes = rows["text_hash"].to_numpy(zero_copy_only=False)
    candidates = np.unique(_representatives(hashes, config.exact))
    return _candidate_pairs(rows["bands"], candidates, config.bands, bands)


def find_duplicates(
    corpus: Corpus,
    config: DedupConfig,
    published: pa.Table | None = None,
    pairs: np.ndarray | None = None,
) -> pa.Table:
    """One row per member of every cluster of two or more documents of this run (DUPLICATES_SCHEMA).

    `published` (INDEX_COLUMNS) are documents other datasets already published: they come first,
    always stay, and are not in the result; this run's copies of them are rejected. `pairs` are
    the candidates the band-group tasks found (`candidate_pairs`); without them all bands are
    searched here.
    """
    if not config.exact and not config.near:
        return DUPLICATES_SCHEMA.empty_table()
    columns = ["id", "text_hash", "text_chars"] + (["minhash", "bands"] if config.near else [])
    kept = _corpus_rows(corpus, columns, published)
    before = published.num_rows if published is not None and kept.num_rows else 0
    count = kept.num_rows
    if count < 2:
        return DUPLICATES_SCHEMA.empty_table()
    hashes = kept["text_hash"].to_numpy(zero_copy_only=False)
    representative = _representatives(hashes, config.exact)
    parent = np.arange(count)
    signatures = None
    if config.near:
        signatures = np.asarray(kept["minhash"].combine_chunks().flatten(), dtype=np.uint32).reshape(
            count, -1
        )
        if pairs is None:
            pairs = _candidate_pairs(kept["bands"], np.unique(representative), config.bands)
        for start in range(0, len(pairs), _VERIFY_CHUNK):  # chunks bound the gathered signatures
            chunk = pairs[start : start + _VERIFY_CHUNK]
            similar = (signatures[chunk[:, 0]] == signatures[chunk[:, 1]]).mean(axis=1)
            _union(parent, chunk[similar >= config.threshold])
    roots = _roots(parent, representative)

    lengths = kept["text_chars"].to_numpy(zero_copy_only=False)
    ids = kept["id"].to_pylist()
    rows = []
    for members in _clusters(roots):
        if len(members) < 2:
            continue
        keeper_of = _keepers(members, representative, signatures, config, lengths, before)
        sizes = Counter(keeper_of.values())
        for member in members:
            keeper = keeper_of[member]
            if member < before or sizes[keeper] < 2:
                continue  # published by another dataset (stays there), or kept with no copy
            if member == keeper:
                rows.append((ids[member], None, None, None, sizes[keeper]))
            elif hashes[member] == hashes[keeper] or signatures is None:
                rows.append((ids[member], ids[keeper], "exact_duplicate", 1.0, sizes[keeper]))
            else:
                score = round(float((signatures[member] == signatures[keeper]).mean()), 4)
                rows.append((ids[member], ids[keeper], "near_duplicate", score, sizes[keeper]))
    names = DUPLICATES_SCHEMA.names
    table = pa.Table.from_pylist([dict(zip(names, row, strict=True)) for row in rows], DUPLICATES_SCHEMA)
    return table.sort_by("id")


def _candidate_pairs(
    bands: pa.ChunkedArray, candidates: np.ndarray, band_count: int, group: tuple[int, int] | None = None
) -> np.ndarray:
    """(first, other) index pairs of documents sharing a band key of `group`, first < other, unique."""
    start, end = group or (0, band_count)
    keys = np.asarray(bands.combine_chunks().flatten(), dtype=np.uint64).reshape(-1, band_count)
    keys = keys[candidates, start:end]
    owners = np.repeat(candidates, end - start)
    keys = keys.reshape(-1)
    order = np.lexsort((owners, keys))
    keys, owners = keys[order], owners[order]
    starts = np.r_[True, keys[1:] != keys[:-1]]
    group_first = owners[np.maximum.accumulate(np.where(starts, np.arange(len(keys)), 0))]
    pairs = np.stack([group_first[~starts], owners[~starts]], axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return np.unique(pairs, axis=0) if len(pairs) else pairs.reshape(0, 2)


def _find(parent: np.ndarray, node: int) -> int:
    root = node
    while parent[root] != root:
        root = parent[root]
    while parent[node] != root:
        parent[node], node = root, parent[node]
    return root


def _union(parent: np.ndarray, pairs: np.ndarray) -> None:
    for first, other in pairs:
        a, b = _find(parent, int(first)), _find(parent, int(other))
        if a != b:
            parent[max(a, b)] = min(a, b)  # the earlier document becomes the root: deterministic


def _roots(parent: np.ndarray, representative: np.ndarray) -> np.ndarray:
    """Cluster id of every document: the root of its exact-copy representative."""
    return np.array([_find(parent, int(rep)) for rep in representative])


def _clusters(roots: np.ndarray) -> list[list[int]]:
    order = np.argsort(roots, kind="stable")
    sorted_roots = roots[order]
    bounds = np.flatnonzero(np.r_[True, sorted_roots[1:] != sorted_roots[:-1], True])
    return [order[start:end].tolist() for start, end in itertools.pairwise(bounds)]


def _priority(member: int, lengths: np.ndarray, policy: str) -> tuple[int, int]:
    """Sort key for ties: 'first', earliest in input order; else most characters, then earliest."""
    return (0 if policy == "first" else -int(lengths[member]), member)


def _keepers(
    members: list[int],
    representative: np.ndarray,
    signatures: np.ndarray | None,
    config: DedupConfig,
    lengths: np.ndarray,
    published: int = 0,
) -> dict[int, int]:
    """The document each member of a cluster is a copy of (itself when it stays).

    A cluster joins documents through chains of similar pairs, so its ends may not be alike: an
    edit of an edit of an article. Keeping one document per cluster would drop an end for a copy it
    does not resemble. So the choice is made on the cluster's own similarity graph: published
    documents stay first; then, repeatedly, the undecided document with the best claim stays and
    takes its undecided near copies. Every dropped document then names a kept one it is a near copy
    of, and no two kept ones are near copies. The claim, by `config.keep`: 'central', the sum of
    the similarities of the copies it takes (the copy the others resemble most, so a borderline
    estimate rarely decides alone; measured best in bench/bench_dedup_vs_datatrove.py); 'longest'
    and 'first', how many copies it takes. Ties go by `_priority`. Exact copies follow their first
    occurrence.
    """
    groups = sorted(set(representative[members].tolist()), key=lambda m: _priority(m, lengths, config.keep))
    if signatures is None or len(groups) == 1 or len(groups) > _GRAPH_MAX_DOCUMENTS:
        # one text, or too large a cluster to compare all pairs: one keeper by policy
        forced = [group for group in groups if group < published]
        keeper = min(forced) if forced else groups[0]
        decided = dict.fromkeys(groups, keeper)
    else:
        matches = _matches(signatures[groups])
        similar = matches >= config.threshold * signatures.shape[1]
        weights = np.where(similar, matches, 0) if config.keep == "central" else similar.astype(np.int32)
        decided = _cover(groups, weights, published)
    return {member: decided[int(representative[member])] for member in members}


_GRAPH_MAX_DOCUMENTS = 2000  # distinct texts in one cluster compared pairwise (2000² int32: 16 MB)


def _matches(signatures: np.ndarray) -> np.ndarray:
    """How many signature values each pair shares (the estimated Jaccard times their length)."""
    count = len(signatures)
    matches = np.empty((count, count), dtype=np.int32)
    for start in range(0, count, 64):  # 64 rows at a time bound the comparison's memory
        block = signatures[start : start + 64]
        matches[start : start + 64] = (block[:, None, :] == signatures[None, :, :]).sum(axis=2)
    return matches


def _cover(groups: list[int], weights: np.ndarray, published: int) -> dict[int, int]:
    """Greedy independent dominating set, weighted: `weights[i, j]` > 0 when j is a near copy of i
    (integers, so ties are exact); `groups` come in keep-policy order, so ties go to the first."""
    undecided = np.ones(len(groups), dtype=bool)
    decided: dict[int, int] = {}

    def keep(index: int) -> np.ndarray:
        taken = np.flatnonzero((weights[index] > 0) & undecided)  # itself too, when undecided
        for other in taken:
            decided.setdefault(groups[other], groups[index])
        decided[groups[index]] = groups[index]
        undecided[taken] = False
        return taken

    for index, group in enumerate(groups):
        if group < published:
            keep(index)
    gains = weights.astype(np.int64) @ undecided
    while undecided.any():
        best = int(np.argmax(np.where(undecided, gains, -1)))  # ties: the first in policy order
        gains -= weights[:, keep(best)].sum(axis=1)
    return decided


def _read_optional(path: str | None) -> pa.Table | None:
    return pq.read_table(path) if path else None


def find_candidate_pairs(
    corpus: Corpus, config: DedupConfig, published_path: str | None, bands: tuple[int, int], path: str
) -> int:
    """One band group's candidate pairs, written to `path`; how many."""
    pairs = candidate_pairs(corpus, config, _read_optional(published_path), bands)
    write_table_atomic(pa.table({"first": pairs[:, 0], "other": pairs[:, 1]}), Path(path))
    return len(pairs)


def decide_duplicates(
    corpus: Corpus, config: DedupConfig, published_path: str | None, pairs_paths: list[str], path: str
) -> dict[str, int]:
    """The duplicates of the corpus as a revision at `path` (copies rejected, with the copy they
    duplicate; every member of a cluster with its size); how many documents of each reason."""
    pairs = None
    if pairs_paths:
        tables = [pq.read_table(pairs_path) for pairs_path in pairs_paths]
        stacked = np.concatenate([np.column_stack([t["first"], t["other"]]) for t in tables])
        pairs = np.unique(stacked.reshape(-1, 2), axis=0)
    duplicates = find_duplicates(corpus, config, _read_optional(published_path), pairs)
    rejected = pc.is_valid(duplicates["duplicate_of"])
    status = pc.if_else(rejected, pa.scalar("rejected"), pa.scalar("kept"))
    write_table_atomic(duplicates.append_column("status", status), Path(path))
    reasons = duplicates["reason"].drop_null().to_pylist()
    return {reason: reasons.count(reason) for reason in sorted(set(reasons))}


@dataclass(frozen=True)
class Deduplicate:
    """dedup.exact and dedup.near: copies of a document of this run or of one already published
    (an append run's dataset, the shared dedup.index) are rejected."""

    name: str = "dedup"

    def wanted(self, config: Config) -> bool:
        return config.dedup.exact or config.dedup.near

    def run(self, corpus: Corpus, work: StageWork) -> Corpus:
        config = work.config
        published_path = None
        if config.dedup.index or (config.run.mode == "append" and work.sequence):
            published_path = work.file("published")
            published, skipped = work.one(
                load_published, config, str(work.out_dir), work.sequence, published_path
            )
            if skipped:
                work.warn(
                    "dedup index files not compared (other signature settings, or unreadable): %s", skipped
                )
            work.log("dedup against %d documents already published", published)
        pairs_paths = []
        groups = band_groups(config.dedup.bands, corpus.kept, config.run.dedup_band_groups)
        if config.dedup.near and len(groups) > 1:
            pairs_paths = [work.file(f"pairs-{group[0]:03d}") for group in groups]
            calls = [
                (corpus, config.dedup, published_path, group, path)
                for group, path in zip(groups, pairs_paths, strict=True)
            ]
            found = work.each(find_candidate_pairs, calls)
            work.log("near-dup candidates: %d pairs from %d band groups", sum(found), len(groups))
        path = work.file("duplicates")
        counts = work.one(decide_duplicates, corpus, config.dedup, published_path, pairs_paths, path)
        work.log("dedup: %s", ", ".join(f"{n} {r}" for r, n in counts.items()) or "no duplicates")
        return corpus.revised([Revision(path)], kept=corpus.kept - sum(counts.values()))
