"""Dedup's canonical form: what two copies of a text share whatever script, regional phrasing,
width, case, spacing and punctuation each was published in.

Exact hashes, MinHash signatures and paragraph keys are computed on it, never on the published
text, so a Traditional copy phrased the Taiwan way (資料, 程式) meets its Simplified original
(数据, 程序) whether a run publishes Simplified, Traditional or each document as it came.

The "zh" form: OpenCC t2s, then transforms/data/canonical_zh.txt (regional words and variant
characters folded to one mainland form, generated from OpenCC's dictionaries and a Taiwan/mainland
vocabulary by bench/make_canonical_table.py), then case folding; then, line by line, spaces, punctuation,
symbols and controls are dropped and what is left is width folded (NFKC). The "plain" form skips
the script folding. `recipe()` names the form with its table's digest: dedup indexes and the
configuration hash carry it, so keys made by another recipe are never compared with these.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import opencc
import xxhash

from .chars import HAN
from .hashing import strip_marks, strip_marks_by_line
from .unify import converter

_HAN = re.compile(rf"[{HAN}]")
_TABLE = "data/canonical_zh.txt"
MIN_KEYED_LINE_CHARS = 6  # shorter lines ("一、总则", "（完）") are too common to count


@cache
def _regional_folder() -> opencc.OpenCC:
    """OpenCC with only refinery's table: segmentation and replacement in C++, longest match first."""
    return opencc.OpenCC(str(resources.files(__package__).joinpath("data/canonical_zh.json")))


@cache
def recipe(form: str) -> str:
    """What the canonical form does, precisely enough to tell two versions of it apart."""
    if form == "plain":
        return "plain:casefold+strip-marks+nfkc"
    table = hashlib.sha256(resources.files(__package__).joinpath(_TABLE).read_bytes()).hexdigest()[:12]
    return f"zh:opencc-{opencc.__version__}-t2s+canonical_zh-{table}+casefold+strip-marks+nfkc"


def fold(text: str, form: str = "zh") -> str:
    """Script and case folded text: line breaks, spaces and punctuation are still there."""
    if form == "zh" and _HAN.search(text):
        text = _regional_folder().convert(converter("t2s").convert(text))
    return text.casefold()


def compact(folded: str) -> str:
    """A folded text without spaces, punctuation, symbols and controls, width folded (NFKC).

    NFKC runs after the marks are gone: on Chinese text it would mostly rewrite full-width
    punctuation, which is dropped anyway, at five times the cost of everything else here."""
    stripped = strip_marks(folded)
    if unicodedata.is_normalized("NFKC", stripped):
        return stripped
    return strip_marks(unicodedata.normalize("NFKC", stripped).casefold())


def compact_lines(text: str, folded: str, form: str) -> list[str]:
    """Each line of `text` in canonical form, from `folded` (fold(text, form))."""
    lines = folded.split("\n")
    if len(lines) != text.count("\n") + 1:  # folding never moves a line break; if it did, go line by line
        return [compact(fold(line, form)) for line in text.split("\n")]
    stripped = strip_marks_by_line(folded)
    # NFKC never reaches across a line break, so the lines are normalized when all of them are
    if stripped is not None and all(map(_nfkc_normalized, stripped)):
        return stripped
    return [compact(line) for line in lines]


def _nfkc_normalized(line: str) -> bool:
    return unicodedata.is_normalized("NFKC", line)


def line_key(compact_line: str) -> int | None:
    """A paragraph's key: the hash of its canonical form; None when too short to count."""
    if len(compact_line) < MIN_KEYED_LINE_CHARS:
        return None
    return xxhash.xxh3_64_intdigest(compact_line.encode("utf-8", "surrogatepass"))


@dataclass(frozen=True, slots=True)
class CanonicalText:
    """A text's canonical form, from one folding: what every dedup key is computed on."""

    folded: str  # the script-folded text (MinHash shingles it)
    lines: list[str]  # each line in compact canonical form

    @property
    def whole(self) -> str:
        """What the exact key hashes."""
        return "".join(self.lines)

    def line_keys(self) -> list[int | None]:
        """Each line's paragraph key (None for a line too short to count)."""
        return [line_key(line) for line in self.lines]


@lru_cache(maxsize=4)
def canonical_text(text: str, form: str = "zh") -> CanonicalText:
    """Cached for the last few texts: the flagged-word signals and the dedup columns of one
    document fold the same text."""
    folded = fold(text, form)
    return CanonicalText(folded, compact_lines(text, folded, form))


def load_canonical_tables() -> None:
    """Load the OpenCC tables once per process, before the first document is timed."""
    converter("t2s")
    _regional_folder()
