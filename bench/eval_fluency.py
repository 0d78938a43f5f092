"""Evaluate the fluency signal (transforms/fluency.py) against the plain library.

For each document: refinery's value (jieba-rs with wordfreq's dictionary, on the 1,000-character
sample; log10 probability per character), the same on the whole text, and wordfreq's own
(`wordfreq.tokenize`, which runs the Python jieba, and `word_frequency`) on the whole text, per
character and per word. Reported:
- agreement with wordfreq's own value on real prose (Pearson r, mean absolute difference);
- how well each tells real prose from text that is not: spun copies (bench/data/spun_eval) and the
  same prose with the characters of each sentence shuffled (seeded), as ROC AUC (1.0: every real
  document scores higher);
- microseconds per document for each, and the share fluency adds to process_record on the seeds
  (interleaved rounds, medians).
Nothing is tuned on this data; dev (even lines) and held (odd) are reported apart all the same.

wordfreq's own Chinese tokenizer needs the Python jieba, which refinery does not: install it first.

Usage:  .venv/bin/pip install jieba && .venv/bin/python bench/eval_fluency.py [--rounds 30] [--json bench/results/eval_fluency.json]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import wordfreq  # noqa: E402

from bench.reporting import on_off, write_json  # noqa: E402
from refinery.transforms.config import Config  # noqa: E402
from refinery.transforms.fluency import fluency  # noqa: E402

DATA = ROOT / "bench" / "data" / "spun_eval"
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
_LETTERS = re.compile(r"[^\W\d_]")


def load(name: str) -> list[str]:
    with (DATA / name).open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines]


def shuffled(text: str, seed: int) -> str:
    """The text with the characters of each sentence in a random order."""
    generator = random.Random(seed)
    out = []
    for sentence in _SENTENCE.findall(text):
        characters = list(sentence)
        generator.shuffle(characters)
        out.append("".join(characters))
    return "".join(out)


def plain_wordfreq(text: str, per_character: bool = True) -> float | None:
    """The same statistic with wordfreq's own tokenizer and lookup, on the whole text; per word
    when not per_character."""
    words = [token for token in wordfreq.tokenize(text, "zh") if _LETTERS.search(token)]
    if not words:
        return None
    total = sum(math.log10(wordfreq.word_frequency(word, "zh", minimum=1e-8)) for word in words)
    return total / (sum(map(len, words)) if per_character else len(words))


SCORERS: dict[str, Callable[[str], float | None]] = {
    "refinery (1,000-char sample)": lambda text: fluency(text, "zh"),
    "refinery (whole text)": lambda text: fluency(text, "zh", budget=len(text)),
    "wordfreq (whole text)": plain_wordfreq,
    "wordfreq per word (whole text)": lambda text: plain_wordfreq(text, per_character=False),
}


def auc(positives: list[float], negatives: list[float]) -> float:
    """P(a positive scores above a negative), ties counting half."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return round(wins / (len(positives) * len(negatives)), 3)


def pearson(xs: list[float], ys: list[float]) -> float:
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return round(cov / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys)), 4)


def evaluate_split(clean: list[str], spun: list[str]) -> dict:
    corrupted = [shuffled(text, number) for number, text in enumerate(clean)]
    scores = {name: {} for name in SCORERS}
    for name, scorer in SCORERS.items():
        for group, texts in (("clean", clean), ("spun", spun), ("shuffled", corrupted)):
            scores[name][group] = [scorer(text) for text in texts]
    plain = scores["wordfreq (whole text)"]["clean"]
    result = {}
    for name, groups in scores.items():
        result[name] = {
            "median on clean": round(statistics.median(groups["clean"]), 3),
            "AUC clean vs spun": auc(groups["clean"], groups["spun"]),
            "AUC clean vs shuffled": auc(groups["clean"], groups["shuffled"]),
            "Pearson r with wordfreq": pearson(groups["clean"], plain),
            "mean |difference| to wordfreq": round(
                statistics.fmean(abs(a - b) for a, b in zip(groups["clean"], plain, strict=True)), 3
            ),
        }
    return result


def microseconds(scorer: Callable[[str], float | None], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        scorer(text)
    return round((time.perf_counter() - start) / len(texts) * 1e6)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    try:
        import jieba  # noqa: F401  (wordfreq's own tokenizer, the baseline)
    except ImportError:
        sys.exit("eval_fluency.py: the baseline needs the Python jieba: .venv/bin/pip install jieba")
    clean, spun = load("clean.jsonl"), load("spun.jsonl")
    report = {
        "dev (even lines)": evaluate_split(clean[::2], spun[::2]),
        "held (odd lines)": evaluate_split(clean[1::2], spun[1::2]),
    }
    report["µs per clean document"] = {name: microseconds(scorer, clean) for name, scorer in SCORERS.items()}
    report["pipeline"] = on_off(Config().with_overrides({"filter": {"fluency": True}}), args.rounds)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    write_json(report, args.json)


if __name__ == "__main__":
    main()
