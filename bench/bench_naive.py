"""refinery's per-document work against a naive pipeline, one core each, on the same corpus.

The naive pipeline (bench/naive_pipeline.py: langdetect + trafilatura + datasketch MinHash LSH per
document) runs in the bench-only environment bench/.venv-datatrove. refinery runs its shards in
this process, without Prefect: read, decode, extract, clean, language and script, unify,
signature. Both on one core; the corpus is bench_pipeline.py's (--kind text|mixed|html).

Usage:  .venv/bin/python bench/bench_naive.py [--docs 5000] [--kind text] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import KINDS, build_corpus  # noqa: E402

from refinery.flows.inputs.readers import discover, plan_shards  # noqa: E402
from refinery.flows.shards.process import process_shard  # noqa: E402
from refinery.transforms.config import Config  # noqa: E402
from refinery.transforms.pipeline import load_resources  # noqa: E402

NAIVE_PYTHON = ROOT / "bench/.venv-datatrove/bin/python"


def refinery_seconds(corpus: Path, staging: Path) -> float:
    config = Config.from_toml("[extract]\nisolate = false\n")  # one core: no child process for HTML
    load_resources(config)
    shards = plan_shards(discover([str(corpus)], config.read).files, config)
    started = time.perf_counter()
    for shard in shards:
        process_shard(shard, config, str(staging), "bench")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--kind", choices=sorted(KINDS), default="text")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not NAIVE_PYTHON.exists():
        print(
            "bench environment missing: python3 -m venv bench/.venv-datatrove && bench/.venv-datatrove/bin/pip "
            "install datasketch langdetect trafilatura lxml_html_clean"
        )
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        documents, size = build_corpus(args.docs, corpus, kind=args.kind)
        ours, naive = [], []
        for attempt in range(args.repeats):  # interleaved, so drift on a shared machine hits both
            ours.append(refinery_seconds(corpus, Path(tmp) / f"staging-{attempt}"))
            result = subprocess.run(
                [str(NAIVE_PYTHON), str(ROOT / "bench/naive_pipeline.py"), str(corpus)],
                capture_output=True,
                text=True,
                check=True,
            )
            naive.append(json.loads(result.stdout.strip().splitlines()[-1])["seconds"])
    megabytes = size / 1e6
    print(f"{documents:,} {args.kind} documents, {megabytes:.1f} MB, one core, median of {args.repeats}")
    for name, values in (("refinery", ours), ("naive", naive)):
        median = statistics.median(values)
        print(
            f"  {name:9s} {median:7.2f} s  {documents / median:7.0f} docs/s  {megabytes / median:6.2f} MB/s"
        )
    print(f"  refinery / naive throughput: {statistics.median(naive) / statistics.median(ours):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
