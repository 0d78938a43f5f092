"""Per-document quality signals, CJK-aware: what a user needs to decide what "good" is.

Repetition is measured on tokens that suit the script: a CJK character is a token (Chinese has no
spaces), a run of letters or digits is one. Gopher's repetition signals are defined on words; ten CJK
characters stand in for five words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, fields
from functools import cache

from transforms.spun import spun_evidence

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_TOKEN = re.compile(f"[{_CJK}]|[^\\W{_CJK}]+")  # a CJK character, or a run of other word characters
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s")
_SENTENCE_END = frozenset("。！？!?…．.；;")
_CLOSERS = "\"'”’」』）)】》〉"
TOP_NGRAM = 2  # Gopher: share of characters in the most frequent 2-gram
DUP_NGRAM_CJK, DUP_NGRAM_WORDS = 10, 5  # repeated n-grams: 10 CJK characters ≈ 5 words


@dataclass(frozen=True, slots=True)
class QualitySignals:
    cjk_share: float  # CJK characters / non-space characters
    mean_line_chars: float
    sentence_end_share: float  # lines ending like a sentence
    dup_line_share: float  # lines that repeat an earlier line
    top_ngram_share: float  # characters in the most frequent token 2-gram
    dup_ngram_share: float  # characters in token n-grams that occur more than once
    symbol_share: float  # symbol characters (Unicode S*: ©, ★, emoji, ...) / non-space characters
    digit_share: float
    boilerplate_share: float  # characters the boilerplate cleaners removed / characters before
    spun_score: float | None  # Chinese only: 0..1, see transforms.spun
    spun: bool | None


@cache
def _symbol_pattern() -> re.Pattern[str]:
    """Unicode symbol categories; Python's re has no \\p{S}, so the class is built once."""
    ranges: list[str] = []
    start = previous = None
    for code in range(0x20, 0x10000):
        if unicodedata.category(chr(code)).startswith("S"):
            if previous is not None and code == previous + 1:
                previous = code
                continue
            if start is not None:
                ranges.append(_range(start, previous))
            start = previous = code
    if start is not None:
        ranges.append(_range(start, previous))
    return re.compile("[" + "".join(ranges) + "\U0001f000-\U0001faff]")


def _range(start: int, end: int | None) -> str:
    return re.escape(chr(start)) + ("-" + re.escape(chr(end)) if end and end != start else "")


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def quality_signals(
    text: str, chinese: bool, removed_chars: int = 0, spun_threshold: float = 0.5
) -> QualitySignals:
    """All signals of one (cleaned) document; `removed_chars` is what boilerplate removal took."""
    visible = len(text) - len(_SPACE.findall(text))
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    ended = sum(1 for line in lines if line.rstrip(_CLOSERS)[-1:] in _SENTENCE_END)
    tokens = _TOKEN.findall(text)
    cjk = len(_CJK_CHAR.findall(text))
    evidence = spun_evidence(text) if chinese else None
    return QualitySignals(
        cjk_share=_share(cjk, visible),
        mean_line_chars=round(sum(map(len, lines)) / len(lines), 2) if lines else 0.0,
        sentence_end_share=_share(ended, len(lines)),
        dup_line_share=_share(len(lines) - len(set(lines)), len(lines)),
        top_ngram_share=top_ngram_share(tokens, TOP_NGRAM),
        dup_ngram_share=dup_ngram_share(tokens, DUP_NGRAM_CJK if cjk * 2 >= len(tokens) else DUP_NGRAM_WORDS),
        symbol_share=_share(len(_symbol_pattern().findall(text)), visible),
        digit_share=_share(len(_DIGIT.findall(text)), visible),
        boilerplate_share=_share(removed_chars, removed_chars + len(text)),
        spun_score=round(evidence.score, 4) if evidence else None,
        spun=evidence.score >= spun_threshold if evidence else None,
    )


def _ngrams(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[start : start + n]) for start in range(len(tokens) - n + 1)]


def top_ngram_share(tokens: list[str], n: int) -> float:
    """Share of token characters in the most frequent n-gram (its occurrences, counted once each)."""
    if len(tokens) < n:
        return 0.0
    grams = Counter(_ngrams(tokens, n))
    gram, count = grams.most_common(1)[0]
    if count < 2:
        return 0.0
    return _share(count * sum(map(len, gram)), sum(map(len, tokens)))


def dup_ngram_share(tokens: list[str], n: int) -> float:
    """Share of token characters covered by n-grams that occur more than once (Gopher's dup n-gram frac)."""
    if len(tokens) < n:
        return 0.0
    grams = _ngrams(tokens, n)
    counts = Counter(grams)
    covered = [False] * len(tokens)
    for start, gram in enumerate(grams):
        if counts[gram] > 1:
            covered[start : start + n] = [True] * n
    covered_chars = sum(len(token) for token, hit in zip(tokens, covered, strict=True) if hit)
    return _share(covered_chars, sum(map(len, tokens)))


BOILERPLATE_STEPS = frozenset({"boilerplate", "corpus_lines"})  # the removals boilerplate_share counts
SIGNALS = tuple(field.name for field in fields(QualitySignals))
LIMITED_SIGNALS = tuple(name for name in SIGNALS if name != "spun")  # numeric: can have limits


def quality_reason(signals: QualitySignals, limits: dict[str, float], reject_spun: bool) -> str | None:
    """The first signal outside its limit, as a rejection reason; None when the document passes."""
    if reject_spun and signals.spun:
        return "quality:spun"
    for name in LIMITED_SIGNALS:
        value = getattr(signals, name)
        if value is None:
            continue
        low, high = limits.get(f"min_{name}"), limits.get(f"max_{name}")
        if (low is not None and value < low) or (high is not None and value > high):
            return f"quality:{name}"
    return None
