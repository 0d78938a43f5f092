"""The dataset contract: explicit Arrow schemas, atomic Parquet writes, and the output layout.

OUT/data/part-RRRR-SSSSS.parquet      kept documents (run RRRR of the dataset, shard SSSSS)
OUT/rejected/part-RRRR-SSSSS.parquet  dropped documents: document columns + reason, duplicate_of
OUT/errors/part-RRRR-SSSSS.parquet    records that could not be read or processed: source columns + error
OUT/manifest.json                     provenance of the dataset and of every run that wrote it
OUT/README.md                         dataset card; its front matter declares the Hugging Face configs
OUT/.current/dedup-index/run-RRRR-SSSSS.parquet  signatures of what data/part-RRRR-SSSSS holds, for later runs

Each of those names is a symlink through OUT/.current to one complete version under
OUT/.versions/. The dedup index has no name of its own in OUT, so no glob over the dataset reaches
it, and a part with no rows is not written (Hugging Face `datasets` cannot read an empty file).
A replace run writes a whole version (RRRR = 0000); an append run links the
published files into its version and adds its own parts. Pointing OUT/.current at the new version
is the commit point: readers see one version or the other, and what a killed run wrote is not
published and is removed by the next run.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Any, NoReturn

import pyarrow as pa
import pyarrow.parquet as pq

from ...transforms.classifiers import SCORE_PREFIX, score_column
from ...transforms.quality import SIGNALS
from ..errors import UserError

STEP_TYPE = pa.struct(
    [
        ("name", pa.string()),
        ("chars_removed", pa.int64()),
        ("detail", pa.string()),
        ("removed", pa.list_(pa.string())),  # lines or paragraphs a line-level step took out
    ]
)
TIMESTAMP = pa.timestamp("us", tz="UTC")

_SOURCE_FIELDS = [
    pa.field("id", pa.string(), nullable=False),
    pa.field("source_uri", pa.string(), nullable=False),
    pa.field("source_record", pa.string()),
    pa.field("source_format", pa.string(), nullable=False),  # container: text html jsonl parquet csv warc
    pa.field("content_type", pa.string()),  # text or html; null on an error row when nothing was read
    pa.field("source_sha256", pa.string()),
    pa.field("source_url", pa.string()),
]
_RUN_FIELDS = [
    pa.field("run_id", pa.string(), nullable=False),
    pa.field("config_hash", pa.string(), nullable=False),
    pa.field("pipeline_version", pa.string(), nullable=False),
    pa.field("processed_at", TIMESTAMP, nullable=False),
]
_DOCUMENT_FIELDS = [
    pa.field("text", pa.string(), nullable=False),
    pa.field("title", pa.string()),
    pa.field("lang", pa.string()),
    pa.field("lang_score", pa.float64()),
    pa.field("lang_alternatives", pa.list_(pa.struct([("lang", pa.string()), ("score", pa.float64())]))),
    pa.field("lang_mixed", pa.bool_()),  # a sizeable part is in another language
    # each language's share of the prose (CJK characters weigh three letters; code is left out)
    pa.field("lang_shares", pa.list_(pa.struct([("lang", pa.string()), ("share", pa.float64())]))),
    pa.field("script", pa.string()),
    pa.field("converted", pa.string()),
    pa.field("text_hash", pa.string()),
    pa.field("steps", pa.list_(STEP_TYPE)),
    pa.field("metadata", pa.string()),  # JSON object: extractor metadata (author, date, sitename)
    # personal values found per kind (pii.mode annotate or redact; null when off)
    pa.field("pii", pa.list_(pa.struct([("kind", pa.string()), ("count", pa.int64())]))),
    pa.field("contaminated_by", pa.string()),  # benchmark item (file:id) it shares a passage with
    # quality signals (transforms/quality.py): one column each
    *(pa.field(name, pa.bool_() if name == "spun" else pa.float64()) for name in SIGNALS),
    pa.field("cluster_size", pa.int64()),  # documents in its duplicate cluster, itself included
    pa.field("tokens", pa.int64()),  # by tokens.tokenizer; null when none is set
]

DATA_SCHEMA = pa.schema(_SOURCE_FIELDS[:1] + _DOCUMENT_FIELDS + _SOURCE_FIELDS[1:] + _RUN_FIELDS)
REJECTED_SCHEMA = (
    DATA_SCHEMA.append(pa.field("reason", pa.string(), nullable=False))
    .append(pa.field("duplicate_of", pa.string()))
    .append(pa.field("similarity", pa.float64()))  # estimated Jaccard to the kept copy
)
ERRORS_SCHEMA = pa.schema([*_SOURCE_FIELDS, pa.field("error", pa.string(), nullable=False), *_RUN_FIELDS])
# Staging keeps every row of a shard until the global dedup decides: all columns, all nullable
# (error rows have no text), plus the row's status.
# Run columns are filled when the dataset is published, so a resumed run can reuse staged shards.
RUN_COLUMNS = tuple(field.name for field in _RUN_FIELDS)
STAGING_SCHEMA = pa.schema(
    [field.with_nullable(True) for field in REJECTED_SCHEMA if field.name not in RUN_COLUMNS]
    + [
        pa.field("error", pa.string()),
        pa.field("status", pa.string(), nullable=False),  # kept/rejected/error
        pa.field("line_keys", pa.list_(pa.uint64())),  # each line's paragraph key (null: too short)
        pa.field("text_chars", pa.int64()),  # for dedup's keep policy, without reading texts
        pa.field("minhash", pa.list_(pa.uint32())),  # near-dup signature
        pa.field("bands", pa.list_(pa.uint64())),  # its LSH band keys
        # quality.classifiers' probabilities: published as one quality_<name> column each
        pa.field("quality_scores", pa.list_(pa.struct([("name", pa.string()), ("score", pa.float64())]))),
    ]
)
PARTS = {"data": DATA_SCHEMA, "rejected": REJECTED_SCHEMA, "errors": ERRORS_SCHEMA}


INDEX_DIR = "dedup-index"


def part_schema(part: str, classifiers: Sequence[str] = ()) -> pa.Schema:
    """A part's schema with a float column for each quality classifier (quality.classifiers), after
    the document columns' own: data/ and rejected/ only."""
    schema = PARTS[part]
    if part == "errors":
        return schema
    for name in classifiers:
        schema = schema.append(pa.field(score_column(name), pa.float64()))
    return schema


