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
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

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
    pattern: re.Pattern[str]  # every form, longest first
    longer_words: frozenset[str]  # dictionary words that contain a form
    shapes: dict[str, tuple[tuple[int, int], ...]]  # form -> (chars before, chars after) of its longer words


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
    forms = {form for pair in pairs for form in pair[:2]}
    shapes: dict[str, set[tuple[int, int]]] = {form: set() for form in forms}
    for word in longer_words:
        for form in forms:
            at = word.find(form)
            while at >= 0 and len(word) > len(form):
                shapes[form].add((at, len(word) - len(form) - at))
                at = word.find(form, at + 1)
    return SpunLexicon(
        tuple(swaps),
        re.compile(_trie_pattern(forms)),
        frozenset(longer_words),
        {form: tuple(sorted(found)) for form, found in shapes.items() if found},
    )


def _trie_pattern(words: set[str]) -> str:
    """One regex for many literals, factored by common prefixes (much faster than a flat alternation);
    longer words win over their prefixes, like longest-first alternation."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(trie)


@cache
def default_lexicon() -> SpunLexicon:
    """The shipped lexicon, parsed once per process."""
    raw = json.loads(resources.files(__package__).joinpath("data/spun_lexicon.json").read_text("utf-8"))
    return build_lexicon([tuple(pair) for pair in raw["pairs"]], raw["longer_words"])


def form_counts(text: str, lexicon: SpunLexicon) -> Counter[str]:
    """Stand-alone uses of each form: a form inside a longer dictionary word ("取" in "取得") is not one."""
    counts: Counter[str] = Counter()
    longer, shapes = lexicon.longer_words, lexicon.shapes
    for match in lexicon.pattern.finditer(text):
        form = match.group()
        start, end = match.span()
        if not any(
            text[start - before : end + after] in longer
            for before, after in shapes.get(form, ())
            if start >= before
        ):
            counts[form] += 1
    return counts


def spun_evidence(text: str, lexicon: SpunLexicon | None = None) -> SpunEvidence:
    lexicon = lexicon or default_lexicon()
    counts = form_counts(text, lexicon)
    total, positive = 0.0, 0
    for pair in lexicon.pairs:
        spun, original = counts.get(pair.spun, 0), counts.get(pair.original, 0)
        if not spun and not original:
            continue
        evidence = spun * pair.spun_weight + original * pair.original_weight
        evidence = max(-PAIR_CAP, min(PAIR_CAP, evidence))
        total += evidence
        positive += evidence > 0
    return SpunEvidence(round(total, 4), positive)
