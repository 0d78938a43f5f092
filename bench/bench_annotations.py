"""What each optional stage costs per document: process_record on the seeds with nothing switched on,
with each stage alone, and with all of them, in interleaved rounds; medians and ratios to nothing.

Stages: personal data (pii.mode = redact), flagged words (flagged.builtin), decontamination
(decontaminate.files = bench/data/decontam_eval/benchmark_dev.jsonl), fluency (filter.fluency), a
quality classifier (trained here by train-classifier on bench/data/quality_eval/dev.jsonl).
Token counts are made when parts are written, not here: tests/flows/storage/test_tokens.py and
the stop notes give their cost.

Usage:  .venv/bin/python bench/bench_annotations.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.reporting import seed_ms  # noqa: E402
from refinery.flows.command.train import train_classifier  # noqa: E402
from refinery.transforms.config import Config  # noqa: E402


def stages(model: Path) -> dict[str, dict]:
    benchmark = ROOT / "bench" / "data" / "decontam_eval" / "benchmark_dev.jsonl"
    each = {
        "personal data (redact)": {"pii": {"mode": "redact"}},
        "flagged words": {"flagged": {"builtin": True}},
        "decontamination": {"decontaminate": {"files": [str(benchmark)]}},
        "fluency": {"filter": {"fluency": True}},
        "quality classifier": {"quality": {"classifiers": [{"name": "q", "path": str(model)}]}},
    }
    every: dict = {}
    for settings in each.values():
        for section, values in settings.items():
            every.setdefault(section, {}).update(values)
    return {"nothing": {}, **each, "everything": every}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        model = Path(scratch) / "q.bin"
        with (ROOT / "bench" / "data" / "quality_eval" / "dev.jsonl").open(encoding="utf-8") as lines:
            documents = [json.loads(line) for line in lines]
        sides = {
            label: [d["text"] for d in documents if d["label"] == label] for label in ("positive", "negative")
        }
        train_classifier(sides["positive"], sides["negative"], model)
        configs = {name: Config.model_validate(settings) for name, settings in stages(model).items()}
        medians = seed_ms(configs, args.rounds)
    base = medians["nothing"]
    print("| stages on | ms per seed document (median) | ratio to nothing |\n|---|---|---|")
    for name, median in medians.items():
        print(f"| {name} | {median:.2f} | {median / base:.2f} |")


if __name__ == "__main__":
    main()
