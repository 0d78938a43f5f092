"""How much the line cleaner adds to the per-document run time on a plain-text corpus.

Builds a corpus from the seeds' styles (their lines shuffled into new documents, with watermark
tokens and share/copyright tails), then times the whole per-document pipeline with the cleaner on
and off. Prints medians of several repeats and the ratio.

Usage:  .venv/bin/python bench/bench_cleaner.py [--docs 2000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refinery.transforms.config import Config  # noqa: E402
from refinery.transforms.document import RawRecord  # noqa: E402
from refinery.transforms.pipeline import load_resources, process_record  # noqa: E402


def build_corpus(docs: int, seed: int = 0) -> list[bytes]:
    rng = random.Random(seed)
    lines = [
        line
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for line in path.read_text().split("\n")
        if line
    ]
    tails = ["分享到微信", "分享到微博", "关注我们的微信公众号", "版权所有 © 2024 示例网", "责任编辑：王某"]
    corpus = []
    for _ in range(docs):
        body = rng.sample(lines, rng.randint(8, 20))
        token = "".join(rng.choices("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=7))
        if rng.random() < 0.3:
            body = [line + token for line in body]
        corpus.append("\n".join(body + rng.sample(tails, 3)).encode())
    return corpus


def time_pipeline(corpus: list[bytes], config: Config) -> float:
    started = time.perf_counter()
    for index, data in enumerate(corpus):
        process_record(RawRecord(str(index), "bench", None, "text", data), config)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    corpus = build_corpus(args.docs)
    megabytes = sum(map(len, corpus)) / 1e6
    on, off = Config(), Config.from_toml("[boilerplate]\nenabled = false\n")
    load_resources(on)
    timings: dict[str, list[float]] = {"cleaner on": [], "cleaner off": []}
    for _ in range(args.repeats):  # interleaved, so drift on a shared machine hits both alike
        timings["cleaner off"].append(time_pipeline(corpus, off))
        timings["cleaner on"].append(time_pipeline(corpus, on))
    print(f"{args.docs} documents, {megabytes:.1f} MB, {args.repeats} repeats (median seconds, one core)")
    for name, values in timings.items():
        median = statistics.median(values)
        print(
            f"  {name:12s} {median:7.3f} s  {args.docs / median:8.0f} docs/s  {megabytes / median:6.2f} MB/s"
        )
    ratio = statistics.median(timings["cleaner on"]) / statistics.median(timings["cleaner off"])
    print(f"  the line cleaner adds {100 * (ratio - 1):.1f} % to the per-document run time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
