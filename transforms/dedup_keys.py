"""The columns global dedup reads instead of the text, all computed on the canonical form."""

from __future__ import annotations

from typing import Any

from .canonical import canonical_text
from .config import DedupConfig
from .hashing import exact_key
from .minhash import band_keys, shingle_hashes, signature


def dedup_columns(text: str, config: DedupConfig, kept: bool = True) -> dict[str, Any]:
    """Everything dedup compares, from one folding of the text: the exact key for every document;
    for kept ones also the MinHash signature, its band keys and the paragraph key of each line
    (so the corpus-wide line stages need not fold the text again)."""
    canonical = canonical_text(text, config.canonical)
    whole = canonical.whole
    columns: dict[str, Any] = {"text_hash": exact_key(whole)}
    if not kept:
        return columns
    values = signature(shingle_hashes(canonical.folded, whole, config), config) if config.near else None
    return columns | {
        "text_chars": len(whole),  # "longest clean text": exact copies tie, the first stays
        "minhash": values,
        "bands": band_keys(values, config.bands) if values else None,
        "line_keys": canonical.line_keys(),  # one per line of text, None when too short
    }
