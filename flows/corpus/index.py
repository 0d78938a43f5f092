"""The dedup index: signatures of what a dataset published, so later append runs of it and other
datasets sharing an index directory reject copies of documents already published.

OUT/.current/dedup-index/run-RRRR-SSSSS.parquet holds what run RRRR published from shard SSSSS, written
from the same rows as that run's data part (flows/storage/parts.py); an index directory shared by datasets
holds one file per dataset. A file records the signature settings it was made with: files made with
other settings are not compared, and the run says so.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ...transforms.canonical import recipe as canonical_recipe
from ...transforms.config import Config, DedupConfig
from ...transforms.minhash import SIGNATURE_SCHEME
from ..errors import UserError
from ..storage.dataset import (
    CURRENT,
    INDEX_DIR,
    STAGING_SCHEMA,
    inside,
    placed_dir_entries,
    refuse_foreign,
    write_table_atomic,
    write_text_atomic,
)

INDEX_SCHEMA = pa.schema(
    [STAGING_SCHEMA.field(name) for name in ("id", "text_hash", "text_chars", "minhash", "bands")]
)
INDEX_COLUMNS = INDEX_SCHEMA.names
_INDEX_KEY = "refinery.dedup_index"


def _index_settings(config: DedupConfig) -> str:
    """What must match for signatures to be comparable across runs."""
    shape = f"{config.num_perm}/{config.bands}/{config.cjk_shingle}/{config.word_shingle}/{config.seed}"
    return f"{shape}/{SIGNATURE_SCHEME}/{canonical_recipe(config.canonical)}"


def index_part(sequence: int, shard: int) -> str:
    """The index of what run `sequence` of a dataset published from shard `shard` (its data part)."""
    return f"run-{sequence:04d}-{shard:05d}.parquet"


def index_file(index_dir: Path, out_dir: Path) -> Path:
    """One file per published dataset, rewritten when that dataset is published again."""
    return index_dir / f"{hashlib.sha256(str(out_dir).encode()).hexdigest()[:16]}.parquet"


def _indexable(path: Path, config: DedupConfig) -> bool:
    """Written by refinery as an index, with these signature settings (an unreadable file is not)."""
    try:
        metadata = pq.read_schema(path).metadata or {}
    except (OSError, pa.ArrowException):
        return False
    return metadata.get(_INDEX_KEY.encode(), b"").decode() == _index_settings(config)


def _read_index_files(paths: list[Path], config: DedupConfig) -> tuple[pa.Table | None, list[str]]:
    pieces, skipped = [], []
    for path in paths:
        if _indexable(path, config):
            pieces.append(pq.read_table(path, columns=INDEX_COLUMNS).cast(INDEX_SCHEMA))
        else:
            skipped.append(path.name)
    return (pa.concat_tables(pieces) if pieces else None), skipped


INDEX_MARKER = ".refinery-index"  # written into every index directory refinery claims
_INDEX_FILE = re.compile(r"^[0-9a-f]{16}\.parquet$")  # index_file's names
_INDEX_DEBRIS = re.compile(r"^\.(\.refinery-index|[0-9a-f]{16}\.parquet)\.\d+\.tmp$")  # a killed write's


def check_index_dir(index_dir: Path, out: Path, input_roots: list[Path]) -> None:
    """Refuse an index directory refinery could damage or that a run would read as input: it must
    be absent, empty, or an index refinery wrote (its marker, or only index files), and apart from
    the dataset and every input. Raises UserError."""
    entries = placed_dir_entries(index_dir, "--index", input_roots, "the index")
    if inside(index_dir, out) or inside(out, index_dir):
        raise UserError(f"--index {index_dir} and --out {out} overlap: give the index a directory of its own")
    if entries is None or INDEX_MARKER in entries:
        return
    if not all(_INDEX_FILE.match(name) or _INDEX_DEBRIS.match(name) for name in entries):
        refuse_foreign(
            index_dir, "--index", entries, "give the index a new or empty directory, or one refinery made"
        )


def claim_index_dir(index_dir: Path) -> None:
    """Mark `index_dir` as refinery's (after check_index_dir)."""
    if not (index_dir / INDEX_MARKER).is_file():
        write_text_atomic(
            "A refinery dedup index: refinery may replace the index files here.\n", index_dir / INDEX_MARKER
        )


def load_index(index_dir: Path, out_dir: Path, config: DedupConfig) -> tuple[pa.Table | None, list[str]]:
    """Documents other datasets in the index published; and the index files skipped because they
    were made with other signature settings or cannot be read. Only files named as refinery names
    them are read."""
    own = index_file(index_dir, out_dir)
    paths = (
        sorted(p for p in index_dir.glob("*.parquet") if _INDEX_FILE.match(p.name))
        if index_dir.exists()
        else []
    )
    return _read_index_files([path for path in paths if path != own], config)


def load_dataset_index(out_dir: Path, config: DedupConfig) -> tuple[pa.Table | None, list[str]]:
    """Documents earlier runs of this dataset kept (OUT/.current/dedup-index), for an append run."""
    return _read_index_files(sorted((out_dir / CURRENT / INDEX_DIR).glob("run-*.parquet")), config)


def combine_published(*tables: pa.Table | None) -> pa.Table | None:
    present = [table for table in tables if table is not None and table.num_rows]
    return pa.concat_tables(present) if present else None


def index_schema(config: DedupConfig) -> pa.Schema:
    """An index file's schema, carrying the signature settings its rows were made with."""
    return INDEX_SCHEMA.with_metadata({_INDEX_KEY: _index_settings(config)})


def write_index_file(table: pa.Table, path: Path, config: DedupConfig) -> int:
    write_table_atomic(table.cast(index_schema(config)), path)
    return table.num_rows


def write_index(index_dir: Path, out_dir: Path, config: DedupConfig) -> int:
    """Record in a shared index everything the dataset in `out_dir` has published, for other datasets."""
    table, _ = load_dataset_index(out_dir, config)
    claim_index_dir(index_dir)
    return write_index_file(
        table if table is not None else INDEX_SCHEMA.empty_table(), index_file(index_dir, out_dir), config
    )


def load_published(config: Config, out_dir: str, sequence: int, path: str) -> tuple[int, list[str]]:
    """Gather at `path`, once for every dedup task, what is already published: by earlier runs of this
    dataset (an append run after the first) and by other datasets sharing the index (dedup.index).
    Returns how many documents, and the index files skipped for their signature settings."""
    found = []
    if config.run.mode == "append" and sequence:
        found.append(load_dataset_index(Path(out_dir), config.dedup))
    if config.dedup.index:
        found.append(load_index(Path(config.dedup.index), Path(out_dir), config.dedup))
    table = combine_published(*(published for published, _ in found))
    table = table if table is not None else INDEX_SCHEMA.empty_table()
    write_table_atomic(table, Path(path))
    return table.num_rows, [name for _, names in found for name in names]
