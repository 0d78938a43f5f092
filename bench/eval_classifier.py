"""Evaluate `refinery train-classifier` (flows/command/train.py) against plain fastText.

Labelled data: bench/data/quality_eval/ (positives: the gold main text of real pages; negatives:
the same pages' navigation and comments, whole pages with the text buried in them, and the gold
text's sentences shuffled and cut). Each model is trained on dev.jsonl and measured on held.jsonl,
which nothing was tuned on; pages never cross the split. Reported per model: accuracy on held,
all and Chinese documents apart, per negative kind the share caught, model size, training seconds.

Models:
- refinery: `train_classifier` as the command runs it (text cut by `chars`, 32 dimensions,
  200,000 buckets, word pairs, a learning rate of 0.5, its epochs for the set's size);
- plain fastText: `fasttext.train_supervised` with its defaults on the text as it is (newlines made
  spaces), what a user gets without refinery's cutting: a run of CJK characters is one "word";
- refinery's settings with fastText's default size (100 dimensions, 2,000,000 buckets).
Then the pipeline's cost of scoring with the refinery model: process_record on the seeds with and
without quality.classifiers, interleaved rounds, medians.

Usage:  .venv/bin/python bench/eval_classifier.py [--rounds 20] [--json bench/results/eval_classifier.json]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import fasttext  # noqa: E402

from bench.reporting import on_off, write_json  # noqa: E402
from refinery.flows.command import train as refinery_train  # noqa: E402
from refinery.transforms.chars import CJK  # noqa: E402
from refinery.transforms.classifiers import model_input  # noqa: E402
from refinery.transforms.config import Config  # noqa: E402

DATA = ROOT / "bench" / "data" / "quality_eval"
_CJK = re.compile(f"[{CJK}]")
_LETTER = re.compile(r"[^\W\d_]")


def load(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def is_chinese(text: str) -> bool:
    """CJK characters are at least 30 % of the letters (the data README's rule)."""
    letters = len(_LETTER.findall(text))
    return bool(letters) and len(_CJK.findall(text)) >= 0.3 * letters


def train_plain(documents: list[dict], path: Path, cut: str, shape: dict) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "train.txt"
        corpus.write_text(
            "".join(f"__label__{doc['label']} {model_input(doc['text'], cut)}\n" for doc in documents)
        )
        fasttext.train_supervised(str(corpus), verbose=0, thread=1, seed=0, **shape).save_model(str(path))


def measure(path: Path, documents: list[dict], cut: str) -> dict:
    model = fasttext.load_model(str(path))
    predicted = [
        model.predict(model_input(doc["text"], cut))[0][0].removeprefix("__label__") for doc in documents
    ]
    right = [guess == doc["label"] for guess, doc in zip(predicted, documents, strict=True)]
    chinese = [hit for hit, doc in zip(right, documents, strict=True) if is_chinese(doc["text"])]
    result = {
        "accuracy": round(sum(right) / len(right), 3),
        "accuracy on Chinese": round(sum(chinese) / len(chinese), 3) if chinese else None,
        "Chinese documents": len(chinese),
        "model MB": round(path.stat().st_size / 1e6, 1),
    }
    probabilities = {
        label: [
            dict(zip(*model.predict(model_input(doc["text"], cut), k=-1), strict=True)).get(
                "__label__positive", 0.0
            )
            for doc in documents
            if doc["label"] == label
        ]
        for label in ("positive", "negative")
    }
    result["median probability of positive: positives, negatives"] = [
        round(float(statistics.median(values)), 3) for values in probabilities.values()
    ]
    for kind in sorted({doc["kind"] for doc in documents}):
        hits = [hit for hit, doc in zip(right, documents, strict=True) if doc["kind"] == kind]
        result[f"{kind} right"] = round(sum(hits) / len(hits), 3)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    dev, held = load("dev.jsonl"), load("held.jsonl")
    report: dict = {"trained on dev": len(dev), "measured on held": len(held)}
    with tempfile.TemporaryDirectory() as scratch:
        models = Path(scratch)
        started = time.perf_counter()
        texts = {
            label: [doc["text"] for doc in dev if doc["label"] == label] for label in ("positive", "negative")
        }
        own = refinery_train.train_classifier(texts["positive"], texts["negative"], models / "refinery.bin")
        seconds = time.perf_counter() - started
        report["refinery"] = {
            **measure(models / "refinery.bin", held, "chars"),
            "its own held-out accuracy (10 % of dev)": own.accuracy,
            "epochs": own.epochs,
            "learning rate": own.learning_rate,
            "training seconds": round(seconds, 1),
        }
        for name, cut, shape in (
            ("plain fastText (defaults, text as it is)", "none", {}),
            (
                "refinery's settings, fastText's default size",
                "chars",
                {"wordNgrams": 2, "lr": own.learning_rate, "epoch": own.epochs},
            ),
        ):
            started = time.perf_counter()
            train_plain(dev, models / "plain.bin", cut, shape)
            report[name] = {
                **measure(models / "plain.bin", held, cut),
                "training seconds": round(time.perf_counter() - started, 1),
            }
        scored = {"quality": {"classifiers": [{"name": "q", "path": str(models / "refinery.bin")}]}}
        report["pipeline"] = on_off(Config.model_validate(scored), args.rounds)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    write_json(report, args.json)


if __name__ == "__main__":
    main()
