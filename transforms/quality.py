"""Per-document quality signals, CJK-aware: what a user needs to decide what "good" is.

Repetition is measured on tokens that suit the script: a CJK character is a token (Chinese has no
spaces), a run of letters or digits is one. Gopher's repetition signals are defined on words; ten CJK
characters stand in for five words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields
from functools import cache

import numpy as np

from .chars import CJK_RANGES, CJK_TOKEN_SHARE, at_least, ends_sentence, in_ranges
from .spun import spun_evidence

# Character classes, as bits of a per-code-point table (numpy counts them without Python loops)
_SPACE, CJK_BIT, WORD_BIT, _DIGIT, _SYMBOL = 1, 2, 4, 8, 16  # WORD_BIT: letters/digits other than CJK
_ASTRAL_SYMBOLS = (0x1F000, 0x1FB00)  # emoji and other pictographs
TOP_NGRAM = 2  # Gopher: share of characters in the most frequent 2-gram
# Repeated n-grams: 10 CJK characters ≈ 5 words; 10 when CJK is chars.CJK_TOKEN_SHARE of the tokens
DUP_NGRAM_CJK, DUP_NGRAM_WORDS = 10, 5
_KEY_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


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
    # with flagged-word lists (config [flagged]; transforms/flagged.py), else None
    flagged_share: float | None = None  # canonical characters inside flagged words
    flagged_line_share: float | None = None  # the same in the worst line
    # mean log10 word frequency in wordfreq's lists (filter.fluency; transforms/fluency.py), else None
    fluency: float | None = None


@cache
def class_table() -> np.ndarray:
    """Class bits of every BMP code point, built once per process from Python's own definitions."""
    plane = "".join(map(chr, range(0x10000)))
    table = np.zeros(0x10000, dtype=np.uint8)
    for bit, pattern in ((_SPACE, r"\s"), (WORD_BIT, r"\w"), (_DIGIT, r"\d")):
        table[[match.start() for match in re.finditer(pattern, plane)]] |= bit
    for first, last in CJK_RANGES:
        if first <= 0xFFFF:
            table[first : last + 1] = (table[first : last + 1] & (0xFF ^ WORD_BIT)) | CJK_BIT
    table[[code for code in range(0x10000) if unicodedata.category(chr(code)).startswith("S")]] |= _SYMBOL
    return table


def char_classes(codes: np.ndarray) -> np.ndarray:
    classes = class_table()[np.minimum(codes, 0xFFFF)]
    astral = codes > 0xFFFF
    if astral.any():
        classes[astral] = np.where(
            in_ranges(codes[astral], CJK_RANGES),
            CJK_BIT,
            np.where(
                (codes[astral] >= _ASTRAL_SYMBOLS[0]) & (codes[astral] < _ASTRAL_SYMBOLS[1]), _SYMBOL, 0
            ),
        )
    return classes


