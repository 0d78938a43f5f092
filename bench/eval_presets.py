"""How many documents each quality preset drops, and why, on the development pages.

Every page of the labelled sets that is not held out (pagesets.py), and the labelled text
documents, go through the pipeline once with no preset; each preset's limits are then applied to
the same quality signals (as `judge` does), so the figures differ only by the preset. The pages
are articles a person judged worth extracting: a preset that drops many of them is strict for
Chinese news, which is what to read from the table, not a precision figure.

    .venv/bin/python bench/eval_presets.py
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from pagesets import all_html_cases, text_cases  # noqa: E402

from refinery.transforms.config import Config  # noqa: E402
from refinery.transforms.document import RawRecord  # noqa: E402
from refinery.transforms.judge import quality_reason  # noqa: E402
from refinery.transforms.pipeline import process_record  # noqa: E402
from refinery.transforms.presets import PRESETS  # noqa: E402


def main() -> int:
    cases = [case for case in all_html_cases() + text_cases() if case.split != "held"]
    config = Config()
    documents = defaultdict(list)
    for case in cases:
        text = isinstance(case.data, str)
        data = case.data.encode("utf-8") if text else case.data
        kind = "text" if text else "html"
        record = RawRecord(
            id=case.name, source_uri=case.name, source_record=None, content_type=kind, data=data
        )
        document = process_record(record, config)
        if document.text and document.quality is not None:
            documents[case.set].append(document)
    print(f"{sum(map(len, documents.values()))} documents from {len(documents)} sets (held pages left out)\n")
    print(
        "| preset | "
        + " | ".join(f"{name} ({len(docs)})" for name, docs in documents.items())
        + " | reasons |"
    )
    print("|---|" + "---|" * len(documents) + "---|")
    for preset in PRESETS:
        limits = Config.from_toml(f'[filter]\npreset = "{preset}"\n').filter
        reasons: Counter[str] = Counter()
        cells = []
        for docs in documents.values():
            dropped = [quality_reason(doc.quality, limits, doc.lang) for doc in docs]
            dropped = [reason for reason in dropped if reason]
            reasons.update(dropped)
            cells.append(f"{len(dropped)} ({len(dropped) / max(1, len(docs)):.0%})")
        why = ", ".join(f"{reason.removeprefix('quality:')} {n}" for reason, n in reasons.most_common())
        print(f"| {preset} | " + " | ".join(cells) + f" | {why or '-'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
