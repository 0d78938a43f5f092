"""The command's progress display: a live bar on a terminal, a line every few seconds elsewhere.

Shards run in other processes (or on Dask workers); each rewrites a small `.progress` file in the
staging directory once a second (`ProgressFile`, used by `flows/shard.py`), and this display sums
them. It reads files only, so it works the same whatever runs the shards, and costs the workers
nothing to speak of.
"""

from __future__ import annotations

import json
import shutil
import sys
import threading
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Protocol, TextIO

from ..storage.dataset import write_text_atomic


@dataclass(frozen=True, slots=True)
class Snapshot:
    documents: int = 0
    bytes: int = 0
    kept: int = 0
    rejected: int = 0
    errors: int = 0


class ShardCounts(Protocol):
    documents: int
    kept: int
    rejected: int
    errors: int


def progress_path(staged: Path) -> Path:
    """Where a shard says how far it got while it runs (next to its staging file)."""
    return staged.with_name(staged.stem + ".progress")


class ProgressFile:
    """A running shard's Snapshot, rewritten (atomically) at most once a second."""

    def __init__(self, path: Path, every_seconds: float = 1.0, done_bytes: int = 0) -> None:
        self.path, self.every, self.bytes, self.last = path, every_seconds, done_bytes, time.monotonic()

    def advance(self, counts: ShardCounts, record_bytes: int) -> None:
        self.bytes += record_bytes
        if time.monotonic() - self.last >= self.every:
            self.write(counts)

    def write(self, counts: ShardCounts) -> None:
        snapshot = Snapshot(counts.documents, self.bytes, counts.kept, counts.rejected, counts.errors)
        write_text_atomic(json.dumps(asdict(snapshot)), self.path)
        self.last = time.monotonic()


def read_progress(staging: Path, since: float = 0.0) -> Snapshot:
    """The sum of the progress files written in `staging` since `since` (a time.time()): shards
    staged by a run with another configuration left theirs there too."""
    totals = dict.fromkeys((f.name for f in fields(Snapshot)), 0)
    for path in staging.glob("*.progress"):
        try:
            if path.stat().st_mtime < since:
                continue
            counts = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for name in totals:
            totals[name] += int(counts.get(name, 0))
    return Snapshot(**totals)


def describe(snapshot: Snapshot, total_bytes: int, seconds: float) -> str:
    """'1,200 documents, 6.1 of 12.0 MB (51%), 340 docs/s, ETA 18s; kept 1,100, rejected 90, errors 10'."""
    rate = snapshot.documents / seconds if seconds > 0 else 0.0
    share = min(1.0, snapshot.bytes / total_bytes) if total_bytes else 0.0
    byte_rate = snapshot.bytes / seconds if seconds > 0 else 0.0
    eta = (
        f"ETA {_duration((total_bytes - snapshot.bytes) / byte_rate)}" if byte_rate and share < 1 else "ETA -"
    )
    return (
        f"{snapshot.documents:,} documents, {snapshot.bytes / 1e6:.1f} of {total_bytes / 1e6:.1f} MB "
        f"({share:.0%}), {rate:,.0f} docs/s, {eta}; kept {snapshot.kept:,}, "
        f"rejected {snapshot.rejected:,}, errors {snapshot.errors:,}"
    )


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class ProgressDisplay:
    """Shows the shards' progress while a run is in this block: on a terminal a bar redrawn four
    times a second, otherwise one line every `every_seconds` when something moved."""

    def __init__(
        self, staging: Path, total_bytes: int, stream: TextIO = sys.stderr, every_seconds: float = 10
    ):
        self.staging, self.total_bytes, self.stream = staging, total_bytes, stream
        self.every = 0.25 if stream.isatty() else every_seconds
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="refinery-progress", daemon=True)

    def __enter__(self) -> ProgressDisplay:
        self.started, self.since = time.monotonic(), time.time() - 1
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopped.set()
        self.thread.join()

    def _run(self) -> None:
        tty, shown = self.stream.isatty(), Snapshot()
        while not self.stopped.wait(self.every):
            snapshot = read_progress(self.staging, self.since)
            if snapshot.documents < shown.documents:  # staging is removed once the run publishes
                snapshot = shown
            if snapshot == shown and not tty:
                continue
            line = describe(snapshot, self.total_bytes, time.monotonic() - self.started)
            if tty:  # within one terminal line, or \r cannot redraw it
                drawn = f"{_bar(snapshot.bytes, self.total_bytes)} {line}"
                self.stream.write("\r\x1b[2K" + drawn[: shutil.get_terminal_size().columns - 1])
            else:
                self.stream.write(f"progress: {line}\n")
            self.stream.flush()
            shown = snapshot
        if tty:
            self.stream.write("\r\x1b[2K")  # the summary takes the line
            self.stream.flush()


def _bar(done: int, total: int, width: int = 12) -> str:
    filled = min(width, round(width * done / total)) if total else 0
    return f"[{'#' * filled}{'.' * (width - filled)}]"
