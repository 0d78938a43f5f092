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


def _dedup_drop_table() -> dict[int, None]:
    return {
        code: None
        for code in range(0x10000)
        if chr(code).isspace() or unicodedata.category(chr(code)).startswith(("P", "S", "C"))
    }


_DEDUP_DROP = _dedup_drop_table()  # built once at import: the BMP's spaces, punctuation, symbols, controls


def strip_for_dedup(text: str) -> str:
    """What dedup compares: case, whitespace, punctuation, symbols and controls do not count."""
    stripped = text.casefold().translate(_DEDUP_DROP)
    if stripped and max(stripped) > "\uffff":  # astral-plane symbols (emoji) are not in the table
        stripped = "".join(ch for ch in stripped if not unicodedata.category(ch).startswith(("P", "S", "C")))
    return stripped


def key_of_stripped(stripped: str) -> str:
    return xxhash.xxh3_128_hexdigest(stripped.encode())


def dedup_key(text: str) -> str:
    """The exact-duplicate key."""
    return key_of_stripped(strip_for_dedup(text))
