"""Evaluate the spun-text score (transforms/spun.py): score distributions and the `spun` flag's
precision/recall on labelled clean and spun Chinese documents.

Labelled data: bench/data/spun_eval/ (real news text; spun copies made by bench/spinner.py, whose swap
table was written independently of the detector's lexicon; seed 001, a real spun page). See its README.
It also spins the clean documents with only those of the spinner's swaps that the detector's lexicon
lacks: how much the score generalizes beyond its lexicon. Besides whole documents it scores clean documents cut to their first 300 and 600 characters: short
pages carry little evidence, which is where a false positive would come from.

Usage:  .venv/bin/python bench/eval_spun.py [--threshold 0.5] [--json bench/results/eval_spun.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.spinner import SUBSTITUTIONS, spin  # noqa: E402
from refinery.transforms.spun import default_lexicon, spun_evidence  # noqa: E402

DATA = ROOT / "bench" / "data" / "spun_eval"
UNKNOWN = "stress: unknown swaps"  # not labelled data: reported apart from precision/recall
QUANTILES = (0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0)


def load(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def quantiles(values: list[float]) -> list[float]:
    ordered = sorted(values)
    return [round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1) for q in QUANTILES]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--threshold", type=float, default=0.5, help="spun_score that flags (filter.spun_threshold)"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    if not (DATA / "clean.jsonl").exists():
        print(f"error: {DATA} has no clean.jsonl; see its README to build it", file=sys.stderr)
        return 2
    known = {(pair.original, pair.spun) for pair in default_lexicon().pairs}
    unknown_swaps = {word: spun for word, spun in SUBSTITUTIONS.items() if (word, spun) not in known}
    groups: dict[str, list[dict]] = defaultdict(list)
    for number, doc in enumerate(load("clean.jsonl")):
        groups["clean"].append(doc)
        if doc["source"] != "seed":  # the spinner's swaps the detector's lexicon does not have
            unknown = spin(doc["text"], 1.0, number, unknown_swaps)
            groups[UNKNOWN].append({**doc, "text": unknown})
        for cut in (300, 600):
            if len(doc["text"]) > cut * 1.5:
                groups[f"clean, first {cut} chars"].append({**doc, "text": doc["text"][:cut]})
    for doc in load("spun.jsonl"):
        groups[f"spun, rate {doc['rate']}" if doc["rate"] is not None else "spun, real (seed 001)"].append(
            doc
        )

    started, scored = time.perf_counter(), 0
    results: dict[str, dict] = {}
    print(f"{'group':<28} {'docs':>5} {'flagged':>8}   log-ratio quantiles (min 5% 25% 50% 75% 95% max)")
    for name, docs in groups.items():
        evidence = [spun_evidence(doc["text"]) for doc in docs]
        scored += sum(len(doc["text"]) for doc in docs)
        flagged = sum(e.score >= args.threshold for e in evidence)
        ratios = [e.log_ratio for e in evidence]
        results[name] = {"documents": len(docs), "flagged": flagged, "log_ratio_quantiles": quantiles(ratios)}
        print(f"{name:<28} {len(docs):>5} {flagged:>8}   {quantiles(ratios)}")
    seconds = time.perf_counter() - started

    clean = sum(r["documents"] for n, r in results.items() if n.startswith("clean"))
    false_positives = sum(r["flagged"] for n, r in results.items() if n.startswith("clean"))
    spun = sum(r["documents"] for n, r in results.items() if n.startswith("spun"))
    true_positives = sum(r["flagged"] for n, r in results.items() if n.startswith("spun"))
    unknown = results[UNKNOWN]
    flagged = true_positives + false_positives
    summary = {
        "threshold": args.threshold,
        "precision": round(true_positives / flagged, 4) if flagged else None,
        "recall": round(true_positives / spun, 4),
        "false_positive_rate": round(false_positives / clean, 4),
        "recall_by_group": {
            n: round(r["flagged"] / r["documents"], 4) for n, r in results.items() if n.startswith("spun")
        },
        "recall_unknown_swaps": round(unknown["flagged"] / unknown["documents"], 4),
        "chars_per_second": round(scored / seconds),
    }
    print(
        f"\nflag at spun_score >= {args.threshold}: precision {summary['precision']}, recall {summary['recall']} "
        f"({true_positives}/{spun}), false-positive rate {summary['false_positive_rate']} "
        f"({false_positives}/{clean} clean, whole and cut)"
    )
    print(
        f"stress, clean texts fully spun with only swaps the lexicon lacks: recall "
        f"{summary['recall_unknown_swaps']} (the score knows the swaps of its lexicon, nothing else)"
    )
    print(f"speed: {summary['chars_per_second']:,} characters/s on one core")
    if args.json:
        args.json.write_text(
            json.dumps({"groups": results, "summary": summary}, indent=2, ensure_ascii=False) + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
