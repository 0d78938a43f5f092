"""Production shape: a real Prefect server on 127.0.0.1, `refinery serve`, and two runs triggered
with `prefect deployment run` over a folder that grows between them. Everything started is stopped."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pyarrow.dataset as ds
import pytest

from tests.cli import ROOT, cli_env, started, wait_for

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them


@pytest.fixture
def server() -> dict[str, str]:
    """The session's Prefect server (conftest.py: a real server process on 127.0.0.1, as `prefect
    server start` runs), which every system test talks to: each deployment here has a name of its
    own, and what the tests ask of the server is filtered by it. Starting one more takes 15-19 s."""
    env = cli_env()
    assert env.get("PREFECT_API_URL"), "the session's Prefect server is not running"
    return env


def trigger(deployment: str, env: dict[str, str]) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "prefect",
            "deployment",
            "run",
            deployment,
            "--watch",
            "--watch-timeout",
            "240",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and "Completed" in result.stdout, result.stdout + result.stderr


def test_served_deployment_grows_the_dataset_run_by_run(server, seeds_dir, tmp_path):
    folder, out = tmp_path / "incoming", tmp_path / "dataset"
    folder.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    for seed in seeds[:2]:
        shutil.copy(seed, folder / seed.name)
    serve = [sys.executable, "-m", "refinery.flows.command.cli", "serve", str(folder), "--out", str(out)]
    serve += ["--name", "growing", "--workers", "1", "--interval", "86400"]
    with started(serve, server, tmp_path / "serve.log") as serving:
        api = server["PREFECT_API_URL"]
        registered = wait_for(f"{api}/deployments/name/refinery/growing", 120)
        assert registered and serving.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]

        trigger("refinery/growing", server)
        first = json.loads((out / "manifest.json").read_text())
        assert first["counts"]["kept"] == 2 and len(first["runs"]) == 1

        for seed in seeds[2:]:
            shutil.copy(seed, folder / seed.name)
        shutil.copy(seeds[0], folder / "copy_of_000.txt")
        trigger("refinery/growing", server)

    second = json.loads((out / "manifest.json").read_text())
    assert [run["mode"] for run in second["runs"]] == ["append", "append"]
    assert second["runs"][-1]["counts"]["documents_read"] == 4  # only the new files
    assert second["counts"]["kept"] == 5 and second["counts"]["rejected_by_reason"] == {"exact_duplicate": 1}
    assert second["counts"]["invariant_holds"]
    assert {run["run_id"] for run in second["runs"]} == set(
        ds.dataset(out / "data").to_table()["run_id"].to_pylist()
    )
    assert "Run 1 (append)" in (out / "README.md").read_text()  # the last run's report
    growing = {"deployments": {"name": {"any_": ["growing"]}}}
    reports = api_post(
        server, "/artifacts/filter", {**growing, "artifacts": {"key": {"any_": ["refinery-run-report"]}}}
    )
    assert len(reports) == 2 and all("| stage | documents in |" in report["data"] for report in reports)


def api_post(env: dict[str, str], path: str, body: dict) -> list[dict]:
    request = urllib.request.Request(
        env["PREFECT_API_URL"] + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_prefect_yaml_deployments_load_and_their_parameters_validate():
    """`prefect deploy --all` would register these: entry points import, parameters fit the flow."""
    import yaml
    from prefect.flows import load_flow_from_entrypoint

    project = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    assert {d["name"] for d in project["deployments"]} == {"seeds", "incoming-hourly"}
    for deployment in project["deployments"]:
        flow = load_flow_from_entrypoint(deployment["entrypoint"])  # a module path: the installed package
        assert flow.name == "refinery"
        parameters = flow.validate_parameters(deployment["parameters"])
        assert parameters["inputs"] and parameters["out"].startswith("output/")
    hourly = next(d for d in project["deployments"] if d["name"] == "incoming-hourly")
    assert flow.validate_parameters(hourly["parameters"])["config"].run.mode == "append"


def test_sigterm_stops_serving_and_the_run_in_progress_within_seconds(server, write_corpus, tmp_path):
    """What `systemctl stop` or `docker stop` does: SIGTERM to the serving process alone. Started
    with SIGINT ignored, as `refinery serve ... &` in a script is: SIGTERM, which serving turns into
    SIGINT, must stop it all the same (it did nothing in 0.6.0)."""
    import psutil

    folder = write_corpus(tmp_path / "corpus", 2000, lines=6, seed=2)
    out = tmp_path / "dataset"
    serve = [sys.executable, "-m", "refinery.flows.command.cli", "serve", str(folder), "--out", str(out)]
    (tmp_path / "config.toml").write_text("[run]\nshard_docs = 100\nworkers = 2\n")
    serve += ["--name", "stopping", "--config", str(tmp_path / "config.toml"), "--interval", "86400"]
    log = tmp_path / "serve.log"
    with started(serve, server, log, ignoring_sigint=True) as serving:
        registered = wait_for(f"{server['PREFECT_API_URL']}/deployments/name/refinery/stopping", 120)
        assert registered, log.read_text()[-3000:]
        subprocess.run(
            [sys.executable, "-m", "prefect", "deployment", "run", "refinery/stopping"],
            cwd=ROOT,
            env=server,
            check=True,
            capture_output=True,
            timeout=120,
        )
        deadline = time.monotonic() + 180
        while not list((out / ".staging").glob("shard-*.parquet")) and time.monotonic() < deadline:
            time.sleep(0.2)
        running = psutil.Process(serving.pid).children(recursive=True)
        assert len(running) >= 3, log.read_text()[-3000:]  # the run and its two workers at least

        serving.send_signal(signal.SIGTERM)
        # 2.0 s to exit and 3.9 s until every process is gone, measured with two busy loops beside
        # it; the bound leaves room for a loaded machine, far below the run's remaining ~30 s.
        assert serving.wait(timeout=15) == 0
        _, alive = psutil.wait_procs(running, timeout=15)
        assert not alive, alive

    text = log.read_text()
    assert "Traceback" not in text, text[-3000:]
    assert text.strip().splitlines()[-1] == "refinery: stopped serving refinery/stopping"
    runs = api_post(server, "/flow_runs/filter", {"deployments": {"name": {"any_": ["stopping"]}}})
    started_runs = [run["state"]["type"] for run in runs if run["state"]["type"] != "SCHEDULED"]
    assert started_runs == ["CRASHED"]  # the server knows the run did not finish
