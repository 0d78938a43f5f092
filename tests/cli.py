"""The real command line, run from tests as a user runs it: a subprocess with its exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cli_env() -> dict[str, str]:
    """The environment without PREFECT_API_URL: each run starts its own temporary server."""
    return {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "refinery.flows.command.cli", *args]


def run_cli(*args: str, cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        cli_command(*args), cwd=cwd, env=cli_env(), capture_output=True, text=True, timeout=timeout
    )


def assert_one_line_error(result: subprocess.CompletedProcess, message: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert message in result.stderr, result.stderr
