"""What the dedup columns cost per document (exact key, paragraph keys, MinHash signature, band
keys), on one core, for this checkout or another one: the before/after figure of a dedup change.

The documents are bench_pipeline's Chinese text corpus (the seeds' lines, watermarks, Traditional
and edited copies), run through the per-document pipeline first; only the dedup columns are timed.
Prints each round's ms per document and the median.

Usage:  .venv/bin/python bench/bench_dedup_cost.py [--code DIR] [--docs 2000] [--rounds 5]
        e.g. before a change:  git worktree add /tmp/before HEAD~3 &&
             .venv/bin/python bench/bench_dedup_cost.py --code /tmp/before
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def dedup_cost_function(config: object, package: str) -> Callable[[str], object]:
    """The code under test's dedup columns for one kept document (`package`: "refinery." from 0.5.0
    on, "" before, when flows/ and transforms/ were top-level packages)."""
    try:
        dedup_columns = importlib.import_module(f"{package}transforms.dedup_keys").dedup_columns
    except ImportError:  # refinery 0.3.0: exact key in the pipeline, the rest in the shard
        shard_columns = importlib.import_module(f"{package}flows.shard").dedup_columns
        line_keys = importlib.import_module(f"{package}transforms.boilerplate").line_keys
        dedup_key = importlib.import_module(f"{package}transforms.hashing").dedup_key

        def old(text: str) -> object:
            return dedup_key(text), line_keys(text), shard_columns(text, config.dedup)

        return old
    return lambda text: dedup_columns(text, config.dedup)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--code", type=Path, default=ROOT, help="a refinery checkout to time")
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    code = args.code.resolve()
    if (code / "refinery").is_dir() and code != ROOT:
        parser.error("a checkout of 0.5.0 or later is the installed package `refinery`: run its own bench")
    sys.path.insert(0, str(code))
    sys.path.insert(1, str(code / "bench"))  # its bench_pipeline puts its own root first
    from bench_pipeline import build_corpus

    package = "refinery." if (code / "refinery").is_dir() else ""
    Config = importlib.import_module(f"{package}transforms.config").Config
    RawRecord = importlib.import_module(f"{package}transforms.document").RawRecord
    pipeline = importlib.import_module(f"{package}transforms.pipeline")
    load_resources, process_record = pipeline.load_resources, pipeline.process_record

    config = Config()
    load_resources(config)
    with tempfile.TemporaryDirectory() as tmp:
        build_corpus(args.docs, Path(tmp), kind="text")
        raw = [json.loads(line)["text"] for path in sorted(Path(tmp).iterdir()) for line in path.open()]
    texts = [
        process_record(RawRecord(str(i), "b", None, "text", t.encode()), config).text
        for i, t in enumerate(raw)
    ]
    columns = dedup_cost_function(config, package)
    columns(texts[0])  # tables load outside the timing
    rounds = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        for text in texts:
            columns(text)
        rounds.append(1e3 * (time.perf_counter() - started) / len(texts))
    chars = sum(map(len, texts)) / len(texts)
    print(f"{args.code}: {len(texts)} documents of {chars:,.0f} characters on average")
    print(
        f"dedup columns, ms per document: {' '.join(f'{r:.3f}' for r in rounds)}; median {statistics.median(rounds):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
