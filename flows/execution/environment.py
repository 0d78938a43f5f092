"""Prefect runs offline and quietly: these defaults apply before prefect is imported.

A variable the user already set always wins.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import MutableMapping
from functools import cache
from pathlib import Path
from typing import IO

from ..errors import UserError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def prefect_home() -> Path:
    """Inside the project when running from a checkout, else in the current directory."""
    if (PROJECT_ROOT / "pyproject.toml").exists():
        return PROJECT_ROOT / ".prefect"
    return Path.cwd() / ".prefect"


def prefect_defaults() -> dict[str, str]:
    return {
        "PREFECT_HOME": str(prefect_home()),
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
        "PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT": "false",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_LOGGING_LOG_PRINTS": "false",
        # Per-task "Finished in state Completed()" lines are noise at shard granularity.
        "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "WARNING",
        "PREFECT_LOGGING_LOGGERS_PREFECT_SERVER_API_SERVER_LEVEL": "WARNING",
    }


def apply_prefect_defaults(environ: MutableMapping[str, str] = os.environ) -> None:
    for key, value in prefect_defaults().items():
        environ.setdefault(key, value)


class PrefectAPI:
    """The Prefect API a run reports to: PREFECT_API_URL when set (a real server), else one
    temporary local server for the whole run, so worker processes report to it instead of each
    starting their own.

    The temporary server's process starts as soon as this object exists, so it boots while the
    caller imports prefect and the pipeline (together ~5 s); `ready()` then waits for it. Its
    command is Prefect's own (SubprocessASGIServer's), started here because importing that class
    imports the whole server application into this process (~2 s).
    """

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""  # the API's, once ready()
        self.log: IO[bytes] | None = None
        self.stopping = False
        self.stack = contextlib.ExitStack()
        if not os.environ.get("PREFECT_API_URL"):
            self._start()

    def _start(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        command = [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app"]
        command += [
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "error",
            "--lifespan",
            "on",
        ]
        server = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
        # Its output goes to a file of its own, shown only when it fails: what it prints on
        # Ctrl-C (it gets the signal too) or while shutting down would follow the run's last line.
        if self.log is not None:  # the output of one that lost its port
            self.log.close()
        self.log = tempfile.TemporaryFile()  # noqa: SIM115  (closed in stop())
        self.process = subprocess.Popen(
            command,
            env={**os.environ, **server},
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
        )

    def last_words(self) -> str:
        """The last line the temporary server printed, for a message saying why it stopped."""
        if self.log is None:
            return ""
        self.log.seek(0, os.SEEK_END)
        self.log.seek(max(0, self.log.tell() - 4096))
        lines = self.log.read().decode("utf-8", "replace").strip().splitlines()
        return f": {lines[-1].strip()}" if lines else ""

    def ready(self, timeout: float = 60) -> str:
        """The API URL, once the API answers; from here on this process and its workers use it."""
        from prefect.context import refresh_global_settings_context
        from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

        configured = PREFECT_API_URL.value()
        if configured:  # from the environment or a Prefect profile: the temporary server is not needed
            self._stop_server()  # the run goes on, watching the configured server instead
            check_prefect_api(configured)
            self.url = configured
            threading.Thread(target=self._watch_external, daemon=True, name="api-watch").start()
            return configured
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while not _healthy(url := f"http://127.0.0.1:{self.port}/api"):
            if self.process.poll() is not None:  # it lost its port, or died starting: start another
                self._start()
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"the temporary Prefect server did not start within {timeout:g}s{self.last_words()}"
                )
            time.sleep(0.1)
        # The temporary server has no UI and ends with the run: no "View at" link that leads nowhere.
        self.stack.enter_context(temporary_settings(updates={PREFECT_API_URL: url, PREFECT_UI_URL: ""}))
        os.environ["PREFECT_API_URL"] = self.url = url  # worker processes start with this environment
        # Threads that do not inherit this context (the task runner's, the log and event shippers')
        # read Prefect's global settings, made at import time without the URL: without this refresh
        # they each start another temporary server (~220 MB, seen during long runs).
        refresh_global_settings_context()
        self.stack.callback(refresh_global_settings_context)  # after the URL is gone again (stop)
        threading.Thread(target=self._watch, args=(self.process,), daemon=True, name="server-watch").start()
        return url

    def _watch(self, process: subprocess.Popen[bytes]) -> None:
        """A run whose server is gone cannot report, and Prefect would retry its events for ever."""
        code = process.wait()
        if not self.stopping:
            abort_run(
                f"the temporary Prefect server stopped (exit {code}){self.last_words()}; "
                "run the same command again to resume",
                1,
            )

    def _watch_external(self) -> None:
        """Prefect waits for a server that went away for ever (its clients retry, its event and log
        shippers keep their queues): a run whose server has not answered for a while ends."""
        answered = time.monotonic()
        while not self.stopping:
            if _healthy(self.url, timeout=3):
                answered = time.monotonic()
            elif time.monotonic() - answered > _EXTERNAL_SILENCE_SECONDS and not self.stopping:
                self.end_run_without_server()
            time.sleep(1)

    def end_run_without_server(self) -> None:
        """When a call to the API failed and the API no longer answers: one line, exit 1, instead
        of Prefect's traceback. Returns when the API still answers (the failure was another)."""
        if not self.url or _healthy(self.url, timeout=3):
            return
        abort_run(
            f"the Prefect server at {self.url} stopped answering; run the same command again: it "
            "resumes from the finished shards, or says the dataset is up to date",
            1,
        )

    def stop(self) -> None:
        """The run is ending: the watchers stand down and the temporary server, if any, stops."""
        self.stopping = True
        self._stop_server()

    def _stop_server(self) -> None:
        if self.process is None:
            return
        if "prefect.logging.handlers" in sys.modules:
            from prefect.logging.handlers import APILogHandler

            APILogHandler().flush()  # ship the run's logs before the server goes away
        os.environ.pop("PREFECT_API_URL", None)
        self.stack.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
        if self.log is not None:
            self.log.close()
            self.log = None

    def __enter__(self) -> PrefectAPI:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


