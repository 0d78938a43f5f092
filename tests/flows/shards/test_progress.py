import io
import os
import time

from refinery.flows.shards.process import ShardSummary
from refinery.flows.shards.progress import ProgressDisplay, ProgressFile, Snapshot, describe, read_progress


def shard_progress(staging, name, documents, kept, record_bytes):
    summary = ShardSummary(
        index=0, staging_path="", documents=documents, kept=kept, rejected=documents - kept
    )
    ProgressFile(staging / f"{name}.progress", done_bytes=record_bytes).write(summary)


def test_the_progress_of_running_shards_is_summed_and_stale_files_are_ignored(tmp_path):
    shard_progress(tmp_path, "shard-00000-aaaa", 100, 90, 1_000_000)
    shard_progress(tmp_path, "shard-00001-bbbb", 50, 50, 500_000)
    shard_progress(tmp_path, "shard-00009-other-configuration", 7, 7, 1)
    os.utime(tmp_path / "shard-00009-other-configuration.progress", (0, 0))
    assert read_progress(tmp_path, since=time.time() - 60) == Snapshot(150, 1_500_000, 140, 10, 0)


def test_a_line_says_documents_bytes_rate_eta_and_outcomes():
    line = describe(Snapshot(1200, 6_000_000, 1100, 90, 10), total_bytes=12_000_000, seconds=4.0)
    assert line == (
        "1,200 documents, 6.0 of 12.0 MB (50%), 300 docs/s, ETA 4s; kept 1,100, rejected 90, errors 10"
    )
    assert "ETA -" in describe(Snapshot(), total_bytes=12_000_000, seconds=0.0)


def test_without_a_terminal_a_line_is_written_when_something_moved(tmp_path):
    stream = io.StringIO()
    with ProgressDisplay(tmp_path, 2_000_000, stream=stream, every_seconds=0.05):
        time.sleep(0.2)  # nothing yet: no line
        shard_progress(tmp_path, "shard-00000-aaaa", 10, 10, 1_000_000)
        time.sleep(0.3)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("progress: 10 documents, 1.0 of 2.0 MB (50%)")


def test_the_display_never_goes_back_when_staging_is_removed_at_publish(tmp_path):
    stream = io.StringIO()
    with ProgressDisplay(tmp_path, 2_000_000, stream=stream, every_seconds=0.05):
        shard_progress(tmp_path, "shard-00000-aaaa", 10, 10, 1_000_000)
        time.sleep(0.3)
        (tmp_path / "shard-00000-aaaa.progress").unlink()
        time.sleep(0.3)
    assert [line.split(",")[0] for line in stream.getvalue().splitlines()] == ["progress: 10 documents"]
