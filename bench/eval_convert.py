"""Evaluate Traditional→Simplified conversion: character accuracy per OpenCC configuration.

Labelled data:
  bench/data/convert_eval/pairs.jsonl       Taiwan/Hong Kong sentences with hand-made Simplified gold
  bench/data/convert_eval/ambiguous.jsonl   sentences with word-dependent characters (著/着, 乾/干, 衞 ...):
                                            dev and held halves by the SHA-1 of the id (first byte odd: held)
  bench/data/lang_eval/mixed.jsonl          Simplified articles with one Traditional paragraph (hans-with-hant)
  bench/data/convert_eval/quotes.jsonl      Taiwan sentences with 「」/『』 quotes and mainland gold
  ../shared/data/opencc-testcases.json      OpenCC's own cases (t2s, tw2s, hk2s, tw2sp), when present
  ../shared/data/taiwan-mainland-vocab.json 788 Taiwan/mainland word pairs (regional phrasing), when present
  bench/data/lang_eval/paragraphs.jsonl     Japanese and Korean paragraphs: must never be altered

Usage:  .venv/bin/python bench/eval_convert.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pagesets import split_of  # noqa: E402  (the dev/held rule of every labelled set)

from refinery.transforms.config import Config  # noqa: E402
from refinery.transforms.document import RawRecord  # noqa: E402
from refinery.transforms.pipeline import process_record  # noqa: E402
from refinery.transforms.unify import converter, unify_script  # noqa: E402

DATA = ROOT / "bench" / "data"
SHARED = ROOT.parent / "shared" / "data"


def char_accuracy(pairs: list[tuple[str, str]], convert) -> tuple[float, int]:
    """Share of gold characters reproduced at their position (pairs keep their length); and the
    number of sentences with any error."""
    right = total = wrong_sentences = 0
    for source, gold in pairs:
        got = convert(source)
        if len(got) != len(gold):
            wrong_sentences += 1
            total += len(gold)
            continue
        hits = sum(a == b for a, b in zip(got, gold, strict=True))
        right += hits
        total += len(gold)
        wrong_sentences += hits != len(gold)
    return right / max(total, 1), wrong_sentences


def refinery_auto(text: str) -> str:
    return unify_script(text, "hans", region="auto")[0]


def load(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


SYSTEMS = {
    "t2s": lambda text: converter("t2s").convert(text),
    "tw2s": lambda text: converter("tw2s").convert(text),
    "hk2s": lambda text: converter("hk2s").convert(text),
    "refinery (region auto)": refinery_auto,
}


def report_ambiguous(rows: list[dict]) -> None:
    halves = {split: [r for r in rows if split_of(r["id"]) == split] for split in ("dev", "held")}
    print(
        f"\n## Word-dependent characters ({len(halves['dev'])} dev, {len(halves['held'])} held sentences): "
        "character accuracy, sentences with an error"
    )
    print("| system | dev | held | all |\n|---|---|---|---|")
    for name, convert in SYSTEMS.items():
        cells = []
        for part in (halves["dev"], halves["held"], rows):
            acc, bad = char_accuracy([(r["traditional"], r["simplified"]) for r in part], convert)
            cells.append(f"{acc:.4f} ({bad})")
        print(f"| {name} | {' | '.join(cells)} |")


_QUOTES = str.maketrans("「」『』", "“”‘’")


def report_traditional_paragraphs(items: list[dict]) -> None:
    """A Simplified article with one Traditional paragraph: how close does that paragraph come to its
    hand-written Simplified original? The gold keeps 「」 where refinery writes mainland “” (measured on
    its own above), so quotation marks are folded before comparing."""
    items = [item for item in items if item.get("kind") == "hans-with-hant"]
    if not items:
        return
    systems = {"left as it is (refinery 0.6.0)": lambda text: text, **SYSTEMS}
    print(f"\n## A Traditional paragraph inside a Simplified article ({len(items)} articles)")
    print("| system | paragraph, dev | paragraph, held | rest of the article unchanged |\n|---|---|---|---|")
    for name, convert in systems.items():
        cells = []
        for split in ("dev", "held"):
            pairs = []
            for item in (i for i in items if split_of(i["id"]) == split):
                index = item["hant_paragraph"]
                got = convert(item["text"]).split("\n\n")
                paragraph = got[index] if len(got) > index else ""
                gold = item["simplified"].split("\n\n")[index]
                pairs.append((paragraph.translate(_QUOTES), gold.translate(_QUOTES)))
            cells.append(f"{char_accuracy(pairs, lambda text: text)[0]:.4f}")
        untouched = sum(
            all(
                got == original
                for number, (got, original) in enumerate(
                    zip(convert(item["text"]).split("\n\n"), item["text"].split("\n\n"), strict=False)
                )
                if number != item["hant_paragraph"]
            )
            for item in items
        )
        print(f"| {name} | {cells[0]} | {cells[1]} | {untouched}/{len(items)} |")


def main() -> int:
    pairs_file = DATA / "convert_eval" / "pairs.jsonl"
    if pairs_file.exists():
        rows = [
            json.loads(line) for line in pairs_file.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        print(f"## Hand-made pairs ({len(rows)} sentences): character accuracy, sentences with an error")
        print("| system | all | tw | hk |\n|---|---|---|---|")
        for name, convert in SYSTEMS.items():
            cells = []
            for region in (None, "tw", "hk"):
                subset = [(r["traditional"], r["simplified"]) for r in rows if region in (None, r["region"])]
                acc, bad = char_accuracy(subset, convert)
                cells.append(f"{acc:.4f} ({bad})")
            print(f"| {name} | {' | '.join(cells)} |")
        started = time.perf_counter()
        for row in rows * 10:
            refinery_auto(row["traditional"])
        print(f"conversion speed: {len(rows) * 10 / (time.perf_counter() - started):,.0f} sentences/s")

    ambiguous = load(DATA / "convert_eval" / "ambiguous.jsonl")
    if ambiguous:
        report_ambiguous(ambiguous)
    report_traditional_paragraphs(load(DATA / "lang_eval" / "mixed.jsonl"))

    quotes_file = DATA / "convert_eval" / "quotes.jsonl"
    if quotes_file.exists():
        rows = [json.loads(line) for line in quotes_file.read_text(encoding="utf-8").splitlines() if line]
        subset = [(r["traditional"], r["simplified"]) for r in rows]
        print(f"\n## Quotation marks ({len(rows)} sentences): character accuracy, sentences with an error")
        for name, convert in (("tw2s", converter("tw2s").convert), ("refinery (region auto)", refinery_auto)):
            acc, bad = char_accuracy(subset, convert)
            print(f"  {name}: {acc:.4f} ({bad})")

    cases_file = SHARED / "opencc-testcases.json"
    if cases_file.exists():
        cases = json.loads(re.sub(r",(\s*[\]}])", r"\1", cases_file.read_text(encoding="utf-8")))["cases"]
        print("\n## OpenCC's own test cases (a check that the installed OpenCC and its configs behave)")
        for config in ("t2s", "tw2s", "hk2s", "tw2sp", "s2t"):
            subset = [(c["input"], c["expected"][config]) for c in cases if config in c["expected"]]
            if subset:
                exact = sum(converter(config).convert(a) == b for a, b in subset)
                print(f"  {config}: {exact}/{len(subset)} exact")

    vocab_file = SHARED / "taiwan-mainland-vocab.json"
    if vocab_file.exists():
        vocab = json.loads(vocab_file.read_text(encoding="utf-8"))
        words = [
            (v["taiwanese"], v["chinese"]) for v in vocab if v["taiwanese"] and "、" not in v["taiwanese"]
        ]
        for config in ("tw2s", "tw2sp"):
            hits = sum(converter(config).convert(tw) == converter("t2s").convert(cn) for tw, cn in words)
            print(f"  regional phrasing, {config}: {hits}/{len(words)} Taiwan words become the mainland word")

    paragraphs = DATA / "lang_eval" / "paragraphs.jsonl"
    if paragraphs.exists():
        items = [
            json.loads(line) for line in paragraphs.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        cjk = [i for i in items if i["lang"] in ("ja", "ko")]
        config = Config.from_toml('[script]\npunctuation = "keep"\n')
        altered = 0
        for item in cjk:
            document = process_record(
                RawRecord(item["id"], "eval", None, "text", item["text"].encode()), config
            )
            altered += document.converted is not None or document.text != item["text"].strip()
        print(f"\nJapanese/Korean paragraphs altered by the pipeline: {altered}/{len(cjk)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
