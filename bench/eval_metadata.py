"""How the page metadata refinery publishes (title, author, date, site name) compares with
trafilatura's own metadata search, which it replaced (transforms/metadata.declared_metadata).

For every labelled page (bench/pagesets.py), both are put through the same cleaning refinery
applies (clean_title, clean_person, clean_sitename) and compared field by field: the same value,
both empty, only one found, or two different values. Also the milliseconds each takes per page.
No gold metadata exists for these pages: this says how much the output moved, not which is right.

Usage:  .venv/bin/python bench/eval_metadata.py [--show 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import trafilatura  # noqa: E402
from pagesets import all_html_cases  # noqa: E402

from refinery.transforms.decode import decode_bytes  # noqa: E402
from refinery.transforms.metadata import clean_person, clean_sitename, clean_title, declared_metadata  # noqa: E402
from refinery.transforms.threads import parse_page  # noqa: E402

FIELDS = ("title", "author", "date", "sitename")


def trafilatura_fields(html: str) -> dict[str, str | None]:
    result = trafilatura.bare_extraction(html, fast=True, with_metadata=True, deduplicate=False)
    found = result.as_dict() if result is not None else {}
    return {
        "title": clean_title(found.get("title"), found.get("sitename")),
        "author": clean_person(found.get("author")),
        "date": found.get("date") or None,
        "sitename": clean_sitename(found.get("sitename")),
    }


def declared_fields(html: str) -> dict[str, str | None]:
    root = parse_page(html)
    if root is None:
        return dict.fromkeys(FIELDS)
    declared = declared_metadata(root)
    return {
        "title": clean_title(declared.title, declared.sitename),
        "author": clean_person(declared.author),
        "date": declared.date,
        "sitename": clean_sitename(declared.sitename),
    }


def outcome(mine: str | None, theirs: str | None) -> str:
    if mine == theirs:
        return "same" if mine else "both empty"
    if not mine or not theirs:
        return "only trafilatura" if theirs else "only refinery"
    return "different"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--show", type=int, default=0, help="print N differing titles of non-held pages")
    args = parser.parse_args()
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    seconds = Counter()
    shown = 0
    for case in all_html_cases():
        html = case.data if isinstance(case.data, str) else decode_bytes(case.data).text
        start = time.perf_counter()
        theirs = trafilatura_fields(html)
        middle = time.perf_counter()
        mine = declared_fields(html)
        seconds["trafilatura's search (with its extraction)"] += middle - start
        seconds["declared (with parsing)"] += time.perf_counter() - middle
        for field in FIELDS:
            result = outcome(mine[field], theirs[field])
            outcomes[field][result] += 1
            if field == "title" and result == "different" and shown < args.show and case.split != "held":
                print(f"{case.name}: refinery {mine[field]!r} | trafilatura {theirs[field]!r}")
                shown += 1
    pages = sum(outcomes["title"].values())
    print(f"{pages} pages")
    print(
        "| field | same | both empty | different | only refinery | only trafilatura |\n|---|---|---|---|---|---|"
    )
    for field in FIELDS:
        counts = outcomes[field]
        cells = [
            counts[key] for key in ("same", "both empty", "different", "only refinery", "only trafilatura")
        ]
        print(f"| {field} | " + " | ".join(str(n) for n in cells) + " |")
    for name, total in seconds.items():
        print(f"{name}: {total / pages * 1000:.1f} ms per page")


if __name__ == "__main__":
    main()
