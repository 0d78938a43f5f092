"""Run risky records in a child process, so a crash or a hang costs one record, not the shard.

HTML extraction goes through lxml and trafilatura: native code that can segfault on a malformed
page, and Python that can run for minutes on a pathological one. The shard sends each such record to
a long-lived child process; when the child dies or overruns its time limit it is killed, the record
becomes an error row, and a fresh child takes the next record. The time limit is enforced from the
parent, so it works on any thread (a Dask worker's too), unlike a signal.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from ...transforms.config import Config
from ...transforms.document import Document, RawRecord
from ...transforms.pipeline import RecordError, load_resources, process_record

Processor = Callable[[RawRecord, Config], Document]
_STARTUP_SECONDS = 60


class RecordFailure(Exception):
    """A record killed or stalled its worker; the message says which."""


def _serve(connection: Connection, config: Config, processor: Processor) -> None:
    load_resources(config)
    connection.send(("ready", None))
    while True:
        try:
            record = connection.recv()
        except EOFError:
            return
        started = time.process_time()
        try:
            document = processor(record, config)
            connection.send(("ok", (document, time.process_time() - started)))
        except RecordError as error:
            connection.send(("record_error", str(error)))
        except Exception as error:  # reported as the record's error row by the parent
            connection.send(("error", f"{type(error).__name__}: {error}"))


class IsolatedProcessor:
    """`process(record)` like transforms.pipeline.process_record, but in a replaceable child."""

    def __init__(self, config: Config, processor: Processor = process_record) -> None:
        self._config = config
        self._processor = processor
        self._context = multiprocessing.get_context("spawn")
        self._child: Any = None
        self._connection: Connection | None = None
        self.cpu_seconds = 0.0  # the child's CPU time on records it returned: the run report counts it

    def __enter__(self) -> IsolatedProcessor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _start(self) -> Connection:
        parent_end, child_end = self._context.Pipe()
        self._child = self._context.Process(
            target=_serve, args=(child_end, self._config, self._processor), daemon=True
        )
        self._child.start()
        child_end.close()
        self._connection = parent_end
        # Wait for the child to load its tables, so a record's time limit measures the record alone.
        try:
            ready = parent_end.poll(_STARTUP_SECONDS) and parent_end.recv()[0] == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            code = self._kill()
            raise RuntimeError(f"the isolated worker process did not start (exit code {code})")
        return parent_end

    def _kill(self) -> int | None:
        code = None
        if self._child is not None:
            self._child.kill()
            self._child.join(5)
            code = self._child.exitcode
        if self._connection is not None:
            self._connection.close()
        self._child, self._connection = None, None
        return code

    def process(self, record: RawRecord, timeout: float) -> Document:
        """Raises RecordError (unreadable record) or RecordFailure (crash, time-out, exception)."""
        connection = self._connection or self._start()
        connection.send(record)
        if not connection.poll(timeout):
            self._kill()
            raise RecordFailure(f"processing took longer than {timeout:g}s (extract.timeout_seconds)")
        try:
            kind, payload = connection.recv()
        except (EOFError, OSError):
            code = self._kill()
            raise RecordFailure(f"worker process crashed on this record (exit code {code})") from None
        if kind == "ok":
            document, cpu_seconds = payload
            self.cpu_seconds += cpu_seconds
            return document
        if kind == "record_error":
            raise RecordError(payload)
        raise RecordFailure(payload)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
        if self._child is not None:
            self._child.join(5)
            if self._child.is_alive():
                self._child.kill()
        self._child, self._connection = None, None
