"""Bytes to text for the encodings Chinese web pages use (UTF-8, GB18030/GBK, Big5, ...)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from .chars import URO

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
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs"}  # by Python codec name
# The WHATWG Encoding Standard's labels for GBK and Big5 (what browsers accept); Python knows some.
_WEB_LABELS = dict.fromkeys(
    (
        "chinese",
        "csgb2312",
        "csiso58gb231280",
        "gb2312",
        "gb_2312",
        "gb_2312-80",
        "gbk",
        "iso-ir-58",
        "x-gbk",
    ),
    "gbk",
) | dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"), "big5")
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
        name = codecs.lookup(_WEB_LABELS.get(name, name)).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    binary = len(sample) - len(sample.translate(None, _BINARY_BYTES))  # one pass, not one per byte value
    return binary / len(sample) > 0.01


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
    # Chinese text first: a page labelled iso-8859-1 or windows-1252 (any bytes decode in those)
    # that reads as common Chinese characters in GB18030 or Big5 is Chinese.
    if declared and declared not in _CHINESE_LEGACY:
        chinese = any(plausible_chinese(_try(data, encoding)) for encoding in ("gb18030", "big5hkscs"))
        text = None if chinese else _try(data, declared)
        if text is not None:
            return Decoded(text, declared)
    # A declared GB or Big5 charset is only a hint: pages mislabel one as the other, and GB18030
    # decodes almost any byte string, so the bytes decide.
    return _detect(data, hint=declared)


# The most used characters: GB2312 level 1 (lead bytes B0-D7) and Big5's frequent block (A4-C6).
# Text in another script decoded as GB18030 or Big5 gives characters from all over the tables.
_COMMON_LEADS = {"gb2312": range(0xB0, 0xD8), "big5": range(0xA4, 0xC7)}
_HAN = re.compile(rf"[{URO}]")  # chars.URO: where GB2312 and Big5 text lands
_MIN_HAN = 20
_MIN_COMMON_SHARE = 0.8
_MAX_REPLACED_SHARE = 0.005
_MAX_REPLACED = 8  # a short document may have one corrupt sequence too


def plausible_chinese(text: str | None) -> bool:
    """Enough Han characters, and mostly common ones: real Chinese, not another script misread."""
    if not text:
        return False
    han = _HAN.findall(text[:20000])
    if len(han) < _MIN_HAN:
        return False
    common = 0
    for char in han:
        for codec, leads in _COMMON_LEADS.items():
            try:
                if char.encode(codec)[0] in leads:
                    common += 1
                    break
            except UnicodeEncodeError:
                continue
    return common >= _MIN_COMMON_SHARE * len(han)


def _lenient_chinese(data: bytes) -> Decoded | None:
    """GB18030, Big5 or UTF-8 with a few bad bytes replaced: a page with one corrupt sequence is
    still a Chinese page, not one in a Cyrillic code page a detector prefers."""
    readings = []
    for encoding in ("utf-8", "gb18030", "big5hkscs"):
        text = data.decode(encoding, errors="replace")
        replaced = text.count("\ufffd")
        if replaced <= max(_MAX_REPLACED, _MAX_REPLACED_SHARE * len(text)) and plausible_chinese(text):
            readings.append((replaced, encoding, text))
    if not readings:
        return None
    replaced, encoding, text = min(readings, key=lambda reading: reading[0])  # first of equals
    return Decoded(text, f"{encoding} (replaced {replaced})")


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
    lenient = _lenient_chinese(data)
    if lenient is not None:
        return lenient
    best = charset_normalizer.from_bytes(data).best()
    guess = _SUPERSETS.get(best.encoding, best.encoding) if best is not None else None
    if guess is not None:
        text = _try(data, guess)
        if text is not None:
            return Decoded(text, guess)
    raise DecodeError("undecodable bytes: not UTF-8, GB18030, Big5 or any detected encoding")


# A whole page (starting with a doctype, <html>, <head> or <body>) or markup dense with the tags
# pages are built from.
_PAGE_START = re.compile(
    r"\ufeff?\s*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|td|tr|table|span|a|img|h[1-6]|section|article)\b[^<>]*>", re.I
)
_SNIFF_CHARS = 8192
_MIN_BLOCK_TAGS = 5


def looks_like_html(text: str) -> bool:
    """Whether a record's text is a web page rather than text: what `read.record_format = "auto"`
    decides by, per record. Text that quotes a tag or two (a <br> left by a scraper) stays text."""
    head = text[:_SNIFF_CHARS]
    return bool(_PAGE_START.match(head)) or len(_BLOCK_TAG.findall(head)) >= _MIN_BLOCK_TAGS
