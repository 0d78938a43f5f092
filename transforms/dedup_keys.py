"""The columns global dedup reads instead of the text, all computed on the canonical form."""

from __future__ import annotations

from typing import Any

from refinery.transforms.canonical import compact_lines, fold, line_key
from refinery.transforms.config import DedupConfig
from refinery.transforms.hashing import exact_key
from refinery.transforms.minhash import band_keys, shingle_hashes, signature


def dedup_columns(text: str, config: DedupConfig, kept: bool = True) -> dict[str, Any]:
    """Everything dedup compares, from one folding of the text: the exact key for every document;
    for kept ones also the MinHash signature, its band keys and the paragraph key of each line
    (so the corpus-wide line stages need not fold the text again)."""
    folded = fold(text, config.canonical)
    lines = compact_lines(text, folded, config.canonical)
    whole = "".join(lines)
    columns: dict[str, Any] = {"text_hash": exact_key(whole)}
    if not kept:
        return columns
    values = signature(shingle_hashes(folded, whole, config), config) if config.near else None
    return columns | {
        "text_chars": len(whole),  # "longest clean text": exact copies tie, the first stays
        "minhash": values,
        "bands": band_keys(values, config.bands) if values else None,
        "line_keys": [line_key(line) for line in lines],  # one per line of text, None when too short
    }
