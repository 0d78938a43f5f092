"""Evaluate language identification and its speed: refinery against plain (seeded) langdetect.

Labelled data: bench/data/lang_eval/paragraphs.jsonl (paragraphs in 30 languages, Simplified and
Traditional Chinese, and mixed-language items), written for this project (see its README).

Usage:  .venv/bin/python bench/eval_language.py [--speed-docs 2000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from langdetect.lang_detect_exception import LangDetectException  # noqa: E402

from refinery.transforms.language import (  # noqa: E402
    detect_language,
    langdetect_factory,
    prose_and_counts,
)
from refinery.transforms.script import dominant_script  # noqa: E402

DATA = ROOT / "bench" / "data" / "lang_eval" / "paragraphs.jsonl"


def plain_langdetect(text: str) -> str | None:
    """langdetect as most pipelines use it: top guess, zh-cn/zh-tw folded to zh."""
    detector = langdetect_factory(0).create()
    detector.append(text)
    try:
        code = detector.detect()
    except LangDetectException:
        return None
    return "zh" if code.startswith("zh") else code


def refinery(text: str) -> str | None:
    return detect_language(*prose_and_counts(text)).lang


def label_of(item: dict) -> str:
    return item["lang"] if item["lang"] != "zh" else f"zh-{item['script']}"


def accuracy(items: list[dict], system) -> tuple[float, dict[str, float], list[tuple[str, str, str]]]:
    per_label: dict[str, list[bool]] = defaultdict(list)
    errors = []
    for item in items:
        got = system(item["text"])
        per_label[label_of(item)].append(got == item["lang"])
        if got != item["lang"]:
            errors.append((item["id"], item["lang"], str(got)))
    overall = sum(sum(v) for v in per_label.values()) / len(items)
    return overall, {label: sum(v) / len(v) for label, v in sorted(per_label.items())}, errors


def chinese_corpus(docs: int) -> list[str]:
    """~2,000-character Chinese documents from the seeds' lines, for the speed measurement."""
    rng = random.Random(0)
    lines = [
        line
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for line in path.read_text().split("\n")
        if len(line) > 20
    ]
    corpus = []
    for _ in range(docs):
        text = ""
        while len(text) < 2000:
            text += rng.choice(lines) + "\n"
        corpus.append(text[:2000])
    return corpus


def speed(corpus: list[str], system, repeats: int = 3) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        for text in corpus:
            system(text)
        timings.append(time.perf_counter() - started)
    return len(corpus) / statistics.median(timings)


def language_and_script(text: str) -> None:
    prose, counts = prose_and_counts(text)
    dominant_script(counts)
    detect_language(prose, counts)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--speed-docs", type=int, default=2000)
    args = parser.parse_args()
    items = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    single = [item for item in items if not item.get("mixed")]
    mixed = [item for item in items if item.get("mixed")]
    print(
        f"{len(single)} single-language paragraphs in {len({label_of(i) for i in single})} labels, {len(mixed)} mixed"
    )
    results = {}
    for name, system in (("langdetect", plain_langdetect), ("refinery", refinery)):
        overall, per_label, errors = accuracy(single, system)
        results[name] = per_label
        print(f"\n{name}: accuracy {overall:.4f} ({len(errors)} errors)")
        print("  errors:", Counter(f"{want}->{got}" for _, want, got in errors).most_common(12))
    print("\n| label | langdetect | refinery |\n|---|---|---|")
    for label in results["refinery"]:
        print(f"| {label} | {results['langdetect'][label]:.2f} | {results['refinery'][label]:.2f} |")

    guesses = [detect_language(*prose_and_counts(i["text"])) for i in mixed]
    right_lang = sum(g.lang == i["lang"] for g, i in zip(guesses, mixed, strict=True))
    flagged = sum(g.mixed for g in guesses)
    false_flags = sum(detect_language(*prose_and_counts(i["text"])).mixed for i in single)
    print(
        f"\nmixed items: dominant language right {right_lang}/{len(mixed)}, flagged mixed {flagged}/{len(mixed)}; "
        f"single-language items flagged mixed: {false_flags}/{len(single)}"
    )

    corpus = chinese_corpus(args.speed_docs)
    ours = speed(corpus, language_and_script)
    theirs = speed(corpus[: max(100, args.speed_docs // 10)], plain_langdetect)
    print(f"\nspeed on {len(corpus)} Chinese documents of 2,000 characters (one core, median of 3):")
    print(
        f"  refinery language + script: {ours:,.0f} docs/s;  plain langdetect: {theirs:,.0f} docs/s;  ratio {ours / theirs:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
