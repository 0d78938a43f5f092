"""Evaluate extraction and cleaning on every labelled set, side by side with the plain libraries.

Systems on HTML: plain `trafilatura.extract` (the reference), readability-lxml, resiliparse, the
other extractors of the package index that are installed (magic-html, its forum mode, GNE, jusText,
boilerpy3: `pip install` them to compare; magic-html needs `--ignore-requires-python` on 3.11), and
refinery's per-document pipeline with each extraction engine (script conversion, width folding,
corpus lines and dedup off, so only extraction and the line cleaner count). On plain text: no
cleaning against refinery's line cleaner.

Scores: token F1 against gold text (each CJK character one token, see scoring.py); on
trafilatura-eval, F over must-have/must-not snippets as trafilatura's own benchmark scores.
"worse" counts pages where a system is more than 0.05 below plain trafilatura (snippet sets: more
than one snippet worse). Splits (tuned/dev/held/new) are explained in pagesets.py: a `held` page is
never printed by name.

Page types: the set's label where it has one (community, html_pagetypes), else refinery's own
detector; forum pages are reported as "thread", article-comments as "comments".

Usage:  .venv/bin/python bench/eval_boilerplate.py [--systems a,b] [--sets a,b] [--show-worst N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pagesets import Case, all_html_cases, text_cases  # noqa: E402
from scoring import score  # noqa: E402

from refinery.transforms.boilerplate import clean_lines  # noqa: E402
from refinery.transforms.config import Config  # noqa: E402
from refinery.transforms.decode import declared_charset, decode_bytes  # noqa: E402
from refinery.transforms.document import RawRecord  # noqa: E402
from refinery.transforms.extract import html_block_lines, readability_text, resiliparse_text  # noqa: E402
from refinery.transforms.normalize import normalize_text  # noqa: E402
from refinery.transforms.pipeline import RecordError, process_record  # noqa: E402

# Keep the source script and punctuation (gold text is as the page wrote it); no corpus lines.
EVAL_CONFIG = Config.from_toml(
    '[script]\ntarget = "keep"\npunctuation = "keep"\n[boilerplate]\ncorpus_line_min_docs = 0\n'
)
WORSE_BY = 0.05


def decoded(data: bytes) -> str:
    return decode_bytes(data, declared=declared_charset(data)).text


def refinery(engine: str) -> Callable[[Case], str]:
    """refinery's text; on snippet-labelled pages with its title above it, since a title snippet is
    visible text that refinery keeps in its `title` column (the gold texts leave titles out)."""
    config = EVAL_CONFIG.with_overrides({"extract": {"engine": engine}})

    def run(case: Case) -> str:
        record = RawRecord(
            id="eval", source_uri="eval", source_record=None, content_type="html", data=case.data
        )
        try:
            document = process_record(record, config)
        except RecordError:  # an error row: nothing published
            return ""
        if case.gold is None and document.title:
            return f"{document.title}\n{document.text}"
        return document.text

    return run


def on_page(extract: Callable[[bytes], str]) -> Callable[[Case], str]:
    return lambda case: extract(case.data)


def library(extract: Callable[[bytes], str]) -> Callable[[Case], str]:
    """Another project's extractor: one that fails on a page scores that page as empty."""
    return lambda case: _quiet(lambda: extract(case.data))


def installed_libraries() -> dict[str, Callable[[Case], str]]:
    """Extractors from the package index that are installed here; none is a dependency of refinery."""
    systems: dict[str, Callable[[Case], str]] = {}
    try:
        from magic_html import GeneralExtractor

        magic = GeneralExtractor()
        systems["magic-html"] = library(lambda data: html_block_lines(magic.extract(decoded(data))["html"]))
        systems["magic-html forum"] = library(
            lambda data: html_block_lines(magic.extract(decoded(data), html_type="forum")["html"])
        )
    except ImportError:
        pass
    try:
        from gne import GeneralNewsExtractor

        gne = GeneralNewsExtractor()
        systems["gne"] = library(lambda data: gne.extract(decoded(data))["content"])
    except ImportError:
        pass
    try:
        import justext

        def jus(data: bytes) -> str:
            stop = justext.get_stoplist("English")
            paragraphs = justext.justext(decoded(data).encode("utf-8"), stop, encoding="utf-8")
            return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

        systems["justext"] = library(jus)
    except ImportError:
        pass
    try:
        from boilerpy3 import extractors

        article = extractors.ArticleExtractor(raise_on_failure=False)
        systems["boilerpy3"] = library(lambda data: article.get_content(decoded(data)))
    except ImportError:
        pass
    return systems


def _quiet(call: Callable[[], str]) -> str:
    try:
        return call() or ""
    except Exception:  # a library failing on a page scores that page as empty
        return ""


HTML_SYSTEMS: dict[str, Callable[[Case], str]] = {
    "trafilatura": on_page(
        lambda data: trafilatura.extract(data, include_comments=False, include_tables=True) or ""
    ),
    "readability": on_page(lambda data: readability_text(decoded(data))),
    "resiliparse": on_page(lambda data: resiliparse_text(decoded(data), "article")),
    **installed_libraries(),
    "refinery": refinery("ensemble"),
    "refinery trafilatura-only": refinery("trafilatura"),
    "refinery density": refinery("density"),
}
TEXT_SYSTEMS: dict[str, Callable[[Case], str]] = {
    "no cleaning": on_page(lambda raw: normalize_text(raw)[0]),
    "refinery": on_page(lambda raw: clean_lines(normalize_text(raw)[0], EVAL_CONFIG.boilerplate)[0]),
}


