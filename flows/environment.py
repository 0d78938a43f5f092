"""Prefect runs offline and quietly: these defaults apply before prefect is imported.

A variable the user already set always wins.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, MutableMapping
from pathlib import Path

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


@contextlib.contextmanager
def prefect_api() -> Iterator[str]:
    """The Prefect API this run reports to.

    With PREFECT_API_URL set (a real server), that one. Otherwise one temporary local server for the
    whole run, made explicit so worker processes report to it instead of each starting their own.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    configured = PREFECT_API_URL.value()
    if configured:
        yield configured
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            try:
                yield server.api_url
            finally:
                from prefect.logging.handlers import APILogHandler

                APILogHandler().flush()  # ship the run's logs before the server goes away
    finally:
        server.stop()
