"""The real command line, run from tests as a user runs it: a subprocess with its exit code."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


SHARED_API = "REFINERY_TEST_PREFECT_API_URL"  # the session's server (conftest.py's prefect_server)


def cli_env(own_server: bool = False) -> dict[str, str]:
    """The environment of a CLI run. Where the session's Prefect server runs (system tests), runs
    use it, as a user's runs do with PREFECT_API_URL set: a temporary server costs each run 7-8 s.
    `own_server`, or without a session server: no PREFECT_API_URL, so the run starts its own
    temporary server, as a first run does (the tests of that path ask for it)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", SHARED_API)}
    if os.environ.get(SHARED_API) and not own_server:
        env["PREFECT_API_URL"] = os.environ[SHARED_API]
    return env


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "refinery.flows.command.cli", *args]


def run_cli(
    *args: str, cwd: Path = ROOT, timeout: int = 300, own_server: bool = False
) -> subprocess.CompletedProcess:
    return subprocess.run(
        cli_command(*args), cwd=cwd, env=cli_env(own_server), capture_output=True, text=True, timeout=timeout
    )


def assert_one_line_error(result: subprocess.CompletedProcess, message: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert message in result.stderr, result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(urllib.error.URLError, OSError),
            urllib.request.urlopen(url, timeout=2) as reply,
        ):
            if reply.status == 200:
                return True
        time.sleep(0.5)
    return False


@contextlib.contextmanager
def started(
    command: list[str], env: dict[str, str], log: Path, ignoring_sigint: bool = False
) -> Iterator[subprocess.Popen]:
    """A process in its own session, stopped with SIGINT (then SIGKILL) with all its children;
    `ignoring_sigint`: started as a shell script's background job (`cmd &`) is, SIGINT ignored."""
    ignore = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if ignoring_sigint else None
    with open(log, "wb") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=ignore,
        )
        try:
            yield process
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@contextlib.contextmanager
def prefect_server(folder: Path) -> Iterator[tuple[dict[str, str], subprocess.Popen]]:
    """A Prefect server of its own, as a user runs one: free port, own PREFECT_HOME, its log in
    `folder`; the environment that talks to it, and its process (the leader of its group)."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(folder / "prefect-home"),
        PREFECT_API_URL=f"http://127.0.0.1:{port}/api",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",
        DO_NOT_TRACK="1",
    )
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    with started(command, env, folder / "server.log") as process:
        healthy = wait_for(f"http://127.0.0.1:{port}/api/health", 90)
        assert healthy and process.poll() is None, (folder / "server.log").read_text()[-3000:]
        yield env, process
