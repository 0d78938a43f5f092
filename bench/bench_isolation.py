"""What processing HTML in an isolated child process costs, against processing it in-process.

Usage:  .venv/bin/python bench/bench_isolation.py [--repeats 3]   (uses ../shared/pages when present)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refinery.flows.shards.isolation import IsolatedProcessor  # noqa: E402
from refinery.transforms.config import Config  # noqa: E402
from refinery.transforms.document import RawRecord  # noqa: E402
from refinery.transforms.pipeline import load_resources, process_record  # noqa: E402


def pages() -> list[RawRecord]:
    files = sorted((ROOT.parent / "shared" / "pages" / "gne-zh-news").glob("*.html"))
    files += sorted((ROOT / "bench" / "data" / "html_synth").glob("*.html"))
    return [RawRecord(str(i), f.name, None, "html", f.read_bytes()) for i, f in enumerate(files)]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    config, records = Config(), pages()
    load_resources(config)
    megabytes = sum(len(r.data) for r in records) / 1e6
    timings: dict[str, list[float]] = {"in-process": [], "isolated": []}
    with IsolatedProcessor(config) as isolated:
        isolated.process(records[0], 60)  # start the child outside the timing
        for _ in range(args.repeats):
            started = time.perf_counter()
            for record in records:
                process_record(record, config)
            timings["in-process"].append(time.perf_counter() - started)
            started = time.perf_counter()
            for record in records:
                isolated.process(record, 60)
            timings["isolated"].append(time.perf_counter() - started)
    print(f"{len(records)} pages, {megabytes:.1f} MB, median of {args.repeats}:")
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"  {name:10s} {median:6.2f} s  {len(records) / median:6.1f} pages/s")
    ratio = statistics.median(timings["isolated"]) / statistics.median(timings["in-process"])
    print(f"  isolation costs {100 * (ratio - 1):+.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
