"""A run that succeeded ends without a traceback whatever its standard streams are."""

from __future__ import annotations

import subprocess

import pytest

from tests.cli import ROOT, cli_command, cli_env

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them


def test_a_closed_stdout_and_a_terminal_that_cannot_show_the_output_path(corpus, tmp_path):
    """`refinery run ... >&-` (Python starts with sys.stdout None) with PYTHONIOENCODING=ascii and a
    Chinese --out: one run for both, the suite's time being short."""
    out = tmp_path / "数据集"
    shell = ["sh", "-c", 'exec "$@" >&-', "sh", *cli_command("run", str(corpus), "--out", str(out))]
    env = {**cli_env(), "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(shell, cwd=ROOT, env=env, capture_output=True, timeout=300)
    stderr = result.stderr.decode("ascii")  # nothing but ASCII was written
    assert result.returncode == 0 and "Traceback" not in stderr, stderr
    assert "\\u6570\\u636e\\u96c6" in stderr  # the path, escaped, in the run's first line
    assert (out / "manifest.json").exists()
