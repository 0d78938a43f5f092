"""Evaluate personal-data detection (transforms/pii.py): precision and recall per kind on labelled
text with planted values and look-alikes, against jionlp's extractors on the same text.

Labelled data: bench/data/pii_eval/ (dev.jsonl, looked at while writing the rules; held.jsonl, made
with other templates by another author and never opened; see its README). A found value counts when
its span and kind match a labelled one exactly; "redaction" counts a span as right whatever its
kind (what matters when the value is replaced), and "look-alikes hit" the found values that match
no label: dates, order numbers, invalid ID and card numbers, private addresses.

jionlp (`pip install jionlp`, not a dependency) finds e-mails, mainland phone numbers, ID numbers
and IPv4 addresses; it has no bank-card, IPv6 or foreign-phone extractor, so it is scored on the
kinds it has.

Usage:  .venv/bin/python bench/eval_pii.py [--json bench/results/eval_pii.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.reporting import seed_ms, write_json  # noqa: E402
from refinery.transforms.config import Config, PIIConfig  # noqa: E402
from refinery.transforms.pii import KINDS, find_pii  # noqa: E402

DATA = ROOT / "bench" / "data" / "pii_eval"
SETS = ("dev", "held")
JIONLP_KINDS = ("email", "cn_mobile", "cn_landline", "cn_id", "ipv4")

Span = tuple[str, int, int]  # kind, start, end


def load(name: str) -> list[dict]:
    with (DATA / f"{name}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def refinery_spans(text: str) -> list[Span]:
    return [(match.kind, match.start, match.end) for match in find_pii(text)]


def jionlp_spans(text: str) -> list[Span]:
    import jionlp

    spans: list[Span] = []
    for kind, extract in (
        ("email", jionlp.extract_email),
        ("phone", jionlp.extract_phone_number),
        ("cn_id", jionlp.extract_id_card),
        ("ipv4", jionlp.extract_ip_address),
    ):
        try:
            found = extract(text, detail=True)
        except AttributeError:  # extract_email(detail=True) fails on some addresses: locate them
            found, position = [], 0
            for value in extract(text, detail=False):
                start = text.find(value, position)
                found.append({"offset": (start, start + len(value)), "type": None})
                position = start + len(value)
        for item in found:
            if kind == "phone":
                kind_found = {"cell_phone": "cn_mobile", "landline_phone": "cn_landline"}.get(
                    item["type"], "phone"
                )
            else:
                kind_found = kind
            spans.append((kind_found, *item["offset"]))
    return spans


def score(records: list[dict], find, kinds: tuple[str, ...]) -> dict:
    """Exact (kind and span) precision and recall per kind, the same over all kinds, the span-only
    (redaction) figures, and the look-alikes hit; and the time per document."""
    true_positive, found_count, gold_count = Counter(), Counter(), Counter()
    spans_right = spans_found = spans_gold = 0
    seconds = []
    for record in records:
        gold = {(item["kind"], item["start"], item["end"]) for item in record["pii"] if item["kind"] in kinds}
        started = time.perf_counter()
        found = {span for span in find(record["text"]) if span[0] in kinds}
        seconds.append(time.perf_counter() - started)
        for kind, *_ in gold:
            gold_count[kind] += 1
        for span in found:
            found_count[span[0]] += 1
            true_positive[span[0]] += span in gold
        gold_places, found_places = {span[1:] for span in gold}, {span[1:] for span in found}
        spans_right += len(gold_places & found_places)
        spans_found += len(found_places)
        spans_gold += len(gold_places)
    per_kind = {
        kind: {
            "precision": _ratio(true_positive[kind], found_count[kind]),
            "recall": _ratio(true_positive[kind], gold_count[kind]),
            "labelled": gold_count[kind],
            "found": found_count[kind],
        }
        for kind in kinds
    }
    all_right = sum(true_positive.values())
    return {
        "per_kind": per_kind,
        "precision": _ratio(all_right, sum(found_count.values())),
        "recall": _ratio(all_right, sum(gold_count.values())),
        "redaction_precision": _ratio(spans_right, spans_found),
        "redaction_recall": _ratio(spans_right, spans_gold),
        "look_alikes_hit": spans_found - spans_right,
        "microseconds_per_document": round(statistics.median(seconds) * 1e6, 1),
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def pipeline_cost(rounds: int = 15) -> dict:
    """The whole per-document pipeline on the seeds with pii.mode off and redact, interleaved: the
    median time per document of each and their ratio."""
    ms = seed_ms({"off": Config(), "redact": Config(pii=PIIConfig(mode="redact"))}, rounds)
    return {
        "ms_per_document_off": round(ms["off"], 3),
        "ms_per_document_redact": round(ms["redact"], 3),
        "ratio": round(ms["redact"] / ms["off"], 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS), help="which labelled sets")
    parser.add_argument("--errors", action="store_true", help="list what refinery got wrong (dev only)")
    args = parser.parse_args()
    try:
        import jionlp  # noqa: F401
    except ImportError:
        jionlp_found = False
    else:
        jionlp_found = True
    results = {}
    for name in args.sets:
        if not (DATA / f"{name}.jsonl").exists():
            print(f"{name}: no {DATA / name}.jsonl", file=sys.stderr)
            continue
        records = load(name)
        results[name] = {"documents": len(records), "refinery": score(records, refinery_spans, tuple(KINDS))}
        results[name]["refinery, jionlp's kinds"] = score(records, refinery_spans, JIONLP_KINDS)
        if jionlp_found:
            results[name]["jionlp"] = score(records, jionlp_spans, JIONLP_KINDS)
    for name, result in list(results.items()):
        print(f"\n== {name}: {result['documents']} documents")
        for system, figures in result.items():
            if system == "documents":
                continue
            print(
                f"{system:<26} P {figures['precision']}  R {figures['recall']}  redaction P "
                f"{figures['redaction_precision']} R {figures['redaction_recall']}  look-alikes hit "
                f"{figures['look_alikes_hit']}  {figures['microseconds_per_document']} µs/doc"
            )
            for kind, row in figures["per_kind"].items():
                print(
                    f"    {kind:<12} P {row['precision']}  R {row['recall']}  "
                    f"({row['found']} found, {row['labelled']} labelled)"
                )
    if args.errors and "dev" in args.sets:
        for record in load("dev"):
            gold = {(item["kind"], item["start"], item["end"]) for item in record["pii"]}
            found = set(refinery_spans(record["text"]))
            for kind, start, end in sorted(gold ^ found, key=lambda span: span[1]):
                what = "missed" if (kind, start, end) in gold else "wrong"
                print(f"{record['id']} {what} {kind}: {record['text'][start:end]!r}")
    results["pipeline_cost_on_seeds"] = cost = pipeline_cost()
    print(
        f"\npipeline on the seeds: {cost['ms_per_document_off']} ms/doc with pii off, "
        f"{cost['ms_per_document_redact']} with redact ({cost['ratio']}x)"
    )
    if not jionlp_found:
        print("\njionlp is not installed (pip install jionlp): no baseline", file=sys.stderr)
    write_json(results, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
