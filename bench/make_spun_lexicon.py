"""Build transforms/data/spun_lexicon.json: the spun-text detector's reference, from clean-text word counts.

The counts come from jieba's dictionary (MIT licence; word frequencies counted on segmented clean Chinese
text, People's Daily among it). For every swap pair of transforms/data/spun_pairs.tsv it records how often
clean text uses the original and the spun form, and which longer dictionary words contain either form
(so "取" in "取得" or "在" in "现在" is not counted as a stand-alone use).

    .venv/bin/pip download jieba==0.42.1 --no-deps -d /tmp/jieba && tar xzf /tmp/jieba/jieba-0.42.1.tar.gz -C /tmp/jieba
    .venv/bin/python bench/make_spun_lexicon.py /tmp/jieba/jieba-0.42.1/jieba/dict.txt
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "transforms" / "data" / "spun_pairs.tsv"
TARGET = ROOT / "transforms" / "data" / "spun_lexicon.json"
MIN_WORD_COUNT = 30  # rarer dictionary words do not shield a form from counting
MAX_EXTRA_CHARS = 4  # longer words considered: up to this many characters around the form


def read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            original, spun = line.split("\t")
            pairs.append((original, spun))
    return pairs


def read_dictionary(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, count, *_ = line.split(" ")
        counts[word] = int(count)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dictionary", type=Path, help="jieba's dict.txt (word count tag per line)")
    args = parser.parse_args()
    if not args.dictionary.is_file():
        print(f"error: {args.dictionary} is not a file", file=sys.stderr)
        return 2
    counts = read_dictionary(args.dictionary)
    pairs = read_pairs(PAIRS)
    forms = {form for pair in pairs for form in pair}
    longer = sorted(
        word
        for word, count in counts.items()
        if count >= MIN_WORD_COUNT
        and any(form in word and len(form) < len(word) <= len(form) + MAX_EXTRA_CHARS for form in forms)
    )
    lexicon = {
        "source": "jieba 0.42.1 dict.txt, word counts on segmented clean text",
        "licence": "counts from jieba, MIT licence, Copyright (c) 2013 Sun Junyi",
        "pairs": [[original, spun, counts.get(original, 0), counts.get(spun, 0)] for original, spun in pairs],
        "longer_words": longer,
    }
    TARGET.write_text(json.dumps(lexicon, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(pairs)} pairs, {len(longer)} longer words -> {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
