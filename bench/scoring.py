"""Token precision/recall/F1 for extraction and cleaning evaluations.

Tokens: each CJK character is a token, each run of letters or digits is a token; punctuation and
whitespace are not tokens. Scores compare bags (multisets) of tokens, per document.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

_TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]|[^\W_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+"
)


def tokens(text: str) -> Counter[str]:
    return Counter(token.casefold() for token in _TOKEN.findall(text or ""))


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def score(predicted: str, gold: str) -> Score:
    got, want = tokens(predicted), tokens(gold)
    overlap = sum((got & want).values())
    precision = overlap / sum(got.values()) if got else (1.0 if not want else 0.0)
    recall = overlap / sum(want.values()) if want else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def mean_score(scores: list[Score]) -> Score:
    return Score(
        statistics.fmean(s.precision for s in scores),
        statistics.fmean(s.recall for s in scores),
        statistics.fmean(s.f1 for s in scores),
    )
