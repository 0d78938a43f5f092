"""The disk fills up during a run: one line and exit 2, no traceback; once space is freed the same
command resumes and ends with the dataset an uninterrupted run writes.

The full disk is real: a small tmpfs mounted in a private user and mount namespace (`unshare`),
grown after the first run as a user would free space."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from refinery.flows.storage.dataset import RUN_COLUMNS, read_part
from tests.cli import ROOT, cli_command, cli_env

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them

CONFIG = "[run]\nshard_docs = 50\nworkers = 2\n"


def can_mount_a_small_disk(tmp_path: Path) -> bool:
    probe = tmp_path / "probe"
    probe.mkdir()
    mount = f"mount -t tmpfs -o size=64k tmpfs {shlex.quote(str(probe))}"
    try:
        return subprocess.run(["unshare", "-rm", "sh", "-c", mount], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, write_corpus) -> Path:
    """200 distinct documents from the seeds' lines, in 4 shards."""
    root = write_corpus(tmp_path_factory.mktemp("disk_full") / "corpus", 200, lines=8, seed=3)
    (root.parent / "config.toml").write_text(CONFIG)
    return root


def run_command(corpus: Path, out: Path) -> str:
    config = corpus.parent / "config.toml"
    return shlex.join(cli_command("run", str(corpus), "--out", str(out), "--config", str(config)))


@pytest.fixture(scope="module")
def reference(corpus) -> Path:
    out = corpus.parent / "reference"
    result = subprocess.run(
        run_command(corpus, out), shell=True, cwd=ROOT, env=cli_env(), capture_output=True
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    return out


def rows(out: Path, part: str):
    return read_part(out, part).drop(list(RUN_COLUMNS)).sort_by("id")


def published_bytes(out: Path) -> int:
    return sum(path.stat().st_size for path in (out / ".versions").rglob("*") if path.is_file())


@pytest.mark.parametrize("share", [0.1, 1.3], ids=["while-staging", "while-publishing"])
def test_a_full_disk_stops_the_run_with_one_line_and_the_next_run_resumes(corpus, reference, tmp_path, share):
    if not can_mount_a_small_disk(tmp_path):
        pytest.skip("this machine cannot mount a tmpfs in a user namespace (unshare -rm)")
    disk, copy = tmp_path / "disk", tmp_path / "copy"
    disk.mkdir()
    out = disk / "dataset"
    size_kb = max(64, int(published_bytes(reference) * share) // 1024)
    script = "\n".join(
        [
            f"mount -t tmpfs -o size={size_kb}k tmpfs {disk}",
            f"{run_command(corpus, out)} > {tmp_path}/first.out 2> {tmp_path}/first.err",
            f"echo $? > {tmp_path}/first.code",
            f"mount -o remount,size=100m {disk}",  # the user frees space
            f"{run_command(corpus, out)} > {tmp_path}/second.out 2> {tmp_path}/second.err",
            f"echo $? > {tmp_path}/second.code",
            f"cp -a {out} {copy}",  # the tmpfs goes with the namespace
        ]
    )
    subprocess.run(["unshare", "-rm", "sh", "-c", script], cwd=ROOT, env=cli_env(), timeout=600, check=True)

    first_error = (tmp_path / "first.err").read_text()
    assert (tmp_path / "first.code").read_text().strip() == "2", first_error[-3000:]
    assert "Traceback" not in first_error and "NoneType: None" not in first_error
    assert first_error.strip().splitlines()[-1].startswith("refinery: error: no space left on the device")

    second_error = (tmp_path / "second.err").read_text()
    assert (tmp_path / "second.code").read_text().strip() == "0", second_error[-3000:]
    if share > 1:  # the disk filled after every shard was staged: the next run reuses them all
        assert second_error.count("(resumed)") == 4, second_error
    for part in ("data", "rejected"):
        assert rows(copy, part).equals(rows(reference, part)), part


def test_a_full_disk_under_the_shared_dedup_index_is_one_line_and_the_next_run_records_it(corpus, tmp_path):
    """The dataset publishes; writing the shared index (--index, on its own small disk) then fails.
    Once space is freed, the same command finds the dataset up to date and records it in the index."""
    if not can_mount_a_small_disk(tmp_path):
        pytest.skip("this machine cannot mount a tmpfs in a user namespace (unshare -rm)")
    disk, out = tmp_path / "disk", tmp_path / "dataset"
    disk.mkdir()
    command = f"{run_command(corpus, out)} --index {disk / 'index'}"
    script = "\n".join(
        [
            f"mount -t tmpfs -o size=64k tmpfs {disk}",
            f"{command} > {tmp_path}/first.out 2> {tmp_path}/first.err; echo $? > {tmp_path}/first.code",
            f"mount -o remount,size=100m {disk}",
            f"{command} > {tmp_path}/second.out 2> {tmp_path}/second.err; echo $? > {tmp_path}/second.code",
            f"cp -a {disk / 'index'} {tmp_path / 'index'}",
        ]
    )
    subprocess.run(["unshare", "-rm", "sh", "-c", script], cwd=ROOT, env=cli_env(), timeout=600, check=True)
    first_error = (tmp_path / "first.err").read_text()
    assert (tmp_path / "first.code").read_text().strip() == "2", first_error[-3000:]
    assert "Traceback" not in first_error
    assert first_error.strip().splitlines()[-1].startswith("refinery: error: no space left on the device")
    assert (tmp_path / "second.code").read_text().strip() == "0", (tmp_path / "second.err").read_text()
    (indexed,) = (tmp_path / "index").glob("*.parquet")
    assert pq.read_metadata(indexed).num_rows == rows(out, "data").num_rows
