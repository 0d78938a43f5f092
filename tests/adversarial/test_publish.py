"""Publishing is atomic for the whole dataset: a reader that resolves OUT/.current once sees one
complete version (its manifest, card and every part), never a mix of two runs, while replace runs
follow one another."""

from __future__ import annotations

import json
import subprocess
import threading

import duckdb
import pyarrow.dataset as ds
import pytest

from tests.cli import ROOT, cli_command, cli_env

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them


def test_readers_see_whole_versions_while_runs_replace_the_dataset(corpus, tmp_path):
    out = tmp_path / "out"
    env = cli_env()
    command = cli_command("run", str(corpus), "--out", str(out), "--force", "--workers", "1")
    assert subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=300).returncode == 0
    seen, problems, done = set(), [], threading.Event()

    def read_in_a_loop() -> None:
        while not done.is_set():
            version = (out / ".current").resolve()  # pin one version, then read only from it
            try:
                manifest = json.loads((version / "manifest.json").read_text())
                rows = ds.dataset(version / "data", format="parquet").to_table(columns=["run_id"])
            except FileNotFoundError as error:  # a version removed under a reader
                problems.append(f"{version.name}: {error}")
                continue
            run_ids = set(rows["run_id"].to_pylist())
            # the glob the README gives, under the pinned version
            ((counted,),) = duckdb.sql(f"select count(*) from '{version}/data/*.parquet'").fetchall()
            if counted != rows.num_rows:
                problems.append(f"{version.name}: DuckDB read {counted} rows, pyarrow {rows.num_rows}")
            if rows.num_rows != manifest["counts"]["kept"] or run_ids != {manifest["run_id"]}:
                problems.append(
                    f"{version.name}: {rows.num_rows} rows of {run_ids}, manifest {manifest['run_id']}"
                )
            seen.add(version.name)

    reader = threading.Thread(target=read_in_a_loop)
    reader.start()
    try:
        for _ in range(2):
            result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
            assert result.returncode == 0, result.stderr
    finally:
        done.set()
        reader.join()
    assert problems == []
    assert len(seen) >= 2  # the reader did read across a flip
    assert len(list((out / ".versions").iterdir())) == 2  # the published version and the one before