def part_name(index: int, sequence: int = 0) -> str:
    """Parts of the dataset's `sequence`-th run (0-based), one per shard."""
    return f"part-{sequence:04d}-{index:05d}.parquet"


def read_part(out: Path, part: str) -> pa.Table:
    """All rows of a part (data, rejected, errors) of the dataset in `out`, with the part's schema
    and its classifiers' score columns, even when it has no files."""
    import pyarrow.dataset as ds

    files = sorted((out / part).glob("*.parquet"))
    names = pq.read_schema(files[0]).names if files else []
    classifiers = [name.removeprefix(SCORE_PREFIX) for name in names if name.startswith(SCORE_PREFIX)]
    return ds.dataset(out / part, format="parquet", schema=part_schema(part, classifiers)).to_table()


def run_parts(directory: Path, sequence: int) -> list[Path]:
    """The part files the dataset's `sequence`-th run wrote into `directory` (data, rejected, errors)."""
    return sorted(directory.glob(f"part-{sequence:04d}-*.parquet"))


def index_name(sequence: int) -> str:
    return f"run-{sequence:04d}.parquet"


@contextlib.contextmanager
def _atomic_path(path: Path) -> Iterator[Path]:
    """A temporary sibling to write; on success it is fsynced and renamed over `path`, so readers
    see the old file or the whole new one, never a torso."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_for(path)
    yield temporary
    _commit(temporary, path)


def _temporary_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _commit(temporary: Path, path: Path) -> None:
    """Make a fully written temporary file durable, then put it in place in one rename."""
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def write_table_atomic(table: pa.Table, path: Path, metadata: dict[str, Any] | None = None) -> None:
    if metadata:
        encoded = {key.encode(): json.dumps(value).encode() for key, value in metadata.items()}
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **encoded})
    with _atomic_path(path) as temporary:
        pq.write_table(table, temporary, compression="zstd", write_statistics=True)


@contextlib.contextmanager
def parquet_writer_atomic(path: Path, schema: pa.Schema) -> Iterator[pq.ParquetWriter]:
    """A zstd Parquet writer for tables written one after another; the file appears under `path`
    only once it is complete."""
    with _atomic_path(path) as temporary, pq.ParquetWriter(temporary, schema, compression="zstd") as writer:
        yield writer


class StagingWriter:
    """Rows written as they come, in row groups, so a shard's memory does not grow with its size;
    the file appears under its name only on commit (fsync + rename), with `metadata` in its footer."""

    def __init__(self, path: Path, schema: pa.Schema, rows_per_group: int = 1000) -> None:
        self.path, self.schema, self.rows_per_group = path, schema, rows_per_group
        self.temporary = _temporary_for(path)
        self.rows: list[dict[str, Any]] = []
        self.writer: pq.ParquetWriter | None = None

    def __enter__(self) -> StagingWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.writer = pq.ParquetWriter(self.temporary, self.schema, compression="zstd")
        return self

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.rows_per_group:
            self._flush()

    def _flush(self) -> None:
        if self.rows and self.writer is not None:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def commit(self, metadata: dict[str, Any]) -> None:
        assert self.writer is not None
        self._flush()
        self.writer.add_key_value_metadata({key: json.dumps(value) for key, value in metadata.items()})
        self.writer.close()
        self.writer = None
        _commit(self.temporary, self.path)

    def __exit__(self, *exc_info: object) -> None:
        if self.writer is not None:  # not committed: leave nothing behind
            self.writer.close()
            self.temporary.unlink(missing_ok=True)


def write_text_atomic(text: str, path: Path) -> None:
    with _atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8")


def read_metadata(path: Path, key: str) -> Any:
    raw = pq.read_metadata(path).metadata or {}  # the footer: schema metadata and writer key-values
    value = raw.get(key.encode())
    return None if value is None else json.loads(value)


STAGING = ".staging"  # staged shards and the run's intermediate files, kept until the run publishes
VERSIONS = ".versions"  # every published version of the dataset, each complete
CURRENT = ".current"  # a symlink to the published version: flipping it is the commit point
PUBLISHED = (*PARTS, "manifest.json", "README.md", "plots")  # OUT/<name> -> .current/<name>
RETIRED = ("dedup-index",)  # published by refinery before 0.6; removed from OUT when it is rewritten


def publish(next_dir: Path, out: Path, keep_published: bool = False) -> None:
    """Make the run written in `next_dir` (parts, index, manifest and card) the dataset, atomically.

    The run becomes a version under OUT/.versions; with `keep_published` (append) the published
    version's files are hard-linked into it first, so they are never rewritten. Then one rename
    points OUT/.current at it: a reader resolving OUT/data, OUT/manifest.json ... sees the old
    dataset or the new one, never a mix, and a run killed at any moment leaves one of them. The
    version before stays for readers still holding its files; older ones are removed."""
    previous = current_version(out)
    if keep_published and previous is not None:
        for name in (*PARTS, INDEX_DIR):
            for path in sorted((previous / name).glob("*.parquet")):
                (next_dir / name).mkdir(parents=True, exist_ok=True)
                if not (next_dir / name / path.name).exists():
                    os.link(path, next_dir / name / path.name)
    versions = out / VERSIONS
    versions.mkdir(exist_ok=True)
    number = max((int(p.name[1:]) for p in versions.glob("v[0-9]*") if p.name[1:].isdigit()), default=0) + 1
    version = versions / f"v{number:06d}"
    os.replace(next_dir, version)
    _fsync_directory(versions)
    pointer = out / f"{CURRENT}.new"
    pointer.unlink(missing_ok=True)
    pointer.symlink_to(Path(VERSIONS) / version.name)
    os.replace(pointer, out / CURRENT)  # the commit point
    _fsync_directory(out)
    _link_published_names(out)
    for old in versions.iterdir():
        if old.name not in (version.name, previous.name if previous else None):
            shutil.rmtree(old, ignore_errors=True)


def current_version(out: Path) -> Path | None:
    pointer = out / CURRENT
    return pointer.resolve() if pointer.is_symlink() and pointer.resolve().is_dir() else None


def _link_published_names(out: Path) -> None:
    """OUT/data, OUT/manifest.json ... as relative symlinks through OUT/.current, for what the
    version holds (a run without plots has none). A dataset of 0.3 and before has real directories
    and files there: they give way, as do the names earlier releases published and this one does not."""
    for name in (*PUBLISHED, *RETIRED):
        link = out / name
        wanted = name in PUBLISHED and (out / CURRENT / name).exists()
        if link.is_symlink() and wanted:
            continue
        if link.is_dir() and not link.is_symlink():
            shutil.rmtree(link)
        else:
            link.unlink(missing_ok=True)
        if wanted:
            link.symlink_to(Path(CURRENT) / name)


def _fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove_leftovers(out: Path, staging: bool = False) -> list[str]:
    """Delete what interrupted runs left: unpublished run directories, versions nothing points
    at, and (`staging`, when the dataset is up to date) staged shards no run will resume from."""
    removed = []
    current = current_version(out)
    candidates = [*out.glob(".next-*"), *out.glob(f"{CURRENT}.new")]
    if (out / VERSIONS).is_dir() and current is not None:
        numbers = sorted(p.name for p in (out / VERSIONS).iterdir())
        newer = [name for name in numbers if name > current.name]
        candidates += [out / VERSIONS / name for name in newer]  # published by no one
    if staging:
        candidates.append(out / STAGING)
    for path in sorted(candidates):
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path, ignore_errors=True)
        else:
            continue
        removed.append(path.name)
    return removed


MARKER = ".refinery"  # written into every output directory refinery claims
_DEBRIS = re.compile(
    r"^(\.lock|\.staging|\.next-.*|\..*\.old|\.probe-.*|\.versions|\.current.*)$"
)  # what a run killed early leaves


def is_refinery_dataset(out: Path) -> bool:
    """Written by refinery: its marker, or (datasets of 0.3 and before) its manifest."""
    if (out / MARKER).is_file():
        return True
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and {"runs", "config_hash", "counts"} <= manifest.keys()


def inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def placed_dir_entries(path: Path, option: str, input_roots: list[Path], what: str) -> list[str] | None:
    """The checks `--out` and `--index` share: not a filesystem root, apart from every input (a
    run would read `what` as input, or write into the user's inputs), a directory if it exists.
    Its entries' names, sorted; None when it does not exist yet. Raises UserError."""
    if path.parent == path:
        raise UserError(f"{option} {path} is a filesystem root: give {what} a directory of its own")
    for root in input_roots:
        if inside(root, path):
            raise UserError(f"{option} {path} holds the input {root}: keep {what} somewhere else")
        if inside(path, root):
            raise UserError(f"{option} {path} is inside the input {root}: a run would read {what} as input")
    if not path.exists():
        return None
    if not path.is_dir():
        raise UserError(f"{option} {path} is a file, not a directory")
    try:
        return sorted(entry.name for entry in path.iterdir())
    except OSError as error:
        raise UserError(f"{option} {path}: cannot read it ({error.strerror})") from error


def refuse_foreign(path: Path, option: str, entries: list[str], allowed: str) -> NoReturn:
    shown = ", ".join(entries[:4]) + (", ..." if len(entries) > 4 else "")
    raise UserError(f"{option} {path} holds files refinery did not write ({shown}): {allowed}")


def check_output_dir(out: Path, input_roots: list[Path]) -> None:
    """Refuse an output directory refinery could damage or that would feed itself: it must be
    absent, empty, or a refinery dataset, and apart from every input. Raises UserError."""
    entries = placed_dir_entries(out, "--out", input_roots, "the dataset")
    if entries is None or all(_DEBRIS.match(name) for name in entries):
        return
    if not is_refinery_dataset(out):
        allowed = "refinery only writes into a new or empty directory or a dataset of its own"
        refuse_foreign(out, "--out", entries, allowed)
    for name in (*PUBLISHED, *RETIRED):
        if not _published_name_is_ours(out, name):
            raise UserError(
                f"--out {out}: {out / name} is not the link refinery made (someone put their own files "
                "there); move it out of the dataset and run again"
            )


_PART_FILE = re.compile(r"^(part|run)-\d{4}(-\d{5})?\.parquet$")


def _published_name_is_ours(out: Path, name: str) -> bool:
    """OUT/<name> is what refinery put there: absent, or the link through OUT/.current; in a dataset
    of 0.3 and before (no .current), a real manifest or card, or a folder of parts only. Anything else
    a publish would replace is someone's own."""
    path = out / name
    if path.is_symlink() or not path.exists():
        return True
    if (out / CURRENT).is_symlink():
        return False
    if path.is_dir():
        return all(_PART_FILE.match(child.name) for child in path.iterdir())
    return name in ("manifest.json", "README.md")


def check_writable(out: Path) -> None:
    """The output directory can be created and written (it is created if absent)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".probe-"):
            pass
    except OSError as error:
        raise UserError(f"--out {out}: cannot write there ({error.strerror or error})") from error


def claim_output_dir(out: Path) -> None:
    """Mark `out` as refinery's (after check_output_dir, under the dataset lock)."""
    if not (out / MARKER).is_file():
        write_text_atomic(
            "A refinery dataset: refinery may replace what is in this directory.\n", out / MARKER
        )


_HELD_LOCKS: ContextVar[frozenset[Path]] = ContextVar("refinery_held_locks", default=frozenset())


@contextlib.contextmanager
def dataset_lock(out: Path) -> Iterator[None]:
    """Exclusive use of a dataset directory for one run. The operating system releases the lock
    when its process dies, even by SIGKILL, so a killed run never blocks the next one. Taken again
    where it is held (the command line holds it for its whole run, the flow takes it too), it is
    held already: flock would refuse a second hold by the same process."""
    out = out.resolve()
    held = _HELD_LOCKS.get()
    if out in held:
        yield
        return
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "a") as handle:  # "a": taking the lock does not touch the file
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise UserError(f"another run is writing {out}; wait for it to finish") from error
        token = _HELD_LOCKS.set(held | {out})
        try:
            yield
        finally:
            _HELD_LOCKS.reset(token)
