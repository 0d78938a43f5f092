"""Crash and hang isolation with real child processes."""

import os
import signal
import time

import pytest

from refinery.flows.shards.isolation import IsolatedProcessor, RecordFailure
from refinery.transforms.config import Config
from refinery.transforms.document import RawRecord
from refinery.transforms.pipeline import RecordError, process_record

CONFIG = Config()


def record(text: str) -> RawRecord:
    return RawRecord(id=text, source_uri="test", source_record=None, content_type="html", data=text.encode())


def misbehaving(rec: RawRecord, config: Config):
    """Stands in for native code gone wrong: segfaults, hangs or raises on command."""
    command = rec.data.decode()
    if command == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if command == "hang":
        time.sleep(60)
    if command == "raise":
        raise ValueError("broken page")
    return process_record(
        RawRecord(rec.id, rec.source_uri, None, "text", "正常的文字，有标点。".encode()), config
    )


def test_a_crash_costs_one_record_and_the_next_one_is_processed():
    with IsolatedProcessor(CONFIG, misbehaving) as isolated:
        with pytest.raises(RecordFailure, match="crashed"):
            isolated.process(record("segfault"), timeout=10)
        assert isolated.process(record("fine"), timeout=10).text == "正常的文字，有标点。"


def test_a_hang_is_cut_off_at_the_time_limit():
    with IsolatedProcessor(CONFIG, misbehaving) as isolated:
        started = time.perf_counter()
        with pytest.raises(RecordFailure, match=r"longer than 0\.5s"):
            isolated.process(record("hang"), timeout=0.5)
        assert time.perf_counter() - started < 5
        assert isolated.process(record("fine"), timeout=10).lang == "zh"


def test_exceptions_and_unreadable_records_are_reported():
    with (
        IsolatedProcessor(CONFIG, misbehaving) as isolated,
        pytest.raises(RecordFailure, match="ValueError: broken page"),
    ):
        isolated.process(record("raise"), timeout=10)
    with IsolatedProcessor(CONFIG) as isolated, pytest.raises(RecordError, match="binary"):
        isolated.process(RawRecord("b", "t", None, "html", b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 64), 10)


def busy(rec: RawRecord, config: Config):
    """Spends a known amount of CPU in the child before returning a document."""
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass
    return misbehaving(rec, config)


def test_the_childs_cpu_time_on_records_is_counted_for_the_run_report():
    with IsolatedProcessor(CONFIG, busy) as isolated:
        assert isolated.cpu_seconds == 0.0
        parent_started = time.process_time()
        isolated.process(record("fine"), timeout=10)
        isolated.process(record("fine"), timeout=10)
        assert 0.6 <= isolated.cpu_seconds < 1.5
        assert time.process_time() - parent_started < 0.3  # the parent only waited
