"""MinHash signatures and LSH band keys for near-duplicate detection.

Chinese, Japanese and Korean text is shingled by characters (no word boundaries to rely on),
space-delimited text by words; both on the canonical form (transforms.canonical), so script,
regional phrasing, width, spacing, case and punctuation differences do not count. Shingles are
hashed with numpy and signed by rensa (Rust) in one call: no Python string per shingle.
"""

from __future__ import annotations

import re
import struct

import numpy as np
import rensa
import xxhash

from .chars import CJK, CJK_SHINGLE_SHARE, at_least
from .config import DedupConfig

_CJK_RUNS = re.compile(rf"[{CJK}]+")
_WORD = re.compile(r"\w+")
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd: a bijection on 64-bit words
# Shingle hashing and signing, versioned: signatures made another way are never compared with these.
SIGNATURE_SCHEME = f"ngram-splitmix64-v1+rensa-rminhash-{rensa.RMinHash.ALGORITHM_VERSION}"


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: neighbouring inputs get unrelated hashes."""
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def _ngram_hashes(units: np.ndarray, size: int) -> np.ndarray:
    """One 64-bit hash per run of `size` consecutive units (a single hash when there are fewer)."""
    size = max(1, min(size, len(units)))
    mixed = _mix(units.astype(np.uint64) + np.uint64(1))
    combined = mixed[: len(mixed) - size + 1].copy()
    for offset in range(1, size):  # an order-sensitive combination: "ab" and "ba" differ
        combined = combined * _MULTIPLIER + mixed[offset : len(mixed) - size + 1 + offset]
    return _mix(combined)


def is_cjk(compact: str) -> bool:
    """Character shingles when a third or more of the canonical text is CJK (chars.CJK_SHINGLE_SHARE)."""
    return at_least(sum(map(len, _CJK_RUNS.findall(compact))), len(compact), CJK_SHINGLE_SHARE)


def shingle_hashes(folded: str, compact: str, config: DedupConfig) -> np.ndarray:
    """The shingle hashes of a text (repeats included: MinHash ignores them), from its folded and
    canonical forms (`transforms.canonical.fold` and `canonical`)."""
    if is_cjk(compact):
        units = np.frombuffer(compact.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        size = config.cjk_shingle
    else:
        words = _WORD.findall(folded)
        units = np.fromiter((xxhash.xxh3_64_intdigest(w.encode()) for w in words), np.uint64, len(words))
        size = config.word_shingle
    if not len(units):
        return np.zeros(1, dtype=np.uint64)  # every empty text is one shingle
    return _ngram_hashes(units, size)


def signature(hashes: np.ndarray, config: DedupConfig) -> list[int]:
    """MinHash values (32-bit) of a set of shingle hashes."""
    offsets = np.array([0, len(hashes)], dtype=np.uint64)
    sign = rensa.RMinHash.digest_matrix_from_flat_token_hashes
    matrix = sign(hashes, offsets, config.num_perm, config.seed)
    return [value & 0xFFFFFFFF for value in matrix.to_rows()[0]]


def band_keys(values: list[int], bands: int) -> list[int]:
    """One 64-bit key per band; the band index is part of the key, so bands never collide."""
    rows = len(values) // bands
    return [
        xxhash.xxh3_64_intdigest(struct.pack(f"<I{rows}I", band, *values[band * rows : (band + 1) * rows]))
        for band in range(bands)
    ]