_EXTERNAL_SILENCE_SECONDS = 15


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM when the run's process dies, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def abort_run(message: str, code: int) -> None:
    """End the run now, from any thread: one line, the worker processes stopped, exit `code`.

    Everything a run writes is atomic and a run resumes from its staged shards, so stopping
    without unwinding loses nothing (the temporary server goes with this process: see
    _die_with_parent). Unwinding instead takes Prefect 90 s and a second Ctrl-C."""
    print(f"refinery: {message}", file=sys.stderr, flush=True)
    stop_workers()
    os._exit(code)


def stop_workers() -> None:
    """Terminate this process's worker processes: they ignore SIGINT (see become_worker), and a
    process pool shutting down would otherwise wait for the shards they are working on."""
    for child in multiprocessing.active_children():
        child.terminate()


def _stop(signum: int, frame: object) -> None:
    what = "interrupted" if signum == signal.SIGINT else "terminated"
    abort_run(f"{what}; finished shards are kept: run the same command again to resume", 128 + signum)


def stop_on_signals() -> None:
    """Ctrl-C (SIGINT) and SIGTERM end a run of the command line within seconds, exit 130 and 143."""
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)


def quiet_resource_tracker() -> None:
    """Before a run starts its workers: multiprocessing's resource tracker (a process of its own)
    cleans up the semaphores of workers stopped by a signal and would warn about each; it takes its
    warning filters from these options when it starts."""
    if "ignore:resource_tracker:UserWarning" not in sys.warnoptions:
        sys.warnoptions.append("ignore:resource_tracker:UserWarning")


def reclaim_sigterm() -> None:
    """Inside the flow: Prefect's engine replaces the SIGTERM handler with one that unwinds the
    run (20 s and more). When the command line owns the signals, take SIGTERM back; a deployment's
    run keeps Prefect's handler, which its runner's cancellation relies on."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is _stop:
        signal.signal(signal.SIGTERM, _stop)


@cache
def become_worker() -> None:
    """In a worker process (a no-op in the run's own process): Ctrl-C is the run's process's to
    handle (it stops the workers), and the worker exits when that process dies, even by SIGKILL."""
    started_by = multiprocessing.parent_process()
    if started_by is None:
        return
    if threading.current_thread() is threading.main_thread():  # a Dask worker runs tasks on threads
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The pid the parent had, not os.getppid() now: a parent killed while this worker was still
    # starting has already made it an orphan, and its new parent would be watched instead.
    parent = started_by.pid or os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def check_prefect_api(url: str | None = None, seconds: float = 5) -> None:
    """The configured Prefect API (PREFECT_API_URL) answers; nothing to check when none is set."""
    url = url or os.environ.get("PREFECT_API_URL")
    deadline = time.monotonic() + seconds
    while url and not _healthy(url):
        if time.monotonic() > deadline:
            raise UserError(
                f"the Prefect API at {url} (PREFECT_API_URL) does not answer: start that server, or "
                "unset PREFECT_API_URL to run with a temporary one"
            )
        time.sleep(0.2)


def check_dask_address(address: str) -> None:
    """A Dask scheduler address must answer before any work is sent to it."""
    host_port = address.split("://", 1)[-1].rsplit("/", 1)[0]
    host, _, port = host_port.rpartition(":")
    if not port.isdigit() or " " in host:
        raise UserError(f"--dask-address {address!r} is not a scheduler address: give tcp://HOST:PORT")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=3):
            return
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise UserError(f"no Dask scheduler answers at {address}: {reason}") from error


def _healthy(url: str, timeout: float = 1) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, ValueError):
        return False
