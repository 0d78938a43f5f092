"""MinHash signatures and LSH band keys for near-duplicate detection.

Chinese, Japanese and Korean text is shingled by characters (no word boundaries to rely on),
space-delimited text by words; both after the same normalisation as the exact dedup key, so
spacing, case and punctuation differences do not count. Signatures come from rensa (Rust).
"""

from __future__ import annotations

import re
import struct

import rensa
import xxhash

from transforms.config import DedupConfig
from transforms.hashing import strip_for_dedup

_CJK_RUNS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
_WORD = re.compile(r"\w+")


def shingles(text: str, config: DedupConfig, stripped: str | None = None) -> list[str]:
    """Character n-grams for CJK text, word n-grams otherwise; a short text is one shingle.
    `stripped` is `strip_for_dedup(text)` when the caller has it already."""
    compact = strip_for_dedup(text) if stripped is None else stripped
    if sum(map(len, _CJK_RUNS.findall(compact))) * 3 >= len(compact):
        size = config.cjk_shingle
        return [compact[i : i + size] for i in range(len(compact) - size + 1)] or [compact]
    words = _WORD.findall(text.casefold())
    size = config.word_shingle
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)] or [" ".join(words)]


def signature(text: str, config: DedupConfig, stripped: str | None = None) -> list[int]:
    minhash = rensa.RMinHash(num_perm=config.num_perm, seed=config.seed)
    minhash.update(shingles(text, config, stripped))
    return [value & 0xFFFFFFFF for value in minhash.digest()]


def band_keys(values: list[int], bands: int) -> list[int]:
    """One 64-bit key per band; the band index is part of the key, so bands never collide."""
    rows = len(values) // bands
    return [
        xxhash.xxh3_64_intdigest(struct.pack(f"<I{rows}I", band, *values[band * rows : (band + 1) * rows]))
        for band in range(bands)
    ]


def estimated_jaccard(a: list[int], b: list[int]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
