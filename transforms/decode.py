"""Bytes to text for the encodings Chinese web pages use (UTF-8, GB18030/GBK, Big5, ...)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Declared legacy Chinese charsets are widened to their supersets: pages labelled gb2312 routinely
# contain GBK characters, and Big5 pages HKSCS ones.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5hkscs",
    "cp936": "gb18030",
}
_CHINESE_LEGACY = {"gb18030", "big5hkscs", "big5", "gbk", "gb2312"}
# Bytes that never occur in text: a record with many of them is binary (image, archive, ...).
_BINARY_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes, normalised to a Python codec name."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    return sum(sample.count(b) for b in _BINARY_BYTES) / len(sample) > 0.01


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode with evidence in order: BOM, strict UTF-8, a declared charset that decodes cleanly,
    strict GB18030 or Big5 when only one of them fits, then statistical detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data, encoding)
            if text is not None:
                return Decoded(text, encoding)
    if looks_binary(data):
        raise DecodeError("binary content (control bytes), not text")
    text = _try(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    if declared and declared not in _CHINESE_LEGACY:
        text = _try(data, declared)
        if text is not None:
            return Decoded(text, declared)
    # A declared GB or Big5 charset is only a hint: pages mislabel one as the other, and GB18030
    # decodes almost any byte string, so the bytes decide.
    return _detect(data, hint=declared)


def _detect(data: bytes, hint: str | None = None) -> Decoded:
    gb = _try(data, "gb18030")
    big5 = _try(data, "big5hkscs")
    if gb is not None and big5 is None:
        return Decoded(gb, "gb18030")
    if big5 is not None and gb is None:
        return Decoded(big5, "big5hkscs")
    if gb is not None and big5 is not None:
        # Both fit: the detector judges these two only (asked about every encoding, it may rank
        # cp932 first and say nothing useful). When it finds only one plausible, that one; when
        # both are (little evidence), the page's own label, else the detector's preference.
        matches = charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5"])
        plausible = [_SUPERSETS.get(match.encoding, match.encoding) for match in matches]
        if len(plausible) == 1:
            guess = plausible[0]
        elif hint in ("gb18030", "big5hkscs"):
            guess = hint
        else:
            guess = plausible[0] if plausible else "gb18030"
        return Decoded(gb if guess == "gb18030" else big5, guess)
    best = charset_normalizer.from_bytes(data).best()
    guess = _SUPERSETS.get(best.encoding, best.encoding) if best is not None else None
    if guess is not None:
        text = _try(data, guess)
        if text is not None:
            return Decoded(text, guess)
    raise DecodeError("undecodable bytes: not UTF-8, GB18030, Big5 or any detected encoding")
