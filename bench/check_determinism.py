"""Run `refinery run` twice on the same generated corpus and compare the datasets row by row.

Each run's worker processes get their own string-hash seeds, so anything that lets a set's order
reach the output shows up here as rows that differ. `run_id` and `processed_at` differ by design and
are not compared. Exits 1 when any row differs.

Usage:  .venv/bin/python bench/check_determinism.py [--docs 20000] [--kind mixed|text|html] [--workers 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import KINDS, build_corpus  # noqa: E402

PER_RUN = ("run_id", "processed_at")


def dataset_rows(out: Path) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every row of data/, rejected/ and errors/ by id, with the directory it is in."""
    rows = {}
    for directory in ("data", "rejected", "errors"):
        for path in sorted((out / directory).glob("*.parquet")):
            for row in pq.read_table(path).to_pylist():
                rows[row["id"]] = (directory, {k: v for k, v in row.items() if k not in PER_RUN})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--kind", choices=sorted(KINDS), default="mixed")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        build_corpus(args.docs, corpus, kind=args.kind)
        runs = []
        for attempt in range(2):
            out = Path(tmp) / f"out-{attempt}"
            command = ["run", str(corpus), "--out", str(out), "--workers", str(args.workers)]
            subprocess.run(
                [sys.executable, "-m", "refinery.flows.command.cli", *command],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            runs.append(dataset_rows(out))
    first, second = runs
    differing = sorted(key for key in first.keys() | second.keys() if first.get(key) != second.get(key))
    print(f"{len(first):,} and {len(second):,} rows; {len(differing):,} differ")
    for key in differing[:10]:
        (where_a, row_a), (where_b, row_b) = first.get(key, ("missing", {})), second.get(key, ("missing", {}))
        columns = sorted(name for name in row_a.keys() | row_b.keys() if row_a.get(name) != row_b.get(name))
        print(f"  {key}: {where_a} / {where_b}; columns {', '.join(columns)}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
