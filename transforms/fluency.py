"""Fluency: the unigram log-probability of a document's words from wordfreq's frequency lists (per
character for Chinese, per word elsewhere), the cheap stand-in for a language model's perplexity
that datatrove and CCNet-style pipelines use.

Scrambled text and made-up strings lean on rare "words"; prose sits near the language's average.
Chinese is segmented with wordfreq's own Jieba dictionary (the words its list
knows), run by jieba-rs through rjieba: the Python jieba costs about 1.8 µs a character, a third
of a document's whole pipeline, jieba-rs a twentieth of that. Languages written with spaces are split
into letter runs. Japanese, Korean and Thai would need MeCab or a segmenter of their own: None.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import cache
from itertools import compress
from typing import TYPE_CHECKING

from .chars import HAN

if TYPE_CHECKING:
    import rjieba

# rjieba and wordfreq are imported where they are used: importing them costs a quarter of a second,
# which every command and worker process would pay with fluency off (its default).

# Characters read per document, from its start, middle and end, so a long one costs no more than
# this: within a pipeline run about half a millisecond (segmenting, and looking words up in a table
# the other stages have pushed out of the CPU's caches), 1.2× a seed document's time. The sample's
# value is within 0.012 of the whole text's on average (bench/eval_fluency.py).
SAMPLE_CHARS = 1000
FLOOR = -8.0  # log10 of a word wordfreq does not list: its lists stop near 1e-8
_UNSEGMENTED = frozenset({"ja", "ko", "th", "my", "lo", "km", "bo"})
_HAN = re.compile(f"[{HAN}]")
_LETTERS = re.compile(r"[^\W\d_]")
_SPACED_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@cache
def log_frequencies(lang: str) -> dict[str, float]:
    """log10 of each word's frequency in wordfreq's best list for the language. For Chinese, only
    what the segmenter can cut: its dictionary's words, single characters and words without Han
    (a tenth of the list; the smaller table stays in the CPU's caches)."""
    import wordfreq

    frequencies = wordfreq.get_frequency_dict(lang)
    if lang == "zh":
        cut = {word for word, _ in _jieba_words()}
        frequencies = {
            word: frequency
            for word, frequency in frequencies.items()
            if word in cut or len(word) == 1 or not _HAN.search(word)
        }
    return {word: math.log10(frequency) for word, frequency in frequencies.items()}


def _jieba_words() -> Iterator[tuple[str, int]]:
    from wordfreq.util import data_path

    with open(data_path("jieba_zh.txt"), encoding="utf-8") as handle:
        for line in handle:
            word, frequency, *_ = line.split()
            yield word, int(frequency)


@cache
def chinese_segmenter() -> rjieba.Jieba:
    """jieba-rs with wordfreq's Jieba dictionary, so every word it cuts can be looked up."""
    import rjieba

    segmenter = rjieba.Jieba.empty()
    for word, frequency in _jieba_words():
        segmenter.add_word(word, frequency, None)
    return segmenter


@cache
def supported(lang: str) -> bool:
    import wordfreq

    return lang == "zh" or (lang not in _UNSEGMENTED and lang in wordfreq.available_languages())


def sample(text: str, budget: int = SAMPLE_CHARS) -> str:
    """At most `budget` characters of the text: its start, middle and end, a third each (a word cut
    at a slice's edge counts as two)."""
    if len(text) <= budget:
        return text
    third = budget // 3
    middle = (len(text) - third) // 2
    return "\n".join((text[:third], text[middle : middle + third], text[-third:]))


def fluency(text: str, lang: str | None, budget: int = SAMPLE_CHARS) -> float | None:
    """The log10 probability of the words of the text's sample per character for Chinese, per word
    for the others; None for a language wordfreq cannot read here or a text without words.

    Per character, because a Chinese word's probability falls with its length: per word, the
    common single characters that segmenting scrambled text leaves make it look as fluent as prose
    (bench/eval_fluency.py: shuffled sentences told from prose with ROC AUC 0.44 per word, 1.0 per
    character)."""
    if lang is None or not supported(lang):
        return None
    table, text = log_frequencies(lang), sample(text, budget).casefold()
    if lang != "zh":
        tokens = _SPACED_WORD.findall(text)
        return round(sum(table.get(word, FLOOR) for word in tokens) / len(tokens), 3) if tokens else None
    tokens = chinese_segmenter().cut(text, False)
    values = list(map(table.get, tokens))
    listed = list(compress(tokens, values))  # no listed word has a frequency of 1, whose log is 0
    # Jieba's tokens include punctuation and numbers: an unlisted token is a word if it has letters
    unlisted = [token for token in compress(tokens, map(_missing, values)) if _LETTERS.search(token)]
    characters = sum(map(len, listed)) + sum(map(len, unlisted))
    if not characters:
        return None
    return round((sum(filter(None, values)) + FLOOR * len(unlisted)) / characters, 3)


def _missing(value: float | None) -> bool:
    return value is None