def _tokens(text: str, codes: np.ndarray, classes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Token ids and lengths: a CJK character is a token (its code point), and so is each run of other
    word characters (numbered by first appearance, above the code points)."""
    cjk = (classes & CJK_BIT) > 0
    word = (classes & WORD_BIT) > 0
    edges = np.diff(np.concatenate(([False], word, [False])).astype(np.int8))
    run_starts, run_ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    numbering: dict[str, int] = {}
    run_ids = [
        numbering.setdefault(text[a:b], 0x110000 + len(numbering))
        for a, b in zip(run_starts, run_ends, strict=True)
    ]
    positions = np.concatenate((np.flatnonzero(cjk), run_starts))
    ids = np.concatenate((codes[cjk].astype(np.uint64), np.array(run_ids, dtype=np.uint64)))
    lengths = np.concatenate((np.ones(int(cjk.sum()), dtype=np.int64), run_ends - run_starts))
    order = np.argsort(positions, kind="stable")
    return ids[order], lengths[order]


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def quality_signals(
    text: str, chinese: bool, removed_chars: int = 0, spun_threshold: float = 0.5
) -> QualitySignals:
    """All signals of one (cleaned) document; `removed_chars` is what boilerplate removal took."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = char_classes(codes)
    counts = {bit: int(np.count_nonzero(classes & bit)) for bit in (_SPACE, CJK_BIT, _DIGIT, _SYMBOL)}
    visible = len(text) - counts[_SPACE]
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    ended = sum(1 for line in lines if ends_sentence(line))
    ids, lengths = _tokens(text, codes, classes)
    cjk = counts[CJK_BIT]
    dup_n = DUP_NGRAM_CJK if at_least(cjk, len(ids), CJK_TOKEN_SHARE) else DUP_NGRAM_WORDS
    top_ngram, dup_ngram = repetition_shares(ids, lengths, TOP_NGRAM, dup_n)
    evidence = spun_evidence(text) if chinese else None
    return QualitySignals(
        cjk_share=_share(cjk, visible),
        mean_line_chars=round(sum(map(len, lines)) / len(lines), 2) if lines else 0.0,
        sentence_end_share=_share(ended, len(lines)),
        dup_line_share=_share(len(lines) - len(set(lines)), len(lines)),
        top_ngram_share=top_ngram,
        dup_ngram_share=dup_ngram,
        symbol_share=_share(counts[_SYMBOL], visible),
        digit_share=_share(counts[_DIGIT], visible),
        boilerplate_share=_share(removed_chars, removed_chars + len(text)),
        spun_score=round(evidence.score, 4) if evidence else None,
        spun=evidence.score >= spun_threshold if evidence else None,
    )


def repetition_shares(ids: np.ndarray, lengths: np.ndarray, top_n: int, dup_n: int) -> tuple[float, float]:
    """(top_ngram_share, dup_ngram_share) of a token sequence (ids and character lengths): the share of
    token characters covered by the most frequent top_n-gram, and by dup_n-grams that occur more than
    once (Gopher; overlapping occurrences count their characters once, so these are true shares).
    Vectorized over 64-bit n-gram keys."""
    total = int(lengths.sum())
    return _top_share(ids, lengths, top_n, total), _dup_share(ids, lengths, dup_n, total)


def _gram_keys(ids: np.ndarray, n: int) -> np.ndarray:
    count = len(ids) - n + 1
    keys = ids[:count].copy()
    for offset in range(1, n):
        keys = keys * _KEY_MULTIPLIER + ids[offset : offset + count]  # wraps modulo 2**64
    return keys


def _top_share(ids: np.ndarray, lengths: np.ndarray, n: int, total: int) -> float:
    if len(ids) < n:
        return 0.0
    keys = _gram_keys(ids, n)
    unique, counts = np.unique(keys, return_counts=True)
    top = int(np.argmax(counts))  # ties: the smallest key, so the choice is deterministic
    if counts[top] < 2:
        return 0.0
    return _share(_covered_chars(np.flatnonzero(keys == unique[top]), n, lengths), total)


def _dup_share(ids: np.ndarray, lengths: np.ndarray, n: int, total: int) -> float:
    if len(ids) < n:
        return 0.0
    _, inverse, counts = np.unique(_gram_keys(ids, n), return_inverse=True, return_counts=True)
    return _share(_covered_chars(np.flatnonzero(counts[inverse] > 1), n, lengths), total)


def _covered_chars(starts: np.ndarray, n: int, lengths: np.ndarray) -> int:
    """Characters of the tokens that n-grams starting at `starts` cover (overlaps counted once)."""
    cover = np.zeros(len(lengths) + 1, dtype=np.int64)  # +1 where an n-gram starts, -1 after it
    cover[starts] += 1  # starts are distinct, so plain indexing adds once each
    cover[starts + n] -= 1
    return int(lengths[np.cumsum(cover[:-1]) > 0].sum())


BOILERPLATE_STEPS = frozenset({"boilerplate", "corpus_lines"})  # the removals boilerplate_share counts
SIGNALS = tuple(field.name for field in fields(QualitySignals))
LIMITED_SIGNALS = tuple(name for name in SIGNALS if name != "spun")  # numeric: can have limits
