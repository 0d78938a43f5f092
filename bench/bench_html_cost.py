"""Cost per HTML page of the per-document pipeline, this tree against an earlier commit.

Each round runs every labelled page (bench/pagesets.py: the 499 pages of gne-zh-news with its gold,
html_synth, html_pagetypes, readability and trafilatura-eval; with --all also community and
html_threads) through `process_record` in a fresh process, once with this tree and once with the
earlier commit checked out in a temporary worktree, alternating which goes first. Imports and
table loading are outside the clock. Each process times two passes over the pages: the first
also pays for what loads on first use (lingua's models, per language: ~3 ms a page here), the second
is a long-running worker's cost per page. Prints the median milliseconds per page of each side and
their ratio, for both passes. Run it on a quiet machine: the two sides share its cores with anything else.

Usage:  .venv/bin/python bench/bench_html_cost.py --against 7fbcab3 [--rounds 5] [--all]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs in the child: imports refinery from PACKAGE (a folder holding refinery/) when given.
_CHILD = r"""
import json, sys, time
package, include_all = sys.argv[1], sys.argv[2] == "all"
if package:
    sys.path.insert(0, package)
sys.path.insert(0, BENCH)
import pagesets
from refinery.transforms.config import Config
from refinery.transforms.document import RawRecord
from refinery.transforms.pipeline import load_resources, process_record

cases = pagesets.gne_cases() + pagesets.synthetic_cases("html_synth", "tuned")
cases += pagesets.synthetic_cases("html_pagetypes", "dev") + pagesets.readability_cases()
cases += pagesets.trafilatura_eval_cases()
if include_all:
    cases += pagesets.community_cases() + pagesets.synthetic_cases("html_threads", None)
config = Config()
load_resources(config)
records = [
    RawRecord(id=c.key, source_uri=c.key, source_record=None, content_type="html", data=c.data)
    for c in cases
]
process_record(records[0], config)
spent = []
for _ in range(2):  # cold: the first pass also loads what loads lazily (lingua's models); warm
    started = time.process_time()
    for record in records:
        process_record(record, config)
    spent.append(1000 * (time.process_time() - started) / len(records))
print(json.dumps({"pages": len(records), "ms": spent[0], "warm_ms": spent[1]}))
"""


# The first pass over the pages in a fresh process, and the second: what a long-running worker pays
# per page once everything that loads on first use (lingua's models, per language) has loaded.
CLOCKS = {"ms": "first pass", "warm_ms": "second pass"}


def measure(package: str, include_all: bool) -> dict:
    code = _CHILD.replace("BENCH", repr(str(ROOT / "bench")))
    output = subprocess.run(
        [sys.executable, "-c", code, package, "all" if include_all else "labelled"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def baseline_package(ref: str, folder: Path) -> str:
    """A folder holding refinery/ as `ref` had it, from a temporary worktree."""
    tree = folder / "tree"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), ref], check=True)
    package = folder / "package" / "refinery"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text((tree / "refinery" / "__init__.py").read_text())
    (package / "transforms").symlink_to(tree / "transforms")
    (package / "flows").symlink_to(tree / "flows")
    return str(package.parent)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--against", required=True, help="the earlier commit, e.g. 7fbcab3 (0.6.0's last)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--all", action="store_true", help="also the community and html_threads pages")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        baseline = baseline_package(args.against, Path(scratch))
        try:
            sides = [("this tree", ""), (args.against, baseline)]
            runs: dict[tuple[str, str], list[float]] = {
                (name, clock): [] for name, _ in sides for clock in CLOCKS
            }
            pages = 0
            for round_number in range(args.rounds):
                for name, package in sides if round_number % 2 == 0 else sides[::-1]:
                    result = measure(package, args.all)
                    for clock in CLOCKS:
                        runs[name, clock].append(result[clock])
                    pages = result["pages"]
                    print(
                        f"round {round_number + 1}: {name} {result['ms']:.1f} ms per page, "
                        f"{result['warm_ms']:.1f} warm",
                        file=sys.stderr,
                    )
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(Path(scratch) / "tree")]
            )
    print(f"{pages} pages, median of {args.rounds} interleaved rounds, CPU ms per page:")
    for clock, label in CLOCKS.items():
        ours, theirs = (statistics.median(runs[name, clock]) for name, _ in sides)
        print(f"  {label}: this tree {ours:.1f}, {args.against} {theirs:.1f}, ratio {ours / theirs:.3f}")
        for name, _ in sides:
            print(f"    {name} runs {', '.join(f'{m:.1f}' for m in runs[name, clock])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
