"""A run that succeeded ends without a traceback whatever its standard streams are."""

from __future__ import annotations

import subprocess

import pytest

from tests.cli import ROOT, cli_command, cli_env

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them


def test_a_closed_stdout(corpus, tmp_path):
    """`refinery run ... >&-`: Python starts with sys.stdout None."""
    command = [
        "sh",
        "-c",
        'exec "$@" >&-',
        "sh",
        *cli_command("run", str(corpus), "--out", str(tmp_path / "o")),
    ]
    result = subprocess.run(command, cwd=ROOT, env=cli_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert (tmp_path / "o" / "manifest.json").exists()


def test_a_terminal_that_cannot_show_the_output_path(corpus, tmp_path):
    out = tmp_path / "数据集"
    result = subprocess.run(
        cli_command("run", str(corpus), "--out", str(out)),
        cwd=ROOT,
        env={**cli_env(), "PYTHONIOENCODING": "ascii"},
        capture_output=True,
        timeout=300,
    )
    stderr = result.stderr.decode("ascii")  # nothing but ASCII was written
    assert result.returncode == 0 and "Traceback" not in stderr, stderr
    assert "\\u6570\\u636e\\u96c6" in result.stdout.decode("ascii")
