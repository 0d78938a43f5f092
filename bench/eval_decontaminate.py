"""Evaluate benchmark decontamination (transforms/decontaminate.py) on planted passages.

Labelled data: bench/data/decontam_eval/ (helper-written benchmark items with varied field names,
and web pages, some holding a passage of an item: copied whole or in part, in Traditional, in
full-width, with punctuation and line breaks changed, or with the answer run in; the others are
hard negatives: same topic, paraphrases, short quotes, the exam's boilerplate). dev and held are
reported apart; the window was chosen on dev.

Per matcher: recall per variant (the document flagged with the right item), and false positives
per kind of clean page. Matchers:
- refinery at its window (13 words or 20 CJK characters), and at 15 and 25 characters (dev's sweep);
- plain 13-word n-grams on whitespace (datatrove's and GPT-3's decontamination, lower-cased): what
  an English-centric filter does with Chinese, where a whole sentence is one "word";
- plain 20-character windows of the raw text (punctuation and spaces kept, nothing folded).
Also the cost: microseconds per document for refinery's matching.

Usage:  .venv/bin/python bench/eval_decontaminate.py [--json bench/results/eval_decontaminate.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.reporting import write_json  # noqa: E402
from refinery.transforms.decontaminate import (  # noqa: E402
    CJK_TOKEN_WEIGHT,
    WINDOW,
    benchmark_index,
    contamination,
    id_key,
    item_texts,
    read_items,
)

DATA = ROOT / "bench" / "data" / "decontam_eval"


def load(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def refinery_matcher(benchmark: Path, window: int) -> Callable[[str], str | None]:
    index = benchmark_index((str(benchmark),), (), None, window)

    def match(text: str) -> str | None:
        found = contamination(text, index)
        return found[0].split(":", 1)[1] if found else None

    return match


def ngram_matcher(benchmark: Path, grams: Callable[[str], set]) -> Callable[[str], str | None]:
    """A plain matcher: the first item sharing one of `grams` with the document."""
    owner: dict = {}
    for number, item in enumerate(read_items(str(benchmark)), 1):
        key = id_key(item, None)
        for text in item_texts(item, (), key):
            for gram in grams(text):
                owner.setdefault(gram, str(item[key]) if key else f"#{number}")

    def match(text: str) -> str | None:
        return next((owner[gram] for gram in grams(text) if gram in owner), None)

    return match


def word_grams(text: str, n: int = 13) -> set:
    words = text.lower().split()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def char_grams(text: str, n: int = 20) -> set:
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def evaluate(split: str, matcher: Callable[[str], str | None]) -> dict:
    documents = {doc["id"]: doc["text"] for doc in load(f"docs_{split}.jsonl")}
    found: dict[str, list[bool]] = defaultdict(list)
    false: dict[str, list[bool]] = defaultdict(list)
    flagged = []
    for label in load(f"labels_{split}.jsonl"):
        item = matcher(documents[label["doc"]])
        if label["item"] is None:
            false[label["negative"]].append(item is not None)
        else:
            found[label["variant"]].append(item == label["item"])
            flagged.append(item is not None)
    planted = [hit for hits in found.values() for hit in hits]
    clean = [hit for hits in false.values() for hit in hits]
    return {
        "recall (flagged, whatever the item)": round(sum(flagged) / len(flagged), 3),
        "recall": round(sum(planted) / len(planted), 3),
        "false positive rate": round(sum(clean) / len(clean), 3),
        "recall per variant": {variant: round(sum(h) / len(h), 3) for variant, h in sorted(found.items())},
        "false positives per kind": {kind: sum(h) for kind, h in sorted(false.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=["dev", "held", "both"], default="both")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report: dict = {}
    for split in ("dev", "held") if args.split == "both" else (args.split,):
        benchmark = DATA / f"benchmark_{split}.jsonl"
        matchers = {
            "refinery (20 CJK characters or 13 words)": refinery_matcher(benchmark, WINDOW),
            **{
                f"refinery at {chars} CJK characters": refinery_matcher(benchmark, chars * CJK_TOKEN_WEIGHT)
                for chars in (15, 25)
            },
            "plain 13-word n-grams on whitespace": ngram_matcher(benchmark, word_grams),
            "plain 20-character windows, nothing folded": ngram_matcher(benchmark, char_grams),
        }
        report[split] = {name: evaluate(split, matcher) for name, matcher in matchers.items()}
    texts = [doc["text"] for doc in load("docs_dev.jsonl")]
    match = refinery_matcher(DATA / "benchmark_dev.jsonl", WINDOW)
    start = time.perf_counter()
    for text in texts:
        match(text)
    report["µs per document (refinery, dev)"] = round((time.perf_counter() - start) / len(texts) * 1e6)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    write_json(report, args.json)


if __name__ == "__main__":
    main()
