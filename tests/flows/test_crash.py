"""`refinery run` killed with SIGKILL (the whole process group: CLI and workers; the temporary
Prefect server too, where the run has one) and started again with the same arguments ends with the
same dataset as a run never interrupted."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from refinery.flows.storage.dataset import RUN_COLUMNS, read_part
from tests.cli import cli_command, cli_env

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them

ROOT = Path(__file__).resolve().parents[2]
CONFIG = "[run]\nshard_docs = 25\nworkers = 1\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seed_lines) -> Path:
    """250 documents from the seeds' lines, some copied, in 10 shards."""
    root = tmp_path_factory.mktemp("crash") / "corpus"
    root.mkdir()
    rng = random.Random(11)
    for index in range(250):
        text = "\n".join(rng.sample(seed_lines, 5)) if index % 10 else "\n".join(seed_lines[:5])
        (root / f"doc_{index:03d}.txt").write_text(text, encoding="utf-8")
    (root.parent / "config.toml").write_text(CONFIG)
    return root


def command(corpus: Path, out: Path) -> list[str]:
    config = corpus.parent / "config.toml"
    return cli_command("run", str(corpus), "--out", str(out), "--config", str(config))


@pytest.fixture(scope="module")
def reference(corpus) -> Path:
    out = corpus.parent / "reference"
    result = subprocess.run(command(corpus, out), cwd=ROOT, env=cli_env(), capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    return out


def staged_shards(out: Path) -> bool:
    return len(list((out / ".staging").glob("shard-*.parquet"))) >= 3


def parts_being_written(out: Path) -> bool:
    return any(out.glob(".next-*/*/part-*.parquet"))


def start_run(corpus: Path, out: Path, own_server: bool = False) -> subprocess.Popen:
    """The run in a process group of its own (workers and, `own_server`, its server included)."""
    return subprocess.Popen(
        command(corpus, out),
        cwd=ROOT,
        env=cli_env(own_server),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_until(process: subprocess.Popen, out: Path, ready: Callable[[Path], bool]) -> None:
    deadline = time.monotonic() + 240
    while not ready(out):
        assert process.poll() is None, "the run ended before the point it was to be killed at"
        assert time.monotonic() < deadline
        time.sleep(0.005)


def kill_when(corpus: Path, out: Path, ready: Callable[[Path], bool]) -> None:
    process = start_run(corpus, out)
    wait_until(process, out, ready)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def rows(out: Path, part: str):
    return read_part(out, part).drop(list(RUN_COLUMNS)).sort_by("id")


@pytest.mark.parametrize(
    "ready", [staged_shards, parts_being_written], ids=["during-shards", "while-writing"]
)
def test_a_killed_run_resumes_to_the_same_dataset(corpus, reference, tmp_path, ready):
    out = tmp_path / "dataset"
    kill_when(corpus, out, ready)
    assert not (out / "manifest.json").exists()  # killed before it published

    result = subprocess.run(command(corpus, out), cwd=ROOT, env=cli_env(), capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["invariant_holds"] and manifest["counts"]["documents_read"] == 250
    if ready is staged_shards:
        assert manifest["counts"]["shards_resumed"] >= 3
    for part in ("data", "rejected", "errors"):
        assert rows(out, part).equals(rows(reference, part)), part
    leftovers = [
        p.name for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith((".next", ".staging"))
    ]
    assert leftovers == []


@pytest.mark.parametrize("target", ["run-process", "prefect-server"])
def test_a_run_that_loses_its_process_or_its_server_resumes_to_the_same_dataset(
    corpus, reference, tmp_path, target
):
    """SIGKILL of the run's process alone (the OOM killer's way) or of its temporary server, at a
    random moment once shards are being staged: no process is left behind, and the next run ends
    with the same dataset."""
    import psutil

    out = tmp_path / "dataset"
    process = start_run(corpus, out, own_server=True)
    wait_until(process, out, lambda out: any((out / ".staging").glob("shard-*.parquet")))
    time.sleep(random.Random(target).uniform(0, 1.5))
    descendants = psutil.Process(process.pid).children(recursive=True)
    assert process.poll() is None, "the run ended before it could be killed"
    if target == "run-process":
        os.kill(process.pid, signal.SIGKILL)
    else:
        next(p for p in descendants if "prefect.server" in " ".join(p.cmdline())).kill()
    process.wait(timeout=60)
    _, alive = psutil.wait_procs(descendants, timeout=10)
    assert not alive

    result = subprocess.run(command(corpus, out), cwd=ROOT, env=cli_env(), capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    for part in ("data", "rejected", "errors"):
        assert rows(out, part).equals(rows(reference, part)), part
