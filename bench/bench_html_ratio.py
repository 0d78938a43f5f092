"""refinery's per-document pipeline against plain trafilatura, page by page in one process: the ratio
issue 35 sets its goal in (0.57× trafilatura's speed at 0.6.0; the goal is 1.1×), which does not
depend on how fast the machine is.

Every HTML page under ../shared/pages/ goes through `trafilatura.extract(page_bytes)` and then
`process_record` (default configuration), alternating page by page so both see the same machine.
Per round: the seconds each took over all pages; printed: the median of the rounds, and
trafilatura's time over refinery's (above 1: refinery is faster). Also timed, in the same loop: the
trafilatura call inside refinery's ensemble (`fast`, no metadata search, on the decoded page), the
part of refinery's time that is trafilatura's whatever else gets faster.

Usage:  .venv/bin/python bench/bench_html_ratio.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "pages"
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from refinery.transforms.config import Config  # noqa: E402
from refinery.transforms.decode import decode_bytes  # noqa: E402
from refinery.transforms.document import RawRecord  # noqa: E402
from refinery.transforms.extract import _trafilatura  # noqa: E402
from refinery.transforms.pipeline import RecordError, load_resources, process_record  # noqa: E402
from refinery.transforms.threads import parse_page  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not PAGES.is_dir():
        print(f"bench_html_ratio.py: {PAGES} is missing", file=sys.stderr)
        return 2
    pages = [(path.name, path.read_bytes()) for path in sorted(PAGES.rglob("*.html"))]
    texts = [decode_bytes(data).text for _, data in pages]  # as the ensemble gets them
    config = Config()
    load_resources(config)
    totals: dict[str, list[float]] = {"trafilatura": [], "refinery": [], "refinery's trafilatura call": []}
    for _ in range(args.rounds):
        spent = dict.fromkeys(totals, 0.0)
        for (name, data), html in zip(pages, texts, strict=True):
            start = time.perf_counter()
            trafilatura.extract(data)
            middle = time.perf_counter()
            with contextlib.suppress(RecordError):  # an unreadable page costs what it cost
                process_record(RawRecord(name, name, None, "html", data), config)
            spent["trafilatura"] += middle - start
            spent["refinery"] += time.perf_counter() - middle
            root = parse_page(html)  # the tree the ensemble hands it, outside the clock
            start = time.perf_counter()
            _trafilatura(html, config.extract, None, "article", fast=True, root=root)
            spent["refinery's trafilatura call"] += time.perf_counter() - start
        for key, seconds in spent.items():
            totals[key].append(seconds)
    medians = {key: statistics.median(values) for key, values in totals.items()}
    for key, seconds in medians.items():
        print(f"{key}: {seconds / len(pages) * 1000:.1f} ms per page (median of {args.rounds} rounds)")
    print(
        f"{len(pages)} pages; refinery's speed as a share of trafilatura's: "
        f"{medians['trafilatura'] / medians['refinery']:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
