"""datatrove's MinHash dedup (4 stages) on the JSONL files of a directory; one JSON line on stdout.

Runs in the bench-only virtualenv, not the project's:

    python3 -m venv bench/.venv-datatrove
    bench/.venv-datatrove/bin/pip install datatrove regex "xxhash<4" tokenizers orjson
    bench/.venv-datatrove/bin/pip install spacy jieba       # only for --shingles cmn / zh
    bench/.venv-datatrove/bin/python bench/datatrove_minhash.py INPUT_DIR WORK_DIR [--workers 2]

(datatrove's minhash module imports `regex`, `xxhash` and `tokenizers`, which only its
`processing` extra pulls in; these four are the part of that extra the four stages need.)

Shingles (--shingles):
  chars  (default) character 5-grams, as refinery shingles CJK text: datatrove's `language`
         argument also takes a WordTokenizer instance, and this one makes every non-space character
         a token, so `n_grams=5` gives 5-character shingles of datatrove's simplified text (lower
         case, punctuation removed; digits kept, as refinery keeps them).
  cmn    datatrove's own Mandarin tokenizer (spaCy + jieba): shingles of 5 *words*.
  zh     `language="zh"` as a user would write it. In datatrove 0.10.1 that resolves to spaCy's
         multi-language "xx" tokenizer (tokenizer_assignment.csv: a later "zh"+Latin-script row
         overrides the Mandarin one), which does not segment Chinese: a "word" is a whole clause
         between punctuation, so shingles are 5 clauses.

Stages: signatures (tasks = one per JSONL file, so the files should number --workers), buckets
(one task per band), clustering (one task), filter (one task per file, writes the removed documents
with an exclusion writer; the kept documents are not written). Hashes are datatrove's defaults
(64-bit xxhash); bands/rows/seed as given. Note that datatrove takes every band collision as a
duplicate pair: there is no check of the signatures' estimated Jaccard against a threshold.

Output: {"seconds": {stage: s}, "total_seconds", "removed": [ids], "documents", "datatrove_version",
"config"}.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import shutil
import sys
import time
from pathlib import Path

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup.minhash import (
    MinhashConfig,
    MinhashDedupBuckets,
    MinhashDedupCluster,
    MinhashDedupFilter,
    MinhashDedupSignature,
)
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from datatrove.utils.text import TextNormConfig
from datatrove.utils.word_tokenizers import WordTokenizer


class CharTokenizer(WordTokenizer):
    """Every non-space character is a word: n-gram shingles become character n-grams."""

    def __init__(self) -> None:
        super().__init__("zh")

    def word_tokenize(self, text: str) -> list[str]:
        return [ch for ch in text if not ch.isspace()]

    def sent_tokenize(self, text: str) -> list[str]:
        return [text]

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        return [(0, len(text))]


def jsonl_files_and_empty_work_dir(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[Path]:
    """The JSONL files of args.input_dir (an error without any), with args.work_dir emptied."""
    files = sorted(args.input_dir.glob("*.jsonl"))
    if not files:
        parser.error(f"no *.jsonl files in {args.input_dir}")
    if args.work_dir.exists():
        shutil.rmtree(args.work_dir)
    args.work_dir.mkdir(parents=True)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("input_dir", type=Path)
    parser.add_argument("work_dir", type=Path, help="scratch directory (emptied first)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shingles", choices=["chars", "cmn", "zh"], default="chars")
    parser.add_argument("--n-grams", type=int, default=5)
    parser.add_argument("--bands", type=int, default=16)
    parser.add_argument("--rows", type=int, default=8, help="hashes per band")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    files = jsonl_files_and_empty_work_dir(parser, args)
    work = args.work_dir
    input_dir = str(args.input_dir)
    config = MinhashConfig(
        n_grams=args.n_grams,
        num_buckets=args.bands,
        hashes_per_bucket=args.rows,
        seed=args.seed,
        norm_config=TextNormConfig(norm_numbers=args.shingles != "chars"),
    )
    language = CharTokenizer() if args.shingles == "chars" else args.shingles
    tasks = len(files)

    def reader() -> JsonlReader:
        return JsonlReader(input_dir, glob_pattern="*.jsonl", text_key="text", id_key="id")

    stages = {
        "signatures": LocalPipelineExecutor(
            pipeline=[reader(), MinhashDedupSignature(str(work / "sigs"), config=config, language=language)],
            tasks=tasks,
            workers=min(args.workers, tasks),
            logging_dir=str(work / "logs/signatures"),
        ),
        "buckets": LocalPipelineExecutor(
            pipeline=[MinhashDedupBuckets(str(work / "sigs"), str(work / "buckets"), config=config)],
            tasks=config.num_buckets,
            workers=args.workers,
            logging_dir=str(work / "logs/buckets"),
        ),
        "cluster": LocalPipelineExecutor(
            pipeline=[MinhashDedupCluster(str(work / "buckets"), str(work / "remove"), config=config)],
            tasks=1,
            logging_dir=str(work / "logs/cluster"),
        ),
        "filter": LocalPipelineExecutor(
            pipeline=[
                reader(),
                MinhashDedupFilter(
                    str(work / "remove"),
                    exclusion_writer=JsonlWriter(
                        str(work / "removed"), output_filename="${rank}.jsonl", compression=None
                    ),
                ),
            ],
            tasks=tasks,
            workers=min(args.workers, tasks),
            logging_dir=str(work / "logs/filter"),
        ),
    }
    seconds = {}
    for name, executor in stages.items():
        started = time.perf_counter()
        executor.run()
        seconds[name] = round(time.perf_counter() - started, 4)

    removed = [
        json.loads(line)["id"]
        for path in sorted((work / "removed").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    documents = sum(1 for path in files for line in path.open(encoding="utf-8") if line.strip())
    print(
        json.dumps(
            {
                "seconds": seconds,
                "total_seconds": round(sum(seconds.values()), 4),
                "removed": sorted(removed),
                "documents": documents,
                "datatrove_version": importlib.metadata.version("datatrove"),
                "config": {
                    "shingles": args.shingles,
                    "n_grams": args.n_grams,
                    "bands": args.bands,
                    "rows": args.rows,
                    "seed": args.seed,
                    "tasks": tasks,
                    "workers": args.workers,
                },
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
