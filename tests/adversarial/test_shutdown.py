"""A run stops when told to, or when what it depends on dies: within seconds, with one line, its
worker processes and temporary Prefect server gone, and the next run resumes from its shards."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from tests.cli import ROOT, cli_command, cli_env, prefect_server

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them

CONFIG = "[run]\nshard_docs = 25\nworkers = 2\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, write_corpus) -> Path:
    """400 documents from the seeds' lines in 16 shards."""
    root = write_corpus(tmp_path_factory.mktemp("shutdown") / "corpus", 400, lines=6, seed=5)
    (root.parent / "config.toml").write_text(CONFIG)
    return root


def start(corpus: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    config = corpus.parent / "config.toml"
    return subprocess.Popen(
        cli_command("run", str(corpus), "--out", str(out), "--config", str(config)),
        cwd=ROOT,
        env=env or cli_env(own_server=True),  # what these tests stop includes the run's own server
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def running_shards(process: subprocess.Popen, out: Path) -> list[psutil.Process]:
    """Wait until the run has staged a shard; its descendants (server, workers) at that moment."""
    deadline = time.monotonic() + 240
    while not list((out / ".staging").glob("shard-*.parquet")):
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return psutil.Process(process.pid).children(recursive=True)


def ended_within(process: subprocess.Popen, seconds: float) -> tuple[int, str]:
    started = time.monotonic()
    code = process.wait(timeout=60)
    assert time.monotonic() - started < seconds
    return code, process.stderr.read()


def all_gone(processes: list[psutil.Process], seconds: float = 5) -> bool:
    _, alive = psutil.wait_procs(processes, timeout=seconds)
    return not alive


@pytest.mark.parametrize(
    ("signal_number", "whole_group", "code", "word"),
    [(signal.SIGINT, True, 130, "interrupted"), (signal.SIGTERM, False, 143, "terminated")],
    ids=["ctrl-c", "sigterm"],
)
def test_one_signal_stops_the_run_and_the_next_run_resumes(
    corpus, tmp_path, signal_number, whole_group, code, word
):
    out = tmp_path / "out"
    process = start(corpus, out)
    children = running_shards(process, out)
    assert children  # the temporary server and the workers
    if whole_group:  # what Ctrl-C in a terminal does
        os.killpg(process.pid, signal_number)
    else:
        os.kill(process.pid, signal_number)
    returncode, stderr = ended_within(process, 5)
    assert returncode == code
    assert "Traceback" not in stderr and stderr.strip().splitlines()[-1].startswith(f"refinery: {word}")
    assert all_gone(children)

    again = start(corpus, out, env=cli_env())  # resuming needs no server of its own
    assert again.wait(timeout=300) == 0, again.stderr.read()
    counts = json.loads((out / "manifest.json").read_text())["counts"]
    assert counts["documents_read"] == 400 and counts["invariant_holds"] and counts["shards_resumed"] >= 1


def test_workers_do_not_outlive_a_killed_run(corpus, tmp_path):
    """SIGKILL of the run's process alone, as the OOM killer does it."""
    process = start(corpus, tmp_path / "out")
    children = running_shards(process, tmp_path / "out")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert all_gone(children)


def reporting(process: subprocess.Popen) -> None:
    """Wait until the run's flow reports to its server (shards may be staged before that)."""
    for line in process.stderr:
        if "Prefect ready" in line:
            return
    raise AssertionError("the run ended before its flow started")


def test_a_run_whose_server_dies_ends_with_one_line(corpus, tmp_path):
    process = start(corpus, tmp_path / "out")
    reporting(process)
    children = running_shards(process, tmp_path / "out")
    (server,) = [child for child in children if "prefect.server" in " ".join(child.cmdline())]
    server.kill()
    returncode, stderr = ended_within(process, 10)
    assert returncode == 1 and "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].startswith("refinery: the temporary Prefect server stopped")
    assert all_gone(children)


def test_a_run_whose_own_prefect_server_dies_ends_within_seconds(corpus, tmp_path):
    """PREFECT_API_URL names the user's server, which dies mid-run: Prefect's clients would wait
    for it for ever (seen: 10 minutes of "EventsWorker ... Still processing items")."""
    with prefect_server(tmp_path) as (env, server):
        process = start(corpus, tmp_path / "out", env)
        reporting(process)  # its shards are running: they started before the flow
        children = psutil.Process(process.pid).children(recursive=True)
        os.killpg(server.pid, signal.SIGKILL)
        returncode, stderr = ended_within(process, 40)
    assert returncode == 1 and "Traceback" not in stderr, stderr
    assert "stopped answering; run the same command again" in stderr.strip().splitlines()[-1]
    assert all_gone(children)


def test_a_server_that_dies_while_starting_is_started_again(corpus, tmp_path):
    """Shards start before the temporary server answers; a server lost then (its port taken, or
    killed) is replaced, and the run ends as usual."""
    out = tmp_path / "out"
    process = start(corpus, out)
    deadline = time.monotonic() + 60
    while not (server := _server_of(process)):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    server.kill()
    assert process.wait(timeout=240) == 0, process.stderr.read()
    assert json.loads((out / "manifest.json").read_text())["counts"]["documents_read"] == 400


def _server_of(process: subprocess.Popen) -> psutil.Process | None:
    for child in psutil.Process(process.pid).children(recursive=True):
        try:
            if "prefect.server" in " ".join(child.cmdline()):
                return child
        except psutil.NoSuchProcess:
            continue
    return None


def test_workers_do_not_outlive_a_run_killed_while_they_start(corpus, tmp_path):
    """SIGKILL of the run's process as soon as its first worker exists: workers still importing
    were orphaned before they could watch their parent, and lived on."""
    process = start(corpus, tmp_path / "out")
    deadline = time.monotonic() + 60
    while not (workers := _workers_of(process)):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    descendants = psutil.Process(process.pid).children(recursive=True)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert workers and all_gone(descendants, seconds=30)


def _workers_of(process: subprocess.Popen) -> list[psutil.Process]:
    found = []
    for child in psutil.Process(process.pid).children(recursive=True):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            continue
    return found
