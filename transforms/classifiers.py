"""Learned quality scores: fastText models (the format FineWeb-Edu, DCLM, CCNet and the Chinese
corpora ship their classifiers in) run on the cleaned text, one probability per model.

fastText splits its input on whitespace only, so Chinese must reach it cut into tokens, the same
way at training and at scoring: `chars` (each CJK character a token, runs of other letters and
digits one, case folded; what `refinery train-classifier` uses), `words` (jieba-rs with wordfreq's
dictionary) or `none` (the text as it is, on one line: for a model trained on text a tokenizer of
its own already split). Models are read once per process and version of their file.
"""

from __future__ import annotations

import os
import re
from functools import cache
from typing import Any

import numpy as np

from .fluency import chinese_segmenter
from .quality import CJK_BIT, WORD_BIT, char_classes

LABEL_PREFIX = "__label__"
SCORE_PREFIX = "quality_"  # a classifier's column and limits: quality_<name>, min_quality_<name>
_TOKEN = re.compile(r"[^\W_]+")


def model_input(text: str, tokenize: str) -> str:
    """The text as one line of space-separated tokens, as the model was trained on."""
    if tokenize == "none":
        return " ".join(text.split())
    folded = text.casefold()
    if tokenize == "words":
        return " ".join(token for token in chinese_segmenter().cut(folded, False) if _TOKEN.search(token))
    return _characters(folded)


def _characters(text: str) -> str:
    """Each CJK character, and each run of other letters and digits, with a space between: in numpy
    over the code points (a regex with the CJK class took 3.5 ms for a 3,000-character page)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = char_classes(codes)
    cjk = (classes & CJK_BIT) > 0
    kept = cjk | (((classes & WORD_BIT) > 0) & (codes != ord("_")))
    before_kept, before_cjk = np.roll(kept, 1), np.roll(cjk, 1)
    before_kept[:1] = before_cjk[:1] = False
    starts = (kept & (cjk | before_cjk | ~before_kept))[kept]  # a token starts at this kept character
    positions = np.arange(len(starts)) + np.cumsum(starts)  # one space before each start
    out = np.full(len(starts) + int(starts.sum()), ord(" "), dtype=np.uint32)
    out[positions] = codes[kept]
    return out[1:].tobytes().decode("utf-32-le", "surrogatepass")


def score_column(name: str) -> str:
    """The column (and signal name in limits) of a classifier's score."""
    return SCORE_PREFIX + name


def load_model(path: str) -> Any:
    """The fastText model at `path`, read once per process and version of the file (size, mtime).
    Raises OSError when it cannot be read, ValueError when it is not a fastText model."""
    status = os.stat(path)
    return _load(path, status.st_size, status.st_mtime_ns)


@cache
def _load(path: str, size: int, mtime_ns: int) -> Any:
    import fasttext

    return fasttext.load_model(path)


def label_name(label: str) -> str:
    return label if label.startswith(LABEL_PREFIX) else LABEL_PREFIX + label


def probability(model: Any, text: str, label: str) -> float:
    """The model's probability that `text` (model_input's form) has `label`; 0 for a label the model
    does not know."""
    labels, probabilities = model.predict(text, k=-1)
    scores = dict(zip(labels, probabilities.tolist(), strict=True))
    return round(min(max(scores.get(label_name(label), 0.0), 0.0), 1.0), 4)
