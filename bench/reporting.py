"""What the evaluation and benchmark scripts share: writing a report, and timing the per-document
pipeline on the seeds under several configurations in interleaved rounds."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

from refinery.transforms.config import Config
from refinery.transforms.document import RawRecord
from refinery.transforms.pipeline import load_resources, process_record

ROOT = Path(__file__).resolve().parent.parent


def write_json(report: Any, path: Path | None) -> None:
    """The report as indented JSON at `path` (its folder made), when a path is given."""
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


def seed_ms(configs: dict[str, Config], rounds: int) -> dict[str, float]:
    """Median milliseconds per seed document of process_record under each configuration: tables
    loaded and every configuration run once first, then `rounds` rounds taking them in turn, so all
    see the same machine."""
    seeds = sorted((ROOT / "seeds").iterdir())
    records = [RawRecord(path.name, path.name, None, "text", path.read_bytes()) for path in seeds]
    for config in configs.values():
        load_resources(config)
        for record in records:
            process_record(record, config)
    times: dict[str, list[float]] = {name: [] for name in configs}
    for _ in range(rounds):
        for name, config in configs.items():
            start = time.perf_counter()
            for record in records:
                process_record(record, config)
            times[name].append((time.perf_counter() - start) / len(records) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def on_off(on: Config, rounds: int) -> dict[str, float]:
    """seed_ms with nothing switched on against `on`, and their ratio."""
    ms = seed_ms({"off": Config(), "on": on}, rounds)
    return {
        "ms per seed document, off": round(ms["off"], 3),
        "on": round(ms["on"], 3),
        "ratio": round(ms["on"] / ms["off"], 3),
    }
