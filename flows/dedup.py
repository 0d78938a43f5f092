"""Corpus-wide dedup over the staged shards: exact (text hash) then near (MinHash LSH).

Only ids, hashes, lengths and signatures are read, never texts. Exact copies collapse onto their
first occurrence; one representative per text hash then goes through LSH: documents that share a
band key are candidate pairs (each bucket paired to its first member, so a bucket of k documents
gives k-1 pairs, not k²/2), candidates are verified by their estimated Jaccard, and verified pairs
are joined into clusters (union-find). Each cluster keeps one document by the configured policy.
"""

from __future__ import annotations

import itertools

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from transforms.config import DedupConfig

DUPLICATES_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("duplicate_of", pa.string()),  # null for the document a cluster keeps
        ("reason", pa.string()),  # exact_duplicate / near_duplicate; null for the kept one
        ("similarity", pa.float64()),  # estimated Jaccard to the kept document (1.0 for exact copies)
        ("cluster_size", pa.int64()),
    ]
)


def _kept_rows(staging_paths: list[str], near: bool) -> pa.Table:
    columns = ["id", "text_hash", "text_chars", "status"] + (["minhash", "bands"] if near else [])
    pieces = []
    for path in staging_paths:
        table = pq.read_table(path, columns=columns)
        pieces.append(table.filter(pc.equal(table["status"], "kept")).drop(["status"]))
    return pa.concat_tables(pieces) if pieces else pa.table({})


def find_duplicates(staging_paths: list[str], config: DedupConfig) -> pa.Table:
    """One row per member of every cluster of two or more documents (see DUPLICATES_SCHEMA)."""
    if not config.exact and not config.near:
        return DUPLICATES_SCHEMA.empty_table()
    kept = _kept_rows(staging_paths, config.near)
    count = kept.num_rows
    if count < 2:
        return DUPLICATES_SCHEMA.empty_table()
    hashes = kept["text_hash"].to_numpy(zero_copy_only=False)
    # Exact: every document points at the first document with its text hash.
    _, first_index, inverse = np.unique(hashes, return_index=True, return_inverse=True)
    representative = first_index[inverse] if config.exact else np.arange(count)
    parent = np.arange(count)
    signatures = None
    if config.near:
        signatures = np.asarray(kept["minhash"].combine_chunks().flatten(), dtype=np.uint32).reshape(
            count, -1
        )
        pairs = _candidate_pairs(kept["bands"], np.unique(representative), config.bands)
        if len(pairs):
            similar = (signatures[pairs[:, 0]] == signatures[pairs[:, 1]]).mean(axis=1)
            _union(parent, pairs[similar >= config.threshold])
    roots = _roots(parent, representative)

    lengths = kept["text_chars"].to_numpy(zero_copy_only=False)
    ids = kept["id"].to_pylist()
    rows = []
    for members in _clusters(roots):
        if len(members) < 2:
            continue
        keeper = _keeper(members, lengths, config.keep)
        for member in members:
            if member == keeper:
                rows.append((ids[member], None, None, None, len(members)))
                continue
            if hashes[member] == hashes[keeper] or signatures is None:
                rows.append((ids[member], ids[keeper], "exact_duplicate", 1.0, len(members)))
            else:
                score = round(float((signatures[member] == signatures[keeper]).mean()), 4)
                rows.append((ids[member], ids[keeper], "near_duplicate", score, len(members)))
    names = DUPLICATES_SCHEMA.names
    table = pa.Table.from_pylist([dict(zip(names, row, strict=True)) for row in rows], DUPLICATES_SCHEMA)
    return table.sort_by("id")


def _candidate_pairs(bands: pa.ChunkedArray, candidates: np.ndarray, band_count: int) -> np.ndarray:
    """(first, other) index pairs of documents sharing a band key, first < other, unique."""
    keys = np.asarray(bands.combine_chunks().flatten(), dtype=np.uint64).reshape(-1, band_count)[candidates]
    owners = np.repeat(candidates, band_count)
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


def _keeper(members: list[int], lengths: np.ndarray, policy: str) -> int:
    """'first': earliest in input order; 'longest': most characters, ties to the earliest."""
    if policy == "first":
        return min(members)
    return min(members, key=lambda member: (-int(lengths[member]), member))
