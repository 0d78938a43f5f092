"""Build transforms/data/canonical_zh.txt: the regional words and variant characters that dedup's
canonical form folds together, from OpenCC's own dictionaries (Apache-2.0).

The canonical form (transforms/canonical.py) first converts any text to Simplified characters with
OpenCC t2s, then applies this table. So the table is written in Simplified characters: every
regional word (Taiwan 資料 and mainland 数据, Hong Kong and standard forms) and every variant
character, after t2s, maps to one representative of its class, a mainland form where the class
has one. A Taiwan-phrased copy (s2twp), a Hong Kong copy (s2hk) and the Simplified original then
fold to the same text, whichever script the pipeline publishes.

Classes are the connected parts of the graph whose edges are the dictionaries' pairs; the
representative is the shortest, then first, mainland member. Rebuild when OpenCC is upgraded:

    .venv/bin/python bench/make_canonical_table.py
"""

from __future__ import annotations

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
    """Union-find over words."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, word: str) -> str:
        self.parent.setdefault(word, word)
        while self.parent[word] != word:
            self.parent[word] = self.parent[self.parent[word]]
            word = self.parent[word]
        return word

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def build() -> list[tuple[str, str]]:
    t2s = opencc.OpenCC("t2s").convert
    classes = Classes()
    mainland: set[str] = set()
    for name, standard_side in PHRASES:
        for key, values in read_dictionary(name):
            for value in values:
                standard, regional = (key, value) if standard_side == "key" else (value, key)
                mainland.add(t2s(standard))
                classes.join(t2s(standard), t2s(regional))
    for name in VARIANTS:
        for key, values in read_dictionary(name):
            for value in values[:1]:  # the first reading only: 么 → 幺 麼 must not join 幺 and 麼
                classes.join(t2s(key), t2s(value))
    members: dict[str, list[str]] = {}
    for word in classes.parent:
        members.setdefault(classes.find(word), []).append(word)
    table = []
    for words in members.values():
        preferred = [w for w in words if w in mainland] or words
        representative = min(preferred, key=lambda w: (len(w), w))
        table += [(word, representative) for word in words if word != representative]
    return sorted(table)


def main() -> int:
    table = build()
    # OpenCC text dictionaries have no comment syntax: where the table comes from is said here.
    TARGET.write_text(
        "".join(f"{word}\t{representative}\n" for word, representative in table), encoding="utf-8"
    )
    print(f"{len(table)} entries written to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
