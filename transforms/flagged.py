"""Flagged words: how much of a document, and of its worst line, is made of words from spam lists
(gambling, adult services, fake documents), the signal ChineseWebText and Data-Juicer filter on.

Words and text are compared in dedup's canonical form (transforms/canonical.py: OpenCC t2s,
regional words, case and width folded, spaces and punctuation dropped), in one Aho-Corasick pass
per line, so 賭場, ＡＶ女優 and 博 彩 count as 赌场, av女优 and 博彩. The lists are refinery's small
default (transforms/data/flagged_zh.txt) and the user's own files, loaded once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ahocorasick_rs import AhoCorasick, MatchKind

from .canonical import canonical_text, compact, fold

BUILTIN = "data/flagged_zh.txt"
MIN_LINE_CHARS = 10  # a shorter line ("博彩", a tag) says too little to be the worst one


@dataclass(frozen=True)
class FlaggedWords:
    finder: AhoCorasick
    words: int


def read_list(text: str) -> list[str]:
    """The terms of a list file: one per line; blank lines and `#` comments skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@cache
def flagged_words(builtin: bool, paths: tuple[str, ...]) -> FlaggedWords | None:
    """The words of the default list (`builtin`) and of the files at `paths`, in canonical form;
    None when there are none. Raises OSError or UnicodeDecodeError for a file that cannot be read."""
    texts = [resources.files(__package__).joinpath(BUILTIN).read_text(encoding="utf-8")] if builtin else []
    texts += [Path(path).read_text(encoding="utf-8") for path in paths]
    words = sorted({compact(fold(word)) for text in texts for word in read_list(text)} - {""})
    if not words:
        return None
    return FlaggedWords(AhoCorasick(words, matchkind=MatchKind.LeftmostLongest), len(words))


def flagged_shares(text: str, words: FlaggedWords) -> tuple[float, float]:
    """The share of the text's canonical characters inside flagged words, and the largest share of
    any line with at least MIN_LINE_CHARS canonical characters (0 when none has)."""
    matched = total = 0
    worst = 0.0
    for line in canonical_text(text).lines:
        if not line:
            continue
        covered = sum(end - start for _, start, end in words.finder.find_matches_as_indexes(line))
        matched, total = matched + covered, total + len(line)
        if len(line) >= MIN_LINE_CHARS:
            worst = max(worst, covered / len(line))
    return (matched / total if total else 0.0), worst
