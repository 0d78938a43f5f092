"""Stable identifiers and content hashes."""

from __future__ import annotations

import hashlib
import unicodedata

import xxhash


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_id(source_key: str, source_record: str | None) -> str:
    """An id that stays the same for the same source record across runs and machines.

    `source_key` is the path relative to the input root (not the absolute path), so a corpus
    moved to another directory or machine keeps its ids.
    """
    return xxhash.xxh3_128_hexdigest(f"{source_key}\x00{source_record or ''}".encode())


def dedup_key(text: str) -> str:
    """The exact-duplicate key: case, whitespace and punctuation do not make two texts different."""
    kept = [
        ch
        for ch in text.casefold()
        if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S", "C"))
    ]
    return xxhash.xxh3_128_hexdigest("".join(kept).encode())
