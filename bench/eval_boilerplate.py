"""Evaluate boilerplate removal: refinery against plain trafilatura, by token precision/recall/F1.

Labelled data (made by hand for this project, see the READMEs beside it):
  bench/data/html_gold/*.json   gold main text of real Chinese news pages (../shared/pages/gne-zh-news)
  bench/data/html_synth/*       hand-written English pages and Chinese pages in GBK/Big5
  bench/data/text_eval/docs.jsonl  scraped plain-text documents with their gold article text

Usage:  .venv/bin/python bench/eval_boilerplate.py [--show-worst N] [--json bench/results/boilerplate.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scoring import Score, mean_score, score  # noqa: E402

from transforms.boilerplate import clean_lines  # noqa: E402
from transforms.config import Config  # noqa: E402
from transforms.document import RawRecord  # noqa: E402
from transforms.normalize import normalize_text  # noqa: E402
from transforms.pipeline import process_record  # noqa: E402

DATA = ROOT / "bench" / "data"
SHARED_PAGES = ROOT.parent / "shared" / "pages" / "gne-zh-news"
# Keep the source script and punctuation: gold text is as the page wrote it.
EVAL_CONFIG = Config.from_toml('[script]\ntarget = "keep"\npunctuation = "keep"\n')


def html_cases() -> list[dict]:
    cases = []
    for gold_file in sorted((DATA / "html_gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        page = SHARED_PAGES / gold["page"]
        if gold.get("skip") or not page.exists():
            continue
        cases.append(
            {"name": gold["page"], "group": "zh-news", "bytes": page.read_bytes(), "gold": gold["text"]}
        )
    for gold_file in sorted((DATA / "html_synth").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        page = gold_file.with_name(gold["page"])
        cases.append(
            {"name": gold["page"], "group": gold["group"], "bytes": page.read_bytes(), "gold": gold["text"]}
        )
    return cases


def trafilatura_system(**options):
    def run(data: bytes) -> str:
        return trafilatura.extract(data, include_comments=False, include_tables=True, **options) or ""

    return run


def refinery_system(config: Config):
    def run(data: bytes) -> str:
        record = RawRecord(id="eval", source_uri="eval", source_record=None, source_format="html", data=data)
        return process_record(record, config).text

    return run


refinery_html = refinery_system(EVAL_CONFIG)
DENSITY_CONFIG = EVAL_CONFIG.with_overrides({"extract": {"engine": "density"}})


def refinery_text(raw: str) -> str:
    return clean_lines(normalize_text(raw)[0], EVAL_CONFIG.boilerplate)[0]


def evaluate(cases, systems, field) -> dict[str, dict[str, dict]]:
    results: dict[str, dict[str, dict]] = defaultdict(dict)
    for system_name, system in systems.items():
        per_group: dict[str, list[tuple[str, Score]]] = defaultdict(list)
        started = time.perf_counter()
        for case in cases:
            per_group[case["group"]].append((case["name"], score(system(case[field]), case["gold"])))
        seconds = time.perf_counter() - started
        for group, scored in per_group.items():
            mean = mean_score([s for _, s in scored])
            results[group][system_name] = {
                "n": len(scored),
                "precision": round(mean.precision, 4),
                "recall": round(mean.recall, 4),
                "f1": round(mean.f1, 4),
                "worst": sorted(((round(s.f1, 3), name) for name, s in scored))[:5],
            }
        results["_seconds"][system_name] = round(seconds, 2)
    return results


def print_table(title: str, results: dict) -> None:
    print(f"\n## {title}")
    print("| group | system | n | precision | recall | F1 |\n|---|---|---|---|---|---|")
    for group, systems in results.items():
        if group.startswith("_"):
            continue
        for system, r in systems.items():
            scores = f"{r['precision']:.3f} | {r['recall']:.3f} | **{r['f1']:.3f}**"
            print(f"| {group} | {system} | {r['n']} | {scores} |")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--show-worst", type=int, default=0, help="list the N worst pages of refinery per group"
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()

    html = html_cases()
    html_systems = {
        "trafilatura": trafilatura_system(),
        "trafilatura precision": trafilatura_system(favor_precision=True),
        "trafilatura recall": trafilatura_system(favor_recall=True),
        "refinery": refinery_html,
        "refinery, density engine": refinery_system(DENSITY_CONFIG),
    }
    html_results = evaluate(html, html_systems, "bytes") if html else {}
    print_table(f"HTML main text ({len(html)} pages)", html_results)
    seconds = html_results.get("_seconds", {})
    print("seconds for all pages: " + ", ".join(f"{name} {value}" for name, value in seconds.items()))

    text_file = DATA / "text_eval" / "docs.jsonl"
    text_results = {}
    if text_file.exists():
        docs = [
            json.loads(line) for line in text_file.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        cases = [
            {"name": d["id"], "group": f"text-{d['lang']}", "raw": d["raw"], "gold": d["gold"]} for d in docs
        ]
        text_systems = {"no cleaning": lambda raw: normalize_text(raw)[0], "refinery": refinery_text}
        text_results = evaluate(cases, text_systems, "raw")
        print_table(f"Plain text ({len(cases)} documents)", text_results)

    if args.show_worst:
        for results in (html_results, text_results):
            for group, systems in results.items():
                if not group.startswith("_") and "refinery" in systems:
                    print(f"worst {group}: {systems['refinery']['worst'][: args.show_worst]}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"html": html_results, "text": text_results}, indent=2, ensure_ascii=False)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
