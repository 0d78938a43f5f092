"""Corpus-wide dedup over the staged shards: exact (text hash) then near (MinHash LSH).

Only ids, hashes, lengths and signatures are read, never texts. Exact copies collapse onto their
first occurrence; one representative per text hash then goes through LSH: documents that share a
band key are candidate pairs (each bucket paired to its first member, so a bucket of k documents
gives k-1 pairs, not k²/2), candidates are verified by their estimated Jaccard, and verified pairs
are joined into clusters (union-find). Within each cluster, the documents that stay are chosen so that
every dropped one is similar to one that stays (see `_keepers`); the keep policy breaks ties.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from refinery.flows.dataset import (
    CURRENT,
    INDEX_DIR,
    STAGING_SCHEMA,
    parquet_writer_atomic,
    write_table_atomic,
)
from refinery.transforms.canonical import recipe as canonical_recipe
from refinery.transforms.config import DedupConfig
from refinery.transforms.minhash import SIGNATURE_SCHEME

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


def _kept_rows(staging_paths: list[str], columns: list[str]) -> pa.Table:
    pieces = []
    for path in staging_paths:
        table = pq.read_table(path, columns=[*columns, "status"])
        pieces.append(table.filter(pc.equal(table["status"], "kept")).drop(["status"]))
    return pa.concat_tables(pieces) if pieces else pa.table({})


def _corpus_rows(staging_paths: list[str], columns: list[str], published: pa.Table | None) -> pa.Table:
    """The rows dedup compares, in a fixed order every task agrees on: published documents first,
    then this run's kept documents in input order."""
    kept = _kept_rows(staging_paths, columns)
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
    staging_paths: list[str], config: DedupConfig, published: pa.Table | None, bands: tuple[int, int]
) -> np.ndarray:
    """(first, other) row pairs sharing a key in bands [start, end): one group's share of the LSH
    search. Reads only hashes and band keys, so groups run as separate tasks on any worker."""
    rows = _corpus_rows(staging_paths, ["text_hash", "bands"], published)
    if rows.num_rows < 2:
        return np.empty((0, 2), dtype=np.int64)
    hashes = rows["text_hash"].to_numpy(zero_copy_only=False)
    candidates = np.unique(_representatives(hashes, config.exact))
    return _candidate_pairs(rows["bands"], candidates, config.bands, bands)


def find_duplicates(
    staging_paths: list[str],
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
    kept = _corpus_rows(staging_paths, columns, published)
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


INDEX_SCHEMA = pa.schema(
    [STAGING_SCHEMA.field(name) for name in ("id", "text_hash", "text_chars", "minhash", "bands")]
)
INDEX_COLUMNS = INDEX_SCHEMA.names
_INDEX_KEY = "refinery.dedup_index"


def _index_settings(config: DedupConfig) -> str:
    """What must match for signatures to be comparable across runs."""
    shape = f"{config.num_perm}/{config.bands}/{config.cjk_shingle}/{config.word_shingle}/{config.seed}"
    return f"{shape}/{SIGNATURE_SCHEME}/{canonical_recipe(config.canonical)}"


def index_file(index_dir: Path, out_dir: Path) -> Path:
    """One file per published dataset, rewritten when that dataset is published again."""
    return index_dir / f"{hashlib.sha256(str(out_dir).encode()).hexdigest()[:16]}.parquet"


def _indexable(path: Path, config: DedupConfig) -> bool:
    return (pq.read_schema(path).metadata or {}).get(_INDEX_KEY.encode(), b"").decode() == _index_settings(
        config
    )


def _read_index_files(paths: list[Path], config: DedupConfig) -> tuple[pa.Table | None, list[str]]:
    pieces, skipped = [], []
    for path in paths:
        if _indexable(path, config):
            pieces.append(pq.read_table(path, columns=INDEX_COLUMNS).cast(INDEX_SCHEMA))
        else:
            skipped.append(path.name)
    return (pa.concat_tables(pieces) if pieces else None), skipped


def load_index(index_dir: Path, out_dir: Path, config: DedupConfig) -> tuple[pa.Table | None, list[str]]:
    """Documents other datasets in the index published; and the index files skipped because they
    were made with other signature settings."""
    own = index_file(index_dir, out_dir)
    paths = sorted(index_dir.glob("*.parquet")) if index_dir.exists() else []
    return _read_index_files([path for path in paths if path != own], config)


def load_dataset_index(out_dir: Path, config: DedupConfig) -> tuple[pa.Table | None, list[str]]:
    """Documents earlier runs of this dataset kept (OUT/.current/dedup-index), for an append run."""
    return _read_index_files(sorted((out_dir / CURRENT / INDEX_DIR).glob("run-*.parquet")), config)


def combine_published(*tables: pa.Table | None) -> pa.Table | None:
    present = [table for table in tables if table is not None and table.num_rows]
    return pa.concat_tables(present) if present else None


def _index_schema(config: DedupConfig) -> pa.Schema:
    """An index file's schema, carrying the signature settings its rows were made with."""
    return INDEX_SCHEMA.with_metadata({_INDEX_KEY: _index_settings(config)})


def rejected_ids(duplicates: pa.Table) -> pa.Array:
    """The documents dedup rejected as copies of another (find_duplicates' decision table)."""
    return duplicates.filter(pc.is_valid(duplicates["duplicate_of"]))["id"].combine_chunks()


def write_run_index(
    staging_paths: list[str],
    duplicates: pa.Table,
    path: Path,
    config: DedupConfig,
    paragraph_decisions: pa.Table | None = None,
) -> int:
    """Write what this run publishes: its kept documents minus the duplicates dedup rejected and the
    documents paragraph dedup rejected, with the signatures of the text as published. One staged
    shard at a time: a million documents' signatures (~0.7 GB) are never in memory at once.
    Returns the number of documents indexed."""
    rejected = rejected_ids(duplicates)
    revised = None
    if paragraph_decisions is not None and paragraph_decisions.num_rows:
        dropped = paragraph_decisions.filter(paragraph_decisions["rejected"])["id"]
        rejected = pa.concat_arrays([rejected, dropped.combine_chunks()])
        revised = paragraph_decisions.filter(pc.invert(paragraph_decisions["rejected"])).select(INDEX_COLUMNS)
    schema = _index_schema(config)
    indexed = 0
    with parquet_writer_atomic(path, schema) as writer:
        for staging_path in staging_paths:
            kept = _kept_rows([staging_path], INDEX_COLUMNS)
            if not kept.num_rows:
                continue
            kept = kept.filter(pc.invert(pc.is_in(kept["id"], value_set=rejected)))
            if revised is not None:  # documents that lost paragraphs: their text as published
                mine = revised.filter(pc.is_in(revised["id"], value_set=kept["id"]))
                kept = pa.concat_tables(
                    [
                        kept.filter(pc.invert(pc.is_in(kept["id"], value_set=mine["id"]))),
                        mine.cast(kept.schema),
                    ]
                )
            writer.write_table(kept.cast(schema))
            indexed += kept.num_rows
    return indexed


def write_index_file(table: pa.Table, path: Path, config: DedupConfig) -> int:
    write_table_atomic(table.cast(_index_schema(config)), path)
    return table.num_rows


def write_index(index_dir: Path, out_dir: Path, config: DedupConfig) -> int:
    """Record in a shared index everything the dataset in `out_dir` has published, for other datasets."""
    table, _ = load_dataset_index(out_dir, config)
    return write_index_file(
        table if table is not None else INDEX_SCHEMA.empty_table(), index_file(index_dir, out_dir), config
    )
