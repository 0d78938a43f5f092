"""What a run has to do, given the dataset already in OUT: everything, only the new inputs, or nothing.

The manifest is the dataset's memory: it lists every input each run read (key, size, ukey).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ...transforms.config import Config
from ..errors import UserError
from ..storage.manifest import Manifest, classifier_names, code_digest, load_manifest, pipeline_version
from .readers import Discovery, InputFile, Shard, discover, plan_shards
from .user_files import config_hash


class ForeignManifest(UserError):
    """A manifest.json this version cannot read (written by a much older refinery)."""


@dataclass(frozen=True, slots=True)
class Selection:
    files: tuple[InputFile, ...]  # to process in this run
    changed: tuple[str, ...]  # append: keys seen before whose size or ukey changed (not reprocessed)
    up_to_date: bool  # nothing to do: the dataset already reflects these inputs and this configuration


def read_manifest(out_dir: Path) -> Manifest | None:
    """The published dataset's manifest, or None when OUT holds no dataset yet."""
    path = out_dir / "manifest.json"
    if not path.exists():
        return None
    try:
        return load_manifest(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(
            f"{path} is unreadable ({error}); remove the dataset or choose another --out"
        ) from error
    except ValidationError as error:
        raise ForeignManifest(
            f"{path} was not written by this version of refinery ({error.error_count()} problems, "
            f"first: {error.errors()[0]['msg']} at {'.'.join(map(str, error.errors()[0]['loc']))}); "
            "choose another --out"
        ) from error


def _signature(item: InputFile) -> tuple[int, str | None]:
    return item.size, item.ukey


def _columns_release(version: str) -> str:
    """Releases that share major.minor write the same columns (the dataset contract)."""
    return ".".join(version.split(".")[:2])


def select_inputs(
    files: tuple[InputFile, ...],
    previous: Manifest | None,
    mode: str,
    config_hash: str,
    pipeline_version: str,
    force: bool = False,
    code_digest: str | None = None,
) -> Selection:
    """replace: all files, unless the last run read exactly these with the same configuration and
    pipeline (then there is nothing to do, unless `force`). append: the files whose key the dataset
    has not seen."""
    if previous is None:
        return Selection(files, (), False)
    seen = {item.key: (item.size, item.ukey) for item in previous.inputs}
    if mode == "append":
        older = {run.pipeline_version for run in previous.runs} - {pipeline_version}
        if any(_columns_release(version) != _columns_release(pipeline_version) for version in older):
            raise UserError(
                f"the dataset was written by refinery {', '.join(sorted(older))}, whose columns differ from "
                f"{pipeline_version}'s; rebuild it with --mode replace, or append to a new --out"
            )
        new = tuple(item for item in files if item.key not in seen)
        changed = tuple(item.key for item in files if item.key in seen and seen[item.key] != _signature(item))
        return Selection(new, changed, not new)
    last = previous.runs[-1]
    same_inputs = len(previous.runs) == 1 and seen == {item.key: _signature(item) for item in files}
    same_code = last.pipeline_version == pipeline_version and last.code_digest == code_digest
    unchanged = same_inputs and last.config_hash == config_hash and same_code
    return Selection(files, (), unchanged and not force)


def check_same_classifiers(published: tuple[str, ...], mine: tuple[str, ...]) -> None:
    """An append run adds parts beside the published ones: with other classifiers their columns would
    differ, and readers of data/ fail on parts of different columns."""
    if published != mine:
        theirs, ours = ", ".join(published) or "none", ", ".join(mine) or "none"
        raise UserError(
            f"the dataset's parts have the quality columns of classifiers ({theirs}), this run's would have "
            f"({ours}); append with the same quality.classifiers, or rebuild it with --mode replace"
        )


def selection_for(
    files: tuple[InputFile, ...], out_dir: Path, config: Config
) -> tuple[Manifest | None, Selection]:
    """The dataset already in `out_dir` (its manifest) and what a run with `config` has to do."""
    try:
        previous = read_manifest(out_dir)
    except ForeignManifest:
        if config.run.mode == "append":
            raise
        previous = None  # a replace run rebuilds the dataset whatever its old manifest says
    if previous is not None and config.run.mode == "append":
        check_same_classifiers(classifier_names(previous.config), config.quality.names())
    selection = select_inputs(
        files,
        previous,
        config.run.mode,
        config_hash(config),
        pipeline_version(),
        config.run.force,
        code_digest(),
    )
    return previous, selection


@dataclass(frozen=True)
class Plan:
    """What a run reads and how it is cut, decided once: by the command line before Prefect starts
    (so shards can start while it boots), or by the flow when nothing planned it (a deployment's run,
    a call from Python)."""

    inputs: tuple[str, ...]
    out_dir: Path
    config_hash: str
    discovery: Discovery
    previous: Manifest | None  # the dataset already in OUT
    selection: Selection
    shards: tuple[Shard, ...]
    seconds: float  # what planning took

    def is_for(self, inputs: list[str], out_dir: Path, config: Config) -> bool:
        wanted = (tuple(inputs), out_dir, config_hash(config))
        return (self.inputs, self.out_dir, self.config_hash) == wanted


def make_plan(inputs: list[str], out_dir: Path, config: Config, discovery: Discovery | None = None) -> Plan:
    """Discover the inputs (unless `discovery` has), select what the run has to do, cut it into shards."""
    started = time.perf_counter()
    discovery = discovery or discover(inputs, config.read)
    previous, selection = selection_for(discovery.files, out_dir, config)
    from ..execution.workers import worker_count

    workers = worker_count(config.run)
    shards = () if selection.up_to_date else tuple(plan_shards(selection.files, config, workers))
    seconds = round(time.perf_counter() - started, 3)
    return Plan(tuple(inputs), out_dir, config_hash(config), discovery, previous, selection, shards, seconds)


# The plan the command line made for the flow it runs in this process (a flow parameter would put
# every shard's pieces on the Prefect server). Read through plan_given: the flow's function must not
# name a ContextVar, or Dask could not pickle it.
PLANNED: ContextVar[Plan | None] = ContextVar("refinery_plan", default=None)


def plan_given(inputs: list[str], out_dir: Path, config: Config) -> Plan | None:
    """The plan the command line made for this run, if it made one."""
    plan = PLANNED.get()
    return plan if plan is not None and plan.is_for(inputs, out_dir, config) else None


@contextlib.contextmanager
def planned(plan: Plan) -> Iterator[None]:
    token = PLANNED.set(plan)
    try:
        yield
    finally:
        PLANNED.reset(token)
