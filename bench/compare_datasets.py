"""Compare two refinery datasets row by row (by id): which rows moved between data/, rejected/ and
errors/, and which columns differ. For checking that a refactoring left a dataset unchanged apart
from the columns it changed on purpose.

Usage:  .venv/bin/python bench/compare_datasets.py OUT_A OUT_B [--ignore config_hash pipeline_version]
Exits 1 when any row differs in a column not ignored.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_determinism import dataset_rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--ignore", nargs="*", default=["config_hash", "pipeline_version"])
    args = parser.parse_args()
    first, second = dataset_rows(args.first), dataset_rows(args.second)
    moved, columns = Counter(), Counter()
    for key in sorted(first.keys() | second.keys()):
        (where_a, row_a), (where_b, row_b) = first.get(key, ("missing", {})), second.get(key, ("missing", {}))
        if where_a != where_b:
            moved[f"{where_a} → {where_b}"] += 1
        for name in row_a.keys() | row_b.keys():
            if name not in args.ignore and row_a.get(name) != row_b.get(name):
                columns[name] += 1
    print(f"{len(first):,} and {len(second):,} rows")
    print("moved: " + (", ".join(f"{k} {v}" for k, v in sorted(moved.items())) or "none"))
    print(
        "columns differing (rows): " + (", ".join(f"{k} {v}" for k, v in sorted(columns.items())) or "none")
    )
    return 1 if moved or columns else 0


if __name__ == "__main__":
    sys.exit(main())
