"""Spun-text score: evidence that an article went through a synonym-swapping tool (伪原创 / 洗稿).

Such tools replace words by near-synonyms that do not fit the context (合作→合做, 技术→手艺, 在→正在,
与→取, 网络→收集, 安全→平安). Each swap pair is a small statistical test: clean text uses the spun
form at a known share of the two forms' uses (counted on clean text, transforms/data/spun_lexicon.json);
a spun text uses it far more often. The score adds up, over the pairs a document uses, the log-likelihood
ratio of "half of the originals were swapped" against "clean usage", each pair capped so one topic word
(平安 in a text about 平安银行) cannot decide alone.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from ahocorasick_rs import AhoCorasick, MatchKind

SWAP_SHARE = 0.5  # the alternative: a spinner swapped this share of the originals
PAIR_CAP = 4.0  # the most (and least) one pair can contribute, in nats
# score = logistic((log_ratio - SCORE_CENTRE) / SCORE_SCALE): 0.5 at SCORE_CENTRE nats. Clean news
# pages stay below -7 and fully spun ones above +36 (bench/eval_spun.py); the centre sits high enough
# above the clean ones that a short clean page cannot reach it by chance.
SCORE_CENTRE, SCORE_SCALE = 8.0, 4.0


@dataclass(frozen=True, slots=True)
class SwapPair:
    original: str
    spun: str
    spun_weight: float  # log-likelihood ratio per use of the spun form
    original_weight: float  # ... per use of the original (negative)


@dataclass(frozen=True, slots=True)
class SpunLexicon:
    pairs: tuple[SwapPair, ...]
    forms: tuple[str, ...]
    form_finder: AhoCorasick | None  # every form, leftmost-longest: one pass over the text
    word_finder: AhoCorasick | None  # every occurrence of a dictionary word that contains a form
    spun_form: np.ndarray  # per pair: index into `forms` of its spun form
    original_form: np.ndarray  # ... of its original
    spun_weight: np.ndarray  # per pair, as in `pairs`
    original_weight: np.ndarray


@dataclass(frozen=True, slots=True)
class SpunEvidence:
    log_ratio: float  # summed, capped log-likelihood ratio (nats); > 0 leans spun
    pairs: int  # pairs with positive evidence

    @property
    def score(self) -> float:
        """The log-likelihood ratio squashed into [0, 1]; 0.5 at SCORE_CENTRE nats of evidence."""
        return 1.0 / (1.0 + math.exp(-max(min((self.log_ratio - SCORE_CENTRE) / SCORE_SCALE, 30.0), -30.0)))


def build_lexicon(pairs: list[tuple[str, str, int, int]], longer_words: list[str]) -> SpunLexicon:
    swaps = []
    for original, spun, original_count, spun_count in pairs:
        clean_share = (spun_count + 1) / (spun_count + original_count + 2)
        swapped_share = clean_share + (1 - clean_share) * SWAP_SHARE
        swaps.append(
            SwapPair(
                original,
                spun,
                math.log(swapped_share / clean_share),
                math.log((1 - swapped_share) / (1 - clean_share)),
            )
        )
    forms = tuple(sorted({form for pair in pairs for form in pair[:2]}))
    index = {form: at for at, form in enumerate(forms)}
    words = sorted({word for word in longer_words if any(form in word and form != word for form in forms)})
    return SpunLexicon(
        tuple(swaps),
        forms,
        AhoCorasick(forms, matchkind=MatchKind.LeftmostLongest) if forms else None,
        AhoCorasick(words) if words else None,
        np.array([index[swap.spun] for swap in swaps], dtype=np.int64),
        np.array([index[swap.original] for swap in swaps], dtype=np.int64),
        np.array([swap.spun_weight for swap in swaps]),
        np.array([swap.original_weight for swap in swaps]),
    )


@cache
def default_lexicon() -> SpunLexicon:
    """The shipped lexicon, parsed once per process."""
    raw = json.loads(resources.files(__package__).joinpath("data/spun_lexicon.json").read_text("utf-8"))
    return build_lexicon([tuple(pair) for pair in raw["pairs"]], raw["longer_words"])


def standalone_uses(text: str, lexicon: SpunLexicon) -> np.ndarray:
    """Per form, its uses outside every longer dictionary word ("取" in "取得" is not one).

    The forms are found leftmost-longest (at each place the longest form, no overlaps); a form is
    inside a longer word when an occurrence of one starts before it and ends at or after its end,
    or starts with it and ends after it."""
    counts = np.zeros(len(lexicon.forms), dtype=np.int64)
    if lexicon.form_finder is None:
        return counts
    found = lexicon.form_finder.find_matches_as_indexes(text)
    if not found:
        return counts
    matches = np.array(found, dtype=np.int64)
    form, start, end = matches[:, 0], matches[:, 1], matches[:, 2]
    words = lexicon.word_finder.find_matches_as_indexes(text, overlapping=True) if lexicon.word_finder else []
    if words:
        occurrences = np.array(words, dtype=np.int64)
        reach = np.full(len(text) + 1, -1, dtype=np.int64)  # the furthest end of a word starting here
        np.maximum.at(reach, occurrences[:, 1], occurrences[:, 2])
        reach_before = np.maximum.accumulate(np.concatenate(([-1], reach[:-1])))  # ... starting earlier
        form = form[(reach_before[start] < end) & (reach[start] <= end)]
    return counts + np.bincount(form, minlength=len(lexicon.forms))


def spun_evidence(text: str, lexicon: SpunLexicon | None = None) -> SpunEvidence:
    lexicon = lexicon or default_lexicon()
    counts = standalone_uses(text, lexicon)
    spun, original = counts[lexicon.spun_form], counts[lexicon.original_form]
    used = (spun > 0) | (original > 0)
    evidence = spun * lexicon.spun_weight + original * lexicon.original_weight
    evidence = np.clip(evidence[used], -PAIR_CAP, PAIR_CAP)
    # summed in pair order, one by one, so the score does not depend on numpy's summation order
    return SpunEvidence(round(sum(evidence.tolist()), 4), int((evidence > 0).sum()))
