"""A datatrove pipeline doing the closest equivalent of `refinery run` on the JSONL files of a
directory; one JSON line on stdout. `bench/bench_pipeline.py --against datatrove` runs it.

Runs in the bench-only virtualenv (see bench/datatrove_minhash.py), plus `ftfy pyarrow`:

    bench/.venv-datatrove/bin/pip install ftfy pyarrow
    bench/.venv-datatrove/bin/python bench/datatrove_pipeline.py INPUT_DIR WORK_DIR --work full

--work:
  full   JsonlReader -> FTFYFormatter -> GopherRepetitionFilter -> GopherQualityFilter ->
         FineWebQualityFilter -> ParquetWriter (filtered) + MinhashDedupSignature; then MinHash
         buckets, cluster, and the filter stage writing the kept documents with ParquetWriter.
         Words are characters (datatrove's `language` takes a tokenizer: Chinese has no spaces),
         as refinery's own repetition signals count them; Gopher's word-length and stop-word rules
         are off (on characters they drop every Chinese document).
  light  the same without the three quality filters: FTFY + MinHash + Parquet.
  io     JsonlReader -> ParquetWriter: the I/O floor.

--html: the JSONL lines hold whole pages, and datatrove's own HTML step, its `Trafilatura`
extractor (favour_precision, as datatrove's FineWeb example runs it), comes right after the reader:
the peer of `refinery run` on pages. It needs `trafilatura` in the same virtualenv.

Stages run one after the other with `--workers` processes (tasks = files for the stages that read
the input, bands for buckets, 1 for clustering), as datatrove's MinHash example does. Parquet is
written with zstd, as refinery writes it. Output: {"seconds": {stage: s}, "total_seconds",
"documents", "kept", "datatrove_version", "work"}.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup.minhash import (
    MinhashConfig,
    MinhashDedupBuckets,
    MinhashDedupCluster,
    MinhashDedupFilter,
    MinhashDedupSignature,
)
from datatrove.pipeline.filters import FineWebQualityFilter, GopherQualityFilter, GopherRepetitionFilter
from datatrove.pipeline.formatters import FTFYFormatter
from datatrove.pipeline.readers import JsonlReader, ParquetReader
from datatrove.pipeline.writers import ParquetWriter
from datatrove.utils.text import TextNormConfig
from datatrove_minhash import CharTokenizer, jsonl_files_and_empty_work_dir


def extraction(html: bool) -> list:
    """datatrove's HTML step for pages (imported only then: it needs trafilatura)."""
    if not html:
        return []
    from datatrove.pipeline.extractors import Trafilatura

    return [Trafilatura(favour_precision=True)]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("input_dir", type=Path)
    parser.add_argument("work_dir", type=Path, help="scratch directory (emptied first)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", choices=["full", "light", "io"], default="full")
    parser.add_argument("--html", action="store_true", help="the lines are pages: extract with Trafilatura")
    args = parser.parse_args()

    files = jsonl_files_and_empty_work_dir(parser, args)
    work = args.work_dir
    tasks = len(files)
    chars = CharTokenizer()
    # refinery's defaults: 5-character shingles, 128 permutations in 16 bands of 8, digits kept
    config = MinhashConfig(
        n_grams=5, num_buckets=16, hashes_per_bucket=8, norm_config=TextNormConfig(norm_numbers=False)
    )

    def reader() -> JsonlReader:
        return JsonlReader(str(args.input_dir), glob_pattern="*.jsonl", text_key="text")

    def writer(folder: str) -> ParquetWriter:
        return ParquetWriter(str(work / folder), output_filename="${rank}.parquet", compression="zstd")

    def executor(pipeline: list, count: int, name: str) -> LocalPipelineExecutor:
        return LocalPipelineExecutor(
            pipeline=pipeline,
            tasks=count,
            workers=min(args.workers, count),
            logging_dir=str(work / "logs" / name),
        )

    if args.work == "io":
        stages = {"read+write": executor([reader(), writer("kept")], tasks, "io")}
    else:
        steps = [reader(), *extraction(args.html), FTFYFormatter()]
        if args.work == "full":
            steps += [
                GopherRepetitionFilter(language=chars),
                # word-length and English stop-word rules mean nothing on characters: off
                GopherQualityFilter(
                    min_avg_word_length=None, max_avg_word_length=None, min_stop_words=None, language=chars
                ),
                FineWebQualityFilter(language=chars),
            ]
        steps += [
            writer("filtered"),
            MinhashDedupSignature(str(work / "sigs"), config=config, language=chars),
        ]
        stages = {
            "filter+signatures": executor(steps, tasks, "signatures"),
            "buckets": executor(
                [MinhashDedupBuckets(str(work / "sigs"), str(work / "buckets"), config=config)],
                config.num_buckets,
                "buckets",
            ),
            "cluster": executor(
                [MinhashDedupCluster(str(work / "buckets"), str(work / "remove"), config=config)],
                1,
                "cluster",
            ),
            "dedup filter": executor(
                [
                    ParquetReader(str(work / "filtered"), glob_pattern="*.parquet"),
                    MinhashDedupFilter(str(work / "remove")),
                    writer("kept"),
                ],
                tasks,
                "filter",
            ),
        }
    seconds = {}
    for name, stage in stages.items():
        started = time.perf_counter()
        stage.run()
        seconds[name] = round(time.perf_counter() - started, 4)
    kept = sum(pq.ParquetFile(path).metadata.num_rows for path in (work / "kept").glob("*.parquet"))
    documents = sum(1 for path in files for line in path.open(encoding="utf-8") if line.strip())
    result = {
        "seconds": seconds,
        "total_seconds": round(sum(seconds.values()), 4),
        "documents": documents,
        "kept": kept,
        "datatrove_version": importlib.metadata.version("datatrove"),
        "work": args.work + (" html" if args.html else ""),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
