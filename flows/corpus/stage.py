"""The corpus between the shards and the write, and what a corpus-wide stage is.

The shards stage every document once. A corpus-wide stage (frequent lines, dedup, paragraph dedup)
never rewrites a staged shard: it reads the corpus as it stands and writes a *revision*, rows keyed
by `id` that carry only the columns it changes. `Corpus.rows` lays the revisions over the staging
in the order the stages wrote them, so every stage and the final write see the same documents, and
the write decides nothing: it publishes what the stages decided.

A stage is one module with one object in `STAGES` (flows/corpus/__init__.py): its `run` reads the
corpus, hands the heavy work to `StageWork` (one Prefect task per call, in the run's worker
processes) and returns the corpus with its revisions added.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ...transforms.config import Config
from ..storage.dataset import STAGING_SCHEMA


@dataclass(frozen=True)
class Revision:
    """A stage's changes: a Parquet file of rows keyed by `id`, some columns of STAGING_SCHEMA."""

    path: str
    shard: int | None = None  # the shard (by position) it revises; None: any shard


@dataclass(frozen=True)
class Corpus:
    """The staged shards in input order, the revisions laid over them, and how many documents are
    kept as it stands."""

    shards: tuple[str, ...]
    kept: int = 0
    revisions: tuple[Revision, ...] = field(default=())

    @classmethod
    def of(cls, staging_paths: Sequence[str | Path], kept: int = 0) -> Corpus:
        return cls(tuple(str(path) for path in staging_paths), kept)

    def revised(self, revisions: Sequence[Revision], kept: int) -> Corpus:
        return replace(self, revisions=(*self.revisions, *revisions), kept=kept)

    def rows(self, shard: int, columns: Sequence[str] | None = None) -> pa.Table:
        """Shard `shard`'s rows as revised, in staging order; all columns, or `columns`."""
        wanted = None if columns is None else list(dict.fromkeys(["id", *columns]))
        table = pq.read_table(self.shards[shard], columns=wanted)
        for revision in self.revisions:
            if revision.shard in (None, shard):
                table = _overlay(table, revision.path)
        return table if columns is None else table.select(list(columns))

    def kept_rows(self, shard: int, columns: Sequence[str]) -> pa.Table:
        """The shard's kept documents as revised: `columns` of each."""
        table = self.rows(shard, list(dict.fromkeys([*columns, "status"])))
        return table.filter(pc.equal(table["status"], "kept")).select(list(columns))

    def all_kept_rows(self, columns: Sequence[str]) -> pa.Table:
        """Every kept document of the corpus, shard after shard: `columns` of each."""
        pieces = [self.kept_rows(shard, columns) for shard in range(len(self.shards))]
        return pa.concat_tables(pieces) if pieces else STAGING_SCHEMA.empty_table().select(list(columns))


def _overlay(table: pa.Table, path: str) -> pa.Table:
    """`table` with the columns the revision at `path` holds replaced on the rows it names."""
    names = [name for name in pq.read_schema(path).names if name != "id" and name in table.column_names]
    if not names:
        return table
    revision = pq.read_table(path, columns=["id", *names])
    where = pc.index_in(table["id"], value_set=revision["id"])
    rows = np.flatnonzero(pc.is_valid(where).to_numpy(zero_copy_only=False))
    if not len(rows):
        return table
    # Row i takes the revision's value where the revision names it, else its own: one take over the
    # column followed by the revision's.
    order = np.arange(table.num_rows)
    order[rows] = table.num_rows + pc.take(where, pa.array(rows)).to_numpy(zero_copy_only=False)
    for name in names:
        own = table[name]
        combined = pa.chunked_array([*own.chunks, *revision[name].cast(own.type).chunks], type=own.type)
        index = table.schema.get_field_index(name)
        table = table.set_column(index, table.schema.field(index), combined.take(order))
    return table


class StageWork(Protocol):
    """What the flow gives a stage to work with: the run's configuration and paths, and tasks."""

    config: Config
    out_dir: Path
    sequence: int  # this run's number in the dataset (0: the first; append runs count on)

    def file(self, name: str) -> str:
        """A path in the run's staging for an intermediate file called `name`."""
        ...

    def one(self, function: Callable[..., Any], *args: Any) -> Any:
        """`function(*args)` as one task in a worker process: its result."""
        ...

    def each(self, function: Callable[..., Any], calls: Sequence[tuple[Any, ...]]) -> list[Any]:
        """`function(*call)` for every call, one task each, in parallel: the results in call order."""
        ...

    def log(self, message: str, *args: Any) -> None: ...

    def warn(self, message: str, *args: Any) -> None: ...


class CorpusStage(Protocol):
    """A corpus-wide stage: `name` (its line in the run report and its tasks' name), when the
    configuration wants it, and what it does to the corpus."""

    name: str

    def wanted(self, config: Config) -> bool: ...

    def run(self, corpus: Corpus, work: StageWork) -> Corpus: ...


@dataclass
class InlineWork:
    """StageWork with no Prefect and no worker processes: every call runs here, in order. For
    tests, and for running the corpus stages from Python."""

    config: Config
    directory: Path  # where the stages' intermediate files go
    out_dir: Path
    sequence: int = 0

    def file(self, name: str) -> str:
        return str(self.directory / f"{name}.parquet")

    def one(self, function: Callable[..., Any], *args: Any) -> Any:
        return function(*args)

    def each(self, function: Callable[..., Any], calls: Sequence[tuple[Any, ...]]) -> list[Any]:
        return [function(*call) for call in calls]

    def log(self, message: str, *args: Any) -> None:
        pass

    def warn(self, message: str, *args: Any) -> None:
        pass
