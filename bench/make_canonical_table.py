"""Build transforms/data/canonical_zh.txt: the regional words and variant characters that dedup's
canonical form folds together, from OpenCC's own dictionaries (Apache-2.0) and a Taiwan/mainland
vocabulary (aronhack/Chinese-Vocabulary-Radar, MIT; ../shared/data/taiwan-mainland-vocab.json).

The canonical form (transforms/canonical.py) first converts any text to Simplified characters with
OpenCC t2s, then applies this table. So the table is written in Simplified characters: every
regional word (Taiwan 資料 and mainland 数据, Hong Kong and standard forms) and every variant
character, after t2s, maps to one representative of its class, a mainland form where the class
has one. A Taiwan-phrased copy (s2twp), a Hong Kong copy (s2hk) and the Simplified original then
fold to the same text, whichever script the pipeline publishes.

Classes are the connected parts of the graph whose edges are the dictionaries' pairs; the
representative is a mainland member, OpenCC's before the vocabulary's, then the shortest, then first. From the vocabulary only pairs of
two or more Han characters on both sides are taken (its other entries are slang with several
readings or English). A wrong pair costs little: both copies of a text fold the same way, so it
can only make two different texts a little more alike. Rebuild when OpenCC is upgraded:

    .venv/bin/python bench/make_canonical_table.py [--vocab ../shared/data/taiwan-mainland-vocab.json]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "transforms" / "data" / "canonical_zh.txt"
OPENCC = Path(opencc.__file__).parent / "clib"
# (dictionary, which side is the mainland/standard form): "key" or "values"
PHRASES = [("TWPhrases", "key"), ("TWPhrasesRev", "values"), ("HKPhrases", "key"), ("HKPhrasesRev", "values")]
VARIANTS = ["TWVariants", "TWVariantsRev", "HKVariants", "HKVariantsRev"]
VOCABULARY = ROOT.parent / "shared" / "data" / "taiwan-mainland-vocab.json"
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


def read_dictionary(name: str) -> list[tuple[str, list[str]]]:
    """A compiled OpenCC dictionary as (key, values) pairs, through OpenCC's own opencc_dict tool."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{name}.txt"
        subprocess.run(
            [
                OPENCC / "bin" / "opencc_dict",
                "-i",
                OPENCC / "share" / "opencc" / f"{name}.ocd2",
                "-o",
                out,
                "-f",
                "ocd2",
                "-t",
                "text",
            ],
            check=True,
        )
        rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if line]
    return [(key, values.split(" ")) for key, values in rows]


class Classes:
    """Union-find over words; a class is standard when it holds a mainland word."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.standard_roots: set[str] = set()

    def standard(self, word: str) -> bool:
        return self.find(word) in self.standard_roots

    def find(self, word: str) -> str:
        self.parent.setdefault(word, word)
        while self.parent[word] != word:
            self.parent[word] = self.parent[self.parent[word]]
            word = self.parent[word]
        return word

    def join(self, a: str, b: str, standard: bool = False) -> None:
        first, second = self.find(a), self.find(b)
        self.parent[first] = second
        if standard or first in self.standard_roots:
            self.standard_roots.add(second)


def vocabulary_pairs(path: Path | None) -> list[tuple[str, str]]:
    """(mainland, Taiwan) word pairs of the vocabulary file, Han words only."""
    if path is None:
        return []
    entries = json.loads(path.read_text(encoding="utf-8"))
    return [
        (entry["chinese"], entry["taiwanese"])
        for entry in entries
        if _HAN_WORD.fullmatch(entry["chinese"]) and _HAN_WORD.fullmatch(entry["taiwanese"])
    ]


def build(vocabulary: Path | None) -> list[tuple[str, str]]:
    t2s = opencc.OpenCC("t2s").convert
    classes = Classes()
    rank: dict[str, int] = {}  # 0: OpenCC's mainland form, 1: the vocabulary's, absent: other
    opencc_pairs = []
    for name, standard_side in PHRASES:
        for key, values in read_dictionary(name):
            opencc_pairs += [(key, value) if standard_side == "key" else (value, key) for value in values]
    for source, pairs in enumerate((opencc_pairs, vocabulary_pairs(vocabulary))):
        for standard, regional in pairs:
            ends = t2s(standard), t2s(regional)
            if source and len({classes.find(end) for end in ends}) == 2 and all(map(classes.standard, ends)):
                continue  # a vocabulary pair never joins two mainland words OpenCC keeps apart (鼠标, 光标)
            rank.setdefault(ends[0], source)
            classes.join(*ends, standard=True)
    for name in VARIANTS:
        for key, values in read_dictionary(name):
            for value in values[:1]:  # the first reading only: 么 → 幺 麼 must not join 幺 and 麼
                classes.join(t2s(key), t2s(value))
    members: dict[str, list[str]] = {}
    for word in classes.parent:
        members.setdefault(classes.find(word), []).append(word)
    table = []
    for words in members.values():
        representative = min(words, key=lambda w: (rank.get(w, 2), len(w), w))
        table += [(word, representative) for word in words if word != representative]
    return sorted(table)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--vocab", type=Path, default=VOCABULARY if VOCABULARY.exists() else None)
    args = parser.parse_args()
    table = build(args.vocab)
    # OpenCC text dictionaries have no comment syntax: where the table comes from is said here.
    TARGET.write_text(
        "".join(f"{word}\t{representative}\n" for word, representative in table), encoding="utf-8"
    )
    print(f"{len(table)} entries written to {TARGET.relative_to(ROOT)} (vocabulary: {args.vocab})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