def snippet_counts(output: str, case: Case) -> tuple[int, int, int, int]:
    """(found must-have, missed must-have, found must-not, absent must-not), whitespace-blind."""
    text = " ".join(output.split())
    found = sum(" ".join(s.split()) in text for s in case.must_have)
    leaked = sum(" ".join(s.split()) in text for s in case.must_not)
    return found, len(case.must_have) - found, leaked, len(case.must_not) - leaked


def page_value(output: str, case: Case) -> float:
    """One page's score for the worse-than-reference count: F1, or snippets right minus wrong."""
    if case.gold is not None:
        return score(output, case.gold).f1
    found, _, leaked, _ = snippet_counts(output, case)
    return found - leaked


def summarize(cases: list[Case], outputs: dict[str, str]) -> dict:
    if cases[0].gold is not None:
        scores = [score(outputs[case.key], case.gold) for case in cases]
        return {
            "precision": statistics.fmean(s.precision for s in scores),
            "recall": statistics.fmean(s.recall for s in scores),
            "f1": statistics.fmean(s.f1 for s in scores),
        }
    counts = [snippet_counts(outputs[case.key], case) for case in cases]
    found, missed, leaked = (sum(count[i] for count in counts) for i in range(3))
    precision = found / max(found + leaked, 1)
    recall = found / max(found + missed, 1)
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / max(precision + recall, 1e-9),
    }


def worse_pages(cases: list[Case], outputs: dict[str, str], reference: dict[str, str]) -> list[str]:
    margin = WORSE_BY if cases[0].gold is not None else 1
    return [
        case.key
        for case in cases
        if page_value(outputs[case.key], case) < page_value(reference[case.key], case) - margin
    ]


def run_systems(cases: list[Case], systems: dict[str, Callable]) -> tuple[dict, dict]:
    outputs: dict[str, dict[str, str]] = {}
    ms_per_page: dict[str, float] = {}
    for name, system in systems.items():
        started = time.perf_counter()
        outputs[name] = {case.key: system(case) for case in cases}
        ms_per_page[name] = 1000 * (time.perf_counter() - started) / max(len(cases), 1)
        print(f"  {name}: {ms_per_page[name]:.1f} ms per page", file=sys.stderr)
    return outputs, ms_per_page


def report(
    title: str, cases: list[Case], outputs: dict, reference: str, group_of: Callable[[Case], str]
) -> dict:
    groups: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        groups[group_of(case)].append(case)
    print(f"\n## {title}\n")
    print(f"| set | split | n | system | precision | recall | F1 | worse than {reference} |")
    print("|---|---|---|---|---|---|---|---|")
    results = {}
    for group, members in sorted(groups.items()):
        for system, system_outputs in outputs.items():
            summary = summarize(members, system_outputs)
            worse = worse_pages(members, system_outputs, outputs[reference])
            shown = [key for key in worse if "held" not in group]  # held pages are never named
            results.setdefault(group, {})[system] = summary | {
                "n": len(members),
                "worse": len(worse),
                "worse_pages": shown,
            }
            s, split = group.rsplit(" ", 1) if " " in group else (group, "")
            print(
                f"| {s} | {split} | {len(members)} | {system} | {summary['precision']:.3f} | "
                f"{summary['recall']:.3f} | **{summary['f1']:.3f}** | {len(worse)} |"
            )
    return results


_TYPE_NAMES = {"forum": "thread", "article-comments": "comments"}


def page_type_of(case: Case) -> str:
    """The labelled type where the set has one, else what refinery's detector says; the scoring kind
    and split follow, since F1 and snippet figures do not average together."""
    from refinery.transforms.pagetype import page_type

    kind = case.page_type or page_type(decoded(case.data))
    scoring = "gold F1" if case.gold is not None else "snippets"
    return f"{_TYPE_NAMES.get(kind, kind)} ({scoring}) {case.split}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--systems", help="comma-separated HTML systems to run (default: all)")
    parser.add_argument(
        "--show-worst", type=int, default=0, help="list refinery's N worst non-held pages per set"
    )
    parser.add_argument("--sets", help="comma-separated HTML sets to run, e.g. community (default: all)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()

    systems = HTML_SYSTEMS
    if args.systems:
        wanted = [name.strip() for name in args.systems.split(",")]
        unknown = [name for name in wanted if name not in HTML_SYSTEMS]
        if unknown:
            parser.error(f"unknown systems {unknown}; choose from {list(HTML_SYSTEMS)}")
        systems = {name: HTML_SYSTEMS[name] for name in ["trafilatura", *wanted] if name in HTML_SYSTEMS}

    html = all_html_cases()
    if args.sets:
        wanted_sets = {name.strip() for name in args.sets.split(",")}
        html = [case for case in html if case.set.split(":")[0] in wanted_sets]
    print(f"HTML: {len(html)} pages", file=sys.stderr)
    outputs, ms_per_page = run_systems(html, systems)
    results = {
        "html": report("HTML main text, by set", html, outputs, "trafilatura", lambda c: f"{c.set} {c.split}")
    }
    results["html_by_type"] = report(
        "HTML main text, by page type and split (all sets)", html, outputs, "trafilatura", page_type_of
    )
    print("\nms per page: " + ", ".join(f"{name} {ms:.1f}" for name, ms in ms_per_page.items()))

    texts = text_cases()
    text_outputs, _ = run_systems(texts, TEXT_SYSTEMS)
    results["text"] = report("Plain text", texts, text_outputs, "no cleaning", lambda c: f"{c.set} {c.split}")

    if args.show_worst and "refinery" in outputs:
        for case_set in sorted({case.set for case in html}):
            shown = [c for c in html if c.set == case_set and c.split != "held"]
            ranked = sorted((page_value(outputs["refinery"][c.key], c), c.name) for c in shown)
            print(f"worst {case_set}: {[(round(v, 3), n) for v, n in ranked[: args.show_worst]]}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        results["ms_per_page"] = ms_per_page
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
